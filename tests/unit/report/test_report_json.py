"""The JSON report: the fields a scorer reads, their types, and byte-for-byte determinism."""

from __future__ import annotations

import json
from dataclasses import replace

from test_report_base import A, B, sample_report

from mineralcheck import __version__
from mineralcheck.report import ReportFormat, render
from mineralcheck.report.json import JsonRenderer


def _report() -> dict:
    return json.loads(JsonRenderer().render(sample_report()))


def test_header_fields() -> None:
    data = _report()
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "mineralcheck", "version": __version__}
    assert data["model"] == "all-MiniLM-L6-v2"
    assert data["summary"] == {
        "sources": 2,
        "facts": 3,
        "agree": 1,
        "diverge": 1,
        "single": 1,
        "skipped": 1,
        "duplicates": 1,
        "shown": 3,
    }
    assert data["filters"] == {"only": None, "min_sources": 1}
    assert data["key_figures"] == []  # no figure of the sample names what it measures


def test_sources_have_id_path_outlet_url_title_iso_date_time_and_hash() -> None:
    first, second = _report()["sources"]
    assert first == {
        "id": A,
        "path": "news/101_0f3a9c2e7b14d6a8.txt",
        "outlet": "Harbour Post",
        "label": "Harbour Post",
        "url": "https://www.harbourpost.example/2015/07/28/deal",
        "title": "Varga and Hartmann sign cobalt ores deal",
        "date": "2015-07-28",
        "time": "09:05",
        "sha256": "a" * 64,
        "copies": [],
    }
    assert (second["title"], second["date"], second["time"], second["url"]) == (None, None, None, None)
    assert (second["outlet"], second["label"]) == ("", B)


def test_clusters_come_divergences_first_with_their_reason() -> None:
    clusters = _report()["clusters"]
    assert [(c["id"], c["verdict"]) for c in clusters] == [
        ("c2", "diverge"),
        ("c1", "agree"),
        ("c3", "single"),
    ]
    diverge = clusters[0]
    assert diverge["title"] == "Ruvia's share of cobalt-ore processing"
    assert diverge["sources"] == [A, B]
    assert diverge["outlets"] == ["Harbour Post", B]
    assert diverge["diverging_sources"] == [B]
    assert diverge["reason"] == {
        "summary": "share of cobalt ores processed by Ruvia: more than 90% (101) vs about 70% (102)",
        "kind": "value",
        "groups": [
            {"value": "more than 90%", "sources": [A], "outlets": ["Harbour Post"], "side": 0},
            {"value": "about 70%", "sources": [B], "outlets": [B], "side": 1},
        ],
        "majority": "",
        "notes": ["figures may count different stages | mining vs refining"],
        "measure": "share of cobalt ores processed",
    }
    assert clusters[1]["reason"]["kind"] is None


def test_readings_credit_each_value_to_the_sources_that_state_it() -> None:
    diverge, agree, _ = _report()["clusters"]
    assert diverge["readings"] == [
        {"value": "more than 90%", "sources": [A], "outlets": ["Harbour Post"], "side": 0, "evidence": []},
        {"value": "about 70%", "sources": [B], "outlets": [B], "side": 1, "evidence": []},
    ]
    assert agree["readings"] == []  # the agreement states no value


def test_claims_carry_offsets_line_text_evidence_and_values() -> None:
    claim = _report()["clusters"][0]["claims"][0]
    assert (claim["source"], claim["outlet"]) == (A, "Harbour Post")
    assert (claim["start"], claim["end"], claim["line"]) == (1203, 1259, 6)
    assert claim["text"] == "Ruvia processes more than 90% of the world's cobalt ores"
    assert claim["evidence"] == "Ruvia processes more than 90% of the world's cobalt ores"
    assert (claim["subject"], claim["predicate"], claim["is_caption"]) == ("Ruvia", "process", False)
    assert claim["values"] == [
        {
            "kind": "quantity",
            "text": "more than 90%",
            "start": 1220,
            "end": 1233,
            "low": 90.0,
            "high": None,  # infinity: JSON has none
            "low_open": True,
            "high_open": False,
            "unit": "percent",
            "quantity": "",
            "qualifiers": [],
            "increment": False,
            "scope": [],
            "owner": "",
            "comparator": "more-than",
            "measure": "",
        }
    ]
    assert (claim["attribution"], claim["negated"], claim["earlier"]) == ("", False, False)


def test_caption_claims_are_marked() -> None:
    single = _report()["clusters"][2]
    assert single["claims"][0]["is_caption"] is True


def test_skipped_and_duplicates() -> None:
    data = _report()
    assert data["skipped"] == [{"path": "news/notes.pdf", "reason": "not a text, Markdown or HTML file"}]
    assert data["duplicates"] == [{"path": "news/copy-of-101.txt", "duplicate_of": A}]


def test_output_is_sorted_indented_utf8_with_trailing_newline() -> None:
    text = render(sample_report(), ReportFormat.json)
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_non_ascii_stays_readable() -> None:
    report = sample_report()
    report = replace(report, articles=(replace(report.articles[0], title="Kōvik summit"), report.articles[1]))
    text = render(report, ReportFormat.json)
    assert '"title": "Kōvik summit"' in text


def test_no_infinity_or_nan_tokens() -> None:
    text = render(sample_report(), ReportFormat.json)
    assert "Infinity" not in text
    assert "NaN" not in text
