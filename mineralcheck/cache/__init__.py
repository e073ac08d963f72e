"""On-disk caches of claim extraction and sentence vectors, which a rerun on unchanged articles reads
instead of loading the parser and the model.

caches.py   the claims and vectors of a run, keyed by what made them (Caches opens both)
store.py    one key -> bytes table in one SQLite file, that survives the environment it finds
"""

from mineralcheck.cache.caches import (
    Caches,
    ClaimCache,
    VectorCache,
    claims_from_json,
    claims_to_json,
    default_cache_dir,
    extractor_version,
)
from mineralcheck.cache.store import CACHE_DIR_ENV, Store, Warn, ignore_warning, warn_once

__all__ = [
    "CACHE_DIR_ENV",
    "Caches",
    "ClaimCache",
    "Store",
    "VectorCache",
    "Warn",
    "claims_from_json",
    "claims_to_json",
    "default_cache_dir",
    "extractor_version",
    "ignore_warning",
    "warn_once",
]
