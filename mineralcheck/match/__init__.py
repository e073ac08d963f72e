"""Matching: which claims state the same fact, and whether their sources agree.

    embed.py        sentence embedders behind one interface (onnx_model.py runs the default one,
                    onnx_export.py builds it once); vectors.py encodes claim texts through the cache
    pairs.py        the pair features and the fitted pair model (data/pair_model.json, `make fit`)
    measures.py     figures named by what they count, alike across outlets: name_measures()
    cluster.py      claims + vectors (+ named figures) -> clusters: cluster_claims()
    verdicts.py     clusters -> facts (agree, diverge, single) with their reasons and readings: judge_all()
    timeline.py     when each article was published, and whether a figure rose with it
    key_figures.py  facts -> the key figures (one row per measure of one thing): key_figures()

Nothing here loads a model on its own: the pipeline passes in the embedder and the pair model.
"""

from mineralcheck.match.cluster import ClusterParams, cluster_claims
from mineralcheck.match.embed import DEFAULT_MODEL, Embedder, embedder_for
from mineralcheck.match.pairs import PairModel, frame_compatible, shipped_model
from mineralcheck.match.verdicts import judge, judge_all

__all__ = [
    "DEFAULT_MODEL",
    "ClusterParams",
    "Embedder",
    "PairModel",
    "cluster_claims",
    "embedder_for",
    "frame_compatible",
    "judge",
    "judge_all",
    "shipped_model",
]
