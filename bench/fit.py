"""Fit the pair model (mineralcheck/data/pair_model.json) on the development events: `make fit`.

Claim pairs are labelled by the gold files: two claims whose evidence serves one gold fact are a
positive pair, two claims of different facts (or of no fact) a negative one. A logistic regression
over the features of mineralcheck.match.pairs learns P(same fact); the linkage threshold is the one that
gives the best mean score over the training events. Leave-one-event-out: for each real event, fit
on the others and score the one left out; that figure predicts unseen news, and is written into the
model file next to the weights.

    python bench/fit.py            # refit and write mineralcheck/data/pair_model.json
    python bench/fit.py --check    # refit and fail if the shipped model differs (its features,
                                   # weights and thresholds; the leave-one-event-out report is skipped)
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaldata import Corpus, fact_labels, real_corpora, score_report, source_stem  # noqa: E402
from model_files import check_or_write, fit_logistic  # noqa: E402

from mineralcheck import pipeline  # noqa: E402
from mineralcheck.logistic import Logistic  # noqa: E402
from mineralcheck.match.cluster import ScoredPairs, link, pair_table, score_pairs  # noqa: E402
from mineralcheck.match.measures import name_measures  # noqa: E402
from mineralcheck.match.pairs import FEATURES, PairModel  # noqa: E402
from mineralcheck.models import Claim, Cluster, Report  # noqa: E402
from mineralcheck.report.json import to_dict  # noqa: E402

MODEL_FILE = Path(__file__).resolve().parent.parent / "mineralcheck" / "data" / "pair_model.json"
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.10, 0.91, 0.05))
"""Linkage thresholds tried; the best mean score over the training events wins."""
DISPUTE_THRESHOLDS = (1.0, *(round(t, 2) for t in np.arange(0.50, 0.04, -0.05)))
"""Thresholds tried for joining the two sides of a disputed figure (1.0: never)."""
SMOOTHING = 2
"""Grid steps on each side averaged when picking a threshold: one fact more or less on one event moves
a score by 0.02-0.03, so a lone peak is noise (one step each side gave 0.541 leave-one-event-out
where two gave 0.562 on the same claims; on the claims before "more than" stopped reading as an
increment, 0.567 and 0.571)."""
REGULARISATION = 1.0
"""Inverse L2 strength of the logistic regression (scikit-learn's C)."""
MEASURE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0)
"""Cosines tried for naming figures' measures alike (match/measures.py; 1.0: each wording apart)."""


@dataclass
class EventData:
    """One event's claims, vectors, candidate pairs with their features, and the pairs' labels."""

    corpus: Corpus
    prepared: pipeline.Prepared
    facts: list[frozenset[str]]
    """facts[i]: the gold facts whose mentions claims[i] overlaps."""
    pairs: list[tuple[int, int]]
    features: np.ndarray
    labels: np.ndarray
    named: dict[float, tuple[Claim, ...]] = field(default_factory=dict)

    def named_at(self, threshold: float) -> tuple[Claim, ...]:
        """The claims with their figures named at measure threshold `threshold` (computed once)."""
        if threshold not in self.named:
            self.named[threshold] = name_measures(self.prepared.claims, self.prepared.measures, threshold)
        return self.named[threshold]


def load_event(corpus: Corpus) -> EventData:
    prepared = pipeline.prepare([str(corpus.path)])
    return event_data(corpus, prepared, fact_labels(corpus, claim_spans(prepared)))


def claim_spans(prepared: pipeline.Prepared) -> list[tuple[str, int, int]]:
    """(source stem, start, end) of each claim's evidence, as the gold files locate mentions."""
    paths = {a.id: a.path for a in prepared.ingested.articles}
    return [(source_stem(paths[c.source]), c.start, c.end) for c in prepared.claims]


def event_data(corpus: Corpus, prepared: pipeline.Prepared, facts: list[frozenset[str]]) -> EventData:
    """An event's candidate pairs, their features and their labels (one gold fact served by both)."""
    pairs, features = pair_table(prepared.claims, prepared.vectors)
    labels = np.array([1 if facts[i] & facts[j] else 0 for i, j in pairs], dtype=np.int64)
    return EventData(corpus, prepared, facts, pairs, features, labels)


def measure_agreement(events: list[EventData], threshold: float) -> float:
    """F1 of "two figures of two outlets get one measure name" against "they serve one gold fact",
    over the claims of one worded figure that serve a fact."""
    same = named = both = 0
    for event in events:
        claims = event.named_at(threshold)
        names = [named_figure(c) for c in claims]
        figures = [k for k, name in enumerate(names) if name is not None]
        for n, i in enumerate(figures):
            for j in figures[n + 1 :]:
                if claims[i].source == claims[j].source or not (event.facts[i] and event.facts[j]):
                    continue
                one_fact = bool(event.facts[i] & event.facts[j])
                one_name = names[i] == names[j]
                same += one_fact
                named += one_name
                both += one_fact and one_name
    return 2 * both / (same + named) if same + named else 0.0


def named_figure(claim: Claim) -> tuple[str, str] | None:
    """(measure name, unit) of a claim's one worded figure, None for claims with none or several."""
    figures = [v for v in claim.values if v.is_figure and v.measure]
    return (figures[0].quantity, figures[0].unit) if len(figures) == 1 else None


