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

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mineralcheck import __version__, gate, pipeline
from mineralcheck.cli import config, stdio
from mineralcheck.cli.options import (
    EXIT_CODES,
    Command,
    DebugOption,
    Group,
    ModelOption,
    QuietOption,
    SourcesOption,
    config_defaults,
    report_spec,
    report_specs,
)
from mineralcheck.errors import ExitCode, MineralcheckError
from mineralcheck.files.writing import check_output_path, write_atomic, write_stream
from mineralcheck.gate import starter
from mineralcheck.gate.formats import CheckFormat
from mineralcheck.gate.formats.terminal import TerminalCheckRenderer
from mineralcheck.match.embed import DEFAULT_MODEL
from mineralcheck.models import Verdict
from mineralcheck.read import read_stdin
from mineralcheck.report import ReportFormat, TerminalRenderer, render
from mineralcheck.report import selection as selections
from mineralcheck.report.terminal import WIDTH as TERMINAL_WIDTH

app = typer.Typer(
    name="mineralcheck",
    cls=Group,
    help="Cross-check the claims that several news articles make about one event.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    # _run prints expected errors as one line; typer's pretty tracebacks would bypass --debug.
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mineralcheck {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Cross-check the claims that several news articles make about one event."""
    command = ctx.invoked_subcommand
    if command not in config.COMMAND_KEYS:
        return
    try:
        settings = config.load().settings(command)
    except MineralcheckError as error:
        stdio.say(f"error: {error}")
        if error.tip:
            stdio.say(f"Tip: {error.tip}")
        raise typer.Exit(error.exit_code) from None
    # Defaults, not values: an option given on the command line still wins (and --help shows them).
    ctx.default_map = {command: config_defaults(ctx.command, command, settings)}


@app.command(cls=Command, epilog=EXIT_CODES)
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
    model: ModelOption = DEFAULT_MODEL,
    sources: SourcesOption = None,
    only: Annotated[
        Verdict | None,
        typer.Option("--only", case_sensitive=False, help="Show only the facts with this verdict."),
    ] = None,
    min_sources: Annotated[
        int,
        typer.Option(
            "--min-sources",
            min=1,
            metavar="N",
            help="Show only the facts (and key figures) that N or more sources state.",
        ),
    ] = 1,
    singles: Annotated[
        bool,
        typer.Option(
            "--singles", help="List the single-source facts (terminal, markdown) instead of counting them."
        ),
    ] = False,
    fail_on: Annotated[
        selections.CompareFailOn,
        typer.Option(
            "--fail-on", case_sensitive=False, help="Exit 1 when the report shows a divergence (for CI)."
        ),
    ] = "never",
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the extraction and vector caches.")
    ] = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare the articles and report which facts agree, diverge or have a single source."""
    selection = selections.Selection(only=only, min_sources=min_sources, singles=singles)

    def job() -> ExitCode:
        if output is not None:
            check_output_path(output, paths)  # before the slow part: fail in a second, not a minute
        else:
            stdio.check_stdout()
        options = pipeline.CompareOptions(
            model=model, use_cache=not no_cache, sources=str(sources) if sources else None
        )
        # Bytes, decoded by ingest like a file: the locale's encoding may not be the article's.
        stdin_text = read_stdin(sys.stdin) if "-" in paths else None
        with stdio.ProgressDisplay(_stderr(), enabled=not quiet) as progress:
            report = pipeline.compare(
                paths,
                options,
                progress=progress,
                warn=None if quiet else stdio.warner(),
                stdin_text=stdin_text,
            )
        stdio.warn_unused_inputs(report)
        code = selections.exit_code(report, selection, fail_on)
        with stdio.reader_may_leave():
            if output is not None:
                write_atomic(output, render(report, fmt, selection))
                if not quiet:
                    stdio.say(f"Wrote the {fmt.value} report to {output}")
            elif fmt is ReportFormat.terminal:
                stdio.print_to_stdout(
                    lambda console: TerminalRenderer().print(report, console, selection), TERMINAL_WIDTH
                )
            else:
                write_stream(sys.stdout.buffer, render(report, fmt, selection))
        return code

    raise typer.Exit(_run(job, debug=debug))


@app.command(cls=Command, epilog=EXIT_CODES)
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Article files or folders; default: the `sources:` of claims.yaml.",
            show_default=False,
        ),
    ] = None,
    claims: Annotated[Path, typer.Option("--claims", "-c", help="The expectations file.")] = Path(
        "claims.yaml"
    ),
    fail_on: Annotated[
        gate.FailOn,
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            help="Exit 1 when an expectation of this severity or above fails.",
        ),
    ] = "error",
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", case_sensitive=False, help="Format on stdout.")
    ] = CheckFormat.terminal,
    reports: Annotated[
        list[str] | None,
        typer.Option(
            "--report",
            metavar="FORMAT=PATH",
            callback=report_specs,
            help="Also write this format to this file (repeatable; written before exiting, also on exit 1).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Also report changes since this snapshot (as warnings)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Changes since the baseline fail like the expectation itself.")
    ] = False,
    update_baseline: Annotated[
        bool,
        typer.Option(
            "--update-baseline",
            help="Rewrite the baseline with the expectations that passed (default file: claims.baseline.json "
            "beside claims.yaml).",
        ),
    ] = False,
    model: ModelOption = DEFAULT_MODEL,
    sources: SourcesOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List the expectations that passed too.")
    ] = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Check that the articles still support every expectation of claims.yaml (for CI)."""

    def job() -> ExitCode:
        extra = [report_spec(spec) for spec in reports or []]
        options = gate.CheckOptions(
            claims=claims,
            baseline=baseline,
            strict=strict,
            update_baseline=update_baseline,
            compare=pipeline.CompareOptions(model=model, sources=str(sources) if sources else None),
        )
        planned = gate.plan(paths, options, outputs=[path for _, path in extra])
        stdio.check_stdout()
        with stdio.ProgressDisplay(_stderr(), enabled=not quiet) as progress:
            result = gate.run(planned, progress=progress, warn=None if quiet else stdio.warner())
        stdio.warn_unused_inputs(result.report)
        code = gate.exit_code(result, fail_on)  # before rendering: the same for every format

        for extra_fmt, path in extra:
            with stdio.reader_may_leave(stdout=False):  # a named pipe whose reader left
                write_atomic(path, gate.render_check(result, extra_fmt, fail_on))
            if not quiet:
                stdio.say(f"Wrote the {extra_fmt.value} report to {path}")
        if update_baseline:
            accepted = gate.write_baseline(planned, result)
            if not quiet:
                stdio.say(
                    f"Updated {planned.baseline_path} with {accepted} of {len(result.results)} expectations"
                )
        with stdio.reader_may_leave():  # `check | head` still exits with the verdict
            if fmt is CheckFormat.terminal:
                stdio.print_to_stdout(
                    lambda console: TerminalCheckRenderer(verbose=verbose).print(result, fail_on, console)
                )
            else:
                write_stream(sys.stdout.buffer, gate.render_check(result, fmt, fail_on))
        return code

    raise typer.Exit(_run(job, debug=debug))


@app.command(cls=Command, epilog=EXIT_CODES)
def init(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Article files or folders to read the facts from.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the starter file.")] = Path(
        "claims.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    model: ModelOption = DEFAULT_MODEL,
    sources: SourcesOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Write a starter claims.yaml from the facts several sources state today, for you to prune."""

    def job() -> ExitCode:
        starter.check_target(output, paths, force=force)
        options = pipeline.CompareOptions(model=model, sources=str(sources) if sources else None)
        with stdio.ProgressDisplay(_stderr(), enabled=not quiet) as progress:
            report, made = starter.build(
                paths, output, options, progress=progress, warn=None if quiet else stdio.warn
            )
        stdio.warn_unused_inputs(report)
        write_atomic(output, made.text)
        if not quiet:
            stdio.say(
                f"Wrote {output} with {made.expectations} expectations: prune it, then run mineralcheck check"
            )
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
            stdio.print_traceback(error)
        stdio.say(f"error: {error}")
        if error.tip:
            stdio.say(f"Tip: {error.tip}")
        return error.exit_code
    except KeyboardInterrupt as stop:
        stdio.say("terminated" if isinstance(stop, stdio.Terminated) else "interrupted")
        return ExitCode.ERROR
    except BrokenPipeError:
        # A pipe closed before the report was written (`stdio.reader_may_leave` handles the report
        # itself): the run did not deliver, but the reader chose to leave; say nothing more.
        stdio.silence_stdout()
        return ExitCode.ERROR
    except Exception as error:
        what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if debug:
            stdio.print_traceback(error)
            stdio.say(f"internal error: {what}")
        else:
            stdio.say(f"internal error: {what} (rerun with --debug for the traceback)")
        return ExitCode.ERROR


def _stderr() -> Console:
    # Built per call, not at import: CliRunner (and pytest's capsys) swap sys.stderr per test.
    return stdio.ReportConsole(stderr=True)


def main() -> None:
    """Console-script entry point (`mineralcheck`, `python -m mineralcheck`)."""
    stdio.stop_on_signals()
    try:
        app(prog_name="mineralcheck")
    except SystemExit:
        raise
    except BaseException as error:
        # Outside a command's _run (option parsing, start-up): Python would exit 1, which means
        # "checks failed" to CI. Anything unexpected is exit 2.
        if isinstance(error, KeyboardInterrupt):
            stdio.say("terminated" if isinstance(error, stdio.Terminated) else "interrupted")
        else:
            stdio.say(f"internal error: {error!r}")
        sys.exit(ExitCode.ERROR)
