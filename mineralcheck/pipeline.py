"""The one place the stages are wired: ingest -> sentences -> claims -> embeddings -> clusters -> verdicts.

Extraction and vectors are cached on disk (mineralcheck.cache), so a rerun on unchanged articles
imports neither spaCy nor the embedding runtime; when something must be computed, the embedding model
loads in the background while the parser works, and each distinct sentence is parsed once.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from mineralcheck import embed, normalize
from mineralcheck.cache import (
    ClaimCache,
    VectorCache,
    Warn,
    default_cache_dir,
    extractor_version,
    warn_once,
)
from mineralcheck.cache import ignore_warning as _ignore
from mineralcheck.claims import extract_claims
from mineralcheck.cluster import ClusterParams, cluster_claims
from mineralcheck.compare import judge_all
from mineralcheck.embed import DEFAULT_MODEL, Embedder
from mineralcheck.models import Article, Claim, Cluster, Fact, Report, Sentence, Value
from mineralcheck.pairs import PairModel, frame_compatible
from mineralcheck.parse import SPACY_MODEL, SharedParses
from mineralcheck.read import IngestResult, load_articles, manifest, split_sentences

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stages are "reading", "extracting", "encoding", "clustering"."""


def _silent(stage: str, done: int, total: int) -> None:
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
    sources: str | None = None
    """A sources manifest (CSV or YAML: path, outlet, url, date) whose rows win over what each
    article says about itself; None reads everything from the articles."""
    cluster: ClusterParams = field(default_factory=ClusterParams)


@dataclass
class Caches:
    """The two on-disk caches of a run; either may be None (not used)."""

    claims: ClaimCache | None = None
    vectors: VectorCache | None = None

    @classmethod
    def open(cls, directory: str | Path | None = None, *, warn: Warn = _ignore) -> Caches:
        root = Path(directory) if directory is not None else default_cache_dir()
        warn = warn_once(warn)  # a read-only folder is one warning, not one per cache file
        return cls(claims=ClaimCache(root, warn=warn), vectors=VectorCache(root, warn=warn))

    def close(self) -> None:
        for cache in (self.claims, self.vectors):
            if cache is not None:
                cache.close()


@functools.lru_cache(maxsize=32768)
def _values_of(text: str, base_date: dt.date | None) -> tuple[Value, ...]:
    """The values of a sentence at offset 0. Cached: wire copies repeat sentences, and a sentence's
    values depend only on its text and the article's date."""
    return normalize.extract_values(text, base_date=base_date)


def _values_at(text: str, offset: int, base_date: dt.date | None) -> tuple[Value, ...]:
    """normalize.extract_values(text, offset=offset, base_date=base_date), through the cache."""
    values = _values_of(text, base_date)
    if not offset:
        return values
    return tuple(replace(v, start=v.start + offset, end=v.end + offset) for v in values)


def _extract_articles(
    articles: Sequence[Article],
    sentences: Sequence[tuple[Sentence, ...]],
    parses: SharedParses,
    progress: Progress,
    done_before: int,
    total: int,
) -> list[tuple[Claim, ...]]:
    """Claims of `articles`; their sentences not parsed before go through the parser in one stream."""
    parses.parse(s.text for article_sentences in sentences for s in article_sentences)
    out: list[tuple[Claim, ...]] = []
    for done, (article, article_sentences) in enumerate(
        zip(articles, sentences, strict=True), done_before + 1
    ):
        article_docs = [parses.take(s.text) for s in article_sentences]
        out.append(
            extract_claims(
                article,
                article_sentences,
                article_docs,
                extract_values=_values_at,
                canonical_entity=normalize.canonical_entity,
                is_country=normalize.is_country,
            )
        )
        progress("extracting", done, total)
    return out


EXTRACT_BATCH = 32
"""Most articles parsed between two hand-overs of new claims to the encoder."""


def _batches(items: Sequence[int]) -> Iterator[Sequence[int]]:
    """1, 2, 4, ... up to EXTRACT_BATCH items at a time: the encoder gets work after the first
    article, and large corpora are still parsed in large streams."""
    start, size = 0, 1
    while start < len(items):
        yield items[start : start + size]
        start += size
        size = min(size * 2, EXTRACT_BATCH)


