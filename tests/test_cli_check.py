"""`mineralcheck check` and `init` through CliRunner and as subprocesses: the exit-code matrix.

pipeline.compare is replaced by a fake returning hand-built Reports, and the embedder by the
bag-of-words FakeEmbedder, so only the tests marked `model` load the real model.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mineralcheck import cli, pipeline
from mineralcheck.errors import ExitCode, InputError
from mineralcheck.gate.formats import CheckFormat
from mineralcheck.match import embed
from mineralcheck.models import Article, Claim, Cluster, Fact, Reason, Report, SourceId
from mineralcheck.values import extract_values
from tests.fakes import FAKE_MODEL, FakeCompare, FakeEmbedder

ROOT = Path(__file__).parents[1]

SHARE = "Ruvia processes more than 90% of the world's cobalt ores"
BOATS = "Norland will donate 180 rowing boats to Port Aven"

CLAIMS = """\
version: 1
sources: [news/]
claims:
  - id: ruvia-share
    title: Ruvia processes more than 90% of the world's cobalt ores
    match: "Ruvia processes more than 90% of cobalt ores"
    expect: {value: ">90%", status: agree, min_sources: 2}
  - id: rowing-boats
    match: "Norland will donate 180 rowing boats to Port Aven"
    expect: {value: "180 boats"}
    severity: warning
"""


def _claim(source: str, text: str) -> Claim:
    return Claim(
        id=f"{source}:1", source=SourceId(source), start=0, end=len(text), line=1, evidence=text,
        text=text, values=extract_values(text),
    )  # fmt: skip


def _report(share_b: str | None = SHARE, boats: str = BOATS) -> Report:
    share = (_claim("a", SHARE),) + ((_claim("b", share_b),) if share_b else ())
    facts = (
        Fact(Cluster("f1", share), "agree" if share_b else "single", Reason(""), SHARE),
        Fact(Cluster("f2", (_claim("a", boats),)), "single", Reason(""), boats),
    )
    articles = tuple(
        Article(id=SourceId(s), path=f"news/{s}.txt", text=s, sha256=hashlib.sha256(s.encode()).hexdigest())
        for s in ("a", "b")  # without share_b, article b still runs but no longer states it
    )
    return Report(articles=articles, facts=facts, model="fake")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with claims.yaml and news/, as the working directory; the real model is never loaded."""
    (tmp_path / "news").mkdir()
    (tmp_path / "claims.yaml").write_text(CLAIMS)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(embed, "embedder_for", lambda model: FakeEmbedder())
    return tmp_path


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Callable[[Report | BaseException], FakeCompare]:
    def install(result: Report | BaseException) -> FakeCompare:
        stub = FakeCompare(result)
        monkeypatch.setattr(pipeline, "compare", stub)
        return stub

    return install


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli.app, ["check", *args])


# --- the exit-code matrix ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_clean_run_exits_0_in_every_format(
    project: Path, fake: Callable[..., FakeCompare], fmt: CheckFormat
) -> None:
    stub = fake(_report())
    result = invoke("--format", fmt.value)
    assert result.exit_code == ExitCode.OK, result.output
    assert stub.calls[0]["paths"] == ["news"]  # `sources:` of claims.yaml, relative to it


def test_an_edited_value_exits_1_naming_the_claim_and_both_values(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    fake(_report(share_b="Ruvia processes 80% of the world's cobalt ores"))
    result = invoke()
    assert result.exit_code == ExitCode.FAILED
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "✗ claims.yaml:4: MC002 value-changed ruvia-share: expected >90%, found 80% at b:1 “"
    )
    assert result.stdout.splitlines()[-1] == "2 expectations: 1 passed, 1 failed"


