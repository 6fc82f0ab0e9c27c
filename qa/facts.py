"""One document as the answerer reads it: the fact catalog extract/ built and stored at ingest
(`Disclosure.catalog`), with the parsed model and the stored source lines a citation quotes.

Nothing here parses figures: the catalog is the parser's (budgetqa.extract.facts). A model
stored by a version without a catalog gets one built once, on first use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from budgetqa.core.mentions import states_number
from budgetqa.core.normalize import norm, squash
from budgetqa.extract.facts import (TABLE_ORDER, Fact, FactCatalog, ListBlock, build_catalog,  # noqa: F401
                                    cite_figure)
from budgetqa.extract.models import Disclosure, Paragraph
from budgetqa.extract.source import SourceDoc


@dataclass
class DocFacts:
    doc_id: str
    source: str
    d: Disclosure
    src: SourceDoc
    catalog: FactCatalog = field(default_factory=FactCatalog)

    @property
    def facts(self) -> list[Fact]:
        return self.catalog.facts

    @property
    def lists(self) -> list[ListBlock]:
        return self.catalog.lists

    @property
    def goals(self) -> list[Paragraph]:
        return self.catalog.goals

    @cached_property
    def text(self) -> str:
        """The whole document, squashed, for presence checks."""
        return squash(norm(self.src.text()))

    @property
    def passages(self) -> list[Paragraph]:
        """Every prose passage: the document's paragraphs and the goals written in its 绩效 tables."""
        return list(self.d.paragraphs) + self.goals

    def line(self, n: int) -> str:
        return self.src.lines[n - 1].text if 0 < n <= len(self.src.lines) else ""


def doc_view(d: Disclosure, src: SourceDoc) -> DocFacts:
    """The answerer's view of one stored document (its catalog built here only for a model
    stored without one)."""
    catalog = d.catalog if d.catalog is not None else build_catalog(d, src)
    return DocFacts(doc_id=d.doc_id, source=d.source_name, d=d, src=src, catalog=catalog)


def _loc(src: SourceDoc, n: int) -> str:
    if 0 < n <= len(src.lines):
        return str(src.lines[n - 1].loc)
    return f"line {n}"


def find_value_lines(df: DocFacts, value: float, near: list[str], limit: int = 2) -> list[tuple[str, str]]:
    """Prose lines that state `value` (as written) next to one of the words in `near`."""
    hits = []
    for n, line in enumerate(df.src.lines, start=1):
        if not states_number(line.text, value) or not re.search(r"[，。；：]|万元", line.text):
            continue
        ctx = squash(df.line(n - 2) + df.line(n - 1) + line.text)
        score = sum(1 for w in near if w and squash(w) in ctx)
        if score:
            hits.append((score, n))
    hits.sort(key=lambda x: (-x[0], x[1]))
    out = []
    for _, n in hits[:limit]:
        lines = [k for k in (n - 2, n - 1, n) if k > 0 and df.line(k).strip()]
        out.append((_loc(df.src, n), "\n".join(df.line(k) for k in lines[-2:])))
    return out
