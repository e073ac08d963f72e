"""Who states which figure: each value credited to exactly the sources that write it, and the key
figures (one row per measure, each outlet's figure and date, "rose over time" where dates say so).

The facts are judged by the pipeline's own verdict step from hand-built claims whose values carry
the frame the parser would give them (measure, qualifiers, scope), so no model is needed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from mineralcheck.models import Article, Claim, Cluster, Fact, Report, SourceId
from mineralcheck.pipeline import judge_clusters
from mineralcheck.report.figures import Reading, disputed_measure, key_figures, measure_label, sides, stated
from mineralcheck.values import extract_values

A, B, C, D = (SourceId(s) for s in ("a", "b", "c", "d"))
ARTICLES = (
    Article(A, "a.txt", "", outlet="Gulf Daily", date=dt.date(2025, 4, 26), time=dt.time(9, 30)),
    Article(B, "b.txt", "", outlet="Port Wire", date=dt.date(2025, 4, 26), time=dt.time(21, 0)),
    Article(C, "c.txt", "", outlet="Coast Times", date=dt.date(2025, 4, 27)),
    Article(D, "d.txt", "", outlet="Night Desk"),
)


def claim(source: SourceId, text: str, measure: str, *, scope: tuple[str, ...] = (), **kw: object) -> Claim:
    """A claim whose figures measure `measure` (as the fact frame would read them)."""
    values = tuple(
        replace(v, quantity=measure, scope=scope) if v.kind == "quantity" else v for v in extract_values(text)
    )
    return Claim(
        id=f"{source}:{text}", source=source, start=0, end=len(text), line=1, evidence=text, text=text,
        values=values, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def judged(*clusters: tuple[Claim, ...]) -> tuple[Fact, ...]:
    return judge_clusters(ARTICLES, [Cluster(f"f{n}", claims) for n, claims in enumerate(clusters, 1)])


INJURED = (
    claim(A, "more than 700 people were injured", "injured"),
    claim(B, "more than 700 people were injured", "injured"),
    claim(C, "about 1,000 people were injured", "injured"),
    claim(D, "at least 516 people were injured", "injured"),
)
DEATHS = (
    claim(A, "the blast killed five people", "death"),
    claim(B, "the blast killed 14 people", "death"),
    claim(C, "the blast killed at least 70 people", "death"),
)


def test_each_value_is_credited_to_exactly_the_sources_that_write_it() -> None:
    (fact,) = judged(INJURED)
    assert stated(fact) == (
        Reading("more than 700 injured", (A, B)),
        Reading("about 1,000 injured", (C,)),
        Reading("at least 516 injured", (D,)),
    )


def test_a_divergence_lists_every_reading_of_each_side_with_its_own_sources() -> None:
    (fact,) = judged(DEATHS + (claim(D, "the blast killed 5 people", "death"),))
    assert fact.verdict == "diverge"
    readings = sides(fact)
    # Each reading names only the outlets that write it, whatever side compare put them on.
    assert {r.value: r.sources for r in readings} == {"5": (A, D), "14": (B,), "at least 70": (C,)}
    assert len({r.side for r in readings}) == len(fact.reason.groups)
    assert disputed_measure(fact) == "death"


def test_a_quote_divergence_keeps_its_quotes_and_names_the_speaker() -> None:
    quoted = (
        claim(A, "Trump said it was “a new golden age”", "", speaker="Trump", quote="a new golden age"),
        claim(B, "Trump said it was “a new golden era”", "", speaker="Trump", quote="a new golden era"),
    )
    (fact,) = judged(quoted)
    assert fact.verdict == "diverge" and fact.reason.kind == "quote"
    assert [(r.value, r.sources) for r in sides(fact)] == [
        ("“a new golden age”", (A,)),
        ("“a new golden era”", (B,)),
    ]
    assert disputed_measure(fact) == "Trump quoted in different words"


def test_a_quote_divergence_names_the_speaker_of_the_quotes_in_dispute() -> None:
    # Another outlet put "golden age" in a third speaker's mouth: that quote is not the dispute.
    whole = "a new golden age of the alliance"
    quoted = (
        claim(C, "Trump hailed a “new golden age”", "", speaker="Trump", quote="new golden age"),
        claim(A, f"Takaichi: “{whole}”", "", speaker="Takaichi", quote=whole),
        claim(B, "Takaichi declared a “new golden era”", "", speaker="Takaichi", quote="a new golden era"),
    )
    (fact,) = judged(quoted)
    assert fact.reason.kind == "quote"
    assert disputed_measure(fact) == "Takaichi quoted in different words"


def test_key_figures_are_one_row_per_measure_earliest_figure_first() -> None:
    report = Report(ARTICLES, judged(INJURED, DEATHS))
    rows = {row.measure: row for row in key_figures(report)}
    assert list(rows) == ["injured", "death"]  # the most widely reported first
    assert [(r.value, r.sources) for r in rows["injured"].readings] == [
        ("more than 700", (A, B)),
        ("about 1,000", (C,)),
        ("at least 516", (D,)),  # no date: last
    ]


def test_a_figure_that_rose_with_the_publication_dates_says_so() -> None:
    report = Report(ARTICLES, judged(DEATHS))
    (deaths,) = key_figures(report)
    assert deaths.trend == "rose over time: 5 → 14 → at least 70"
    # Of one day, only articles with a time of day can be put in order: the day's largest counts.
    untimed = tuple(replace(a, time=None) for a in ARTICLES)
    assert key_figures(Report(untimed, judged(DEATHS)))[0].trend == "rose over time: 14 → at least 70"
    # A figure that went down, or articles without dates, say nothing.
    fell = (claim(A, "the blast killed 70 people", "death"), claim(C, "the blast killed 14 people", "death"))
    assert key_figures(Report(ARTICLES, judged(fell)))[0].trend == ""
    undated = tuple(replace(a, date=None, time=None) for a in ARTICLES)
    assert key_figures(Report(undated, judged(DEATHS)))[0].trend == ""


def test_a_measure_split_over_two_facts_is_still_one_row() -> None:
    report = Report(ARTICLES, judged(DEATHS[:1], DEATHS[1:]))
    (deaths,) = key_figures(report)
    assert deaths.sources == (A, B, C) and deaths.facts == ("f1", "f2")


def test_key_figures_tell_measures_apart_by_frame_and_leave_out_what_is_no_figure() -> None:
    facts = judged(
        (
            claim(A, "80 people were arrested", "arrest", scope=("Paris",)),
            claim(B, "80 people were arrested", "arrest", scope=("Paris",)),
        ),
        (claim(A, "457 people were arrested", "arrest"), claim(B, "457 people were arrested", "arrest")),
        # Stated by one source only, denied, or an earlier value: not a key figure.
        (claim(C, "12 vessels were damaged", "vessel"),),
        (claim(A, "no deaths were reported", "death", negated=True),),
        (claim(B, "up from 3 deaths", "death", earlier=True),),
    )
    rows = key_figures(Report(ARTICLES, facts))
    assert sorted(row.measure for row in rows) == ["arrest", "arrest in Paris"]
    assert key_figures(Report(ARTICLES, facts), min_sources=3) == ()


def test_the_measure_label_reads_qualifiers_measure_and_place() -> None:
    (value,) = extract_values("16 confirmed cases")
    assert measure_label(replace(value, quantity="case", qualifiers=("confirm",), scope=("Mubende",))) == (
        "confirm case in Mubende"
    )
    assert measure_label(replace(value, quantity="death", increment=True)) == "new death"
    assert measure_label(replace(value, quantity="")) == ""
