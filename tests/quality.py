"""What the quality tests read: the shared scorer, and a compact projection of a report on its gold.

The projection is one line per gold fact: the verdict mineralcheck gives it and the sources of the
cluster that best holds it, beside what the gold says. It is what a reviewer reads in a diff (a fact
that changed verdict or lost a source), where a full JSON snapshot of a report is thousands of lines
nobody reviews.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
    """../shared/eval/score.py as a module."""
    path = require_shared(SHARED_EVAL / "score.py")
    if "shared_score" in sys.modules:
        return sys.modules["shared_score"]
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["shared_score"] = module
    spec.loader.exec_module(module)
    return module


def evaluate(gold: Path, report_json: str) -> tuple[dict[str, Any], list[Any], list[Any]]:
    """(figures, outcomes per gold fact, the report's claims as the scorer reads them)."""
    module = scorer()
    facts, noise, texts = module.load_gold(gold)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.json"
        path.write_text(report_json, encoding="utf-8")
        claims, clusters, problems = module.load_report(path, texts)
    outcomes = [module.judge(f, claims, clusters) for f in facts]
    diverge = [k for k, c in enumerate(clusters) if c.get("verdict") == "diverge"]
    allowed = [f for f in facts if "diverge" in f.verdicts]
    true = sum(
        1
        for k in diverge
        if any(
            c.cluster == k and c.source == m.source and module.hits(c, m.spans)
            for f in allowed
            for m in f.mentions
            for c in claims
        )
    )
    figures = {
        "score": sum(o.correct for o in outcomes) / len(facts),
        "noise": sum(
            1 for c in claims if any(c.source == m.source and module.hits(c, m.spans) for m in noise)
        ),
        "problems": problems,
        "diverge_precision": true / len(diverge) if diverge else 1.0,
    }
    return figures, outcomes, clusters


def projection(gold: Path, report_json: str) -> str:
    """One line per gold fact: its id, "ok" when right, the verdict given and the sources of the
    cluster that best holds it (as the scorer chooses it); where wrong, what the gold says."""
    module = scorer()
    facts, _noise, texts = module.load_gold(gold)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.json"
        path.write_text(report_json, encoding="utf-8")
        claims, clusters, _problems = module.load_report(path, texts)
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
