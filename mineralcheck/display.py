"""Text from articles and file names made inert before a person's terminal or viewer shows it.

Articles are scraped from the web and file names come from anywhere: an escape sequence in either
can retitle the window, recolour or clear the screen, or hide text; a bidirectional override can
make a quote read backwards. Human formats (terminal, markdown, stderr) show every such character
as a visible escape (ESC as `\\x1b`, U+202E as `\\u202e`); printable text in any script, tabs and
line breaks are left exactly as they are. The JSON report keeps the text verbatim: its offsets
point into it.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

T = TypeVar("T")

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 and C1 controls (ESC, CSI, BEL, CR, ...) but tab and newline
    "\u2028\u2029"  # line and paragraph separators: line breaks some viewers honour, others not
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates ("Trojan source")
    "\ud800-\udfff"  # lone surrogates: bytes of a file name that is not valid UTF-8
    "]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every control, bidirectional-override and lone-surrogate character written as a
    visible escape; everything else (any script, emoji, tabs, newlines) unchanged."""
    return _UNSAFE.sub(_escape, text)


def inert_line(text: str) -> str:
    """inert(), and newlines escaped too: for one-line fields (a path, an id) where a line break
    would start a line that looks like mineralcheck's own output."""
    return inert(text).replace("\n", "\\n")


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_inert(text: str) -> str:
    """JSON (as json.dumps writes it, which already escapes C0 controls) with the other characters a
    terminal acts on written as \\u escapes: the same data for every JSON reader, and inert when
    someone runs `cat report.json`. Such characters only occur inside strings, where the escape
    is valid; a lone surrogate (a file name that is not UTF-8) reads back as the same name."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def inert_copy(value: T) -> T:
    """`value` with inert() applied to every string inside it: through frozen dataclasses, tuples,
    lists and dicts. Objects with nothing to change are returned as they are (no copies)."""
    return _inert(value)  # type: ignore[no-any-return]


def _inert(value: Any) -> Any:
    if isinstance(value, str):
        return inert(value) if _UNSAFE.search(value) else value
    if isinstance(value, tuple | list):
        items = [_inert(item) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, dict):
        pairs = {_inert(k): _inert(v) for k, v in value.items()}
        return pairs if any(k not in value or value[k] is not v for k, v in pairs.items()) else value
    names = _init_fields(type(value))
    if not names:  # numbers, dates, None: nothing to make inert
        return value
    changes = {}
    for name in names:
        old = getattr(value, name)
        new = _inert(old)
        if new is not old:
            changes[name] = new
    return replace(value, **changes) if changes else value


_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(kind: type) -> tuple[str, ...]:
    """The fields a dataclass is built from (none for anything else); one lookup per class."""
    names = _FIELDS.get(kind)
    if names is None:
        names = tuple(f.name for f in fields(kind) if f.init) if is_dataclass(kind) else ()
        _FIELDS[kind] = names
    return names
