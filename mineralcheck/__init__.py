"""mineralcheck: cross-check the claims that several news articles make about one event."""

from mineralcheck.models import Article, Claim, Cluster, Fact, Reason, Report, Value
from mineralcheck.pipeline import CompareOptions, compare

__version__ = "0.1.0"

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
