"""LLM-filled prose fields (资金分配, 绩效指标) against the wire-level fake server.

Sources are the real sample disclosures. The deterministic side of each comparison is
built here from the sample's own figures (so these tests do not depend on how complete
the prose / performance parsers are at any moment); the CLI test runs the real parse.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI, fake_llm  # noqa: E402,F401

from budgetqa.cli import main  # noqa: E402
from budgetqa.core.settings import Settings  # noqa: E402
from budgetqa.extract.enrich import MAX_CONSECUTIVE_MODEL_ERRORS, enrich_with_llm, format_report, table_span  # noqa: E402
from budgetqa.extract.llm_fill import IndicatorWithQuote, compare_indicators_with_parse, fill_indicators  # noqa: E402
from budgetqa.extract.loader import load  # noqa: E402
from budgetqa.extract.models import AllocationItem, Disclosure, Figure, Indicator, PerformanceTable, Project  # noqa: E402
from budgetqa.extract.parse import parse  # noqa: E402
from budgetqa.extract.source import Line, SourceDoc  # noqa: E402
from budgetqa.llm.client import make_chat_model  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CJ = SAMPLES / "000_fbfe44e17c8967fa.txt"        # 预算, pdftotext-like
WLMQ_JS = SAMPLES / "003_606eb66e1c061dbe.txt"   # 决算, markdown with 自评表


# ---- helpers ----------------------------------------------------------------------------------
def settings_for(fake: FakeOpenAI, mode: str = "json_schema") -> Settings:
    return Settings(llm_base_url=fake.base_url, llm_model="fake-model", llm_structured_mode=mode,
                    llm_timeout_s=10.0, llm_max_retries=0, llm_api_key=None, workspace=Path("/nonexistent"))


def first_index(src: SourceDoc, pred, start: int = 0) -> int:
    return next(i for i in range(start, len(src.lines)) if pred(src.lines[i].text))


def line_of(src: SourceDoc, needle: str, start: int = 0) -> Line:
    return src.lines[first_index(src, lambda t: needle in t, start)]


def projects_from_source(src: SourceDoc) -> list[Project]:
    """Every '（一）项目名称：' block of the sample, its 资金分配情况 text as written, no items parsed."""
    out = []
    for i, l in enumerate(src.lines):
        if "项目名称：" not in l.text:
            continue
        a = first_index(src, lambda t: t.startswith("资金分配情况"), i)
        b = first_index(src, lambda t: t.startswith("资金执行时间"), a)
        text = "\n".join(x.text for x in src.lines[a:b] if x.text.strip())
        out.append(Project(name=l.text.split("：", 1)[1].strip(), loc=l.loc, allocation_text=text))
    return out


def parsed_item(src: SourceDoc, name: str, value: float) -> AllocationItem:
    line = line_of(src, name)
    return AllocationItem(name=name, amount=Figure(value=value, loc=line.loc, text=line.text))


def base(src: SourceDoc) -> Disclosure:
    """The real parse of the sample, with the LLM-relevant parts reset for the test to set."""
    d = parse(src)
    d.projects, d.performance = [], []
    return d


CJ_ALLOC = {"办公费": 22.0, "差旅费": 4.0, "租车费用": 1.0, "咨询费": 3.0, "劳务费": 15.0}
CJ_QUOTES = {"办公费": "办公费 22.00 万元", "差旅费": "差旅费 4.00 厄元", "租车费用": "租车费用 1.00 万元",
             "咨询费": "咨询费 3.00 万元", "劳务费": "劳务费 15.00 万元"}


def alloc_reply(names=tuple(CJ_ALLOC), override: dict | None = None) -> dict:
    items = []
    for n in names:
        item = {"name": n, "amount": CJ_ALLOC[n], "unit": "万元", "quote": CJ_QUOTES[n]}
        item.update((override or {}).get(n, {}))
        items.append(item)
    return {"items": items}


def whole_target_table(src: SourceDoc) -> PerformanceTable:
    head = line_of(src, "部门整体绩效目标表")
    return PerformanceTable(kind="部门整体绩效目标", loc=head.loc)


# (name, target_raw, operator, value, unit, weight) as the 部门整体绩效目标表 of sample 000 states them
CJ_INDICATORS = [("建成自治区级以上创新平台", ">=170 个", ">=", 170.0, "个", 15.0),
                 ("高新技术企业数量", ">=255 家", ">=", 255.0, "家", 15.0),
                 ("备案科技型中小企业", ">=400 家", ">=", 400.0, "家", 15.0)]


def indicator_reply(rows=CJ_INDICATORS) -> dict:
    return {"items": [{"name": n, "target_raw": raw, "operator": op, "target_value": v, "target_unit": u,
                       "actual_value": None, "weight": w, "score": None, "quote": f"{n} {raw} 科技工作计划 {w:g}"}
                      for n, raw, op, v, u, w in rows]}


def parsed_indicators(src: SourceDoc, rows=CJ_INDICATORS) -> list[Indicator]:
    return [Indicator(name=n, target_raw=raw, operator=op, target_value=v, target_unit=u, weight=w,
                      loc=line_of(src, n).loc) for n, raw, op, v, u, w in rows]


@pytest.fixture
def cj() -> SourceDoc:
    return load(CJ)


# ---- accepted items that agree ------------------------------------------------------------------
def test_accepted_items_agree_with_the_parse_and_leave_it_untouched(fake_llm: FakeOpenAI, cj: SourceDoc):
    d = base(cj)
    project = projects_from_source(cj)[0]
    project.allocations = [parsed_item(cj, n, v) for n, v in CJ_ALLOC.items()]
    table = whole_target_table(cj)
    table.indicators = parsed_indicators(cj)
    d.projects, d.performance = [project], [table]
    before = d.model_dump()
    fake_llm.structured(alloc_reply()).structured(indicator_reply())

    s = settings_for(fake_llm)
    report = enrich_with_llm(d, cj, make_chat_model(s), s)

    p, t = report.projects[0], report.tables[0]
    assert [i.name for i in p.accepted] == list(CJ_ALLOC) and p.agreements == list(CJ_ALLOC)
    assert p.disagreements == [] and p.dropped == [] and p.llm_sourced == [] and p.error is None
    assert t.agreements == [r[0] for r in CJ_INDICATORS] and t.disagreements == [] and t.llm_sourced == []
    assert d.model_dump() == before                      # nothing written over the parse
    assert report.complete and report.model_errors == 0
    # the model saw the project's allocation text and the table's own lines, not the whole document
    assert project.allocation_text in fake_llm.prompt_text(fake_llm.chat_bodies[0])
    table_prompt = fake_llm.prompt_text(fake_llm.chat_bodies[1])
    assert "高新技术企业数量 >=255 家" in table_prompt and "资金分配情况" not in table_prompt


def test_table_text_is_the_tables_own_lines(cj: SourceDoc):
    d = base(cj)
    first = whole_target_table(cj)
    nxt_line = line_of(cj, "项目支出绩效目标表")
    d.performance = [first, PerformanceTable(kind="项目支出绩效目标", loc=nxt_line.loc)]
    start, end = table_span(d, cj, first)
    texts = [l.text for l in cj.lines[start:end]]
    assert "部门整体绩效目标表" in texts[0]
    assert any("引育青年科技人才 >=150 人" in t for t in texts)
    assert not any("项目支出绩效目标表" in t for t in texts)    # stops at the next table


# ---- dropped: quote not in the source -------------------------------------------------------------
def test_item_whose_quote_is_not_in_the_source_is_dropped(fake_llm: FakeOpenAI, cj: SourceDoc):
    d = base(cj)
    project = projects_from_source(cj)[0]
    project.allocations = [parsed_item(cj, n, v) for n, v in CJ_ALLOC.items()]
    d.projects = [project]
    reply = alloc_reply(("办公费",))
    reply["items"].append({"name": "印刷费", "amount": 6.0, "unit": "万元", "quote": "印刷费 6.00 万元"})
    fake_llm.structured(reply)

    s = settings_for(fake_llm, "function_calling")
    report = enrich_with_llm(d, cj, make_chat_model(s), s)

    p = report.projects[0]
    assert [i.name for i in p.accepted] == ["办公费"]
    assert len(p.dropped) == 1 and "印刷费" in p.dropped[0] and "not in the source" in p.dropped[0]
    assert not any("印刷费" in x for x in p.disagreements)           # a dropped item is not compared
    assert [a.name for a in project.allocations] == list(CJ_ALLOC)  # and never reaches the model


def test_indicator_number_not_in_its_quote_is_dropped(fake_llm: FakeOpenAI, cj: SourceDoc):
    text = "\n".join(l.text for l in cj.lines if "数量指标" in l.text)
    bad = indicator_reply(CJ_INDICATORS[:2])
    bad["items"][1]["weight"] = 51.0                       # quote says 15
    fake_llm.structured(bad)
    s = settings_for(fake_llm, "json_object")
    kept, problems = fill_indicators(text, make_chat_model(s), s)
    assert [k.name for k in kept] == ["建成自治区级以上创新平台"]
    assert len(problems) == 1 and "weight 51" in problems[0]


def test_self_assessment_rows_in_markdown_keep_actual_and_score(fake_llm: FakeOpenAI):
    """A 决算 自评表 in converter markdown: tab-separated rows, LaTeX targets; the table's own
    lines are found from its heading, and a wrong score is caught by the quote check."""
    src = load(WLMQ_JS)
    d = base(src)
    d.performance = [PerformanceTable(kind="项目支出绩效自评", loc=l.loc)
                     for l in src.lines if l.text.strip() in ("项目支出绩效自评表", "部门整体支出绩效自评表")]
    target = line_of(src, "服务企业满意度(%)")
    table = max((t for t in d.performance if t.loc.line < target.loc.line), key=lambda t: t.loc.line)
    start, end = table_span(d, src, table)
    text = "\n".join(l.text for l in src.lines[start:end])
    assert "购买数据库类别" in text and "群众满意度" not in text           # this table only
    fake_llm.structured({"items": [
        {"name": "服务企业满意度(%)", "target_raw": ">=90%", "operator": ">=", "target_value": 90, "target_unit": "%",
         "actual_value": 100, "weight": 10, "score": 10, "quote": "服务企业满意度(%)\t$\\geq 90\\%$\t=100%\t10\t10"},
        {"name": "专业统计类别", "target_raw": "=11个", "operator": "=", "target_value": 11, "target_unit": "个",
         "actual_value": 11, "weight": 10, "score": 9, "quote": "专业统计类别\t=11个\t=11个\t10\t10"},
    ]})
    s = settings_for(fake_llm, "function_calling")
    kept, problems = fill_indicators(text, make_chat_model(s), s)
    assert [(k.name, k.target_value, k.actual_value, k.score) for k in kept] == [("服务企业满意度(%)", 90, 100, 10)]
    assert len(problems) == 1 and "score 9" in problems[0]


# ---- disagreement: LLM 21 where the parse says 22 --------------------------------------------------
def test_disagreement_is_reported_and_the_parse_value_kept(fake_llm: FakeOpenAI, tmp_path: Path):
    # The document states 21.00 for 办公费; the deterministic side says 22 (a misread the
    # report must surface). The LLM quotes the document, so its 21 passes the quote check.
    doc = tmp_path / "cj.txt"
    doc.write_text(CJ.read_text(encoding="utf-8").replace("办公费 22.00 万元", "办公费 21.00 万元"), encoding="utf-8")
    src = load(doc)
    d = base(src)
    project = projects_from_source(src)[0]
    project.allocations = [parsed_item(src, n, v) for n, v in CJ_ALLOC.items()]     # 办公费 = 22
    d.projects = [project]
    fake_llm.structured(alloc_reply(override={"办公费": {"amount": 21.0, "quote": "办公费 21.00 万元"}}))

    s = settings_for(fake_llm)
    report = enrich_with_llm(d, src, make_chat_model(s), s)

    p = report.projects[0]
    assert p.disagreements == ["'办公费': LLM says 21, the parse says 22"]
    assert "办公费" not in p.agreements and len(p.agreements) == 4
    assert project.allocations[0].amount.value == 22.0            # reported, not overwritten
    assert "disagreement: '办公费': LLM says 21, the parse says 22" in format_report(report)


def test_indicator_disagreements_name_the_field(cj: SourceDoc):
    parsed = parsed_indicators(cj)
    llm = [IndicatorWithQuote(name="高新技术企业数量", target_raw=">=255 家", operator=">=", target_value=225.0,
                              target_unit="家", weight=15.0, quote="高新技术企业数量 >=255 家"),
           IndicatorWithQuote(name="建成自治区级以上创新平台", target_raw=">=170 个", operator="=",
                              target_value=170.0, target_unit="个", weight=15.0, quote="x")]
    diffs = compare_indicators_with_parse(llm, parsed)
    assert "'高新技术企业数量' target_value: LLM says 225, the parse says 255" in diffs
    assert "'建成自治区级以上创新平台' operator: LLM says =, the parse says >=" in diffs
    assert any("备案科技型中小企业" in x and "not found by the LLM" in x for x in diffs)
    assert len(diffs) == 3
    parsed[0].operator = "≥"                                    # symbols as the document writes them
    assert compare_indicators_with_parse(llm[1:], parsed[:1]) == [
        "'建成自治区级以上创新平台' operator: LLM says =, the parse says ≥"]
    assert compare_indicators_with_parse([llm[1].model_copy(update={"operator": ">="})], parsed[:1]) == []


# ---- LLM-only items, where the parse found none ----------------------------------------------------
def test_llm_items_fill_only_what_the_parse_left_empty(fake_llm: FakeOpenAI, cj: SourceDoc):
    d = base(cj)
    project = projects_from_source(cj)[0]                  # no parsed allocations
    table = whole_target_table(cj)                         # no parsed indicators
    d.projects, d.performance = [project], [table]
    fake_llm.structured(alloc_reply(("办公费", "劳务费"))).structured(indicator_reply(CJ_INDICATORS[1:2]))

    s = settings_for(fake_llm)
    report = enrich_with_llm(d, cj, make_chat_model(s), s)

    assert report.projects[0].llm_sourced == ["办公费", "劳务费"]
    assert [(a.name, a.amount.value) for a in project.allocations] == [("办公费", 22.0), ("劳务费", 15.0)]
    office = project.allocations[0].amount
    assert "办公费 22.00 万元" in next(l.text for l in cj.lines if l.loc == office.loc)   # located in the source
    assert report.tables[0].llm_sourced == ["高新技术企业数量"]
    ind = table.indicators[0]
    assert (ind.operator, ind.target_value, ind.target_unit, ind.weight) == (">=", 255.0, "家", 15.0)
    assert ind.loc == line_of(cj, "高新技术企业数量 >=255").loc
    assert sum("LLM-sourced" in w for w in d.warnings) == 2
    assert "added (LLM-sourced, the parse found none): 办公费" in format_report(report)


# ---- junk, then valid ----------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["json_schema", "function_calling", "json_object"])
def test_junk_then_valid_is_reasked_and_accepted(fake_llm: FakeOpenAI, cj: SourceDoc, mode: str):
    d = base(cj)
    table = whole_target_table(cj)
    table.indicators = parsed_indicators(cj)
    d.performance = [table]
    fake_llm.structured("这不是 JSON {").structured(indicator_reply())

    s = settings_for(fake_llm, mode)
    report = enrich_with_llm(d, cj, make_chat_model(s), s)

    assert len(fake_llm.chat_bodies) == 2
    assert "没有通过校验" in fake_llm.chat_bodies[1]["messages"][-1]["content"]
    t = report.tables[0]
    assert t.error is None and len(t.accepted) == 3 and t.disagreements == []


# ---- model errors ---------------------------------------------------------------------------------
def test_model_error_mid_way_is_recorded_and_the_rest_continues(fake_llm: FakeOpenAI, cj: SourceDoc):
    d = base(cj)
    d.projects = projects_from_source(cj)
    assert len(d.projects) == 2
    table = whole_target_table(cj)
    table.indicators = parsed_indicators(cj)
    d.performance = [table]
    fake_llm.structured(alloc_reply(("办公费",)))
    fake_llm.error(500, "internal failure")                 # the second project
    fake_llm.structured(indicator_reply())

    s = settings_for(fake_llm)
    report = enrich_with_llm(d, cj, make_chat_model(s), s)

    assert [p.error is None for p in report.projects] == [True, False]
    assert "HTTP 500" in report.projects[1].error and report.projects[1].project == "引智工作经费"
    assert report.tables[0].error is None and len(report.tables[0].agreements) == 3
    assert report.model_errors == 1 and report.complete
    assert "model error: " in format_report(report)


def test_consecutive_model_errors_stop_the_run(fake_llm: FakeOpenAI, cj: SourceDoc):
    d = base(cj)
    d.projects = projects_from_source(cj)
    d.performance = [whole_target_table(cj), PerformanceTable(kind="项目支出绩效目标", project="机关运行保障经费",
                                                              loc=line_of(cj, "项目支出绩效目标表").loc)]
    for _ in range(MAX_CONSECUTIVE_MODEL_ERRORS):
        fake_llm.error(503, "overloaded")

    s = settings_for(fake_llm)
    report = enrich_with_llm(d, cj, make_chat_model(s), s)

    assert len(fake_llm.chat_bodies) == MAX_CONSECUTIVE_MODEL_ERRORS         # the 4th item is never sent
    assert not report.complete and "3 consecutive model errors" in report.stopped
    assert report.not_attempted == ["项目支出绩效目标表 机关运行保障经费 at " + str(d.performance[1].loc)]
    assert "STOPPED" in format_report(report)


# ---- the CLI -------------------------------------------------------------------------------------
def test_cli_llm_without_endpoint_names_the_settings(capsys: pytest.CaptureFixture, tmp_path: Path):
    assert main(["extract", str(CJ), "--llm", "--out", str(tmp_path / "x.json")]) == 2
    err = capsys.readouterr().err
    assert "BUDGETQA_LLM_BASE_URL" in err and "BUDGETQA_LLM_MODEL" in err
    assert not (tmp_path / "x.json").exists()


def test_cli_llm_end_to_end(fake_llm: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                            capsys: pytest.CaptureFixture):
    src = load(CJ)
    d = parse(src)
    jobs = [p for p in d.projects if (p.allocation_text or "").strip()] + list(d.performance)
    for _ in jobs:
        fake_llm.structured({"items": []})
    monkeypatch.setenv("BUDGETQA_LLM_BASE_URL", fake_llm.base_url)
    monkeypatch.setenv("BUDGETQA_LLM_MODEL", "fake-model")
    monkeypatch.setenv("BUDGETQA_LLM_MAX_RETRIES", "0")

    plain, enriched = tmp_path / "plain.json", tmp_path / "llm.json"
    assert main(["extract", str(CJ), "--out", str(plain)]) == 0
    assert len(fake_llm.chat_bodies) == 0                               # no --llm, no model call
    assert main(["extract", str(CJ), "--llm", "--out", str(enriched)]) == 0

    assert len(fake_llm.chat_bodies) == len(jobs)
    out = json.loads(enriched.read_text(encoding="utf-8"))
    report = out.pop("llm_enrichment")
    assert out == json.loads(plain.read_text(encoding="utf-8"))         # the model dump is unchanged
    assert report["source_name"] == CJ.name and report["stopped"] is None
    assert len(report["projects"]) + len(report["tables"]) == len(jobs)
    assert all(not r["accepted"] and r["error"] is None for r in report["projects"] + report["tables"])
    assert f"LLM enrichment of {CJ.name}" in capsys.readouterr().err
