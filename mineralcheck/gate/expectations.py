"""claims.yaml: the facts a team expects its articles to support, loaded and validated with line numbers."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

from mineralcheck.errors import ConfigError
from mineralcheck.files.reading import read_config_text
from mineralcheck.files.safeyaml import Node, read_nodes
from mineralcheck.gate.fit import Pin
from mineralcheck.models import Value, Verdict
from mineralcheck.values import extract_values

Status = Literal[Verdict, "any"]
"""The verdict an expectation wants; "any" checks only presence, sources and value."""

Severity = Literal["error", "warning"]
"""How much a failed expectation matters: --fail-on decides which severities fail the run."""

SUPPORTED_VERSIONS = (1,)

MATCH_THRESHOLD = 0.6
"""Default minimum match score (0..1) for a fact to count as the one an expectation is about."""

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

# Comparators written as symbols, rewritten into the prose the value parser reads.
_COMPARATORS = (
    (">=", "at least "),
    ("≥", "at least "),
    ("<=", "at most "),
    ("≤", "at most "),
    (">", "more than "),
    ("<", "less than "),
    ("~", "about "),
    ("≈", "about "),
    ("=", ""),
)

_TOP_KEYS = ("version", "sources", "defaults", "claims")
_DEFAULT_KEYS = ("min_sources", "severity", "status", "min_score")
_CLAIM_KEYS = ("id", "title", "match", "measure", "scope", "expect", "severity", "tags", "xfail", "min_score")
_EXPECT_KEYS = ("value", "status", "min_sources", "sources", "excluded_sources")
_XFAIL_KEYS = ("reason",)


@dataclass(frozen=True)
class ExpectedValue:
    """A value an expectation wants, as written ("~70%") and as parsed."""

    text: str
    value: Value


@dataclass(frozen=True)
class Expectation:
    """One fact the articles are expected to support, and how."""

    id: str
    """Stable, unique id ("bridge-reopening-date"): the name of the test case in every format."""
    title: str
    """What a human reads ("Norland refines more than 70% of the world's cobalt")."""
    match: tuple[str, ...]
    """Phrasings matched by meaning against the report's facts (the best-scoring one counts); may
    be empty when `pin` says which figure the expectation is about."""
    line: int
    """Line of the claim's entry in claims.yaml (1-based): where annotations point."""
    value: ExpectedValue | None = None
    status: Status = "any"
    min_sources: int = 1
    sources: tuple[str, ...] = ()
    """Sources (article ids) that must be among the fact's sources."""
    excluded_sources: tuple[str, ...] = ()
    """Sources that must not be among the fact's sources."""
    severity: Severity = "error"
    tags: tuple[str, ...] = ()
    xfail: str | None = None
    """Reason of a known failure: the expectation is reported but does not fail the run."""
    min_score: float = MATCH_THRESHOLD
    pin: Pin | None = None
    """The frame of the figure the expectation is about (`measure:`, `scope:`): only facts that
    state such a figure match, and only such figures are checked against `value`."""


@dataclass(frozen=True)
class ExpectationSet:
    """A whole claims.yaml."""

    path: str
    """The file as the user named it (used in messages and annotations)."""
    version: int
    sources: tuple[str, ...]
    """Default article paths, resolved against the folder of claims.yaml."""
    expectations: tuple[Expectation, ...]

    def by_id(self, expectation_id: str) -> Expectation:
        """The expectation with this id (KeyError when there is none)."""
        for expectation in self.expectations:
            if expectation.id == expectation_id:
                return expectation
        raise KeyError(expectation_id)


def parse_value(text: str) -> Value | None:
    """The Value an expectation states: ">90%", ">=157", "~70%", "40 homes", "2024-03-12", "Thursday".

    Returns None when the text states no value, or more than one.
    """
    phrase = text.strip()
    for symbol, words in _COMPARATORS:
        if phrase.startswith(symbol):
            phrase = words + phrase[len(symbol) :].lstrip()
            break
    values = extract_values(phrase)
    return values[0] if len(values) == 1 else None


