#!/usr/bin/env python3
"""Verify the gold files of the development corpora.

For every tests/corpora/<case>/gold.yaml (or the gold files given as
arguments): each quote of each fact mention and noise entry must be an exact
substring of its source file (<corpus>/<source>.txt|.md|.html).  Also checks
verdict values and duplicate ids, and warns (without failing) about quotes
outside 20-120 characters and about fact quotes of one source that overlap
each other or a noise quote (one claim can only sit in one cluster).

Exit status 1 when any quote is missing or the file is malformed.
Usage: python tests/corpora/check_gold.py [GOLD.yaml ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
EXTS = {".txt", ".md", ".html", ".htm"}
VERDICTS = {"agree", "diverge", "single"}


def spans(text: str, quote: str) -> list[tuple[int, int]]:
    out, i = [], text.find(quote)
    while i >= 0:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out


def check(gold_path: Path) -> tuple[list[str], list[str], int]:
    errors: list[str] = []
    warnings: list[str] = []
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    corpus = (gold_path.parent / gold.get("corpus", ".")).resolve()
    texts = {
        p.stem: p.read_text(encoding="utf-8")
        for p in sorted(corpus.iterdir())
        if p.is_file() and p.suffix in EXTS
    }
    used: dict[str, list[tuple[int, int, str]]] = {}

    def mention(m: dict, where: str, record: bool) -> None:
        src = m.get("source")
        if src not in texts:
            errors.append(f"{where}: unknown source {src!r}")
            return
        quotes = m["quote"] if isinstance(m["quote"], list) else [m["quote"]]
        for q in quotes:
            found = spans(texts[src], q)
            if not found:
                errors.append(f"{where}: quote not found in {src}: {q!r}")
                continue
            if not 20 <= len(q) <= 120 and record:
                warnings.append(f"{where}: quote is {len(q)} chars: {q!r}")
            for s, e in found:
                for s2, e2, other in used.get(src, []):
                    if s < e2 and s2 < e and other != where:
                        warnings.append(f"{where}: quote overlaps {other} in {src}: {q[:50]!r}")
                used.setdefault(src, []).append((s, e, where))

    facts = gold.get("facts") or []
    ids = [f.get("id") for f in facts]
    for dup in {i for i in ids if ids.count(i) > 1}:
        errors.append(f"duplicate fact id {dup}")
    for f in facts:
        v = f.get("verdict")
        vs = set(v) if isinstance(v, list) else {v}
        if not vs <= VERDICTS:
            errors.append(f"{f.get('id')}: bad verdict {v!r}")
        ms = f.get("mentions") or []
        if not ms:
            errors.append(f"{f.get('id')}: no mentions")
        required = {m["source"] for m in ms if not m.get("optional")}
        if vs == {"single"} and len({m["source"] for m in ms}) != 1:
            errors.append(f"{f.get('id')}: verdict single but several sources")
        if "single" not in vs and len(required) < 2:
            warnings.append(f"{f.get('id')}: verdict {v} but fewer than two required sources")
        for m in ms:
            mention(m, f.get("id"), True)
    for k, m in enumerate(gold.get("noise") or []):
        mention(m, f"noise[{k}]", False)
    return errors, warnings, len(facts)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(HERE.glob("*/gold.yaml"))
    bad = False
    for p in paths:
        errors, warnings, n = check(p)
        status = "OK" if not errors else "FAIL"
        print(f"{status} {p.parent.name}: {n} facts, {len(errors)} errors, {len(warnings)} warnings")
        for w in warnings:
            print(f"  warning: {w}")
        for e in errors:
            print(f"  error: {e}")
        bad |= bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
