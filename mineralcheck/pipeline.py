"""The one place the stages are wired, in reading order: read (articles, sentences) -> claims ->
match (embeddings, clusters, verdicts, key figures) -> the Report.

Extraction and vectors are cached on disk (mineralcheck.cache), so a rerun on unchanged articles
imports neither spaCy nor the embedding runtime; when something must be computed, the embedding model
loads in the background while the parser works, and each distinct sentence is parsed once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from mineralcheck.cache import Caches, ClaimCache, Warn, extractor_version
from mineralcheck.cache import ignore_warning as _ignore
from mineralcheck.claims import extract_claims
from mineralcheck.claims.parse import SPACY_MODEL, SharedParses
from mineralcheck.match import embed
from mineralcheck.match.cluster import ClusterParams, cluster_claims
from mineralcheck.match.embed import DEFAULT_MODEL, Embedder
from mineralcheck.match.key_figures import key_figures
from mineralcheck.match.measures import name_measures
from mineralcheck.match.pairs import PairModel, frame_compatible, shipped_model
from mineralcheck.match.timeline import published
from mineralcheck.match.vectors import Encoder, claim_matrix
from mineralcheck.match.verdicts import judge_all
from mineralcheck.models import Article, Claim, Cluster, Fact, Report, Sentence, Value
from mineralcheck.read import IngestResult, load_articles, manifest, split_sentences
from mineralcheck.values import canonical_entity, describe, extract_values, is_country

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stages are "reading", "extracting", "encoding", "clustering"."""


def _silent(stage: str, done: int, total: int) -> None:
    return None


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


@functools.lru_cache(maxsize=32768)
def _values_of(text: str, base_date: dt.date | None) -> tuple[Value, ...]:
    """The values of a sentence at offset 0. Cached: wire copies repeat sentences, and a sentence's
    values depend only on its text and the article's date."""
    return extract_values(text, base_date=base_date)


def _values_at(text: str, offset: int, base_date: dt.date | None) -> tuple[Value, ...]:
    """extract_values(text, offset=offset, base_date=base_date), through the cache. Every call gets
    Value objects of its own, even at offset 0, so no two claims share one (the verdicts, which tell
    a cluster's values apart by identity, copy them when a caller's claims do)."""
    return tuple(replace(v, start=v.start + offset, end=v.end + offset) for v in _values_of(text, base_date))


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
                canonical_entity=canonical_entity,
                is_country=is_country,
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


def judge_claims(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    *,
    measures: Mapping[str, np.ndarray] | None = None,
    params: ClusterParams | None = None,
    pair_model: PairModel | None = None,
    progress: Progress = _silent,
) -> tuple[Fact, ...]:
    """Clusters and verdicts from claims and their vectors (no model load, no I/O): figures named by
    what they count (`measures` maps each figure's measure text to its vector), claims clustered by
    the pair model (`pair_model`, default the shipped one) and by those names, and each cluster
    judged."""
    progress("clustering", 0, 1)
    model = pair_model or shipped_model()
    named = name_measures(claims, measures, model.measure_threshold) if measures else None
    clusters = cluster_claims(claims, vectors, params or ClusterParams(), pair_model=model, named=named)
    facts = judge_clusters(articles, clusters)
    progress("clustering", 1, 1)
    return facts


def judge_clusters(articles: Sequence[Article], clusters: Sequence[Cluster]) -> tuple[Fact, ...]:
    """Verdicts on clusters: figures compare when their frames do (measure, qualifiers, place)."""
    return judge_all(clusters, compatible=frame_compatible, describe=describe, published=published(articles))


@dataclass(frozen=True)
class Prepared:
    """What a run knows before clustering: the articles read, their claims and the claims' vectors."""

    ingested: IngestResult
    claims: tuple[Claim, ...]
    vectors: np.ndarray
    """vectors[i] embeds claims[i].text (L2-normalised)."""
    model: str
    measures: Mapping[str, np.ndarray] = field(default_factory=dict)
    """The vector of each figure's measure text (Value.measure)."""


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
        if owned:
            model.start()

    encoder = Encoder(model, cache=caches.vectors, progress=notify)
    try:
        claims = extract_all(
            ingested.articles,
            notify,
            cache=caches.claims,
            before_parsing=start_model,
            on_claims=lambda new: encoder.submit(
                [c.text for c in new] + [v.measure for c in new for v in c.values if v.measure]
            ),
        )
        by_text = encoder.finish()
        vectors = claim_matrix(claims, by_text)
        measures = {v.measure: by_text[v.measure] for c in claims for v in c.values if v.measure}
    finally:
        encoder.close()
        caches.close()
        if owned:  # an embedder passed in is the caller's to close
            model.close()
    return Prepared(ingested, claims, vectors, model.name, measures)


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
    return judge(prepared, options, pair_model=pair_model, progress=notify)


def judge(
    prepared: Prepared,
    options: CompareOptions = CompareOptions(),
    *,
    pair_model: PairModel | None = None,
    progress: Progress | None = None,
) -> Report:
    """The report of a prepared run: its claims clustered and judged (no model load, no I/O)."""
    ingested = prepared.ingested
    facts = judge_claims(
        ingested.articles,
        prepared.claims,
        prepared.vectors,
        measures=prepared.measures,
        params=options.cluster,
        pair_model=pair_model,
        progress=progress or _silent,
    )
    return Report(
        articles=ingested.articles,
        facts=facts,
        skipped=ingested.skipped,
        duplicates=ingested.duplicates,
        model=prepared.model,
        copies=ingested.copies,
        key_figures=key_figures(facts, ingested.articles),
    )
