"""[tool.mineralcheck] in pyproject.toml: found like ruff finds its configuration, validated strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from mineralcheck.cli import config
from mineralcheck.errors import ConfigError


def _pyproject(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_nearest_pyproject_with_the_table_wins(tmp_path: Path) -> None:
    outer = _pyproject(tmp_path, '[tool.mineralcheck]\nformat = "json"\n')
    inner = _pyproject(tmp_path / "a", '[tool.mineralcheck]\nformat = "markdown"\n')
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert config.find(deep) == inner
    assert config.find(tmp_path) == outer
    assert config.load(deep).settings("compare") == {"format": "markdown"}


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    outer = _pyproject(tmp_path, '[tool.mineralcheck]\nmodel = "mini"\n')
    _pyproject(tmp_path / "pkg", '[project]\nname = "mineralcheck-plugin"\n[tool.ruff]\nline-length = 100\n')
    _pyproject(tmp_path / "pkg" / "sub", "this is [not toml at all\n")  # never mentions us: never parsed
    assert config.find(tmp_path / "pkg" / "sub") == outer


def test_no_configuration_gives_no_defaults(tmp_path: Path) -> None:
    assert config.load(tmp_path).settings("check") == {}


def test_a_commands_table_wins_over_the_top_level_and_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    path = _pyproject(
        tmp_path,
        '[tool.mineralcheck]\nformat = "markdown"\nsources = "meta/sources.csv"\nclaims = "ci/claims.yaml"\n'
        'fail-on = "warning"\n\n[tool.mineralcheck.check]\nformat = "github"\n',
    )
    loaded = config.load(tmp_path / "nowhere-near")
    assert loaded.path == path
    assert loaded.settings("compare") == {"format": "markdown", "sources": tmp_path / "meta/sources.csv"}
    assert loaded.settings("check") == {
        "format": "github",
        "sources": tmp_path / "meta/sources.csv",
        "claims": tmp_path / "ci/claims.yaml",
        "fail-on": "warning",
    }
    assert loaded.settings("init") == {
        "sources": tmp_path / "meta/sources.csv",
        "claims": tmp_path / "ci/claims.yaml",
    }


def test_a_model_folder_beside_the_file_is_a_path_a_model_name_stays_a_name(tmp_path: Path) -> None:
    (tmp_path / "models" / "mini").mkdir(parents=True)
    _pyproject(tmp_path, '[tool.mineralcheck]\nmodel = "models/mini"\n')
    assert config.load(tmp_path).settings("compare") == {"model": str(tmp_path / "models/mini")}
    _pyproject(tmp_path, '[tool.mineralcheck]\nmodel = "all-MiniLM-L6-v2"\n')
    assert config.load(tmp_path).settings("compare") == {"model": "all-MiniLM-L6-v2"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[tool.mineralcheck]\nmodle = "x"\n',
            r"unknown key 'modle' in \[tool\.mineralcheck\]; did you mean 'model'\?",
        ),
        (
            '[tool.mineralcheck.compare]\nclaims = "c.yaml"\n',
            r"unknown key 'claims' in \[tool\.mineralcheck\.compare\]",
        ),
        (
            '[tool.mineralcheck.comparre]\nformat = "json"\n',
            r"unknown key 'comparre' .*did you mean 'compare'\?",
        ),
        (
            "[tool.mineralcheck]\nmodel = 3\n",
            r"\[tool\.mineralcheck\] model must be a non-empty string, not 3",
        ),
        (
            '[tool.mineralcheck]\nformat = "pdf"\n',
            r"format = 'pdf' is not valid; expected one of: github, html",
        ),
        (
            '[tool.mineralcheck]\nfail-on = "errors"\n',
            r"fail-on = 'errors' is not valid; expected one of: error, warning",
        ),
        ('[tool.mineralcheck]\ncompare = "json"\n', r"\[tool\.mineralcheck\] compare must be a table"),
        ('[tool.mineralcheck\nformat = "json"\n', r"invalid TOML: .*\(at line 1, column \d+\)"),
    ],
)
def test_mistakes_are_errors_naming_the_file_and_table(tmp_path: Path, text: str, message: str) -> None:
    path = _pyproject(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as info:
        config.load(tmp_path)
    assert str(info.value).startswith(f"{path}: ")


def test_a_top_level_value_one_command_does_not_accept_is_an_error_for_that_command(tmp_path: Path) -> None:
    _pyproject(tmp_path, '[tool.mineralcheck]\nformat = "html"\n')
    loaded = config.load(tmp_path)
    assert loaded.settings("compare") == {"format": "html"}
    with pytest.raises(
        ConfigError, match=r"format = 'html' is not a `check` format; expected one of: "
    ) as info:
        loaded.settings("check")
    assert info.value.tip == "[tool.mineralcheck.compare] is where it belongs"
