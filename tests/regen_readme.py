"""Rewrite the README's sample output from a real run on the seeds (make readme); review the diff."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mineralcheck import pipeline  # noqa: E402
from mineralcheck.match.embed import DEFAULT_MODEL, embedder_for  # noqa: E402
from tests.readme_sample import rewrite, sample  # noqa: E402


def main() -> None:
    os.chdir(ROOT)
    report = pipeline.compare(["seeds"], pipeline.CompareOptions(), embedder=embedder_for(DEFAULT_MODEL))
    readme = ROOT / "README.md"
    readme.write_text(rewrite(readme.read_text(encoding="utf-8"), sample(report)), encoding="utf-8")
    print(f"rewrote the sample in {readme.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
