"""The command line through CliRunner: exit codes, messages, output files, --help of every command.

pipeline.compare is replaced by a fake returning a hand-built Report (or raising), so these tests
exercise only the CLI glue.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_args

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from mineralcheck import cli, pipeline
from mineralcheck.cli import commands
from mineralcheck.errors import ExitCode, InputError
from mineralcheck.models import Claim, Cluster, Fact, Reason, Report, Verdict
from mineralcheck.report import ReportFormat, render
from mineralcheck.report import selection as selections
from tests.fakes import A, B, FakeCompare, diverging_report


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Callable[[Report | BaseException], FakeCompare]:
    def install(result: Report | BaseException) -> FakeCompare:
        stub = FakeCompare(result)
        monkeypatch.setattr(pipeline, "compare", stub)
        return stub

    return install


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli.app, list(args), input=input)


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_compare_exits_0_in_every_format(fake: Callable[..., FakeCompare], fmt: ReportFormat) -> None:
    fake(diverging_report())
    result = invoke("compare", "news", "--format", fmt.value)
    assert result.exit_code == ExitCode.OK, result.output
    assert "1 diverge" in result.stdout or '"diverge": 1' in result.stdout


def test_json_on_stdout_is_the_report_and_nothing_else(fake: Callable[..., FakeCompare]) -> None:
    fake(diverging_report())
    result = invoke("compare", "news", "--format", "json")
    assert result.stdout == render(diverging_report(), ReportFormat.json)
    assert json.loads(result.stdout)["clusters"][0]["verdict"] == "diverge"


def test_markdown_on_stdout_is_the_report_and_nothing_else(fake: Callable[..., FakeCompare]) -> None:
    fake(diverging_report())
    assert invoke("compare", "news", "--format", "markdown").stdout == render(
        diverging_report(), ReportFormat.markdown
    )


def test_options_reach_the_pipeline(fake: Callable[..., FakeCompare]) -> None:
    stub = fake(diverging_report())
    invoke("compare", "a.txt", "b.txt", "--model", "/models/mini", "--no-cache", "--quiet")
    (call,) = stub.calls
    assert call["paths"] == ["a.txt", "b.txt"]
    assert call["options"] == pipeline.CompareOptions(model="/models/mini", use_cache=False)
    assert call["progress"] is None  # stderr is not a terminal
    assert call["stdin_text"] is None


def test_dash_reads_the_article_from_stdin(fake: Callable[..., FakeCompare]) -> None:
    stub = fake(diverging_report())
    result = invoke("compare", "-", "b.txt", input="An article from stdin.\n")
    assert result.exit_code == ExitCode.OK
    assert stub.calls[0]["stdin_text"] == b"An article from stdin.\n"  # bytes: ingest decodes it


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_output_file_is_written_atomically(
    fake: Callable[..., FakeCompare], tmp_path: Path, fmt: ReportFormat
) -> None:
    fake(diverging_report())
    target = tmp_path / f"report.{fmt.value}"
    result = invoke("compare", "news", "--format", fmt.value, "-o", str(target))
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == render(diverging_report(), fmt)
    assert os.listdir(tmp_path) == [target.name]  # no temp file left behind


def test_terminal_report_written_to_a_file_has_no_colour(
    fake: Callable[..., FakeCompare], tmp_path: Path
) -> None:
    fake(diverging_report())
    target = tmp_path / "report.txt"
    invoke("compare", "news", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert "Divergences (1)" in text
    assert "\x1b[" not in text


def test_output_into_a_missing_folder_is_refused_before_the_run(
    fake: Callable[..., FakeCompare], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub = fake(diverging_report())
    monkeypatch.chdir(tmp_path)
    result = invoke("compare", "news", "--format", "json", "-o", "out/report.json")
    assert result.exit_code == ExitCode.ERROR
    assert (
        f"error: Cannot write report.json: folder out{os.sep} does not exist (create it first)"
        in result.stderr
    )
    assert stub.calls == []
    assert not (tmp_path / "out").exists()


def test_output_naming_an_input_file_is_refused(
    fake: Callable[..., FakeCompare], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake(diverging_report())
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("An article.")
    result = invoke("compare", "a.txt", "b.txt", "-o", str(tmp_path / "a.txt"))
    assert result.exit_code == ExitCode.ERROR
    assert "one of the input files" in result.stderr
    assert (tmp_path / "a.txt").read_text() == "An article."


def test_input_error_prints_error_and_tip(fake: Callable[..., FakeCompare]) -> None:
    fake(InputError("No articles found in ./news: expected .txt, .md or .html files.", tip="check the path"))
    result = invoke("compare", "news")
    assert result.exit_code == ExitCode.ERROR
    assert (
        result.stderr
        == "error: No articles found in ./news: expected .txt, .md or .html files.\nTip: check the path\n"
    )
    assert result.stdout == ""


def test_unexpected_error_is_one_line_without_traceback(fake: Callable[..., FakeCompare]) -> None:
    fake(RuntimeError("boom"))
    result = invoke("compare", "news")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr == "internal error: RuntimeError: boom (rerun with --debug for the traceback)\n"


def test_debug_shows_the_traceback(fake: Callable[..., FakeCompare]) -> None:
    fake(RuntimeError("boom"))
    result = invoke("compare", "news", "--debug")
    assert result.exit_code == ExitCode.ERROR
    assert "Traceback (most recent call last)" in result.stderr
    assert "internal error: RuntimeError: boom" in result.stderr


def test_ctrl_c_is_exit_2_never_1(fake: Callable[..., FakeCompare]) -> None:
    fake(KeyboardInterrupt())
    result = invoke("compare", "news")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr == "interrupted\n"


def test_usage_error_is_exit_2() -> None:
    assert invoke("compare").exit_code == ExitCode.ERROR
    assert invoke("compare", "news", "--format", "pdf").exit_code == ExitCode.ERROR


def _commands() -> list[str]:
    # typer vendors click, so the group is not a click.Group: read its commands by duck typing.
    group = typer.main.get_command(cli.app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", [[], *([name] for name in _commands())])
def test_help_of_every_command_documents_the_exit_codes(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == ExitCode.OK
    text = " ".join(result.stdout.split())
    assert "Exit codes:" in text
    for code in ExitCode:
        assert f"{code.value} =" in text


@pytest.mark.parametrize("command", [[], *([name] for name in _commands())])
def test_help_shows_switches_without_a_value(command: list[str]) -> None:
    # typer shows `<bool>` beside a switch, which reads as "--singles true"; a switch shows no type.
    result = invoke(*command, "--help")
    assert "<bool>" not in result.stdout
    assert "--help " in result.stdout


def test_version() -> None:
    from mineralcheck import __version__

    result = invoke("--version")
    assert result.exit_code == ExitCode.OK
    assert result.stdout == f"mineralcheck {__version__}\n"


def test_compare_is_a_subcommand() -> None:
    assert "compare" in _commands()


class ProgressCompare(FakeCompare):
    """A fake pipeline that reports progress through the callback the CLI hands it."""

    def __call__(self, paths: Sequence[str], options: pipeline.CompareOptions, **kwargs: Any) -> Report:
        progress = kwargs["progress"]
        if progress is not None:
            for stage in ("reading", "extracting", "encoding", "clustering"):
                progress(stage, 0, 2)
                progress(stage, 2, 2)
            progress("encoding", 3, 0)  # an unknown total must not break the display
        return super().__call__(paths, options, **kwargs)


@pytest.mark.parametrize(("flags", "shown"), [((), True), (("--quiet",), False)])
def test_progress_is_shown_on_a_terminal_stderr_unless_quiet(
    monkeypatch: pytest.MonkeyPatch, flags: tuple[str, ...], shown: bool
) -> None:
    stub = ProgressCompare(diverging_report())
    monkeypatch.setattr(pipeline, "compare", stub)
    terminal = Console(file=io.StringIO(), force_terminal=True, width=80)
    monkeypatch.setattr(commands, "_stderr", lambda: terminal)
    result = invoke("compare", "news", "--format", "json", *flags)
    assert result.exit_code == ExitCode.OK, result.output
    assert (stub.calls[0]["progress"] is not None) is shown
    assert json.loads(result.stdout)  # progress never touches stdout


def _with_an_agreement_and_a_single() -> Report:
    report = diverging_report()
    agree = Fact(
        Cluster(
            "c2", (Claim("x", A, 0, 9, 7, "they met", "They met"), Claim("y", B, 0, 9, 8, "met", "They met"))
        ),
        "agree",
        Reason("2 sources agree"),
        "They met",
    )
    single = Fact(
        Cluster("c3", (Claim("z", A, 0, 9, 9, "it rained", "It rained"),)), "single", Reason(""), "It rained"
    )
    return Report(report.articles, (*report.facts, agree, single), model=report.model)


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_fail_on_diverge_exits_1_when_the_report_shows_a_divergence(
    fake: Callable[..., FakeCompare], fmt: ReportFormat
) -> None:
    fake(_with_an_agreement_and_a_single())
    assert invoke("compare", "news", "-f", fmt.value).exit_code == ExitCode.OK
    failed = invoke("compare", "news", "-f", fmt.value, "--fail-on", "diverge")
    assert failed.exit_code == ExitCode.FAILED
    assert "Death toll" in failed.stdout  # the report is printed all the same
    # Filters decide what counts: a divergence left out of the report does not fail the run.
    assert (
        invoke("compare", "news", "-f", fmt.value, "--fail-on", "diverge", "--only", "agree").exit_code == 0
    )


def test_fail_on_diverge_still_writes_the_report(fake: Callable[..., FakeCompare], tmp_path: Path) -> None:
    fake(diverging_report())
    out = tmp_path / "report.json"
    result = invoke("compare", "news", "-f", "json", "-o", str(out), "--fail-on", "diverge", "-q")
    assert result.exit_code == ExitCode.FAILED
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["diverge"] == 1


def test_only_and_min_sources_filter_the_report(fake: Callable[..., FakeCompare]) -> None:
    fake(_with_an_agreement_and_a_single())
    data = json.loads(invoke("compare", "news", "-f", "json", "--only", "agree").stdout)
    assert [c["id"] for c in data["clusters"]] == ["c2"]
    data = json.loads(invoke("compare", "news", "-f", "json", "--min-sources", "2").stdout)
    assert [c["id"] for c in data["clusters"]] == ["c1", "c2"]
    text = invoke("compare", "news", "--only", "single").stdout
    assert "It rained" in text and "They met" not in text and "showing 1 of 3 facts (only single)" in text


def test_single_source_facts_are_listed_with_singles(fake: Callable[..., FakeCompare]) -> None:
    fake(_with_an_agreement_and_a_single())
    folded = invoke("compare", "news").stdout
    assert "Single-source facts (1)" in folded and "It rained" not in folded
    assert "It rained" in invoke("compare", "news", "--singles").stdout


@pytest.mark.parametrize(
    "args", [["--only", "maybe"], ["--min-sources", "0"], ["--fail-on", "warning"]], ids=str
)
def test_bad_filter_values_are_usage_errors(fake: Callable[..., FakeCompare], args: list[str]) -> None:
    fake(diverging_report())
    assert invoke("compare", "news", *args).exit_code == ExitCode.ERROR


@pytest.mark.parametrize(
    ("option", "vocabulary"),
    [("--only", get_args(Verdict)), ("--fail-on", get_args(selections.CompareFailOn))],
)
def test_the_choices_of_an_option_are_the_models_vocabulary(
    fake: Callable[..., FakeCompare], option: str, vocabulary: tuple[str, ...]
) -> None:
    # The command line takes its words from the models' Literals: none is re-declared in cli/.
    fake(diverging_report())
    for word in vocabulary:
        assert invoke("compare", "news", option, word.upper(), "--format", "json").exit_code != ExitCode.ERROR
    refused = invoke("compare", "news", option, "sometimes")
    assert refused.exit_code == ExitCode.ERROR
    assert all(f"'{word}'" in refused.output for word in vocabulary)
