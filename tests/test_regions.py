"""China's regions as vocabulary (budgetqa/core/regions.json, built by tools/build_regions.py):
questions name regions the index may not hold, and are never answered from another region."""
from __future__ import annotations

from budgetqa.core.regions import all_regions, code_of, named_in, within
from budgetqa.qa.pipeline import answer_question


def test_every_province_and_prefecture_is_known():
    regions = all_regions()
    assert sum(r.level == "province" for r in regions) == 34
    assert sum(r.level == "prefecture" for r in regions) >= 330
    assert {r.name for r in regions} >= {"新疆维吾尔自治区", "巴音郭楞蒙古自治州", "杭州市", "普陀区", "浦东新区"}


def test_short_forms_and_ordinary_words():
    assert [r.name for r in named_in("新疆的科技局")] == ["新疆维吾尔自治区"]
    assert [r.name for r in named_in("昌吉州科技局2024年")] == ["昌吉回族自治州"]
    assert [r.name for r in named_in("杭州市财政局")] == ["杭州市"]
    assert named_in("城区建设支出多少") == []          # a two-character county name is an ordinary word
    assert named_in("阿里巴巴的项目") == []            # a prefecture's short form needs 市 / 州 / a department after it
    assert {r.code for r in named_in("普陀区政府办")} == {"310107", "330903"}   # 上海 and 舟山


def test_a_document_region_in_the_hierarchy():
    putuo = code_of("上海市普陀区")
    assert putuo.code == "310107"
    shanghai = next(r for r in named_in("上海市") if r.level == "province")
    assert within(putuo, shanghai) and not within(code_of("乌鲁木齐市"), shanghai)


def test_a_region_the_index_does_not_hold_is_not_answered_from_another(qa_ws):
    a = answer_question("杭州市科技局2025年三公经费是多少", qa_ws)
    assert not a.found and "杭州市" in a.answer
    b = answer_question("浙江省科学技术厅2025年部门预算的机关运行经费", qa_ws)
    assert not b.found and "浙江省" in b.answer
    c = answer_question("昌吉州科技局2024年三公经费是多少", qa_ws)
    assert c.found and c.value == 4.78
