"""The HTML report as text: self-contained, escaped, deterministic, every fact and cell present."""

from __future__ import annotations

import re
from dataclasses import replace

from test_report_base import A, B, sample_report

from mineralcheck.report.html import PARAGRAPH_CONTEXT, HtmlRenderer, grid_cell


def _html() -> str:
    return HtmlRenderer().render(sample_report())


def test_the_page_loads_nothing_from_anywhere() -> None:
    html = _html()
    assert not re.search(r"<(?:link|img|iframe|object|embed)\b", html)
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert "url(" not in html and "@import" not in html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert policy.group(1).startswith("default-src 'none'; style-src 'sha256-")
    # The only links are the outlets' own articles, which a reader may follow.
    assert re.findall(r'href="(http[^"]*)"', html) == ["https://www.harbourpost.example/2015/07/28/deal"]


def test_the_policy_hashes_match_the_inline_style_and_script() -> None:
    import base64
    import hashlib

    html = _html()
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in html


def test_article_text_is_escaped_everywhere() -> None:
    report = sample_report()
    hostile = '<b onmouseover="x()">&amp; "quoted"</b>'
    a, b = report.articles
    single = report.facts[0]
    claim = replace(single.cluster.claims[0], text=hostile)
    facts = (
        replace(single, cluster=replace(single.cluster, claims=(claim,)), title=hostile),
        *report.facts[1:],
    )
    html = HtmlRenderer().render(
        replace(report, articles=(replace(a, title=hostile, outlet=hostile), b), facts=facts)
    )
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;&amp;amp; &quot;quoted&quot;&lt;/b&gt;" in html


def test_every_fact_has_a_grid_row_and_a_card_divergences_first() -> None:
    html = _html()
    assert re.findall(r'<tr data-fact="(\w+)" data-verdict="(\w+)"', html) == [
        ("c2", "diverge"),
        ("c1", "agree"),
        ("c3", "single"),
    ]
    assert re.findall(r'id="fact-(\w+)" data-verdict', html) == ["c2", "c1", "c3"]


def test_grid_cells_agree_diverge_silent_or_alone() -> None:
    report = sample_report()
    diverge = next(f for f in report.facts if f.verdict == "diverge")
    single = next(f for f in report.facts if f.verdict == "single")
    assert (grid_cell(diverge, A), grid_cell(diverge, B)) == ("agrees", "diverges")
    assert (grid_cell(single, A), grid_cell(single, B)) == ("silent", "alone")
    assert '<td class="cell-diverges" data-source="102_9e1d4b7c3a2f8e05" data-cell="diverges"' in _html()


def test_divergent_values_side_by_side_with_their_outlets() -> None:
    html = _html()
    assert '<div class="v">more than 90%</div><div class="who">Harbour Post</div>' in html
    assert '<div class="v">about 70%</div><div class="who">102_9e1d4b7c3a2f8e05</div>' in html


def test_evidence_is_marked_inside_its_paragraph_and_long_paragraphs_are_cut() -> None:
    report = sample_report()
    a, b = report.articles
    claim = next(f for f in report.facts if f.verdict == "diverge").cluster.claims[0]
    before = "Varna signed the deal. " + "x" * (PARAGRAPH_CONTEXT + 50) + " "
    text = "Headline\n" + before + claim.evidence + ", analysts said.\nNext paragraph.\n"
    start = text.index(claim.evidence)
    moved = replace(claim, start=start, end=start + len(claim.evidence))
    facts = tuple(
        replace(f, cluster=replace(f.cluster, claims=(moved, *f.cluster.claims[1:])))
        if f.verdict == "diverge"
        else f
        for f in report.facts
    )
    html = HtmlRenderer().render(replace(report, articles=(replace(a, text=text), b), facts=facts))
    quote = re.search(
        r"<blockquote>(…x+ <mark>Ruvia processes[^<]*</mark>, analysts said\.)</blockquote>", html
    )
    assert quote is not None
    assert "Next paragraph" not in html and "Varna signed" not in html


def test_the_same_report_gives_the_same_bytes() -> None:
    assert _html() == _html()
