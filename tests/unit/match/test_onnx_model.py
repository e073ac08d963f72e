"""The torch-free default embedder: which embedder a model gets, where its graph lives, how it fails."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mineralcheck.errors import ModelError
from mineralcheck.match import onnx_model
from mineralcheck.match.embed import (
    DEFAULT_MODEL,
    SentenceTransformerEmbedder,
    embedder_for,
    model_identity,
)
from mineralcheck.match.onnx_model import OnnxEmbedder, ensure_exported, is_exported, manifest_file


def test_the_default_model_runs_on_onnx_and_any_other_on_sentence_transformers() -> None:
    assert isinstance(embedder_for(DEFAULT_MODEL), OnnxEmbedder)
    assert isinstance(embedder_for(f"sentence-transformers/{DEFAULT_MODEL}"), OnnxEmbedder)
    other = embedder_for("some/other-model")
    assert isinstance(other, SentenceTransformerEmbedder) and other.name == "some/other-model"


def test_onnx_vectors_have_a_cache_identity_of_their_own() -> None:
    # Not bit-identical to torch's, so they must never be read back as torch's (or the reverse).
    onnx = OnnxEmbedder()
    assert onnx.name == DEFAULT_MODEL
    assert onnx.cache_identity == OnnxEmbedder().cache_identity
    assert onnx.cache_identity != model_identity(DEFAULT_MODEL)


def test_identity_and_choice_import_neither_onnxruntime_nor_torch() -> None:
    code = (
        "import sys; from mineralcheck.match.embed import embedder_for; "
        "e = embedder_for(); e.cache_identity; "
        "heavy = ('torch', 'onnxruntime', 'tokenizers', 'sentence_transformers'); "
        "assert not [m for m in heavy if m in sys.modules], sys.modules.keys() & set(heavy)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_graph_is_named_by_the_export_identity_in_the_models_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(onnx_model.MODEL_DIR_ENV, str(tmp_path))
    path = onnx_model.model_file()
    assert path.parent == tmp_path
    assert onnx_model.export_identity() in path.name and path.suffix == ".onnx"


def test_an_export_counts_only_once_its_manifest_matches_the_file(tmp_path: Path) -> None:
    graph = tmp_path / "model.onnx"
    assert not is_exported(graph)
    graph.write_bytes(b"x" * 10)
    assert not is_exported(graph)  # no manifest: an interrupted export
    manifest_file(graph).write_text(json.dumps({"size": 9}))
    assert not is_exported(graph)  # truncated or replaced
    manifest_file(graph).write_text(json.dumps({"size": 10}))
    assert is_exported(graph)


def test_a_models_folder_that_cannot_be_written_is_a_model_error_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "models" / "graph.onnx"
    with pytest.raises(ModelError) as caught:
        ensure_exported(target)
    assert str(target) in caught.value.message
    assert caught.value.tip is not None and onnx_model.MODEL_DIR_ENV in caught.value.tip


def test_a_failed_load_reaches_encode_as_a_model_error(tmp_path: Path) -> None:
    graph = tmp_path / "model.onnx"
    graph.write_bytes(b"not a graph")
    manifest_file(graph).write_text(json.dumps({"size": graph.stat().st_size}))
    embedder = OnnxEmbedder(graph)
    embedder.start()
    with pytest.raises(ModelError, match="ONNX"):
        embedder.encode(["a text"])
    with pytest.raises(ModelError):  # and again, without retrying the load
        embedder.encode(["a text"])
    embedder.close()


@pytest.mark.model
def test_vectors_are_unit_rows_in_input_order_whatever_the_batch(real_embedder) -> None:  # type: ignore[no-untyped-def]
    texts = ["Shares rose 4%.", "The quake killed 12 people on Tuesday, officials said.", "Rescuers dug."]
    together = real_embedder.encode(texts)
    assert together.dtype == np.float32 and together.shape == (3, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    alone = np.stack([real_embedder.encode([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)  # padding never leaks into a text's vector
    assert real_embedder.encode([]).shape == (0, 0)
