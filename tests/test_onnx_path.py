"""The ONNX path of the default model against sentence-transformers: same vectors, same reports, no torch.

Reports are compared on the seeds and on the real coverage of ../shared/eval/dev/ (CI has it beside
the clone): claims are extracted once into the session's cache (tests/events.py), then judged with
each path's vectors.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mineralcheck import pipeline
from mineralcheck.report import ReportFormat, render
from tests.events import RealEvents

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
DEV_EVENTS = sorted(p.name for p in DEV.iterdir() if p.is_dir()) if DEV.is_dir() else []
MIN_COSINE = 0.999


def _seed_claim_texts(events: RealEvents) -> list[str]:
    return sorted({claim.text for claim in events.prepared(ROOT / "seeds").claims})


def test_onnx_vectors_match_sentence_transformers_on_every_seed_claim(
    real_embedder, torch_embedder, real_events: RealEvents
) -> None:  # type: ignore[no-untyped-def]
    texts = _seed_claim_texts(real_events)
    assert len(texts) > 100
    onnx, torch = real_embedder.encode(texts), torch_embedder.encode(texts)
    assert onnx.shape == torch.shape
    cosine = (onnx * torch).sum(axis=1) / np.linalg.norm(onnx, axis=1) / np.linalg.norm(torch, axis=1)
    worst = int(np.argmin(cosine))
    assert cosine.min() >= MIN_COSINE, (texts[worst], float(cosine[worst]))


def _report(corpus: Path, embedder, cache: Path) -> str:  # type: ignore[no-untyped-def]
    options = pipeline.CompareOptions(cache_dir=str(cache))
    return render(pipeline.compare([str(corpus)], options, embedder=embedder), ReportFormat.json)


@pytest.mark.parametrize(
    "corpus",
    [ROOT / "seeds", *(DEV / name for name in DEV_EVENTS)],
    ids=["seeds", *DEV_EVENTS],
)
def test_reports_are_identical_through_onnx_and_sentence_transformers(
    corpus: Path, real_embedder, torch_embedder, real_events: RealEvents
) -> None:  # type: ignore[no-untyped-def]
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is missing: the development events live in ../shared beside the clone")
    # One cache, the session's: both runs reuse the claims extracted once; vectors differ by
    # identity, so each path has its own.
    real_events.prepared(corpus)
    through_torch = _report(corpus, torch_embedder, real_events.cache_dir)
    through_onnx = _report(corpus, real_embedder, real_events.cache_dir)
    assert through_onnx == through_torch


def test_the_dev_events_are_there_to_compare() -> None:
    # The parametrised test above skips a missing folder; CI must not skip them all silently.
    assert len(DEV_EVENTS) >= 4, f"expected the development events in {DEV}"


COLD_RUN = """
import atexit, sys
atexit.register(lambda: print("torch loaded:", "torch" in sys.modules, file=sys.stderr))
from mineralcheck.cli import main
sys.argv = ["mineralcheck", "compare", sys.argv[1], "--no-cache", "-q", "--format", "json", "-o", sys.argv[2]]
main()
"""


def test_a_cold_compare_imports_no_torch(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", COLD_RUN, str(ROOT / "seeds"), str(tmp_path / "r.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    imported = {
        line.rsplit("|", 1)[1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")
    }
    heavy = {m for m in imported if m.split(".")[0] in {"torch", "transformers", "sentence_transformers"}}
    # thinc's `import torch` attempt is refused and shows as one bare `torch` line; nothing under it loads.
    assert heavy <= {"torch"}, sorted(heavy)
    assert {"spacy", "onnxruntime", "tokenizers"} <= imported  # it did parse and encode
    assert "torch loaded: False" in out.stderr
    assert (tmp_path / "r.json").stat().st_size > 0
