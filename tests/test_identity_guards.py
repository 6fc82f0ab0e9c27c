"""Identity guards: answers that must not carry 'verified' however well their numbers stand in
the cited text — a check with no right/wrong, a share across two columns, a sum compared with a
figure that is not the one named, a guess among several documents, a level given for a change —
and the thresholds a filter reads (达到或超过, X以上). Typed objects built here, no documents."""
from __future__ import annotations

from budgetqa.core.answer import Answer, FactRef
from budgetqa.core.query import DocScope, Query
from budgetqa.qa.parser import parse_query
from budgetqa.verify.identity import check_identity


def _fact(name, value, *, column=None, table="gpb_expense", kind="cell", doc="d1", unit="万元"):
    return FactRef(doc_id=doc, source=f"{doc}.txt", name=name, value=value, unit=unit, kind=kind, table=table,
                   column=column)


def _answer(value, facts, **kw):
    return Answer(question="q", found=True, answer="a", value=value, unit=kw.pop("unit", "万元"), facts=facts, **kw)


def _details(answer, query):
    return [c.detail for c in check_identity(answer, query)]


def test_a_check_without_right_or_wrong_is_not_verified():
    q = Query(op="check", measure="一般公共预算 支出", stated=102.32, phrase="文件写的102.32%对吗")
    a = _answer(3261.37, [_fact("一般公共预算财政拨款支出", 3261.37, kind="prose")])
    assert any("对不对" in d for d in _details(a, q))
    assert not any("对不对" in d for d in _details(a.model_copy(update={"polarity": "yes"}), q))


def test_a_share_of_two_rows_in_different_columns_is_not_verified():
    q = Query(op="share", measure="高中教育 教育支出",
              operands=[Query(measure="高中教育"), Query(measure="教育支出")], phrase="高中教育占教育支出多少")
    part, whole = _fact("205 02 04 高中教育", 96.28, column="基本支出"), _fact("205 教育支出", 303.99, column="合计")
    a = _answer(31.67, [part, whole], unit="%", calculation="96.28/303.99*100")
    assert any("不同的列" in d for d in _details(a, q))
    same = part.model_copy(update={"column": "合计", "value": 131.76})
    assert not any("不同的列" in d for d in _details(a.model_copy(update={"facts": [same, whole]}), q))
    # one row split into its columns (人员经费 of 基本支出) is a share
    row = [_fact("合计", 442.47, column="人员经费"), _fact("合计", 486.67, column="基本支出")]
    assert not any("不同的列" in d for d in _details(a.model_copy(update={"facts": row}), q))


def test_a_sum_compared_with_another_figure_than_the_one_named_is_not_verified():
    q = Query(op="yes_no", equals="基本支出", measure="人员经费 公用经费", phrase="人员经费加公用经费等于基本支出吗")
    parts = [_fact("支出总计", 224.7, column="人员经费"), _fact("支出总计", 21.3, column="公用经费")]
    wrong = _answer(0.0, parts + [_fact("208 05 行政事业单位养老支出", 42.1, column="合计")], polarity="no")
    assert any("基本支出" in d and "比较" in d for d in _details(wrong, q))
    right = _answer(0.0, parts + [_fact("支出总计", 246.0, column="基本支出")], polarity="yes")
    assert not any("比较" in d for d in _details(right, q))


def test_a_sum_over_an_index_naming_no_document_answered_from_one_is_not_verified():
    q = Query(op="sum", measure="三公经费", scope=DocScope(doc_ids=["d1"], all_docs=True), phrase="三公经费合计多少")
    a = _answer(24.18, [_fact("三公经费", 24.18, kind="prose")])
    assert any("没有指明" in d for d in _details(a, q))
    named = q.model_copy(update={"scope": DocScope(doc_ids=["d1"], named=True)})
    assert not any("没有指明" in d for d in _details(a, named))


def test_a_level_given_for_a_change_is_not_verified():
    q = Query(op="per_unit", measure="低保标准", phrase="低保标准每人每月涨了多少")
    a = _answer(1450.0, [_fact("低保标准", 1450.0, kind="prose", unit="元")], unit="元")
    assert any("变化" in d for d in _details(a, q))
    stated_change = _answer(70.0, [_fact("低保标准", 1520.0, kind="prose", unit="元")], unit="元")
    assert not any("变化" in d for d in _details(stated_change, q))


def test_thresholds_include_the_figure_where_the_words_say_so():
    from budgetqa.retrieval.workspace import DocRecord

    docs = [DocRecord(doc_id="d1", source="a.txt", format="txt", region="巴音郭楞蒙古自治州", department="新疆巴州科学技术局",
                      year=2025, kind="预算", n_chunks=1, n_tables=1, ingested_at="2026-12-03T00:00:00")]
    for question, compare in (("巴州科技局哪些项目达到或超过100万元", ">="), ("巴州科技局哪些项目在100万元以上", ">="),
                              ("巴州科技局哪些项目超过100万元", ">"), ("巴州科技局哪些项目不超过100万元", "<=")):
        p = parse_query(question, docs).predicate
        assert p is not None and p.kind == "threshold" and p.value == 100 and p.compare == compare, (question, p)


def test_an_agreement_asked_without_yes_or_no_is_not_verified():
    q = Query(op="lookup", measure="公务接待费", phrase="说明里写的公务接待费和三公经费表里的一致吗？")
    a = _answer(1.86, [_fact("公务接待费", 1.86, column="决算数", table="three_public")])
    assert any("对不对" in d for d in _details(a, q))


def test_what_was_left_unspent_asks_a_difference():
    q = Query(op="lookup", measure="三公经费 年初预算", phrase="三公经费年初预算有多少没花完？")
    a = _answer(32.7, [_fact("三公经费", 32.7, kind="prose")])
    assert any("变化" in d for d in _details(a, q))


def test_a_management_bureau_goes_by_its_name_without_guanli():
    from budgetqa.core.aliases import department_short_forms

    assert "水网调度局" in department_short_forms("水网调度管理局")


def test_a_sentence_stating_budget_and_actual_gives_the_one_asked():
    q = Query(op="lookup", measure="公务接待费", column="决算数", phrase="公务接待实际花了多少钱？")
    f = _fact("公务接待费", 2.5, kind="prose").model_copy(update={"clause": "公务接待费年初预算为2.50万元，支出决算为1.68万元。"})
    assert any("决算" in d for d in _details(_answer(2.5, [f]), q))
    g = f.model_copy(update={"value": 1.68})
    assert not any("句中的预算数" in d for d in _details(_answer(1.68, [g]), q))
