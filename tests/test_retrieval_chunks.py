"""Chunking and lexical tokenisation on the real samples."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.extract.loader import load
from budgetqa.core.normalize import squash
from budgetqa.extract.parse import parse
from budgetqa.retrieval.chunks import make_chunks
from budgetqa.retrieval.embedding import HashedNgramEmbedding, hashed_vector
from budgetqa.retrieval.lexical import query_tokens, tokenize

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.name[:3])
def parsed(request):
    src = load(request.param)
    return src, make_chunks(src, parse(src))


def test_every_line_is_quoted_by_a_chunk(parsed):
    src, chunks = parsed
    flat = [squash(c.text) for c in chunks]
    missing = [l.loc.line for l in src.lines if l.text.strip() and not any(squash(l.text) in t for t in flat)]
    assert missing == []


def test_chunks_are_focused_and_carry_metadata(parsed):
    src, chunks = parsed
    assert len({c.id for c in chunks}) == len(chunks)
    for c in chunks:
        assert len(c.text) <= 1700
        m = c.metadata
        assert m["doc_id"] == src.doc_id and m["source"] == src.name and m["locator"] != "?"
        assert {"department", "region", "year", "kind", "section", "table", "line", "page"} <= set(m)


def test_table_rows_carry_title_columns_and_code_path():
    src = load(SAMPLES[0])
    chunks = make_chunks(src, parse(src))
    rows = [c for c in chunks if c.kind == "table_row" and "206 05 99" in c.text and "表3" in c.text]
    assert rows, "表3 rows should be chunked with their table title"
    assert "206 科学技术支出 > 206 05 科技条件与服务 > 206 05 99" in rows[0].text
    assert "(合计 50.00；项目支出 50.00)" in rows[0].text  # the row names its own columns
    heads = [c for c in chunks if c.kind == "table_head" and c.metadata["table"].startswith("表3")]
    assert heads and "合计/基本支出/项目支出" in heads[0].text  # the header chunk lists them all


def test_paragraph_rejoined_across_line_breaks():
    src = load(SAMPLES[0])  # '…处室，分别是：办' / '公室（组织人事科）…' wrap in the PDF text
    paras = [c for c in make_chunks(src, parse(src)) if c.kind == "paragraph" and "分别是：办公室" in c.text]
    assert paras and "机构设置及人员情况" in paras[0].text


def test_tokenizer_keeps_domain_words_and_numbers():
    toks = tokenize("财政拨款“三公”经费预算数为 1,065.90 万元，高新技术企业")
    assert "三公经费" in toks and "1065.90" in toks and "高新技术企业" in toks
    assert "高新技术企业" in query_tokens("巴州高企奖励")


def test_hashed_embedding_is_deterministic_and_normalised():
    a, b = hashed_vector("高新技术企业认定后奖励", 256), hashed_vector("高新技术企业认定后奖励", 256)
    assert (a == b).all() and abs(float((a * a).sum()) - 1.0) < 1e-5
    near, far = hashed_vector("高新技术企业奖励", 256), hashed_vector("公务用车运行费", 256)
    assert float(a @ near) > float(a @ far)
    ef = HashedNgramEmbedding.build_from_config(HashedNgramEmbedding(64).get_config())
    assert ef.dim == 64 and len(ef(["一"])[0]) == 64
