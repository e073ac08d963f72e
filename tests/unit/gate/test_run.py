"""gate.plan: what a check run reads and writes is decided, and refused, before any article is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from mineralcheck import gate
from mineralcheck.errors import ConfigError, InputError, MineralcheckError, OutputError

CLAIMS = """\
version: 1
sources: [news/]
claims:
  - id: rowing-boats
    match: "Ruvia will donate 180 rowing boats to Port Aven"
"""


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    path = tmp_path / "ci" / "claims.yaml"
    path.parent.mkdir()
    path.write_text(CLAIMS.replace("news/", "../news/"), encoding="utf-8")
    return path


def test_articles_default_to_the_sources_of_claims_yaml_and_paths_given_replace_them(claims: Path) -> None:
    planned = gate.plan(None, gate.CheckOptions(claims=claims))
    assert planned.inputs == (str(claims.parent / "../news"),)  # relative to claims.yaml
    assert gate.plan(["other.txt"], gate.CheckOptions(claims=claims)).inputs == ("other.txt",)
    assert [e.id for e in planned.expectations.expectations] == ["rowing-boats"]


def test_without_sources_or_paths_there_is_nothing_to_check(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(CLAIMS.replace("sources: [news/]\n", ""), encoding="utf-8")
    with pytest.raises(InputError, match="No articles to check"):
        gate.plan(None, gate.CheckOptions(claims=path))


def test_strict_and_update_baseline_contradict_each_other(claims: Path) -> None:
    options = gate.CheckOptions(claims=claims, strict=True, update_baseline=True)
    with pytest.raises(MineralcheckError, match="contradict each other"):
        gate.plan(None, options)


def test_updating_writes_beside_claims_yaml_by_default_and_needs_no_baseline_yet(claims: Path) -> None:
    planned = gate.plan(None, gate.CheckOptions(claims=claims, update_baseline=True))
    assert planned.baseline_path == claims.parent / "claims.baseline.json"
    assert planned.previous is None


def test_a_baseline_to_compare_with_must_exist(claims: Path) -> None:
    with pytest.raises(ConfigError, match="Baseline not found"):
        gate.plan(None, gate.CheckOptions(claims=claims, baseline=claims.parent / "missing.json"))


def test_every_file_the_run_will_write_is_checked_first(claims: Path) -> None:
    article = claims.parent.parent / "news" / "a.txt"
    article.write_text("Ruvia will donate 180 rowing boats to Port Aven.", encoding="utf-8")
    with pytest.raises(OutputError):
        gate.plan([str(article)], gate.CheckOptions(claims=claims), outputs=[article])
