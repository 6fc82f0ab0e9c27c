"""One index a team really shares: a real `chroma run` server on 127.0.0.1, one workspace folder
that ingests, a second, empty folder that sees the same documents and gets the same answers,
citations and audits; removes are for everyone and never half; a dying server is one line.

The server is the `chroma` command the chromadb package installs; the tests skip, saying why,
when it is missing or does not come up."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from budgetqa.core.errors import StoreError
from budgetqa.core.settings import Settings
from budgetqa.retrieval import shared as shared_mod
from budgetqa.retrieval.workspace import Workspace

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CJ = SAMPLES / "000_fbfe44e17c8967fa.txt"     # 昌吉州 2024 预算
BZ = SAMPLES / "002_e49850479605d5c8.txt"     # 巴州 2025 预算
WLMQ24 = SAMPLES / "003_606eb66e1c061dbe.txt"  # 乌鲁木齐 2024 决算
WLMQ25 = SAMPLES / "004_ad81c3092455a930.txt"  # 乌鲁木齐 2025 预算
QUESTIONS = ["巴州高企奖励多少", "昌吉州科技局2024年三公经费预算是多少", "巴州科技局2025年收支总预算是多少",
             "昌吉州科技局2024年机关运行经费是多少", "巴州科技局2025年项目支出一共多少", "昌吉州科技局有几个科室"]


def _chroma_bin() -> str | None:
    cand = Path(sys.executable).parent / "chroma"
    return str(cand) if cand.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, path: Path, port: int | None = None):
        self.path, self.port = path, port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self, wait: float = 60.0) -> None:
        exe = _chroma_bin()
        if exe is None:
            pytest.skip("no `chroma` command (it comes with the chromadb package): cannot start a Chroma server")
        self.log = open(self.path.parent / f"chroma-{self.port}.log", "ab")
        self.proc = subprocess.Popen([exe, "run", "--host", "127.0.0.1", "--port", str(self.port), "--path", str(self.path)],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.skip(f"`chroma run` exited with code {self.proc.returncode} (see {self.log.name})")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        pytest.skip(f"`chroma run` did not answer on {self.url} within {wait:.0f} s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("chroma") / "data")
    s.start()
    yield s
    s.stop()


@pytest.fixture
def own_server(tmp_path):
    """A server of the test's own (the test may kill it)."""
    s = Server(tmp_path / "chroma")
    s.start()
    yield s
    s.stop()


def _env(url: str) -> dict:
    env = dict(os.environ, BUDGETQA_TESTING="1", BUDGETQA_CHROMA_URL=url, PYTHONUNBUFFERED="1")
    for var in ("BUDGETQA_WORKSPACE", "BUDGETQA_EMBEDDING", "BUDGETQA_LLM_BASE_URL", "BUDGETQA_LLM_MODEL"):
        env.pop(var, None)
    return env


def _cli(url: str, ws: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetqa.cli", *args, "--workspace", str(ws)],
                          capture_output=True, text=True, env=_env(url), timeout=timeout)


