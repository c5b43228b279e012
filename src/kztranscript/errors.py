"""One exception hierarchy for every error a user can cause.

Every error carries the ``path`` of the input, the 1-based ``line`` when one is known, and a
one-line ``reason``; ``str(err)`` renders ``path:line: reason``. Errors pickle, so batch workers
can send them across processes.
"""

from __future__ import annotations

from typing import Any


class KzError(Exception):
    """Base of all kztranscript errors. ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, reason: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(reason, path, line)
        self.reason = reason
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return where + self.reason

    def __reduce__(self) -> tuple[type[KzError], tuple[Any, ...]]:
        return (type(self), (self.reason, self.path, self.line))


class InputError(KzError):
    """The input cannot be read as a script (exit 1)."""


class EmptyInputError(InputError):
    """The input is empty or holds only whitespace."""


class BinaryInputError(InputError):
    """The input is not text (NUL bytes, or a binary format)."""


class DecodingError(InputError):
    """The bytes cannot be decoded in the given or any detected encoding."""


class UnknownEncodingError(DecodingError):
    """No encoding reads the bytes as text: the user has to name it."""


class UsageError(KzError):
    """A bad command line: options that do not go together (exit 2). Raised by the CLI; the
    library raises ``OptionsError``, which names no command-line flag."""

    exit_code = 2


class OutputError(KzError):
    """An output cannot be written (exit 1); nothing partial is left behind."""


class OutputExistsError(OutputError):
    """An output file exists and overwriting it was not asked for."""


class OptionsError(KzError):
    """Options the library cannot work with (exit 2).

    ``option`` names the setting in the library's words (``"duration"``, ``"start"``), never a
    command-line flag: the CLI maps it to its flag.
    """

    exit_code = 2

    def __init__(
        self, reason: str, path: str | None = None, line: int | None = None, option: str = ""
    ) -> None:
        super().__init__(reason, path, line)
        self.option = option

    def __reduce__(self) -> tuple[type[KzError], tuple[Any, ...]]:
        return (type(self), (self.reason, self.path, self.line, self.option))


class ConventionsError(OptionsError):
    """A newsroom conventions file that cannot be used (path, line, the key at fault)."""
