"""Workspace ingest / remove / search on the real samples (offline embedding, temp workspaces)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from budgetqa.cli import main
from budgetqa.core.settings import Settings
from budgetqa.core.normalize import squash
from budgetqa.retrieval.filters import SearchFilters, filters_from_question
from budgetqa.retrieval.workspace import Workspace

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CJ = SAMPLES / "000_fbfe44e17c8967fa.txt"      # 昌吉 2024 预算
BZ = SAMPLES / "002_e49850479605d5c8.txt"      # 巴州 2025 预算
WJ = SAMPLES / "003_606eb66e1c061dbe.txt"      # 乌鲁木齐 2024 决算
WY = SAMPLES / "004_ad81c3092455a930.txt"      # 乌鲁木齐 2025 预算


def _ws(path: Path) -> Workspace:
    return Workspace.open(Settings(workspace=path))


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Workspace:
    """All four samples indexed together; tests using it only read."""
    ws = _ws(tmp_path_factory.mktemp("full"))
    res = ws.ingest([SAMPLES])
    assert [r.status for r in res] == ["indexed"] * 4
    return ws


def test_docs_metadata(full):
    docs = {d.source: d for d in full.docs()}
    assert docs[BZ.name].region == "巴音郭楞蒙古自治州" and docs[BZ.name].year == 2025 and docs[BZ.name].kind == "预算"
    assert docs[WJ.name].kind == "决算" and docs[WJ.name].year == 2024
    assert all(d.n_chunks > 50 for d in docs.values())
    assert full.disclosure(docs[CJ.name].doc_id).meta.department == "昌吉回族自治州科学技术局"
    assert full.source(docs[CJ.name].doc_id).name == CJ.name


def test_alias_query_finds_project(full):
    q = "巴州高企奖励"
    hits = full.search(q, 5, filters_from_question(q, full.docs()))
    assert any("高新技术企业认定后奖励" in squash(h.chunk.text) for h in hits)
    assert all(h.chunk.metadata["source"] == BZ.name for h in hits)


def test_hits_carry_locators_and_ranks(full):
    hits = full.search("差旅费", 3)
    assert hits and all(h.chunk.metadata["locator"].startswith("p.") or "line" in h.chunk.metadata["locator"] for h in hits)
    assert all(h.lexical_rank or h.vector_rank for h in hits)
    assert hits == sorted(hits, key=lambda h: -h.score)


@pytest.mark.parametrize("flt, expect", [
    (SearchFilters(region="巴音郭楞蒙古自治州"), {BZ.name}),
    (SearchFilters(year=2024), {CJ.name, WJ.name}),
    (SearchFilters(kind="决算"), {WJ.name}),
    (SearchFilters(department="昌吉回族自治州科学技术局"), {CJ.name}),
    (SearchFilters(region="乌鲁木齐市", year=2025), {WY.name}),
])
def test_each_filter_restricts_hits(full, flt, expect):
    hits = full.search("项目支出", 40, flt)
    assert hits and {h.chunk.metadata["source"] for h in hits} == expect
    assert len(full.search("项目支出", 40)) == 40 and len({h.chunk.doc_id for h in full.search("项目支出", 40)}) > 1


def test_doc_id_filter(full):
    doc = next(d for d in full.docs() if d.source == WJ.name)
    hits = full.search("三公经费", 5, SearchFilters(doc_ids=[doc.doc_id]))
    assert hits and {h.chunk.doc_id for h in hits} == {doc.doc_id}


def test_year_without_document_finds_nothing(full):
    f = filters_from_question("昌吉州科技局2023年决算支出总额是多少？", full.docs())
    assert f.year == [2023]
    assert full.search("决算支出总额", 5, f) == []


def test_ingest_is_idempotent(tmp_path):
    ws = _ws(tmp_path)
    first = ws.ingest([CJ])
    n = ws.vectors.count()
    again = ws.ingest([CJ, CJ])
    assert first[0].status == "indexed"
    assert [r.status for r in again] == ["already indexed", "already indexed"]
    assert ws.vectors.count() == n and len(ws.docs()) == 1
    # same bytes under another name: same document
    copy = tmp_path / "copy.txt"
    shutil.copy(CJ, copy)
    assert ws.ingest([copy])[0].status == "already indexed"


def test_ingest_is_fail_soft(tmp_path):
    bad_dir = tmp_path / "in"
    bad_dir.mkdir()
    (bad_dir / "empty.txt").write_text("  \n", "utf-8")
    (bad_dir / "notes.txt").write_text("今天天气很好，我们去公园散步。\n" * 20, "utf-8")
    (bad_dir / "table.docx").write_bytes(b"PK\x03\x04")
    shutil.copy(CJ, bad_dir / CJ.name)
    ws = _ws(tmp_path / "ws")
    res = {Path(r.path).name: r for r in ws.ingest([bad_dir, tmp_path / "missing.pdf"])}
    assert res[CJ.name].status == "indexed"
    for name in ("empty.txt", "notes.txt", "missing.pdf"):
        assert res[name].status == "failed" and name in res[name].message
    assert [d.source for d in ws.docs()] == [CJ.name]


def test_killed_midway_leaves_index_consistent(tmp_path, monkeypatch):
    ws = _ws(tmp_path)
    ws.ingest([CJ])
    before = ws.vectors.count()

    def crash(self, reg):  # the process dies after vectors and lexical data were written
        raise KeyboardInterrupt

    monkeypatch.setattr(Workspace, "_write_registry", crash)
    with pytest.raises(KeyboardInterrupt):
        ws.ingest([BZ])
    monkeypatch.undo()
    assert ws.vectors.count() > before  # the half-done ingest did write chunks

    ws2 = _ws(tmp_path)  # reopen: rolled back
    assert [d.source for d in ws2.docs()] == [CJ.name]
    assert ws2.vectors.count() == before
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == sorted(
        [f"{ws2.docs()[0].doc_id}.json.gz", f"{ws2.docs()[0].doc_id}.source.json.gz"])
    assert all(h.chunk.metadata["source"] == CJ.name for h in ws2.search("巴州高企奖励", 10))
    assert ws2.ingest([BZ])[0].status == "indexed"  # and usable
    assert any(h.chunk.metadata["source"] == BZ.name for h in ws2.search("高新技术企业认定后奖励", 5))


def test_remove_completely(tmp_path):
    ws = _ws(tmp_path)
    ws.ingest([CJ, BZ])
    bz = next(d for d in ws.docs() if d.source == BZ.name)
    ws.remove(bz.doc_id[:8])
    assert [d.source for d in ws.docs()] == [CJ.name]
    assert ws.vectors.count(bz.doc_id) == 0
    assert not list((tmp_path / "docs").glob(f"{bz.doc_id}*"))
    assert all(h.chunk.doc_id != bz.doc_id for h in ws.search("高新技术企业认定后奖励 巴音郭楞", 20))
    ws2 = _ws(tmp_path)
    assert all(h.chunk.doc_id != bz.doc_id for h in ws2.search("高新技术企业认定后奖励 巴音郭楞", 20))
    assert ws2.ingest([BZ])[0].status == "indexed"


def test_cli_ingest_docs_search_remove(tmp_path, capsys):
    w = ["--workspace", str(tmp_path)]
    assert main(["ingest", str(CJ), str(tmp_path / "nope.txt"), "--json", *w]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in out] == ["indexed", "failed"]
    assert main(["ingest", str(tmp_path / "nope.txt"), *w]) == 1
    capsys.readouterr()
    assert main(["docs", "--json", *w]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["source"] for d in docs] == [CJ.name]
    assert main(["search", "三公经费", "--k", "3", "--json", *w]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert len(hits) == 3 and all(h["locator"] for h in hits)
    assert main(["search", "三公经费", "--year", "2030", *w]) == 0
    assert "no matching passages" in capsys.readouterr().out
    assert main(["remove", CJ.name, *w]) == 0
    assert main(["docs", "--json", *w]) == 0
    assert "removed" in capsys.readouterr().out
    assert main(["remove", "ffff", *w]) == 2