def fit_measure_threshold(events: list[EventData]) -> float:
    """The measure threshold under which outlets' figures of one fact most often share a name and
    figures of different facts least often do (ties: the higher threshold, which merges less)."""
    return max(MEASURE_THRESHOLDS, key=lambda t: (round(measure_agreement(events, t), 9), t))


def fit_weights(events: list[EventData]) -> Logistic:
    """A logistic regression of "one gold fact" on the pair features of `events`."""
    x = np.vstack([e.features for e in events])
    y = np.concatenate([e.labels for e in events])
    return fit_logistic(x, y, C=REGULARISATION, max_iter=5000)


def score_clusters(event: EventData, clusters: tuple[Cluster, ...]) -> dict[str, Any]:
    """The scorer's figures for one event's clusters (of named claims, see link()) judged as
    `compare` judges them."""
    articles = event.prepared.ingested.articles
    facts = pipeline.judge_clusters(articles, clusters)
    return score_report(event.corpus, to_dict(Report(articles=articles, facts=facts)))


def score_event(event: EventData, model: PairModel) -> dict[str, Any]:
    """The scorer's figures for one event clustered, named and judged with `model`, as `compare` does."""
    return score_report(event.corpus, to_dict(pipeline.judge(event.prepared, pair_model=model)))


def _mean_score(
    events: list[EventData], scored: list[ScoredPairs], threshold: float, dispute: float, measure: float
) -> float:
    return float(
        np.mean(
            [
                score_clusters(e, link(s, threshold, dispute, e.named_at(measure)))["score"]
                for e, s in zip(events, scored, strict=True)
            ]
        )
    )


def _best(grid: tuple[float, ...], scores: list[float]) -> tuple[float, float]:
    """The grid value with the best score averaged with its neighbours' (a single lucky threshold
    on a few events is noise), and its own score."""
    smoothed = [float(np.mean(scores[max(0, k - SMOOTHING) : k + SMOOTHING + 1])) for k in range(len(scores))]
    k = max(range(len(grid)), key=lambda n: (round(smoothed[n], 9), -n))
    return grid[k], scores[k]


def fit(events: list[EventData]) -> tuple[PairModel, float]:
    """The model fitted on `events`, its thresholds chosen on them; and their mean score.

    The measure threshold (for naming figures by what they count) is chosen first, on how well
    figures' names follow the gold facts; then the weights; then the linkage threshold with
    disputes and figure groups left apart, and the bar for joining them below it, each evaluation
    clustering, naming, judging and scoring every event.
    """
    measure = fit_measure_threshold(events)
    logistic = fit_weights(events)
    unlinked = PairModel(logistic, 1.0)
    scored = [score_pairs(e.prepared.claims, e.prepared.vectors, unlinked) for e in events]
    threshold, _ = _best(THRESHOLDS, [_mean_score(events, scored, t, 1.0, measure) for t in THRESHOLDS])
    disputes = tuple(d for d in DISPUTE_THRESHOLDS if d <= threshold or d == 1.0)
    dispute, best = _best(disputes, [_mean_score(events, scored, threshold, d, measure) for d in disputes])
    return PairModel(logistic, threshold, dispute, measure), best


def leave_one_event_out(events: list[EventData]) -> dict[str, dict[str, Any]]:
    """For each event: fit on the others, score it."""
    out = {}
    for held in events:
        model, _ = fit([e for e in events if e is not held])
        out[held.corpus.name] = score_event(held, model)
    return out


def load_events() -> list[EventData]:
    return [load_event(c) for c in real_corpora()]


def model_file_text(events: list[EventData], *, leave_one_out: bool = True) -> str:
    """The model file: the model fitted on `events`, what it was fitted on, and (unless
    `leave_one_out` is False) each event's score when it is left out of the fit."""
    model, train_score = fit(events)
    extra: dict[str, object] = {
        "fitted_on": [e.corpus.name for e in events],
        "training_pairs": int(sum(len(e.labels) for e in events)),
        "positive_pairs": int(sum(int(e.labels.sum()) for e in events)),
        "training_mean_score": round(train_score, 3),
    }
    if leave_one_out:
        loeo = leave_one_event_out(events)
        extra["leave_one_event_out"] = {name: round(r["score"], 3) for name, r in loeo.items()}
        extra["leave_one_event_out_mean"] = round(float(np.mean([r["score"] for r in loeo.values()])), 3)
    return model.to_json(extra)


CHECKED_EXACTLY = ("features", "threshold", "dispute_threshold", "measure_threshold")
"""What a refit must reproduce exactly: the features and the thresholds chosen on the grid."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a refit differs from the shipped file")
    args = parser.parse_args()
    # --check compares the model (features, weights, thresholds: model_files.differences); the
    # leave-one-event-out figures beside it report on the fit, and cost nine fits more.
    text = model_file_text(load_events(), leave_one_out=not args.check)
    status = check_or_write(
        MODEL_FILE, text, "pair model", check=args.check, exact=CHECKED_EXACTLY, scalars=("bias",)
    )
    if not args.check:
        print(f"features: {', '.join(FEATURES)}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
