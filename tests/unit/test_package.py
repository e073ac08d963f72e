"""The package's layers: a leaf imports only what is below it, and the public API loads on first use."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import mineralcheck

LOADED = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m.startswith("mineralcheck"))))
"""


def _loaded_by(module: str) -> set[str]:
    """The mineralcheck modules a fresh interpreter holds after importing `module`."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED, module], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("leaf", ["mineralcheck", "mineralcheck.models", "mineralcheck.errors"])
def test_importing_a_leaf_loads_no_stage(leaf: str) -> None:
    assert _loaded_by(leaf) <= {"mineralcheck", "mineralcheck.models", "mineralcheck.errors"}


def test_reading_articles_loads_neither_claims_nor_the_pipeline() -> None:
    # values/ sits below read/ and claims/: an outlet's dates need no claim extraction
    loaded = _loaded_by("mineralcheck.read")
    assert "mineralcheck.values" in loaded
    assert not {m for m in loaded if m.startswith(("mineralcheck.claims", "mineralcheck.match"))}
    assert "mineralcheck.pipeline" not in loaded


def test_the_public_api_is_there_when_asked_for() -> None:
    from mineralcheck import CompareOptions, Report, compare
    from mineralcheck.models import Report as ModelReport
    from mineralcheck.pipeline import CompareOptions as PipelineOptions
    from mineralcheck.pipeline import compare as pipeline_compare

    assert (compare, CompareOptions, Report) == (pipeline_compare, PipelineOptions, ModelReport)
    assert set(mineralcheck.__all__) <= set(dir(mineralcheck))
    assert all(getattr(mineralcheck, name) is not None for name in mineralcheck.__all__)
    assert mineralcheck.__version__.count(".") == 2
    with pytest.raises(AttributeError, match="no_such_name"):
        mineralcheck.no_such_name  # noqa: B018
