"""Filters a question implies, resolved against indexed documents' metadata (no index needed)."""
from __future__ import annotations

from budgetqa.retrieval.filters import SearchFilters, filters_from_question, kinds_in, strip_scope, years_in

DOCS = [
    {"doc_id": "a", "department": "昌吉回族自治州科学技术局", "region": "昌吉回族自治州", "year": 2024, "kind": "预算"},
    {"doc_id": "b", "department": "新疆巴州科学技术局", "region": "巴音郭楞蒙古自治州", "year": 2025, "kind": "预算"},
    {"doc_id": "c", "department": "乌鲁木齐市科学技术局", "region": "乌鲁木齐市", "year": 2024, "kind": "决算"},
    {"doc_id": "d", "department": "乌鲁木齐市科学技术局", "region": "乌鲁木齐市", "year": 2025, "kind": "预算"},
    {"doc_id": "e", "department": "乌鲁木齐市教育局", "region": "乌鲁木齐市", "year": 2025, "kind": "预算"},
]


def test_region_aliases():
    assert filters_from_question("巴州高企奖励多少", DOCS).region == ["巴音郭楞蒙古自治州"]
    assert filters_from_question("乌市科技局三公经费", DOCS).region == ["乌鲁木齐市"]
    assert filters_from_question("昌吉州科技局编制", DOCS).region == ["昌吉回族自治州"]
    both = filters_from_question("乌鲁木齐、巴州、昌吉三个科技局里哪个编制最多？", DOCS).region
    assert set(both) == {"乌鲁木齐市", "巴音郭楞蒙古自治州", "昌吉回族自治州"}
    assert filters_from_question("科技局的三公经费", DOCS).region is None


def test_department_only_when_it_singles_out():
    assert filters_from_question("乌市科技局2025年三公经费", DOCS).department == ["乌鲁木齐市科学技术局"]
    assert filters_from_question("巴州科技局三公经费", DOCS).department is None  # one department there anyway


def test_years():
    assert years_in("州科技局25年一般公共预算拨款多少") == [2025]
    assert years_in("2024年和2025年") == [2024, 2025]
    assert years_in("截至2023年底有几辆公车") == [2023, 2024]
    assert years_in("增长 12.64%") == []
    f = filters_from_question("昌吉州科技局2023年决算支出总额", DOCS)
    assert f.year == [2023]  # kept, though no document has it
    assert not any(f.matches(d) for d in DOCS)


def test_kind_words():
    assert kinds_in("乌市科技局2024年决算的收入总计") == ["决算"]
    assert kinds_in("三公经费预算多少") == ["预算"]
    assert kinds_in("一般公共预算项目支出是多少") == []
    assert kinds_in("年初预算多少？（决算绩效自评）") == ["决算"]
    assert kinds_in("2025年部门预算比2024年决算多多少") == []


def test_filters_match_and_scalars():
    f = SearchFilters(region="乌鲁木齐市", year=2025, kind="预算")
    assert f.year == [2025] and [d["doc_id"] for d in DOCS if f.matches(d)] == ["d", "e"]
    assert SearchFilters().is_empty() and all(SearchFilters().matches(d) for d in DOCS)


def test_scope_words_are_stripped_once_filtered():
    q = "巴州科技局2025年人员经费预算多少"
    f = filters_from_question(q, DOCS)
    assert strip_scope(q, f, DOCS) == "人员经费预算多少"
    assert strip_scope(q, None, DOCS) == q
