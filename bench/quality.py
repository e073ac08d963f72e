"""`make quality`: how right mineralcheck's answers are on every corpus with a gold file, beside the peer.

For each real event (the seeds and ../shared/eval/dev/*) and each scenario corpus (tests/corpora/*) it
runs a comparison with the shipped pair model, scores it with ../shared/eval/score.py, runs the
naive peer (../shared/eval/peer.py) on the same articles, and prints one table. For the real events
it also refits the pair model leaving the event out and scores it with that model (the
leave-one-event-out column is the one that predicts news mineralcheck has never seen), and runs the
shared probes: figures and statements that several outlets state, B-cubed F1, one measure per figure
fact across outlets (measures.py) and whether claims find their own fact (units.py). The table is
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
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from blocks import replace_block  # noqa: E402
from evaldata import (  # noqa: E402
    EVAL,
    Corpus,
    measures_probe,
    real_corpora,
    scenario_corpora,
    score_report,
    units_probe,
)
from fit import leave_one_event_out, load_event  # noqa: E402

from mineralcheck import pipeline  # noqa: E402
from mineralcheck.match import embed  # noqa: E402
from mineralcheck.report.json import to_dict  # noqa: E402

OUT = Path(__file__).resolve().parent / "QUALITY.md"
PEER_CACHE = Path(__file__).resolve().parent / ".cache" / "peer"
BEGIN, END = "<!-- quality:begin -->", "<!-- quality:end -->"


def mineralcheck_figures(
    corpus: Corpus, folder: Path, prepared: pipeline.Prepared | None = None
) -> dict[str, Any]:
    """The scorer's figures for `compare` on the corpus (judging `prepared` where the corpus was
    already read), and the probes' for the real events (the report is kept in `folder`, which the
    probes read)."""
    report = to_dict(pipeline.judge(prepared) if prepared else pipeline.compare([str(corpus.path)]))
    got = score_report(corpus, report)
    if corpus.real:
        path = folder / f"{corpus.name}.json"
        path.write_text(json.dumps(report), encoding="utf-8")
        rows = measures_probe().measures_of(corpus.gold, path)
        got["one_measure"] = (
            sum(1 for _f, ms in rows if ms and None not in ms and len(set(ms)) == 1),
            len(rows),
        )
        got["units"] = units_probe().items_of(corpus.gold, path)
    return got


def unit_shares(
    items: list[dict[str, Any]], model: embed.Embedder
) -> tuple[tuple[int, int], tuple[int, int]]:
    """(quotes, claims): how often a gold quote, and the report's claim that overlaps it most, find
    a mention of their own fact as the nearest text of another outlet of the same event
    (../shared/eval/units.py), embedded with `model`."""
    units = units_probe()
    quotes = np.asarray(model.encode([it["quote"] for it in items]))
    claims = np.asarray(model.encode([it["claim"] or "-" for it in items]))
    q_ok, q_all, _ = units.nearest_share(items, quotes, [True] * len(items))
    c_ok, c_all, _ = units.nearest_share(items, claims, [bool(it["claim"]) for it in items])
    return (q_ok, q_all), (c_ok, c_all)


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


COLUMNS = (
    "corpus",
    "score",
    "leave-one-event-out",
    "cross-source",
    "figures cross-source",
    "statements cross-source",
    "B-cubed F1",
    "one measure",
    "units: claims",
    "gold divergences",
    "diverge precision",
    "noise claims",
    "peer score",
    "peer cross-source",
)


def table(rows: list[dict[str, Any]], real_means: dict[str, str]) -> str:
    head = "| " + " | ".join(COLUMNS) + " |\n|---|" + "---:|" * (len(COLUMNS) - 1) + "\n"
    lines = []
    for r in rows:
        mine, peer = r["mine"], r.get("peer")
        cells = [
            r["name"],
            f"{mine['score']:.3f}",
            r.get("loeo", "–"),
            _ratio(mine["cross"]),
            _ratio(mine["figures_cross"]),
            _ratio(mine["statements_cross"]),
            f"{mine['b3']:.3f}",
            _ratio(mine["one_measure"]) if "one_measure" in mine else "–",
            r.get("units", "–"),
            _ratio(mine["divergences"]),
            _precision(mine["diverge_precision"]),
            str(mine["noise"]),
            f"{peer['score']:.3f}" if peer else "–",
            _ratio(peer["cross"]) if peer else "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    mean = "| " + " | ".join(real_means[c] for c in COLUMNS) + " |"
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
    prepared = {e.corpus.name: e.prepared for e in events}
    rows = []
    # Units are judged within one event, so the mean row's counts are the sums of the rows'.
    quote_counts, claim_counts = [0, 0], [0, 0]
    model = embed.embedder_for(embed.DEFAULT_MODEL)
    try:
        with tempfile.TemporaryDirectory() as folder:
            for corpus in real + scenario_corpora():
                mine = mineralcheck_figures(corpus, Path(folder), prepared.get(corpus.name))
                row: dict[str, Any] = {"name": corpus.name, "mine": mine}
                if corpus.real:
                    row["loeo"] = f"{loeo[corpus.name]['score']:.3f}"
                    quotes, claims = unit_shares(mine["units"], model)
                    row["units"] = f"{claims[0] / max(1, claims[1]):.2f}"
                    for counts, (ok, total) in ((quote_counts, quotes), (claim_counts, claims)):
                        counts[0] += ok
                        counts[1] += total
                if not args.no_peer:
                    row["peer"] = peer_figures(corpus)
                rows.append(row)
                print(f"scored {corpus.name}", file=sys.stderr)
    finally:
        model.close()

    def share(counts: list[int]) -> float:
        return counts[0] / counts[1]

    real_rows = [r for r in rows if r["name"] in {c.name for c in real}]
    precisions = [
        r["mine"]["diverge_precision"] for r in real_rows if r["mine"]["diverge_precision"] is not None
    ]
    real_means = {
        "corpus": "**mean of the real events**",
        "score": f"**{np.mean([r['mine']['score'] for r in real_rows]):.3f}**",
        "leave-one-event-out": f"**{np.mean([loeo[r['name']]['score'] for r in real_rows]):.3f}**",
        "cross-source": _sum(real_rows, "cross"),
        "figures cross-source": _sum(real_rows, "figures_cross"),
        "statements cross-source": _sum(real_rows, "statements_cross"),
        "B-cubed F1": f"{np.mean([r['mine']['b3'] for r in real_rows]):.3f}",
        "one measure": _sum(real_rows, "one_measure"),
        "units: claims": f"{share(claim_counts):.2f} (quotes {share(quote_counts):.2f})",
        "gold divergences": _sum(real_rows, "divergences"),
        "diverge precision": f"{np.mean(precisions):.2f}" if precisions else "–",
        "noise claims": str(sum(r["mine"]["noise"] for r in real_rows)),
        "peer score": f"{np.mean([r['peer']['score'] for r in real_rows]):.3f}" if not args.no_peer else "–",
        "peer cross-source": _sum(real_rows, "cross", "peer") if not args.no_peer else "–",
    }
    text = table(rows, real_means)
    print(text)
    if not args.no_peer:
        _write(text)
    return 0


def _write(text: str) -> None:
    doc = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
    if BEGIN in doc and END in doc:
        replace_block(OUT, (BEGIN, END), text)
    else:
        OUT.write_text(f"# Quality\n\n{BEGIN}\n{text}{END}\n", encoding="utf-8")
    doc = OUT.read_text(encoding="utf-8")
    # The README's headline figures are this table's, never typed in by hand.
    replace_block(README, (README_BEGIN, README_END), readme_block(doc))


README = OUT.parent.parent / "README.md"
README_BEGIN, README_END = "<!-- quality:begin: written by `make quality` -->", "<!-- quality:end -->"


def readme_block(quality_md: str) -> str:
    """The README's quality table: the mean row of bench/QUALITY.md, beside the naive peer (its
    columns read by name, so a column added to the table does not shift them)."""
    lines = quality_md.splitlines()
    head = next(line for line in lines if line.startswith("| corpus |"))
    mean = next(line for line in lines if line.startswith("| **mean of the real events**"))
    names = [c.strip() for c in head.strip().strip("|").split("|")]
    cell = dict(zip(names, (c.strip().strip("*") for c in mean.strip().strip("|").split("|")), strict=True))
    return (
        "| | mean score, real events | leave-one-event-out | cross-source facts | gold divergences found "
        "| diverge precision |\n|---|---:|---:|---:|---:|---:|\n"
        f"| mineralcheck | {cell['score']} | {cell['leave-one-event-out']} | {cell['cross-source']} "
        f"| {cell['gold divergences']} | {cell['diverge precision']} |\n"
        f"| naive peer | {cell['peer score']} | – | {cell['peer cross-source']} | – | – |\n"
    )


if __name__ == "__main__":
    sys.exit(main())
