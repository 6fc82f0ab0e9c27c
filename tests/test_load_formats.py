"""PDF and xlsx loading: a disclosure rendered from the same blocks reads back with its cells, text and locators."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from render import render_pdf, render_xlsx, sample_blocks, sample_text  # noqa: E402

from budgetqa.extract.load_pdf import clean_cell, group_words  # noqa: E402
from budgetqa.extract.load_xlsx import cell_text, column_letter  # noqa: E402
from budgetqa.extract.loader import load  # noqa: E402
from budgetqa.core.normalize import parse_number  # noqa: E402
from budgetqa.extract.source import SourceDoc, content_hash  # noqa: E402

LONG_NAME = "机关事业单位基本养老保险缴费支出"   # wider than the name column: wraps in the PDF cell


def row(doc: SourceDoc, first_cell: str, after: int = 0):
    """The first table line (at or after line index `after`) whose first cell is `first_cell`."""
    for l in doc.lines[after:]:
        if l.cells and l.cells[0] == first_cell:
            return l
    raise AssertionError(f"no row starting with {first_cell!r}")


def index_of(doc: SourceDoc, text: str) -> int:
    return next(i for i, l in enumerate(doc.lines) if l.text == text)


@pytest.fixture()
def blocks():
    return sample_blocks()


@pytest.fixture()
def pdf_doc(tmp_path, blocks) -> SourceDoc:
    return load(render_pdf(blocks, tmp_path / "教育局预算.pdf"))


@pytest.fixture()
def xlsx_doc(tmp_path, blocks) -> SourceDoc:
    return load(render_xlsx(blocks, tmp_path / "教育局预算.xlsx"))


# ---------------------------------------------------------------- PDF

def test_pdf_lines_are_the_text_of_the_disclosure_in_order(pdf_doc, blocks):
    assert [l.text for l in pdf_doc.lines] == sample_text(blocks).splitlines()


def test_pdf_document_fields(tmp_path, blocks):
    path = render_pdf(blocks, tmp_path / "a.pdf")
    doc = load(path)
    assert doc.format == "pdf"
    assert doc.name == "a.pdf"
    assert doc.doc_id == content_hash(path.read_bytes())
    assert doc.pages == 2
    assert [l.loc.line for l in doc.lines] == list(range(1, len(doc.lines) + 1))
    assert all(l.loc.page in (1, 2) for l in doc.lines)


def test_pdf_table_rows_keep_empty_cells(pdf_doc):
    assert row(pdf_doc, "205 01 01").cells == ["205 01 01", "行政运行", "486.50", "486.50", ""]
    assert row(pdf_doc, "205 01 02").cells == ["205 01 02", "一般行政管理事务", "35.20", "", "35.20"]
    assert row(pdf_doc, "总计").cells == ["总计", "", "761.52", "606.32", "155.20"]
    assert row(pdf_doc, "205 01 02").text == "205 01 02 一般行政管理事务 35.20 35.20"
    three = row(pdf_doc, "因公出国（境）费")
    assert three.cells == ["因公出国（境）费", "", "", "", ""]
    assert row(pdf_doc, "合计").cells == ["合计", "7.50", "7.50", "", ""]


def test_pdf_wrapped_chinese_cell_is_rejoined(tmp_path, blocks):
    import pdfplumber

    path = render_pdf(blocks, tmp_path / "a.pdf")
    with pdfplumber.open(path) as pdf:
        raw = pdf.pages[0].extract_text()
    assert LONG_NAME not in raw          # the rendered cell really wraps
    assert row(load(path), "208 05 05").cells[1] == LONG_NAME


def test_pdf_table_rows_sit_between_their_titles_and_carry_pages(pdf_doc):
    t3, t6, t10 = index_of(pdf_doc, "表3"), index_of(pdf_doc, "表6"), index_of(pdf_doc, "表10")
    r = pdf_doc.lines.index(row(pdf_doc, "205 01 02"))
    assert t3 < index_of(pdf_doc, "部门支出总体情况表") < r < t6 < t10
    # 表6 runs over the page break: its first rows on page 1, the 302 rows on page 2
    assert row(pdf_doc, "301 01").loc.page == 1
    assert row(pdf_doc, "302 01").loc.page == 2
    assert pdf_doc.lines[t10].loc.page == 2


def test_pdf_text_lines_read_back_exactly_with_word_positions(pdf_doc, blocks):
    for para in (b for b in blocks if isinstance(b, str)):
        assert para in [l.text for l in pdf_doc.lines]
    staff = next(l for l in pdf_doc.lines if l.text.startswith("XX市教育局编制数"))
    assert staff.cells is None and staff.words
    assert [w.text for w in staff.words][:3] == ["XX市教育局编制数", "45", "人，实有人数"]
    xs = [w.x0 for w in staff.words]
    assert xs == sorted(xs) and all(w.x0 < w.x1 for w in staff.words)
    assert staff.words[0].x0 == pytest.approx(40.0, abs=1)     # the page margin


def test_pdf_table_without_ruling_lines_comes_as_positioned_words(tmp_path, blocks):
    doc = load(render_pdf(blocks, tmp_path / "unruled.pdf", ruled=False))
    assert all(l.cells is None for l in doc.lines)
    header = next(l for l in doc.lines if l.text == "科目编码 科目名称 合计 基本支出 项目支出")
    line = next(l for l in doc.lines if l.text == "205 01 02 一般行政管理事务 35.20 35.20")
    columns = {w.text: (w.x0 + w.x1) / 2 for w in header.words if w.text in ("合计", "基本支出", "项目支出")}
    amounts = [(w.x0 + w.x1) / 2 for w in line.words if w.text == "35.20"]
    # the two 35.20 sit under 合计 and 项目支出, not under 基本支出 (its cell is empty)
    assert [min(columns, key=lambda k: abs(columns[k] - x)) for x in amounts] == ["合计", "项目支出"]


def test_clean_cell_joins_chinese_wraps_without_a_gap():
    assert clean_cell(None) == ""
    assert clean_cell("机关事业单位基本养老保险缴\n费支出") == LONG_NAME
    assert clean_cell("Total\nexpenditure") == "Total expenditure"
    assert clean_cell(" 1,060.00 ") == "1,060.00"


def test_group_words_clusters_by_top_and_sorts_by_x():
    words = [{"text": "b", "top": 10.5, "x0": 50, "x1": 60}, {"text": "a", "top": 10.0, "x0": 0, "x1": 10},
             {"text": "c", "top": 30.0, "x0": 0, "x1": 10}]
    assert [[w["text"] for w in l] for l in group_words(words)] == [["a", "b"], ["c"]]


# ---------------------------------------------------------------- xlsx

def test_xlsx_sheets_rows_and_locators(xlsx_doc, tmp_path, blocks):
    assert xlsx_doc.format == "xlsx"
    assert xlsx_doc.doc_id == content_hash((tmp_path / "教育局预算.xlsx").read_bytes())
    assert [l.loc.line for l in xlsx_doc.lines] == list(range(1, len(xlsx_doc.lines) + 1))
    sheets = [l.text for l in xlsx_doc.lines if l.cells is None]
    assert sheets == ["说明", "表3", "表6", "表10"]
    first = xlsx_doc.lines[0]
    assert first.loc.sheet == "说明" and first.loc.cell is None
    title = xlsx_doc.lines[1]
    assert title.text == "第一部分 2024 年XX市教育局部门概况"
    assert (title.loc.sheet, title.loc.cell) == ("说明", "A1")
    r = row(xlsx_doc, "205 01 02")
    assert (r.loc.sheet, r.loc.cell) == ("表3", "A8")     # title, dept line, header, 总计, 205, 205 01, 205 01 01
    assert r.text == "205 01 02 一般行政管理事务 35.2 35.2"


def test_xlsx_cells_keep_empty_ones_and_read_back_as_the_same_numbers(xlsx_doc, blocks):
    for block in (b for b in blocks if isinstance(b, dict)):
        for src in block["rows"]:
            got = row(xlsx_doc, src[0], after=index_of(xlsx_doc, block["number"]))
            assert len(got.cells) == len(src)
            for want, cell in zip(src, got.cells):
                if want is None:
                    assert cell == ""
                elif isinstance(want, float):
                    assert parse_number(cell) == want
                else:
                    assert cell == want
    assert row(xlsx_doc, "总计").cells == ["总计", "", "761.52", "606.32", "155.2"]


def test_xlsx_chinese_paragraphs_read_back_exactly(xlsx_doc, blocks):
    texts = [l.text for l in xlsx_doc.lines]
    for para in (b for b in blocks if isinstance(b, str)):
        assert para in texts


def test_xlsx_trims_unused_columns_and_keeps_row_numbers(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "表3"
    ws["C3"], ws["D3"], ws["E3"] = "2060499", 2060499, 1065.9
    ws["C6"], ws["F6"] = "合计", 50.0
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    doc = load(path)
    rows = [l for l in doc.lines if l.cells is not None]
    assert [(l.loc.cell, l.cells) for l in rows] == [
        ("C3", ["2060499", "2060499", "1065.9", ""]),
        ("C6", ["合计", "", "", "50"]),
    ]


@pytest.mark.parametrize("value,text", [
    (None, ""), (2060499, "2060499"), (50, "50"), (50.0, "50"), (1065.9, "1065.9"), (-3.25, "-3.25"),
    (1e-07, "0.0000001"), ("  206 04 99 ", "206 04 99"), ("第一行\n第二行", "第一行 第二行"),
])
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_cell_text_keeps_float_precision():
    for v in (0.1 + 0.2, 1234567.891, 5932.17, 0.005):
        assert parse_number(cell_text(v)) == v


def test_column_letter():
    assert [column_letter(i) for i in (1, 3, 26, 27, 52, 703)] == ["A", "C", "Z", "AA", "AZ", "AAA"]


def test_pdf_frame_around_the_page_is_not_a_table(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "framed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(20, 20, A4[0] - 40, A4[1] - 40)          # a border with a running-header rule, as some exporters draw
    c.line(20, 800, A4[0] - 20, 800)
    c.setFont("STSong-Light", 10)
    c.drawString(50, 810, "2024 年部门预算")
    c.drawString(50, 780, "第一部分 部门概况")
    c.drawString(50, 760, "本部门编制数 12 人。")
    c.showPage()
    c.save()
    doc = load(path)
    assert [(l.text, l.cells) for l in doc.lines] == [
        ("2024 年部门预算", None), ("第一部分 部门概况", None), ("本部门编制数 12 人。", None)]