def load(path: str | Path) -> ExpectationSet:
    """Read and validate claims.yaml; raises ConfigError naming FILE:LINE for every problem found."""
    display = str(path)
    try:
        text = read_config_text(path)
    except FileNotFoundError:
        raise ConfigError(
            f"Claims file not found: {display}",
            tip="pass --claims PATH, or write a starter file with: mineralcheck init ARTICLES...",
        ) from None
    return loads(text, display, base=Path(path).parent)


def loads(text: str, display: str = "claims.yaml", *, base: Path = Path(".")) -> ExpectationSet:
    """Validate claims.yaml given as text; `display` names the file in messages."""
    return _Validator(display, base).document(read_nodes(text, display))


# --- validation -----------------------------------------------------------------------------


class _Validator:
    """Turns the YAML tree into an ExpectationSet, collecting every error before raising."""

    def __init__(self, display: str, base: Path) -> None:
        self.display = display
        self.base = base
        self.errors: list[tuple[int, str]] = []

    def error(self, line: int, message: str) -> None:
        self.errors.append((line, message))

    def raise_errors(self) -> None:
        if not self.errors:
            return
        lines = [f"{self.display}:{line}: {message}" for line, message in sorted(self.errors)]
        if len(lines) == 1:
            raise ConfigError(lines[0])
        raise ConfigError(f"{self.display} has {len(lines)} errors:\n  " + "\n  ".join(lines))

    def keys(
        self, node: Node, allowed: tuple[str, ...], where: str, misplaced: dict[str, str] | None = None
    ) -> dict[str, Node]:
        """The mapping of `node`, after reporting unknown keys with a suggestion.

        `misplaced` maps keys that belong elsewhere to where they belong ("under 'expect:'").
        """
        if not isinstance(node.value, dict):
            self.error(node.line, f"{where} must be a mapping (key: value), not {_kind(node.value)}")
            return {}
        assert node.key_lines is not None
        for key, line in node.key_lines.items():
            if key not in allowed and misplaced and key in misplaced:
                self.error(line, f"'{key}' is not allowed in {where}: it belongs {misplaced[key]}")
            elif key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = (
                    f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(allowed)}"
                )
                self.error(line, f"unknown key '{key}' in {where}{hint}")
        return cast(dict[str, Node], node.value)

    def document(self, root: Node) -> ExpectationSet:
        top = self.keys(root, _TOP_KEYS, "the top level")
        if not top and not self.errors:
            self.error(root.line, "the file is empty")
        self.raise_errors()

        version = 0
        if "version" not in top:
            self.error(root.line, f"missing 'version' (add: version: {SUPPORTED_VERSIONS[-1]})")
        else:
            node = top["version"]
            if isinstance(node.value, bool) or node.value not in SUPPORTED_VERSIONS:
                supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
                self.error(
                    node.line,
                    f"unknown version {node.value!r}: this mineralcheck reads version {supported} "
                    "(upgrade mineralcheck for newer files)",
                )
            else:
                version = int(node.value)

        sources = tuple(str(self.base / s) for s in self.strings(top.get("sources"), "sources"))
        defaults = self.defaults(top.get("defaults"))

        expectations: list[Expectation] = []
        claims = top.get("claims")
        if claims is None:
            self.error(root.line, "missing 'claims' (a list of expected facts)")
        elif not isinstance(claims.value, list):
            self.error(claims.line, f"'claims' must be a list, not {_kind(claims.value)}")
        elif not claims.value:
            self.error(claims.line, "'claims' is empty: add at least one expected fact")
        else:
            seen: dict[str, int] = {}
            for item in claims.value:
                expectation = self.claim(item, defaults)
                if expectation is None:
                    continue
                if expectation.id in seen:
                    self.error(
                        expectation.line,
                        f"duplicate id '{expectation.id}' (first on line {seen[expectation.id]})",
                    )
                seen.setdefault(expectation.id, expectation.line)
                expectations.append(expectation)
        self.raise_errors()
        return ExpectationSet(self.display, version, sources, tuple(expectations))

    def defaults(self, node: Node | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "min_sources": 1,
            "severity": "error",
            "status": "any",
            "min_score": MATCH_THRESHOLD,
        }
        if node is None:
            return out
        given = self.keys(node, _DEFAULT_KEYS, "defaults")
        if "min_sources" in given:
            out["min_sources"] = self.positive_int(given["min_sources"], "min_sources")
        if "severity" in given:
            out["severity"] = self.choice(given["severity"], "severity", get_args(Severity))
        if "status" in given:
            out["status"] = self.choice(given["status"], "status", get_args(Status))
        if "min_score" in given:
            out["min_score"] = self.score(given["min_score"])
        return out

    def claim(self, node: Node, defaults: dict[str, Any]) -> Expectation | None:
        raw = node.value if isinstance(node.value, dict) else {}
        named = raw.get("id") is not None and isinstance(raw["id"].value, str | int)
        where = f"claim '{raw['id'].value}'" if named else "a claim"
        fields = self.keys(node, _CLAIM_KEYS, where, dict.fromkeys(_EXPECT_KEYS, "under 'expect:'"))
        if not fields:
            return None
        raw_id = fields.get("id")
        if raw_id is None:
            self.error(node.line, "claim without an 'id' (add e.g. id: bridge-reopening-date)")
            claim_id = ""
        else:
            claim_id = str(raw_id.value) if raw_id.value is not None else ""
            if not _ID_RE.match(claim_id):
                self.error(raw_id.line, f"bad id {raw_id.value!r}: use letters, digits, '.', '_' and '-'")
        where = f"claim '{claim_id}'" if claim_id else where

        match = self.strings(fields.get("match"), f"match of {where}")
        pin = self.pin(fields, where)
        if "match" not in fields and "measure" not in fields:
            self.error(
                node.line,
                f"{where} has no 'match' (the sentence to look for in the articles) and no 'measure' "
                "(the figure it is about)",
            )
        elif "match" in fields and not match:
            self.error(fields["match"].line, f"'match' of {where} is empty")
        title_node = fields.get("title")
        default_title = match[0] if match else (pin.describe() if pin else "")
        title = self.text(title_node, f"title of {where}") if title_node else default_title

        value, status, min_sources, sources, excluded = self.expect(fields, where, defaults)
        severity = defaults["severity"]
        if "severity" in fields:
            severity = self.choice(fields["severity"], "severity", get_args(Severity))
        tags = self.strings(fields.get("tags"), f"tags of {where}")
        xfail = self.xfail(fields["xfail"], where) if "xfail" in fields else None
        min_score = defaults["min_score"]
        if "min_score" in fields:
            min_score = self.score(fields["min_score"])
        return Expectation(
            id=claim_id,
            title=title,
            match=match,
            line=node.line,
            value=value,
            status=status,
            min_sources=min_sources,
            sources=sources,
            excluded_sources=excluded,
            severity=severity,
            tags=tags,
            xfail=xfail,
            min_score=min_score,
            pin=pin,
        )

    def expect(
        self, fields: dict[str, Node], where: str, defaults: dict[str, Any]
    ) -> tuple[ExpectedValue | None, Status, int, tuple[str, ...], tuple[str, ...]]:
        """The `expect:` of a claim: (value, status, min_sources, sources, excluded_sources)."""
        expect = {}
        if "expect" in fields:
            beside = dict.fromkeys(_CLAIM_KEYS, "beside 'expect:', not under it")
            expect = self.keys(fields["expect"], _EXPECT_KEYS, f"expect of {where}", beside)
        value = None
        if "value" in expect:
            value = self.value(expect["value"], where)
        status = defaults["status"]
        if "status" in expect:
            status = self.choice(expect["status"], "status", get_args(Status))
        min_sources = defaults["min_sources"]
        if "min_sources" in expect:
            min_sources = self.positive_int(expect["min_sources"], "min_sources")
        sources = self.strings(expect.get("sources"), f"sources of {where}")
        excluded = self.strings(expect.get("excluded_sources"), f"excluded_sources of {where}")
        for both in sorted(set(sources) & set(excluded)):
            self.error(expect["excluded_sources"].line, f"source '{both}' is both required and excluded")
        return value, status, min_sources, sources, excluded

    def xfail(self, node: Node, where: str) -> str | None:
        """The reason of a claim's `xfail:`; None (and an error) when it gives none."""
        xfail_fields = self.keys(node, _XFAIL_KEYS, f"xfail of {where}")
        if "reason" in xfail_fields:
            return self.text(xfail_fields["reason"], "xfail reason")
        if isinstance(node.value, dict):
            self.error(node.line, "xfail needs a reason: xfail: {reason: why it fails}")
        return None

    def pin(self, fields: dict[str, Node], where: str) -> Pin | None:
        """`measure:` (and `scope:`): the frame of the figure, as the report's key figures name it."""
        scope = self.strings(fields.get("scope"), f"scope of {where}")
        if "measure" not in fields:
            if "scope" in fields:
                self.error(
                    fields["scope"].line, f"'scope' of {where} needs a 'measure' (e.g. measure: deaths)"
                )
            return None
        measure = self.text(fields["measure"], f"measure of {where}")
        if not measure:
            return None
        if not re.fullmatch(r"[\w' -]+?(?: in [\w' ,.-]+)?", measure.strip()):
            self.error(
                fields["measure"].line,
                f"bad measure {measure!r} of {where}: write what is counted, e.g. deaths, "
                '"confirmed cases" or "arrests in Varna"',
            )
            return None
        return Pin.parse(measure, scope)

    def value(self, node: Node, where: str) -> ExpectedValue | None:
        raw = node.value
        if isinstance(raw, bool) or raw is None or isinstance(raw, list | dict):
            self.error(node.line, f'value of {where} must be text such as ">90%", not {_kind(raw)}')
            return None
        # YAML reads an unquoted 2024-03-12 as a date and 250 as a number: both are fine here.
        text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
        parsed = parse_value(text)
        if parsed is None:
            self.error(
                node.line,
                f"cannot read value {text!r} of {where}: write one figure, date or day, "
                'e.g. ">90%", ">=157", "~70%", "40 homes", "2024-03-12", "Thursday"',
            )
            return None
        return ExpectedValue(text, parsed)

    def strings(self, node: Node | None, where: str) -> tuple[str, ...]:
        """A string or a list of strings (an empty tuple when absent)."""
        if node is None:
            return ()
        items = node.value if isinstance(node.value, list) else [node]
        out = []
        for item in items:
            if isinstance(item.value, str | int | float) and not isinstance(item.value, bool):
                if str(item.value).strip():
                    out.append(str(item.value))
                    continue
            self.error(item.line, f"{where} must be text or a list of texts, not {_kind(item.value)}")
        return tuple(out)

    def text(self, node: Node, where: str) -> str:
        if isinstance(node.value, str) and node.value.strip():
            return node.value
        self.error(node.line, f"{where} must be non-empty text, not {_kind(node.value)}")
        return ""

    def choice(self, node: Node, key: str, allowed: tuple[str, ...]) -> Any:
        if isinstance(node.value, str) and node.value in allowed:
            return node.value
        close = difflib.get_close_matches(str(node.value), allowed, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
        self.error(node.line, f"bad {key} {node.value!r}: {hint}")
        return allowed[0]

    def positive_int(self, node: Node, key: str) -> int:
        if isinstance(node.value, int) and not isinstance(node.value, bool) and node.value >= 1:
            return node.value
        self.error(node.line, f"bad {key} {node.value!r}: expected a whole number, 1 or more")
        return 1

    def score(self, node: Node) -> float:
        raw = node.value
        if isinstance(raw, int | float) and not isinstance(raw, bool) and 0 < raw <= 1:
            return float(raw)
        self.error(node.line, f"bad min_score {raw!r}: expected a number between 0 and 1, e.g. 0.6")
        return MATCH_THRESHOLD


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    return repr(value)
