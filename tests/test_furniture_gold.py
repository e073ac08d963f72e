"""No sentence comes from text that a gold file marks as page furniture, on every corpus with a gold.

The golds' `noise:` lists are bylines, "READ ALSO" links, "Next Story" navigation, widget credits,
image file names and outlet logos as real pages print them. A sentence that overlaps one is where a
noise claim would come from, so this checks furniture without running the model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mineralcheck.read import load_articles, split_sentences
from tests.conftest import ROOT, SHARED_EVAL


def _corpora() -> list[tuple[str, Path, Path]]:
    """(name, folder, gold) of the seeds, each development event and each scenario corpus."""
    found = [("seeds", ROOT / "seeds", SHARED_EVAL / "seeds.gold.yaml")]
    for gold in sorted((SHARED_EVAL / "dev").glob("*.gold.yaml")):
        found.append(
            (gold.name.removesuffix(".gold.yaml"), gold.with_name(gold.name.removesuffix(".gold.yaml")), gold)
        )
    for gold in sorted((ROOT / "tests" / "corpora").glob("*/gold.yaml")):
        found.append((gold.parent.name, gold.parent, gold))
    return found


CORPORA = _corpora()


def test_the_shared_golds_are_beside_the_repository() -> None:
    assert (SHARED_EVAL / "seeds.gold.yaml").is_file(), (
        f"{SHARED_EVAL} is missing: clone ../shared beside the repo"
    )
    assert any(name != "seeds" and folder.parent.name == "dev" for name, folder, _ in CORPORA)


def _overlaps(start: int, end: int, quote_start: int, quote_end: int) -> bool:
    """The scorer's rule: at least half of the shorter of the two spans is shared."""
    shared = min(end, quote_end) - max(start, quote_start)
    return shared > 0 and shared * 2 >= min(end - start, quote_end - quote_start)


@pytest.mark.parametrize(("name", "folder", "gold"), CORPORA, ids=[c[0] for c in CORPORA])
def test_no_sentence_comes_from_page_furniture(name: str, folder: Path, gold: Path) -> None:
    noise = yaml.safe_load(gold.read_text(encoding="utf-8")).get("noise") or []
    articles = {Path(a.path).stem: a for a in load_articles([str(folder)]).articles}
    leaks = []
    for item in noise:
        article = articles[item["source"]]
        quote = item["quote"]
        sentences = split_sentences(article)
        at = article.text.find(quote)
        while at >= 0:
            leaks += [s.text for s in sentences if _overlaps(s.start, s.end, at, at + len(quote))]
            at = article.text.find(quote, at + 1)
    assert leaks == []
