"""`make bench`: time mineralcheck cold and warm on synthetic corpora and the seeds, next to the floors.

For each size (BENCH_SIZES, default "10,100,1000" articles) it generates a corpus (bench/generate.py,
deterministic), runs `mineralcheck compare` with an empty cache (cold) and again with that cache
(warm), and encodes the same unique claim texts with the bare model (the floor). For the seeds it
also runs the obvious peer (../shared/eval/peer.py, or $BENCH_PEER) in the same session. Wall time,
claims per second and the peak memory of the whole process tree (the model process included) are
printed as a Markdown table, then the targets of issue 5 with pass/fail.

    python bench/run.py [--update-readme]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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

from generate import generate  # noqa: E402

MINERALCHECK = [sys.executable, "-m", "mineralcheck"]
PAGE = os.sysconf("SC_PAGE_SIZE")


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


def run_corpus(name: str, corpus: Path, articles: int, env: dict[str, str], peer: Path | None) -> Row:
    row = Row(name, articles)
    with tempfile.TemporaryDirectory(prefix="mineralcheck-bench-") as tmp:
        run_env = {**env, "MINERALCHECK_CACHE_DIR": str(Path(tmp) / "cache")}
        report = Path(tmp) / "report.json"
        command = [*MINERALCHECK, "compare", str(corpus), "--format", "json", "-o", str(report), "--quiet"]
        print(f"{name}: cold ...", file=sys.stderr, flush=True)
        row.cold = measure(command, run_env)
        if row.cold.returncode != 0 or not report.exists():
            row.failed = True
            return row
        cold_report = report.read_text(encoding="utf-8")
        print(f"{name}: warm ...", file=sys.stderr, flush=True)
        row.warm = measure(command, run_env)
        if report.read_text(encoding="utf-8") != cold_report:
            print(f"  ! {name}: the warm report differs from the cold one", file=sys.stderr)
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
        "| corpus | articles | claims (unique texts) | cold s | cold claims/s | cold peak MB "
        "| warm s | warm peak MB | floor s (import+load / encode) | cold overhead vs floor | peer s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r.failed or r.cold is None or r.warm is None or r.floor is None:
            lines.append(f"| {r.corpus} | {r.articles} | mineralcheck failed, see stderr | | | | | | | | |")
            continue
        parts = r.floor_parts
        floor = (
            f"{r.floor.seconds:.1f} ({parts.get('import_load', 0):.1f} / {parts.get('encode', 0):.1f})"
            if parts
            else "failed"
        )
        overhead = f"{(r.cold.seconds / r.floor.seconds - 1) * 100:+.0f}%" if parts else "-"
        peer = f"{r.peer.seconds:.1f}" if r.peer is not None else "-"
        lines.append(
            f"| {r.corpus} | {r.articles} | {r.claims} ({r.texts}) | {r.cold.seconds:.1f} "
            f"| {r.claims / r.cold.seconds:.0f} | {r.cold.peak_mb:.0f} | {r.warm.seconds:.2f} "
            f"| {r.warm.peak_mb:.0f} | {floor} | {overhead} | {peer} |"
        )
    return "\n".join(lines)


def targets(rows: list[Row]) -> str:
    by = {r.corpus: r for r in rows if not r.failed}
    checks: list[tuple[str, bool, str]] = []
    seeds = by.get("seeds")
    if seeds and seeds.cold and seeds.warm:
        if seeds.peer is not None and seeds.peer.returncode == 0:
            share = seeds.cold.seconds / seeds.peer.seconds
            checks.append(
                ("seeds cold <= 60% of peer", share <= 0.6, f"{share:.0%} of {seeds.peer.seconds:.1f} s")
            )
        checks.append(("seeds warm < 1.5 s", seeds.warm.seconds < 1.5, f"{seeds.warm.seconds:.2f} s"))
    big, mid = by.get("synthetic-1000"), by.get("synthetic-100")
    if big and big.cold and big.warm and big.floor:
        checks.append(("1,000 cold < 180 s", big.cold.seconds < 180, f"{big.cold.seconds:.0f} s"))
        checks.append(("1,000 cold peak < 2 GB", big.cold.peak_mb < 2048, f"{big.cold.peak_mb:.0f} MB"))
        checks.append(("1,000 warm < 20 s", big.warm.seconds < 20, f"{big.warm.seconds:.1f} s"))
        over = big.cold.seconds / big.floor.seconds - 1
        checks.append(("1,000 cold overhead vs floor <= 30%", over <= 0.3, f"{over:+.0%}"))
        if mid and mid.cold:
            ratio = big.cold.seconds / mid.cold.seconds
            checks.append(("time(1,000) / time(100) <= 12 (cold)", ratio <= 12, f"{ratio:.1f}"))
    return "\n".join(f"- [{'x' if ok else ' '}] {name}: {value}" for name, ok, value in checks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--update-readme", action="store_true", help="Write the results into bench/README.md."
    )
    args = parser.parse_args()
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10,100,1000").split(",") if s.strip()]
    peer_env = os.environ.get("BENCH_PEER")
    peer = Path(peer_env) if peer_env else REPO.parent / "shared" / "eval" / "peer.py"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    rows = []
    if (REPO / "seeds").is_dir():
        rows.append(run_corpus("seeds", REPO / "seeds", 5, env, peer if peer.exists() else None))
    for size in sizes:
        corpus = BENCH / ".corpora" / f"n{size}"
        if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != size:
            generate(corpus, size)
        rows.append(run_corpus(f"synthetic-{size}", corpus, size, env, None))
    result = f"Machine: {machine()}\n\n{table(rows)}\n\nTargets:\n{targets(rows)}\n"
    print(result)
    if args.update_readme:
        readme = BENCH / "README.md"
        text = readme.read_text(encoding="utf-8")
        begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1]
        readme.write_text(f"{head}{begin}\n{result}{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
