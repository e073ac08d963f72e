"""The command line: typer glue only. Options -> one library call -> render -> exit code.

Every command follows the same pattern, so a new one (`check`, `init`) can copy `compare`:

    @app.command(epilog=EXIT_CODES)
    def check(..., debug: DebugOption = False) -> None:
        \"\"\"One line the --help shows.\"\"\"

        def job() -> ExitCode:
            ...                                   # build options, call the library once, render, write
            return ExitCode.OK                    # or ExitCode.FAILED when the user's checks failed

        raise typer.Exit(_run(job, debug=debug))

`_run` is the only place exceptions become messages and exit codes; commands never print errors.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Annotated

import typer
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

from mineralcheck import __version__, pipeline
from mineralcheck.embed import DEFAULT_MODEL
from mineralcheck.errors import ExitCode, MineralcheckError
from mineralcheck.output import check_output_path, write_atomic
from mineralcheck.report import ReportFormat, TerminalRenderer, render
from mineralcheck.report.terminal import WIDTH as TERMINAL_WIDTH

EXIT_CODES = (
    "Exit codes: "
    f"{ExitCode.OK.value} = ran, nothing failed; "
    f"{ExitCode.FAILED.value} = ran and found what you asked to fail on (an expectation failed); "
    f"{ExitCode.ERROR.value} = could not do the job (usage, input, output, model or internal error, Ctrl-C)."
)
"""Shown under every command's --help; built from ExitCode so the two cannot drift apart."""

app = typer.Typer(
    name="mineralcheck",
    help="Cross-check the claims that several news articles make about one event.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    # _run prints expected errors as one line; typer's pretty tracebacks would bypass --debug.
    pretty_exceptions_enable=False,
)

DebugOption = Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress display and no notes on stderr.")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mineralcheck {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Cross-check the claims that several news articles make about one event."""


@app.command(epilog=EXIT_CODES)
def compare(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Article files or folders (.txt, .md, .html); '-' reads one article from stdin.",
        ),
    ],
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Report format."),
    ] = ReportFormat.terminal,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file (atomically) instead of stdout."),
    ] = None,
    model: Annotated[
        str, typer.Option("--model", help="Sentence-embedding model: a name or a local folder.")
    ] = DEFAULT_MODEL,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the vector cache.")
    ] = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare the articles and report which facts agree, diverge or have a single source."""

    def job() -> ExitCode:
        if output is not None:
            check_output_path(output, paths)  # before the slow part: fail in a second, not a minute
        options = pipeline.CompareOptions(model=model, use_cache=not no_cache)
        stdin_text = sys.stdin.read() if "-" in paths else None
        with _progress(enabled=not quiet) as progress:
            report = pipeline.compare(paths, options, progress=progress, stdin_text=stdin_text)
        if output is not None:
            write_atomic(output, render(report, fmt))
            if not quiet:
                _say(f"Wrote the {fmt.value} report to {output}")
        elif fmt is ReportFormat.terminal:
            console = Console()  # detects terminal, colour support and NO_COLOR
            console.width = min(console.width, TERMINAL_WIDTH)  # wide panels read worse, not better
            TerminalRenderer().print(report, console)
        else:
            sys.stdout.write(render(report, fmt))
            sys.stdout.flush()
        return ExitCode.OK

    raise typer.Exit(_run(job, debug=debug))


def _run(job: Callable[[], ExitCode], *, debug: bool) -> ExitCode:
    """Run a command's body and turn its outcome into an exit code; the one place errors are printed.

    Expected errors (MineralcheckError) print "error: ..." and their "Tip: ..."; anything else is an
    internal error, one line unless --debug. Ctrl-C is exit 2, never 1 (1 means "checks failed").
    """
    try:
        return job()
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise  # typer's own control flow (usage errors are already exit 2)
    except MineralcheckError as error:
        if debug:
            _print_traceback(error)
        _say(f"error: {error}")
        if error.tip:
            _say(f"Tip: {error.tip}")
        return error.exit_code
    except KeyboardInterrupt:
        _say("interrupted")
        return ExitCode.ERROR
    except BrokenPipeError:
        # stdout went away (`... | head`): say nothing more; point stdout at devnull so the
        # interpreter's final flush does not raise again.
        _silence_stdout()
        return ExitCode.ERROR
    except Exception as error:
        what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if debug:
            _print_traceback(error)
            _say(f"internal error: {what}")
        else:
            _say(f"internal error: {what} (rerun with --debug for the traceback)")
        return ExitCode.ERROR


class _progress:
    """Context manager yielding a pipeline progress callback: a rich display on stderr, or None.

    Shown only when stderr is a terminal and not --quiet, so logs and CI output stay clean.
    """

    def __init__(self, *, enabled: bool) -> None:
        console = _stderr()
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

    def __enter__(self) -> pipeline.Progress | None:
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


def _stderr() -> Console:
    # Built per call, not at import: CliRunner (and pytest's capsys) swap sys.stderr per test.
    return Console(stderr=True)


def _say(line: str) -> None:
    # Plain print, not rich: an error line must not be re-wrapped or read as markup.
    print(line, file=sys.stderr, flush=True)


def _print_traceback(error: BaseException) -> None:
    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Console-script entry point (`mineralcheck`, `python -m mineralcheck`)."""
    app(prog_name="mineralcheck")
