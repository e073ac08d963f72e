"""`make quality`: how right mineralcheck's answers are on every corpus with a gold file, beside the peer.

For each real event (the seeds and ../shared/eval/dev/*) and each scenario corpus (tests/corpora/*) it
runs a comparison with the shipped pair model, scores it with ../shared/eval/score.py, runs the
naive peer (../shared/eval/peer.py) on the same articles, and prints one table. For the real events
it also refits the pair model leaving the event out and scores it with that model: the
leave-one-event-out column is the one that predicts news mineralcheck has never seen. The table is
written to bench/QUALITY.md, so its history shows in git.

    python bench/quality.py            # print the table and rewrite bench/QUALITY.md
    python bench/quality.py --no-peer  # skip the peer (faster)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaldata import EVAL, Corpus, real_corpora, scenario_corpora, score_report  # noqa: E402
from fit import leave_one_event_out, load_event  # noqa: E402

from mineralcheck import pipeline  # noqa: E402
from mineralcheck.report.json import to_dict  # noqa: E402

OUT = Path(__file__).resolve().parent / "QUALITY.md"
PEER_CACHE = Path(__file__).resolve().parent / ".cache" / "peer"
BEGIN, END = "<!-- quality:begin -->", "<!-- quality:end -->"


def mineralcheck_figures(corpus: Corpus) -> dict[str, Any]:
    report = pipeline.compare([str(corpus.path)], pipeline.CompareOptions())
    return score_report(corpus, to_dict(report))


def _peer_key(corpus: Corpus) -> str:
    digest = hashlib.sha256((EVAL / "peer.py").read_bytes())
    for path in sorted(corpus.path.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".md"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:24]


def peer_figures(corpus: Corpus) -> dict[str, Any]:
    """The peer's figures; its report is cached by the corpus and peer.py contents (it loads a model)."""
    cached = PEER_CACHE / f"{corpus.name}-{_peer_key(corpus)}.json"
    if not cached.is_file():
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        run = subprocess.run(
            [sys.executable, str(EVAL / "peer.py"), str(corpus.path)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(run.stdout, encoding="utf-8")
    return score_report(corpus, json.loads(cached.read_text(encoding="utf-8")))


def _ratio(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def _precision(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def table(rows: list[dict[str, Any]], real_means: dict[str, str]) -> str:
    head = (
        "| corpus | score | leave-one-event-out | cross-source | gold divergences | diverge precision "
        "| noise claims | peer score | peer cross-source |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = []
    for r in rows:
        mine, peer = r["mine"], r.get("peer")
        peer_score = f"{peer['score']:.3f}" if peer else "–"
        lines.append(
            f"| {r['name']} | {mine['score']:.3f} | {r.get('loeo', '–')} | {_ratio(mine['cross'])} "
            f"| {_ratio(mine['divergences'])} | {_precision(mine['diverge_precision'])} | {mine['noise']} "
            f"| {peer_score} | {_ratio(peer['cross']) if peer else '–'} |"
        )
    mean = (
        f"| **mean of the real events** | **{real_means['score']}** | **{real_means['loeo']}** "
        f"| {real_means['cross']} | {real_means['divergences']} | {real_means['precision']} "
        f"| {real_means['noise']} | {real_means['peer']} | {real_means['peer_cross']} |"
    )
    return head + "\n".join(lines) + "\n" + mean + "\n"


def _sum(rows: list[dict[str, Any]], key: str, side: str = "mine") -> str:
    got = sum(r[side][key][0] for r in rows)
    total = sum(r[side][key][1] for r in rows)
    return f"{got}/{total} ({got / total:.0%})" if total else "–"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-peer", action="store_true", help="do not run the naive peer")
    args = parser.parse_args()
    real = real_corpora()
    events = [load_event(c) for c in real]
    loeo = leave_one_event_out(events)
    rows = []
    for corpus in real + scenario_corpora():
        row: dict[str, Any] = {"name": corpus.name, "mine": mineralcheck_figures(corpus)}
        if corpus.real:
            row["loeo"] = f"{loeo[corpus.name]['score']:.3f}"
        if not args.no_peer:
            row["peer"] = peer_figures(corpus)
        rows.append(row)
        print(f"scored {corpus.name}", file=sys.stderr)
    real_rows = [r for r in rows if r["name"] in {c.name for c in real}]
    precisions = [
        r["mine"]["diverge_precision"] for r in real_rows if r["mine"]["diverge_precision"] is not None
    ]
    real_means = {
        "score": f"{np.mean([r['mine']['score'] for r in real_rows]):.3f}",
        "loeo": f"{np.mean([loeo[r['name']]['score'] for r in real_rows]):.3f}",
        "cross": _sum(real_rows, "cross"),
        "divergences": _sum(real_rows, "divergences"),
        "precision": f"{np.mean(precisions):.2f}" if precisions else "–",
        "noise": str(sum(r["mine"]["noise"] for r in real_rows)),
        "peer": f"{np.mean([r['peer']['score'] for r in real_rows]):.3f}" if not args.no_peer else "–",
        "peer_cross": _sum(real_rows, "cross", "peer") if not args.no_peer else "–",
    }
    text = table(rows, real_means)
    print(text)
    if not args.no_peer:
        _write(text)
    return 0


def _write(text: str) -> None:
    doc = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
    if BEGIN in doc and END in doc:
        doc = doc[: doc.index(BEGIN) + len(BEGIN)] + "\n" + text + doc[doc.index(END) :]
    else:
        doc = f"# Quality\n\n{BEGIN}\n{text}{END}\n"
    OUT.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
