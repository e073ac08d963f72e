"""The command line's stdin, stdout and stderr, whatever they turn out to be, and the signals that end a run.

stdout may be closed (`>&-`), on a full disk, or a pipe whose reader left (`| head`); stderr may be
closed or full too; the terminal may not speak UTF-8. None of these is a bug, so none may end in a
traceback or in exit 1 (which CI reads as "an expectation failed"). SIGTERM and SIGHUP (a cancelled
CI job, a closed terminal) unwind like Ctrl-C, so temporary files are removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from types import FrameType

from rich.console import Console

from mineralcheck.display import inert
from mineralcheck.errors import OutputError
from mineralcheck.output import cannot_write


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
