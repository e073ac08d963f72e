"""A check run: what it reads and writes, decided before the slow part; the comparison and its
evaluation; the baseline it updates. The CLI only renders and writes the formats."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mineralcheck import pipeline
from mineralcheck.errors import InputError, MineralcheckError
from mineralcheck.files.writing import check_output_path, write_atomic
from mineralcheck.gate import baseline as baselines
from mineralcheck.gate import expectations
from mineralcheck.gate.evaluate import accepted_observations, evaluate
from mineralcheck.gate.results import CheckResult
from mineralcheck.match import embed
from mineralcheck.match.pairs import PairModel
from mineralcheck.match.vectors import CachedEmbedder
from mineralcheck.models import Report


@dataclass(frozen=True)
class CheckOptions:
    """Knobs of a check run; the defaults are what `mineralcheck check` uses."""

    claims: Path = Path("claims.yaml")
    """The expectations file; its `sources:` are the default articles."""
    baseline: Path | None = None
    """A snapshot to report changes since; with update_baseline, None means
    claims.baseline.json beside claims.yaml."""
    strict: bool = False
    """Changes since the baseline fail like the expectation itself (else they are warnings)."""
    update_baseline: bool = False
    """Rewrite the baseline with the expectations that passed."""
    compare: pipeline.CompareOptions = field(default_factory=pipeline.CompareOptions)


@dataclass(frozen=True)
class CheckPlan:
    """What a check run reads and writes, validated before any article is read."""

    options: CheckOptions
    expectations: expectations.ExpectationSet
    inputs: tuple[str, ...]
    """The article paths: those given, else the `sources:` of claims.yaml."""
    baseline_path: Path | None
    """The baseline read (and, with update_baseline, written); None without one."""
    previous: baselines.Baseline | None
    """The baseline as it stands, None when there is none yet."""


def plan(paths: Sequence[str] | None, options: CheckOptions, *, outputs: Sequence[Path] = ()) -> CheckPlan:
    """Check the options, load claims.yaml and the baseline, and check that every file the run will
    write (`outputs`, the baseline) can be written: a mistake fails in a second, not after a minute."""
    if options.strict and options.update_baseline:
        raise MineralcheckError(
            "--strict and --update-baseline contradict each other: "
            "one fails on changes since the baseline, the other accepts them."
        )
    claims = options.claims
    expected = expectations.load(claims)
    inputs = list(paths or expected.sources)
    if not inputs:
        raise InputError(
            f"No articles to check: no PATH given and {claims} has no `sources:`.",
            tip="pass article files or folders, or add e.g. `sources: [articles/]` to claims.yaml",
        )
    for path in outputs:
        check_output_path(path, inputs)
    baseline_path = options.baseline
    if options.update_baseline and baseline_path is None:
        baseline_path = claims.parent / f"{claims.stem}.baseline.json"
    if options.update_baseline and baseline_path is not None:
        check_output_path(baseline_path, inputs)
    previous = None
    if baseline_path is not None and (baseline_path.exists() or not options.update_baseline):
        previous = baselines.load(baseline_path)
    return CheckPlan(options, expected, tuple(inputs), baseline_path, previous)


def compared(
    paths: Sequence[str],
    options: pipeline.CompareOptions,
    *,
    embedder: embed.Embedder | None = None,
    pair_model: PairModel | None = None,
    progress: pipeline.Progress | None = None,
    warn: pipeline.Warn | None = None,
) -> tuple[Report, embed.Embedder]:
    """The comparison of the articles at `paths`, and the embedder that matches expectations to it:
    the run's own model behind the vector cache, so phrases and claim texts embedded once are read
    back (a warm `check` or `init` loads no model)."""
    model = embedder if embedder is not None else embed.embedder_for(options.model)
    report = pipeline.compare(
        paths, options, embedder=model, pair_model=pair_model, progress=progress, warn=warn
    )
    matcher = CachedEmbedder(model, use_cache=options.use_cache, cache_dir=options.cache_dir, warn=warn)
    return report, matcher


def run(
    planned: CheckPlan,
    *,
    embedder: embed.Embedder | None = None,
    pair_model: PairModel | None = None,
    progress: pipeline.Progress | None = None,
    warn: pipeline.Warn | None = None,
) -> CheckResult:
    """Compare the articles and evaluate every expectation against the report."""
    report, matcher = compared(
        planned.inputs,
        planned.options.compare,
        embedder=embedder,
        pair_model=pair_model,
        progress=progress,
        warn=warn,
    )
    return evaluate(
        planned.expectations,
        report,
        embedder=matcher,
        baseline=planned.previous,
        strict=planned.options.strict,
    )


def write_baseline(planned: CheckPlan, result: CheckResult) -> int:
    """Rewrite the baseline with the expectations that passed (failed ones keep their old entry);
    the number of expectations accepted."""
    assert planned.baseline_path is not None, "plan() sets the path whenever update_baseline is on"
    accepted, keep = accepted_observations(result)
    updated = baselines.updated(planned.previous, accepted, keep, result.report.articles)
    write_atomic(planned.baseline_path, baselines.dumps(updated))
    return len(accepted)
