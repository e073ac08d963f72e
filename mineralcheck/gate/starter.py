"""The starter claims.yaml that `mineralcheck init` writes: the facts several sources state today,
each in a claim that reads as a sentence, with a value every source's figure fits."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz

from mineralcheck.claims.readable import readable_claim
from mineralcheck.display import inert_line
from mineralcheck.errors import OutputError
from mineralcheck.files.writing import check_output_path
from mineralcheck.gate.expectations import SUPPORTED_VERSIONS, parse_value
from mineralcheck.gate.fit import fits
from mineralcheck.models import EARLIER, Fact, Report
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


def starter_file(report: Report, paths: Sequence[str], output: Path) -> Starter:
    """The starter claims.yaml to write at `output`: its `sources:` are `paths` relative to it."""
    relative = [os.path.relpath(p, output.parent.resolve()) if p != "-" else p for p in paths]
    return starter(report, [Path(s).as_posix() for s in relative])


def starter(report: Report, sources: Sequence[str] = ()) -> Starter:
    """A starter claims.yaml from a run: every fact two or more sources state in a claim that reads
    as a sentence, with its current verdict, source count and (when every source's figure fits one)
    value, for a user to prune."""
    lines = [
        "# Starter claims.yaml written by `mineralcheck init`: the facts several sources state today.",
        "# Prune it to the facts you care about, give each a meaningful id and title, then run",
        "# `mineralcheck check` in CI. Keys: see README.md, section 'Use in CI'.",
        f"version: {SUPPORTED_VERSIONS[-1]}",
    ]
    if sources:
        lines.append("sources: [" + ", ".join(_quote(s) for s in sources) + "]")
    lines += ["defaults: {min_sources: 1, severity: error}", "claims:"]
    used: set[str] = set()
    facts = [f for f in report.facts if len(f.cluster.sources) >= 2]
    written = 0
    for fact in facts:
        title = _readable_title(fact)
        if title is None:
            continue
        expect = [f"status: {fact.verdict}", f"min_sources: {len(fact.cluster.sources)}"]
        value = _fitting_value(fact) if fact.verdict == "agree" else None
        if value is not None:
            expect.insert(0, f"value: {_quote(value)}")
        lines += [
            f"  - id: {_slug(title, used)}",
            f"    title: {_quote(title)}",
            f"    match: {_quote(title)}",
            "    expect: {" + ", ".join(expect) + "}",
            # A file name may hold a line break: it must not end the comment and start YAML.
            f"    # {fact.id}: {inert_line(', '.join(fact.cluster.sources))}",
        ]
        written += 1
    if not written:
        lines[-1] = (
            "claims: []  # no fact is stated by two or more sources in a readable sentence; add some by hand"
        )
    if written < len(facts):
        lines.append(
            f"# {len(facts) - written} more facts that several sources state were left out: none of their "
            "claims reads as a whole sentence."
        )
    return Starter("\n".join(lines) + "\n", written)


def _readable_title(fact: Fact) -> str | None:
    """The fact's title if its claim reads as a sentence, else the readable claim most like it."""
    readable = [c for c in fact.cluster.claims if readable_claim(c)]
    if not readable:
        return None
    if any(c.text == fact.title for c in readable):
        return " ".join(fact.title.split())
    best = max(readable, key=lambda c: (fuzz.token_set_ratio(c.text, fact.title), -len(c.text)))
    return " ".join(best.text.split())


def _fitting_value(fact: Fact) -> str | None:
    """A value of the fact that every figure its sources state for it lies within (so the new
    expectation holds today), the one most sources write; None when there is none."""
    claims = [c for c in fact.cluster.claims if not c.negated and EARLIER not in c.scope]
    stated: dict[str, set[str]] = {}
    for claim in claims:
        for value in claim.values:
            # Without the counted thing's word: the frame's name for it is mineralcheck's reading.
            plain = describe(replace(value, quantity="")) if value.kind == "quantity" else describe(value)
            stated.setdefault(plain, set()).add(claim.source)
    for text in sorted(stated, key=lambda t: (-len(stated[t]), t)):
        wanted = parse_value(text)
        if wanted is None:
            continue
        found = [[v for v in c.values if fits(wanted, v) is not None] for c in claims]
        if all(any(fits(wanted, v) for v in values) for values in found if values):
            return text
    return None


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


# Words an id leaves out. Deliberately fewer than claims.words.FUNCTION_WORDS: an id keeps "not",
# "no", "will" and the like, which change what the fact says.
_STOP_WORDS = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "with", "at", "by", "is", "are"}
