"""The report of a corpus with the default model through sentence-transformers (torch) instead of ONNX.

For the benchmark's check that both paths give the same report: run with the cache of a cold run,
so the claims are read from it and only the vectors (kept under another identity) are computed.

    python bench/torch_report.py CORPUS CACHE_DIR OUT.json
"""

from __future__ import annotations

import sys
from pathlib import Path

from mineralcheck import pipeline
from mineralcheck.match.embed import SentenceTransformerEmbedder
from mineralcheck.report import ReportFormat, render

corpus, cache, out = sys.argv[1:4]
embedder = SentenceTransformerEmbedder()
try:
    report = pipeline.compare([corpus], pipeline.CompareOptions(cache_dir=cache), embedder=embedder)
finally:
    embedder.close()
Path(out).write_text(render(report, ReportFormat.json), encoding="utf-8")
