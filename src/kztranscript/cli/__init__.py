"""The ``kztranscript`` command line: the only place that speaks in flags and exit codes.

``group`` holds the command group and the one funnel from errors to messages; ``options``
the option bundles the commands share; ``commands``, ``captions`` (caption files) and
``batch`` the commands. Stages are
imported inside the commands so that ``kztranscript --version`` and ``--help`` start as fast
as bare click.
"""

from __future__ import annotations

from kztranscript.cli import batch, captions, commands
from kztranscript.cli.group import PROG, cli

__all__ = ["PROG", "batch", "captions", "cli", "commands", "main"]


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name=PROG)
