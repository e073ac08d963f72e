"""The development corpora with their gold files: what `make quality` scores and `make fit` learns from.

Real events are the seeds and each event of ../shared/eval/dev/ (read in place, never copied into the
repository); scenario corpora are the invented stories of tests/corpora/. The shared scorer
(../shared/eval/score.py) is imported as it is, so every figure here is the one a reviewer gets by
running it by hand.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"


class MissingShared(RuntimeError):
    """../shared/eval is not beside the repository (CI always has it)."""


@dataclass(frozen=True)
class Corpus:
    """One event's articles and its gold file."""

    name: str
    path: Path
    gold: Path
    real: bool
    """Real coverage (the seeds, ../shared/eval/dev) rather than an invented scenario."""


def real_corpora() -> list[Corpus]:
    """The seeds and every event of ../shared/eval/dev, in name order after the seeds."""
    if not (EVAL / "score.py").is_file():
        raise MissingShared(f"{EVAL} is missing: put the shared folder beside the repository")
    out = [Corpus("seeds", SHARED / "seeds", EVAL / "seeds.gold.yaml", True)]
    for gold in sorted((EVAL / "dev").glob("*.gold.yaml")):
        name = gold.name.removesuffix(".gold.yaml")
        corpus = yaml.safe_load(gold.read_text(encoding="utf-8")).get("corpus") or name
        out.append(Corpus(name, (gold.parent / corpus).resolve(), gold, True))
    return out


def scenario_corpora() -> list[Corpus]:
    """The invented stories of tests/corpora, each with its gold.yaml."""
    root = ROOT / "tests" / "corpora"
    return [
        Corpus(p.name, p, p / "gold.yaml", False)
        for p in sorted(root.iterdir())
        if (p / "gold.yaml").is_file()
    ]


@cache
def scorer() -> ModuleType:
    """../shared/eval/score.py as a module."""
    path = EVAL / "score.py"
    if not path.is_file():
        raise MissingShared(f"{path} is missing: put the shared folder beside the repository")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["shared_score"] = module
    spec.loader.exec_module(module)
    return module


@cache
def gold(corpus: Corpus) -> tuple[list[Any], list[Any], dict[str, str]]:
    """(facts, noise mentions, texts by source stem) as the scorer reads them."""
    return scorer().load_gold(corpus.gold)  # type: ignore[no-any-return]


def source_stem(path: str) -> str:
    return scorer().stem(path)  # type: ignore[no-any-return]


def fact_labels(corpus: Corpus, spans: list[tuple[str, int, int]]) -> list[frozenset[str]]:
    """For each (source stem, start, end) evidence span, the gold facts whose mentions it serves."""
    return [frozenset(fact.id for fact, _mention in served) for served in serving(corpus, spans)]


def serving(corpus: Corpus, spans: list[tuple[str, int, int]]) -> list[list[tuple[Any, Any]]]:
    """For each (source stem, start, end) evidence span, the (gold fact, mention) pairs it serves."""
    facts, _noise, _texts = gold(corpus)
    hits = scorer().hits
    claim = scorer().Claim
    out = []
    for source, start, end in spans:
        probe = claim(source, start, end, 0)
        out.append([(f, m) for f in facts for m in f.mentions if m.source == source and hits(probe, m.spans)])
    return out


def noise_labels(corpus: Corpus, spans: list[tuple[str, int, int]]) -> list[bool]:
    """For each evidence span, whether it overlaps page furniture marked in the gold."""
    _facts, noise, _texts = gold(corpus)
    hits = scorer().hits
    claim = scorer().Claim
    return [any(m.source == s and hits(claim(s, a, b, 0), m.spans) for m in noise) for s, a, b in spans]


def is_figure_fact(fact: Any) -> bool:
    """A fact about a figure, as score.py counts it: most of its quotes state a number."""
    is_figure = credits().is_figure
    return sum(1 for m in fact.mentions if is_figure(m.quote)) >= max(1, len(fact.mentions) // 2)


@cache
def credits() -> ModuleType:
    """../shared/eval/credits.py as a module (its figure reader decides what a figure fact is)."""
    return _shared_module("credits")


@cache
def measures_probe() -> ModuleType:
    """../shared/eval/measures.py as a module: one measure per figure fact across outlets."""
    return _shared_module("measures")


@cache
def units_probe() -> ModuleType:
    """../shared/eval/units.py as a module: do the report's claims find their own fact?"""
    return _shared_module("units")


def _shared_module(name: str) -> ModuleType:
    path = EVAL / f"{name}.py"
    if not path.is_file():
        raise MissingShared(f"{path} is missing: put the shared folder beside the repository")
    scorer()  # the probes import score.py from their folder
    sys.path.insert(0, str(EVAL))
    spec = importlib.util.spec_from_file_location(f"shared_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_report(report_json: str, texts: dict[str, str]) -> tuple[list[Any], list[Any], list[Any]]:
    """(claims, clusters, problems) of a JSON report as the scorer reads them (it reads a file)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.json"
        path.write_text(report_json, encoding="utf-8")
        return scorer().load_report(path, texts)  # type: ignore[no-any-return]


def figures(
    facts: list[Any], noise: list[Any], claims: list[Any], clusters: list[Any], problems: list[Any]
) -> dict[str, Any]:
    """The scorer's figures for a report read against its gold, plus cross-source and divergences."""
    module = scorer()
    outcomes = [module.judge(f, claims, clusters) for f in facts]
    multi = [o for o in outcomes if "single" not in o.fact.verdicts]
    diverging = [o for o in outcomes if o.fact.verdicts == {"diverge"}]
    diverge_facts = [f for f in facts if "diverge" in f.verdicts]
    diverge_clusters = [k for k, c in enumerate(clusters) if c.get("verdict") == "diverge"]
    true_diverge = sum(
        1
        for k in diverge_clusters
        if any(
            c.cluster == k and c.source == m.source and module.hits(c, m.spans)
            for f in diverge_facts
            for m in f.mentions
            for c in claims
        )
    )
    noise_claims = sum(
        1 for c in claims if any(c.source == m.source and module.hits(c, m.spans) for m in noise)
    )
    figure_facts = [o for o in multi if is_figure_fact(o.fact)]
    statement_facts = [o for o in multi if not is_figure_fact(o.fact)]
    return {
        "figures_cross": (sum(o.correct for o in figure_facts), len(figure_facts)),
        "statements_cross": (sum(o.correct for o in statement_facts), len(statement_facts)),
        "b3": module.b_cubed(facts, claims)[2],
        "facts": len(facts),
        "correct": sum(o.correct for o in outcomes),
        "score": sum(o.correct for o in outcomes) / len(facts) if facts else 0.0,
        "cross": (sum(o.correct for o in multi), len(multi)),
        "divergences": (sum(o.correct for o in diverging), len(diverging)),
        "diverge_precision": true_diverge / len(diverge_clusters) if diverge_clusters else None,
        "diverge_clusters": len(diverge_clusters),
        "noise": noise_claims,
        "problems": list(problems),
        "outcomes": outcomes,
    }


def score_report(corpus: Corpus, report: dict[str, Any]) -> dict[str, Any]:
    """The scorer's figures for a JSON report (as `score.py --json` prints them), plus divergences."""
    facts, noise, texts = gold(corpus)
    return figures(facts, noise, *read_report(json.dumps(report), texts))
