"""mineralcheck: cross-check the claims that several news articles make about one event.

The public API below is imported on first use: importing one module (mineralcheck.models, a values
reader, the errors) must not load the whole pipeline, its parser and its model runtime.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mineralcheck.models import Article, Claim, Cluster, Fact, Reason, Report, Value
    from mineralcheck.pipeline import CompareOptions, compare

__version__ = "0.1.0"

_LAZY = {
    "Article": "mineralcheck.models",
    "Claim": "mineralcheck.models",
    "Cluster": "mineralcheck.models",
    "Fact": "mineralcheck.models",
    "Reason": "mineralcheck.models",
    "Report": "mineralcheck.models",
    "Value": "mineralcheck.models",
    "CompareOptions": "mineralcheck.pipeline",
    "compare": "mineralcheck.pipeline",
}
"""Public name -> the module that defines it."""

__all__ = [
    "Article",
    "Claim",
    "Cluster",
    "CompareOptions",
    "Fact",
    "Reason",
    "Report",
    "Value",
    "__version__",
    "compare",
]


def __getattr__(name: str) -> Any:
    """`mineralcheck.compare` and the other public names, imported when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # once: later lookups never come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
