"""Sentences -> atomic claims: one checkable fact per claim, with exact evidence offsets. Every
sentence is invented."""

from __future__ import annotations

import datetime as dt

import pytest

from mineralcheck.claims import claims_from_sentence, extract_claims, quoted_regions
from mineralcheck.claims.parse import load_parser
from mineralcheck.models import Article, Claim, Sentence, SourceId
from mineralcheck.values import canonical_entity, extract_values


def claims_of(text: str, *, date: dt.date | None = dt.date(2023, 11, 4)) -> list[Claim]:
    article = Article(id=SourceId("a"), path="a.txt", text=text, date=date)
    sentence = Sentence(SourceId("a"), 0, len(text), text)
    return claims_from_sentence(
        article,
        sentence,
        load_parser()(text),
        extract_values=lambda t, offset, base: extract_values(t, offset=offset, base_date=base),
        canonical_entity=canonical_entity,
    )


def texts(text: str) -> list[str]:
    return [c.text for c in claims_of(text)]


def test_a_participle_clause_is_a_second_fact() -> None:
    assert texts("Norland leads the trade, refining more than 70% of these ores.") == [
        "Norland leads the trade",
        "Norland refining more than 70% of these ores",
    ]


def test_a_tour_between_two_stops_is_three_facts() -> None:
    got = texts(
        "The choir landed in Varna on Friday for a tour squeezed between a concert in Brenvik "
        "and a festival in Ostvale with Halden."
    )
    assert got == [
        "The choir landed in Varna on Friday for a tour",
        "a tour squeezed between a concert in Brenvik",
        "a tour squeezed between a festival in Ostvale with Halden",
    ]


def test_coordinated_figures_with_their_own_places_are_separate_facts() -> None:
    got = claims_of("The toll has reached 46 in Corvia and 17 in Marren.")
    assert [[v.text for v in c.values] for c in got] == [["46"], ["17"]]


def test_a_relative_clause_and_coordinated_verbs_each_state_a_fact() -> None:
    got = claims_of(
        "The landslide, which struck at 4:20 a.m., killed at least 37 people and injured more than 90 others."
    )
    assert len(got) >= 2
    injured = got[-1]
    assert injured.text == "The landslide injured more than 90 others"
    assert [(v.text, v.quantity) for v in injured.values] == [("more than 90", "injured")]


def test_verbs_sharing_one_object_stay_one_fact() -> None:
    assert texts("Officials plan to inspect and repair the bridge within six months.") == [
        "Officials plan to inspect and repair the bridge within six months"
    ]


def test_what_a_verb_does_to_its_object_stays_with_it() -> None:
    """'signed a deal that sets up a fund' is one fact, not 'signed a deal' + 'sets up a fund'."""
    got = texts("The mayor signed a deal that sets up a joint fund for the harbour.")
    assert len(got) == 1


def test_a_reporting_frame_is_neither_text_nor_values() -> None:
    (claim,) = claims_of("Turnout was 48.5%, the electoral board said on Sunday.")
    assert claim.text == "Turnout was 48.5%"
    assert [v.text for v in claim.values] == ["48.5%"]
    assert claim.evidence == "Turnout was 48.5%, the electoral board said on Sunday"


def test_according_to_names_a_source_not_the_fact() -> None:
    (claim,) = claims_of("According to the ministry, divers found 12 survivors in the wreck.")
    assert claim.text == "divers found 12 survivors in the wreck"


def test_a_trailing_with_phrase_carrying_a_figure_is_its_own_fact() -> None:
    got = claims_of(
        "The death toll rose to 63 on Saturday, the ministry said, with 24 of them in Corvia district."
    )
    assert [[v.text for v in c.values] for c in got] == [["63", "Saturday"], ["24"]]
    assert got[0].values[0].quantity == "death"


def test_the_verb_names_what_a_count_of_people_measures() -> None:
    (_, killing) = claims_of("A strong earthquake shook the valley, killing at least 37 people.")
    assert [(v.text, v.quantity) for v in killing.values] == [("at least 37", "death")]


def test_a_bare_figure_a_participle_describes_is_the_participles_fact() -> None:
    wounded, arrested = claims_of(
        "One officer was wounded and 25 arrested after clashes outside the stadium."
    )
    assert (wounded.text, [v.text for v in wounded.values]) == ("One officer was wounded", ["One"])
    assert arrested.text == "25 arrested after clashes outside the stadium"
    assert [(v.text, v.quantity, v.measure) for v in arrested.values] == [("25", "arrest", "arrested")]


