"""Where the score is lost: oracles that read the gold on purpose, over the development events.

    python bench/oracles.py           # pairs and units, each event and the mean
    python bench/oracles.py pairs     # only the perfect pair probabilities (no refit, a minute)
    python bench/oracles.py halves    # perfect on one side only: same-fact pairs, or the others

- `units`: every claim that serves a gold fact is embedded as that fact's gold quote in its own
  outlet (the shortest span that states the fact: what `units.py` finds its fact 0.76 of the time),
  and the pair model is refitted leave-one-event-out on those vectors. The gain over the shipped
  leave-one-event-out mean is what better text to embed could give with this pair model.
- `pairs`: the shipped claims and candidate pairs, each pair given probability 1 when its claims
  serve one gold fact and 0 otherwise, clustered and judged as `compare` does. The gain is what a
  perfect pair decision could give; what is left to `ceiling.py` is claims and verdicts.
- `halves`: the same, perfect on one side only, the shipped model's probabilities on the other:
  `recall` gives 1 to every pair of two outlets whose claims serve one gold fact, `precision` gives 0
  to every pair that does not. Which half recovers most of `pairs` says whether the model misses
  pairs of one fact or lets pairs of two facts through.

None is a model of anything shipped: they measure where the next lever is (bench/QUALITY.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit  # noqa: E402
from evaldata import serving  # noqa: E402

from mineralcheck.match import cluster, embed  # noqa: E402
from mineralcheck.match.pairs import shipped_model  # noqa: E402


def gold_quote_units(event: fit.EventData, embedder: embed.Embedder) -> fit.EventData:
    """`event` with each claim that serves a gold fact embedded as that fact's quote in its outlet."""
    served = serving(event.corpus, fit.claim_spans(event.prepared))
    quoted = [(i, found[0][1].quote) for i, found in enumerate(served) if found]
    vectors = event.prepared.vectors.copy()
    if quoted:
        vectors[[i for i, _ in quoted]] = embedder.encode([quote for _, quote in quoted])
    prepared = dataclasses.replace(event.prepared, vectors=vectors)
    return fit.event_data(event.corpus, prepared, event.facts)


Side = Literal["both", "recall", "precision"]
"""Which pairs the oracle decides: all, those of one fact in two outlets (given 1), or those of
different facts (given 0); the shipped model decides the rest."""


@contextmanager
def perfect_pairs(facts: Sequence[frozenset[str]], side: Side = "both") -> Iterator[None]:
    """Within the block, a candidate pair's probability is 1 when its claims serve one gold fact in
    `facts` (by claim index), else 0, on the pairs `side` names; two clauses of one sentence stay
    apart, as shipped."""
    shipped = cluster.PairScorer.probabilities

    def oracle(
        self: cluster.PairScorer, pairs: Sequence[tuple[int, int, float]]
    ) -> tuple[np.ndarray, list[bool]]:
        probs, disputed = shipped(self, pairs)
        for k, (i, j, _cosine) in enumerate(pairs):
            if probs[k] == cluster.NEVER:
                continue
            one_fact = bool(facts[i] & facts[j])
            two_outlets = self.claims[i].source != self.claims[j].source
            if side == "both" or (side == "precision" and not one_fact):
                probs[k] = 1.0 if one_fact else 0.0
            elif side == "recall" and one_fact and two_outlets:
                probs[k] = 1.0
        return probs, disputed

    cluster.PairScorer.probabilities = oracle  # type: ignore[method-assign]
    try:
        yield
    finally:
        cluster.PairScorer.probabilities = shipped  # type: ignore[method-assign]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", choices=("units", "pairs", "halves", "both"), default="both")
    which = parser.parse_args().which
    events = fit.load_events()
    sides: dict[str, tuple[Side, ...]] = {
        "pairs": ("both",),
        "halves": ("recall", "precision"),
        "both": ("both",),
    }
    model = shipped_model()
    for side in sides.get(which, ()):
        label = "pairs" if side == "both" else side
        scores = []
        for event in events:
            with perfect_pairs(event.facts, side):
                scores.append(fit.score_event(event, model)["score"])
            print(f"{label:9} {event.corpus.name:45} {scores[-1]:.3f}", flush=True)
        print(f"{label:9} mean of the real events: {np.mean(scores):.3f}")
    if which in ("units", "both"):
        embedder = embed.embedder_for()
        quoted = [gold_quote_units(e, embedder) for e in events]
        loeo = fit.leave_one_event_out(quoted)
        for name, result in loeo.items():
            print(f"units  {name:45} {result['score']:.3f} (leave-one-event-out)")
        print(f"units  mean of the real events: {np.mean([r['score'] for r in loeo.values()]):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
