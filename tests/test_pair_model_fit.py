"""The shipped pair model is what `make fit` gives on the development events: no hand-set numbers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.events import RealEvents
from tests.quality import ROOT, SHARED_EVAL, evaldata, require_shared

pytestmark = pytest.mark.model


def test_a_refit_reproduces_the_shipped_pair_model(real_events: RealEvents) -> None:
    require_shared(SHARED_EVAL / "dev")
    # The events' claims and vectors, prepared once for the session, wait in its cache: the refit
    # reads them there instead of parsing every article again.
    for corpus in evaldata.real_corpora():
        real_events.prepared(corpus.path)
    env = {**real_events.environment(), "HF_HUB_OFFLINE": "1"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "fit.py"), "--check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr


def test_the_shipped_model_records_its_leave_one_event_out_result() -> None:
    import json

    data = json.loads((ROOT / "mineralcheck" / "data" / "pair_model.json").read_text(encoding="utf-8"))
    assert set(data["leave_one_event_out"]) == set(data["fitted_on"])
    assert 0.0 < data["leave_one_event_out_mean"] <= 1.0
