"""The one place the stages are wired: ingest -> sentences -> claims -> embeddings -> clusters -> verdicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mineralcheck.embed import DEFAULT_MODEL, Embedder
from mineralcheck.models import Report

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stages are "reading", "extracting", "encoding", "clustering"."""


@dataclass(frozen=True)
class CompareOptions:
    """Knobs of a compare run; the defaults are what `mineralcheck compare` uses."""

    model: str = DEFAULT_MODEL
    use_cache: bool = True


def compare(
    paths: Sequence[str],
    options: CompareOptions = CompareOptions(),
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    stdin_text: str | None = None,
) -> Report:
    """Read the articles at `paths` ("-" reads `stdin_text`) and return the consistency report."""
    raise NotImplementedError
