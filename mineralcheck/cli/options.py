"""What the commands share: the exit-code epilog, the common options, project defaults as option
defaults, and the parsing of `check --report FORMAT=PATH`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from mineralcheck.errors import ExitCode
from mineralcheck.gate.formats import CheckFormat

EXIT_CODES = (
    "Exit codes: "
    f"{ExitCode.OK.value} = ran, nothing failed; "
    f"{ExitCode.FAILED.value} = ran and found what you asked to fail on (check: an expectation failed; "
    "compare --fail-on diverge: a divergence); "
    f"{ExitCode.ERROR.value} = could not do the job (usage, input, output, model or internal error, Ctrl-C)."
)
"""Shown under every command's --help; built from ExitCode so the two cannot drift apart."""


def _switches_show_no_value(params: list[Any]) -> list[Any]:
    """Leave the type column of a switch (--singles, --quiet, --help) empty in --help.

    typer prints `<bool>` beside every switch, which reads as if it took a value: users then write
    `--singles true`, and "true" is taken for an input path. An empty metavar shows nothing.
    """
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
    return params


class Command(TyperCommand):
    """A command whose --help shows switches as switches (see _switches_show_no_value)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _switches_show_no_value(super().get_params(ctx))


class Group(TyperGroup):
    """The `mineralcheck` group, with its switches (--version, --help) shown as switches."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _switches_show_no_value(super().get_params(ctx))


DebugOption = Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress display and no notes on stderr.")
]
ModelOption = Annotated[
    str, typer.Option("--model", help="Sentence-embedding model: a name or a local folder.")
]
SourcesOption = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        metavar="FILE",
        help="Sources manifest (CSV or YAML: path, outlet, url, date): who published each article, when.",
    ),
]

CONFIG_OPTIONS = {("init", "claims"): "--output"}
"""[tool.mineralcheck] keys set an option of the same name (`format` sets --format), except these:
`init` writes the claims file that `check` reads, under its --output."""


def config_defaults(group: object, command: str, settings: Mapping[str, Any]) -> dict[str, Any]:
    """`command`'s settings from the project's config as defaults of its parameters (a default_map):
    each key sets the option it names. A key the command has no option for is a bug, not a setting."""
    assert isinstance(group, TyperGroup)
    parameters = {
        option: param.name for param in group.commands[command].params for option in param.opts if param.name
    }
    return {parameters[config_option(command, key)]: value for key, value in settings.items()}


def config_option(command: str, key: str) -> str:
    """The option of `command` that the config key `key` sets the default of."""
    return CONFIG_OPTIONS.get((command, key), f"--{key}")


def report_specs(specs: list[str] | None) -> list[str] | None:
    """Validate --report FORMAT=PATH values at parse time (a bad one is a usage error, exit 2)."""
    for spec in specs or []:
        report_spec(spec)
    return specs


def report_spec(spec: str) -> tuple[CheckFormat, Path]:
    """FORMAT=PATH as the format and the path."""
    fmt, sep, path = spec.partition("=")
    choices = ", ".join(f.value for f in CheckFormat)
    if not sep or not path.strip():
        raise typer.BadParameter(f"expected FORMAT=PATH (e.g. junit=mineralcheck.xml), got {spec!r}")
    try:
        return CheckFormat(fmt.strip().lower()), Path(path.strip())
    except ValueError:
        raise typer.BadParameter(f"unknown format {fmt!r} in {spec!r}; choose from: {choices}") from None
