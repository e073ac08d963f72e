"""The wired pipeline with its caches: same report with and without them, and warm runs stay light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from mineralcheck import pipeline
from mineralcheck.claims import parse
from mineralcheck.match.onnx_model import vector_identity
from mineralcheck.pipeline import CompareOptions
from mineralcheck.report import ReportFormat, render
from tests.fakes import FakeEmbedder

CORPUS = Path(__file__).parents[1] / "corpora" / "quake"


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting what it is asked to encode."""

    def __init__(self, dim: int = 256) -> None:
        super().__init__(dim)
        self.calls: list[list[str]] = []
        self.started = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return super().encode(texts)

    @property
    def encoded(self) -> list[str]:
        return [t for call in self.calls for t in call]


def run(tmp_path: Path, embedder: FakeEmbedder, *, use_cache: bool = True) -> str:
    options = CompareOptions(use_cache=use_cache, cache_dir=str(tmp_path / "cache"))
    report = pipeline.compare([str(CORPUS)], options, embedder=embedder)
    return render(report, ReportFormat.json)


def test_results_are_identical_with_and_without_the_cache(tmp_path: Path) -> None:
    without = run(tmp_path, FakeEmbedder(), use_cache=False)
    cold = run(tmp_path, FakeEmbedder())
    warm = run(tmp_path, FakeEmbedder())
    assert without == cold == warm


def test_no_cache_neither_reads_nor_writes(tmp_path: Path) -> None:
    run(tmp_path, FakeEmbedder(), use_cache=False)
    assert not (tmp_path / "cache").exists()


def test_a_warm_run_neither_parses_nor_encodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = CountingEmbedder()
    run(tmp_path, first)
    assert first.encoded and len(first.encoded) == len(set(first.encoded))  # each distinct text once

    def no_parsing(texts: Sequence[str]) -> None:
        raise AssertionError("a warm run parsed sentences")

    monkeypatch.setattr(parse, "parse_sentences", no_parsing)
    second = CountingEmbedder()
    run(tmp_path, second)
    assert second.calls == []


def test_a_corrupt_vector_is_re_encoded_with_a_warning(tmp_path: Path) -> None:
    import sqlite3

    expected = run(tmp_path, FakeEmbedder())
    with sqlite3.connect(tmp_path / "cache" / "vectors-v1.sqlite") as db:
        db.execute("UPDATE entries SET value = x'0000' WHERE rowid = (SELECT min(rowid) FROM entries)")
    warnings: list[str] = []
    embedder = CountingEmbedder()
    options = CompareOptions(cache_dir=str(tmp_path / "cache"))
    report = pipeline.compare([str(CORPUS)], options, embedder=embedder, warn=warnings.append)
    assert render(report, ReportFormat.json) == expected
    assert len(embedder.encoded) == 1
    assert warnings and "corrupt" in warnings[0]


def test_progress_covers_every_stage(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    options = CompareOptions(use_cache=False)
    pipeline.compare([str(CORPUS)], options, embedder=FakeEmbedder(), progress=lambda *a: seen.append(a))
    stages = [s for s, _, _ in seen]
    assert set(stages) == {"reading", "extracting", "encoding", "clustering"}
    for stage in set(stages):
        last = [(d, t) for s, d, t in seen if s == stage][-1]
        assert last[0] == last[1], stage


def test_an_embedder_passed_in_is_never_started(tmp_path: Path) -> None:
    class Startable(CountingEmbedder):
        def start(self) -> None:
            self.started += 1

    # An embedder the caller passes in is the caller's to manage (and to close).
    given = Startable()
    run(tmp_path, given)
    assert given.started == 0


WARM_RUN = """
import json, sys
from mineralcheck import pipeline
report = pipeline.compare([sys.argv[1]], pipeline.CompareOptions(cache_dir=sys.argv[2]))
heavy = ("torch", "sentence_transformers", "transformers", "spacy", "onnxruntime")
heavy = sorted(m for m in heavy if m in sys.modules)
print(json.dumps({"heavy": heavy, "facts": len(report.facts)}))
"""


def test_a_warm_run_imports_neither_torch_nor_spacy(tmp_path: Path) -> None:
    # Fill the cache as the real model would (its identity, its dimension), with fake vectors...
    class StandIn(FakeEmbedder):
        @property
        def cache_identity(self) -> str:
            return vector_identity()  # what the default embedder (ONNX) looks up

    options = CompareOptions(cache_dir=str(tmp_path / "cache"))
    pipeline.compare([str(CORPUS)], options, embedder=StandIn(384))
    # ...then a fresh interpreter with the default embedder must find everything it needs there.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", WARM_RUN, str(CORPUS), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    )
    result = json.loads(out.stdout)
    assert result["heavy"] == []
    assert result["facts"] > 0
    assert out.stderr == ""


def test_claims_from_the_cache_equal_fresh_ones(tmp_path: Path) -> None:
    from mineralcheck.cache import ClaimCache
    from mineralcheck.read.ingest import load_articles

    articles = load_articles([str(CORPUS)]).articles
    fresh = pipeline.extract_all(articles)
    cache = ClaimCache(tmp_path)
    pipeline.extract_all(articles, cache=cache)
    cached = pipeline.extract_all(articles, cache=cache)
    assert cached == fresh
    assert [asdict(c) for c in cached] == [asdict(c) for c in fresh]


def test_batches_of_articles_are_encoded_as_they_come_each_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "EXTRACT_BATCH", 1)
    embedder = CountingEmbedder()
    streamed = run(tmp_path, embedder)
    assert len(embedder.calls) >= 4  # one article at a time
    assert len(embedder.encoded) == len(set(embedder.encoded))
    assert streamed == run(tmp_path, FakeEmbedder(), use_cache=False)


