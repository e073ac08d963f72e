"""The one place the stages are wired: ingest -> sentences -> claims -> embeddings -> clusters -> verdicts.

Extraction and vectors are cached on disk (mineralcheck.cache), so a rerun on unchanged articles
imports neither spaCy nor torch; when something must be computed, the embedding model loads in a
background process while the parser works.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from mineralcheck import normalize
from mineralcheck.cache import ClaimCache, VectorCache, default_cache_dir, extractor_version
from mineralcheck.claims import extract_claims
from mineralcheck.cluster import ClusterParams, cluster_claims
from mineralcheck.compare import judge_all
from mineralcheck.embed import DEFAULT_MODEL, Embedder, SentenceTransformerEmbedder
from mineralcheck.ingest import load_articles
from mineralcheck.models import Article, Claim, Fact, Report, SourceId
from mineralcheck.parse import SPACY_MODEL, parse_sentences
from mineralcheck.segment import split_sentences

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stages are "reading", "extracting", "encoding", "clustering"."""


def _silent(stage: str, done: int, total: int) -> None:
    return None


Warn = Callable[[str], None]
"""warn(sentence): something the user may want to know that does not stop the run (a corrupt cache entry)."""


def _ignore(message: str) -> None:
    return None


ENCODE_CHUNK = 256
"""Texts per call to the embedder: the unit of encoding progress. Fixed, so that a run with and one
without the cache encode the same batches and get bit-identical vectors."""


@dataclass(frozen=True)
class CompareOptions:
    """Knobs of a compare run; the defaults are what `mineralcheck compare` uses."""

    model: str = DEFAULT_MODEL
    use_cache: bool = True
    """Read and write the extraction and vector caches (--no-cache turns both off)."""
    cache_dir: str | None = None
    """Where the caches live; None means $MINERALCHECK_CACHE_DIR, else the user cache directory."""
    cluster: ClusterParams = field(default_factory=ClusterParams)


@dataclass
class Caches:
    """The two on-disk caches of a run; either may be None (not used)."""

    claims: ClaimCache | None = None
    vectors: VectorCache | None = None

    @classmethod
    def open(cls, directory: str | Path | None = None, *, warn: Warn = _ignore) -> Caches:
        root = Path(directory) if directory is not None else default_cache_dir()
        return cls(claims=ClaimCache(root, warn=warn), vectors=VectorCache(root, warn=warn))

    def close(self) -> None:
        for cache in (self.claims, self.vectors):
            if cache is not None:
                cache.close()


def _extract_articles(
    articles: Sequence[Article], progress: Progress, done_before: int, total: int
) -> list[tuple[Claim, ...]]:
    """Parse and extract claims of `articles`; all their sentences go through the parser in one stream."""
    per_article = [split_sentences(a) for a in articles]
    texts = [s.text for sentences in per_article for s in sentences]
    docs = parse_sentences(texts)
    out: list[tuple[Claim, ...]] = []
    for done, (article, sentences) in enumerate(zip(articles, per_article, strict=True), done_before + 1):
        article_docs = [next(docs) for _ in sentences]
        out.append(
            extract_claims(
                article,
                sentences,
                article_docs,
                extract_values=lambda text, offset, base: normalize.extract_values(
                    text, offset=offset, base_date=base
                ),
                canonical_entity=normalize.canonical_entity,
            )
        )
        progress("extracting", done, total)
    return out


def extract_all(
    articles: Sequence[Article],
    progress: Progress = _silent,
    *,
    cache: ClaimCache | None = None,
    before_parsing: Callable[[], None] | None = None,
) -> tuple[Claim, ...]:
    """Claims of every article, in article order; articles found in `cache` are not parsed again.

    `before_parsing` is called once, only if some article needs the parser (the pipeline uses it to
    start loading the embedding model, which new claims will need, while the parser works).
    """
    version = extractor_version(SPACY_MODEL) if cache is not None else ""
    known = cache.get(articles, version) if cache is not None else {}
    progress("extracting", len(known), len(articles))
    missing = [k for k in range(len(articles)) if k not in known]
    if missing:
        if before_parsing is not None:
            before_parsing()
        fresh = _extract_articles([articles[k] for k in missing], progress, len(known), len(articles))
        known.update(zip(missing, fresh, strict=True))
        if cache is not None:
            cache.put(((articles[k], known[k]) for k in missing), version)
    return tuple(claim for k in range(len(articles)) for claim in known[k])


