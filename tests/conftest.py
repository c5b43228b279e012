import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from kztranscript import __version__

settings.register_profile("ci", max_examples=400, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
# before a release, or after touching the caption rules: HYPOTHESIS_PROFILE=soak
settings.register_profile("soak", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "24kz_un_human_rights_ru.txt"
GOLDEN = DATA / "golden"
# Goldens are stored with this version in them, so a release does not rewrite them all.
GOLDEN_VERSION = b"0.1.0"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/data/golden/ from the code under test (review the diff after).",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, bytes], None]:
    """``golden(name, data)``: data equals tests/data/golden/<name> byte for byte, or, with
    ``pytest --update-goldens``, becomes it."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, data: bytes) -> None:
        data = data.replace(__version__.encode(), GOLDEN_VERSION)
        path = GOLDEN / name
        if update:
            path.write_bytes(data)
            return
        assert data == path.read_bytes(), (
            f"{name} differs from its golden; after review, `pytest --update-goldens` rewrites it"
        )

    return check


def cli_run(*args: str):  # type: ignore[no-untyped-def]
    """The command line in process (stdout and stderr apart)."""
    from click.testing import CliRunner

    from kztranscript.cli import cli

    return CliRunner().invoke(cli, list(args))
