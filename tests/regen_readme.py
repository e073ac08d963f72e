"""Rewrite the README's sample outputs from real runs on the seeds (make readme): the head of
`compare seeds/`, and `check` after the edit the README describes. Review the diff."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mineralcheck import pipeline  # noqa: E402
from mineralcheck.match.embed import DEFAULT_MODEL, embedder_for  # noqa: E402
from tests.readme_sample import EDIT, rewrite, rewrite_check_example, sample  # noqa: E402


def check_example() -> str:
    """What `mineralcheck check` prints on a copy of the seeds after the README's edit."""
    from typer.testing import CliRunner

    from mineralcheck import cli

    with tempfile.TemporaryDirectory(prefix="mineralcheck-readme-") as tmp:
        shutil.copytree(ROOT / "seeds", Path(tmp) / "seeds")
        for name in ("claims.yaml", "claims.baseline.json"):
            shutil.copy(ROOT / name, Path(tmp) / name)
        path, old, new = EDIT
        article = Path(tmp) / path
        article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        os.chdir(tmp)
        try:
            return CliRunner().invoke(cli.app, ["check", "--quiet"]).stdout
        finally:
            os.chdir(ROOT)


def main() -> None:
    os.chdir(ROOT)
    report = pipeline.compare(["seeds"], pipeline.CompareOptions(), embedder=embedder_for(DEFAULT_MODEL))
    readme = ROOT / "README.md"
    text = rewrite(readme.read_text(encoding="utf-8"), sample(report))
    readme.write_text(rewrite_check_example(text, check_example()), encoding="utf-8")
    print(f"rewrote the samples in {readme.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
