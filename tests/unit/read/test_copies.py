"""Articles that run one text: an agency story re-run with edits is one voice; outlets that quote one
statement or tell one story in their own words are not copies."""

from __future__ import annotations

from pathlib import Path

from mineralcheck.read import load_articles
from mineralcheck.read.copies import COPY_SHARE, find_copies

WIRE = [
    "Floodwaters swept through three villages in the north of the country on Monday, forcing about "
    "4,000 people from their homes, the regional emergency office said in a statement.",
    "At least 12 people were killed and dozens more are missing, officials said on Tuesday, as rescue "
    "teams used boats to reach families stranded on the roofs of their houses.",
    "The army sent two helicopters to the area and the government promised emergency funds for the "
    "families who lost their homes, the prime minister told reporters in the capital.",
    "Forecasters expect more heavy rain over the coming days, and the river is not expected to fall "
    "below its banks before the end of the week, the weather service said.",
]
OWN_WORDS = [
    "Three northern villages were flooded on Monday and some 4,000 residents had to leave, according to "
    "the emergency office of the region.",
    "Officials put the toll at 12 dead on Tuesday, with many still unaccounted for; rescuers in boats "
    "reached people waiting on rooftops.",
    "Two army helicopters were deployed and the government pledged money to the displaced families.",
    "More rain is forecast, and the river will stay above its banks for days, meteorologists warned.",
]


def _write(folder: Path, name: str, lines: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def test_a_wire_story_rerun_with_edits_and_other_furniture_is_one_text(tmp_path: Path) -> None:
    _write(tmp_path, "herald.txt", ["Floods hit the north", "Advertisement", *WIRE])
    edited = [w.replace("on Monday", "on Monday night") for w in WIRE[:3]]
    _write(
        tmp_path,
        "courier.txt",
        ["Villages flooded, 12 dead", "Share this:", *edited, "Read more: Other news"],
    )
    _write(tmp_path, "gazette.txt", ["Northern floods", *OWN_WORDS])
    result = load_articles([str(tmp_path)])
    assert [g.sources for g in result.copies] == [("courier", "herald")]
    assert result.copies[0].shared >= COPY_SHARE


def test_outlets_telling_one_story_in_their_own_words_are_not_copies(tmp_path: Path) -> None:
    _write(tmp_path, "herald.txt", ["Floods hit the north", *WIRE])
    _write(tmp_path, "gazette.txt", ["Northern floods", *OWN_WORDS])
    assert load_articles([str(tmp_path)]).copies == ()


def test_one_quoted_statement_does_not_make_copies(tmp_path: Path) -> None:
    quote = "“We are doing everything we can to reach the families who are still cut off,” the mayor said."
    _write(tmp_path, "herald.txt", ["Floods hit the north", *WIRE[:2], quote, *WIRE[2:]])
    _write(tmp_path, "gazette.txt", ["Northern floods", *OWN_WORDS[:2], quote, *OWN_WORDS[2:]])
    assert find_copies(load_articles([str(tmp_path)]).articles) == ()


def test_exact_duplicates_stay_duplicates(tmp_path: Path) -> None:
    _write(tmp_path, "herald.txt", ["Floods hit the north", *WIRE])
    _write(tmp_path, "mirror.txt", ["Floods hit the north", *WIRE])
    result = load_articles([str(tmp_path)])
    assert [a.id for a in result.articles] == ["herald"]
    assert len(result.duplicates) == 1 and result.copies == ()
