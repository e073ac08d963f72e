"""Where the score is lost: oracles that read the gold on purpose, over the development events.

    python bench/oracles.py           # pairs and units, each event and the mean
    python bench/oracles.py pairs     # only the perfect pair probabilities (no refit, a minute)
    python bench/oracles.py halves    # perfect on one side only: same-fact pairs, or the others
    python bench/oracles.py cuts      # clauses cut where the golds cut, then with gold-quote units

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

- `cuts`: the claims cut as the golds cut them, the upper bound of a learned span model that
  chooses among the clause boundaries the parse offers. Wherever a verb hangs from a clause by a
  clause dependency (coordination, adverbial, relative, participial, complement), or an apposition
  does, the clause is split when gold quotes of different facts lie on the two sides and kept whole when a
  gold quote crosses the boundary; where no quote tells, the rules of claims/clause_rules.py decide.
  The claims are extracted again under that oracle and the pair model refitted
  leave-one-event-out; then the same with those claims embedded as their gold quotes (`units`).

None is a model of anything shipped: they measure where the next lever is (bench/QUALITY.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit  # noqa: E402
from evaldata import EVAL, Corpus, fact_labels, gold, real_corpora, serving, source_stem  # noqa: E402

from mineralcheck import pipeline  # noqa: E402
from mineralcheck.claims import clauses  # noqa: E402
from mineralcheck.claims.clause_rules import CLAUSE_RULES, ClauseRule, Heads  # noqa: E402
from mineralcheck.claims.tokens import is_verb  # noqa: E402
from mineralcheck.match import cluster, embed  # noqa: E402
from mineralcheck.match.pairs import shipped_model  # noqa: E402
from mineralcheck.read.ingest import load_articles  # noqa: E402
from mineralcheck.read.sentences import split_sentences  # noqa: E402
from mineralcheck.report.json import to_dict  # noqa: E402

if TYPE_CHECKING:
    from spacy.tokens import Token


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


Quotes = dict[str, set[tuple[int, int, str]]]
"""Sentence text -> (start, end, fact id) of the gold quotes in it, offsets within the sentence."""

BOUNDARY_KIND = {dep: rule.kind for rule in CLAUSE_RULES for dep in rule.deps}
"""Each clause dependency the rules know, and the kind of clause the rules give it."""

SIDE = 0.6
"""Share of a quote on one side of a boundary that places it there."""
CROSS = 0.25
"""Share of a quote on each side that makes it cross the boundary."""


def gold_quotes(corpora: Sequence[Corpus]) -> Quotes:
    """Where the gold quotes lie in the sentences mineralcheck reads."""
    quotes: Quotes = {}
    for corpus in corpora:
        facts, _noise, _texts = gold(corpus)
        for article in load_articles([str(corpus.path)]).articles:
            stem = source_stem(article.path)
            sentences = split_sentences(article)
            for fact in facts:
                for mention in (m for m in fact.mentions if m.source == stem):
                    for start, end in mention.spans:
                        for sentence in sentences:
                            if sentence.start < end and start < sentence.start + len(sentence.text):
                                quotes.setdefault(sentence.text, set()).add(
                                    (start - sentence.start, end - sentence.start, fact.id)
                                )
    return quotes


def _chars(tokens: Iterator[Token]) -> set[int]:
    return {k for t in tokens for k in range(t.idx, t.idx + len(t.text))}


def gold_boundary(tok: Token, heads: Heads, quotes: Quotes) -> bool | None:
    """Split at `tok` (True), keep it in its clause (False), or no gold quote tells (None)."""
    found = quotes.get(tok.doc.text)
    owner = next((a for a in tok.ancestors if a.i in heads), None)
    if not found or owner is None:
        return None
    below = _chars(tok.subtree)
    rest = _chars(owner.subtree) - below
    inside: set[str] = set()
    outside: set[str] = set()
    for start, end, fact in found:
        quote = set(range(max(0, start), min(end, len(tok.doc.text))))
        if not quote:
            continue
        share_in, share_out = len(quote & below) / len(quote), len(quote & rest) / len(quote)
        if share_in >= CROSS and share_out >= CROSS:
            return False
        if share_in >= SIDE:
            inside.add(fact)
        if share_out >= SIDE:
            outside.add(fact)
    return True if inside and outside and inside != outside else None


@contextmanager
def gold_cuts(quotes: Quotes) -> Iterator[None]:
    """Within the block, clauses are cut where the gold quotes say (gold_boundary), elsewhere by
    the rules."""
    shipped = clauses.clause_rule

    def oracle(tok: Token, heads: Heads) -> ClauseRule | None:
        rule = shipped(tok, heads)
        kind = BOUNDARY_KIND.get(tok.dep_)
        # A clause is a verb's (or an apposition's): cutting between coordinated nouns leaves no clause.
        boundary = kind is not None and (is_verb(tok) or kind == "appos")
        split = gold_boundary(tok, heads, quotes) if boundary else None
        if kind is None or split is None:
            return rule
        if not split:
            return None
        return rule or ClauseRule("a boundary the golds cut", kind, frozenset({tok.dep_}), lambda t, h: True)

    clauses.clause_rule = oracle
    try:
        yield
    finally:
        clauses.clause_rule = shipped


def cut_events(corpora: Sequence[Corpus]) -> list[fit.EventData]:
    """Each event's claims extracted again under gold_cuts (no cache: the cache holds shipped claims)."""
    events = []
    with gold_cuts(gold_quotes(corpora)):
        for corpus in corpora:
            prepared = pipeline.prepare([str(corpus.path)], pipeline.CompareOptions(use_cache=False))
            events.append(fit.event_data(corpus, prepared, fact_labels(corpus, fit.claim_spans(prepared))))
    return events


def ceiling(event: fit.EventData) -> float:
    """`ceiling.py` on the event's claims: the share of facts they can serve (it reads the claims,
    not their clusters)."""
    report = to_dict(pipeline.judge(event.prepared))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.json"
        path.write_text(json.dumps(report), encoding="utf-8")
        out = subprocess.run(
            [sys.executable, str(EVAL / "ceiling.py"), str(event.corpus.gold), str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return float(out.split()[1])


def report_loeo(label: str, events: list[fit.EventData]) -> None:
    loeo = fit.leave_one_event_out(events)
    for name, result in loeo.items():
        print(f"{label:11} {name:45} {result['score']:.3f} (leave-one-event-out)", flush=True)
    print(f"{label:11} mean of the real events: {np.mean([r['score'] for r in loeo.values()]):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    choices = ("units", "pairs", "halves", "cuts", "both")
    parser.add_argument("which", nargs="?", choices=choices, default="both")
    which = parser.parse_args().which
    if which == "cuts":
        corpora = real_corpora()
        shipped, cut = fit.load_events(), cut_events(corpora)
        ceilings = [(ceiling(before), ceiling(after)) for before, after in zip(shipped, cut, strict=True)]
        for event, (before, after) in zip(shipped, ceilings, strict=True):
            print(f"ceiling     {event.corpus.name:45} {before:.3f} -> {after:.3f}")
        means = np.mean(ceilings, axis=0)
        print(f"ceiling     mean of the real events: {means[0]:.3f} -> {means[1]:.3f}")
        report_loeo("cuts", cut)
        embedder = embed.embedder_for()
        report_loeo("cuts+units", [gold_quote_units(e, embedder) for e in cut])
        return 0
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
        report_loeo("units", quoted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
