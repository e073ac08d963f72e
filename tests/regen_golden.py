"""Rewrite every scenario corpus's expected.txt (make golden); review the diff before committing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mineralcheck.match.embed import DEFAULT_MODEL, embedder_for  # noqa: E402
from tests.golden import CORPORA, corpus_report, expectation  # noqa: E402


def main() -> None:
    os.chdir(ROOT)
    embedder = embedder_for(DEFAULT_MODEL)
    for case in CORPORA:
        target = ROOT / "tests" / "corpora" / case / "expected.txt"
        target.write_text(expectation(case, corpus_report(case, embedder)), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
