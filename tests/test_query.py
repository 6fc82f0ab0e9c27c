"""The typed query: one parser reads the question, one executor runs the Query, the verifier
checks the cited figure is the one asked for (issue 11)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from budgetqa.core.answer import Answer, Citation, FactRef
from budgetqa.core.query import Cue, OPS, Query
from budgetqa.qa.parser import parse_query
from budgetqa.qa.parser.cues import CUE_WORDS
from budgetqa.qa.pipeline import answer_question
from budgetqa.verify.identity import check_identity

QA = Path(__file__).resolve().parents[1] / "qa"


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            out.add(("." * node.level) + (node.module or ""))
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


@pytest.mark.parametrize("module", ["execute.py", "offline.py", "facts.py", "text.py"])
def test_the_executor_does_not_import_the_parser(module):
    assert not any("parser" in m for m in _imports(QA / module)), _imports(QA / module)


@pytest.mark.parametrize("module", ["execute.py", "offline.py"])
def test_no_operation_takes_the_question(module):
    """Every function of the executor takes a Query (or its Ask view), never the question text."""
    tree = ast.parse((QA / module).read_text("utf-8"))
    for fn in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
        names = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
        assert not names & {"question", "q"}, f"{module}:{fn.name} takes {names & {'question', 'q'}}"


def test_every_cue_the_parser_writes_is_in_the_closed_set():
    assert set(CUE_WORDS) <= set(Cue.__args__)
    assert {"lookup", "sum", "difference", "share", "growth", "per_unit", "rank", "filter", "list", "yes_no",
            "check"} == set(OPS)


def test_a_query_round_trips_through_its_schema(qa_ws):
    q = parse_query("巴州科技局2025年人员经费占基本支出的比例是多少", qa_ws.docs())
    assert q.op == "share" and len(q.operands) == 2
    assert [o.measure for o in q.operands] == ["人员经费", "基本支出"]
    assert q.scope.year == 2025 and q.scope.kind == "预算" and len(q.scope.doc_ids) == 1
    assert Query.model_validate_json(q.model_dump_json()) == q


def test_check_and_yes_no_wrap_the_operation_they_test(qa_ws):
    q = parse_query("昌吉州科技局2024年三公经费是4.78万元吗", qa_ws.docs())
    assert q.op == "check" and q.stated == 4.78 and q.operands[0].op == "lookup"
    y = parse_query("巴州科技局2025年有没有安排公务用车购置费", qa_ws.docs())
    assert y.op == "yes_no" and y.operands[0].op == "lookup"


def test_a_question_naming_no_document_ranks_every_document(qa_ws):
    a = answer_question("哪个部门的机关运行经费最高", qa_ws)
    assert a.found and a.query.startswith("rank")
    assert len({f.doc_id for f in a.facts}) == len({(d.department, d.year, d.kind) for d in qa_ws.docs()
                                                    if d.scope != "单位"})
    assert a.value == max(f.value for f in a.facts)
    top = max(a.facts, key=lambda f: f.value)
    assert top.department in a.answer and a.verification.status == "verified"
    low = answer_question("机关运行经费最少的是哪个部门", qa_ws)
    assert low.value == min(f.value for f in low.facts) and "最少" in low.answer


def test_several_documents_fit_each_is_answered(qa_ws):
    a = answer_question("三公经费合计多少", qa_ws)
    assert a.found and len({f.doc_id for f in a.facts}) >= 2
    for f in a.facts:
        assert f.department in a.answer
    assert "没有指明文件" in a.answer


def test_a_derived_previous_year_figure_is_never_verified(qa_ws):
    a = answer_question("巴州科技局2024年一般公共预算有多少", qa_ws)
    assert a.value == pytest.approx(1815.50) and a.verification.status == "partly verified"


def _ans(value, unit, facts, **kw) -> Answer:
    return Answer(question="q", found=True, answer=f"{value}{unit}", value=value, unit=unit, facts=facts,
                  citations=[Citation(doc="d", locator="l", text=f"{value}")], **kw)


def _fact(**kw) -> FactRef:
    base = dict(doc_id="d1", source="d.txt", name="高新技术企业认定后奖励项目", value=1060.0, unit="万元", kind="cell")
    return FactRef(**{**base, **kw})


def test_identity_a_count_is_not_the_money_asked_for():
    q = Query(op="lookup", measure="高新技术企业 奖励", unit_class="amount")
    q.scope.doc_ids = ["d1"]
    bad = check_identity(_ans(53, "家", [_fact(value=53, unit="家", kind="prose")]), q)
    assert any("金额" in c.detail for c in bad)
    assert check_identity(_ans(1060.0, "万元", [_fact()]), q) == []


def test_identity_a_figure_of_another_document_or_item():
    q = Query(op="lookup", measure="商业创新专项 年度", unit_class="amount")
    q.scope.doc_ids = ["d1"]
    other_doc = check_identity(_ans(1060.0, "万元", [_fact(doc_id="d2")]), q)
    assert any("之外的文件" in c.detail for c in other_doc)
    other_item = check_identity(_ans(2337.28, "万元", [_fact(name="收支总预算", value=2337.28)]), q)
    assert any("商业创新专项" in c.detail for c in other_item)


def test_identity_a_ranking_from_one_document_is_not_a_ranking():
    q = Query(op="rank", measure="机关运行经费", rank="max", rank_over="documents", unit_class="amount")
    bad = check_identity(_ans(43.47, "万元", [_fact(name="机关运行经费", value=43.47)]), q)
    assert any("多个文件" in c.detail for c in bad)


def test_identity_the_column_asked_for():
    q = Query(op="lookup", measure="项目支出", column="决算数", unit_class="amount")
    bad = check_identity(_ans(10.0, "万元", [_fact(name="项目支出", value=10.0, column="年初预算数")]), q)
    assert any("决算" in c.detail for c in bad)


def test_identity_a_project_is_not_one_of_its_allocations():
    q = Query(op="lookup", measure="清华大学研究生社会实践基地工作站项目", unit_class="amount")
    part = _fact(name="清华大学研究生社会实践巴州基地工作站项目 基地工作经费", value=12.0, kind="model",
                 part="基地工作经费")
    assert any("分配" in c.detail for c in check_identity(_ans(12.0, "万元", [part]), q))


def test_filter_rows_by_their_stated_change(qa_ws):
    q = parse_query("巴州科技局2025年哪些支出科目比上年减少了", qa_ws.docs())
    assert q.op == "filter" and q.predicate.kind == "change" and q.predicate.direction == "down"
    a = answer_question("巴州科技局2025年哪些支出科目比上年减少了", qa_ws)
    assert a.found and len(a.items) >= 2 and all(f.value is not None for f in a.facts)
    assert any("培训支出" in i for i in a.items) and "比上年减少" in a.answer


def test_filter_rows_by_a_threshold_in_the_unit_asked(qa_ws):
    q = parse_query("巴州科技局2025年超过100万元的项目有哪些", qa_ws.docs())
    assert q.op == "filter" and q.predicate.compare == ">" and q.predicate.value == 100 and q.predicate.unit == "万元"
    a = answer_question("巴州科技局2025年超过100万元的项目有哪些", qa_ws)
    assert a.found and "高新技术企业认定后奖励项目" in a.items
    assert all(f.value > 100 for f in a.facts)


QUESTION_TEXT = {"question", "q", "phrase", "ph", "core", "pa", "pb", "whole"}
QUERY_TEXT = {"core", "measure", "words", "phrase", "subject", "bare", "whole_words", "context_words"}


@pytest.mark.parametrize("module", ["execute.py", "offline.py"])
def test_the_executor_runs_no_regex_over_question_words(module):
    """Only the parser parses the question: the executor's regular expressions read the documents'
    facts and lines, never the question or the Query's words (those it matches by coverage and
    by the vocabulary in qa/vocabulary.json)."""
    tree = ast.parse((QA / module).read_text("utf-8"))
    bad = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
            continue
        for arg in node.args[1:]:
            for sub in ast.walk(arg):
                if isinstance(sub, ast.Name) and sub.id in QUESTION_TEXT or \
                        isinstance(sub, ast.Attribute) and sub.attr in QUERY_TEXT:
                    bad.append(f"{module}:{node.lineno}")
    assert not bad, bad


def test_identity_one_row_of_a_column_is_not_the_column():
    q = Query(op="share", measure="人员经费 基本支出", unit_class="pct",
              operands=[Query(measure="人员经费"), Query(measure="基本支出")])
    row = _fact(name="301 08 机关事业单位基本养老保险缴费", column="人员经费", value=1763159.52, unit="元")
    whole = _fact(name="合计", column="基本支出", value=24606775.35, unit="元", is_total=True)
    a = _ans(7.17, "%", [row, whole], calculation="1763159.52/24606775.35*100")
    assert any("一行" in c.detail for c in check_identity(a, q))
    total = _fact(name="支出总计", column="人员经费", value=22473997.81, unit="元", is_total=True)
    ok = _ans(91.33, "%", [total, whole], calculation="22473997.81/24606775.35*100")
    assert not any("一行" in c.detail for c in check_identity(ok, q))
