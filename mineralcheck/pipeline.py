"""The one place the stages are wired: ingest -> sentences -> claims -> embeddings -> clusters -> verdicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from mineralcheck import normalize
from mineralcheck.claims import extract_claims
from mineralcheck.cluster import ClusterParams, cluster_claims
from mineralcheck.compare import judge_all
from mineralcheck.embed import DEFAULT_MODEL, Embedder, SentenceTransformerEmbedder
from mineralcheck.ingest import load_articles
from mineralcheck.models import Article, Claim, Fact, Report, SourceId
from mineralcheck.parse import parse_sentences
from mineralcheck.segment import split_sentences

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stages are "reading", "extracting", "encoding", "clustering"."""


def _silent(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class CompareOptions:
    """Knobs of a compare run; the defaults are what `mineralcheck compare` uses."""

    model: str = DEFAULT_MODEL
    use_cache: bool = True
    cluster: ClusterParams = field(default_factory=ClusterParams)


def extract_all(articles: Sequence[Article], progress: Progress = _silent) -> tuple[Claim, ...]:
    """Claims of every article, in article order; all sentences go through the parser in one stream."""
    per_article = [split_sentences(a) for a in articles]
    texts = [s.text for sentences in per_article for s in sentences]
    docs = parse_sentences(texts)
    claims: list[Claim] = []
    for done, (article, sentences) in enumerate(zip(articles, per_article, strict=True), 1):
        article_docs = [next(docs) for _ in sentences]
        claims.extend(
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
        progress("extracting", done, len(articles))
    return tuple(claims)


def encode_claims(claims: Sequence[Claim], embedder: Embedder, progress: Progress = _silent) -> np.ndarray:
    """One vector per claim; each distinct text is encoded once."""
    unique = sorted({c.text for c in claims})
    progress("encoding", 0, len(unique))
    vectors = embedder.encode(unique) if unique else np.zeros((0, 1), dtype=np.float32)
    progress("encoding", len(unique), len(unique))
    row = {text: k for k, text in enumerate(unique)}
    if not claims:
        return np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 1), dtype=np.float32)
    return vectors[[row[c.text] for c in claims]]


def judge_claims(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    *,
    params: ClusterParams = ClusterParams(),
    progress: Progress = _silent,
) -> tuple[Fact, ...]:
    """Clusters and verdicts from claims and their vectors (no model, no I/O)."""
    progress("clustering", 0, 1)
    clusters = cluster_claims(claims, vectors, params)
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
    stdin_text: str | None = None,
) -> Report:
    """Read the articles at `paths` ("-" reads `stdin_text`) and return the consistency report."""
    notify = progress or _silent
    ingested = load_articles(paths, stdin_text=stdin_text)
    notify("reading", len(ingested.articles), len(ingested.articles))
    claims = extract_all(ingested.articles, notify)
    if embedder is None:
        embedder = SentenceTransformerEmbedder(options.model)
    vectors = encode_claims(claims, embedder, notify)
    facts = judge_claims(ingested.articles, claims, vectors, params=options.cluster, progress=notify)
    return Report(
        articles=ingested.articles,
        facts=facts,
        skipped=ingested.skipped,
        duplicates=ingested.duplicates,
        model=embedder.name,
    )
