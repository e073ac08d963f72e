"""YAML from files we did not write: plain data within bounds of nesting and alias expansion."""

from __future__ import annotations

import time

import pytest
import yaml

from mineralcheck.files import safeyaml
from mineralcheck.files.safeyaml import MAX_DEPTH, BoundExceeded, TooManyValues

LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
)


def test_plain_yaml_loads_as_safe_load_does() -> None:
    text = "a: &x [1, 2]\nb: *x\nc: {d: 2015-07-28, e: text}\n"
    assert safeyaml.load(text) == yaml.safe_load(text)


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    started = time.monotonic()
    with pytest.raises(BoundExceeded, match="expand to more than 100,000 values") as caught:
        safeyaml.load(LAUGHS)
    assert time.monotonic() - started < 2
    assert (
        caught.value.problem_mark is not None and caught.value.problem_mark.line == 5
    )  # f, the first too big


def test_a_document_of_too_many_plain_values_is_refused_fast_for_what_it_is() -> None:
    # No alias at all: the reason is its size, and it is found without composing the document.
    text = "claims:\n" + "".join(f"  - {{id: c{k}, match: fact {k}}}\n" for k in range(40_000))
    started = time.monotonic()
    with pytest.raises(TooManyValues, match="more than 100,000 values by this line") as caught:
        safeyaml.load(text)
    assert time.monotonic() - started < 3
    assert caught.value.problem_mark is not None and caught.value.problem_mark.line == 20_000
    assert "alias" not in str(caught.value)


def test_nesting_deeper_than_the_bound_is_refused_without_recursing() -> None:
    assert safeyaml.load("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(BoundExceeded, match="nested more than 50 levels deep"):
        safeyaml.load("[" * 100_000 + "]" * 100_000)


def test_a_chain_of_aliases_deeper_than_the_bound_is_refused() -> None:
    chain = "a0: &a0 [x]\n" + "".join(f"a{k}: &a{k} [*a{k - 1}]\n" for k in range(1, 5000))
    with pytest.raises(BoundExceeded, match="nest more than 50 levels deep"):
        safeyaml.load(chain)


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a [[x, [*a]]]\n"])
def test_an_alias_inside_itself_is_refused(text: str) -> None:
    with pytest.raises(BoundExceeded, match="refers to a value that contains it"):
        safeyaml.load(text)


def test_python_tags_stay_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        safeyaml.load("!!python/object/apply:os.system ['true']")