def test_a_removed_source_leaves_too_few_sources_and_exits_1(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    fake(_report(share_b=None))
    result = invoke("--format", "json")
    assert result.exit_code == ExitCode.FAILED
    data = json.loads(result.stdout)
    codes = [f["code"] for f in data["expectations"][0]["findings"]]
    assert "MC005" in codes and data["exit_code"] == 1


def test_a_warning_only_failure_exits_0_unless_fail_on_warning(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    fake(_report(boats="Norland will donate 150 rowing boats to Port Aven"))
    result = invoke()
    assert result.exit_code == ExitCode.OK
    assert result.stdout.startswith("! claims.yaml:8: MC002 value-changed rowing-boats: expected 180 boats")
    assert "found 150 at a:1 “Norland will donate 150 rowing boats to Port Aven”" in result.stdout
    assert invoke("--fail-on", "warning").exit_code == ExitCode.FAILED


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "version: 1\nclaims:\n  - {id: a, match: x, expect: {min_source: 2}}\n",
            "claims.yaml:3: unknown key 'min_source'",
        ),
        ("version: 1\nclaims: [\n", "claims.yaml:3: invalid YAML"),
        ("version: 7\nclaims: [{id: a, match: x}]\n", "claims.yaml:1: unknown version 7"),
    ],
)
def test_an_invalid_claims_file_exits_2_with_the_line(
    project: Path, fake: Callable[..., FakeCompare], text: str, message: str
) -> None:
    stub = fake(_report())
    (project / "claims.yaml").write_text(text)
    result = invoke()
    assert result.exit_code == ExitCode.ERROR
    assert f"error: {message}" in result.stderr
    assert result.stdout == "" and stub.calls == []  # fails before the slow part


def test_a_missing_claims_file_exits_2(project: Path, fake: Callable[..., FakeCompare]) -> None:
    fake(_report())
    result = invoke("--claims", "nope.yaml")
    assert result.exit_code == ExitCode.ERROR
    assert "Claims file not found: nope.yaml" in result.stderr


def test_no_articles_exits_2(project: Path, fake: Callable[..., FakeCompare]) -> None:
    fake(InputError("No articles found in news: expected .txt, .md or .html files."))
    result = invoke()
    assert result.exit_code == ExitCode.ERROR
    assert "error: No articles found in news" in result.stderr


def test_no_paths_and_no_sources_exits_2(project: Path, fake: Callable[..., FakeCompare]) -> None:
    fake(_report())
    (project / "claims.yaml").write_text(CLAIMS.replace("sources: [news/]\n", ""))
    result = invoke()
    assert result.exit_code == ExitCode.ERROR
    assert "No articles to check" in result.stderr


