"""The README's sample output: the head of a real `mineralcheck compare seeds/` report.

tests/test_readme.py compares it with a fresh run, and `make readme` rewrites it, so the README can
never show output that mineralcheck no longer prints. The sample is the report's head (summary, model,
sources table): short, and it changes only when the reading of the seeds does.
"""

from __future__ import annotations

import re

from mineralcheck.models import Report
from mineralcheck.report.terminal import TerminalRenderer

MARKER = "<!-- sample: the head of `mineralcheck compare seeds/`, checked by tests/test_readme.py -->"
BLOCK = re.compile(re.escape(MARKER) + r"\n```console\n(.*?)```\n", re.DOTALL)
COMMAND = "$ mineralcheck compare seeds/"


def sample(report: Report) -> str:
    """The console block: the command, then the report down to the end of its sources table."""
    lines = [line.rstrip() for line in TerminalRenderer().render(report).splitlines()]
    end = lines.index("")  # the blank line that ends the sources table
    return "\n".join([COMMAND, *lines[:end], "..."]) + "\n"


CHECK_COMMAND = "$ mineralcheck check                       # paths default to `sources:` of claims.yaml\n"
CHECK_BLOCK = re.compile(r"```console\n" + re.escape(CHECK_COMMAND) + r"(.*?)```\n", re.DOTALL)
EDIT = ("seeds/002_5cb4e665f289d482.txt", "processes more than 90%", "processes more than 60%")
"""The edit the README's `check` example shows: one outlet's figure changed."""


def rewrite_check_example(readme: str, output: str) -> str:
    """The README with the output of its `check` example replaced by `output`."""
    if CHECK_BLOCK.search(readme) is None:
        raise ValueError("README.md lost its `mineralcheck check` example")
    return CHECK_BLOCK.sub(lambda _: f"```console\n{CHECK_COMMAND}{output}```\n", readme, count=1)


def current(readme: str) -> str | None:
    """The sample block as the README has it now (None when the marker is missing)."""
    found = BLOCK.search(readme)
    return found.group(1) if found else None


def rewrite(readme: str, block: str) -> str:
    """The README with its sample block replaced by `block`."""
    if BLOCK.search(readme) is None:
        raise ValueError(f"README.md lacks the sample marker: {MARKER}")
    return BLOCK.sub(lambda _: f"{MARKER}\n```console\n{block}```\n", readme, count=1)