def test_a_headline_figure_is_measured_by_its_participle_not_the_verb_after_it() -> None:
    (claim,) = claims_of("Nearly 300 evacuated from riverside homes as floodwaters keep rising")
    assert [(v.text, v.measure) for v in claim.values] == [("Nearly 300", "evacuated")]


def test_a_year_a_participle_hangs_on_stays_with_its_clause() -> None:
    first, _ = claims_of(
        "It was the longest strike at the mill since 1984 triggered by a dispute over pensions."
    )
    assert first.text == "It was the longest strike at the mill since 1984"


def test_an_earlier_value_a_participle_describes_stays_an_earlier_value() -> None:
    claims = claims_of("The toll rose to 40 from 31 reported by the ministry on Monday.")
    earlier = [c for c in claims if c.earlier]
    assert [(c.text, [v.text for v in c.values]) for c in earlier] == [("The toll was earlier 31", ["31"])]


@pytest.mark.parametrize(
    "text",
    [
        "Click here to subscribe to our newsletter.",
        "Will the government raise taxes?",
        "Wow.",
    ],
)
def test_calls_to_action_questions_and_fragments_state_nothing(text: str) -> None:
    assert claims_of(text) == []


def test_a_direct_quote_keeps_its_words_and_named_speaker() -> None:
    (claim,) = claims_of('"We are doing everything we can," Prime Minister Jane Holt told reporters.')
    assert claim.quote == "We are doing everything we can"
    assert claim.speaker == "Jane Holt"


def test_quoted_regions_pair_curly_and_straight_quotes() -> None:
    text = 'He said “a new era” and "a fresh start".'
    assert [text[a:b] for a, b in quoted_regions(text)] == ["a new era", "a fresh start"]


def test_every_claim_points_at_its_evidence_in_the_article() -> None:
    text = (
        "Title of the story\n"
        "The ministry said on Friday that rescuers had found 12 survivors. Officials, who spoke on "
        "condition of anonymity, said 30 people remain missing.\n"
    )
    article = Article(id=SourceId("a"), path="a.txt", text=text)
    starts = [19, text.index("Officials")]
    sentences = [
        Sentence(SourceId("a"), 19, text.index("survivors.") + 10, text[19 : text.index("survivors.") + 10]),
        Sentence(SourceId("a"), starts[1], len(text) - 1, text[starts[1] : len(text) - 1]),
    ]
    claims = extract_claims(
        article,
        sentences,
        [load_parser()(s.text) for s in sentences],
        extract_values=lambda t, offset, base: extract_values(t, offset=offset, base_date=base),
        canonical_entity=canonical_entity,
    )
    assert claims
    for claim in claims:
        assert text[claim.start : claim.end] == claim.evidence
        assert claim.line == 2
        for value in claim.values:
            assert text[value.start : value.end] == value.text
    assert [c.sentence for c in claims] == sorted(c.sentence for c in claims)


def test_an_earlier_value_after_from_is_its_own_fact_marked_earlier() -> None:
    now, before = claims_of(
        "Turnout was 48.5 percent, up from 41.3 percent at the previous election in 2019."
    )
    assert [v.text for v in now.values] == ["48.5 percent"]
    assert before.earlier and not now.earlier and before.scope == ()
    assert before.values[0].text == "41.3 percent"
    toll, earlier = claims_of("The death toll rose to 63 from 58 on Friday.")
    assert [v.text for v in toll.values] == ["63", "Friday"]
    assert [v.text for v in earlier.values] == ["58"] and earlier.earlier and not toll.earlier


def test_a_subject_after_a_comma_is_not_an_apposition_of_the_name_before_it() -> None:
    """'with Brenvik, Velmora's new trade minister argued ...' must not claim Brenvik is trade minister."""
    got = texts("At Monday's lunch with Brenvik, Velmora's new trade minister argued for lower fees.")
    assert not any(t.startswith("Brenvik is") for t in got)


def test_cutting_out_a_nested_clause_leaves_no_stray_comma() -> None:
    assert texts("Quenby, who last Tuesday became prime minister, congratulated Halden on the truce.")[
        -1
    ] == ("Quenby congratulated Halden on the truce")


def test_a_claim_holds_only_the_figures_its_text_states() -> None:
    """A clause cut down to its evidence keeps the figures of that evidence: the ferry's crossing
    time, written further on in the sentence, is not a figure of the first claim (a date further on
    still dates the clause: see the death toll "on Friday" above)."""
    claims = claims_of(
        "Several ferries stayed in port, including the Morwenna which normally carries about 300 cars"
        " - nearly all of its deck - on its 40-minute crossing to the island."
    )
    assert claims
    for claim in claims:
        for value in claim.values:
            assert value.kind != "quantity" or value.text in claim.text, (claim.text, value.text)
