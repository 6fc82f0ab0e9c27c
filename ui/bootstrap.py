"""The app's shared workspace: opened once per server process, seeded with the bundled samples.

The workspace comes from the environment (BUDGETQA_WORKSPACE, else the default), so tests
point the app at a temp dir. One `Workspace` object is shared by every browser session
(`st.cache_resource`); a lock serialises the operations that write to it.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import streamlit as st

from budgetqa.core.settings import Settings
from budgetqa.retrieval.workspace import IngestResult, Workspace

SAMPLES_DIR = Path(str(files("budgetqa.samples")))
# Written once the samples were offered to this workspace, so a user who removes them
# does not get them back on the next start.
SEEDED_MARKER = ".app-samples-seeded"


@dataclass
class AppContext:
    settings: Settings
    ws: Workspace
    lock: threading.RLock = field(default_factory=threading.RLock)


def sample_paths() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("*.txt"))


def needs_samples(ws: Workspace) -> bool:
    return not ws.docs() and not (ws.root / SEEDED_MARKER).exists()


def seed_samples(ws: Workspace) -> list[IngestResult]:
    """Index the bundled samples into an empty, never-seeded workspace; else do nothing."""
    if not needs_samples(ws):
        return []
    results = ws.ingest(sample_paths())
    (ws.root / SEEDED_MARKER).write_text("bundled samples were ingested once\n", "utf-8")
    return results


@st.cache_resource(show_spinner=False)
def _context(workspace: str) -> AppContext:
    settings = Settings().model_copy(update={"workspace": Path(workspace)})
    return AppContext(settings=settings, ws=Workspace.open(settings))


def current_workspace() -> str:
    """Resolved path of the workspace the environment asks for (the cache key)."""
    return str(Path(Settings().workspace).expanduser().resolve())


def start() -> AppContext:
    """The shared context; on first use of an empty workspace, index the samples with a spinner."""
    ctx = _context(current_workspace())
    if needs_samples(ctx.ws):
        with ctx.lock, st.spinner("首次启动：正在索引内置的示例公开文件……"):
            results = seed_samples(ctx.ws)
        failed = [r for r in results if r.status == "failed"]
        if failed:
            st.warning("部分示例文件未能索引：" + "；".join(r.message for r in failed))
    return ctx
