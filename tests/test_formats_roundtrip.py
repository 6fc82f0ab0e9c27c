"""The same standard tables as ruled PDF, unruled PDF, xlsx and pdftotext-like text parse to the same values."""
from __future__ import annotations

import pytest

from budgetqa.extract.parse import parse_file
from render import render_pdf, render_xlsx, sample_blocks, sample_text


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    d = tmp_path_factory.mktemp("formats")
    blocks = sample_blocks()
    (d / "edu.txt").write_text(sample_text(blocks), encoding="utf-8")
    render_pdf(blocks, d / "edu.pdf")
    render_pdf(blocks, d / "edu_unruled.pdf", ruled=False)
    render_xlsx(blocks, d / "edu.xlsx")
    return {name: parse_file(d / name) for name in ("edu.txt", "edu.pdf", "edu_unruled.pdf", "edu.xlsx")}


def _values(d):
    return {t.key: [(r.code, r.name, r.values, r.ambiguous) for r in t.rows] for t in d.tables}


@pytest.mark.parametrize("other", ["edu.pdf", "edu_unruled.pdf", "edu.xlsx"])
def test_same_values_as_text(rendered, other):
    text, got = _values(rendered["edu.txt"]), _values(rendered[other])
    assert set(text) == set(got) == {"expense", "gpb_basic", "three_public"}
    for key in text:
        assert len(text[key]) == len(got[key]), key
        for (code, name, values, ambiguous), (code2, name2, values2, _) in zip(text[key], got[key]):
            assert (code, name) == (code2, name2)
            for col, v in values.items():
                if ambiguous and v is None:
                    # the text lost which column; the PDF's cells or x positions may know: never a conflict
                    continue
                assert values2[col] == v, f"{other} {key} {code} {name} [{col}]: {values2[col]} != {v}"


def test_cells_resolve_what_text_cannot(rendered):
    """表10 '合计 7.50 7.50': ambiguous in text, exact from the PDF's ruled cells and the xlsx."""
    def total(d):
        return next(r for r in d.table("three_public").rows if r.is_total)
    assert total(rendered["edu.txt"]).ambiguous
    for name in ("edu.pdf", "edu.xlsx"):
        r = total(rendered[name])
        assert not r.ambiguous and r.values["一般公共预算"] == 7.50


def test_metadata_from_content_in_every_format(rendered):
    for d in rendered.values():
        assert d.meta.department == "XX市教育局" and d.meta.year == 2024 and d.meta.kind == "预算"


def test_locators_point_back(rendered):
    r = rendered["edu.pdf"].table("expense").rows[0]
    assert r.loc.page is not None and r.loc.line is not None
    r = rendered["edu.xlsx"].table("gpb_basic").rows[0]
    assert r.loc.sheet and r.loc.cell
