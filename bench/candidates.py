"""How many same-fact pairs the candidate floor lets through: the recall of blocking.

Clustering scores only pairs of claims whose embeddings are at least `candidate_floor` alike
(match/cluster.py, ClusterParams). For each floor tried, this prints the share of cross-outlet
pairs of claims that serve one gold fact which pass it, and how many pairs the pair model would
then score, over the seeds and the development events:

    python bench/candidates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaldata import fact_labels, real_corpora  # noqa: E402
from fit import claim_spans  # noqa: E402

from mineralcheck import pipeline  # noqa: E402

FLOORS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)


def main() -> int:
    same = np.zeros(len(FLOORS))
    scored = np.zeros(len(FLOORS))
    total_same = 0
    for corpus in real_corpora():
        prepared = pipeline.prepare([str(corpus.path)])
        claims = prepared.claims
        facts = fact_labels(corpus, claim_spans(prepared))
        cosines = prepared.vectors @ prepared.vectors.T
        sources = np.array([c.source for c in claims])
        upper = np.triu(np.ones_like(cosines, dtype=bool), k=1) & (sources[:, None] != sources[None, :])
        rows, cols = np.nonzero(upper)
        positive = np.array([bool(facts[i] & facts[j]) for i, j in zip(rows, cols, strict=True)])
        values = cosines[rows, cols]
        total_same += int(positive.sum())
        for k, floor in enumerate(FLOORS):
            passed = values >= floor
            same[k] += int((passed & positive).sum())
            scored[k] += int(passed.sum())
    print("| floor | same-fact pairs kept | pairs scored |")
    print("|---:|---:|---:|")
    for k, floor in enumerate(FLOORS):
        print(f"| {floor:.1f} | {same[k] / total_same:.2f} | {int(scored[k]):,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