def test_paths_on_the_command_line_replace_the_sources(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    stub = fake(_report())
    assert invoke("other/a.txt", "other/b.txt").exit_code == ExitCode.OK
    assert stub.calls[0]["paths"] == ["other/a.txt", "other/b.txt"]


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_an_internal_error_or_ctrl_c_exits_2_never_1(
    project: Path, fake: Callable[..., FakeCompare], error: BaseException
) -> None:
    fake(error)
    result = invoke()
    assert result.exit_code == ExitCode.ERROR


@pytest.mark.parametrize("spec", ["junit", "nope=out.xml", "junit="])
def test_a_bad_report_spec_is_a_usage_error(
    project: Path, fake: Callable[..., FakeCompare], spec: str
) -> None:
    fake(_report())
    result = invoke("--report", spec)
    assert result.exit_code == ExitCode.ERROR
    assert "FORMAT=PATH" in result.stderr or "unknown format" in result.stderr


# --- outputs ----------------------------------------------------------------------------------


def test_json_stdout_is_pure_json_and_notes_go_to_stderr(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    fake(_report())
    result = invoke("--format", "json", "--report", "junit=out.xml")
    data = json.loads(result.stdout)
    assert data["exit_code"] == 0 and data["claims_file"] == "claims.yaml"
    assert "Wrote the junit report to out.xml" in result.stderr


def test_report_files_are_written_on_exit_1_too(project: Path, fake: Callable[..., FakeCompare]) -> None:
    fake(_report(share_b=None))
    (project / "out").mkdir()
    reports = ["--report", "junit=out/r.xml", "--report", "markdown=summary.md", "--report", "github=ann.txt"]
    result = invoke("--quiet", *reports)
    assert result.exit_code == ExitCode.FAILED
    ET.parse(project / "out" / "r.xml")
    assert "claims failed" in (project / "summary.md").read_text()
    assert (project / "ann.txt").read_text().startswith("::error file=claims.yaml,line=4,")
    assert result.stderr == ""  # --quiet


def test_a_report_into_a_missing_folder_fails_before_the_run(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    stub = fake(_report())
    result = invoke("--report", "json=nowhere/r.json")
    assert result.exit_code == ExitCode.ERROR and stub.calls == []


def test_the_exit_code_is_the_same_in_every_format(project: Path, fake: Callable[..., FakeCompare]) -> None:
    fake(_report(share_b=None))
    codes = {invoke("--format", fmt.value, "-v").exit_code for fmt in CheckFormat}
    assert codes == {ExitCode.FAILED}


def test_help_documents_the_exit_codes(project: Path) -> None:
    result = CliRunner().invoke(cli.app, ["check", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Exit codes: 0 = ran, nothing failed; 1 = ran and found what you asked to fail on" in text
    assert "--fail-on" in text and "--report" in text and "--update-baseline" in text


# --- baseline ---------------------------------------------------------------------------------


def test_update_baseline_writes_only_what_passed_then_changes_are_warnings(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    fake(_report(boats="Norland will donate 150 rowing boats to Port Aven"))
    result = invoke("--update-baseline")
    assert result.exit_code == ExitCode.OK, result.stderr
    written = json.loads((project / "claims.baseline.json").read_text())
    assert list(written["claims"]) == ["ruvia-share"]  # rowing-boats failed (a warning): not accepted
    assert written["claims"]["ruvia-share"] == {
        "verdict": "agree",
        "sources": {"a": ["more than 90%"], "b": ["more than 90%"]},
    }

    fake(_report(share_b="Ruvia processes more than 95% of the world's cobalt ores"))
    result = invoke("--baseline", "claims.baseline.json")
    assert result.exit_code == ExitCode.OK
    assert (
        "MC103 value-moved ruvia-share: source b moved from more than 90% to more than 95%" in result.stdout
    )
    assert invoke("--baseline", "claims.baseline.json", "--strict").exit_code == ExitCode.FAILED


def test_a_missing_baseline_exits_2(project: Path, fake: Callable[..., FakeCompare]) -> None:
    fake(_report())
    result = invoke("--baseline", "nope.json")
    assert result.exit_code == ExitCode.ERROR and "Baseline not found" in result.stderr


def test_strict_and_update_baseline_contradict(project: Path, fake: Callable[..., FakeCompare]) -> None:
    fake(_report())
    assert invoke("--strict", "--update-baseline").exit_code == ExitCode.ERROR


# --- init -------------------------------------------------------------------------------------


def test_init_writes_a_starter_file_that_check_accepts(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    fake(_report())
    result = CliRunner().invoke(cli.app, ["init", "news", "-o", "starter.yaml"])
    assert result.exit_code == ExitCode.OK, result.stderr
    text = (project / "starter.yaml").read_text()
    assert 'sources: ["news"]' in text and "status: agree" in text and "min_sources: 2" in text
    assert "Wrote starter.yaml with 1 expectations" in result.stderr
    assert invoke("--claims", "starter.yaml").exit_code == ExitCode.OK
    again = CliRunner().invoke(cli.app, ["init", "news", "-o", "starter.yaml"])
    assert again.exit_code == ExitCode.ERROR and "--force" in again.stderr


def test_init_writes_only_claims_that_read_as_sentences(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    report = _report()
    over = replace(
        _claim("b", "Over 260 begins"), evidence="Over 260 hurt in a warehouse fire as talks begins"
    )
    broken = Fact(
        Cluster("f3", (_claim("a", 'Quenby stressed the ties, saying "."'), over)),
        "agree",
        Reason(""),
        "Over 260 begins",
    )
    fake(replace(report, facts=(*report.facts, broken)))
    result = CliRunner().invoke(cli.app, ["init", "news", "-o", "starter.yaml"])
    assert result.exit_code == ExitCode.OK, result.stderr
    text = (project / "starter.yaml").read_text()
    assert "Over 260" not in text and "saying" not in text
    assert "Wrote starter.yaml with 1 expectations" in result.stderr


def test_an_expectation_pinned_by_its_measure_fails_on_an_edited_figure(
    project: Path, fake: Callable[..., FakeCompare]
) -> None:
    (project / "claims.yaml").write_text(
        "version: 1\nsources: [news/]\nclaims:\n"
        "  - {id: boats, measure: rowing boats, expect: {value: '>=180'}}\n"
    )
    report = _report(boats="Norland will donate 150 rowing boats to Port Aven")
    boats = report.facts[1].cluster.claims[0]
    framed = replace(
        boats, values=tuple(replace(v, quantity="boat", qualifiers=("rowing",)) for v in boats.values)
    )
    fake(replace(report, facts=(report.facts[0], replace(report.facts[1], cluster=Cluster("f2", (framed,))))))
    result = invoke()
    assert result.exit_code == ExitCode.FAILED
    assert "boats: expected >=180, found 150 at a:1 “Norland will donate 150 rowing boats" in result.stdout


# --- as a process -----------------------------------------------------------------------------

LAUNCHER = (
    FAKE_MODEL
    + """\
from mineralcheck import cli, pipeline
def compare(*args, **kwargs):
    raise {error}
pipeline.compare = compare
cli.main()
"""
)


@pytest.mark.parametrize("error", ["RuntimeError('forced')", "KeyboardInterrupt()"])
def test_a_process_with_an_internal_error_exits_2(project: Path, error: str) -> None:
    (project / "launch.py").write_text(LAUNCHER.format(error=error))
    done = subprocess.run(
        [sys.executable, "launch.py", "check"], capture_output=True, text=True, timeout=120, env=_env()
    )
    assert done.returncode == ExitCode.ERROR, done.stderr
    assert done.stdout == ""


def test_a_process_with_an_invalid_claims_file_exits_2(project: Path) -> None:
    (project / "claims.yaml").write_text("version: 1\nclaims:\n  - {id: a, match: x, severty: error}\n")
    done = subprocess.run(
        [sys.executable, "-m", "mineralcheck", "check"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert done.returncode == ExitCode.ERROR
    assert "claims.yaml:3: unknown key 'severty' in claim 'a'; did you mean 'severity'?" in done.stderr


def _env() -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


# --- end to end, with the real model ---------------------------------------------------------


@pytest.mark.model
def test_seeds_hold_and_an_edited_figure_fails_naming_the_claim_and_both_values(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")

    def check(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mineralcheck", "check", "--format", "json", *args],
            capture_output=True, text=True, timeout=600, cwd=tmp_path, env=_env(),
        )  # fmt: skip

    clean = check()
    assert clean.returncode == ExitCode.OK, clean.stdout + clean.stderr
    assert json.loads(clean.stdout)["exit_code"] == 0

    article = next((tmp_path / "seeds").glob("000_*.txt"))
    text = article.read_text(encoding="utf-8")
    assert "250 cherry trees" in text
    article.write_text(text.replace("250 cherry trees", "200 cherry trees"), encoding="utf-8")
    edited = check("--report", "junit=junit.xml")
    assert edited.returncode == ExitCode.FAILED, edited.stderr
    data = json.loads(edited.stdout)  # pure JSON on stdout; notes went to stderr
    (cherry,) = [e for e in data["expectations"] if e["id"] == "cherry-trees"]
    messages = " ".join(f["message"] for f in cherry["findings"])
    assert "MC002" in [f["code"] for f in cherry["findings"]]
    assert "cherry-trees" in messages and "250" in messages and "200" in messages
    assert ET.parse(tmp_path / "junit.xml").getroot().find("testsuite") is not None
    assert "Wrote the junit report" in edited.stderr


# --- documentation ----------------------------------------------------------------------------


def test_the_readme_lists_every_finding_code_format_and_exit_code() -> None:
    from mineralcheck.gate import Code

    docs = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in Code:
        assert f"| `{code.value}` | {code.slug} |" in docs, code
    for fmt in CheckFormat:
        assert f"| `{fmt.value}` |" in docs, fmt
    for exit_code in ExitCode:
        assert f"| {exit_code.value} |" in docs, exit_code


def test_init_has_help() -> None:
    result = CliRunner().invoke(cli.app, ["init", "--help"])
    assert result.exit_code == 0 and "starter claims.yaml" in " ".join(result.stdout.split())
