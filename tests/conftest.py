import os
from pathlib import Path

from hypothesis import settings

settings.register_profile("ci", max_examples=400, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "24kz_un_human_rights_ru.txt"
