"""The table behind read.copies.COPY_SHARE: for every pair of articles of the seeds and each development
event, the share of the shorter text's word runs that the other prints too, highest first.

    python bench/copies.py          # the ten highest pairs, and where the threshold falls
    python bench/copies.py -n 30    # more pairs
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaldata import real_corpora  # noqa: E402

from mineralcheck.read import load_articles  # noqa: E402
from mineralcheck.read.copies import COPY_SHARE, SHINGLE, copy_share, runs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10, help="how many pairs to print")
    args = parser.parse_args()
    pairs = []
    for corpus in real_corpora():
        articles = load_articles([str(corpus.path)]).articles
        texts = {a.id: runs(a) for a in articles}
        for a, b in combinations(articles, 2):
            pairs.append((copy_share(texts[a.id], texts[b.id]), corpus.name, a.id, b.id))
    pairs.sort(key=lambda p: (-p[0], p[1:]))
    print(f"share of the shorter text's {SHINGLE}-word runs printed by the other (threshold {COPY_SHARE}):")
    for share, event, a, b in pairs[: args.n]:
        mark = "copies" if share >= COPY_SHARE else ""
        print(f"  {share:.3f}  {event:40} {a} / {b}  {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
