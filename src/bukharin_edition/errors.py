"""The edition's errors: each one a message for a scholar, never a traceback."""
from __future__ import annotations

import click


class EditionError(click.ClickException):
    """Base of every error the edition reports to its users."""

    exit_code = 1


class ManifestError(EditionError):
    """The manifest or the received file is not what the edition expects."""


class ConversionError(EditionError):
    """A source could not be encoded as TEI."""


class FidelityError(EditionError):
    """A TEI file's diplomatic text differs from its source."""


class ValidationError(EditionError):
    """A TEI file is not well-formed or breaks the edition's schema."""


class BuildError(EditionError):
    """The published edition could not be built."""


class FileProblem(ValidationError):
    """A TEI file that cannot be read as the edition's XML; knows its file, line and column."""

    def __init__(self, path, line: int, column: int, reason: str, rule: str = "xml") -> None:
        self.path, self.line, self.column, self.reason, self.rule = path, line, column, reason, rule
        super().__init__(f"{path}:{line}:{column}: {reason}")
