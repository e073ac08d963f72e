"""The command line: typer glue over the library (`mineralcheck`, `python -m mineralcheck`).

commands.py   compare, check and init: options -> one library call -> render -> exit code
options.py    what the commands share: common options, project defaults, the exit-code epilog
config.py     project defaults from [tool.mineralcheck] in pyproject.toml
stdio.py      stdin, stdout and stderr whatever they turn out to be; the signals that end a run
"""

from mineralcheck.cli.commands import app, main

__all__ = ["app", "main"]
