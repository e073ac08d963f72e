"""The shipped furniture model is what `make fit` gives on the development events, and it records its
leave-one-event-out result: no claim from gold furniture, no gold fact quote swallowed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.quality import ROOT, SHARED_EVAL, require_shared

pytestmark = pytest.mark.model

MODEL = ROOT / "mineralcheck" / "data" / "furniture_model.json"


def test_a_refit_reproduces_the_shipped_furniture_model(tmp_path) -> None:  # type: ignore[no-untyped-def]
    require_shared(SHARED_EVAL / "dev")
    env = {**os.environ, "MINERALCHECK_CACHE_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "fit_furniture.py"), "--check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr


def test_left_out_events_lose_no_fact_and_take_no_claim_from_furniture() -> None:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    assert set(data["leave_one_event_out"]) == set(data["fitted_on"])
    for event, found in data["leave_one_event_out"].items():
        assert found["noise_claims"] == 0, event
        assert found["dropped_quotes"] == 0, event