def test_each_distinct_sentence_is_parsed_once_and_copies_get_the_same_claims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three wire copies of one article (under other names, one with a paragraph of its own), as
    # syndicated coverage looks; more copies than fit in one batch of EXTRACT_BATCH articles.
    source = sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    folder = tmp_path / "wire"
    folder.mkdir()
    for n in range(3):
        extra = "\n\nA paragraph only this outlet printed, about its own reporter.\n" if n == 2 else ""
        (folder / f"copy{n}.txt").write_text(source + extra, encoding="utf-8")
    articles = pipeline.load_articles([str(folder)]).articles
    monkeypatch.setattr(pipeline, "EXTRACT_BATCH", 1)

    parsed: list[str] = []
    real = parse.parse_sentences

    def counting(texts: Sequence[str]):  # type: ignore[no-untyped-def]
        parsed.extend(texts)
        return real(texts)

    monkeypatch.setattr(parse, "parse_sentences", counting)
    together = pipeline.extract_all(articles)
    distinct = {s.text for a in articles for s in pipeline.split_sentences(a)}
    assert sorted(parsed) == sorted(distinct)  # each distinct sentence once, across batches

    monkeypatch.setattr(parse, "parse_sentences", real)
    alone = tuple(claim for article in articles for claim in pipeline.extract_all([article]))
    assert together == alone
    assert len(together) > 0


def test_cached_values_are_those_normalize_reads_at_any_offset() -> None:
    import datetime as dt

    from mineralcheck.values import extract_values

    date = dt.date(2015, 7, 28)
    for text in ("The quake killed 157 people on Tuesday.", "More than 90% of it, up from 54.9%.", "None."):
        for offset in (0, 17, 4000):
            for base in (None, date):
                expected = extract_values(text, offset=offset, base_date=base)
                assert pipeline._values_at(text, offset, base) == expected
                assert pipeline._values_at(text, offset, base) == expected  # from the cache


def test_wire_copies_that_open_alike_keep_their_own_evidence(tmp_path: Path) -> None:
    # Copies whose first sentence (offset 0, no header before it) is the same: each outlet's figure
    # must be credited to its own claim, and a warm run must say so too.
    folder = tmp_path / "wire"
    folder.mkdir()
    for n, tail in enumerate(("Rescuers searched the valley.", "Roads stayed shut.", "Schools closed.")):
        (folder / f"copy{n}.txt").write_text(
            f"The flood killed 12 people in Harwick on Monday. {tail}\n", encoding="utf-8"
        )
    options = CompareOptions(cache_dir=str(tmp_path / "cache"))
    cold, warm = (pipeline.compare([str(folder)], options, embedder=FakeEmbedder()) for _ in range(2))
    assert render(cold, ReportFormat.json) == render(warm, ReportFormat.json)
    mentions = [m for figure in cold.key_figures for r in figure.readings for m in r.mentions]
    assert len(mentions) == 3
    assert all(m.claim.startswith(f"{m.source}:") for m in mentions)


def test_each_call_gets_value_objects_of_its_own() -> None:
    first, second = (pipeline._values_at("The flood killed 12 people.", 0, None) for _ in range(2))
    assert first == second and all(a is not b for a, b in zip(first, second, strict=True))
