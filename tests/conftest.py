"""Shared fixtures: tests never touch the user's cache, load the real model at most once, and the
subject files that run the command line (tests/runs.py) get the fake model and a folder to work in."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mineralcheck.errors import ExitCode
from mineralcheck.match import embed
from tests.events import RealEvents
from tests.fakes import FakeEmbedder
from tests.runs import COURIER, mc, news

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
def real_events(real_embedder, tmp_path_factory: pytest.TempPathFactory) -> RealEvents:  # type: ignore[no-untyped-def]
    """The real corpora, each prepared (read, extracted, embedded) at most once per session."""
    return RealEvents(real_embedder, tmp_path_factory.mktemp("real-events-cache"))


@pytest.fixture(scope="session")
def torch_embedder():  # type: ignore[no-untyped-def]
    """The same model through sentence-transformers and torch: the reference the ONNX path must match."""
    from mineralcheck.match.embed import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every command gets FakeEmbedder, and a cache of its own that no other test sees."""

    def fake(*args: Any, **kwargs: Any) -> FakeEmbedder:
        return FakeEmbedder()

    monkeypatch.setattr(embed, "embedder_for", fake)
    monkeypatch.setenv("MINERALCHECK_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, so relative paths in messages are short and nothing lands in the repo."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def _cache_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache holding the claims and vectors of news/herald.txt and news/courier.txt."""
    root = tmp_path_factory.mktemp("warm")
    news(root, courier__txt=COURIER)
    assert mc("compare", "news", cwd=root).returncode == ExitCode.OK
    return root / "cache"


@pytest.fixture
def warm(_cache_template: Path, tmp_path: Path) -> None:
    """This test's cache starts warm for herald and courier: a process that reads only those two
    never loads the parser, which keeps the many real-process cases quick."""
    shutil.copytree(_cache_template, tmp_path / "cache")
