"""The key figures: one row per measure of one thing that several outlets give a figure for, each
figure as written with the outlets that write it, earliest first, and "rose over time" where the
publication dates say so.

The facts are judged by the pipeline's own verdict step from hand-built claims whose values carry
the frame the parser would give them (measure, qualifiers, scope), so no model is needed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from mineralcheck.match.key_figures import key_figures
from mineralcheck.models import Article, Claim, Cluster, KeyFigure, SourceId
from mineralcheck.pipeline import judge_clusters
from mineralcheck.values import extract_values

A, B, C, D = (SourceId(s) for s in ("a", "b", "c", "d"))
ARTICLES = (
    Article(A, "a.txt", "", outlet="Fenwick Daily", date=dt.date(2019, 3, 16), time=dt.time(9, 30)),
    Article(B, "b.txt", "", outlet="Ridge Wire", date=dt.date(2019, 3, 16), time=dt.time(21, 0)),
    Article(C, "c.txt", "", outlet="Coast Times", date=dt.date(2019, 3, 17)),
    Article(D, "d.txt", "", outlet="Night Desk"),
)


def claim(
    source: SourceId,
    text: str,
    quantity: str,
    *,
    measure: str = "",
    qualifiers: tuple[str, ...] = (),
    scope: tuple[str, ...] = (),
    owner: str = "",
    earlier: bool = False,
    increment: bool = False,
    **kw: object,
) -> Claim:
    """A claim whose figures count `quantity` in the words `measure` (as the fact frame reads them),
    in the places `scope`, of the actor `owner`; `earlier` for an earlier value ("up from 3"),
    `increment` for an update ("six new cases")."""
    values = tuple(
        replace(v, quantity=quantity, measure=measure, qualifiers=qualifiers, scope=scope, owner=owner)
        if v.kind == "quantity"
        else v
        for v in extract_values(text, base_date=dt.date(2019, 3, 16))
    )
    values = tuple(replace(v, increment=increment) if v.kind == "quantity" else v for v in values)
    return Claim(
        id=f"{source}:{text}", source=source, start=0, end=len(text), line=1, evidence=text, text=text,
        values=values, earlier=earlier, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def rows(*clusters: tuple[Claim, ...], articles: tuple[Article, ...] = ARTICLES) -> dict[str, KeyFigure]:
    facts = judge_clusters(articles, [Cluster(f"f{n}", claims) for n, claims in enumerate(clusters, 1)])
    return {row.measure: row for row in key_figures(facts, articles)}


INJURED = (
    claim(A, "more than 320 people were injured", "injured", measure="people injured"),
    claim(B, "more than 320 people were injured", "injured", measure="people injured"),
    claim(C, "about 400 people were injured", "injured", measure="people injured"),
    claim(D, "nearly 440 people were injured", "injured", measure="people injured"),
)
DEATHS = (
    claim(A, "the blast killed three people", "death", measure="people killed"),
    claim(B, "the blast killed 9 people", "death", measure="people killed"),
    claim(C, "the blast killed at least 22 people", "death", measure="people killed"),
)


def test_key_figures_are_one_row_per_measure_each_figure_as_written_earliest_first() -> None:
    found = rows(INJURED, DEATHS)
    assert list(found) == ["injured", "people killed"]  # the most widely reported first
    assert [(r.value, r.sources) for r in found["injured"].readings] == [
        ("more than 320", (A, B)),
        ("about 400", (C,)),
        ("nearly 440", (D,)),  # no date: last
    ]
    assert [r.value for r in found["people killed"].readings] == ["three", "9", "at least 22"]


def test_each_reading_of_a_row_links_to_where_its_claim_writes_it() -> None:
    (row,) = rows(DEATHS).values()
    claims = {c.id: c for c in DEATHS}
    for reading in row.readings:
        for mention in reading.mentions:
            assert mention.value is not None and mention.source in reading.sources
            evidence = claims[mention.claim].evidence
            assert evidence[mention.value.start : mention.value.end] == reading.value


def test_a_figure_that_rose_with_the_publication_dates_says_so() -> None:
    (deaths,) = rows(DEATHS).values()
    assert deaths.trend == "rose over time: three → 9 → at least 22"
    # Of one day, only articles with a time of day can be put in order: the day's largest counts.
    untimed = tuple(replace(a, time=None) for a in ARTICLES)
    assert next(iter(rows(DEATHS, articles=untimed).values())).trend == "rose over time: 9 → at least 22"
    # A figure that went down, or articles without dates, say nothing.
    fell = (claim(A, "the blast killed 22 people", "death"), claim(C, "the blast killed 9 people", "death"))
    assert next(iter(rows(fell).values())).trend == ""
    undated = tuple(replace(a, date=None, time=None) for a in ARTICLES)
    assert next(iter(rows(DEATHS, articles=undated).values())).trend == ""


def test_a_measure_split_over_two_facts_is_still_one_row() -> None:
    (deaths,) = rows(DEATHS[:1], DEATHS[1:]).values()
    assert deaths.sources == (A, B, C) and deaths.facts == ("f1", "f2")


def test_a_place_an_earlier_event_and_an_increment_each_make_a_row_of_their_own() -> None:
    killed = "people killed"
    arrested = "people arrested"
    found = rows(
        (
            claim(A, "64 people were arrested", "arrest", measure=arrested, scope=("Harbourtown",)),
            claim(B, "64 people were arrested", "arrest", measure=arrested, scope=("Harbourtown",)),
        ),
        (
            claim(A, "312 people were arrested", "arrest", measure=arrested),
            claim(B, "312 people were arrested", "arrest", measure=arrested),
        ),
        # The flood of 1987 is not this one: its toll is a row of its own, dated.
        (
            claim(B, "the 1987 flood killed 3,000 people", "death", measure=killed),
            claim(C, "in 1987 a flood killed 3,000 people", "death", measure=killed),
        ),
        (
            claim(A, "the storm killed 12 people", "death", measure=killed),
            claim(C, "the storm killed 12 people", "death", measure=killed),
        ),
        # One day's new cases are not the running total.
        (
            claim(A, "six new cases were recorded", "case", measure="new cases", increment=True),
            claim(B, "six new cases were recorded", "case", measure="new cases", increment=True),
        ),
        (
            claim(A, "the total rose to 52 cases", "case", measure="cases"),
            claim(B, "there have been 52 cases", "case", measure="cases"),
        ),
    )
    assert sorted(found) == [
        "cases",
        "new cases",
        "people arrested",
        "people arrested in Harbourtown",
        "people killed",
        "people killed (1987)",
    ]
    assert [r.value for r in found["people killed (1987)"].readings] == ["3,000"]
    assert [r.value for r in found["new cases"].readings] == ["six"]


def test_what_is_no_key_figure_makes_no_row() -> None:
    both = (A, B)
    found = rows(
        # Stated by one source only, denied, an earlier value, a rank, a vague amount: no row.
        (claim(C, "12 vessels were damaged", "vessel"),),
        tuple(claim(s, "no deaths were reported", "death", negated=True) for s in both),
        tuple(claim(s, "up from 3 deaths", "death", earlier=True) for s in both),
        tuple(claim(s, "the third storm this year", "storm") for s in both),
        tuple(claim(s, "dozens of homes were flooded", "home") for s in both),
    )
    assert found == {}


def test_labels_are_readable_words() -> None:
    confirmed = {"qualifiers": ("confirm",), "scope": ("Eastvale",)}
    found = rows(
        (
            claim(A, "27 confirmed cases", "case", measure="confirmed cases", **confirmed),  # type: ignore[arg-type]
            claim(B, "27 confirmed cases", "case", **confirmed),  # type: ignore[arg-type]
        ),
        (
            claim(A, "winds of up to 80mph (130km/h)", "wind", measure="winds"),
            claim(B, "winds of more than 120 km/h", "wind", measure="winds"),
        ),
        (
            claim(A, "the toll stood at 12", "death", measure="death toll"),
            claim(B, "12 deaths were recorded", "death", measure="deaths recorded"),
        ),
    )
    assert sorted(found) == ["confirmed cases in Eastvale", "deaths", "wind speed"]
    # A figure and its conversion in brackets are one reading, as written.
    assert [r.value for r in found["wind speed"].readings] == ["up to 80mph (130km/h)", "more than 120 km/h"]


def test_two_actors_figures_are_two_rows_each_labelled_with_its_owner() -> None:
    both = (A, B)
    found = rows(
        tuple(claim(s, "Acme output fell 6%", "output", owner="Acme") for s in both),
        tuple(claim(s, "Brio output fell 3%", "output", owner="Brio") for s in both),
    )
    assert sorted(found) == ["Acme output", "Brio output"]


def test_figures_of_one_measure_orders_of_magnitude_apart_count_two_things() -> None:
    # One measure name for two things, as a measure group may give them.
    clusters = [
        Cluster(
            "f1", tuple(claim(s, "312 people were arrested", "march", measure="arrested") for s in (A, B))
        ),
        Cluster("f2", (claim(C, "318 people were arrested", "march", measure="arrested"),)),
        Cluster(
            "f3", tuple(claim(s, "1.3 million people marched", "march", measure="marched") for s in (A, B))
        ),
        Cluster("f4", (claim(D, "2.2 million people marched", "march", measure="marched"),)),
    ]
    found = key_figures(judge_clusters(ARTICLES, clusters), ARTICLES)
    (small, large) = sorted(found, key=lambda row: row.facts)
    assert (small.measure, large.measure) == ("arrested", "marched")
    assert [r.value for r in small.readings] == ["312", "318"]
    assert [r.value for r in large.readings] == ["1.3 million", "2.2 million"]


def test_a_subset_is_kept_apart_from_the_total_when_one_outlet_gives_both() -> None:
    """An article does not contradict itself: where it gives 31 deaths in one fact and 12 in
    another, the two facts count two things (the toll, and those killed by collapsing walls)."""
    killed = "people killed"
    clusters = [
        Cluster("f1", tuple(claim(s, "the storm killed 31 people", "death", measure=killed) for s in (A, B))),
        Cluster(
            "f2",
            tuple(
                claim(s, "12 people were killed by collapsing walls", "death", measure=killed) for s in (A, C)
            ),
        ),
    ]
    found = key_figures(judge_clusters(ARTICLES, clusters), ARTICLES)
    assert sorted((r.facts, [(x.value, x.sources) for x in r.readings]) for r in found) == [
        (("f1",), [("31", (A, B))]),
        (("f2",), [("12", (A, C))]),
    ]
