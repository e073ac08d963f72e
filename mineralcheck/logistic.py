"""A logistic regression over standardised features, as `make fit` writes it to a model file.

The pair model (match/pairs.py) and the furniture model (read/furniture_model.py) are both one of
these plus thresholds of their own; this module holds what they share: the weights, the
standardisation learned with them, how a row is scored, and how they are written and read back.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Logistic:
    """Weights over standardised features: logit = bias + sum(w * (x - mean) / scale)."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    """Feature standardisation learned with the weights."""

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """The log-odds of each row of features (many rows at once)."""
        z = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        return z @ np.asarray(self.weights) + self.bias

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(yes) for each row of features (many rows at once)."""
        return 1.0 / (1.0 + np.exp(-self.logits(rows)))

    def probability(self, row: Sequence[float]) -> float:
        """P(yes) for one row, without numpy's per-call cost (one line of a page at a time)."""
        logit = self.bias + sum(
            w * (x - m) / s for w, x, m, s in zip(self.weights, row, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(min(logit, 60.0), -60.0)))

    def fields(self, features: Sequence[str]) -> dict[str, object]:
        """The model file's entries for these weights, named by `features` (rounded: the file is
        reviewed as a diff, and six decimals are well below what moves a decision)."""
        return {
            "features": list(features),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
        }

    @classmethod
    def from_fields(cls, data: Mapping[str, Any], features: Sequence[str], what: str) -> Logistic:
        """The weights of a model file, refused when they were fitted on other features than
        `features` (the code's, in its order): `what` names the model in the error."""
        if list(data["features"]) != list(features):
            raise ValueError(f"the {what} was fitted on other features: run `make fit`")
        return cls(tuple(data["weights"]), data["bias"], tuple(data["mean"]), tuple(data["scale"]))
