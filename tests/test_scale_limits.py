"""Memory follows what is asked, not the corpus; inputs too large to index are refused up front.

- a text input over BUDGETQA_MAX_TEXT_MB is refused before it is read or parsed, naming the
  file, the limit, what it would cost and what to do (CLI table, app upload, library);
- parsed models are kept in a bounded least-recently-used cache;
- looking a document up by id, as the answering code does, does not scan the registry.
Timings and memory figures are in benchmarks/scale.py, never asserted here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetqa.cli import main
from budgetqa.core.errors import FileTooLargeError
from budgetqa.core.settings import Settings, settings_with
from budgetqa.retrieval import workspace as workspace_mod
from budgetqa.retrieval.workspace import Workspace, check_input_size

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CJ = SAMPLES / "000_fbfe44e17c8967fa.txt"
BZ = SAMPLES / "002_e49850479605d5c8.txt"
WJ = SAMPLES / "003_606eb66e1c061dbe.txt"


def _big_text(path: Path, mb: float) -> Path:
    """Disclosure text repeated (varied) to `mb` megabytes."""
    text = CJ.read_text("utf-8")
    with open(path, "w", encoding="utf-8") as f:
        size, i = 0, 0
        while size < mb * 1048576:
            part = text.replace("2024", str(2000 + i % 30)) + f"\n（第{i}部分）\n"
            f.write(part)
            size += len(part.encode("utf-8"))
            i += 1
    return path


def _never_parse(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("a refused file must not be parsed")
    monkeypatch.setattr(Workspace, "_prepare", boom)


def test_a_text_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = _big_text(tmp_path / "province_all.txt", Settings().max_text_mb + 0.2)
    ws = Workspace.open(Settings(workspace=tmp_path / "ws"))
    _never_parse(monkeypatch)
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    (res,) = ws.ingest([big])
    assert res.status == "failed"
    assert "province_all.txt" in res.message and "5 MB limit for text inputs" in res.message
    assert "BUDGETQA_MAX_TEXT_MB" in res.message and "split it into one file per disclosure" in res.message
    assert "GB of memory" in res.message and "\n" not in res.message
    assert "province_all.txt" not in read
    assert ws.docs() == []


def test_the_cli_shows_the_refusal_in_its_table(tmp_path, capsys, monkeypatch):
    big = _big_text(tmp_path / "big.md", 0.3)
    monkeypatch.setenv("BUDGETQA_MAX_TEXT_MB", "0.25")
    code = main(["ingest", str(big), str(CJ), "--workspace", str(tmp_path / "ws"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0  # the other file went in
    assert [r["status"] for r in out] == ["failed", "indexed"]
    assert "0.25 MB limit" in out[0]["message"] and "big.md" in out[0]["message"]


def test_the_limit_is_a_setting(tmp_path):
    small = Workspace.open(Settings(workspace=tmp_path / "a", max_text_mb=0.02))  # CJ is 37 KB
    assert small.ingest([CJ])[0].status == "failed"
    assert small.ingest_bytes(CJ.name, CJ.read_bytes()).status == "failed"  # the app's upload path too
    roomy = Workspace.open(Settings(workspace=tmp_path / "b", max_text_mb=1))
    assert roomy.ingest([CJ])[0].status == "indexed"
    with pytest.raises(FileTooLargeError):
        check_input_size("x.txt", 6 * 1048576, Settings())
    check_input_size("x.pdf", 6 * 1048576, Settings())  # the text limit is for text inputs


def test_settings_read_the_limit_from_the_environment(monkeypatch):
    monkeypatch.setenv("BUDGETQA_MAX_TEXT_MB", "12.5")
    assert settings_with().max_text_mb == 12.5


def test_parsed_models_are_kept_in_a_bounded_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(workspace_mod, "MODEL_CACHE", 2)
    ws = Workspace.open(Settings(workspace=tmp_path))
    ws.ingest([CJ, BZ, WJ])
    ids = [d.doc_id for d in ws.docs()]
    loads = []
    real = Workspace._load_model
    monkeypatch.setattr(Workspace, "_load_model", lambda self, rec: loads.append(rec.doc_id) or real(self, rec))
    for _ in range(2):
        for i in ids:
            assert ws.disclosure(i).meta.department
            assert ws.source(i).lines
    assert len(ws._cache) <= 2 and len(ws._sources) <= 2
    assert len(loads) == 6  # evicted models are reloaded, correctly
    ws.disclosure(ids[-1]); ws.disclosure(ids[-1])
    assert len(loads) == 6  # a recent one is served from the cache


class _CountingDict(dict):
    scans = 0

    def values(self):
        type(self).scans += 1
        return super().values()


def test_looking_up_by_id_does_not_scan_the_registry(tmp_path):
    ws = Workspace.open(Settings(workspace=tmp_path))
    ws.ingest([CJ, BZ])
    ids = [d.doc_id for d in ws.docs()]
    ws._registry = _CountingDict(ws._registry)
    _CountingDict.scans = 0
    for _ in range(20):
        for i in ids:
            ws.resolve(i)
            ws.disclosure(i)
    assert _CountingDict.scans == 0
    first = ws.docs()
    for _ in range(20):
        assert ws.docs() == first
    assert _CountingDict.scans <= 1  # sorted once per registry version


QUERIES = ["巴州科技局2025年三公经费预算多少", "昌吉州科技局2024年机关运行经费", "乌鲁木齐市科技局2024年决算 差旅费",
           "巴州高企奖励", "昌吉州 科技局 项目支出 绩效目标"]


@pytest.fixture(scope="module")
def four(tmp_path_factory):
    ws = Workspace.open(Settings(workspace=tmp_path_factory.mktemp("four")))
    ws.ingest([SAMPLES])
    return ws


def test_a_scoped_search_reads_only_the_documents_in_scope(four, monkeypatch):
    """A search filtered to a few documents ranks their vectors from the per-document copies:
    no filtered nearest-neighbour search over the corpus, the same hits as that search."""
    from budgetqa.retrieval.filters import filters_from_question
    from budgetqa.retrieval.store import VectorStore

    docs = four.docs()
    flt = {q: filters_from_question(q, docs) for q in QUERIES}
    assert all(not f.is_empty() for f in flt.values())
    monkeypatch.setattr(workspace_mod, "SCOPED_CHUNKS", 0)  # the corpus-wide Chroma path
    ref = {q: [h.chunk.id for h in four.search(q, 5, flt[q])] for q in QUERIES}
    monkeypatch.undo()

    def no_query(self, *a, **k):
        raise AssertionError("a scoped search must not run Chroma's filtered nearest-neighbour search")
    monkeypatch.setattr(VectorStore, "query", no_query)
    got = {q: [h.chunk.id for h in four.search(q, 5, flt[q])] for q in QUERIES}
    assert got == ref
    assert all(ids for ids in got.values())


def test_vector_copies_follow_the_documents(tmp_path, monkeypatch):
    ws = Workspace.open(Settings(workspace=tmp_path))
    ws.ingest([CJ, BZ])
    recs = {d.source: d for d in ws.docs()}
    import numpy as np
    for r in recs.values():
        m = np.load(tmp_path / "vectors" / f"{r.doc_id}.npy")
        assert m.shape == (r.n_chunks, Settings().embedding_dim)
    ws.remove(BZ.name)
    assert not (tmp_path / "vectors" / f"{recs[BZ.name].doc_id}.npy").exists()
    # an index made before the copies were kept: the scoped search falls back to Chroma
    (tmp_path / "vectors" / f"{recs[CJ.name].doc_id}.npy").unlink()
    from budgetqa.retrieval.filters import SearchFilters
    hits = ws.search("三公经费", 5, SearchFilters(doc_ids=[recs[CJ.name].doc_id]))
    assert hits and {h.chunk.doc_id for h in hits} == {recs[CJ.name].doc_id}
