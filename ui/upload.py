"""Ingest uploaded files one by one, each with its own result; a bad file never stops the rest.

The workspace commits a document only when it parsed and indexed completely, so a failed
upload leaves the index exactly as it was.
"""
from __future__ import annotations

from typing import Callable, Iterable

from budgetqa.core.errors import BudgetQAError
from budgetqa.retrieval.workspace import IngestResult, Workspace

ACCEPTED_TYPES = ["pdf", "txt", "md", "xlsx"]

Progress = Callable[[int, int, str], None]


def ingest_uploads(ws: Workspace, files: Iterable[tuple[str, bytes]],
                   on_progress: Progress | None = None) -> list[IngestResult]:
    """(name, bytes) pairs -> one IngestResult each; `on_progress(done, total, name)` before each file."""
    items = list(files)
    results: list[IngestResult] = []
    for i, (name, data) in enumerate(items):
        if on_progress:
            on_progress(i, len(items), name)
        try:
            results.append(ws.ingest_bytes(name, data))
        except BudgetQAError as err:  # e.g. the store refused the write: this file only
            results.append(IngestResult(path=name, status="failed", message=str(err)))
    if on_progress:
        on_progress(len(items), len(items), "")
    return results


def summary(results: list[IngestResult]) -> str:
    n = {s: sum(r.status == s for r in results) for s in ("indexed", "already indexed", "failed")}
    return f"新索引 {n['indexed']} 个，已在索引中 {n['already indexed']} 个，失败 {n['failed']} 个"
