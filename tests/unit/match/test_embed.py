"""Embedders: the fake's contract, model identity for cache keys, and the real model's background mode."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mineralcheck.match.embed import DEFAULT_MODEL, Embedder, SentenceTransformerEmbedder, model_identity
from mineralcheck.match.onnx_model import OnnxEmbedder
from mineralcheck.match.vectors import CachedEmbedder
from tests.fakes import FakeEmbedder


@pytest.mark.parametrize("kind", [OnnxEmbedder, SentenceTransformerEmbedder, CachedEmbedder, FakeEmbedder])
def test_every_embedder_has_the_whole_interface(kind: type) -> None:
    # mypy holds the package's embedders to the protocol; this holds the tests' fake to it too.
    wanted = {name for name in vars(Embedder) if not name.startswith("_")}
    assert wanted == {"name", "cache_identity", "start", "encode", "close"}
    assert all(
        callable(getattr(kind, name, None)) or isinstance(getattr(kind, name, None), property)
        for name in wanted
    )


def test_fake_vectors_are_deterministic_unit_rows() -> None:
    texts = ["Quake kills 12 people", "Twelve people killed by quake", ""]
    a, b = FakeEmbedder().encode(texts), FakeEmbedder().encode(texts)
    assert a.dtype == np.float32 and a.shape == (3, 256)
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a[:2], axis=1), 1.0)


def test_model_identity_changes_when_a_local_model_changes(tmp_path: Path) -> None:
    (tmp_path / "weights.bin").write_bytes(b"1234")
    before = model_identity(str(tmp_path))
    assert model_identity(str(tmp_path)) == before
    (tmp_path / "weights.bin").write_bytes(b"12345")
    assert model_identity(str(tmp_path)) != before
    assert model_identity(DEFAULT_MODEL) != model_identity("another/model")


def test_identity_is_computed_without_importing_torch() -> None:
    code = (
        "import sys; from mineralcheck.match.embed import SentenceTransformerEmbedder as E; "
        "E().cache_identity; assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


BOTH_WAYS = """
import sys, numpy as np
from mineralcheck.match.embed import SentenceTransformerEmbedder
texts = ["The quake killed 12 people.", "Rescuers searched the rubble", "Shares rose 4% on Tuesday."]
here = SentenceTransformerEmbedder().encode(texts)
background = SentenceTransformerEmbedder()
background.start()
there = background.encode(texts)
background.close()
assert here.dtype == there.dtype == np.float32 and here.shape == (3, 384)
assert here.tobytes() == there.tobytes(), np.abs(here - there).max()
print("ok")
"""


@pytest.mark.model
def test_background_and_in_process_vectors_are_identical_and_loading_is_quiet() -> None:
    out = subprocess.run([sys.executable, "-c", BOTH_WAYS], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
    assert "Loading weights" not in out.stderr and "it/s" not in out.stderr, out.stderr


@pytest.mark.model
def test_a_model_that_cannot_load_is_a_model_error_from_the_background_too(tmp_path: Path) -> None:
    from mineralcheck.errors import ModelError

    embedder = SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))
    embedder.start()
    with pytest.raises(ModelError, match="no-such-model"):
        embedder.encode(["a text"])
    embedder.close()
