"""On-disk caches of claim extraction and sentence vectors: one SQLite file per kind.

A rerun on unchanged articles reads both and so never imports spaCy, torch or sentence-transformers.
SQLite (stdlib) gives atomic, transactional writes that concurrent runs can share without
corrupting anything, and keeps tens of thousands of entries in one file instead of as many small
ones. Every entry carries a checksum; an entry that fails it (or fails to decode) is ignored, reported
through the `warn` callback and rebuilt by the caller. A cache that cannot be written or opened is
handled by its Store (store.py): a cache problem never fails a run.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from mineralcheck.cache.store import CACHE_DIR_ENV, Store, Warn, ignore_warning, warn_once
from mineralcheck.models import Article, Claim, Value

SCHEMA = 1
"""Bumped when the layout of a cache file or of its entries changes; part of each file name."""


def default_cache_dir() -> Path:
    """$MINERALCHECK_CACHE_DIR, else the platform's user cache directory (~/.cache/mineralcheck)."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mineralcheck", appauthor=False))


def _utf8(text: str) -> bytes:
    """UTF-8 that also carries lone surrogates: a file name that is not valid UTF-8 reaches Python
    with them (os.fsdecode), and the source id and claims made from it must still be stored."""
    return text.encode("utf-8", "surrogatepass")


# -- vectors -----------------------------------------------------------------------------------------


class VectorCache:
    """Sentence vectors keyed by model identity and text (content hash); float32 rows."""

    def __init__(self, directory: Path, *, warn: Warn = ignore_warning) -> None:
        self._store = Store(directory / f"vectors-v{SCHEMA}.sqlite", warn=warn)
        self._warn = warn

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha256(_utf8(f"{model}\0{text}")).hexdigest()

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors of the texts found, by text; a row of the wrong size or norm counts as corrupt."""
        keys = {self.key(model, t): t for t in texts}
        found = self._store.get_many(list(keys))
        out: dict[str, np.ndarray] = {}
        dim: int | None = None
        bad = 0
        for key, blob in found.items():
            vector = _decode_vector(blob)
            if vector is None or (dim is not None and len(vector) != dim):
                bad += 1
                continue
            dim = len(vector)
            out[keys[key]] = vector
        if bad:
            self._warn(f"ignored {bad} malformed vector{'s' if bad > 1 else ''} in the cache; re-encoding")
        return out

    def put(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = np.ascontiguousarray(vectors, dtype="<f4")
        self._store.put_many((self.key(model, t), rows[k].tobytes()) for k, t in enumerate(texts))

    def close(self) -> None:
        self._store.close()


def _decode_vector(blob: bytes) -> np.ndarray | None:
    if len(blob) == 0 or len(blob) % 4:
        return None
    vector = np.frombuffer(blob, dtype="<f4").astype(np.float32)
    # Every vector we store is L2-normalised; anything else was not written by us.
    if not np.all(np.isfinite(vector)) or abs(float(vector @ vector) - 1.0) > 1e-3:
        return None
    return vector


# -- extraction --------------------------------------------------------------------------------------


class ClaimCache:
    """Each article's claims, keyed by the article's content and the extractor's version."""

    def __init__(self, directory: Path, *, warn: Warn = ignore_warning) -> None:
        self._store = Store(directory / f"claims-v{SCHEMA}.sqlite", warn=warn)
        self._warn = warn

    @staticmethod
    def key(article: Article, extractor: str) -> str:
        """Everything extraction reads from an article, plus the extractor's own version."""
        # line_map: a page whose markup moved but whose text did not keeps its claims, not their lines.
        material = repr(
            (
                extractor,
                article.id,
                article.text,
                article.date,
                article.furniture,
                article.captions,
                article.line_map,
            )
        )
        return hashlib.sha256(_utf8(material)).hexdigest()

    def get(self, articles: Sequence[Article], extractor: str) -> dict[int, tuple[Claim, ...]]:
        """Claims of the articles found, by position in `articles`."""
        keys = [self.key(a, extractor) for a in articles]
        found = self._store.get_many(keys)
        out: dict[int, tuple[Claim, ...]] = {}
        bad = 0
        for index, key in enumerate(keys):
            if key not in found:
                continue
            try:
                out[index] = claims_from_json(found[key])
            except (ValueError, TypeError, KeyError):
                bad += 1
        if bad:
            self._warn(f"ignored {bad} undecodable claim entr{'y' if bad == 1 else 'ies'}; re-extracting")
        return out

    def put(self, items: Iterable[tuple[Article, tuple[Claim, ...]]], extractor: str) -> None:
        self._store.put_many((self.key(a, extractor), claims_to_json(c)) for a, c in items)

    def close(self) -> None:
        self._store.close()


