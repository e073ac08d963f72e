"""Whether a line is page furniture: a logistic model over the line features, fitted on the golds.

The weights are fitted by `make fit` (bench/fit_furniture.py) on the lines that the development
events' golds mark as furniture (their `noise:` quotes, and the lines that patterns of furniture on
any page mark) against the lines that hold a gold fact; they ship in data/furniture_model.json with
their leave-one-event-out result. Nothing here is tuned by hand to a page.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from mineralcheck.logistic import Logistic
from mineralcheck.read.line_features import FEATURES

_INDEX = {name: k for k, name in enumerate(FEATURES)}


RULE_CANDIDATES = ("logo", "header_label", "caps_headline", "tail_headline", "name_like", "subhead")
"""Features that describe a place where pages put furniture (a short label above the headline or under
it, a headline in capitals, a title-case line under the last paragraph, a name alone on its line).
The fit keeps as a rule each one that marks furniture and never a line holding a gold fact on the
development events; the others remain features among the rest."""


@dataclass(frozen=True)
class FurnitureModel:
    """P(furniture) of a line from its features, the probability above which a line is dropped, and
    the features that drop a line by themselves."""

    logistic: Logistic
    """Weights over the line features (FEATURES order)."""
    threshold: float
    rules: tuple[str, ...] = ()
    """Features (of RULE_CANDIDATES) that mark a line furniture whatever its probability."""

    def probability(self, row: Sequence[float]) -> float:
        return self.logistic.probability(row)

    def is_furniture(self, row: Sequence[float]) -> bool:
        if any(row[_INDEX[name]] for name in self.rules):
            return True
        return weighed(row) and self.probability(row) >= self.threshold

    def to_json(self, extra: dict[str, object] | None = None) -> str:
        data: dict[str, object] = {
            **self.logistic.fields(FEATURES),
            "threshold": self.threshold,
            "rules": list(self.rules),
        }
        data.update(extra or {})
        return json.dumps(data, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> FurnitureModel:
        data = json.loads(text)
        return cls(
            Logistic.from_fields(data, FEATURES, "furniture model"),
            data["threshold"],
            tuple(data["rules"]),
        )


def weighed(row: Sequence[float]) -> bool:
    """Whether the probability decides a line: not the headline, and no figure in it. (No furniture
    line of the development events that a rule does not mark holds a figure or heads its page; a
    figure is what a cross-checker checks.)"""
    return not row[_INDEX["first"]] and not row[_INDEX["digits"]]


@functools.cache
def shipped_model() -> FurnitureModel:
    """The model fitted by `make fit` on the development events (mineralcheck/data/furniture_model.json)."""
    text = resources.files("mineralcheck").joinpath("data/furniture_model.json").read_text(encoding="utf-8")
    return FurnitureModel.from_json(text)
