"""The logistic weights the pair and furniture models share: scoring, and the model file's entries."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mineralcheck.logistic import Logistic

MODEL = Logistic(weights=(2.0, -1.0), bias=0.5, mean=(1.0, 0.0), scale=(2.0, 1.0))


def test_one_row_and_many_rows_score_alike() -> None:
    rows = np.array([[1.0, 0.0], [3.0, 2.0], [-5.0, 1.0]])
    many = MODEL.probabilities(rows)
    for row, p in zip(rows, many, strict=True):
        assert MODEL.probability(tuple(row)) == pytest.approx(p)
    # At the feature means only the bias speaks.
    assert MODEL.probability((1.0, 0.0)) == pytest.approx(1 / (1 + math.exp(-0.5)))


def test_a_huge_logit_saturates_instead_of_overflowing() -> None:
    assert MODEL.probability((1e6, 0.0)) == pytest.approx(1.0)
    assert MODEL.probability((-1e6, 0.0)) == pytest.approx(0.0)


def test_the_fields_round_trip_and_refuse_other_features() -> None:
    fields = MODEL.fields(("a", "b"))
    assert Logistic.from_fields(fields, ("a", "b"), "test model") == MODEL
    with pytest.raises(ValueError, match=r"the test model was fitted on other features: run `make fit`"):
        Logistic.from_fields(fields, ("b", "a"), "test model")


def test_the_file_keeps_six_decimals() -> None:
    fields = Logistic((0.1234567,), 1.0000004, (0.0,), (1.0,)).fields(("a",))
    assert fields["weights"] == [0.123457]
    assert fields["bias"] == 1.0
