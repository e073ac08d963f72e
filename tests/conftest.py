"""Shared fixtures: tests never touch the user's cache, and load the real model at most once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Runs use a cache directory of the test session, never ~/.cache."""
    old = os.environ.get("MINERALCHECK_CACHE_DIR")
    os.environ["MINERALCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("MINERALCHECK_CACHE_DIR", None)
    else:
        os.environ["MINERALCHECK_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def real_embedder():  # type: ignore[no-untyped-def]
    """The bundled all-MiniLM-L6-v2 as runs use it (ONNX Runtime), loaded offline once per session."""
    from mineralcheck.match.embed import DEFAULT_MODEL, embedder_for

    return embedder_for(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def torch_embedder():  # type: ignore[no-untyped-def]
    """The same model through sentence-transformers and torch: the reference the ONNX path must match."""
    from mineralcheck.match.embed import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()
