"""The key figures' magnitude gap is what bench/fit_key_figures.py fits on the development events."""

from __future__ import annotations

import pytest

from tests.events import RealEvents
from tests.quality import SHARED_EVAL, evaldata, require_shared

pytestmark = pytest.mark.model


def test_a_refit_reproduces_the_shipped_magnitude_gap(real_events: RealEvents) -> None:
    require_shared(SHARED_EVAL / "dev")
    import fit_key_figures  # bench/, put on the path by tests/quality.py

    from mineralcheck.match.key_figures import MAGNITUDE_GAP

    events = [fit_key_figures.load(c, real_events.report(c.path)) for c in evaldata.real_corpora()]
    best, table = fit_key_figures.fit(events)
    assert best == MAGNITUDE_GAP, table
    # Splitting by size must do better than never splitting, or it has no business in the rows.
    assert table[best] > table[float("inf")]
