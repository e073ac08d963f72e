"""The sources manifest (`--sources FILE`): who published each article, where and when.

A CSV file with a header row, or a YAML list of mappings (optionally under `sources:`), with the
columns `path` (required; relative to the manifest's folder), `outlet`, `url`, `date` (a date, or a
date and time) and `title`. What it says wins over everything read from the articles themselves.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mineralcheck.errors import ConfigError
from mineralcheck.files.safeyaml import Node, read_nodes  # the one YAML reader with line numbers
from mineralcheck.read.folders import STDIN_PATH
from mineralcheck.read.outlets import SourceMeta, clean_title, to_date_time

COLUMNS = ("path", "outlet", "url", "date", "title")


@dataclass(frozen=True)
class Manifest:
    """The manifest's rows by the real path of the file they describe ("-" for stdin)."""

    path: str
    rows: dict[str, SourceMeta]

    def lookup(self, file: Path | None) -> SourceMeta | None:
        """What the manifest says about `file` (None: stdin), or None when it does not list it."""
        return self.rows.get(STDIN_PATH if file is None else _key(file))


def load(path: str | Path) -> Manifest:
    """Read and validate a manifest; raises ConfigError naming FILE:LINE for every problem found."""
    display = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(
            f"Sources manifest not found: {display}", tip="check the path given to --sources"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        cause = getattr(error, "strerror", None) or str(error)
        raise ConfigError(f"Cannot read the sources manifest {display}: {cause}") from None
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        records = _csv_records(text, display)
    elif suffix in (".yaml", ".yml"):
        records = _yaml_records(text, display)
    else:
        raise ConfigError(
            f"Cannot read the sources manifest {display}: expected a .csv, .yaml or .yml file",
            tip="write one row per article: path, outlet, url, date",
        )
    return _validate(records, display, Path(path).parent)


_Record = tuple[int, dict[str, tuple[int, Any]]]
"""(line of the row, {column: (line, value)})."""


def _csv_records(text: str, display: str) -> list[_Record]:
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        raise ConfigError(f"{display} is empty", tip="start with the header row: path,outlet,url,date")
    header = [h.strip().lower() for h in rows[0]]
    _check_columns(header, display, 1)
    records: list[_Record] = []
    line = 1
    for row in rows[1:]:
        line += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise ConfigError(
                f"{display}:{line}: {len(row)} cells, but the header names {len(header)} columns"
            )
        records.append((line, {h: (line, cell.strip()) for h, cell in zip(header, row, strict=False)}))
    return records


def _yaml_records(text: str, display: str) -> list[_Record]:
    root = read_nodes(text, display)
    if isinstance(root.value, dict) and set(root.value) == {"sources"}:
        root = root.value["sources"]
    if not isinstance(root.value, list):
        raise ConfigError(
            f"{display}:{root.line}: expected a list of sources (- path: …, outlet: …), "
            f"not {type(root.value).__name__}"
        )
    records: list[_Record] = []
    for item in root.value:
        if not isinstance(item, Node) or not isinstance(item.value, dict):
            raise ConfigError(f"{display}:{item.line}: each source must be a mapping (path: …, outlet: …)")
        assert item.key_lines is not None
        for key, line in item.key_lines.items():
            _check_columns([key.lower()], display, line)
        records.append((item.line, {k.lower(): (v.line, v.value) for k, v in item.value.items()}))
    return records


def _check_columns(names: list[str], display: str, line: int) -> None:
    for name in names:
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else f"; expected: {', '.join(COLUMNS)}"
            raise ConfigError(f"{display}:{line}: unknown column '{name}'{hint}")


def _validate(records: list[_Record], display: str, base: Path) -> Manifest:
    rows: dict[str, SourceMeta] = {}
    first_line: dict[str, int] = {}
    errors: list[str] = []
    for line, cells in records:
        given = cells.get("path", (line, None))[1]
        if given in (None, ""):
            errors.append(f"{display}:{line}: a source without `path`")
            continue
        given = str(given)
        file = base / given
        if given != STDIN_PATH and not file.exists():
            errors.append(f"{display}:{line}: no file {given} (paths are relative to the manifest's folder)")
            continue
        key = STDIN_PATH if given == STDIN_PATH else _key(file)
        if key in rows:
            errors.append(f"{display}:{line}: {given} is listed twice (first on line {first_line[key]})")
            continue
        meta = _row(cells, display, errors)
        if meta is not None:
            rows[key] = meta
            first_line[key] = line
    if errors:
        if len(errors) == 1:
            raise ConfigError(errors[0])
        raise ConfigError(f"{display} has {len(errors)} errors:\n  " + "\n  ".join(errors))
    return Manifest(display, rows)


def _row(cells: dict[str, tuple[int, Any]], display: str, errors: list[str]) -> SourceMeta | None:
    url_line, url = cells.get("url", (0, None))
    if url not in (None, "") and not str(url).lower().startswith(("http://", "https://")):
        errors.append(f"{display}:{url_line}: url {url!r} must start with http:// or https://")
        return None
    date_line, raw_date = cells.get("date", (0, None))
    day, clock = to_date_time(raw_date) if raw_date not in (None, "") else (None, None)
    if raw_date not in (None, "") and day is None:
        errors.append(f"{display}:{date_line}: cannot read the date {raw_date!r} (write it as 2024-03-12)")
        return None
    return SourceMeta(
        outlet=clean_title(cells.get("outlet", (0, None))[1]) or None,
        url=str(url) if url else None,
        title=clean_title(cells.get("title", (0, None))[1]) or None,
        date=day,
        time=clock,
    )


def _key(file: Path) -> str:
    try:
        return str(file.resolve())
    except OSError:
        return os.path.abspath(file)
