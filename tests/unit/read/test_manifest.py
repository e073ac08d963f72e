"""The sources manifest: CSV and YAML, paths relative to it, strict validation naming FILE:LINE."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mineralcheck.errors import ConfigError
from mineralcheck.read import manifest
from mineralcheck.read.ingest import load_articles
from mineralcheck.read.outlets import SourceMeta

BODY = "A ferry carrying 87 people sank near the harbour on Sunday night, the coast guard said on Monday.\n"


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "herald.txt").write_text("Source: https://herald.example/a\n\n" + BODY, encoding="utf-8")
    (folder / "gazette.txt").write_text(BODY.replace("87", "86"), encoding="utf-8")
    return folder


def test_csv_rows_give_outlet_url_date_and_time(news: Path) -> None:
    path = news.parent / "sources.csv"
    path.write_text(
        "path,outlet,url,date\n"
        "news/herald.txt,The Herald,https://herald.example/ferry,2024-03-04T09:30+01:00\n"
        "news/gazette.txt,Gazette,,March 5 2024\n",
        encoding="utf-8",
    )
    sources = manifest.load(path)
    herald = sources.lookup(news / "herald.txt")
    assert herald == SourceMeta(
        outlet="The Herald",
        url="https://herald.example/ferry",
        date=dt.date(2024, 3, 4),
        time=dt.time(9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    )
    assert sources.lookup(news / "gazette.txt") == SourceMeta(outlet="Gazette", date=dt.date(2024, 3, 5))
    articles = {a.id: a for a in load_articles([str(news)], manifest=sources).articles}
    assert articles["herald"].outlet == "The Herald"
    assert articles["herald"].url == "https://herald.example/ferry"  # over the Source line
    assert articles["gazette"].date == dt.date(2024, 3, 5)


def test_yaml_list_or_sources_mapping(news: Path) -> None:
    for text in (
        "- path: news/herald.txt\n  outlet: The Herald\n  date: 2024-03-04\n",
        "sources:\n  - path: news/herald.txt\n    outlet: The Herald\n    date: 2024-03-04\n",
    ):
        path = news.parent / "sources.yaml"
        path.write_text(text, encoding="utf-8")
        got = manifest.load(path).lookup(news / "herald.txt")
        assert got == SourceMeta(outlet="The Herald", date=dt.date(2024, 3, 4))


def test_files_not_listed_keep_what_they_say_about_themselves(news: Path) -> None:
    path = news.parent / "sources.yaml"
    path.write_text("- path: news/gazette.txt\n  outlet: Gazette\n", encoding="utf-8")
    articles = {a.id: a for a in load_articles([str(news)], manifest=manifest.load(path)).articles}
    assert articles["herald"].outlet == "herald.example"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "s.csv",
            "path,outlett\nnews/herald.txt,X\n",
            r"s\.csv:1: unknown column 'outlett'; did you mean 'outlet'\?",
        ),
        ("s.csv", "path,outlet\nnews/nope.txt,X\n", r"s\.csv:2: no file news/nope\.txt \(paths are relative"),
        (
            "s.csv",
            "path,date\nnews/herald.txt,soon\n",
            r"s\.csv:2: cannot read the date 'soon' \(write it as",
        ),
        (
            "s.csv",
            "path,url\nnews/herald.txt,herald.example\n",
            r"s\.csv:2: url 'herald\.example' must start with",
        ),
        ("s.csv", "outlet\nX\n", r"s\.csv:2: a source without `path`"),
        (
            "s.csv",
            "path\nnews/herald.txt\nnews/herald.txt\n",
            r"s\.csv:3: news/herald\.txt is listed twice \(first on line 2\)",
        ),
        ("s.yaml", "- path: news/herald.txt\n  site: X\n", r"s\.yaml:2: unknown column 'site'"),
        ("s.yaml", "path: news/herald.txt\n", r"s\.yaml:1: expected a list of sources"),
        ("s.yaml", "- [1, 2]\n", r"s\.yaml:1: each source must be a mapping"),
        ("s.yaml", "- path: [unclosed\n", r"s\.yaml:\d+: invalid YAML"),
        ("s.txt", "path\n", r"expected a \.csv, \.yaml or \.yml file"),
    ],
)
def test_mistakes_are_named_with_file_and_line(news: Path, name: str, text: str, message: str) -> None:
    path = news.parent / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        manifest.load(path)


def test_every_mistake_is_reported_at_once(news: Path) -> None:
    path = news.parent / "s.csv"
    path.write_text("path,date\nnews/nope.txt,\nnews/herald.txt,soon\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"s\.csv has 2 errors:\n  \S*s\.csv:2: .*\n  \S*s\.csv:3: "):
        manifest.load(path)


def test_a_missing_manifest_is_a_config_error_with_a_tip(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Sources manifest not found") as info:
        manifest.load(tmp_path / "sources.csv")
    assert info.value.tip == "check the path given to --sources"