def extract_all(
    articles: Sequence[Article],
    progress: Progress = _silent,
    *,
    cache: ClaimCache | None = None,
    before_parsing: Callable[[], None] | None = None,
    on_claims: Callable[[Sequence[Claim]], None] | None = None,
) -> tuple[Claim, ...]:
    """Claims of every article, in article order; articles found in `cache` are not parsed again.

    `before_parsing` is called once, only if some article needs the parser (the pipeline uses it to
    start loading the embedding model, which new claims will need, while the parser works).
    `on_claims` receives claims as they become known: the cached ones first, then each batch of
    parsed articles (see _batches; the pipeline encodes them while the next batch is parsed).
    """
    version = extractor_version(SPACY_MODEL) if cache is not None else ""
    known = cache.get(articles, version) if cache is not None else {}
    progress("extracting", len(known), len(articles))
    if on_claims is not None:
        on_claims([claim for k in sorted(known) for claim in known[k]])
    missing = [k for k in range(len(articles)) if k not in known]
    if missing and before_parsing is not None:
        before_parsing()
    # Sentences of every article first, so that each distinct one is parsed once for the corpus.
    sentences = {k: split_sentences(articles[k]) for k in missing}
    parses = SharedParses(s.text for k in missing for s in sentences[k])
    for batch in _batches(missing):
        fresh = _extract_articles(
            [articles[k] for k in batch],
            [sentences[k] for k in batch],
            parses,
            progress,
            len(known),
            len(articles),
        )
        known.update(zip(batch, fresh, strict=True))
        if cache is not None:
            cache.put(((articles[k], known[k]) for k in batch), version)
        if on_claims is not None:
            on_claims([claim for claims in fresh for claim in claims])
    return tuple(claim for k in range(len(articles)) for claim in known[k])


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
        self._identity = getattr(embedder, "cache_identity", None) or embedder.name
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

    def __init__(self, embedder: Embedder, options: CompareOptions, *, warn: Warn | None = None) -> None:
        self._embedder = embedder
        self._options = options
        self._warn = warn or _ignore

    @property
    def name(self) -> str:
        return self._embedder.name

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        caches = (
            Caches.open(self._options.cache_dir, warn=self._warn) if self._options.use_cache else Caches()
        )
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


def judge_claims(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    *,
    params: ClusterParams | None = None,
    model: PairModel | None = None,
    progress: Progress = _silent,
) -> tuple[Fact, ...]:
    """Clusters and verdicts from claims and their vectors (no model load, no I/O); `model` is the
    pair model, the shipped one by default."""
    progress("clustering", 0, 1)
    facts = judge_clusters(articles, cluster_claims(claims, vectors, params or ClusterParams(), model))
    progress("clustering", 1, 1)
    return facts


def judge_clusters(articles: Sequence[Article], clusters: Sequence[Cluster]) -> tuple[Fact, ...]:
    """Verdicts on clusters: figures compare when their frames do (measure, qualifiers, place)."""
    dates = {a.id: a.date for a in articles}
    return judge_all(clusters, compatible=frame_compatible, describe=normalize.describe, dates=dates)


@dataclass(frozen=True)
class Prepared:
    """What a run knows before clustering: the articles read, their claims and the claims' vectors."""

    ingested: IngestResult
    claims: tuple[Claim, ...]
    vectors: np.ndarray
    """vectors[i] embeds claims[i].text (L2-normalised)."""
    model: str


def prepare(
    paths: Sequence[str],
    options: CompareOptions = CompareOptions(),
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    warn: Warn | None = None,
    stdin_text: str | bytes | None = None,
) -> Prepared:
    """Read the articles at `paths` ("-" reads `stdin_text`), extract their claims and embed them."""
    notify = progress or _silent
    sources = manifest.load(options.sources) if options.sources else None
    ingested = load_articles(paths, stdin_text=stdin_text, manifest=sources)
    notify("reading", len(ingested.articles), len(ingested.articles))
    caches = Caches.open(options.cache_dir, warn=warn or _ignore) if options.use_cache else Caches()
    owned = embedder is None
    model: Embedder = embedder if embedder is not None else embed.embedder_for(options.model)

    def start_model() -> None:
        # New articles mean new claims, which need the model: import it on the other core meanwhile.
        start = getattr(model, "start", None)
        if owned and callable(start):
            start()

    encoder = Encoder(model, cache=caches.vectors, progress=notify)
    try:
        claims = extract_all(
            ingested.articles,
            notify,
            cache=caches.claims,
            before_parsing=start_model,
            on_claims=lambda new: encoder.submit(c.text for c in new),
        )
        vectors = claim_matrix(claims, encoder.finish())
    finally:
        encoder.close()
        caches.close()
        close = getattr(model, "close", None)
        if owned and callable(close):
            close()
    return Prepared(ingested, claims, vectors, model.name)


def compare(
    paths: Sequence[str],
    options: CompareOptions = CompareOptions(),
    *,
    embedder: Embedder | None = None,
    pair_model: PairModel | None = None,
    progress: Progress | None = None,
    warn: Warn | None = None,
    stdin_text: str | bytes | None = None,
) -> Report:
    """Read the articles at `paths` ("-" reads `stdin_text`) and return the consistency report.

    The parts a test swaps are passed in: `embedder` (default: the one options.model names) and
    `pair_model` (default: the shipped one)."""
    notify = progress or _silent
    prepared = prepare(paths, options, embedder=embedder, progress=notify, warn=warn, stdin_text=stdin_text)
    ingested = prepared.ingested
    facts = judge_claims(
        ingested.articles,
        prepared.claims,
        prepared.vectors,
        params=options.cluster,
        model=pair_model,
        progress=notify,
    )
    return Report(
        articles=ingested.articles,
        facts=facts,
        skipped=ingested.skipped,
        duplicates=ingested.duplicates,
        model=prepared.model,
    )
