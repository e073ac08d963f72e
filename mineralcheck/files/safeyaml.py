"""YAML from files we did not write (claims.yaml, a manifest, front matter), loaded within bounds.

The safe loader builds no Python objects, but it still follows the document: a few lines of aliases
(the "billion laughs") expand to billions of values, an alias can contain itself, and deep nesting
exhausts Python's stack. Here the document's values are counted first (by libyaml's parser when
PyYAML has it: a second for 10 MB, where composing them takes a minute), then it is composed with
its nesting bounded, then measured as it would be expanded (without expanding it) before anything
walks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from mineralcheck.errors import ConfigError

MAX_DEPTH = 50
"""Deepest nesting accepted; claims.yaml needs 5 levels, front matter 2 or 3."""
MAX_VALUES = 100_000
"""Most values (scalars, lists, mappings) a document may hold once its aliases are expanded."""


class BoundExceeded(yaml.MarkedYAMLError):
    """The document is nested too deeply, expands too far, or contains itself."""

    def __init__(self, problem: str, mark: Any) -> None:  # yaml.Mark, or libyaml's own Mark
        super().__init__(problem=problem, problem_mark=mark)


class TooManyValues(BoundExceeded):
    """The document as written, without any alias, holds more values than a hand-written file does."""


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader (plain data only) whose composer refuses nesting beyond MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # The composer recurses once per level: stop long before Python's stack does.
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise BoundExceeded(f"nested more than {MAX_DEPTH} levels deep: flatten the structure", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_VALUE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_FAST_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML was built with it (the wheels are), else the pure-Python one."""


def count_values(text: str) -> None:
    """Raise BoundExceeded when the document as written (aliases not expanded) holds more than
    MAX_VALUES values: a file that size is not a hand-written claims.yaml, and composing it would
    take minutes. Syntax errors and deep nesting are left to the composer, which names them."""
    values = depth = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return  # the composer refuses it, at the line it names
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, _VALUE_EVENTS):
                values += 1
                if values > MAX_VALUES:
                    raise TooManyValues(
                        f"more than {MAX_VALUES:,} values by this line, far more than a hand-written "
                        "file holds: is it the right file?",
                        event.start_mark,
                    )
    except TooManyValues:
        raise
    except yaml.YAMLError:
        return


def compose(loader: BoundedLoader, text: str) -> yaml.Node | None:
    """The loader's single document (`text`) as nodes, checked against the bounds (BoundExceeded)."""
    count_values(text)
    root = loader.get_single_node()
    if root is not None:
        check_expansion(root)
    return root


def load(text: str) -> Any:
    """yaml.safe_load within the bounds; raises yaml.YAMLError (BoundExceeded included)."""
    loader = BoundedLoader(text)
    try:
        root = compose(loader, text)
        return None if root is None else loader.construct_document(root)
    finally:
        loader.dispose()


def check_expansion(root: yaml.Node) -> None:
    """Raise BoundExceeded when `root`, with its aliases expanded, holds more than MAX_VALUES values,
    nests deeper than MAX_DEPTH, or contains itself.

    Aliases make the node graph a DAG in which one node is reached many times; sizes and depths are
    computed once per node (iteratively: a chain of aliases can be deeper than Python's stack).
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            open_nodes.discard(key)
            if size[key] > MAX_VALUES:
                raise BoundExceeded(
                    f"its aliases (*name) expand to more than {MAX_VALUES:,} values: "
                    "write the values out, or use fewer aliases",
                    node.start_mark,
                )
            if depth[key] > MAX_DEPTH:
                raise BoundExceeded(
                    f"its aliases (*name) nest more than {MAX_DEPTH} levels deep: flatten the structure",
                    node.start_mark,
                )
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise BoundExceeded("an alias (*name) refers to a value that contains it", node.start_mark)
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


# --- YAML with line numbers (claims.yaml, a sources manifest) ---------------------------------


@dataclass(frozen=True)
class Node:
    """A YAML value with the line it starts on; mappings keep each key's line."""

    value: Any
    """dict[str, Node] | list[Node] | a scalar (str, int, float, bool, date, None)."""
    line: int
    key_lines: dict[str, int] | None = None


def read_nodes(text: str, display: str) -> Node:
    """The YAML document `text` (named `display` in errors) as Nodes with their lines, within the
    bounds; every problem is a ConfigError naming `display` and the line."""
    loader = BoundedLoader(text)  # safe: plain data only, bounded nesting and aliases
    try:
        root = compose(loader, text)
        if root is None:
            raise ConfigError(f"{display} is empty", tip="start from: mineralcheck init ARTICLES...")
        return _convert(root, loader, display)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = error.problem or error.context or "invalid YAML"
        if isinstance(error, TooManyValues):  # valid YAML, only far too much of it
            raise ConfigError(f"{display}{line}: {problem}") from None
        raise ConfigError(f"{display}{line}: invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{display}: invalid YAML: {error}") from None
    finally:
        loader.dispose()


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _convert(node: yaml.Node, loader: yaml.SafeLoader, display: str) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN_TAGS:
        # Scalars with such tags are refused by the safe constructor; collections are checked here.
        raise ConfigError(f"{display}:{line}: invalid YAML: tag {node.tag} is not allowed (plain data only)")
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise ConfigError(f"{display}:{key_line}: keys must be text, not {key!r}")
            if key in values:
                raise ConfigError(
                    f"{display}:{key_line}: duplicate key '{key}' (first on line {lines[key]})",
                    tip="YAML would silently keep only the last one; remove or rename one of them.",
                )
            values[key] = _convert(value_node, loader, display)
            lines[key] = key_line
        return Node(values, line, lines)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, loader, display) for item in node.value], line)
    return Node(loader.construct_object(node, deep=True), line)
