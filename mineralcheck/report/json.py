"""The JSON report: every field a script or a scorer needs, deterministic byte for byte."""

from __future__ import annotations

import json
import math
from typing import Any

from mineralcheck.display import json_inert
from mineralcheck.models import Article, Claim, Fact, KeyFigure, Mention, Reading, Reason, Report, Value
from mineralcheck.report.base import Labels, ordered_facts, source_labels
from mineralcheck.report.selection import EVERYTHING, Selection, shown_key_figures

SCHEMA_VERSION = 1
"""Bumped whenever a field is renamed, removed or changes meaning (adding a field does not bump it)."""


class JsonRenderer:
    """Renders a Report as JSON (schema_version 1); same Report, same bytes: no timestamps."""

    def render(self, report: Report, selection: Selection = EVERYTHING) -> str:
        text = json.dumps(to_dict(report, selection), sort_keys=True, indent=2, ensure_ascii=False)
        return json_inert(text) + "\n"


def to_dict(report: Report, selection: Selection = EVERYTHING) -> dict[str, Any]:
    """The report as plain JSON-ready data (what `render` serialises).

    Without filters, `clusters` holds every fact (what scripts and the scorer read); with `--only`
    or `--min-sources` it holds the facts they keep, `filters` says which, and `summary` still
    counts the whole report."""
    # Imported late so that mineralcheck/__init__ may one day import the report package without a cycle.
    from mineralcheck import __version__

    counts = report.counts()
    labels = source_labels(report.articles)
    clusters = [_cluster(f, labels, report.voices(f)) for f in ordered_facts(report, selection)]
    figures = shown_key_figures(report, selection)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mineralcheck", "version": __version__},
        "model": report.model,
        "options": dict(report.options),
        "summary": {
            "sources": len(report.articles),
            "facts": len(report.facts),
            "agree": counts["agree"],
            "diverge": counts["diverge"],
            "single": counts["single"],
            "skipped": len(report.skipped),
            "duplicates": len(report.duplicates),
            "shown": len(clusters),
        },
        "filters": {"only": selection.only, "min_sources": selection.min_sources},
        "sources": [_source(a, labels, report) for a in report.articles],
        "copies": [
            {"sources": list(g.sources), "outlets": [labels.get(s, s) for s in g.sources], "shared": g.shared}
            for g in report.copies
        ],
        "key_figures": [_key_figure(k, labels) for k in figures],
        "clusters": clusters,
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "duplicates": [{"path": path, "duplicate_of": of} for path, of in report.duplicates],
    }


def _source(article: Article, labels: Labels, report: Report) -> dict[str, Any]:
    return {
        "copies": list(report.copies_of(article.id)),
        "id": article.id,
        "path": article.path,
        "outlet": article.outlet,
        "label": labels.get(article.id, article.id),
        "url": article.url,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "time": article.time.isoformat(timespec="minutes") if article.time else None,
        "sha256": article.sha256,
    }


def _cluster(fact: Fact, labels: Labels, voices: int) -> dict[str, Any]:
    return {
        "id": fact.id,
        "verdict": fact.verdict,
        "voices": voices,
        "title": fact.title,
        "reason": _reason(fact.reason, labels),
        "sources": list(fact.cluster.sources),
        "outlets": [labels.get(s, s) for s in fact.cluster.sources],
        "diverging_sources": list(fact.diverging_sources),
        "readings": [_reading(r, labels, fact.verdict == "diverge") for r in fact.readings],
        "claims": [_claim(c, labels) for c in fact.cluster.claims],
    }


def _reading(reading: Reading, labels: Labels, sided: bool = False) -> dict[str, Any]:
    """A figure as written, exactly the sources that write it and where (`side`: for a divergence,
    the side it is on)."""
    return {
        "value": reading.value,
        "sources": list(reading.sources),
        "outlets": [labels.get(s, s) for s in reading.sources],
        "side": reading.side if sided else None,
        "evidence": [_mention(m) for m in reading.mentions],
    }


def _mention(mention: Mention) -> dict[str, Any]:
    """The claim that states a reading, and where in its article the figure is written."""
    value = mention.value
    return {
        "claim": mention.claim,
        "source": mention.source,
        "start": value.start if value is not None else None,
        "end": value.end if value is not None else None,
    }


def _key_figure(figure: KeyFigure, labels: Labels) -> dict[str, Any]:
    return {
        "measure": figure.measure,
        "readings": [_reading(r, labels) for r in figure.readings],
        "trend": figure.trend,
        "facts": list(figure.facts),
    }


def _reason(reason: Reason, labels: Labels) -> dict[str, Any]:
    return {
        "summary": reason.summary,
        "kind": reason.kind,
        "groups": [
            {
                "value": g.value,
                "sources": list(g.sources),
                "outlets": [labels.get(s, s) for s in g.sources],
                "side": g.side,
            }
            for g in reason.groups
        ],
        "majority": reason.majority,
        "notes": list(reason.notes),
        "measure": reason.measure,
    }


def _claim(claim: Claim, labels: Labels) -> dict[str, Any]:
    return {
        "id": claim.id,
        "source": claim.source,
        "outlet": labels.get(claim.source, claim.source),
        "start": claim.start,
        "end": claim.end,
        "line": claim.line,
        "text": claim.text,
        "evidence": claim.evidence,
        "subject": claim.subject,
        "predicate": claim.predicate,
        "values": [_value(v) for v in claim.values],
        "entities": list(claim.entities),
        "speaker": claim.speaker,
        "quote": claim.quote,
        "scope": list(claim.scope),
        "earlier": claim.earlier,
        "attribution": claim.attribution,
        "negated": claim.negated,
        "is_caption": claim.is_caption,
    }


def _value(value: Value) -> dict[str, Any]:
    return {
        "kind": value.kind,
        "text": value.text,
        "start": value.start,
        "end": value.end,
        "low": _finite(value.low),
        "high": _finite(value.high),
        "low_open": value.low_open,
        "high_open": value.high_open,
        "unit": value.unit,
        "quantity": value.quantity,
        "qualifiers": list(value.qualifiers),
        "increment": value.increment,
        "scope": list(value.scope),
        "owner": value.owner,
        "comparator": value.comparator,
        "measure": value.measure,
    }


def _finite(x: float) -> float | None:
    # JSON has no infinity: "more than 90%" is (90, null), read as unbounded. NaN never carries meaning.
    return x if math.isfinite(x) else None
