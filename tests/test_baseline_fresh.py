"""The shipped claims.baseline.json is what `make baseline` writes today, so the README's
`check --baseline claims.baseline.json --strict` passes on the untouched seeds. Run by `make test`
(CI): a change that moves what check observes fails here until the baseline is regenerated."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mineralcheck import cli
from mineralcheck.errors import ExitCode
from tests.conftest import ROOT
from tests.events import RealEvents

pytestmark = pytest.mark.model

STALE = "claims.baseline.json is stale: run `make baseline` and review the diff"


@pytest.fixture
def at_root(real_events: RealEvents, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    real_events.prepared(ROOT / "seeds")  # parsed once per session; the commands read the same cache
    monkeypatch.setenv("MINERALCHECK_CACHE_DIR", str(real_events.cache_dir))
    monkeypatch.chdir(ROOT)
    return CliRunner()


def test_the_shipped_baseline_is_what_make_baseline_writes(at_root: CliRunner, tmp_path: Path) -> None:
    fresh = tmp_path / "claims.baseline.json"
    done = at_root.invoke(cli.app, ["check", "--baseline", str(fresh), "--update-baseline", "--quiet"])
    assert done.exit_code == ExitCode.OK, done.stdout
    shipped = (ROOT / "claims.baseline.json").read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == shipped, STALE


def test_strict_check_against_the_shipped_baseline_passes_on_the_seeds(at_root: CliRunner) -> None:
    done = at_root.invoke(cli.app, ["check", "--baseline", "claims.baseline.json", "--strict", "--quiet"])
    assert done.exit_code == ExitCode.OK, f"{STALE}\n{done.stdout}"
    assert "MC1" not in done.stdout
