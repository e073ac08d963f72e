"""The starter claims.yaml that `mineralcheck init` writes: the facts several sources state today,
each in a claim that reads as a whole sentence, with a value only where that sentence states one
that every source's figure fits, and nothing that `mineralcheck check` would fail on the same
articles: the file is checked against the run it came from before it is written."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz

from mineralcheck import pipeline
from mineralcheck.claims.parse import parse_sentences
from mineralcheck.claims.readable import readable_claim
from mineralcheck.display import inert_line
from mineralcheck.errors import OutputError
from mineralcheck.files.writing import check_output_path
from mineralcheck.gate.evaluate import evaluate
from mineralcheck.gate.expectations import SUPPORTED_VERSIONS, loads, parse_value
from mineralcheck.gate.fit import fits
from mineralcheck.gate.results import Code
from mineralcheck.gate.run import compared
from mineralcheck.gate.titles import Parse, whole_sentence_claims
from mineralcheck.match.embed import Embedder
from mineralcheck.models import Claim, Fact, Report, Value
from mineralcheck.values import describe


def check_target(output: Path, paths: Sequence[str], *, force: bool) -> None:
    """Refuse to replace an existing file unless `force`; check that `output` can be written."""
    if output.exists() and not force:
        raise OutputError(
            f"{output} already exists; init does not overwrite it.",
            tip="pass --force to replace it, or -o another.yaml",
        )
    check_output_path(output, paths)


@dataclass(frozen=True)
class Starter:
    """A starter claims.yaml."""

    text: str
    expectations: int
    """How many expectations it holds (facts that several sources state in a readable sentence)."""


@dataclass(frozen=True)
class _Entry:
    """One expectation of the starter, before it is written."""

    id: str
    fact: Fact
    title: str
    value: str | None


@dataclass(frozen=True)
class _LeftOut:
    """What the starter leaves out, counted for its closing comment."""

    single: int = 0
    """Facts only one source states."""
    unreadable: int = 0
    """Facts several sources state, in no claim that reads as a whole sentence."""
    failing: int = 0
    """Facts whose expectation would fail `check` on the same articles (its sentence matches
    another fact better, say)."""


def build(
    paths: Sequence[str],
    output: Path,
    options: pipeline.CompareOptions,
    *,
    embedder: Embedder | None = None,
    progress: pipeline.Progress | None = None,
    warn: pipeline.Warn | None = None,
) -> tuple[Report, Starter]:
    """Compare the articles at `paths` and make the starter to write at `output`, checked against
    that comparison as `mineralcheck check` will check it."""
    report, matcher = compared(paths, options, embedder=embedder, progress=progress, warn=warn)
    return report, starter_file(report, paths, output, embedder=matcher)


def starter_file(report: Report, paths: Sequence[str], output: Path, *, embedder: Embedder) -> Starter:
    """The starter claims.yaml to write at `output`: its `sources:` are `paths` relative to it."""
    relative = [os.path.relpath(p, output.parent.resolve()) if p != "-" else p for p in paths]
    return starter(report, [Path(s).as_posix() for s in relative], embedder=embedder)


def starter(
    report: Report, sources: Sequence[str] = (), *, embedder: Embedder, parse: Parse = parse_sentences
) -> Starter:
    """A starter claims.yaml from a run: every fact two or more sources state in a claim that reads
    as a whole sentence, with its current verdict, source count and (when that sentence states one
    that every source's figure fits) value, for a user to prune. Whatever `mineralcheck check` would
    fail on `report` is left out (a value first, then the expectation)."""
    shared = [f for f in report.facts if len(f.cluster.sources) >= 2]
    readable = [c for f in shared for c in f.cluster.claims if readable_claim(c)]
    whole = whole_sentence_claims(readable, {a.id: a for a in report.articles}, parse)
    used: set[str] = set()
    entries = []
    for fact in shared:
        title = _title(fact, whole)
        if title is not None:
            entries.append(
                _Entry(_slug(title.text, used), fact, " ".join(title.text.split()), _value(fact, title))
            )
    left_out = _LeftOut(single=len(report.facts) - len(shared), unreadable=len(shared) - len(entries))
    held = _holding(entries, report, sources, embedder)
    left_out = replace(left_out, failing=len(entries) - len(held))
    return Starter(_render(held, sources, left_out), len(held))


def _holding(
    entries: list[_Entry], report: Report, sources: Sequence[str], embedder: Embedder
) -> list[_Entry]:
    """The entries whose expectations hold on `report` without a finding, evaluated as `check`
    evaluates the file: an entry that fails only on its value loses the value, any other entry that
    fails or warns is dropped (a starter file is green, not merely passing)."""
    while entries:
        result = evaluate(loads(_render(entries, sources, _LeftOut())), report, embedder=embedder)
        failing = {r.expectation.id: r for r in result.results if r.outcome != "passed"}
        if not failing:
            break
        kept = []
        for entry in entries:
            found = failing.get(entry.id)
            if found is None:
                kept.append(entry)
            elif entry.value is not None and {f.code for f in found.findings} == {Code.VALUE_CHANGED}:
                kept.append(replace(entry, value=None))
        entries = kept
    return entries


def _render(entries: Sequence[_Entry], sources: Sequence[str], left_out: _LeftOut) -> str:
    lines = [
        "# Starter claims.yaml written by `mineralcheck init`: the facts several sources state today.",
        "# Prune it to the facts you care about, give each a meaningful id and title, then run",
        "# `mineralcheck check` in CI. Keys: see README.md, section 'Use in CI'.",
        f"version: {SUPPORTED_VERSIONS[-1]}",
    ]
    if sources:
        lines.append("sources: [" + ", ".join(_quote(s) for s in sources) + "]")
    lines += ["defaults: {min_sources: 1, severity: error}", "claims:"]
    for entry in entries:
        fact = entry.fact
        expect = [f"status: {fact.verdict}", f"min_sources: {len(fact.cluster.sources)}"]
        if entry.value is not None:
            expect.insert(0, f"value: {_quote(entry.value)}")
        lines += [
            f"  - id: {entry.id}",
            f"    title: {_quote(entry.title)}",
            f"    match: {_quote(entry.title)}",
            "    expect: {" + ", ".join(expect) + "}",
            # A file name may hold a line break: it must not end the comment and start YAML.
            f"    # {fact.id}: {inert_line(', '.join(fact.cluster.sources))}",
        ]
    if not entries:
        lines[-1] = "claims: []  # no fact that several sources state could be written: see below"
    return "\n".join(lines + _closing(left_out)) + "\n"


def _closing(left_out: _LeftOut) -> list[str]:
    """The closing comment: what the starter left out, and why."""
    parts = [
        (left_out.single, "that only one source states (nothing to cross-check)"),
        (left_out.unreadable, "that several sources state, but in no claim that reads as a whole sentence"),
        (
            left_out.failing,
            "whose expectation `mineralcheck check` would fail or warn on these same articles",
        ),
    ]
    lines = ["#", "# Left out:"]
    lines += [f"#   {n} {'fact' if n == 1 else 'facts'} {why}" for n, why in parts]
    return lines


def _title(fact: Fact, whole: set[Claim]) -> Claim | None:
    """The fact's title claim if it reads as a whole sentence, else the whole-sentence claim most
    like it (shortest first among equals)."""
    claims = [c for c in fact.cluster.claims if c in whole]
    if not claims:
        return None
    same = [c for c in claims if c.text == fact.title]
    if same:
        return same[0]
    return max(claims, key=lambda c: (fuzz.token_set_ratio(c.text, fact.title), -len(c.text)))


def _value(fact: Fact, title: Claim) -> str | None:
    """A value to pin: one the title's own sentence states ("only one mine", not a "2" from another
    claim's "the two countries"), unambiguously (every comparable figure of that sentence fits it:
    not "March 13" from "Wednesday (Mar 13) … Thursday (Mar 14)"), that two or more sources state,
    every figure of theirs within it. Written as the title writes it where that reads back as such
    a value, else as most sources write it; None when there is none."""
    if fact.verdict != "agree" or title.negated or title.earlier:
        return None
    claims = [c for c in fact.cluster.claims if not c.negated and not c.earlier]
    stated: dict[str, set[str]] = {}
    for claim in claims:
        for value in claim.values:
            stated.setdefault(_plain(value), set()).add(claim.source)
    own = [" ".join(v.text.split()) for v in title.values]
    for text in [*own, *sorted(stated, key=lambda t: (-len(stated[t]), t))]:
        wanted = parse_value(text)
        if wanted is not None and _pins(wanted, title.values) and _every_source_fits(wanted, claims):
            return text
    return None


def _every_source_fits(wanted: Value, claims: Sequence[Claim]) -> bool:
    """Two or more sources state a figure comparable to `wanted`, and every such claim one within it."""
    comparable = [(c.source, [v for v in c.values if fits(wanted, v) is not None]) for c in claims]
    if len({source for source, values in comparable if values}) < 2:
        return False
    return all(any(fits(wanted, v) for v in values) for _, values in comparable if values)


def _pins(wanted: Value, values: Sequence[Value]) -> bool:
    """The sentence states `wanted`: its comparable figures all fit it, and there is one."""
    comparable = [fits(wanted, v) for v in values if fits(wanted, v) is not None]
    return bool(comparable) and all(comparable)


def _plain(value: Value) -> str:
    # Without the counted thing's word: the frame's name for it is mineralcheck's reading.
    return describe(replace(value, quantity="")) if value.kind == "quantity" else describe(value)


def _quote(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _slug(title: str, used: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    base = "-".join(w for w in words if w not in _STOP_WORDS)[:40].strip("-") or "fact"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


# Words an id leaves out. Deliberately fewer than lexicon.function_words.FUNCTION_WORDS: an id keeps "not",
# "no", "will" and the like, which change what the fact says.
_STOP_WORDS = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "with", "at", "by", "is", "are"}
