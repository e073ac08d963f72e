"""The command line's stdin, stdout and stderr, whatever they turn out to be, and the signals that end a run.

stdout may be closed (`>&-`), on a full disk, or a pipe whose reader left (`| head`); stderr may be
closed or full too; the terminal may not speak UTF-8. None of these is a bug, so none may end in a
traceback or in exit 1 (which CI reads as "an expectation failed"). SIGTERM and SIGHUP (a cancelled
CI job, a closed terminal) unwind like Ctrl-C, so temporary files are removed. Progress and warnings
go to stderr, so that stdout stays a clean report.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from types import FrameType, TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from mineralcheck.cache.store import warn_once
from mineralcheck.display import inert, inert_line
from mineralcheck.errors import OutputError
from mineralcheck.files.writing import cannot_write
from mineralcheck.models import Report


class ReportConsole(Console):
    """rich's Console, but a closed pipe raises BrokenPipeError like any other write: rich's own
    reaction is exit 1, which CI reads as "an expectation failed"."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def check_stdout() -> None:
    """Before the run: a report meant for stdout needs one (`>&-` closes it)."""
    if sys.stdout is None or getattr(sys.stdout, "buffer", None) is None:
        raise OutputError(
            "Cannot write the report to stdout: it is closed", tip="write it to a file with -o FILE"
        )


def print_to_stdout(print_report: Callable[[Console], None], width: int | None = None) -> None:
    """A rich report on stdout; a failed write (a full disk) is an output error, not a crash."""
    # What the terminal's encoding cannot show is written as an escape, not a UnicodeEncodeError.
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    console = ReportConsole()  # detects terminal, colour support and NO_COLOR
    if width is not None:
        console.width = min(console.width, width)  # wide panels read worse, not better
    try:
        print_report(console)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise cannot_write("stdout", error, what="the report to") from error


@contextlib.contextmanager
def reader_may_leave(*, stdout: bool = True) -> Iterator[None]:
    """A report whose reader went away (`| head`, `| true`): not an error, and the exit code stays
    the run's own (computed before rendering), never 1. `stdout`: the pipe may be stdout, which is
    then pointed at devnull so the interpreter's last flush cannot fail again."""
    try:
        yield
    except BrokenPipeError:
        if stdout:
            silence_stdout()


def say(line: str) -> None:
    """One line on stderr. Plain print, not rich: an error line must not be re-wrapped or read as
    markup. Inert: a file name with an escape sequence must not drive the terminal."""
    if sys.stderr is None:  # `2>&-`; print(file=None) would write into the report on stdout
        return
    with contextlib.suppress(OSError, ValueError):  # stderr full or closed: nothing more can be said
        print(inert(line), file=sys.stderr, flush=True)


def print_traceback(error: BaseException) -> None:
    if sys.stderr is not None:
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)


def silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's final flush does not fail again (exit 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a cancelled CI job, a closed terminal), unwound like Ctrl-C: temporary
    files are removed and no half-written report or cache entry stays behind."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signal.Signals(signum).name)


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP raise Terminated in the main thread, as Ctrl-C raises KeyboardInterrupt."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)


# --- progress and warnings on stderr ------------------------------------------------------------


class ProgressDisplay:
    """Context manager yielding a pipeline progress callback: a rich display on stderr, or None.

    Shown only when stderr is a terminal and not --quiet, so logs and CI output stay clean.
    """

    def __init__(self, console: Console, *, enabled: bool) -> None:
        self._display: Progress | None = None
        if enabled and console.is_terminal:
            self._display = Progress(
                SpinnerColumn(),
                TextColumn("{task.description:<11}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> Callable[[str, int, int], None] | None:
        if self._display is None:
            return None
        self._display.start()
        return self._update

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._display is not None:
            self._display.stop()

    def _update(self, stage: str, done: int, total: int) -> None:
        assert self._display is not None
        total_or_unknown = total if total > 0 else None
        if stage not in self._tasks:
            self._tasks[stage] = self._display.add_task(stage, total=total_or_unknown)
        self._display.update(self._tasks[stage], completed=done, total=total_or_unknown)


def warner() -> Callable[[str], None]:
    """The warn callback of one run: each warning once (two caches can share one problem)."""
    return warn_once(warn)


def warn(line: str) -> None:
    """A problem that did not stop the run (e.g. a corrupt cache entry that was rebuilt)."""
    say(f"warning: {line}")


def warn_unused_inputs(report: Report) -> None:
    """Name every skipped or duplicate input on stderr, even with --quiet: the report covers fewer
    sources than were given, and a CI log should say so where it is read, not only in the report.
    A run left with a single article says that nothing could be cross-checked."""
    for skipped in report.skipped:
        say(f"warning: skipped {inert_line(skipped.path)}: {skipped.reason}")
    for path, original in report.duplicates:
        copy, of = inert_line(path), inert_line(original)
        say(f"warning: {copy} repeats the text of {of}; counted once as a source")
    if len(report.articles) == 1:
        # A run on one article succeeds and reports every fact as single: say why before anyone
        # reads that as "no source confirms anything".
        only = inert_line(report.articles[0].path)
        say(
            f"warning: only one article was read ({only}): nothing can be cross-checked, so every fact "
            "is single-source; give two or more articles about the same event"
        )
