"""Vectors for claim texts: each distinct text looked up in the vector cache or encoded once, in a
background thread while the parser works, in batches that never depend on timing."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from mineralcheck.cache import Caches, VectorCache, Warn, ignore_warning
from mineralcheck.match.embed import Embedder
from mineralcheck.models import Claim

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total), as the pipeline reports it."""


def _silent(stage: str, done: int, total: int) -> None:
    return None


ENCODE_CHUNK = 256
"""Texts per call to the embedder: the unit of encoding progress. Fixed, so that a run with and one
without the cache encode the same batches and get bit-identical vectors."""


class Encoder:
    """Vectors for claim texts, encoded in a background thread while the caller goes on parsing.

    Each distinct text is looked up in the cache or encoded once. Texts are sent to the embedder in
    a fixed order (by submission, then length), so batches never depend on timing: a run with an
    empty cache and a run without one encode the same batches and get bit-identical vectors. The
    embedder runs in one thread; the real ones spend it in ONNX Runtime (or torch, or waiting on a
    model process), which release the GIL, so the parser keeps a core.
    """

    def __init__(self, embedder: Embedder, *, cache: VectorCache | None = None, progress: Progress = _silent):
        self._embedder = embedder
        self._identity = embedder.cache_identity
        self._cache = cache
        self._progress = progress
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mineralcheck-encode")
        self._pending: list[Future[tuple[list[str], np.ndarray]]] = []
        self._lock = threading.Lock()
        self.vectors: dict[str, np.ndarray] = {}
        self._seen: set[str] = set()
        self._done = 0

    def submit(self, texts: Iterable[str]) -> None:
        """Queue the texts not seen before; returns at once."""
        new = sorted(set(texts) - self._seen)
        self._seen.update(new)
        found = self._cache.get(self._identity, new) if self._cache is not None and new else {}
        self.vectors.update(found)
        missing = sorted((t for t in new if t not in found), key=lambda t: (len(t), t))
        self._advance(len(found))
        for start in range(0, len(missing), ENCODE_CHUNK):
            self._pending.append(self._pool.submit(self._encode, missing[start : start + ENCODE_CHUNK]))

    def _encode(self, chunk: list[str]) -> tuple[list[str], np.ndarray]:
        vectors = self._embedder.encode(chunk)
        self._advance(len(chunk))
        return chunk, vectors

    def _advance(self, count: int) -> None:
        with self._lock:
            self._done += count
            self._progress("encoding", self._done, len(self._seen))

    def finish(self) -> dict[str, np.ndarray]:
        """Wait for every queued text; store the new vectors in the cache; all vectors by text."""
        fresh_texts: list[str] = []
        fresh: list[np.ndarray] = []
        try:
            for future in self._pending:
                chunk, vectors = future.result()
                fresh_texts.extend(chunk)
                fresh.extend(vectors)
        finally:
            self._pending = []
        if fresh_texts and self._cache is not None:
            self._cache.put(self._identity, fresh_texts, np.stack(fresh))
        self.vectors.update(zip(fresh_texts, fresh, strict=True))
        return self.vectors

    def close(self) -> None:
        for future in self._pending:
            future.cancel()
        self._pool.shutdown(wait=True)


class CachedEmbedder:
    """An embedder that answers from the vector cache and hands only new texts to the model.

    For callers that embed texts of their own after a run (check matches its claims.yaml phrases
    against the report's claims): on a warm run everything is in the cache and no model loads.
    """

    def __init__(
        self,
        embedder: Embedder,
        *,
        use_cache: bool = True,
        cache_dir: str | None = None,
        warn: Warn | None = None,
    ) -> None:
        self._embedder = embedder
        self._use_cache = use_cache
        self._cache_dir = cache_dir
        self._warn = warn or ignore_warning

    @property
    def name(self) -> str:
        return self._embedder.name

    @property
    def cache_identity(self) -> str:
        return self._embedder.cache_identity

    def start(self) -> None:
        self._embedder.start()

    def close(self) -> None:
        self._embedder.close()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        caches = Caches.open(self._cache_dir, warn=self._warn) if self._use_cache else Caches()
        encoder = Encoder(self._embedder, cache=caches.vectors)
        try:
            encoder.submit(texts)
            by_text = encoder.finish()
        finally:
            encoder.close()
            caches.close()
        return np.stack([by_text[t] for t in texts]).astype(np.float32, copy=False)


def claim_matrix(claims: Sequence[Claim], by_text: dict[str, np.ndarray]) -> np.ndarray:
    """Rows of vectors in claim order."""
    if not claims:
        return np.zeros((0, 1), dtype=np.float32)
    return np.stack([by_text[c.text] for c in claims]).astype(np.float32, copy=False)
