"""The CI gate: the expectations of claims.yaml checked against a fresh comparison (`mineralcheck check`).

plan() decides what a run reads and writes before the slow part, run() compares and evaluates,
write_baseline() records what passed; evaluate() is the pure core, and formats/ renders its result.
"""

from mineralcheck.gate.evaluate import accepted_observations, evaluate
from mineralcheck.gate.formats import CheckFormat, CheckRenderer, render_check
from mineralcheck.gate.results import (
    CheckResult,
    Code,
    ExpectationResult,
    FailOn,
    Finding,
    Match,
    exit_code,
    fails,
    summary_line,
)
from mineralcheck.gate.run import CheckOptions, CheckPlan, plan, run, write_baseline

__all__ = [
    "CheckFormat",
    "CheckOptions",
    "CheckPlan",
    "CheckRenderer",
    "CheckResult",
    "Code",
    "ExpectationResult",
    "FailOn",
    "Finding",
    "Match",
    "accepted_observations",
    "evaluate",
    "exit_code",
    "fails",
    "plan",
    "render_check",
    "run",
    "summary_line",
    "write_baseline",
]
