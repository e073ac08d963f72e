"""The baseline: a snapshot of the last accepted observations, committed next to claims.yaml.

Sorted keys, no timestamps, one line per value: a diff of it reads well in review. Each source's
sha256 is kept, so a change can be blamed on the article ("its text changed") or on mineralcheck
("the article is unchanged").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mineralcheck.errors import ConfigError
from mineralcheck.files.reading import read_config_text
from mineralcheck.gate.fit import Pin
from mineralcheck.models import Article, Fact, Value
from mineralcheck.values import describe, values_compatible

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Observation:
    """What the run saw for one expectation: the fact's verdict and each source's values."""

    verdict: str
    sources: Mapping[str, tuple[str, ...]]
    """Source id -> the values it states for the fact, described and sorted (empty when none)."""


@dataclass(frozen=True)
class Baseline:
    """Accepted observations per expectation id, and the hash of each source text at the time."""

    claims: Mapping[str, Observation] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    """Source id -> sha256 of its decoded text."""


def observe(fact: Fact, expected: Value | None = None, pin: Pin | None = None) -> Observation:
    """The observation of `fact`; with an expected value, only values comparable to it are kept,
    and with a pinned frame only figures of that frame (so an unrelated figure in the same sentence
    does not make the baseline noisy)."""
    per_source: dict[str, set[str]] = {source: set() for source in fact.cluster.sources}
    for claim in fact.cluster.claims:
        for value in claim.values:
            if pin is not None and not pin.holds(value):
                continue
            if expected is None or values_compatible(expected, value) is not None:
                per_source[claim.source].add(describe(value))
    return Observation(fact.verdict, {s: tuple(sorted(v)) for s, v in sorted(per_source.items())})


def updated(
    old: Baseline | None, accepted: Mapping[str, Observation], keep: set[str], articles: tuple[Article, ...]
) -> Baseline:
    """A new baseline: `accepted` observations replace old ones; other ids in `keep` keep their old
    entry (an expectation that failed is never written); ids outside both are dropped."""
    claims: dict[str, Observation] = {}
    if old is not None:
        claims.update({k: v for k, v in old.claims.items() if k in keep})
    claims.update(accepted)
    return Baseline(
        dict(sorted(claims.items())), {a.id: a.sha256 for a in sorted(articles, key=lambda a: a.id)}
    )


def dumps(baseline: Baseline) -> str:
    """The baseline as JSON text: sorted keys, no timestamps, a trailing newline."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "claims": {
            claim_id: {"verdict": o.verdict, "sources": {s: list(v) for s, v in o.sources.items()}}
            for claim_id, o in baseline.claims.items()
        },
        "sources": dict(baseline.sources),
    }
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def loads(text: str, display: str = "baseline") -> Baseline:
    """Parse a baseline; raises ConfigError naming the file when it is not one."""
    fix = "regenerate it with: mineralcheck check --baseline FILE --update-baseline"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{display}:{error.lineno}: not valid JSON ({error.msg})", tip=fix) from None
    except RecursionError:
        # json has no depth limit of its own; a baseline is 4 levels deep.
        raise ConfigError(f"{display}: nested too deeply to be a mineralcheck baseline", tip=fix) from None
    try:
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ConfigError(
                f"{display}: unknown baseline schema_version {data.get('schema_version')!r} "
                f"(this mineralcheck reads {SCHEMA_VERSION})",
                tip=fix,
            )
        claims = {
            str(claim_id): Observation(
                str(entry["verdict"]),
                {str(s): tuple(str(v) for v in values) for s, values in entry["sources"].items()},
            )
            for claim_id, entry in data["claims"].items()
        }
        sources = {str(k): str(v) for k, v in data["sources"].items()}
    except (AttributeError, KeyError, TypeError) as error:
        raise ConfigError(f"{display}: not a mineralcheck baseline ({_what(error)})", tip=fix) from None
    return Baseline(claims, sources)


def load(path: str | Path) -> Baseline:
    """Read a baseline file; raises ConfigError when it is missing, unreadable or malformed."""
    try:
        text = read_config_text(path)
    except FileNotFoundError:
        raise ConfigError(
            f"Baseline not found: {path}",
            tip="create it with: mineralcheck check --baseline FILE --update-baseline",
        ) from None
    return loads(text, str(path))


def _what(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing key {error.args[0]!r}"
    return "unexpected structure"
