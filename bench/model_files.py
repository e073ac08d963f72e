"""What the fitting scripts share: the logistic fit, a refit model file compared with the shipped one,
and `--check`."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mineralcheck.logistic import Logistic  # noqa: E402

TOLERANCE = 1e-3
"""How far a refit weight may lie from the shipped one: vectors differ in their last bits between
CPUs, never in what they say."""


def fit_logistic(x: np.ndarray, y: np.ndarray, **options: Any) -> Logistic:
    """A logistic regression on standardised features (scikit-learn's, `options` passed to it);
    a feature constant over the training rows keeps scale 1."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(**options)
    model.fit((x - mean) / scale, y)
    return Logistic(tuple(model.coef_[0]), float(model.intercept_[0]), tuple(mean), tuple(scale))


VECTORS = ("weights", "mean", "scale")
"""The keys of a logistic model file that hold one float per feature."""


def differences(shipped: str, refit: str, *, exact: Sequence[str], scalars: Sequence[str]) -> list[str]:
    """What differs between two model files beyond float noise: the `exact` keys must be equal, the
    per-feature vectors and the `scalars` within TOLERANCE."""
    a, b = json.loads(shipped), json.loads(refit)
    found = [f"{key}: {a.get(key)!r} != {b.get(key)!r}" for key in exact if a.get(key) != b.get(key)]
    for key in VECTORS:
        for n, (x, y) in enumerate(zip(a.get(key, []), b.get(key, []), strict=False)):
            if abs(x - y) > TOLERANCE:
                found.append(f"{key}[{n}]: {x} != {y}")
    for key in scalars:
        if abs(a.get(key, 0) - b.get(key, 0)) > TOLERANCE:
            found.append(f"{key}: {a.get(key)} != {b.get(key)}")
    return found


def check_or_write(
    model_file: Path, text: str, name: str, *, check: bool, exact: Sequence[str], scalars: Sequence[str]
) -> int:
    """With `check`, exit status 1 (and what differs) when the shipped `model_file` is not `text`
    beyond float noise; without, write `text` to it and print it."""
    if not check:
        model_file.write_text(text, encoding="utf-8")
        print(text, end="")
        return 0
    shipped = model_file.read_text(encoding="utf-8") if model_file.is_file() else "{}"
    found = differences(shipped, text, exact=exact, scalars=scalars)
    if found:
        print(f"{model_file} is not what a refit gives (run `make fit` and commit it):", file=sys.stderr)
        for line in found:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"the shipped {name} is what a refit gives")
    return 0