def claims_to_json(claims: Sequence[Claim]) -> bytes:
    """Claims as JSON; floats keep their exact value (repr round-trips), infinities included."""
    return _utf8(json.dumps([asdict(c) for c in claims], ensure_ascii=False, separators=(",", ":")))


_CLAIM_FIELDS = frozenset(f.name for f in fields(Claim))
_VALUE_FIELDS = frozenset(f.name for f in fields(Value))


def claims_from_json(payload: bytes) -> tuple[Claim, ...]:
    """The exact inverse of claims_to_json; raises ValueError on anything it did not write."""
    data = json.loads(payload.decode("utf-8", "surrogatepass"))
    if not isinstance(data, list):
        raise ValueError("not a list of claims")
    return tuple(_claim(item) for item in data)


def _claim(item: Any) -> Claim:
    if not isinstance(item, dict) or set(item) != _CLAIM_FIELDS:
        raise ValueError("not a claim")
    values = tuple(_value(v) for v in item["values"])
    rest: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in item.items() if k != "values"
    }
    return Claim(values=values, **rest)


def _value(item: Any) -> Value:
    if not isinstance(item, dict) or set(item) != _VALUE_FIELDS:
        raise ValueError("not a value")
    fields_: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}
    return Value(**fields_)


# -- versions ----------------------------------------------------------------------------------------

# Everything whose change can change the claims of an article: hashed, so the version cannot go stale.
# Whole packages, so that a module added to a stage is covered without a change here.
_EXTRACTOR_SOURCES = ("models.py", "pipeline.py")
_EXTRACTOR_DIRS = (
    ("read", "**/*.py"),
    ("claims", "**/*.py"),
    ("values", "**/*.py"),
    ("lexicon", "**/*.py"),
    ("data", "*.yaml"),
)


def extractor_version(parser_model: str) -> str:
    """A digest of the extraction code, its data files and the parser's versions."""
    from importlib import metadata

    package = Path(__file__).parent.parent  # mineralcheck/
    files = [package / name for name in _EXTRACTOR_SOURCES]
    for folder, pattern in _EXTRACTOR_DIRS:
        files.extend(sorted((package / folder).glob(pattern)))
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.relative_to(package).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() if file.exists() else b"<missing>")
    for dist in ("spacy", parser_model.replace("_", "-")):
        try:
            digest.update(f"{dist}=={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}==?".encode())
    digest.update(parser_model.encode())
    return digest.hexdigest()[:32]


# -- the two caches of a run -----------------------------------------------------------------------


@dataclass
class Caches:
    """The two on-disk caches of a run; either may be None (not used)."""

    claims: ClaimCache | None = None
    vectors: VectorCache | None = None

    @classmethod
    def open(cls, directory: str | Path | None = None, *, warn: Warn = ignore_warning) -> Caches:
        root = Path(directory) if directory is not None else default_cache_dir()
        warn = warn_once(warn)  # a read-only folder is one warning, not one per cache file
        return cls(claims=ClaimCache(root, warn=warn), vectors=VectorCache(root, warn=warn))

    def close(self) -> None:
        for cache in (self.claims, self.vectors):
            if cache is not None:
                cache.close()
