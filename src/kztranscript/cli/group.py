"""The ``kztranscript`` command group: one funnel from every error to a line and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from kztranscript import __version__
from kztranscript.errors import KzError, OptionsError, OutputExistsError, UnknownEncodingError

PROG = "kztranscript"
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def fail(message: str, code: int) -> None:
    """Print a one-line error to stderr and exit."""
    # one line, even for a file name with a line break in it
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")
    # a file name that is not UTF-8 keeps its bytes as \xNN (the terminal cannot show them)
    one_line = one_line.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    click.echo(f"{PROG}: error: {one_line}", err=True)
    sys.exit(code)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so flushing it at exit raises nothing more."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def flag(option: str) -> str:
    """The command-line flag of a library setting: ``sentence_pause`` → ``--sentence-pause``."""
    return "--" + option.replace("_", "-")


def message(exc: KzError) -> str:
    """A library error in the command line's words: the flag it concerns, what to type."""
    if isinstance(exc, OptionsError) and exc.option and exc.path is None:
        return f"{flag(exc.option)}: {exc}"
    if isinstance(exc, OptionsError) and exc.option:  # a script the setting does not fit
        return f"{exc} ({flag(exc.option)})"
    if isinstance(exc, OutputExistsError):
        return f"{exc}; use --force to overwrite"
    if isinstance(exc, UnknownEncodingError):
        return f"{exc} with --encoding"
    return str(exc)


class KzGroup(click.Group):
    """A group that turns every user error into one line on stderr and an exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            if exc.__class__.__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
                click.echo(exc.ctx.get_help())  # bare `kztranscript`: help, not an error
                sys.exit(0)
            hint = f" (see '{PROG} {exc.ctx.command.name} --help')" if exc.ctx else ""
            if exc.ctx is not None and exc.ctx.command is self:
                hint = f" (see '{PROG} --help')"
            fail(exc.format_message() + hint, 2)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            fail("aborted", 130)
        except KzError as exc:
            fail(message(exc), exc.exit_code)
        except _PipeClosed:  # `kztranscript show x | head`: the reader had enough
            _quiet_stdout()
            sys.exit(0)
        except OSError as exc:  # stdout on a full disk (`show x > /dev/full`)
            _quiet_stdout()
            fail(f"cannot write the output ({exc.strerror or exc})", 1)
        code = rv if isinstance(rv, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # click would make this exit 1
            raise _PipeClosed() from None


class _PipeClosed(Exception):
    """Standard output's reader closed it (``| head``): not an error."""


@click.group(cls=KzGroup, context_settings=CONTEXT)
@click.version_option(
    __version__, "-V", "--version", prog_name=PROG, message="%(prog)s %(version)s"
)
def cli() -> None:
    """Turn TV news scripts into captions, lower-thirds and transcripts.

    A script is the text of a news package: a lead, voice-over, and direct speech introduced
    by 'Name Surname, title:' markers, in Russian, Kazakh or English.

    \b
    Example:
      kztranscript show samples/24kz_un_human_rights_ru.txt
    """
