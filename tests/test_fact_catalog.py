"""The fact catalog is the last stage of parsing: typed facts stored with the parsed model at
ingest and read back per document; answering never builds it again."""
from __future__ import annotations

import gzip
import json
import typing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "evals" / "gold" / "seeds" / "shpt-swwyh-2025-bmys.pdf"


def test_every_fact_field_is_typed_no_free_form_dict():
    from budgetqa.extract.models import Fact

    hints = typing.get_type_hints(Fact)
    for name, tp in hints.items():
        assert typing.get_origin(tp) is not dict and tp is not dict, f"Fact.{name} is a free-form dict"
    for wanted in ("table", "column", "code", "unit", "loc", "is_total", "change", "share_pct", "kind"):
        assert wanted in hints


def test_parse_ends_with_the_catalog(parsed):
    d = parsed["bz2025"]
    assert d.catalog is not None and len(d.catalog.facts) > 300
    kinds = {f.kind for f in d.catalog.facts}
    assert {"cell", "prose", "model"} <= kinds
    scale = [f for f in d.catalog.facts if f.kind == "model" and f.name.startswith("高新技术企业认定后奖励项目")]
    assert any(abs(f.value - 1060) < 1e-6 and f.unit == "万元" and "1,060.00" in f.cites[0][1] for f in scale)
    counts = [f for f in d.catalog.facts if f.kind == "prose" and f.unit == "家"]
    assert any(f.value == 53 for f in counts)  # the count beside the money is a count, not money
    cells = [f for f in d.catalog.facts if f.kind == "cell"]
    assert all(f.table and f.column and f.loc is not None for f in cells)
    assert any(f.main_col and f.is_total for f in cells)


def test_pdf_facts_carry_page_and_bbox():
    from budgetqa.extract.parse import parse_file

    d = parse_file(PDF)
    cells = [f for f in d.catalog.facts if f.kind == "cell"]
    assert cells and all(f.loc.page and f.loc.bbox for f in cells)
    assert {f.unit for f in cells} >= {"元"}


def test_catalog_is_stored_at_ingest_and_answers_without_rebuilding(tmp_path, monkeypatch, samples_dir):
    from budgetqa.extract import facts as extract_facts
    from budgetqa.qa import facts as qa_facts
    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.workspace import Workspace

    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    (res,) = ws.ingest([samples_dir / "002_e49850479605d5c8.txt"])
    stored = json.loads(gzip.decompress((tmp_path / "ws" / "docs" / f"{res.doc_id}.json.gz").read_bytes()))
    assert len(stored["catalog"]["facts"]) > 300
    # a fresh reader of the workspace: the catalog comes from the stored model, never rebuilt
    def no_build(*a, **k):
        raise AssertionError("the catalog was rebuilt at answer time")
    monkeypatch.setattr(qa_facts, "build_catalog", no_build)
    monkeypatch.setattr(extract_facts, "build_catalog", no_build)
    a = answer_question("巴州高企奖励多少", Workspace.open(workspace=str(tmp_path / "ws")))
    assert a.value == pytest.approx(1060.0) and a.verification.status == "verified"


def test_a_model_stored_without_a_catalog_still_answers(tmp_path, samples_dir):
    """Workspaces written before the catalog was stored: it is built once, on first use."""
    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.workspace import Workspace

    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    (res,) = ws.ingest([samples_dir / "002_e49850479605d5c8.txt"])
    gz = tmp_path / "ws" / "docs" / f"{res.doc_id}.json.gz"
    stored = json.loads(gzip.decompress(gz.read_bytes()))
    stored.pop("catalog")
    gz.unlink()  # as an index written before models were compressed: plain JSON
    (tmp_path / "ws" / "docs" / f"{res.doc_id}.json").write_text(json.dumps(stored, ensure_ascii=False), "utf-8")
    a = answer_question("巴州高企奖励多少", Workspace.open(workspace=str(tmp_path / "ws")))
    assert a.value == pytest.approx(1060.0) and a.verification.status == "verified"


def test_a_figure_named_by_the_topic_its_sentence_opens_with(tmp_path):
    """'机关运行经费方面，2025年区民政局安排412.66万元': the year and the office name nothing;
    the topic names the figure."""
    from budgetqa.extract.facts import build_catalog
    from budgetqa.extract.loader import load
    from budgetqa.extract.parse import parse

    f = tmp_path / "news.txt"
    f.write_text("潮白区民政局2025年部门预算公开。潮白区民政局收支总预算48,632.57万元。\n"
                 "机关运行经费方面，2025年区民政局安排412.66万元，比2024年减少18.34万元。\n", encoding="utf-8")
    src = load(f)
    facts = build_catalog(parse(src), src).facts
    assert any(x.value == 412.66 and "机关运行经费" in x.name for x in facts)


def test_a_damaged_stored_model_is_one_clear_error(tmp_path, samples_dir):
    """Parsed models are stored gzip-compressed; a truncated one is a StoreError naming the file
    and what to do, not a gzip traceback."""
    from budgetqa.core.errors import StoreError
    from budgetqa.retrieval.workspace import Workspace

    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    (res,) = ws.ingest([samples_dir / "002_e49850479605d5c8.txt"])
    gz = tmp_path / "ws" / "docs" / f"{res.doc_id}.json.gz"
    raw = gzip.decompress(gz.read_bytes())
    assert len(gz.read_bytes()) * 4 < len(raw), "the stored model is not compressed"
    gz.write_bytes(gz.read_bytes()[:200])
    with pytest.raises(StoreError) as e:
        Workspace.open(workspace=str(tmp_path / "ws")).disclosure(res.doc_id)
    assert gz.name in str(e.value.file) and "budgetqa remove" in (e.value.hint or "")
