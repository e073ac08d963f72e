"""Cluster -> verdict: single, agree, or diverge with the kind and the values side by side."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from mineralcheck.match.timeline import published
from mineralcheck.match.verdicts import _gap, judge
from mineralcheck.models import Article, Claim, Cluster, Fact, SourceId
from mineralcheck.values import describe, extract_values, values_compatible


def claim(source: str, text: str, *, base: dt.date | None = None, **kw: object) -> Claim:
    return Claim(
        id=f"{source}:0-{len(text)}",
        source=SourceId(source),
        start=0,
        end=len(text),
        line=1,
        evidence=text,
        text=text,
        values=extract_values(text, base_date=base),
        **kw,  # type: ignore[arg-type]
    )


def verdict(*claims: Claim, dates: dict[str, dt.date] | None = None) -> Fact:
    articles = [Article(SourceId(k), f"{k}.txt", "", date=v) for k, v in (dates or {}).items()]
    return judge(
        Cluster("f1", tuple(claims)),
        compatible=values_compatible,
        describe=describe,
        published=published(articles),
    )


def test_one_source_is_single() -> None:
    fact = verdict(claim("a", "The quake killed 157 people"), claim("a", "Quake kills 157"))
    assert fact.verdict == "single"
    assert fact.reason.summary == "only a reports this"


def test_compatible_figures_agree() -> None:
    fact = verdict(claim("a", "The quake killed 157 people"), claim("b", "At least 128 people were killed"))
    assert fact.verdict == "agree"


def test_a_difference_of_wording_alone_is_no_divergence() -> None:
    fact = verdict(
        claim("a", "Floods destroyed the old stone bridge"),
        claim("b", "The ancient bridge was swept away by the flood"),
    )
    assert fact.verdict == "agree"


def test_conflicting_figures_diverge_with_the_values_side_by_side_and_the_majority() -> None:
    fact = verdict(
        claim("a", "The quake killed 157 people"),
        claim("b", "The quake killed 157 people, officials said"),
        claim("c", "The quake killed 112 people"),
    )
    assert fact.verdict == "diverge"
    assert fact.reason.kind == "value"
    assert [(g.value, g.sources) for g in fact.reason.groups] == [("157", ("a", "b")), ("112", ("c",))]
    assert fact.reason.summary == "people: 157 (a, b) vs 112 (c)"
    assert fact.reason.majority == "157"
    assert fact.diverging_sources == ("c",)


def test_figures_are_matched_one_to_one_before_a_conflict_is_called() -> None:
    fact = verdict(
        claim("a", "The party won 68 of the 120 seats"), claim("b", "The party won 66 of 120 seats")
    )
    assert fact.verdict == "diverge"
    assert fact.reason.summary == "seats: 68 (a) vs 66 (b)"


def test_a_rounded_figure_agrees_with_the_precise_one() -> None:
    fact = verdict(claim("a", "The deal is worth $6bn"), claim("b", "The deal is worth $6.1 billion"))
    assert fact.verdict == "agree"


def test_different_dates_diverge_with_kind_date() -> None:
    base = dt.date(2015, 8, 11)
    fact = verdict(
        claim("a", "The runoff will be held on Sept. 6", base=base),
        claim("b", "The runoff will be held on Sept. 13", base=base),
    )
    assert fact.verdict == "diverge"
    assert fact.reason.kind == "date"


def test_a_weekday_agrees_with_the_date_it_falls_on() -> None:
    base = dt.date(2015, 7, 28)
    fact = verdict(
        claim("a", "They signed the deal on Tuesday", base=base),
        claim("b", "They signed the deal on July 28, 2015", base=base),
    )
    assert fact.verdict == "agree"


THURSDAY_MEETING = (
    "The minister heads to Velmora on Wednesday (Jul 29) and meets the governor on Thursday (Jul 30)"
)
FRIDAY_MEETING = "The minister is scheduled to meet the governor on Friday"


def test_a_changed_weekday_diverges_as_weekdays_when_the_articles_are_undated() -> None:
    # Nothing dates the articles: "Friday" stays a weekday and compares with the day that the
    # other article's "Thursday (Jul 30)" names; the closest of its two dates is the one shown.
    fact = verdict(claim("a", FRIDAY_MEETING), claim("b", THURSDAY_MEETING))
    assert fact.verdict == "diverge" and fact.reason.kind == "date"
    assert fact.reason.summary == "date: Friday (a) vs Thursday (Jul 30) (b)"  # as each outlet wrote it
    assert fact.diverging_sources == ("a", "b")  # one against one: neither is the majority


def test_a_changed_weekday_diverges_as_dates_when_the_articles_are_dated() -> None:
    # Dated 2015-07-28: Friday is Jul 31 against Jul 30. "later this week" fits both, so it takes
    # no side and cannot make the changed article look like the majority.
    base = dt.date(2015, 7, 28)
    fact = verdict(
        claim("a", FRIDAY_MEETING, base=base),
        claim("b", THURSDAY_MEETING, base=base),
        claim("c", "The minister and the governor are scheduled to meet later this week", base=base),
    )
    assert fact.verdict == "diverge"
    assert fact.reason.summary == "date: Friday (a) vs Thursday (Jul 30) (b)"
    assert fact.reason.majority == ""
    assert fact.diverging_sources == ("a", "b")


def test_a_third_source_that_states_one_side_makes_it_the_majority() -> None:
    base = dt.date(2015, 7, 28)
    fact = verdict(
        claim("a", FRIDAY_MEETING, base=base),
        claim("b", THURSDAY_MEETING, base=base),
        claim("c", "The minister is to meet the governor on Thursday", base=base),
    )
    assert fact.reason.majority == "Thursday / Thursday (Jul 30)"  # one day, as each outlet wrote it
    assert fact.diverging_sources == ("a",)


def test_a_figure_that_grows_with_later_articles_is_a_developing_story() -> None:
    fact = verdict(
        claim("a", "The quake killed 40 people"),
        claim("b", "The quake killed 128 people"),
        claim("c", "The quake killed 157 people"),
        dates={"a": dt.date(2023, 11, 4), "b": dt.date(2023, 11, 5), "c": dt.date(2023, 11, 6)},
    )
    assert fact.verdict == "diverge"
    assert fact.reason.summary == "people: rose over time: 40 → 128 → 157"


def test_figures_for_different_places_never_conflict() -> None:
    fact = verdict(
        claim("a", "The quake killed 157 people"),
        claim("b", "The quake killed 105 people", scope=("Jajarkot",)),
    )
    assert fact.verdict == "agree"


def test_the_same_speaker_quoted_with_a_word_changed_is_a_quote_divergence() -> None:
    fact = verdict(
        claim("a", "She promised a bright new dawn", quote="a bright new dawn", speaker="Jane Holt"),
        claim("b", "She declared a bright new day", quote="a bright new day", speaker="Jane Holt"),
    )
    assert fact.verdict == "diverge"
    assert fact.reason.kind == "quote"


def test_a_short_quote_with_a_word_changed_inside_a_longer_one_is_a_quote_divergence() -> None:
    # One outlet quotes the whole sentence, another three words of it, one word changed.
    long_quote = "We hope to open a bright new dawn for the valley"
    fact = verdict(
        claim("a", "She said she hoped for a bright new dawn", quote=long_quote, speaker="Jane Holt"),
        claim("b", "She declared a bright new day", quote="bright new day", speaker="Jane Holt"),
    )
    assert fact.verdict == "diverge" and fact.reason.kind == "quote"
    # Part of a long quote with two words changed is another translation, not a misquote.
    translated = verdict(
        claim(
            "a",
            "x",
            quote="There are people who want to wreck the harbour and scare the fishermen",
            speaker="J",
        ),
        claim("b", "y", quote="want to ruin the harbour and scare the sailors", speaker="J"),
    )
    assert translated.verdict == "agree"


def test_a_quote_divergence_names_the_speaker_of_the_quotes_in_dispute() -> None:
    # Another outlet put "bright new dawn" in a third speaker's mouth: that quote is not the dispute.
    whole = "a bright new dawn for the valley"
    fact = verdict(
        claim("c", "Ola Brandt hailed a “bright new dawn”", quote="bright new dawn", speaker="Ola Brandt"),
        claim("a", f"Jane Holt: “{whole}”", quote=whole, speaker="Jane Holt"),
        claim("b", "Jane Holt declared a “bright new day”", quote="a bright new day", speaker="Jane Holt"),
    )
    assert fact.reason.kind == "quote"
    assert fact.reason.measure == "Jane Holt quoted in different words"


def test_different_passages_or_unnamed_speakers_are_not_misquotes() -> None:
    passages = verdict(
        claim("a", "x", quote="Voters chose stability and an honest economy", speaker="Jane Holt"),
        claim("b", "y", quote="a historic first step", speaker="Jane Holt"),
    )
    unnamed = verdict(
        claim("a", "x", quote="a bright new dawn", speaker=""),
        claim("b", "y", quote="a bright new day", speaker=""),
    )
    assert passages.verdict == unnamed.verdict == "agree"


@pytest.mark.parametrize(
    ("short", "long_"),
    [
        ("the talks failed", "We said the talks were useful and will go on"),
        ("cut the budget", "We will not cut jobs from the budget"),
        ("a fair deal", "This is a fair price for the land"),
    ],
)
def test_quotes_that_share_only_grammar_and_one_word_are_not_misquotes(short: str, long_: str) -> None:
    fact = verdict(
        claim("a", "x", quote=long_, speaker="Jane Holt"),
        claim("b", "y", quote=short, speaker="Jane Holt"),
    )
    assert fact.verdict == "agree"


def test_the_closest_of_two_weekdays_wraps_round_the_week() -> None:
    sunday, monday, friday = (extract_values(f"on {day}")[0] for day in ("Sunday", "Monday", "Friday"))
    assert _gap(sunday, monday) == 1
    assert _gap(monday, friday) == 3


def test_one_name_spelled_two_ways_is_a_note_not_a_conflict() -> None:
    fact = verdict(
        claim("a", "Andriy Sorokin won the vote", entities=("Andriy Sorokin",)),
        claim("b", "Andrii Sorokin won the vote", entities=("Andrii Sorokin",)),
    )
    assert fact.verdict == "agree"
    assert fact.reason.notes == ("spelled Andrii Sorokin (b) / Andriy Sorokin (a)",)


def test_each_reading_is_credited_to_exactly_the_sources_that_give_it_on_its_side() -> None:
    """Compatible readings share a side ("157", "more than 150"), each with its own source."""
    fact = verdict(
        claim("a", "The quake killed 157 people"),
        claim("b", "The quake killed more than 150 people"),
        claim("c", "The quake killed 112 people"),
        dates={"a": dt.date(2023, 11, 6), "b": dt.date(2023, 11, 5), "c": dt.date(2023, 11, 4)},
    )
    assert fact.verdict == "diverge"
    assert [(g.value, g.sources, g.side) for g in fact.reason.groups] == [
        ("157", ("a",), 0),
        ("more than 150", ("b",), 0),
        ("112", ("c",), 1),
    ]
    assert fact.reason.majority == "157 / more than 150"
    assert fact.diverging_sources == ("c",)
    assert "rose over time: 112 → more than 150 → 157" in fact.reason.summary


def test_an_agreement_credits_each_value_to_the_sources_that_write_it() -> None:
    fact = verdict(
        claim("a", "The blast injured more than 320 people"),
        claim("b", "The blast injured more than 320 people"),
        claim("c", "The blast injured about 400 people"),
    )
    assert fact.verdict == "agree"
    assert [(g.value, g.sources) for g in fact.reason.groups] == [
        ("more than 320", ("a", "b")),
        ("about 400", ("c",)),
    ]


def test_a_reading_is_the_figure_as_its_outlet_wrote_it() -> None:
    """Normalised to compare, never to show: "four years" is not shown as 48 months, nor a
    figure and its conversion in brackets as a speed with three decimals."""
    fact = verdict(
        claim("a", "He was barred for four years from the board"),
        claim("b", "He was barred for 4 years from the board"),
    )
    assert [(g.value, g.sources) for g in fact.reason.groups] == [
        ("four years", ("a",)),
        ("4 years", ("b",)),
    ]
    fact = verdict(
        claim("a", "Winds of up to 80mph (130km/h) hit the valley"),
        claim("b", "Winds reached up to 130 km per hour"),
    )
    assert fact.verdict == "agree"
    assert [(g.value, g.sources) for g in fact.reason.groups] == [
        ("up to 80mph (130km/h)", ("a",)),
        ("up to 130 km per hour", ("b",)),
    ]
    fact = verdict(claim("a", "Nearly half a billion trees were planted in the valley"))
    assert [g.value for g in fact.reason.groups] == ["nearly half a billion"]


def test_each_reading_links_to_where_its_claim_writes_it() -> None:
    claims = (claim("a", "The quake killed 157 people"), claim("b", "The quake killed 112 people"))
    fact = verdict(*claims)
    by_id = {c.id: c for c in claims}
    for reading in fact.readings:
        (mention,) = reading.mentions
        assert mention.source in reading.sources and mention.value is not None
        evidence = by_id[mention.claim].evidence
        assert evidence[mention.value.start : mention.value.end] == reading.value


def test_the_readings_of_an_agreement_are_the_figures_another_source_confirms() -> None:
    """A figure only one source states beside the shared one is a detail of its own claim."""
    fact = verdict(
        claim("a", "The blast injured more than 320 people, the third blast in six weeks"),
        claim("b", "The blast injured about 340 people"),
    )
    assert fact.verdict == "agree"
    assert [g.value for g in fact.readings] == ["more than 320", "about 340"]
    assert fact.reason.measure == "people"


def test_a_single_source_reads_its_own_figures_but_no_rank() -> None:
    fact = verdict(claim("a", "The third blast in a week injured 40 people"))
    assert fact.verdict == "single"
    assert [(g.value, g.sources) for g in fact.readings] == [("40", ("a",))]


def test_figures_one_outlet_gives_both_of_are_no_rivals() -> None:
    """An outlet does not contradict itself: where it gives both figures (a total and a part of it),
    two others that give one each do not conflict; without it, they do."""
    total = claim("b", "The fire destroyed 40 homes, officials said")
    part = claim("c", "The fire destroyed 12 homes")
    both = (claim("a", "The fire destroyed 40 homes"), claim("a", "Of them, 12 homes burned in the old town"))
    assert verdict(total, part).verdict == "diverge"
    assert verdict(*both, total, part).verdict == "agree"


def test_one_date_written_alike_in_words_is_no_conflict() -> None:
    """ "Tomorrow" in two outlets that ran one report on two days resolves to two dates: the same
    words, not two dates. Dates written with figures still conflict."""
    fact = verdict(
        claim("a", "The vote will be held tomorrow", base=dt.date(2025, 3, 3)),
        claim("b", "The vote will be held tomorrow", base=dt.date(2025, 3, 4)),
    )
    assert fact.verdict == "agree"
    fact = verdict(
        claim("a", "The vote will be held on March 4", base=dt.date(2025, 3, 3)),
        claim("b", "The vote will be held on March 5", base=dt.date(2025, 3, 4)),
    )
    assert fact.verdict == "diverge"


def test_outlets_that_give_one_figure_in_other_words_are_each_credited_with_their_own() -> None:
    """ "over 40" and "more than 40" are one reading to compare, two wordings to show: neither outlet
    is shown with the other's words, nor linked to the other's claim."""
    claims = (
        claim("a", "Over 40 homes burned, officials said"),
        claim("b", "More than 40 homes burned"),
        claim("c", "In all, 12 homes burned"),
    )
    fact = verdict(*claims)
    assert fact.verdict == "diverge"
    assert sorted((g.value, g.sources) for g in fact.reason.groups) == [
        ("12", ("c",)),
        ("more than 40", ("b",)),
        ("over 40", ("a",)),
    ]
    for reading in fact.readings:
        assert [m.claim.split(":")[0] for m in reading.mentions] == list(reading.sources)


def test_claims_that_share_value_objects_are_each_credited_with_their_own() -> None:
    """Wire copies may carry one tuple of values between them: each outlet's reading still points
    at its own claim."""
    a = claim("a", "The quake killed 157 people")
    b = dataclasses.replace(claim("b", "The quake killed 157 people"), values=a.values)
    (reading,) = verdict(a, b).readings
    assert sorted((m.source, m.claim) for m in reading.mentions) == [("a", a.id), ("b", b.id)]