def encode_texts(
    texts: Sequence[str],
    embedder: Embedder,
    progress: Progress = _silent,
    *,
    cache: VectorCache | None = None,
) -> dict[str, np.ndarray]:
    """A vector for each distinct text: from the cache where present, else from the embedder."""
    unique = sorted(set(texts))
    identity = getattr(embedder, "cache_identity", None) or embedder.name
    found = cache.get(identity, unique) if cache is not None else {}
    # Similar lengths in one call pad less; the order is fixed so batches never depend on timing.
    missing = sorted((t for t in unique if t not in found), key=lambda t: (len(t), t))
    done = len(found)
    progress("encoding", done, len(unique))
    for start in range(0, len(missing), ENCODE_CHUNK):
        chunk = missing[start : start + ENCODE_CHUNK]
        vectors = embedder.encode(chunk)
        if cache is not None:
            cache.put(identity, chunk, vectors)
        found.update(zip(chunk, vectors, strict=True))
        done += len(chunk)
        progress("encoding", done, len(unique))
    return found


def encode_claims(
    claims: Sequence[Claim],
    embedder: Embedder,
    progress: Progress = _silent,
    *,
    cache: VectorCache | None = None,
) -> np.ndarray:
    """One vector per claim; each distinct text is encoded once (or read from the cache)."""
    by_text = encode_texts([c.text for c in claims], embedder, progress, cache=cache)
    if not claims:
        return np.zeros((0, 1), dtype=np.float32)
    return np.stack([by_text[c.text] for c in claims]).astype(np.float32, copy=False)


def judge_claims(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    *,
    params: ClusterParams | None = None,
    progress: Progress = _silent,
) -> tuple[Fact, ...]:
    """Clusters and verdicts from claims and their vectors (no model, no I/O)."""
    progress("clustering", 0, 1)
    clusters = cluster_claims(claims, vectors, params or ClusterParams())
    dates: dict[SourceId, object] = {a.id: a.date for a in articles}
    facts = judge_all(
        clusters,
        compatible=normalize.values_compatible,
        describe=normalize.describe,
        dates=dates,  # type: ignore[arg-type]
    )
    progress("clustering", 1, 1)
    return facts


def compare(
    paths: Sequence[str],
    options: CompareOptions = CompareOptions(),
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    warn: Warn | None = None,
    stdin_text: str | bytes | None = None,
) -> Report:
    """Read the articles at `paths` ("-" reads `stdin_text`) and return the consistency report."""
    notify = progress or _silent
    ingested = load_articles(paths, stdin_text=stdin_text)
    notify("reading", len(ingested.articles), len(ingested.articles))
    caches = Caches.open(options.cache_dir, warn=warn or _ignore) if options.use_cache else Caches()
    owned = embedder is None
    model: Embedder = embedder if embedder is not None else SentenceTransformerEmbedder(options.model)

    def start_model() -> None:
        # New articles mean new claims, which need the model: import it on the other core meanwhile.
        start = getattr(model, "start", None)
        if owned and callable(start):
            start()

    try:
        claims = extract_all(ingested.articles, notify, cache=caches.claims, before_parsing=start_model)
        vectors = encode_claims(claims, model, notify, cache=caches.vectors)
    finally:
        caches.close()
        close = getattr(model, "close", None)
        if owned and callable(close):
            close()
    facts = judge_claims(ingested.articles, claims, vectors, params=options.cluster, progress=notify)
    return Report(
        articles=ingested.articles,
        facts=facts,
        skipped=ingested.skipped,
        duplicates=ingested.duplicates,
        model=model.name,
    )
