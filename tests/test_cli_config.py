"""[tool.mineralcheck] through the command line: defaults from the nearest pyproject.toml, options win."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from mineralcheck import cli, pipeline
from mineralcheck.cli import config
from mineralcheck.cli.options import config_defaults
from mineralcheck.errors import ExitCode
from mineralcheck.match import embed
from tests.fakes import FakeCompare, FakeEmbedder, diverging_report


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Callable[[object], FakeCompare]:
    def install(result: object) -> FakeCompare:
        stub = FakeCompare(result)  # type: ignore[arg-type]
        monkeypatch.setattr(pipeline, "compare", stub)
        return stub

    return install


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a pyproject.toml; the test runs from a folder inside it."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "newsroom"\n\n'
        '[tool.mineralcheck]\nformat = "json"\nmodel = "my-model"\nsources = "meta/sources.csv"\n'
        'claims = "ci/claims.yaml"\n\n[tool.mineralcheck.check]\nformat = "github"\nfail-on = "warning"\n',
        encoding="utf-8",
    )
    inside = tmp_path / "desk" / "today"
    inside.mkdir(parents=True)
    monkeypatch.chdir(inside)
    return tmp_path


def test_compare_takes_its_defaults_from_the_nearest_pyproject(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    stub = fake(diverging_report())
    result = invoke("compare", "news")
    assert result.exit_code == ExitCode.OK, result.output
    assert json.loads(result.stdout)["schema_version"] == 1
    options = stub.calls[0]["options"]
    assert options == pipeline.CompareOptions(model="my-model", sources=str(project / "meta/sources.csv"))


def test_options_on_the_command_line_win(project: Path, fake: Callable[..., FakeCompare]) -> None:
    stub = fake(diverging_report())
    result = invoke("compare", "news", "-f", "markdown", "--model", "other", "--sources", "here.csv")
    assert result.stdout.startswith("# mineralcheck report")
    assert stub.calls[0]["options"] == pipeline.CompareOptions(model="other", sources="here.csv")


def test_help_shows_the_configured_defaults(project: Path) -> None:
    assert "[default: json]" in invoke("compare", "--help").stdout
    check_help = invoke("check", "--help").stdout
    assert "[default: github]" in check_help and "[default: warning]" in check_help


def test_check_reads_the_configured_claims_file(project: Path) -> None:
    result = invoke("check")
    assert result.exit_code == ExitCode.ERROR
    assert f"error: Claims file not found: {project / 'ci' / 'claims.yaml'}" in result.stderr


def test_init_writes_the_configured_claims_file(
    project: Path, fake: Callable[..., FakeCompare], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "ci").mkdir()
    fake(diverging_report())
    # init checks its starter with the run's model, as check would: the configured one, faked here.
    models: list[str] = []
    monkeypatch.setattr(embed, "embedder_for", lambda model: models.append(model) or FakeEmbedder())
    result = invoke("init", "news")
    assert result.exit_code == ExitCode.OK, result.output
    assert (project / "ci" / "claims.yaml").is_file()
    assert models == ["my-model"]


def test_a_bad_configuration_stops_every_command_with_exit_2(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.mineralcheck]\nformt = "json"\n', encoding="utf-8")
    result = invoke("compare", "news")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr == (
        f"error: {project / 'pyproject.toml'}: "
        "unknown key 'formt' in [tool.mineralcheck]; did you mean 'format'?\n"
    )


def test_a_value_for_another_command_names_where_it_belongs(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.mineralcheck]\nformat = "junit"\n', encoding="utf-8")
    result = invoke("compare", "news")
    assert result.exit_code == ExitCode.ERROR
    assert "format = 'junit' is not a `compare` format" in result.stderr
    assert "Tip: [tool.mineralcheck.check] is where it belongs" in result.stderr


def test_every_configurable_key_sets_an_option_of_its_command() -> None:
    # config.COMMAND_KEYS is the one list of keys; each names an option of its command.
    group = typer.main.get_command(cli.app)
    for command, keys in config.COMMAND_KEYS.items():
        defaults = config_defaults(group, command, {key: key for key in keys})
        assert sorted(defaults.values()) == sorted(keys), command
    assert config_defaults(group, "init", {"claims": "x"}) == {"output": "x"}
    assert config_defaults(group, "check", {"fail-on": "x", "format": "y"}) == {"fail_on": "x", "fmt": "y"}
