"""Prompt files under `prompts/`, rendered with declared variables and nothing else.

A prompt file looks like::

    ---
    variables: question, evidence
    ---
    === system ===
    ... text with {question} ...
    === user ===
    ... {evidence} ...

`{name}` is a placeholder, `{{` and `}}` are literal braces, any other brace is an error.
The placeholders used must equal the declared variables (checked when loading), and
`render` fails on a missing or an unknown variable, so a typo never reaches a model.
Values are substituted in one pass: braces inside evidence text are never re-read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

PROMPTS_DIR = Path(str(files("budgetqa.prompts")))
ROLES = ("system", "user", "assistant")

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|[{}]")
_PART = re.compile(r"^=== (system|user|assistant) ===[ \t]*$", re.M)


class PromptError(ValueError):
    """A prompt file or a render call is wrong: a bug in our code or prompt, not user input."""


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    variables: frozenset[str]
    parts: tuple[tuple[str, str], ...]      # (role, template text)

    def render(self, **values: object) -> list[tuple[str, str]]:
        missing = self.variables - values.keys()
        unknown = values.keys() - self.variables
        if missing or unknown:
            raise PromptError(
                f"prompt {self.name!r}: "
                + (f"missing variable(s) {sorted(missing)}" if missing else "")
                + ("; " if missing and unknown else "")
                + (f"unknown variable(s) {sorted(unknown)}" if unknown else "")
                + f" (declared: {sorted(self.variables)})")
        return [(role, _substitute(text, values, self.name)) for role, text in self.parts]


def _placeholders(text: str, name: str) -> set[str]:
    found = set()
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok in ("{{", "}}"):
            continue
        if m.group(1) is None:
            line = text.count("\n", 0, m.start()) + 1
            raise PromptError(f"prompt {name!r}: stray {tok!r} in part line {line}; write {tok * 2!r} for a literal brace")
        found.add(m.group(1))
    return found


def _substitute(text: str, values: dict[str, object], name: str) -> str:
    def rep(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "{{":
            return "{"
        if tok == "}}":
            return "}"
        return str(values[m.group(1)])

    return _TOKEN.sub(rep, text)


def parse_prompt(name: str, source: str) -> PromptTemplate:
    """Parse a prompt file's text; raises PromptError when it is malformed."""
    if not source.startswith("---\n"):
        raise PromptError(f"prompt {name!r}: must start with a '---' header declaring 'variables:'")
    try:
        header, body = source[4:].split("\n---\n", 1)
    except ValueError:
        raise PromptError(f"prompt {name!r}: header is not closed by a '---' line") from None
    meta = dict(line.split(":", 1) for line in header.splitlines() if ":" in line)
    if "variables" not in meta:
        raise PromptError(f"prompt {name!r}: header lacks 'variables:'")
    declared = frozenset(v.strip() for v in meta["variables"].split(",") if v.strip())

    marks = list(_PART.finditer(body))
    if not marks:
        raise PromptError(f"prompt {name!r}: no '=== system ===' / '=== user ===' part")
    parts = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        parts.append((m.group(1), body[m.end():end].strip("\n")))

    used: set[str] = set()
    for _, text in parts:
        used |= _placeholders(text, name)
    if used != declared:
        raise PromptError(
            f"prompt {name!r}: placeholders {sorted(used)} differ from declared variables {sorted(declared)}")
    return PromptTemplate(name, declared, tuple(parts))


@lru_cache(maxsize=None)
def load(name: str) -> PromptTemplate:
    path = PROMPTS_DIR / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"no prompt file {path}")
    return parse_prompt(name, path.read_text(encoding="utf-8"))


def render(name: str, **values: object) -> list[tuple[str, str]]:
    """Render prompts/<name>.md into (role, text) messages; fails on missing/unknown variables."""
    return load(name).render(**values)
