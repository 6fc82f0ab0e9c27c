"""Template vocabulary, year semantics, chunk priors and performance blocks (retrieval side)."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.core.aliases import ALIASES, SYNONYMS, expand, synonyms
from budgetqa.extract.loader import load
from budgetqa.core.normalize import squash
from budgetqa.extract.parse import parse
from budgetqa.retrieval.chunks import make_chunks
from budgetqa.retrieval.filters import filters_from_question
from budgetqa.retrieval.lexical import SYNONYM_WEIGHT, weighted_query
from budgetqa.retrieval.perf_blocks import find_blocks
from budgetqa.retrieval.query import chunk_prior, extra_terms
from budgetqa.retrieval.workspace import Workspace
from budgetqa.core.settings import Settings

from tests.test_retrieval_filters import DOCS

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BZ = SAMPLES / "002_e49850479605d5c8.txt"      # 巴州 2025 预算
WJ = SAMPLES / "003_606eb66e1c061dbe.txt"      # 乌鲁木齐 2024 决算


# ---- vocabulary
def test_synonyms_map_everyday_words_to_template_words():
    assert {"处室", "内设机构"} <= set(synonyms("有几个科室"))
    assert "车辆" in synonyms("几辆公车") and "公务用车" in synonyms("几辆公车")
    assert "人员经费" in synonyms("人头费多少")
    assert "公务接待费" in synonyms("招待花了多少")
    assert "上年结转结余" in synonyms("结转了多少")
    assert "国有资产占用" in synonyms("有多少资产")
    assert "房屋" in synonyms("房子有多少平方米")
    assert "处室" not in synonyms("处室") and "内设机构" in synonyms("处室")  # typed words are not repeated
    assert "收支总预算" not in synonyms("部门收支总预算") and "收入总计" in synonyms("部门收支总预算")


def test_old_alias_names_still_work():
    assert expand("巴州高企") == ["巴音郭楞蒙古自治州", "高新技术企业"]
    assert ALIASES["公车"] and all(isinstance(v, list) for v in SYNONYMS.values())


def test_synonyms_weigh_less_than_the_question_words():
    groups = dict((wt, ts) for ts, wt in weighted_query("科室有几个"))
    assert "科室" in groups[1.0]
    assert "处室" in groups[SYNONYM_WEIGHT] and SYNONYM_WEIGHT < 1.0
    assert all(t not in groups[SYNONYM_WEIGHT] for t in groups[1.0])  # each token once, heaviest group


# ---- year semantics
def test_previous_year_budget_searches_the_next_years_budget():
    f = filters_from_question("昌吉州科技局2023年项目支出预算是多少", DOCS)
    assert [d["doc_id"] for d in DOCS if f.matches(d)] == ["a"]      # the 2024 预算 states 2023's figures
    f = filters_from_question("乌市科技局2024年预算的三公经费", DOCS)
    assert [d["doc_id"] for d in DOCS if f.matches(d)] == ["d"]      # 2024 has a 决算 only; the 2025 预算 says 上年
    f = filters_from_question("乌市科技局2024年三公经费决算数", DOCS)
    assert [d["doc_id"] for d in DOCS if f.matches(d)] == ["c"]      # the 决算 itself


def test_final_accounts_for_an_uncovered_year_find_nothing():
    f = filters_from_question("昌吉州科技局2023年决算支出总额", DOCS)
    assert not any(f.matches(d) for d in DOCS)
    f = filters_from_question("巴州科技局2024年决算的三公经费", DOCS)
    assert not any(f.matches(d) for d in DOCS)


def test_previous_year_terms_only_when_answered_from_the_next_budget():
    d2025 = [d for d in DOCS if d["doc_id"] == "d"]
    assert any("比上年" in w for w, _ in extra_terms("乌市科技局2024年一般公共预算拨款是多少", d2025))
    both = [d for d in DOCS if d["doc_id"] in ("c", "d")]
    assert not any("比上年" in w for w, _ in extra_terms("乌市科技局2025年预算比2024年决算的支出多多少", both))
    assert not any("比上年" in w for w, _ in extra_terms("乌市科技局2025年三公经费", d2025))


def test_level_word_narrows_an_unnamed_region():
    f = filters_from_question("州科技局2025年项目支出多少", DOCS)
    assert set(f.region) == {"昌吉回族自治州", "巴音郭楞蒙古自治州"}
    assert filters_from_question("科技局2025年项目支出多少", DOCS).region is None


def test_own_unit_and_measure_words():
    d = [x for x in DOCS if x["doc_id"] == "d"]
    words = " ".join(w for w, _ in extra_terms("局本级占多大比例", d))
    assert "乌鲁木齐市科学技术局" in words
    assert ("辆", 0.5) in extra_terms("有几辆车", d)


def test_glossary_is_worth_less_unless_a_term_is_asked_about():
    meta = {"chunk_kind": "paragraph", "section": "第四部分名词解释 > 五、基本支出"}
    assert chunk_prior(meta, "基本支出多少") < chunk_prior(meta, "基本支出是什么意思") == 1.0
    assert chunk_prior({"chunk_kind": "table_head"}, "x") < chunk_prior({"chunk_kind": "table_row"}, "x")


# ---- performance blocks
def test_performance_blocks_name_their_project_and_funding():
    blocks = {b.name: b for b in find_blocks(load(BZ))}
    assert len(blocks) >= 9
    assert "资金来源：其他资金" in blocks["创新人才培养项目"].funding   # 财政拨款 0.00, 其他资金 4.00
    assert blocks["高新技术企业认定后奖励项目"].funding == "资金来源：财政拨款"
    wj = [b for b in find_blocks(load(WJ)) if "两区" in b.name]
    assert wj and wj[0].title == "项目支出绩效自评表" and wj[0].fiscal == 950.0


def test_indicator_chunks_carry_the_project_name():
    src = load(WJ)
    chunks = [c for c in make_chunks(src, parse(src)) if c.kind == "performance"]
    rows = [c for c in chunks if "实现电子商务交易额" in c.text]
    assert rows and "乌鲁木齐国家农业科技园区专项经费" in rows[0].text.split("】")[0]
    money = [c for c in chunks if squash("年度资金总额\t950.00\t1,674.94") in squash(c.text)]
    assert money and "两区" in money[0].text.split("】")[0]


# ---- on the index
@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Workspace:
    ws = Workspace.open(Settings(workspace=tmp_path_factory.mktemp("q")))
    ws.ingest([SAMPLES])
    return ws


def _top(ws: Workspace, q: str, k: int = 5) -> list[str]:
    return [squash(h.chunk.text) for h in ws.search(q, k, filters_from_question(q, ws.docs()))]


def test_synonym_finds_the_template_word(full):
    assert any(squash("下设 6 个科室") in t for t in _top(full, "乌市科技局2025年有几个处室"))


def test_previous_year_figure_from_next_years_budget(full):
    top = _top(full, "巴州科技局2024年基本支出预算是多少")
    assert any(squash("比上年预算减少 9.29 万元") in t for t in top)


def test_no_hits_for_uncovered_final_accounts(full):
    assert _top(full, "巴州科技局2023年决算的三公经费") == []


def test_hits_do_not_repeat_the_same_lines(full):
    hits = full.search("上年结转结余", 10)
    spans = [(h.chunk.doc_id, h.chunk.metadata.get("span")) for h in hits]
    assert len(spans) == len(set(spans))
