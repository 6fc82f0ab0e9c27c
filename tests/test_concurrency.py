"""Several processes on one workspace: writers queue on the write lock, readers never harm a writer.

The CLI runs in real subprocesses (`python -m budgetqa.cli`), as a user's shells or the app would.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from budgetqa.core.errors import WorkspaceBusyError
from budgetqa.core.settings import Settings
from budgetqa.retrieval import workspace as workspace_mod
from budgetqa.retrieval.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CJ = SAMPLES / "000_fbfe44e17c8967fa.txt"     # 昌吉州 2024 预算
BZ = SAMPLES / "002_e49850479605d5c8.txt"     # 巴州 2025 预算
WLMQ24 = SAMPLES / "003_606eb66e1c061dbe.txt"  # 乌鲁木齐 2024 决算
WLMQ25 = SAMPLES / "004_ad81c3092455a930.txt"  # 乌鲁木齐 2025 预算


def _env() -> dict:
    env = dict(os.environ, BUDGETQA_TESTING="1", PYTHONUNBUFFERED="1")
    for var in ("BUDGETQA_WORKSPACE", "BUDGETQA_CHROMA_URL", "BUDGETQA_EMBEDDING"):
        env.pop(var, None)
    return env


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "budgetqa.cli", *args]


def _cli(ws: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(_cmd(*args, "--workspace", str(ws)), capture_output=True, text=True,
                          env=_env(), timeout=timeout)


def _docs(ws: Path) -> list[dict]:
    r = _cli(ws, "docs", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _variants(src: Path, out: Path, n: int) -> list[Path]:
    """`n` copies of a sample with a few characters changed: same disclosure, new content hash."""
    out.mkdir(parents=True, exist_ok=True)
    text = src.read_text("utf-8")
    paths = []
    for i in range(n):
        p = out / f"{src.stem}_v{i}.txt"
        p.write_text(text + f"\n（本文件副本 {i}）\n", "utf-8")
        paths.append(p)
    return paths


def _ask(ws: Path, question: str) -> dict:
    r = _cli(ws, "ask", question, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _assert_consistent(ws: Path, docs: list[dict]) -> None:
    """Every registered document has its parsed model and stored text."""
    for d in docs:
        assert (ws / "docs" / f"{d['doc_id']}.json.gz").exists(), f"{d['source']}: parsed model missing"
        assert (ws / "docs" / f"{d['doc_id']}.source.json.gz").exists(), f"{d['source']}: stored text missing"


@pytest.mark.slow
def test_two_concurrent_ingests_keep_every_document(tmp_path):
    ws = tmp_path / "ws"
    set_a = [CJ, BZ, *_variants(CJ, tmp_path / "a", 4), *_variants(BZ, tmp_path / "a", 4)]
    set_b = [WLMQ24, WLMQ25, *_variants(WLMQ24, tmp_path / "b", 4), *_variants(WLMQ25, tmp_path / "b", 4)]
    procs = [subprocess.Popen(_cmd("ingest", "--keep-duplicates", *map(str, files), "--json", "--workspace", str(ws)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
             for files in (set_a, set_b)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert all(r["status"] == "indexed" for r in json.loads(out)), out

    docs = _docs(ws)
    assert sorted(d["source"] for d in docs) == sorted(f.name for f in set_a + set_b)
    _assert_consistent(ws, docs)
    assert not (ws / "pending.json").exists()

    r = _cli(ws, "search", "三公经费", "--k", "20", "--json")
    assert r.returncode == 0, r.stderr
    sources = {h["source"] for h in json.loads(r.stdout)["hits"]}
    assert sources & {f.name for f in set_a} and sources & {f.name for f in set_b}

    a = _ask(ws, "昌吉州科学技术局2024年三公经费多少")
    assert a["found"] and a["doc"] in {f.name for f in set_a if f.name.startswith(CJ.stem)}, a
    b = _ask(ws, "乌鲁木齐市科学技术局2025年三公经费多少")
    assert b["found"] and b["doc"] in {f.name for f in set_b if f.name.startswith(WLMQ25.stem)}, b


@pytest.mark.slow
def test_readers_during_an_ingest_do_not_harm_it(tmp_path):
    ws = tmp_path / "ws"
    assert _cli(ws, "ingest", str(CJ)).returncode == 0  # committed before the ingest below
    files = [BZ, *_variants(BZ, tmp_path / "in", 9)]
    ingest = subprocess.Popen(_cmd("ingest", "--keep-duplicates", *map(str, files), "--json", "--workspace", str(ws)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    reads = 0
    saw_journal = False
    try:
        while ingest.poll() is None:
            saw_journal |= (ws / "pending.json").exists()
            docs = _docs(ws)
            assert CJ.name in {d["source"] for d in docs}
            _assert_consistent(ws, docs)
            r = _cli(ws, "search", "三公经费", "--k", "5", "--json")
            assert r.returncode == 0, r.stderr
            assert json.loads(r.stdout)["hits"]
            reads += 1
        out, err = ingest.communicate(timeout=600)
    finally:
        if ingest.poll() is None:
            ingest.kill()
    assert ingest.returncode == 0, err
    assert all(r["status"] == "indexed" for r in json.loads(out)), out
    assert reads >= 2

    docs = _docs(ws)
    assert sorted(d["source"] for d in docs) == sorted(f.name for f in [CJ, *files])
    _assert_consistent(ws, docs)
    a = _ask(ws, "巴州科学技术局2025年三公经费多少")
    assert a["found"] and a["doc"] in {f.name for f in files}, a


# a writer paused inside its commit: models and vectors written, journal present, registry not yet
_PAUSED_WRITER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from budgetqa.core.settings import Settings
    from budgetqa.retrieval.lexical import LexicalIndex
    from budgetqa.retrieval.workspace import Workspace

    ws_dir, path, flags = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    orig = LexicalIndex.add

    def paused_add(self, *a, **kw):
        orig(self, *a, **kw)
        (flags / "paused").write_text("x")
        t0 = time.time()
        while not (flags / "go").exists() and time.time() - t0 < 120:
            time.sleep(0.05)

    LexicalIndex.add = paused_add
    ws = Workspace.open(Settings(workspace=ws_dir))
    print(json.dumps([r.model_dump() for r in ws.ingest([Path(path)])]))
""")


