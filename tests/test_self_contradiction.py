"""A sentence whose figure the document's own table row states otherwise: the answer is a
`conflict` naming both places, never `verified` — the disclosure is not silently corrected.
Invented fixture (no eval document's figures)."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.qa.pipeline import answer_question
from budgetqa.retrieval.workspace import Workspace

DOC = """某某县档案馆2026年单位预算

第一部分 单位概况
某某县档案馆是县委办公室所属参照公务员法管理的事业单位。

第二部分 2026年单位预算情况说明
一、收支预算总体情况
2026年收入预算80.00万元，其中一般公共预算拨款收入80.00万元；支出预算80.00万元。
二、“三公”经费预算情况
2026年“三公”经费预算3.00万元。其中：公务接待费0.60万元；公务用车运行维护费2.70万元，比上年减少0.10万元。
三、机关运行经费
2026年机关运行经费预算12.00万元。

表六 2026年一般公共预算基本支出表
单位：万元
| 科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费 |
| --- | --- | --- | --- | --- |
|  | 合计 | 70.00 | 58.00 | 12.00 |
| 301 | 工资福利支出 | 58.00 | 58.00 |  |
| 302 | 商品和服务支出 | 12.00 |  | 12.00 |
| 30217 | 公务接待费 | 0.60 |  | 0.60 |
| 30231 | 公务用车运行维护费 | 2.40 |  | 2.40 |
| 30201 | 办公费 | 9.00 |  | 9.00 |
"""


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = Path(tmp_path_factory.mktemp("contra"))
    p = root / "dangan-2026-dwys.txt"
    p.write_text(DOC, "utf-8")
    w = Workspace.open(workspace=str(root / "ws"))
    assert w.ingest([p])[0].status == "indexed"
    return w


def test_a_sentence_its_own_table_contradicts_is_a_conflict(ws):
    a = answer_question("档案馆2026年公务用车运行维护费是多少", ws)
    assert a.found and a.verification.status == "conflict", (a.answer, a.verification)
    detail = next(c.detail for c in a.verification.checks if c.kind == "conflict" and not c.ok)
    assert "2.70" in detail and "2.40" in detail and "文件自身不一致" in detail
    assert any("2.40" in c.text for c in a.citations), "the contradicting table row is cited"


def test_a_sentence_its_table_agrees_with_stays_verified(ws):
    a = answer_question("档案馆2026年公务接待费预算多少", ws)
    assert a.found and a.value == pytest.approx(0.6)
    assert a.verification.status == "verified", a.verification
