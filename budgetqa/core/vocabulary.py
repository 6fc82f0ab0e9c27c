"""The vocabulary data file (vocabulary.json): aliases, synonyms, region short forms, office
endings and units, loaded once. Code reads the words from here, never from literals."""
from __future__ import annotations

import json
from importlib.resources import files

VOCABULARY: dict = json.loads(files("budgetqa.core").joinpath("vocabulary.json").read_text("utf-8"))
