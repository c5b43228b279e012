"""The ``kztranscript`` command line.

Only this module and ``render`` talk to the terminal. Stages are imported inside the commands
so that ``kztranscript --version`` and ``--help`` start as fast as bare click.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from kztranscript import __version__
from kztranscript.errors import KzError

F = TypeVar("F", bound=Callable[..., Any])
PROG = "kztranscript"


def fail(message: str, code: int) -> None:
    """Print a one-line error to stderr and exit."""
    click.echo(f"{PROG}: error: {message}", err=True)
    sys.exit(code)


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
            hint = f" (see '{PROG} {exc.ctx.command.name} --help')" if exc.ctx else ""
            if exc.ctx is not None and exc.ctx.command is self:
                hint = f" (see '{PROG} --help')"
            fail(exc.format_message() + hint, 2)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            fail("aborted", 130)
        except KzError as exc:
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:  # `kztranscript show x | head`
            sys.stderr.close()
            sys.exit(0)
        code = rv if isinstance(rv, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


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


def script_argument(f: F) -> F:
    f = click.option(
        "--encoding",
        metavar="NAME",
        help="Text encoding of the script (default: detected; e.g. cp1251, koi8-r, cp866).",
    )(f)
    return click.argument(
        "script",
        type=click.Path(exists=True, dir_okay=False, allow_dash=True),
        metavar="SCRIPT",
    )(f)


@cli.command(
    epilog="\b\nExamples:\n  kztranscript show samples/24kz_un_human_rights_ru.txt\n"
    "  kztranscript show --json script.txt > script.json\n"
    "  cat script.txt | kztranscript show -"
)
@script_argument
@click.option("--json", "as_json", is_flag=True, help="Print the parsed script as JSON.")
def show(script: str, encoding: str | None, as_json: bool) -> int:
    """Show how SCRIPT parses: segments, speakers, credits and findings.

    SCRIPT is a text file in any common encoding, or - for standard input.
    """
    from kztranscript.parsing import parse
    from kztranscript.reading import read_file

    decoded = read_file(script, encoding)
    parsed = parse(decoded.text, source="<stdin>" if script == "-" else script)
    if as_json:
        from kztranscript.writers.transcript import write_script

        click.echo(write_script(parsed), nl=False)
        return 0
    from kztranscript.render import show_script

    show_script(parsed, decoded.encoding)
    return 0


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name=PROG)
