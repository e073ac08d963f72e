"""`make bench`: time mineralcheck cold and warm on real-text and synthetic corpora and the seeds.

For each size (BENCH_SIZES, default "10,100,1000" articles) and kind (BENCH_KINDS, default
"real,synthetic") it builds a corpus (bench/realtext.py: real sentences from the seeds and
../shared/eval/dev, recombined and perturbed; bench/generate.py: invented templates), runs
`mineralcheck compare` with an empty cache (cold) and again with that cache (warm), and encodes the
same distinct claim texts with the bare model (the floor). For the seeds it also runs the obvious
peer (../shared/eval/peer.py, or $BENCH_PEER) in the same session. It checks that the warm report,
a --no-cache report (small corpora) and the report through sentence-transformers instead of ONNX
(seeds, real 10 and 100) are byte-identical to the cold one. Wall time, claims per second and the
peak memory of the whole process tree are printed as a Markdown table, then the targets of
issue 10 with pass/fail.

    python bench/run.py [--update-readme]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import realtext  # noqa: E402
from blocks import replace_block  # noqa: E402

MINERALCHECK = [sys.executable, "-m", "mineralcheck"]
PAGE = os.sysconf("SC_PAGE_SIZE")
TORCH_CHECK_MAX = 100
"""Largest corpus whose report is also computed through sentence-transformers (minutes beyond)."""
NO_CACHE_CHECK_MAX = 10
"""Largest corpus also run with --no-cache (a third cold run)."""


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str = ""


@dataclass
class Row:
    corpus: str
    articles: int
    claims: int = 0
    texts: int = 0
    cold: Measure | None = None
    warm: Measure | None = None
    floor: Measure | None = None
    floor_parts: dict[str, float] = field(default_factory=dict)
    peer: Measure | None = None
    same: dict[str, bool] = field(default_factory=dict)
    """Report checks against the cold one: "warm", "no-cache", "torch" -> byte-identical or not."""
    load: float = 0.0
    """1-minute load average just before the cold run (the machine is shared)."""
    failed: bool = False


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (read from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * PAGE
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss.get(pid, 0) for pid in tree)


def measure(command: list[str], env: dict[str, str]) -> Measure:
    """Run a command; wall time and peak resident memory of its process tree (sampled every 50 ms)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(process.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode != 0:
        print(
            f"  ! {' '.join(command[:6])} ... exited {process.returncode}: {stderr[-800:]}", file=sys.stderr
        )
    return Measure(seconds, peak / 2**20, process.returncode, stdout)


def _same_report(
    row: Row, check: str, command: list[str], env: dict[str, str], report: Path, cold: str
) -> None:
    print(f"{row.corpus}: {check} report ...", file=sys.stderr, flush=True)
    report.unlink(missing_ok=True)
    result = measure(command, env)
    row.same[check] = result.returncode == 0 and report.exists() and report.read_text("utf-8") == cold
    if not row.same[check]:
        print(f"  ! {row.corpus}: the {check} report differs from the cold one", file=sys.stderr)


def run_corpus(name: str, corpus: Path, articles: int, env: dict[str, str], peer: Path | None) -> Row:
    row = Row(name, articles)
    with tempfile.TemporaryDirectory(prefix="mineralcheck-bench-") as tmp:
        cache = Path(tmp) / "cache"
        run_env = {**env, "MINERALCHECK_CACHE_DIR": str(cache)}
        report = Path(tmp) / "report.json"
        command = [*MINERALCHECK, "compare", str(corpus), "--format", "json", "-o", str(report), "--quiet"]
        print(f"{name}: cold ...", file=sys.stderr, flush=True)
        row.load = os.getloadavg()[0]
        row.cold = measure(command, run_env)
        if row.cold.returncode != 0 or not report.exists():
            row.failed = True
            return row
        cold_report = report.read_text(encoding="utf-8")
        print(f"{name}: warm ...", file=sys.stderr, flush=True)
        row.warm = measure(command, run_env)
        row.same["warm"] = report.read_text(encoding="utf-8") == cold_report
        if articles <= NO_CACHE_CHECK_MAX:
            _same_report(row, "no-cache", [*command, "--no-cache"], run_env, report, cold_report)
        if articles <= TORCH_CHECK_MAX:
            torch_command = [
                sys.executable,
                str(BENCH / "torch_report.py"),
                str(corpus),
                str(cache),
                str(report),
            ]
            _same_report(row, "torch", torch_command, run_env, report, cold_report)
        data = json.loads(cold_report)
        texts = sorted({c["text"] for fact in data["clusters"] for c in fact["claims"]})
        row.claims = sum(len(fact["claims"]) for fact in data["clusters"])
        row.texts = len(texts)
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        print(f"{name}: floor ...", file=sys.stderr, flush=True)
        row.floor = measure([sys.executable, str(BENCH / "encode_floor.py"), str(texts_file)], env)
        if row.floor.returncode == 0:
            row.floor_parts = json.loads(row.floor.stdout.strip().splitlines()[-1])
        if peer is not None:
            print(f"{name}: peer ...", file=sys.stderr, flush=True)
            row.peer = measure([sys.executable, str(peer), str(corpus)], env)
    return row


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as file:
            cpu = next(line.split(":", 1)[1].strip() for line in file if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PHYS_PAGES") * PAGE / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average at the end: {load}"
    )


def table(rows: list[Row]) -> str:
    lines = [
        "| corpus | articles | claims (distinct texts) | cold s | cold claims/s | cold peak MB "
        "| warm s | warm peak MB | floor s (import+load / encode) | cold over floor | peer s "
        "| same report as cold | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        if r.failed or r.cold is None or r.warm is None or r.floor is None:
            lines.append(
                f"| {r.corpus} | {r.articles} | mineralcheck failed, see stderr | | | | | | | | | | |"
            )
            continue
        parts = r.floor_parts
        floor = (
            f"{r.floor.seconds:.1f} ({parts.get('import_load', 0):.1f} / {parts.get('encode', 0):.1f})"
            if parts
            else "failed"
        )
        overhead = f"{(r.cold.seconds / r.floor.seconds - 1) * 100:+.0f}%" if parts else "-"
        peer = f"{r.peer.seconds:.1f}" if r.peer is not None else "-"
        same = ", ".join(f"{check} {'yes' if ok else 'NO'}" for check, ok in r.same.items())
        lines.append(
            f"| {r.corpus} | {r.articles} | {r.claims} ({r.texts}) | {r.cold.seconds:.1f} "
            f"| {r.claims / r.cold.seconds:.0f} | {r.cold.peak_mb:.0f} | {r.warm.seconds:.2f} "
            f"| {r.warm.peak_mb:.0f} | {floor} | {overhead} | {peer} | {same} | {r.load:.1f} |"
        )
    return "\n".join(lines)


def targets(rows: list[Row]) -> str:
    by = {r.corpus: r for r in rows if not r.failed}
    checks: list[tuple[str, bool, str]] = []
    seeds = by.get("seeds")
    if seeds and seeds.cold and seeds.warm and seeds.peer is not None and seeds.peer.returncode == 0:
        cold, warm = seeds.cold.seconds / seeds.peer.seconds, seeds.warm.seconds / seeds.peer.seconds
        peer = f"of the peer's {seeds.peer.seconds:.1f} s"
        checks.append(
            ("seeds cold <= 0.35x the peer", cold <= 0.35, f"{cold:.2f}x ({seeds.cold.seconds:.1f} s {peer})")
        )
        checks.append(
            ("seeds warm <= 0.1x the peer", warm <= 0.1, f"{warm:.2f}x ({seeds.warm.seconds:.2f} s)")
        )
    big, mid = by.get("real-1000"), by.get("real-100")
    if big and big.cold and big.floor and big.floor.returncode == 0:
        over = big.cold.seconds / big.floor.seconds - 1
        checks.append(("real 1,000 cold over the encoding floor <= 40%", over <= 0.4, f"{over:+.0%}"))
        if mid and mid.cold:
            ratio = big.cold.seconds / mid.cold.seconds
            checks.append(("real time(1,000) / time(100) <= 11 (cold)", ratio <= 11, f"{ratio:.1f}"))
        checks.append(
            ("real 1,000 cold peak <= 1.5 GB", big.cold.peak_mb <= 1536, f"{big.cold.peak_mb:.0f} MB")
        )
    same = [(r.corpus, check) for r in rows for check, ok in r.same.items() if not ok]
    compared = sum(len(r.same) for r in rows)
    if compared:
        checks.append(
            (
                "identical reports with and without the cache, and through ONNX and sentence-transformers",
                not same,
                f"{compared - len(same)} of {compared} comparisons identical"
                + (f"; differ: {', '.join(f'{c} {k}' for c, k in same)}" if same else ""),
            )
        )
    return "\n".join(f"- [{'x' if ok else ' '}] {name}: {value}" for name, ok, value in checks)


def corpus_for(kind: str, size: int) -> Path:
    """The corpus of a kind and size, built afresh for real text (its sources may have changed)."""
    if kind == "real":
        corpus = BENCH / ".corpora" / f"real-n{size}"
        shutil.rmtree(corpus, ignore_errors=True)
        realtext.generate(corpus, size)
        return corpus
    corpus = BENCH / ".corpora" / f"n{size}"
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != size:
        generate.generate(corpus, size)
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--update-readme", action="store_true", help="Write the results into bench/README.md."
    )
    args = parser.parse_args()
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10,100,1000").split(",") if s.strip()]
    kinds = [k for k in os.environ.get("BENCH_KINDS", "real,synthetic").split(",") if k.strip()]
    peer_env = os.environ.get("BENCH_PEER")
    peer = Path(peer_env) if peer_env else REPO.parent / "shared" / "eval" / "peer.py"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    # The exported graph is installed state, not cache: make sure it exists before timing cold runs.
    subprocess.run([sys.executable, "-m", "mineralcheck.match.onnx_export"], check=True, env=env)
    rows = []
    if (REPO / "seeds").is_dir():
        rows.append(run_corpus("seeds", REPO / "seeds", 5, env, peer if peer.exists() else None))
    for kind in kinds:
        for size in sizes:
            label = f"{kind}-{size}" if kind == "real" else f"synthetic-{size}"
            rows.append(run_corpus(label, corpus_for(kind, size), size, env, None))
    result = f"Machine: {machine()}\n\n{table(rows)}\n\nTargets:\n{targets(rows)}\n"
    print(result)
    if args.update_readme:
        replace_block(BENCH / "README.md", BENCH_BLOCK, result)
        # The project README's speed figures are this run's, never typed in by hand.
        replace_block(REPO / "README.md", SPEED_BLOCK, speed_block(result))


BENCH_BLOCK = ("<!-- bench:begin -->", "<!-- bench:end -->")
SPEED_BLOCK = ("<!-- speed:begin: written by `make bench` -->", "<!-- speed:end -->")


def speed_block(result: str) -> str:
    """The README's speed figures, from the result of a run as bench/README.md records it: the
    machine, then the seeds, 100 and 1,000 real-text articles, first run (empty cache) and rerun."""
    machine_line = result.splitlines()[0].removeprefix("Machine: ")
    rows = {}
    for line in result.split("Targets:", 1)[0].splitlines():  # this run's table, not the older ones
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 13 and cells[0] in ("seeds", "real-100", "real-1000"):
            rows[cells[0]] = cells
    out = [
        f"Measured by `make bench` on {machine_line}.",
        "",
        "| run | first run (empty cache) | rerun |",
        "|---|---|---|",
    ]
    if "seeds" in rows:
        seeds = rows["seeds"]
        peer = (
            f" (the peer script that only embeds sentences with torch: {seeds[10]} s)"
            if seeds[10] != "-"
            else ""
        )
        out.append(f"| `mineralcheck compare seeds/` (5 articles) | {seeds[3]} s{peer} | {seeds[6]} s |")
    for name, label in (("real-100", "100"), ("real-1000", "1,000")):
        if name in rows:
            row = rows[name]
            claims = int(row[2].split()[0])
            out.append(
                f"| {label} articles of real news sentences ({claims:,} claims) | {row[3]} s, peak memory "
                f"{row[5]} MB | {row[6]} s |"
            )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