def _docs(url: str, ws: Path) -> list[dict]:
    r = _cli(url, ws, "docs", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _answers(url: str, ws: Path, qfile: Path) -> list[dict]:
    r = _cli(url, ws, "ask", "--batch", str(qfile), "--json")
    assert r.returncode == 0, r.stderr
    out = []
    for line in r.stdout.splitlines():
        a = json.loads(line)
        out.append({k: v for k, v in a.items() if "latency" not in k and "elapsed" not in k})
    return out


def _ws(url: str, path: Path) -> Workspace:
    return Workspace.open(Settings(workspace=path, chroma_url=url))


def test_teammate_with_an_empty_folder_shares_the_index(server, tmp_path):
    from budgetqa.verify.audit import audit

    a, b = tmp_path / "alice", tmp_path / "bob"
    r = _cli(server.url, a, "ingest", str(CJ), str(BZ), "--json")
    assert r.returncode == 0, r.stderr
    assert [x["status"] for x in json.loads(r.stdout)] == ["indexed", "indexed"]
    assert not (a / "docs.json").exists()  # the registry is on the server, not in the folder

    b.mkdir()
    docs_a, docs_b = _docs(server.url, a), _docs(server.url, b)
    assert [d["source"] for d in docs_b] == sorted([CJ.name, BZ.name])
    assert docs_a == docs_b

    qfile = tmp_path / "q.jsonl"
    qfile.write_text("".join(json.dumps({"id": str(i), "question": q}, ensure_ascii=False) + "\n"
                             for i, q in enumerate(QUESTIONS)), "utf-8")
    ans_a, ans_b = _answers(server.url, a, qfile), _answers(server.url, b, qfile)
    assert ans_a == ans_b  # same values, citations, verification
    assert sum(x["found"] for x in ans_b) >= 4 and all(c.get("doc_id") for x in ans_b for c in x["citations"])
    bz_answer = ans_b[0]
    assert bz_answer["found"] and bz_answer["value"] == 1060.0

    # the same parsed models, so the same audits
    ws_a, ws_b = _ws(server.url, a), _ws(server.url, b)
    for d in ws_b.docs():
        assert ws_b.disclosure(d.doc_id) == ws_a.disclosure(d.doc_id)
        assert ws_b.source(d.doc_id).text() == ws_a.source(d.doc_id).text()
        assert [f.model_dump() for f in audit(ws_b.disclosure(d.doc_id))] == \
               [f.model_dump() for f in audit(ws_a.disclosure(d.doc_id))]
    # the same search, hit for hit
    for q in ("三公经费", "高新技术企业认定后奖励", "机关运行经费"):
        ha, hb = ws_a.search(q, 8), ws_b.search(q, 8)
        assert [(h.chunk.id, h.score, h.lexical_rank, h.vector_rank) for h in ha] == \
               [(h.chunk.id, h.score, h.lexical_rank, h.vector_rank) for h in hb]

    # Bob removes a document: gone for Alice too, everywhere on the server
    bz = next(d for d in docs_b if d["source"] == BZ.name)
    r = _cli(server.url, b, "remove", BZ.name)
    assert r.returncode == 0 and "removed" in r.stdout, r.stderr
    assert [d["source"] for d in _docs(server.url, a)] == [CJ.name]
    r = _cli(server.url, a, "search", "高新技术企业认定后奖励", "--json")
    assert r.returncode == 0, r.stderr
    assert all(h["doc_id"] != bz["doc_id"] for h in json.loads(r.stdout)["hits"])
    ws_a.refresh()
    assert ws_a.vectors.count(bz["doc_id"]) == 0
    assert ws_a._models.get(where={"doc_id": bz["doc_id"]}, include=[])["ids"] == []
    # and Alice can index it again (nothing half-left says "already indexed")
    r = _cli(server.url, a, "ingest", str(BZ), "--json")
    assert [x["status"] for x in json.loads(r.stdout)] == ["indexed"], r.stderr
    assert ws_b.vectors.count(bz["doc_id"]) == bz["n_chunks"]


def test_writers_in_two_folders_take_turns_on_the_server(server, tmp_path):
    """Two teammates ingest at the same time: the lease on the server serialises the commits,
    nothing is lost."""
    a, b = tmp_path / "a", tmp_path / "b"
    env = _env(server.url)
    procs = [subprocess.Popen([sys.executable, "-m", "budgetqa.cli", "ingest", str(f), "--json", "--workspace", str(w)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for f, w in ((WLMQ24, a), (WLMQ25, b))]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outs]
    names = {d["source"] for d in _docs(server.url, tmp_path / "c")}
    assert {WLMQ24.name, WLMQ25.name} <= names
    ws = _ws(server.url, tmp_path / "c")
    for d in ws.docs():
        if d.source in (WLMQ24.name, WLMQ25.name):
            assert ws.vectors.count(d.doc_id) == d.n_chunks
            assert ws.disclosure(d.doc_id).meta.year == d.year
    assert ws._meta.get(ids=["lock", "journal"], include=[])["ids"] == []  # no lease or journal left behind


def test_a_server_that_dies_during_a_commit_is_one_line_and_nothing_half_visible(own_server, tmp_path, monkeypatch,
                                                                                 capsys):
    from budgetqa.cli import main
    from budgetqa.retrieval.store import VectorStore

    url = own_server.url
    monkeypatch.setenv("BUDGETQA_CHROMA_URL", url)
    ws_dir = tmp_path / "ws"
    assert main(["ingest", str(CJ), "--workspace", str(ws_dir), "--json"]) == 0
    capsys.readouterr()

    real_add = VectorStore.add

    def dying_add(self, chunks):  # the server goes away in the middle of the commit
        own_server.stop()
        return real_add(self, chunks)

    monkeypatch.setattr(VectorStore, "add", dying_add)
    monkeypatch.setattr(shared_mod, "LOCK_LEASE", 2.0)  # the dying writer cannot release its lease: let it expire soon
    code = main(["ingest", str(BZ), "--workspace", str(ws_dir)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    assert BZ.name in out and "failed" in out  # the per-file table
    assert "ConnectError" in out or "cannot" in out or "failed to" in out
    monkeypatch.setattr(VectorStore, "add", real_add)

    # an opening against the dead server is one line too
    assert main(["docs", "--workspace", str(ws_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and len(err.strip().splitlines()) == 1

    own_server.start()  # same data directory
    time.sleep(2.5)
    ws = _ws(url, tmp_path / "other")
    assert [d.source for d in ws.docs()] == [CJ.name]  # the half-done document is not visible
    res = ws.ingest([BZ])  # the next writer rolls the dead commit back and indexes it cleanly
    assert [r.status for r in res] == ["indexed"]
    bz = next(d for d in ws.docs() if d.source == BZ.name)
    assert ws.vectors.count(bz.doc_id) == bz.n_chunks
    assert ws._meta.get(ids=["journal"], include=[])["ids"] == []


def test_a_remove_cut_short_is_finished_by_the_next_writer(server, tmp_path, monkeypatch):
    ws = _ws(server.url, tmp_path / "a")
    res = ws.ingest([WLMQ24])
    doc = res[0].doc_id
    if res[0].status != "indexed":  # left by another test on the module's server
        assert res[0].status == "already indexed"

    def broken(self, doc_ids):
        raise RuntimeError("simulated: connection reset")

    monkeypatch.setattr(type(ws.vectors), "delete_docs", broken)
    with pytest.raises(StoreError) as e:
        ws.remove(doc)
    assert "removed from the shared index" in str(e.value) and "\n" not in str(e.value)
    monkeypatch.undo()
    other = _ws(server.url, tmp_path / "b")
    assert doc not in {d.doc_id for d in other.docs()}  # gone for everyone at once
    assert other.vectors.count(doc) > 0  # its chunks are still there, invisible ...
    variant = tmp_path / "cj_copy.txt"
    variant.write_text(CJ.read_text("utf-8") + "\n（副本）\n", "utf-8")
    assert [r.status for r in other.ingest([variant], keep_duplicates=True)] == ["indexed"]
    # ... until the next writer (this ingest) finishes the journal
    assert other.vectors.count(doc) == 0
    assert other._models.get(where={"doc_id": doc}, include=[])["ids"] == []


def test_a_dead_writers_lease_expires(server, tmp_path, monkeypatch):
    ws = _ws(server.url, tmp_path / "a")
    ws._meta.upsert(ids=["lock"], embeddings=[[1.0]],
                    metadatas=[{"owner": "ghost:1:dead", "host": "ghost", "pid": 1, "expires": time.time() + 30}])
    with pytest.raises(StoreError) as e:  # a live lease: refused after the wait, naming the holder
        with ws.writing(timeout=0.5):
            pass
    assert "ghost (pid 1)" in str(e.value)
    ws._meta.upsert(ids=["lock"], embeddings=[[1.0]],
                    metadatas=[{"owner": "ghost:1:dead", "host": "ghost", "pid": 1, "expires": time.time() - 1}])
    with ws.writing(timeout=5):  # an expired one is taken over
        assert ws._meta.get(ids=["lock"])["metadatas"][0]["owner"] == ws._owner
    assert ws._meta.get(ids=["lock"], include=[])["ids"] == []


def test_lexical_cache_follows_the_registry(server, tmp_path, monkeypatch):
    """The local BM25 cache follows the server's document set: a teammate's first search takes
    the tokens the writer stored (no jieba over the corpus), later searches and a new process on
    the same folder reuse the cache on disk; under another tokenizer the chunk texts are fetched
    and cut locally, with the same result."""
    monkeypatch.setattr(shared_mod, "SYNC_INTERVAL", 0.0)
    a = _ws(server.url, tmp_path / "a")
    a.ingest([WLMQ25])
    calls: list[str] = []

    def watch(ws):
        real_all, real_call = ws._get_all, ws._call
        monkeypatch.setattr(ws, "_get_all", lambda what, col, **kw: calls.append(what) or real_all(what, col, **kw))
        monkeypatch.setattr(ws, "_call", lambda what, fn, *x, **kw: calls.append(what) or real_call(what, fn, *x, **kw))
        return ws

    b = watch(_ws(server.url, tmp_path / "b"))
    q = "乌鲁木齐 科学技术局 2025 三公经费"
    hits = b.search(q, 5)
    assert any(h.chunk.metadata["source"] == WLMQ25.name for h in hits)
    assert "read the stored tokens" in calls and "read the chunk texts" not in calls
    assert b.lexical.covered() == set(b._registry)
    calls.clear()
    b.search("三公经费", 5)
    assert "read the stored tokens" not in calls and "read the chunk texts" not in calls
    b2 = watch(_ws(server.url, tmp_path / "b"))  # a new process on the same folder: the cache on disk
    b2.search("三公经费", 5)
    assert "read the stored tokens" not in calls and "read the chunk texts" not in calls

    monkeypatch.setattr(shared_mod, "tokenizer_signature", lambda: "another-tokenizer")
    c = watch(_ws(server.url, tmp_path / "c"))
    hits_c = c.search(q, 5)
    assert "read the chunk texts" in calls
    assert [(h.chunk.id, h.score) for h in hits_c] == [(h.chunk.id, h.score) for h in hits]
