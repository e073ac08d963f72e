"""match.vectors: claim texts encoded once, through the vector cache."""

from __future__ import annotations

from pathlib import Path

from mineralcheck.match.vectors import CachedEmbedder
from tests.fakes import FakeEmbedder


def test_the_cached_embedder_encodes_a_text_once_across_calls(tmp_path: Path) -> None:
    """check matches its phrases through it: a warm run asks the model for nothing."""

    class Counting(FakeEmbedder):
        def __init__(self) -> None:
            super().__init__()
            self.encoded: list[str] = []

        def encode(self, texts):  # type: ignore[no-untyped-def]
            self.encoded.extend(texts)
            return super().encode(texts)

    model = Counting()
    first = CachedEmbedder(model, cache_dir=str(tmp_path)).encode(
        ["the toll rose to 157", "rescuers reached the valley"]
    )
    again = CachedEmbedder(model, cache_dir=str(tmp_path)).encode(
        ["rescuers reached the valley", "the toll rose to 157"]
    )
    assert sorted(model.encoded) == ["rescuers reached the valley", "the toll rose to 157"]
    assert (first[::-1] == again).all()
