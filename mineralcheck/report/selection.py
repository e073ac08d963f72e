"""Which facts a report shows (`--only`, `--min-sources`, `--singles`) and whether a compare run
fails (`--fail-on diverge`): the same for every format, decided before anything is rendered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mineralcheck.errors import ExitCode
from mineralcheck.models import Fact, KeyFigure, Report, Verdict

CompareFailOn = Literal["never", "diverge"]
"""What makes `compare` exit 1: nothing, or a divergence among the facts the report shows."""


@dataclass(frozen=True)
class Selection:
    """What the reader asked to see. The default shows every fact, single-source ones folded."""

    only: Verdict | None = None
    """Show only the facts with this verdict."""
    min_sources: int = 1
    """Show only the facts (and key figures) that at least this many sources state."""
    singles: bool = False
    """List the single-source facts one by one (terminal, markdown) instead of only counting them."""

    def keeps(self, fact: Fact) -> bool:
        """Whether the report shows `fact`."""
        if self.only is not None and fact.verdict != self.only:
            return False
        return len(fact.cluster.sources) >= self.min_sources

    @property
    def filtered(self) -> bool:
        """Some facts may be left out: the report says so, and the JSON lists only those shown."""
        return self.only is not None or self.min_sources > 1

    @property
    def lists_singles(self) -> bool:
        """Single-source facts are listed, not only counted: asked for, or the only thing asked for."""
        return self.singles or self.only == "single"

    def describe(self) -> str:
        """ "only diverge, at least 2 sources": what the filters keep, for the report's summary."""
        parts = []
        if self.only is not None:
            parts.append(f"only {self.only}")
        if self.min_sources > 1:
            parts.append(f"at least {self.min_sources} sources")
        return ", ".join(parts)


EVERYTHING = Selection()


def shown(report: Report, selection: Selection = EVERYTHING) -> tuple[Fact, ...]:
    """The facts the report shows, in the report's order."""
    return tuple(f for f in report.facts if selection.keeps(f))


def shown_key_figures(report: Report, selection: Selection = EVERYTHING) -> tuple[KeyFigure, ...]:
    """The key figures the report shows: none under --only (the table is about every verdict),
    else those that at least --min-sources sources give a figure for."""
    if selection.only is not None:
        return ()
    return tuple(k for k in report.key_figures if len(k.sources) >= selection.min_sources)


def exit_code(report: Report, selection: Selection, fail_on: CompareFailOn = "never") -> ExitCode:
    """FAILED when `fail_on` is "diverge" and the report shows a divergence; else OK."""
    if fail_on == "diverge" and any(f.verdict == "diverge" for f in shown(report, selection)):
        return ExitCode.FAILED
    return ExitCode.OK


__all__ = ["EVERYTHING", "CompareFailOn", "Selection", "exit_code", "shown"]
