"""What the quality tests read: the shared scorer, and a compact projection of a report on its gold.

The projection is one line per gold fact: the verdict mineralcheck gives it and the sources of the
cluster that best holds it, beside what the gold says. It is what a reviewer reads in a diff (a fact
that changed verdict or lost a source), where a full JSON snapshot of a report is thousands of lines
nobody reviews.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import evaldata  # noqa: E402  (bench/evaldata.py: the gold files and the scorer, shared with `make quality`)

SHARED = ROOT.parent / "shared"
SHARED_EVAL = SHARED / "eval"
OPT_OUT = "MINERALCHECK_WITHOUT_SHARED"


def require_shared(path: Path) -> Path:
    """`path` inside ../shared; a clear failure when it is missing (CI always has it), or a skip
    that says why when the developer opted out with MINERALCHECK_WITHOUT_SHARED=1."""
    if path.exists():
        return path
    message = (
        f"{path} is missing: the quality tests need the shared folder beside the repository "
        f"(../shared, as CI has it). Set {OPT_OUT}=1 to skip them knowingly."
    )
    if os.environ.get(OPT_OUT) == "1":
        pytest.skip(message)
    pytest.fail(message)


def scorer() -> ModuleType:
    """../shared/eval/score.py as a module (loaded by bench/evaldata.py, which `make quality` uses)."""
    require_shared(SHARED_EVAL / "score.py")
    return evaldata.scorer()


def evaluate(gold: Path, report_json: str) -> tuple[dict[str, Any], list[Any], list[Any]]:
    """(figures, outcomes per gold fact, the report's clusters as the scorer reads them), with the
    figures `make quality` prints; a report without divergences has a diverge precision of 1."""
    facts, noise, texts = scorer().load_gold(gold)
    claims, clusters, problems = evaldata.read_report(report_json, texts)
    got = evaldata.figures(facts, noise, claims, clusters, problems)
    precision = got["diverge_precision"]
    figures = {
        "score": got["score"],
        "noise": got["noise"],
        "problems": got["problems"],
        "diverge_precision": 1.0 if precision is None else precision,
    }
    return figures, got["outcomes"], clusters


def projection(gold: Path, report_json: str) -> str:
    """One line per gold fact: its id, "ok" when right, the verdict given and the sources of the
    cluster that best holds it (as the scorer chooses it); where wrong, what the gold says."""
    module = scorer()
    facts, _noise, texts = module.load_gold(gold)
    claims, clusters, _problems = evaldata.read_report(report_json, texts)
    lines = []
    for fact in facts:
        outcome = module.judge(fact, claims, clusters)
        best = _best_cluster(module, fact, claims)
        got = "no cluster"
        if best is not None:
            sources = sorted({c.source for c in claims if c.cluster == best})
            got = f"{clusters[best].get('verdict')} {' '.join(sources)}"
        line = f"{fact.id} {'ok' if outcome.correct else '--'} {got}"
        if not outcome.correct:
            wanted = sorted({m.source for m in fact.mentions})
            why = [d.strip().split(" ", 3)[-1] for d in outcome.detail if "best cluster" in d]
            why += [
                "no claim from " + d.split("no claim from ", 1)[1].split(" overlaps")[0]
                for d in outcome.detail
                if "no claim from" in d
            ]
            line += f"   (gold: {'/'.join(sorted(fact.verdicts))} {' '.join(wanted)}"
            line += f"; {'; '.join(why)})" if why else ")"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _best_cluster(module: ModuleType, fact: Any, claims: list[Any]) -> int | None:
    """The cluster the scorer judges `fact` by: the one holding most of its mentions, exact first."""
    required = [m for m in fact.mentions if not m.optional]
    allowed = {m.source for m in fact.mentions}
    holding = [
        (m, {c.cluster for c in claims if c.source == m.source and module.hits(c, m.spans)})
        for m in fact.mentions
    ]
    best: tuple[tuple[bool, int, int], int] | None = None
    for k in sorted(set().union(*(ks for _, ks in holding))):
        covered = sum(1 for m, ks in holding if not m.optional and k in ks)
        extra = {c.source for c in claims if c.cluster == k} - allowed
        key = (covered == len(required) and not extra, covered, -len(extra))
        if best is None or key > best[0]:
            best = (key, k)
    return None if best is None else best[1]
