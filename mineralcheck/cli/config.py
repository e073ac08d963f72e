"""Project defaults from `[tool.mineralcheck]` in pyproject.toml; options on the command line win.

Found the way ruff finds its configuration: the nearest pyproject.toml from the working directory
upward that has a `[tool.mineralcheck]` table (a pyproject.toml without one is passed over).

    [tool.mineralcheck]
    model = "models/minilm"      # compare, check, init
    sources = "sources.csv"      # compare, check, init: the sources manifest
    claims = "ci/claims.yaml"    # check, and where init writes
    fail-on = "warning"          # check
    format = "markdown"          # compare and check

    [tool.mineralcheck.compare]  # a command's own table wins over the top level
    format = "html"

Paths are relative to the folder of the pyproject.toml. Every key is checked: an unknown key, a
wrong type or a value the command does not accept is an error naming the file and the table.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from mineralcheck.errors import ConfigError
from mineralcheck.gate.formats import CheckFormat
from mineralcheck.gate.results import FailOn
from mineralcheck.report import ReportFormat

TABLE = "tool.mineralcheck"
PATH_KEYS = frozenset({"sources", "claims"})
CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "compare": {"format": tuple(f.value for f in ReportFormat)},
    "check": {"format": tuple(f.value for f in CheckFormat), "fail-on": get_args(FailOn)},
    "init": {},
}
COMMAND_KEYS: dict[str, tuple[str, ...]] = {
    "compare": ("model", "sources", "format"),
    "check": ("model", "sources", "claims", "fail-on", "format"),
    "init": ("model", "sources", "claims"),
}
TOP_KEYS = tuple(sorted({k for keys in COMMAND_KEYS.values() for k in keys}))


@dataclass(frozen=True)
class Config:
    """The `[tool.mineralcheck]` table of one pyproject.toml (or none: `path` is None)."""

    path: Path | None = None
    top: Mapping[str, Any] = field(default_factory=dict)
    commands: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def settings(self, command: str) -> dict[str, Any]:
        """The defaults for `command`: its own table over the top level; paths made absolute."""
        keys = COMMAND_KEYS[command]
        chosen = {k: v for k, v in self.top.items() if k in keys}
        chosen.update(self.commands.get(command, {}))
        for key, value in chosen.items():
            allowed = CHOICES[command].get(key)
            if allowed is not None and value not in allowed:
                where = f"[{TABLE}.{command}]" if key in self.commands.get(command, {}) else f"[{TABLE}]"
                takers = [c for c, spec in CHOICES.items() if value in spec.get(key, ())]
                raise ConfigError(
                    f"{self.path}: {where} {key} = {value!r} is not a `{command}` {key}; "
                    f"expected one of: {', '.join(allowed)}",
                    tip=" or ".join(f"[{TABLE}.{c}]" for c in takers) + " is where it belongs"
                    if takers
                    else None,
                )
        return {k: self._resolved(k, v) for k, v in chosen.items()}

    def _resolved(self, key: str, value: str) -> Any:
        assert self.path is not None
        here = self.path.parent / value
        if key in PATH_KEYS:
            return here
        # A model is a name or a folder; a folder is found beside the pyproject.toml.
        return str(here) if key == "model" and here.exists() else value


def find(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml at or above `start` (default: the working directory) with our table."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        file = candidate / "pyproject.toml"
        if file.is_file() and _has_table(file):
            return file
    return None


def load(start: Path | None = None) -> Config:
    """The configuration that applies at `start` (validated), or an empty one when there is none."""
    file = find(start)
    if file is None:
        return Config()
    table = _table(_parse(file))
    assert table is not None
    return _validate(file, table)


def _has_table(file: Path) -> bool:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # A file that never says "mineralcheck" cannot hold our table: do not fail on someone else's TOML.
    return "mineralcheck" in text and _table(_parse(file, text)) is not None


def _parse(file: Path, text: str | None = None) -> dict[str, Any]:
    try:
        return tomllib.loads(text if text is not None else file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{file}: invalid TOML: {error}", tip="fix the syntax, or check it with any TOML linter"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"Cannot read {file}: {getattr(error, 'strerror', None) or error}") from None


def _table(document: dict[str, Any]) -> Any:
    tool = document.get("tool")
    return tool.get("mineralcheck") if isinstance(tool, dict) else None


def _validate(file: Path, table: Any) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: [{TABLE}] must be a table of settings, not {type(table).__name__}")
    top: dict[str, Any] = {}
    commands: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        if key in COMMAND_KEYS:
            if not isinstance(value, dict):
                raise ConfigError(f"{file}: [{TABLE}] {key} must be a table ([{TABLE}.{key}])")
            commands[key] = _settings(file, f"{TABLE}.{key}", value, COMMAND_KEYS[key])
        else:
            top.update(_settings(file, TABLE, {key: value}, TOP_KEYS + tuple(COMMAND_KEYS)))
    return Config(file, top, commands)


def _settings(file: Path, where: str, values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
            raise ConfigError(f"{file}: unknown key '{key}' in [{where}]; {hint}")
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"{file}: [{where}] {key} must be a non-empty string, not {value!r}",
                tip=f'for example: {key} = "{_example(key)}"',
            )
        choices = {c for spec in CHOICES.values() for c in spec.get(key, ())}
        if choices and value not in choices:
            expected = ", ".join(sorted(choices))
            raise ConfigError(
                f"{file}: [{where}] {key} = {value!r} is not valid; expected one of: {expected}"
            )
        out[key] = value
    return out


def _example(key: str) -> str:
    return {"model": "all-MiniLM-L6-v2", "sources": "sources.csv", "claims": "claims.yaml"}.get(
        key, "markdown" if key == "format" else "error"
    )
