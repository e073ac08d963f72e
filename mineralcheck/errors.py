"""Every error mineralcheck raises on purpose; str(error) is the sentence a user reads.

Exit codes live here too, so the CLI, the docs and the tests share one definition.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit status of every command."""

    OK = 0
    """Ran, and nothing failed at or above the --fail-on level."""
    FAILED = 1
    """Ran, and found what the user asked to fail on (an expectation of claims.yaml failed)."""
    ERROR = 2
    """Could not do the job: usage, input, config, model or internal error (also Ctrl-C)."""


class MineralcheckError(Exception):
    """Base of all expected errors. The message names the input, the cause and the fix."""

    exit_code = ExitCode.ERROR

    def __init__(self, message: str, *, tip: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.tip = tip

    def __str__(self) -> str:
        return self.message


class InputError(MineralcheckError):
    """An input path is missing, unreadable, empty of articles, or otherwise unusable."""


class OutputError(MineralcheckError):
    """A report cannot be written where the user asked."""


class ConfigError(MineralcheckError):
    """claims.yaml (or another config file) is invalid; the message carries FILE:LINE."""


class ModelError(MineralcheckError):
    """The embedding or language model cannot be loaded offline."""
