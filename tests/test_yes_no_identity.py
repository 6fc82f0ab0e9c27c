"""A yes/no answer carries 已核验 only when the figures it cites decide it.

'A比B高吗' is answered by comparing both cited figures (the sign of A − B, recomputed);
a comparison the executor did not compute, or '有没有X' answered 有 by a figure that is not
X's own, is never `verified`. Questions here were written for these tests, on the samples.
"""
from __future__ import annotations

import pytest

from budgetqa.qa.pipeline import answer_question


def _ask(ws, q):
    return answer_question(q, ws)


@pytest.mark.parametrize("question, polarity", [
    ("昌吉州科技局2024年的三公预算比乌市科技局2025年的高吗？", "no"),   # 4.78 vs 10.80
    ("乌市科技局2025年的三公预算比昌吉州科技局2024年的高吗？", "yes"),
])
def test_a_comparison_of_two_documents_is_decided_by_both_figures(qa_ws, question, polarity):
    a = _ask(qa_ws, question)
    assert a.polarity == polarity
    assert a.verification.status == "verified"
    assert a.value == pytest.approx(6.02, abs=0.005)      # 10.80 − 4.78, recomputed
    assert {c.doc_id for c in a.citations} >= {f.doc_id for f in a.facts} and len({f.doc_id for f in a.facts}) == 2


def test_a_comparison_not_computed_is_not_verified(qa_ws):
    # 决算 against 年初预算 of one document: no comparison of the two columns is run
    a = _ask(qa_ws, "乌市科技局2024年财政拨款收入决算比年初预算高吗？")
    assert not (a.found and a.verification.status == "verified" and a.polarity == "yes")


def test_yes_from_a_figure_that_is_not_the_item_asked_is_not_verified(qa_ws):
    # 巴州's 三公 are all 公务用车运行费: 公务接待费 is 0.00, so a '有' can only come from another row
    a = _ask(qa_ws, "巴州科技局2025年三公经费里有没有招待费？")
    if a.polarity == "yes":
        assert a.verification.status != "verified"
    a = _ask(qa_ws, "巴州科技局2025年有没有公务用车购置费？")
    assert a.polarity == "no" and a.verification.status == "verified"


def test_a_count_asked_is_never_answered_by_money(qa_ws):
    a = _ask(qa_ws, "昌吉州科技局的办公家具一共有多少件？")        # the document states only its value
    assert not (a.found and a.verification.status == "verified" and a.unit in ("元", "万元", "亿元"))


def test_everyday_word_for_an_economic_row(qa_ws):
    a = _ask(qa_ws, "巴州科技局2025年的暖气费预算多少？")          # 取暖费 (302 08)
    assert a.found and a.value == pytest.approx(4.79) and a.unit == "万元"
