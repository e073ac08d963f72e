"""The README's sample output is what `compare seeds/` prints today (`make readme` rewrites it)."""

from __future__ import annotations

from typing import Any

import pytest

from mineralcheck import pipeline
from tests.conftest import ROOT
from tests.readme_sample import COMMAND, current, rewrite, sample

pytestmark = pytest.mark.model


def test_the_readme_sample_is_the_head_of_a_real_run(
    real_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    report = pipeline.compare(["seeds"], pipeline.CompareOptions(), embedder=real_embedder)
    shown = current((ROOT / "README.md").read_text(encoding="utf-8"))
    assert shown is not None, "README.md lost its sample marker"
    assert shown == sample(report), "the README's sample is stale: run `make readme` and review the diff"


def test_the_sample_is_small_and_names_the_sources() -> None:
    shown = current((ROOT / "README.md").read_text(encoding="utf-8"))
    assert shown is not None
    lines = shown.splitlines()
    assert lines[0] == COMMAND
    assert lines[1].startswith("mineralcheck — 5 sources, ")
    assert len(lines) <= 20


def test_rewrite_replaces_only_the_block() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    again = rewrite(readme, "$ mineralcheck compare seeds/\nx\n")
    assert current(again) == "$ mineralcheck compare seeds/\nx\n"
    assert again.replace("$ mineralcheck compare seeds/\nx\n", current(readme) or "") == readme
