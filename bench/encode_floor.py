"""The floor: import the embedding runtime, load the model and encode the given texts, nothing else.

Reads a JSON list of texts; prints JSON with the seconds spent importing and loading, and encoding.
It runs the default model the way mineralcheck does (ONNX Runtime and tokenizers, the same exported
graph, batch size and threads), all texts in one call, so no pipeline that embeds those texts can
be faster than this. `--torch` measures the same through sentence-transformers instead.

    python bench/encode_floor.py texts.json [--torch]
"""

from __future__ import annotations

import json
import os
import sys
import time

start = time.perf_counter()
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

if "--torch" in sys.argv:
    from mineralcheck.match.embed import SentenceTransformerEmbedder

    embedder: object = SentenceTransformerEmbedder()
    embedder.encode(["warm-up: loads the model"])  # type: ignore[attr-defined]
else:
    from mineralcheck.match.onnx_model import OnnxEmbedder

    embedder = OnnxEmbedder()
    embedder.load()  # type: ignore[attr-defined]
loaded = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as file:
    texts = json.load(file)
embedder.encode(texts)  # type: ignore[attr-defined]
done = time.perf_counter()
print(json.dumps({"texts": len(texts), "import_load": loaded - start, "encode": done - loaded}))
