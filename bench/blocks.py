"""Blocks of generated text between two markers in a markdown file: the README's speed and quality
figures, bench/README.md's last run, bench/QUALITY.md's table. Scripts write them; tests read them."""

from __future__ import annotations

from pathlib import Path


def current_block(text: str, markers: tuple[str, str]) -> str:
    """What a text holds between the markers."""
    begin, end = markers
    return text.split(begin, 1)[1].split(end, 1)[0].removeprefix("\n")


def replace_block(path: Path, markers: tuple[str, str], body: str) -> None:
    """Write `body` between the markers of the file at `path`, the rest as it was."""
    begin, end = markers
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    path.write_text(f"{head}{begin}\n{body}{end}{tail}", encoding="utf-8")
