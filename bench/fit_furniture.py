"""Fit the furniture model (mineralcheck/data/furniture_model.json) on the development events: `make fit`.

The lines the model judges (those no pattern of furniture on any page marks, that are not full
sentences and do not repeat a line above; see mineralcheck.read.furniture) are labelled by the gold
files: furniture where a `noise:` quote covers most of the line, content where it holds a gold fact's
quote, unlabelled otherwise. From them the fit learns
- which candidate rules to keep (furniture_model.RULE_CANDIDATES): those that mark furniture and never
  a content line;
- a logistic regression over the line features, whose threshold sits MARGIN above the most
  furniture-like content line.
Leave-one-event-out: for each real event, fit on the others and count on the one left out the claims
taken from its gold furniture (the scorer's noise claims), the sentences that share text with it, and
the gold fact quotes that furniture swallows. That table predicts unseen pages, and is written into
the model file.

    python bench/fit_furniture.py            # refit and write mineralcheck/data/furniture_model.json
    python bench/fit_furniture.py --check    # refit and fail if the shipped file differs
    python bench/fit_furniture.py -v         # ... and list each leak and swallowed quote
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaldata import Corpus, gold, noise_labels, real_corpora, source_stem  # noqa: E402
from model_files import check_or_write, fit_logistic  # noqa: E402

from mineralcheck import pipeline  # noqa: E402
from mineralcheck.cache import Caches  # noqa: E402
from mineralcheck.read import load_articles, split_sentences  # noqa: E402
from mineralcheck.read.furniture import page_view  # noqa: E402
from mineralcheck.read.furniture_model import RULE_CANDIDATES, FurnitureModel, weighed  # noqa: E402
from mineralcheck.read.ingest import furniture_input  # noqa: E402
from mineralcheck.read.line_features import FEATURES, page_features  # noqa: E402

MODEL_FILE = Path(__file__).resolve().parent.parent / "mineralcheck" / "data" / "furniture_model.json"
REGULARISATION = 1.0
"""Inverse L2 strength of the logistic regression (scikit-learn's C)."""
NOISE_COVER = 0.5
"""A noise quote labels its line furniture when it covers at least this share of the line; a shorter
one (a credit inside a caption, a dateline's agency) is cut out of its line by furniture_inline."""
MARGIN = 1.0
"""How far above the most furniture-like content line of the training events the threshold sits, in
log-odds: the content lines of an unseen event spread wider than those fitted on."""


@dataclass
class Event:
    """The judged lines of one event's pages: features and labels (1 furniture, 0 content)."""

    corpus: Corpus
    rows: np.ndarray
    labels: np.ndarray


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


def load_event(corpus: Corpus) -> Event:
    facts, noise, _texts = gold(corpus)
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    for path in sorted(corpus.path.iterdir()):
        if not path.is_file() or path.suffix not in (".txt", ".md", ".html", ".htm"):
            continue
        stem = source_stem(path.name)
        view = page_view(*furniture_input(path))
        noise_spans = [s for m in noise if m.source == stem for s in m.spans]
        # A fact's quote found again inside text the gold marks as furniture (a name in a list of
        # tags) is not where the page states the fact.
        fact_spans = [
            s
            for f in facts
            for m in f.mentions
            if m.source == stem
            for s in m.spans
            if not any(_overlap(s, n) for n in noise_spans)
        ]
        for line, judged, row in zip(view.lines, view.judged, page_features(view), strict=True):
            if not judged:
                continue
            if _covered(line.start, line.end, fact_spans):
                labels.append(0)
            elif _covered(line.start, line.end, noise_spans) >= NOISE_COVER * (line.end - line.start):
                labels.append(1)
            else:
                continue
            rows.append(row)
    return Event(corpus, np.array(rows, dtype=np.float64).reshape(-1, len(FEATURES)), np.array(labels))


def fit(events: list[Event]) -> FurnitureModel:
    """The model fitted on `events`; its threshold drops no content line of theirs."""
    x = np.vstack([e.rows for e in events])
    y = np.concatenate([e.labels for e in events])
    kept = rules(x, y)
    # The probability is fitted where it decides (weighed()), rule-marked lines included: they teach
    # it what furniture looks like.
    shaped = np.array([weighed(row) for row in x], dtype=bool)
    x, y = x[shaped], y[shaped]
    logistic = fit_logistic(x, y, C=REGULARISATION, class_weight="balanced", max_iter=10000)
    highest = float(logistic.logits(x[y == 0]).max())
    threshold = round(1.0 / (1.0 + math.exp(-(highest + MARGIN))), 6)
    return FurnitureModel(logistic, threshold, kept)


def rules(x: np.ndarray, y: np.ndarray) -> tuple[str, ...]:
    """The candidate rules that mark at least one furniture line and no content line of `x`."""
    kept = []
    for name in RULE_CANDIDATES:
        fires = x[:, FEATURES.index(name)] > 0
        if fires[y == 1].any() and not fires[y == 0].any():
            kept.append(name)
    return tuple(kept)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def measure(corpus: Corpus, model: FurnitureModel, caches: Caches) -> dict[str, Any]:
    """On one event read with `model`: the claims taken from its gold furniture (the scorer's noise
    claims), the sentences that share any text with it (where such claims could come from), and the
    gold quotes that furniture swallows (every place the quote occurs)."""
    facts, noise, _texts = gold(corpus)
    read = load_articles([str(corpus.path)], furniture_model=model).articles
    articles = {source_stem(a.path): a for a in read}
    claims = pipeline.extract_all(read, cache=caches.claims)
    paths = {a.id: a.path for a in read}
    spans = [(source_stem(paths[c.source]), c.start, c.end) for c in claims]
    noise_claims = [
        f"{s}: {c.evidence[:80]}"
        for (s, _, _), c, hit in zip(spans, claims, noise_labels(corpus, spans), strict=True)
        if hit
    ]
    leaks: list[str] = []
    for mention in noise:
        article = articles[mention.source]
        for sentence in split_sentences(article):
            if any(_overlap((sentence.start, sentence.end), s) for s in mention.spans):
                leaks.append(f"{mention.source}: {sentence.text[:80]}")
    dropped: list[str] = []
    noise_spans = {(m.source, s) for m in noise for s in m.spans}
    for fact in facts:
        for mention in fact.mentions:
            article = articles[mention.source]
            quoted = [
                s
                for s in mention.spans
                if not any(_overlap(s, n) for src, n in noise_spans if src == mention.source)
            ]
            if quoted and all(any(_overlap(s, (f.start, f.end)) for f in article.furniture) for s in quoted):
                dropped.append(f"{fact.id} {mention.source}: {mention.quote[:60]}")
    return {"noise_claims": noise_claims, "noise_sentences": leaks, "dropped": dropped}


def leave_one_event_out(events: list[Event]) -> dict[str, dict[str, Any]]:
    """For each event: fit on the others, measure it."""
    caches = Caches.open()
    try:
        return {
            held.corpus.name: measure(held.corpus, fit([e for e in events if e is not held]), caches)
            for held in events
        }
    finally:
        caches.close()


def model_file_text(events: list[Event]) -> tuple[str, dict[str, dict[str, Any]]]:
    model = fit(events)
    loeo = leave_one_event_out(events)
    labels = np.concatenate([e.labels for e in events])
    extra = {
        "fitted_on": [e.corpus.name for e in events],
        "furniture_lines": int(labels.sum()),
        "content_lines": int(len(labels) - labels.sum()),
        "leave_one_event_out": {
            name: {
                "noise_claims": len(r["noise_claims"]),
                "noise_sentences": len(r["noise_sentences"]),
                "dropped_quotes": len(r["dropped"]),
            }
            for name, r in loeo.items()
        },
    }
    return model.to_json(extra), loeo


CHECKED_EXACTLY = ("features", "fitted_on", "furniture_lines", "content_lines", "leave_one_event_out")
"""What a refit must reproduce exactly: the features, the data and the leave-one-event-out table."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a refit differs from the shipped file")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each leak and dropped quote")
    args = parser.parse_args()
    text, loeo = model_file_text([load_event(c) for c in real_corpora()])
    for name, found in loeo.items():
        counts = "  ".join(
            f"{key} {len(found[key]):2}" for key in ("noise_claims", "noise_sentences", "dropped")
        )
        print(f"{name:40} {counts}", file=sys.stderr)
        if args.verbose:
            for line in found["noise_claims"] + found["noise_sentences"] + found["dropped"]:
                print(f"    {line}", file=sys.stderr)
    return check_or_write(
        MODEL_FILE,
        text,
        "furniture model",
        check=args.check,
        exact=CHECKED_EXACTLY,
        scalars=("bias", "threshold"),
    )


if __name__ == "__main__":
    sys.exit(main())