def _wait_for(p: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    t0 = time.time()
    while not p.exists():
        assert proc.poll() is None, proc.communicate()[1]
        assert time.time() - t0 < timeout, f"{p} never appeared"
        time.sleep(0.05)


@pytest.mark.slow
def test_opening_during_a_live_commit_leaves_its_journal_alone(tmp_path):
    ws, flags = tmp_path / "ws", tmp_path / "flags"
    flags.mkdir()
    assert _cli(ws, "ingest", str(CJ)).returncode == 0
    script = tmp_path / "writer.py"
    script.write_text(_PAUSED_WRITER, "utf-8")
    writer = subprocess.Popen([sys.executable, str(script), str(ws), str(BZ), str(flags)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    try:
        _wait_for(flags / "paused", writer)
        journal = json.loads((ws / "pending.json").read_text("utf-8"))
        (bz_id,) = journal["doc_ids"]
        assert (ws / "docs" / f"{bz_id}.json.gz").exists()

        # other processes open the workspace while the writer holds the lock mid-commit
        assert [d["source"] for d in _docs(ws)] == [CJ.name]  # not committed yet: invisible
        r = _cli(ws, "search", "高新技术企业认定后奖励", "--json")
        assert r.returncode == 0, r.stderr
        assert all(h["doc_id"] != bz_id for h in json.loads(r.stdout)["hits"])
        reader = Workspace.open(Settings(workspace=ws))
        assert [d.source for d in reader.docs()] == [CJ.name]
        assert reader.vectors.count(bz_id) > 0  # the live writer's vectors were not rolled back
        assert (ws / "pending.json").exists() and (ws / "docs" / f"{bz_id}.json.gz").exists()
    finally:
        (flags / "go").write_text("x")
        out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert json.loads(out.strip().splitlines()[-1])[0]["status"] == "indexed"

    docs = _docs(ws)
    assert sorted(d["source"] for d in docs) == sorted([CJ.name, BZ.name])
    _assert_consistent(ws, docs)
    assert reader.vectors.count(bz_id) > 0
    a = _ask(ws, "巴州科学技术局2025年三公经费多少")
    assert a["found"] and a["doc"] == BZ.name, a


# ---- in-process: the lock between two Workspace objects (as the app and a CLI hold them)

def test_a_second_writer_waits_then_is_refused(tmp_path, monkeypatch):
    w1 = Workspace.open(Settings(workspace=tmp_path))
    w2 = Workspace.open(Settings(workspace=tmp_path))
    held, done = threading.Event(), threading.Event()

    def hold():
        with w1.writing():
            held.set()
            done.wait(30)

    t = threading.Thread(target=hold)
    t.start()
    try:
        assert held.wait(30)
        monkeypatch.setattr(workspace_mod, "LOCK_TIMEOUT", 0.3)
        t0 = time.time()
        with pytest.raises(WorkspaceBusyError, match="another budgetqa process"):
            w2.remove("anything")
        assert time.time() - t0 >= 0.25
        res = w2.ingest([CJ])  # the store refused the commit: the file fails, one line, nothing committed
        assert res[0].status == "failed" and "another budgetqa process" in res[0].message
        assert w2.docs() == []
    finally:
        done.set()
        t.join()
    assert w2.ingest([CJ])[0].status == "indexed"  # lock free again


def test_writers_with_stale_copies_merge_the_registry(tmp_path):
    """The app keeps a Workspace open for days; a CLI ingest meanwhile must survive its next write."""
    app = Workspace.open(Settings(workspace=tmp_path))
    cli = Workspace.open(Settings(workspace=tmp_path))
    assert cli.ingest([CJ])[0].status == "indexed"
    assert app.ingest([BZ])[0].status == "indexed"
    assert sorted(d.source for d in app.docs()) == sorted([CJ.name, BZ.name])
    fresh = Workspace.open(Settings(workspace=tmp_path))
    assert sorted(d.source for d in fresh.docs()) == sorted([CJ.name, BZ.name])
    assert cli.ingest([BZ])[0].status == "already indexed"  # sees the app's commit
    cli.remove(CJ.name)
    assert [d.source for d in app.docs()] == [BZ.name]  # the app sees the CLI's remove
    assert [d.source for d in Workspace.open(Settings(workspace=tmp_path)).docs()] == [BZ.name]


def test_a_store_failure_during_a_commit_is_one_line_and_rolled_back(tmp_path, monkeypatch):
    from budgetqa.retrieval.store import VectorStore

    ws = Workspace.open(Settings(workspace=tmp_path))

    def broken(self, chunks):
        raise RuntimeError("Error in compaction: simulated\nlong chromadb trace")

    monkeypatch.setattr(VectorStore, "add", broken)
    (res,) = ws.ingest([CJ])
    assert res.status == "failed" and "vector store failed to add the chunks" in res.message
    assert "\n" not in res.message
    assert ws.docs() == [] and not (tmp_path / "pending.json").exists()
    assert not list((tmp_path / "docs").glob("*.json*"))
    monkeypatch.undo()
    assert ws.ingest([CJ])[0].status == "indexed"
