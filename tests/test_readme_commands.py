"""The README promises only what is true: its `mineralcheck` command lines run on a copy of the seeds
with the exit codes and output it shows, and the paths, `make` targets and speed figures it names
are real. (Its sample report is checked by tests/test_readme.py, its finding codes, formats and exit
codes by tests/test_cli_check.py.)"""

from __future__ import annotations

import importlib.util
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from mineralcheck import cli
from mineralcheck.errors import ExitCode
from tests.conftest import ROOT
from tests.events import RealEvents
from tests.readme_sample import EDIT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)


EXIT_CODES = {
    "mineralcheck compare seeds/": ExitCode.OK,
    "mineralcheck compare news/ --only diverge --min-sources 3 --fail-on diverge -f markdown -o diverge.md": (
        ExitCode.FAILED  # the seeds' quote divergence is stated by four sources
    ),
    "mineralcheck check": ExitCode.FAILED,  # after EDIT, as the README shows
    "mineralcheck check --baseline claims.baseline.json": ExitCode.OK,
    "mineralcheck check --baseline claims.baseline.json --strict": ExitCode.OK,
    "mineralcheck check --update-baseline": ExitCode.OK,
}
"""Every command line of the README's console blocks, with the exit code it has on the seeds."""


def readme_commands() -> list[tuple[str, list[str]]]:
    """Each `$ mineralcheck …` line of a console block (without its comment), with the lines the
    README shows it print."""
    found = []
    for block in CONSOLE.findall(README):
        lines = block.splitlines()
        for k, line in enumerate(lines):
            if line.startswith("$ mineralcheck "):
                output = []
                for after in lines[k + 1 :]:
                    if after.startswith("$ ") or after == "...":
                        break
                    output.append(after)
                found.append((re.sub(r"\s+#.*$", "", line[2:]), output))
    return found


def test_every_command_line_of_the_readme_is_run_here() -> None:
    assert sorted({command for command, _ in readme_commands()}) == sorted(EXIT_CODES)


@pytest.fixture
def project(real_events: RealEvents, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's seeds, claims.yaml and baseline, with news/ another copy of the
    seeds; the cache of the session's real events, so unchanged articles are not parsed again."""
    real_events.prepared(ROOT / "seeds")
    monkeypatch.setenv("MINERALCHECK_CACHE_DIR", str(real_events.cache_dir))
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "seeds", tmp_path / "news")
    for name in ("claims.yaml", "claims.baseline.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(command: str) -> tuple[int, str]:
    args = shlex.split(command)
    assert args[0] in ("mineralcheck", ".venv/bin/mineralcheck")
    done = CliRunner().invoke(cli.app, args[1:])
    return done.exit_code, done.stdout


@pytest.mark.model
@pytest.mark.parametrize(("command", "shown"), readme_commands(), ids=[c for c, _ in readme_commands()])
def test_a_readme_command_line_runs_as_the_readme_says(project: Path, command: str, shown: list[str]) -> None:
    if command == "mineralcheck check":
        path, old, new = EDIT
        text = (project / path).read_text(encoding="utf-8")
        (project / path).write_text(text.replace(old, new), encoding="utf-8")
    code, stdout = _run(command)
    assert code == EXIT_CODES[command], stdout
    if shown and command != "mineralcheck compare seeds/":  # (that sample: tests/test_readme.py)
        rewrite = "the README's `check` example is stale: run `make readme` and review the diff"
        assert [line.rstrip() for line in stdout.splitlines()] == shown, rewrite
    if "-o diverge.md" in command:
        assert "Takaichi quoted in different words" in (project / "diverge.md").read_text(encoding="utf-8")


@pytest.mark.model
def test_the_github_actions_step_runs_and_writes_its_reports(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    step = re.search(r"run: >\n((?:          .*\n)+)", README)
    assert step is not None, "the README's workflow lost its check step"
    command = " ".join(step.group(1).split())
    summary = project / "summary.md"
    code, stdout = _run(command.replace('"$GITHUB_STEP_SUMMARY"', str(summary)))
    assert code == ExitCode.OK, stdout
    for name in ("mineralcheck-junit.xml", "mineralcheck.json", "mineralcheck.txt"):
        assert (project / name).stat().st_size > 0, name
    assert "claims passed" in summary.read_text(encoding="utf-8")


@pytest.mark.model
def test_the_filter_example_and_the_report_size_are_real(project: Path) -> None:
    code, stdout = _run("mineralcheck compare seeds/ --only diverge")
    shown = re.search(r"`(showing \d+ of \d+ facts \(only diverge\))`", README)
    assert code == ExitCode.OK and shown is not None and shown.group(1) in stdout.splitlines()
    code, stdout = _run("mineralcheck compare seeds/")
    lines = stdout.splitlines()
    about = re.search(r"the seeds' report is about (\d+) lines", README)
    assert about is not None and abs(len(lines) - int(about.group(1))) <= int(about.group(1)) * 0.15
    assert max(len(line) for line in lines) <= 100


def test_every_make_target_the_readme_names_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, re.MULTILINE))
    named = set(re.findall(r"(?:`|^)make\s+([a-z]+)\b", README, re.MULTILINE))
    assert named and named <= targets, named - targets


@pytest.mark.parametrize("text_file", ["README.md", "claims.yaml", "bench/README.md"])
def test_every_file_of_the_repository_a_document_names_exists(text_file: str) -> None:
    text = (ROOT / text_file).read_text(encoding="utf-8")
    pattern = r"(?<![\w./])((?:mineralcheck|tests|bench|docs|requirements|seeds)/[\w./-]*\w)(?![\w*])"
    named = set(re.findall(pattern, text))
    missing = sorted(p for p in named if not (ROOT / p).exists() and not _generated(p))
    assert missing == [], missing


def _generated(path: str) -> bool:
    """A path git ignores (as a file or a folder) is written by a make target, not shipped in a clone."""
    ignored = subprocess.run(["git", "check-ignore", "-q", "--no-index", f"{path}/"], cwd=ROOT, check=False)
    return ignored.returncode == 0


def _bench(name: str = "run") -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


def test_the_speed_figures_are_those_of_the_last_make_bench() -> None:
    # `make bench` writes both; figures typed into the README by hand fail here.
    bench = _bench()
    blocks = _bench("blocks")
    recorded = blocks.current_block(
        (ROOT / "bench" / "README.md").read_text(encoding="utf-8"), bench.BENCH_BLOCK
    )
    shown = blocks.current_block(README, bench.SPEED_BLOCK)
    assert shown == bench.speed_block(recorded)
    assert re.match(r"Measured by `make bench` on \d+ cores? \(", shown), shown[:80]  # any machine


def test_the_quality_figures_are_those_of_the_last_make_quality() -> None:
    quality = _bench("quality")
    shown = _bench("blocks").current_block(README, (quality.README_BEGIN, quality.README_END))
    assert shown == quality.readme_block((ROOT / "bench" / "QUALITY.md").read_text(encoding="utf-8"))


def test_the_claims_yaml_example_is_a_valid_claims_yaml() -> None:
    from mineralcheck.gate.expectations import loads

    (example,) = [
        b for b in re.findall(r"```yaml\n(.*?)```", README, re.DOTALL) if b.startswith("version: 1")
    ]
    ids = [e.id for e in loads(example).expectations]
    assert ids == ["china-processing-share", "two-largest-economies", "confirmed-cases-tessel"]
