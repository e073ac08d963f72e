"""Test doubles: a fake embedder, and the same fake in a real mineralcheck process.

Fakes over mocks (../shared/STYLE.md): FakeEmbedder implements the whole Embedder interface, so a
test that passes it where the real model goes exercises the code a run takes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from mineralcheck import pipeline
from mineralcheck.match.embed import normalise_rows
from mineralcheck.models import Article, Claim, Cluster, Fact, Reading, Reason, Report, SourceId

REPO = Path(__file__).resolve().parent.parent


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

    @property
    def cache_identity(self) -> str:
        return self.name

    def start(self) -> None:
        """Nothing to load."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                word = word.strip(".,;:!?\"'()[]“”‘’")
                if len(word) < 3:
                    continue
                bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big")
                out[row, bucket % self.dim] += 1.0
        return normalise_rows(out)

    def close(self) -> None:
        """Nothing to stop."""


FAKE_MODEL = (
    f"import sys; sys.path.insert(0, {str(REPO)!r})  # tests/ is not installed\n"
    "import mineralcheck.match.embed as e\n"
    "from tests.fakes import FakeEmbedder\n"
    "e.embedder_for = lambda *args, **kwargs: FakeEmbedder()\n"
)
"""Python source that makes every run of a fresh interpreter use FakeEmbedder: for the tests that need
a real process (real stderr, signals, descriptors) without paying for the real model."""

FAKE_MODEL_MAIN = FAKE_MODEL + "from mineralcheck.cli import main\n"
"""FAKE_MODEL, then mineralcheck's entry point imported as `main` for the script to call."""


class FakeCompare:
    """Stands in for pipeline.compare: records its call, then returns the report or raises."""

    def __init__(self, result: Report | BaseException) -> None:
        self.result = result
        self.calls: list[dict[str, Any]] = []

    def __call__(self, paths: Sequence[str], options: pipeline.CompareOptions, **kwargs: Any) -> Report:
        self.calls.append({"paths": list(paths), "options": options, **kwargs})
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result


A, B = SourceId("001_a"), SourceId("002_b")


def diverging_report() -> Report:
    """A hand-built report of two sources that diverge on one death toll."""

    def claim(source: SourceId, line: int, text: str) -> Claim:
        return Claim(
            id=f"{source}:0-{len(text)}",
            source=source,
            start=0,
            end=len(text),
            line=line,
            evidence=text,
            text=text,
        )

    diverge = Fact(
        cluster=Cluster(
            id="c1", claims=(claim(A, 3, "157 people died"), claim(B, 5, "at least 128 people died"))
        ),
        verdict="diverge",
        reason=Reason(
            summary="deaths: 157 (001_a) vs at least 128 (002_b)",
            kind="value",
            groups=(Reading("157", (A,)), Reading("at least 128", (B,), side=1)),
            measure="people died",
        ),
        title="Death toll",
        diverging_sources=(B,),
    )
    return Report(
        articles=(
            Article(id=A, path="news/001_a.txt", text=""),
            Article(id=B, path="news/002_b.txt", text=""),
        ),
        facts=(diverge,),
        model="all-MiniLM-L6-v2",
    )
