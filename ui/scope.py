"""The chat scoped to chosen documents: a view of the workspace that only sees them.

The answering pipeline reads the workspace through `docs()`, `disclosure()`, `source()` and
`search()` (qa/pipeline.py says so); this view narrows `docs()` and `search()` to the chosen
documents and passes everything else through, so nothing else can answer.
"""
from __future__ import annotations

from typing import Any

from budgetqa.core.errors import UserInputError
from budgetqa.retrieval.filters import SearchFilters
from budgetqa.retrieval.workspace import DocRecord, Workspace


class ScopedWorkspace:
    def __init__(self, ws: Workspace, doc_ids: list[str]):
        self._ws = ws
        self._ids = list(dict.fromkeys(doc_ids))

    @property
    def doc_ids(self) -> list[str]:
        return list(self._ids)

    def docs(self) -> list[DocRecord]:
        return [r for r in self._ws.docs() if r.doc_id in self._ids]

    def resolve(self, ref: str) -> DocRecord:
        rec = self._ws.resolve(ref)
        if rec.doc_id not in self._ids:
            raise UserInputError(f"'{ref}' is not among the documents the question is limited to")
        return rec

    def search(self, query: str, k: int = 8, filters: SearchFilters | None = None):
        f = filters or SearchFilters()
        ids = self._ids if f.doc_ids is None else [i for i in f.doc_ids if i in self._ids]
        if not ids:
            return []
        return self._ws.search(query, k=k, filters=f.model_copy(update={"doc_ids": ids}))

    def __getattr__(self, name: str) -> Any:  # disclosure, source, root, settings, …
        return getattr(self._ws, name)


def scoped(ws: Workspace, doc_ids: list[str] | None) -> Workspace | ScopedWorkspace:
    """`ws` itself when nothing is chosen (every document), else the view on the chosen ones."""
    return ScopedWorkspace(ws, doc_ids) if doc_ids else ws
