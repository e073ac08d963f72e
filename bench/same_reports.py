"""Render every corpus's reports into a folder, to show that a change left them byte-identical.

    python bench/same_reports.py OUT [--root TREE]
    diff -r OUT_BEFORE OUT_AFTER

Runs `mineralcheck compare --no-cache` (JSON, markdown and HTML) on the seeds (../shared/seeds), each
development event (../shared/eval/dev/*/) and each scenario corpus (tests/corpora/*/), and
`mineralcheck check` (terminal and JSON) on the repository's claims.yaml with a fresh cache, all
through the command line in one process. `--root` runs the code of another checkout (e.g. a
worktree of the commit before a refactoring) with this script, so both sides render the same way.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SHARED = HERE.parent / "shared"


def corpora(root: Path) -> list[tuple[str, str]]:
    """(name, path) of every corpus: paths outside the tree absolute, inside it relative."""
    out = [("seeds", str(SHARED / "seeds"))]
    out += [(f"dev-{p.name}", str(p)) for p in sorted((SHARED / "eval" / "dev").iterdir()) if p.is_dir()]
    out += [
        (f"corpora-{p.name}", f"tests/corpora/{p.name}")
        for p in sorted((root / "tests" / "corpora").iterdir())
        if p.is_dir()
    ]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="Folder to write the reports into (created).")
    parser.add_argument("--root", type=Path, default=HERE, help="The checkout whose code renders them.")
    args = parser.parse_args()
    root = args.root.resolve()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.chdir(root)  # paths in the reports are as given, relative to the checkout
    sys.path.insert(0, str(root))
    os.environ["MINERALCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="same-reports-cache-")

    from typer.testing import CliRunner

    import mineralcheck
    from mineralcheck.cli import app

    print(f"code: {Path(mineralcheck.__file__).parent}", file=sys.stderr)
    runner = CliRunner()
    codes = []

    def run(name: str, args: list[str]) -> None:
        result = runner.invoke(app, args, catch_exceptions=False)
        codes.append(f"{name}: exit {result.exit_code}\n")
        print(f"{name}: exit {result.exit_code}", file=sys.stderr)

    for name, path in corpora(root):
        for fmt, ext in (("json", "json"), ("markdown", "md"), ("html", "html")):
            target = out / f"{name}.{ext}"
            run(target.name, ["compare", path, "--no-cache", "-q", "-f", fmt, "-o", str(target)])
    for fmt, ext in (("terminal", "txt"), ("json", "json")):
        target = out / f"check.{ext}"
        run(target.name, ["check", "-q", "-f", "json", "--report", f"{fmt}={target}"])
    (out / "exit-codes.txt").write_text("".join(codes), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
