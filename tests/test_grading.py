"""The graders themselves, on hand-made answers: right ones and ones that must be graded wrong."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetqa.evals.grading import grade, number_from_text, polarity_of_text, rule_for
from budgetqa.core.answer import Answer, Citation

DOC = "000_fbfe44e17c8967fa.txt"
OTHER = "004_ad81c3092455a930.txt"
EVIDENCE = "支出均纳入部门预算管理。收支总预算 1,065.90 万元。"


def cite(doc: str = DOC, text: str = "支出均纳入部门预算管理。收支总预算 1,065.90 万元。") -> Citation:
    return Citation(doc=doc, locator="p.3 l.12", text=text)


def ans(text: str = "", *, found: bool = True, value=None, unit=None, items=(), polarity=None, citations=None) -> Answer:
    return Answer(question="q", found=found, answer=text, value=value, unit=unit, items=list(items),
                  polarity=polarity, citations=[cite()] if citations is None else citations)


def money_gold(value: float = 1060.0, unit: str = "万元") -> dict:
    return {"id": "t-1", "doc": DOC, "type": "table_lookup", "question": "q", "answer": "…",
            "value": value, "unit": unit, "evidence": [EVIDENCE]}


# ---- numbers and units
@pytest.mark.parametrize("value,unit", [(1060, "万元"), (10600000, "元"), (0.106, "亿元"), (1060.004, "万元")])
def test_money_in_any_unit_is_right(value, unit):
    g = grade(money_gold(), ans("…", value=value, unit=unit))
    assert g.correct, g.reason


@pytest.mark.parametrize("value,unit", [(1060, None), (1060, "元"), (1061, "万元"), (1060, "%"), (1060, "个")])
def test_money_wrong_unit_or_value_is_wrong(value, unit):
    assert not grade(money_gold(), ans("…", value=value, unit=unit)).correct


def test_tolerance_grows_with_the_gold_value():
    gold = money_gold(100000.0)
    assert grade(gold, ans(value=100049, unit="万元")).correct       # 0.05% of 100000 = 50
    assert not grade(gold, ans(value=100051, unit="万元")).correct


def test_number_read_from_text_when_value_is_missing():
    assert grade(money_gold(), ans("部门收支总预算为1,060.00万元，其中上年结转481.23万元。")).correct
    assert grade(money_gold(), ans("合计 10,600,000 元")).correct
    assert grade(money_gold(), ans("约0.106亿元")).correct
    assert not grade(money_gold(), ans("总预算为1060。")).correct          # unit matters: bare number
    assert not grade(money_gold(), ans("没有找到相关数字")).correct


def test_computation_result_is_the_number_after_the_equals_sign():
    assert number_from_text("544.67÷1065.90×100=51.10%", "%") == (51.10, "%")
    assert number_from_text("2,337.28+5,932.17=8,269.45万元", "万元") == (8269.45, "万元")


def test_percent():
    gold = {**money_gold(51.10, "%"), "type": "arithmetic"}
    assert grade(gold, ans(value=51.1, unit="%")).correct
    assert grade(gold, ans("≈51.10%")).correct
    assert not grade(gold, ans(value=51.2, unit="%")).correct
    assert not grade(gold, ans(value=0.511, unit=None)).correct


def test_counts_need_no_unit_but_years_are_not_counts():
    gold = {**money_gold(27, "个"), "type": "text_lookup"}
    assert grade(gold, ans(value=27, unit=None)).correct
    assert grade(gold, ans("2024年编制数为27个。")).correct
    assert not grade(gold, ans("2024年编制数为44人。")).correct
    assert not grade(gold, ans(value=27, unit="万元")).correct


# ---- lists
LIST_GOLD = {"id": "t-l", "doc": DOC, "type": "list", "question": "q", "answer": "…", "value": None, "unit": None,
             "items": ["办公室（组织人事科）", "综合科", "工业科技科", "农村科技科", "自创区建设与科技合作科", "专家顾问服务中心"],
             "evidence": ["下设 7 个处室"]}


def test_list_five_of_six_is_right_four_is_wrong():
    five = "下设：办公室(组织人事科)、综合科、工业 科技科、农村科技科、自创区建设与科技合作科。"
    four = "下设：办公室、综合科、工业科技科、农村科技科。"   # 办公室 alone does not match 办公室（组织人事科）
    assert grade(LIST_GOLD, ans(five)).correct
    assert not grade(LIST_GOLD, ans(four)).correct


def test_list_items_field_counts_too():
    g = grade(LIST_GOLD, ans("共6个：", items=LIST_GOLD["items"][:5]))
    assert g.correct, g.reason


# ---- yes / no
YN_GOLD = {"id": "t-y", "doc": DOC, "type": "yes_no", "question": "安排出国经费了吗", "answer": "没有。因公出国（境）费为0万元。",
           "value": None, "unit": None, "evidence": ["因公出国（境）费 0 万元"]}


def test_yes_no_by_polarity_or_first_word():
    assert grade(YN_GOLD, ans("没有，预算为0。")).correct
    assert grade(YN_GOLD, ans("……", polarity="no")).correct
    assert grade(YN_GOLD, ans("“否”。")).correct
    assert not grade(YN_GOLD, ans("有，安排了。")).correct
    assert not grade(YN_GOLD, ans("是的")).correct
    assert not grade(YN_GOLD, ans("没有。", polarity="yes")).correct    # the field wins over the text
    yes_gold = {**YN_GOLD, "answer": "有。安排了9万元。"}
    assert grade(yes_gold, ans("有，9.00万元")).correct
    assert not grade(yes_gold, ans("没有")).correct


def test_first_word_rule_checks_negatives_first():
    assert polarity_of_text("没有") == "no"
    assert polarity_of_text("有") == "yes"
    assert polarity_of_text("无") == "no"
    assert polarity_of_text("不对") == "no"
    assert polarity_of_text("对") == "yes"
    assert polarity_of_text("根据文件") is None


# ---- abstention
UNANS = {"id": "t-u", "doc": DOC, "type": "unanswerable", "question": "2023年底实际有多少家高企？", "answer": "无法回答。",
         "value": None, "unit": None, "evidence": ["高新技术企业数量突破 255 家"]}


def test_abstention_right():
    g = grade(UNANS, ans("文件没有披露2023年的实际数量，只有2024年目标255家。", found=False))
    assert g.correct and g.citation_hit is None


def test_abstention_stating_a_figure_is_wrong():
    assert not grade(UNANS, ans("无法确定。", found=False, value=255, unit="家")).correct
    assert not grade(UNANS, ans("高企数量为255家。", found=False)).correct
    assert not grade(UNANS, ans("255家", found=True, value=255, unit="家")).correct


def test_abstaining_on_an_answerable_question_is_wrong():
    assert not grade(money_gold(), ans("文件中没有。", found=False, value=1060, unit="万元")).correct


# ---- document and citations
def test_right_number_from_the_wrong_document_is_wrong():
    wrong = ans(value=1060, unit="万元", citations=[cite(OTHER)])
    g = grade(money_gold(), wrong)
    assert not g.correct and "wrong document" in g.reason
    assert grade(money_gold(), ans(value=1060, unit="万元", citations=[cite(OTHER), cite(DOC)])).correct


def test_cross_document_gold_accepts_any_of_its_documents():
    gold = {**money_gold(), "doc": None, "docs": [OTHER, "002_e49850479605d5c8.txt"]}
    assert grade(gold, ans(value=1060, unit="万元", citations=[cite(OTHER)])).correct
    assert not grade(gold, ans(value=1060, unit="万元", citations=[cite(DOC)])).correct


def test_text_rule_is_right_only_through_evidence_in_a_citation():
    gold = {**money_gold(), "type": "text_lookup", "value": None, "unit": None,
            "evidence": ["主要职能是：贯彻落实国家科技发展"]}
    good = ans("它负责科技发展。", citations=[cite(text="本部门主要职能是：贯彻落实 国家科技 发展的方针")])
    bad = ans("主要职能是：贯彻落实国家科技发展", citations=[cite(text="别的段落")])
    assert grade(gold, good).correct and grade(gold, good).citation_hit
    g = grade(gold, bad)
    assert not g.correct and g.citation_hit is False


def test_citation_hit_ignores_white_space():
    g = grade(money_gold(), ans(value=1060, unit="万元", citations=[cite(text="收支总预算1,065.90万元。支出均纳入部门预算管理。收支总预算 1,065.90   万元。")]))
    assert g.citation_hit is True


# ---- rule choice on the real gold file
def test_every_bundled_gold_record_gets_a_rule():
    path = Path(__file__).resolve().parents[1] / "evals" / "gold" / "gold.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    rules = {r["id"]: rule_for(r) for r in rows}
    assert rules["cj-kjj-2024-001"] == "number"
    assert rules["cj-kjj-2024-033"] == "list"
    assert rules["wlmq-kjj-2024js-040"] == "yes_no"          # type first, even with a value
    assert set(rules.values()) <= {"number", "list", "yes_no", "unanswerable", "text"}
    for r in rows:
        if r["type"] == "yes_no":
            assert polarity_of_text(r["answer"]) is not None, r["id"]


def test_each_gold_answer_graded_as_an_answer_is_right():
    """The gold's own answer (value, unit, items, evidence cited from its documents) passes its
    own grader; with the document swapped for another, every answerable one fails."""
    path = Path(__file__).resolve().parents[1] / "evals" / "gold" / "gold.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    for r in rows:
        docs = [r["doc"]] if r.get("doc") else r["docs"]
        cites = [Citation(doc=docs[i % len(docs)], locator="x", text=e) for i, e in enumerate(r["evidence"])]
        unans = r["type"] == "unanswerable"
        a = Answer(question=r["question"], found=not unans, answer=r["answer"],
                   value=None if unans else r.get("value"), unit=None if unans else r.get("unit"),
                   items=r.get("items") or [], citations=cites)
        g = grade(r, a)
        assert g.correct, (r["id"], g.reason)
        if not unans:
            assert g.citation_hit, r["id"]
            elsewhere = a.model_copy(update={"citations": [c.model_copy(update={"doc": "999_other.txt"}) for c in cites]})
            assert not grade(r, elsewhere).correct, r["id"]
