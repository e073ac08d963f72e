"""Benchmark corpora of real sentences: real coverage, recombined and perturbed the way generate.py does.

The sentences come from real news, read at bench time and never copied into the repository: the seeds
(`seeds/`) and the development events (`../shared/eval/dev/*/`). Each real event (a folder) seeds many
invented events: every invented event takes one real event, gives its names new spellings (one
mapping per invented event, so its outlets agree on them) and is covered by 5 to 12 outlets. An
outlet copies the paragraphs of one real article of the event (dropping some, as wire clients do),
restates a few sentences of the event's other articles, adds a background sentence or two from
another event, and sometimes reports a figure differently (an update, a rounding). So, like real
coverage, wire copies repeat whole paragraphs, and outlets of one event agree and diverge on facts.

Deterministic (seeded): the same sources and size always give the same files.

    python bench/realtext.py OUT_DIR --articles 100 [--seed 7]
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEV = REPO.parent / "shared" / "eval" / "dev"

OUTLETS = (
    "Herald Gazette Courier Ledger Tribune Observer Dispatch Chronicle Post Record Sentinel Wire".split()
)
SYLLABLES = "ka ro ven mi tal sor eni ba lu dor an vik el mar tos ira pen go hal um res".split()
# Calendar words keep their spelling, so dates and weekdays still resolve.
CALENDAR = frozenset(list(calendar.month_name[1:]) + list(calendar.month_abbr[1:]) + list(calendar.day_name))
NAME = re.compile(r"(?<=[a-z,;:’'\"“(] )[A-Z][a-z]{2,}\b")
"""A capitalised word after a lower-case word or punctuation: a name, not a sentence start."""
FIGURE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w.])")
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


@dataclass(frozen=True)
class Event:
    """One real event: the paragraphs of each of its articles."""

    name: str
    articles: tuple[tuple[str, ...], ...]

    def sentences(self) -> list[str]:
        return [s for article in self.articles for p in article for s in SENTENCE_END.split(p) if s]


def read_article(path: Path) -> tuple[str, ...]:
    """The paragraphs of a stored article: no `Source:` line, no `[...]` marker, no blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(
        line.strip()
        for line in lines
        if line.strip() and not line.startswith("Source: ") and line.strip() != "[...]"
    )


def real_events(seeds: Path = REPO / "seeds", dev: Path = DEV) -> list[Event]:
    """The seeds as one event, and each folder of the development set as one."""
    folders = [seeds, *sorted(p for p in dev.iterdir() if p.is_dir())] if dev.is_dir() else [seeds]
    events = []
    for folder in folders:
        articles = tuple(read_article(p) for p in sorted(folder.glob("*.txt")))
        if articles:
            events.append(Event(folder.name, articles))
    if len(events) < 2:
        raise SystemExit(f"need the seeds and the development events in {dev}; found {len(events)} event(s)")
    return events


def pseudo_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def rename(text: str, names: dict[str, str], rng: random.Random) -> str:
    """Names get the invented event's spelling (new names are invented on first sight)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in CALENDAR:
            return word
        if word not in names:
            names[word] = pseudo_name(rng)
        return names[word]

    return NAME.sub(swap, text)


def perturb(text: str, rng: random.Random, rate: float) -> str:
    """Each figure (not a year) is, with probability `rate`, revised by 5-30% or rounded."""

    def change(match: re.Match[str]) -> str:
        raw = match.group(0)
        value = float(raw.replace(",", ""))
        if rng.random() >= rate or (1900 <= value <= 2100 and "." not in raw) or value < 10:
            return raw
        if rng.random() < 0.3 and value >= 100:
            new = round(value, -1)
        else:
            new = value + rng.choice([-1, 1]) * max(1.0, round(value * rng.uniform(0.05, 0.3)))
        if "." in raw:
            return f"{new:.{len(raw.split('.')[1])}f}"
        return f"{int(new):,}" if "," in raw else str(int(new))

    return FIGURE.sub(change, text)


def write_article(
    rng: random.Random,
    event: Event,
    base: tuple[str, ...],
    names: dict[str, str],
    others: list[Event],
    outlet: str,
) -> str:
    paragraphs = [base[0], *(p for p in base[1:] if rng.random() < 0.85)]
    restated = rng.sample(event.sentences(), k=min(len(event.sentences()), rng.randint(2, 4)))
    background = [rng.choice(rng.choice(others).sentences()) for _ in range(rng.randint(1, 2))]
    for sentence in restated + background:
        paragraphs.insert(rng.randint(1, len(paragraphs)), sentence)
    rate = rng.choice([0.0, 0.05, 0.15])  # most outlets copy figures as they are
    body = [perturb(rename(p, names, rng), rng, rate) for p in paragraphs]
    headline = SENTENCE_END.split(body[0])[0].rstrip(".")
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    dateline = f"{pseudo_name(rng).upper()}, {calendar.month_name[month]} {day}, 2025 ({outlet}) -"
    byline = f"By {pseudo_name(rng)} {pseudo_name(rng)}"
    return "\n\n".join([headline, byline, f"{dateline} {body[0]}", *body[1:]]) + "\n"


def generate(out: Path, articles: int, seed: int = 7, events: list[Event] | None = None) -> list[Path]:
    """Write `articles` articles into `out` (5 to 12 outlets per invented event); returns the files."""
    rng = random.Random(seed)
    pool = events if events is not None else real_events()
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    number = 0
    while len(files) < articles:
        event = rng.choice(pool)
        others = [e for e in pool if e is not event]
        names: dict[str, str] = {}
        outlets = rng.sample(OUTLETS, k=min(rng.randint(5, 12), articles - len(files)))
        # Each real article is copied by one outlet before any is copied by a second.
        bases = rng.sample(event.articles, k=len(event.articles)) * len(OUTLETS)
        for outlet, base in zip(outlets, bases, strict=False):
            file = out / f"{number:04d}_{event.name[:12]}_{outlet.lower()}.txt"
            file.write_text(write_article(rng, event, base, names, others, outlet), encoding="utf-8")
            files.append(file)
        number += 1
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = generate(args.out, args.articles, args.seed)
    print(f"wrote {len(files)} articles to {args.out}")


if __name__ == "__main__":
    main()
