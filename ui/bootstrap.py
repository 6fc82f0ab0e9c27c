"""The app's workspaces: the user's own, and a demo workspace holding the bundled samples.

The user's workspace comes from the environment (BUDGETQA_WORKSPACE, else the default) and holds
only what she uploaded: the app never indexes the samples into it. The bundled samples live in a
demo workspace of their own — `BUDGETQA_DEMO_WORKSPACE`, else the folder `<workspace>-demo` beside
the user's — indexed the first time it is opened, with a progress bar, and removable (and asked back) with one click.

Each browser session views one of the two (`st.session_state[CHOICE_KEY]`): the user's when it
holds documents, else the demo. One `Workspace` object per folder is shared by every session
(`st.cache_resource`); a lock serialises the operations that write to it.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Callable

import streamlit as st

from budgetqa.core.settings import Settings
from budgetqa.extract.source import content_hash
from budgetqa.retrieval.workspace import IngestResult, Workspace

SAMPLES_DIR = Path(str(files("budgetqa.samples")))
# Written in the demo workspace once the samples were indexed there, so samples removed from
# the demo one by one do not come back on the next start (resetting the demo brings them back).
SEEDED_MARKER = ".app-samples-seeded"
DEMO_ENV = "BUDGETQA_DEMO_WORKSPACE"
CHOICE_KEY = "workspace_choice"
RADIO_KEY = "workspace_radio"
MINE, DEMO = "mine", "demo"
WORKSPACE_LABELS = {MINE: "我的工作区", DEMO: "示例工作区"}

Progress = Callable[[int, int, str], None]


@dataclass
class AppContext:
    settings: Settings
    ws: Workspace
    lock: threading.RLock = field(default_factory=threading.RLock)
    demo: bool = False

    @property
    def name(self) -> str:
        return WORKSPACE_LABELS[DEMO if self.demo else MINE]


def sample_paths() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("*.txt"))


def sample_ids() -> dict[str, str]:
    """doc_id -> file name of each bundled sample (the id is the content hash)."""
    return {content_hash(p.read_bytes()): p.name for p in sample_paths()}


def needs_samples(ws: Workspace) -> bool:
    """The demo workspace was never seeded (or its samples were asked back)."""
    return not (ws.root / SEEDED_MARKER).exists()


def seed_samples(ws: Workspace, on_progress: Progress | None = None) -> list[IngestResult]:
    """Index the bundled samples into a never-seeded (demo) workspace, one file at a time,
    `on_progress(done, total, name)` before each file and once at the end; else do nothing."""
    if not needs_samples(ws):
        return []
    paths = sample_paths()
    results: list[IngestResult] = []
    for i, p in enumerate(paths):
        if on_progress:
            on_progress(i, len(paths), p.name)
        results.extend(ws.ingest([p]))
    if on_progress:
        on_progress(len(paths), len(paths), "")
    (ws.root / SEEDED_MARKER).write_text("bundled samples were ingested once\n", "utf-8")
    return results


def samples_in(ws: Workspace) -> list[str]:
    """Doc ids of bundled samples found in `ws` (an older app version indexed them into every workspace)."""
    ids = sample_ids()
    return [r.doc_id for r in ws.docs() if r.doc_id in ids]


@st.cache_resource(show_spinner=False)
def _context(workspace: str, demo: bool) -> AppContext:
    settings = Settings().model_copy(update={"workspace": Path(workspace)})
    return AppContext(settings=settings, ws=Workspace.open(settings), demo=demo)


def current_workspace() -> str:
    """Resolved path of the user's workspace (what the environment asks for)."""
    return str(Path(Settings().workspace).expanduser().resolve())


def demo_workspace() -> str:
    """Resolved path of the demo workspace: $BUDGETQA_DEMO_WORKSPACE, else `<workspace>-demo`."""
    explicit = os.environ.get(DEMO_ENV, "").strip()
    if explicit:
        return str(Path(explicit).expanduser().resolve())
    return current_workspace() + "-demo"


def user_context() -> AppContext:
    return _context(current_workspace(), False)


def demo_context() -> AppContext:
    return _context(demo_workspace(), True)


def choice() -> str:
    """Which workspace this session views: the user's when it holds documents, else the demo."""
    if st.session_state.get(CHOICE_KEY) not in (MINE, DEMO):
        st.session_state[CHOICE_KEY] = MINE if user_context().ws.docs() else DEMO
    return st.session_state[CHOICE_KEY]


def switch_to(which: str) -> None:
    st.session_state[CHOICE_KEY] = which


def on_radio() -> None:
    """The sidebar's workspace radio changed: view that workspace from this run on."""
    switch_to(st.session_state[RADIO_KEY])


def _seed_with_progress(ctx: AppContext) -> None:
    box = st.empty()
    with box.container():
        st.info("首次打开示例工作区：正在索引内置的示例公开文件（只做一次）。", icon="⏳")
        bar = st.progress(0.0, text="准备索引示例……")

    def progress(done: int, total: int, name: str) -> None:
        text = f"正在解析并索引示例 {name}（{done + 1}/{total}）" if name else "示例已索引完成"
        bar.progress(done / max(total, 1), text=text)

    with ctx.lock:
        results = seed_samples(ctx.ws, progress)
    box.empty()
    failed = [r for r in results if r.status == "failed"]
    if failed:
        st.warning("部分示例文件未能索引：" + "；".join(r.message for r in failed))


def start() -> AppContext:
    """The context of the workspace this session views; the demo is seeded (with progress) on first use."""
    ctx = demo_context() if choice() == DEMO else user_context()
    if ctx.demo and needs_samples(ctx.ws):
        _seed_with_progress(ctx)
    return ctx


def clear_demo() -> int:
    """Remove every document from the demo workspace; they stay away until `reload_demo`."""
    ctx = demo_context()
    with ctx.lock:
        ids = [r.doc_id for r in ctx.ws.docs()]
        for doc_id in ids:
            ctx.ws.remove(doc_id)
    return len(ids)


def reload_demo() -> None:
    """Ask the samples back: the demo workspace is seeded again (with progress) on the next run."""
    (demo_context().ws.root / SEEDED_MARKER).unlink(missing_ok=True)
