"""Alias table, canonical names and spelling variants."""

from __future__ import annotations

import pytest

from mineralcheck.errors import ConfigError
from mineralcheck.values import canonical_entity, load_aliases, same_name
from mineralcheck.values.entities import SECTIONS, SHIPPED_ALIASES
from mineralcheck.values.entities import canonical_entity as canonical_with

ALIASES = [
    ("U.S.", "United States"),
    ("US", "United States"),
    ("United States", "United States"),
    ("the United States", "United States"),
    ("America", "United States"),
    ("the States", "United States"),
    ("Washington", "United States"),
    ("American", "United States"),
    ("Americans", "United States"),
    ("America's", "United States"),
    ("Tokyo", "Japan"),
    ("Japanese", "Japan"),
    ("Japan’s", "Japan"),
    ("Beijing", "China"),
    ("Chinese", "China"),
    ("UK", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("London", "United Kingdom"),
    ("British", "United Kingdom"),
    ("USGS", "US Geological Survey"),
    ("UN", "United Nations"),
    ("U.N.", "United Nations"),
    ("EU", "European Union"),
    ("WHO", "World Health Organization"),
    ("IMF", "International Monetary Fund"),
    ("Kyiv", "Ukraine"),
    ("Kiev", "Ukraine"),
    ("New Delhi", "India"),
    ("Kathmandu", "Nepal"),
    ("Seoul", "South Korea"),
    ("the Kremlin", "Russia"),
]


@pytest.mark.parametrize(("name", "canonical"), ALIASES)
def test_alias(name, canonical):
    assert canonical_entity(name) == canonical


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("the Coastal Relief Agency", "Coastal Relief Agency"),
        ("Acme Mining's", "Acme Mining"),
        ("  Jane Doe  ", "Jane Doe"),
        ("us", "us"),  # a pronoun, not the country: abbreviations match in capitals only
        ("who", "who"),
    ],
)
def test_unknown_names_are_stripped_not_changed(name, kept):
    assert canonical_entity(name) == kept


def test_shipped_table_is_general():
    table = load_aliases()
    assert len(table.canonicals) >= 150
    countries = load_aliases().canonicals
    for name in ("Brazil", "Nigeria", "Indonesia", "Germany", "Mexico", "Egypt", "Pakistan"):
        assert name in countries


SAME = [
    ("Kathmandu", "Katmandu"),
    ("Ostvale", "Oostvale"),
    ("Kadayat", "Kathayat"),
    ("Ramidanda", "Lamidanda"),
    ("Tchaikovsky", "Chaikovsky"),
    ("Muhammad", "Mohammed"),
    ("Gaddafi", "Qaddafi"),
    ("Zelensky", "Zelenskyy"),
    ("Kyiv", "Kiev"),
    ("Beijing", "Beijing"),
]
DIFFERENT = [
    ("Malaysia", "Mongolia"),
    ("Halden", "Hadley"),
    ("Austria", "Australia"),
    ("Niger", "Nigeria"),
    ("Iran", "Iraq"),
    ("Sudan", "South Sudan"),
    ("Johnson", "Jackson"),
    ("Kim", "Kin"),
    ("Tokyo", "Kyoto"),
    ("Oslo", "Osaka"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spelling_variants_match(a, b):
    assert same_name(a, b)
    assert same_name(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_do_not_match(a, b):
    assert not same_name(a, b)
    assert not same_name(b, a)


def test_user_file_is_merged_and_wins(tmp_path):
    extra = tmp_path / "aliases.yaml"
    extra.write_text(
        "organisations:\n  Coastal Relief Agency: [CRA, the relief agency]\ncountries:\n  Japan: [Nihon]\n",
        encoding="utf-8",
    )
    table = load_aliases(extra)
    assert canonical_with("CRA", table) == "Coastal Relief Agency"
    assert canonical_with("Nihon", table) == "Japan"
    assert canonical_with("Tokyo", table) == "Japan"  # shipped entries are kept


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("countries:\n  Japan: [Nihon]\nplanets:\n  Mars: [red planet]\n", 3, "unknown section"),
        ("countries:\n  Japan: [Nihon]\n  Spain:\n    capital: Madrid\n", 4, "must be a list of strings"),
        ("countries:\n  Japan: [Nihon, [nested]]\n", 2, "non-empty strings"),
        ("- just\n- a list\n", 1, "expected sections"),
        ("countries:\n  Japan: [Nihon\n", 3, "not valid YAML"),
    ],
)
def test_bad_user_file_names_file_and_line(tmp_path, content, line, words):
    extra = tmp_path / "aliases.yaml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_aliases(extra)
    message = str(info.value)
    assert f"aliases.yaml:{line}:" in message
    assert words in message


def test_missing_user_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_aliases(tmp_path / "nope.yaml")


def test_shipped_file_has_the_main_sections():
    content = SHIPPED_ALIASES.read_text(encoding="utf-8")
    assert all(f"\n{section}:" in content for section in SECTIONS[:4])
