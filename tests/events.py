"""The real corpora (the seeds, each development event), read, extracted and embedded once per session.

Parsing every real article takes a while; the quality floors, the claim texts, the ONNX path and the
refit all need the same claims and vectors. `RealEvents` prepares each corpus the first time a test
asks for it, through the session's cache, so a process the session starts (bench/fit.py for the refit)
finds them there too.
"""

from __future__ import annotations

import os
from pathlib import Path

from mineralcheck import pipeline
from mineralcheck.match.embed import Embedder
from mineralcheck.models import Report


class RealEvents:
    """Prepared corpora by path, each prepared at most once; the cache lives in `cache_dir`."""

    def __init__(self, embedder: Embedder, cache_dir: Path) -> None:
        self.embedder = embedder
        self.cache_dir = cache_dir
        self._prepared: dict[Path, pipeline.Prepared] = {}

    def prepared(self, corpus: Path) -> pipeline.Prepared:
        """The articles of the folder `corpus`, their claims and the claims' vectors."""
        key = corpus.resolve()
        if key not in self._prepared:
            options = pipeline.CompareOptions(cache_dir=str(self.cache_dir))
            self._prepared[key] = pipeline.prepare([str(corpus)], options, embedder=self.embedder)
        return self._prepared[key]

    def report(self, corpus: Path) -> Report:
        """The report `mineralcheck compare` gives on `corpus` with the shipped pair model."""
        return pipeline.judge(self.prepared(corpus))

    def environment(self) -> dict[str, str]:
        """The environment of a process that should find the prepared corpora in the cache."""
        return {**os.environ, "MINERALCHECK_CACHE_DIR": str(self.cache_dir)}
