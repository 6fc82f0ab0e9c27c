"""qa/vocabulary.json, loaded once for the parser and the executor alike (the words of a measure
and of a question; see its `_note`)."""
from __future__ import annotations

import json
from importlib.resources import files

VOCAB: dict = json.loads(files("budgetqa.qa").joinpath("vocabulary.json").read_text("utf-8"))
