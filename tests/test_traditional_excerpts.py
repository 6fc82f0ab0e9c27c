"""Traditional-character input and prose-only excerpts (news / web pages restating a budget).

The texts are small ones written for these tests (tests/data/): a news paragraph restating the
2025 budget of a fictional 青禾市文化和旅游局, the same paragraph in Traditional characters,
and a recipe with no budget vocabulary at all.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from budgetqa.cli import main
from budgetqa.core.errors import NotADisclosureError
from budgetqa.extract.loader import load
from budgetqa.extract.parse import PROSE_ONLY_NOTICE, parse_file
from budgetqa.extract.script import is_traditional, to_simplified
from budgetqa.qa.pipeline import answer_question

DATA = Path(__file__).parent / "data"
NEWS = DATA / "news_budget_simplified.txt"
NEWS_TRAD = DATA / "news_budget_traditional.txt"
RECIPE = DATA / "recipe.txt"


def _workspace(tmp_path: Path, *files: Path):
    from budgetqa.retrieval.workspace import Workspace

    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    results = ws.ingest(list(files))
    assert all(r.status == "indexed" for r in results), [r.message for r in results]
    return ws


@pytest.fixture(scope="module")
def news_ws(tmp_path_factory):
    return _workspace(tmp_path_factory.mktemp("news"), NEWS)


@pytest.fixture(scope="module")
def trad_ws(tmp_path_factory):
    return _workspace(tmp_path_factory.mktemp("trad"), NEWS_TRAD)


# ---- (a) a news paragraph is ingested as a prose-only document and answered

def test_news_paragraph_is_prose_only_with_a_notice():
    d = parse_file(NEWS)
    assert d.prose_only and not d.tables
    assert PROSE_ONLY_NOTICE in d.notices
    assert d.meta.year == 2025 and d.meta.kind == "预算"


@pytest.mark.parametrize("question, value", [
    ("三公经费预算是多少", 12.30),
    ("收支预算总计多少", 3256.78),
    ("基本支出多少", 1024.50),
])
def test_news_paragraph_answers_its_figures(news_ws, question, value):
    a = answer_question(question, news_ws)
    assert a.found and a.value == pytest.approx(value) and a.unit == "万元"
    assert a.citations and all(c.doc == NEWS.name for c in a.citations)


def test_extract_json_shows_prose_only_and_notice(capsys, tmp_path):
    assert main(["extract", str(NEWS), "--workspace", str(tmp_path / "ws")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["prose_only"] is True and PROSE_ONLY_NOTICE in out["notices"]


# ---- (b) the same paragraph in Traditional characters

def test_traditional_is_detected_and_converted_line_by_line():
    raw = NEWS_TRAD.read_text(encoding="utf-8")
    assert is_traditional(raw) and not is_traditional(NEWS.read_text(encoding="utf-8"))
    src = load(NEWS_TRAD)
    simplified = load(NEWS)
    assert [l.text for l in src.lines] == [l.text for l in simplified.lines]
    assert [l.original for l in src.lines] == raw.splitlines()
    assert all(l.original is None for l in simplified.lines)   # a Simplified text is left as it is
    d = parse_file(NEWS_TRAD)
    assert d.prose_only and any("繁体" in n for n in d.notices)


@pytest.mark.parametrize("question, value", [
    ("三公经费预算是多少", 12.30),
    ("三公經費預算是多少", 12.30),          # the question in Traditional characters too
    ("收支預算總計多少", 3256.78),
])
def test_traditional_paragraph_gives_the_same_figures(trad_ws, question, value):
    a = answer_question(question, trad_ws)
    assert a.found and a.value == pytest.approx(value) and a.unit == "万元"
    assert a.question == question             # the answer echoes what was asked


def test_citations_can_quote_the_traditional_original(trad_ws):
    a = answer_question("三公經費預算是多少", trad_ws)
    texts = "".join(c.text for c in a.citations)    # indexed Simplified, quoted in the document's own characters
    assert "三公”經費預算12.30萬元" in texts and "经费" not in texts


# ---- (c) a text with no budget vocabulary is still refused

def test_recipe_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(NotADisclosureError) as info:
        parse_file(RECIPE)
    msg = str(info.value)
    assert RECIPE.name in msg and "no budget vocabulary" in msg and "预算" in msg


def test_recipe_is_refused_by_ingest(tmp_path):
    from budgetqa.retrieval.workspace import Workspace

    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    [r] = ws.ingest([RECIPE])
    assert r.status == "failed" and "no budget vocabulary" in r.message


def test_a_passing_mention_of_budget_is_not_enough(tmp_path):
    p = tmp_path / "picnic.txt"
    p.write_text("周末野餐计划：预算不多，准备三明治、水果和饮料，下午两点在公园集合。\n", encoding="utf-8")
    with pytest.raises(NotADisclosureError):
        parse_file(p)


# ---- (d) a Traditional question against the bundled sample 002

@pytest.fixture(scope="module")
def bz_ws(tmp_path_factory, samples_dir):
    return _workspace(tmp_path_factory.mktemp("bz"), samples_dir / "002_e49850479605d5c8.txt")


def test_traditional_question_against_sample_002(bz_ws):
    assert to_simplified("巴州高企獎勵多少") == "巴州高企奖励多少"
    a = answer_question("巴州高企獎勵多少", bz_ws)
    b = answer_question("巴州高企奖励多少", bz_ws)
    assert a.found and a.value == pytest.approx(1060.0) and a.unit == "万元"
    assert (a.value, a.calculation, a.verification.status) == (b.value, b.calculation, b.verification.status)


@pytest.mark.slow
def test_traditional_version_of_sample_002(tmp_path, samples_dir):
    """The whole disclosure written in Traditional characters parses and answers like the original."""
    import opencc

    src = samples_dir / "002_e49850479605d5c8.txt"
    trad = tmp_path / "002_traditional.txt"
    trad.write_text(opencc.OpenCC("s2t").convert(src.read_text(encoding="utf-8")), encoding="utf-8")
    ws = _workspace(tmp_path, trad)
    a = answer_question("巴州高企獎勵多少", ws)
    assert a.found and a.value == pytest.approx(1060.0)
    assert any("獎勵" in c.text for c in a.citations)


def test_a_traditional_paragraph_in_a_simplified_text_is_read_too(tmp_path):
    """A Simplified page quoting one Traditional paragraph: that line is made Simplified on its
    own (the whole-document share is too small), so its figures are read."""
    from budgetqa.extract.loader import load

    simple = "潮白区民政局公开2025年部门预算，收支总预算48,632.57万元，比上年增加2,163.42万元。\n" * 40
    trad = "在「三公」經費方面，2025年區民政局「三公」經費財政撥款預算為38.60萬元，比2024年增加22.00萬元。\n"
    f = tmp_path / "page.txt"
    f.write_text(simple + trad, encoding="utf-8")
    lines = load(f).lines
    assert "经费财政拨款预算为38.60万元" in lines[-1].text and lines[-1].original == trad.strip()
