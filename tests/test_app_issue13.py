"""Issue 13, the app: whole citations with a source view, readable charts, blank cells, the audit
list by severity and cause, the compare filters, the chat's scope, the demo workspace, Chinese
text, offline config, and .xls / .docx refused in Chinese.

AppTest drives the app headless; the pure helpers in ui/ are tested directly. The real browser
(rendering, CSS, network) is in tests/test_browser.py.
"""
from __future__ import annotations

import ast
import io
import json
import tomllib
from pathlib import Path

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from budgetqa.extract.load_pdf import load_pdf
from budgetqa.extract.parse import parse
from budgetqa.retrieval.workspace import Workspace
from budgetqa.ui import bootstrap, charts, draw, findings, source_view as sv, style
from budgetqa.ui.page_compare import kinds_of, select
from budgetqa.ui.scope import ScopedWorkspace, scoped
from budgetqa.ui.upload import ingest_uploads, refusal

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
BAZHOU = "002_e49850479605d5c8.txt"
CHANGJI = "000_fbfe44e17c8967fa.txt"
PDF = ROOT / "evals" / "gold" / "seeds" / "shpt-rmzfbgs-2025-bmys.pdf"
END = "。！？；"


def _app(mine: bool = False) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if mine:
        at.session_state[bootstrap.CHOICE_KEY] = bootstrap.MINE
    return at


def _use(monkeypatch, ws_dir: Path) -> Path:
    monkeypatch.setenv("BUDGETQA_WORKSPACE", str(ws_dir))
    monkeypatch.delenv(bootstrap.DEMO_ENV, raising=False)
    return ws_dir


@pytest.fixture(scope="module")
def _demo_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("app13") / "ws"


@pytest.fixture
def demo_ws(_demo_dir, monkeypatch):
    """An empty user workspace (shared by the module); the app shows (and seeds) its demo. Tests must
    not change the indexes."""
    return _use(monkeypatch, _demo_dir)


@pytest.fixture(scope="module")
def _pdf_dir(tmp_path_factory):
    ws_dir = tmp_path_factory.mktemp("app13pdf") / "ws"
    ws = Workspace.open(workspace=str(ws_dir))
    res = ingest_uploads(ws, [(PDF.name, PDF.read_bytes())])
    assert res[0].status == "indexed", res
    return ws_dir


@pytest.fixture
def pdf_ws(_pdf_dir, monkeypatch):
    """A user workspace holding the Shanghai PDF, uploaded through the app's own upload code."""
    return _use(monkeypatch, _pdf_dir)


@pytest.fixture(scope="module")
def bz_src(qa_ws):
    rec = next(r for r in qa_ws.docs() if r.source == BAZHOU)
    return qa_ws.source(rec.doc_id)


@pytest.fixture(scope="module")
def pdf_src():
    return load_pdf(PDF, PDF.read_bytes())


# ------------------------------------------------------------------ citations quoted whole


def test_a_quote_cut_mid_sentence_is_quoted_whole(bz_src):
    # the answerer quotes two wrapped lines, cut inside the sentence (「…，通过认定」)
    n = next(i for i, l in enumerate(bz_src.lines) if l.text.startswith("资金分配情况：主要用于首次认定的高新技术企业奖励"))
    nxt = sv._nonblank(bz_src, n + 1, 1)
    cut = bz_src.lines[n].text + "\n" + bz_src.lines[nxt].text
    assert not cut.rstrip()[-1] in END
    whole = sv.whole_quote(bz_src, str(bz_src.lines[nxt].loc), cut)
    assert whole.replace("\n", "").startswith(cut.replace("\n", ""))
    assert whole.rstrip()[-1] in END and len(whole) > len(cut), whole
    assert "1060" in whole


def test_a_quote_starting_mid_sentence_gets_its_start(bz_src):
    n = next(i for i, l in enumerate(bz_src.lines) if "共奖励 1060 万元。通过认定奖励激励" in l.text)
    line = bz_src.lines[n]
    whole = sv.whole_quote(bz_src, str(line.loc), line.text)
    assert line.text in whole.replace("\n", "") or line.text.strip() in whole
    first = whole.split("\n", 1)[0]
    assert first != line.text.strip(), "the sentence began on an earlier line"
    assert whole.rstrip()[-1] in END


def test_a_table_row_is_quoted_as_it_stands(bz_src):
    row = next(l for l in bz_src.lines if l.text.startswith("206 04 99 其他技术研究与开发支出"))
    assert sv.whole_quote(bz_src, str(row.loc), row.text) == row.text.strip()


def test_an_unknown_quote_is_left_as_given(bz_src):
    assert sv.whole_quote(bz_src, "p.1 line 1", "这段文字不在文档里") == "这段文字不在文档里"


def test_the_text_source_view_marks_the_line_and_the_figure(bz_src):
    n = next(i for i, l in enumerate(bz_src.lines) if l.text.startswith("206 04 99 其他技术研究与开发支出"))
    b = sv.find_block(bz_src, str(bz_src.lines[n].loc), bz_src.lines[n].text)
    out = sv.context_html(bz_src, b, 1060.0)
    assert out.count("bqa-src-cited") == 1 and '<mark class="bqa-fig">1,060.00</mark>' in out
    assert out.count("bqa-src-line") >= 5, "no lines around the cited one"


def test_the_pdf_source_view_frames_the_figure_cell(pdf_src):
    row = next(l for l in pdf_src.lines if l.text.startswith("867.50 839.00"))
    b = sv.find_block(pdf_src, str(row.loc), row.text)
    page, line_boxes, fig = sv.highlight_boxes(pdf_src, b, 867.5)
    assert page == row.loc.page and line_boxes and len(fig) == 1
    cell = fig[0]
    assert cell[2] - cell[0] < (line_boxes[0][2] - line_boxes[0][0]) / 2, "the figure's cell, not the whole row"
    png = sv.page_png(PDF.read_bytes(), page, line_boxes, fig, resolution=72)
    im = Image.open(io.BytesIO(png)).convert("RGB")
    # the red frame of the figure's cell on its left edge (72 dpi: points are pixels)
    x, y = int(round(cell[0])), int((cell[1] + cell[3]) / 2)
    near = [im.getpixel((x + dx, y)) for dx in range(-2, 3)]
    assert any(r > 180 and g < 110 and b < 90 for r, g, b in near), near
    # inside the cell: the yellow tint
    r, g, b_ = im.getpixel((int(cell[0]) + 10, int(cell[1]) + 6))
    assert r > 240 and g > 200 and b_ < 235, (r, g, b_)


# ------------------------------------------------------------------ the chat, in the app


def test_chat_citation_is_whole_and_opens_its_source(demo_ws):
    at = _app().run()
    at.chat_input[0].set_value("巴州高企奖励多少").run()
    assert not at.exception, at.exception
    passages = [m.value for m in at.markdown if 'class="bqa-passage"' in m.value]
    assert passages, "no citation passages"
    first = passages[0]
    assert "1060" in first.replace(",", "")
    text = first.split(">", 1)[1].rsplit("</div>", 1)[0].replace("<br>", "\n")
    plain = text.replace('<mark class="bqa-fig">', "").replace("</mark>", "")
    assert plain.rstrip()[-1] in END, f"citation cut mid-sentence: {plain}"
    toggles = [t for t in at.toggle if t.label == "查看原文"]
    assert len(toggles) == len(passages)
    toggles[0].set_value(True).run()
    assert not at.exception, at.exception
    src = [m.value for m in at.markdown if 'class="bqa-src"' in m.value]
    assert src and "bqa-src-cited" in src[0] and '<mark class="bqa-fig">1060</mark>' in src[0]
    # the answer says which documents it searched
    searched = [c.value for c in at.caption if c.value.startswith("检索范围")]
    assert searched and "示例工作区的全部 4 份文档" in searched[0] and "新疆巴州科学技术局" in searched[0]


def test_pdf_citation_source_view_is_the_page_image(pdf_ws):
    at = _app(mine=True).run()
    assert not at.exception, at.exception
    at.chat_input[0].set_value("三公经费预算是多少").run()
    assert any("867.50" in str(m.value) for m in at.metric), [m.value for m in at.metric]
    at.toggle(key="src_0_1").set_value(True).run()
    assert not at.exception, at.exception
    imgs = at.get("image")
    assert imgs, "no page image"
    assert len(imgs) == 2, "the zoomed band and the whole page"
    assert any("第 21 页（局部放大）：红框为答案数字" in str(i.proto) for i in imgs), [str(i.proto)[:300] for i in imgs]
    assert (pdf_ws / sv.ORIGINALS_DIR).is_dir() and list((pdf_ws / sv.ORIGINALS_DIR).glob("*.pdf"))


def test_chat_can_be_scoped_to_chosen_documents(demo_ws):
    at = _app().run()
    demo = Workspace.open(workspace=str(demo_ws) + "-demo")
    cj = next(r for r in demo.docs() if r.source == CHANGJI)
    at.multiselect(key="chat_scope").set_value([cj.doc_id]).run()
    at.chat_input[0].set_value("巴州高企奖励多少").run()
    assert not at.exception, at.exception
    searched = [c.value for c in at.caption if c.value.startswith("检索范围")]
    assert searched and "限定的 1 份文档" in searched[0] and "昌吉" in searched[0] and "巴州" not in searched[0]
    cites = [e.label for e in at.expander if e.label.startswith("[")]
    assert all(CHANGJI in c for c in cites), cites
    assert not any("1060" in str(m.value).replace(",", "") for m in at.metric)


def test_scoped_workspace_sees_only_the_chosen_documents(qa_ws):
    recs = qa_ws.docs()
    one = recs[0].doc_id
    v = scoped(qa_ws, [one])
    assert isinstance(v, ScopedWorkspace) and [r.doc_id for r in v.docs()] == [one]
    assert {h.chunk.doc_id for h in v.search("三公经费", k=8)} <= {one}
    assert scoped(qa_ws, None) is qa_ws and scoped(qa_ws, []) is qa_ws
    assert v.disclosure(one).doc_id == one


# ------------------------------------------------------------------ charts


def _spec(chart) -> dict:
    return chart.to_dict()


def _layers_encoding(spec: dict) -> dict:
    return spec["layer"][0]["encoding"] if "layer" in spec else spec["encoding"]


def test_chart_money_axis_has_unit_and_separators_in_table_order(parsed):
    d = parsed["bz2025"]
    df = charts.expense_by_function(d)
    spec = _spec(draw.hbar_chart(df, "科目", unit=charts.unit_of(df)))
    enc = _layers_encoding(spec)
    fmt = enc["x"]["axis"]["format"]
    assert fmt.startswith(",") and "e" not in fmt and "s" not in fmt and "~" not in fmt
    assert "万元" in enc["x"]["title"]
    assert enc["y"]["sort"] == list(df["科目"]), "bars not in the table's order"
    t = d.table("expense")
    table_order = [f"{r.code or ''} {r.name}".strip() for r in t.rows if r.level == 1 and r.values.get(t.columns[0])]
    assert list(df["科目"]) == table_order
    assert draw.axis_format(df["金额"].head(0) + 0.5) == ",.2f"


def test_charts_carry_the_documents_unit_and_compare_converts_to_wanyuan():
    d = parse(load_pdf(PDF, PDF.read_bytes()))
    df = charts.expense_by_function(d)
    assert not df.empty and charts.unit_of(df) == "元"
    v, unit = charts.item_amount(d, "支出总计")
    assert unit == "元" and v > 1e6
    cmp = charts.compare([("上海", d)], "支出总计")
    assert cmp["金额"].iloc[0] == pytest.approx(v / 10000) and cmp["原文单位"].iloc[0] == "元"
    assert charts.convert(1.5, "亿元") == pytest.approx(15000.0)


# ------------------------------------------------------------------ tables: blank cells


def test_tables_show_blank_cells_blank_with_one_note(demo_ws):
    at = _app().run()
    assert not at.exception, at.exception
    for df in at.dataframe:
        assert df.proto.placeholder == "", "a dataframe would show missing values as 'None'"
    caps = [c.value for c in at.caption]
    assert sum(draw.BLANK_NOTE in c for c in caps) == 1
    assert not any("None" in c for c in caps)


# ------------------------------------------------------------------ audit


def test_audit_notes_severity_first_one_per_cause_with_units(qa_ws):
    from budgetqa.verify.audit import SEVERITIES, audit
    for r in qa_ws.docs():
        d, src = qa_ws.disclosure(r.doc_id), qa_ws.source(r.doc_id)
        raw = audit(d, src, by_cause=True)
        ns = findings.notes(d, raw)
        ranks = [SEVERITIES.index(n.severity) for n in ns]
        assert ranks == sorted(ranks), r.source
        assert sum(max(1, len(n.places)) for n in ns) >= len(raw)
        for n in ns:
            if n.has_amounts:
                line = findings.amounts_line(n)
                assert n.unit in line and n.unit in ("万元", "元", "%"), line
    # the 决算 whose tables are published separately: nine 「文中未找到」 notes are one cause
    js = next(r for r in qa_ws.docs() if r.kind == "决算")
    d = qa_ws.disclosure(js.doc_id)
    ns = findings.notes(d, audit(d, qa_ws.source(js.doc_id), by_cause=True))
    missing = [n for n in ns if n.finding.kind == "table_missing"]
    assert len(missing) == 1 and len(missing[0].places) >= 5, [n.places for n in missing]
    assert findings.title(missing[0]).startswith("缺少公开表：")


def test_audit_tab_shows_severity_counts_and_units(demo_ws):
    at = _app().run()
    demo = Workspace.open(workspace=str(demo_ws) + "-demo")
    wl = next(r for r in demo.docs() if r.source.startswith("004_"))
    from budgetqa.ui.page_document import SELECT_KEY
    at.selectbox(key=SELECT_KEY).set_value(wl.doc_id).run()
    assert not at.exception, at.exception
    labels = [m.label for m in at.metric]
    assert labels[labels.index("错误"):labels.index("错误") + 4] == ["错误", "舍入", "警告", "提示"]
    md = [m.value for m in at.markdown]
    sev_heads = [m for m in md if m.startswith("**") and "（" in m and " — " in m]
    order = [h[2:4] for h in sev_heads]
    assert order == sorted(order, key=["错误", "舍入", "警告", "提示"].index), order
    amounts = [m for m in md if m.startswith("文档所列")]
    assert amounts and all("万元" in m for m in amounts), amounts[:3]
    assert any("740.84 万元" in m for m in amounts)


# ------------------------------------------------------------------ compare


def test_compare_filters_kind_and_year(demo_ws):
    at = _app().run()
    assert not at.exception, at.exception
    radio = at.radio(key="compare_kind")
    assert radio.value == "预算"
    years = at.multiselect(key="compare_years")
    assert years.value == [2025]

    def compared() -> list[str]:
        df = next(df.value for df in at.dataframe if "文档" in df.value.columns)
        return list(df["文档"])

    assert compared() and all("2025" in x and "预算" in x for x in compared()), compared()
    years.set_value([2024, 2025]).run()
    got = compared()
    assert any("2024" in x for x in got) and not any("决算" in x for x in got), got
    at.radio(key="compare_kind").set_value("决算").run()
    assert not at.exception, at.exception
    assert at.multiselect(key="compare_years").value == [2024]


def test_compare_selection_helpers(qa_ws):
    docs = qa_ws.docs()
    assert kinds_of(docs) == ["预算", "决算"]
    assert [r.kind for r in select(docs, "决算", [2024])] == ["决算"]
    assert all(r.year == 2025 for r in select(docs, "预算", [2025]))


# ------------------------------------------------------------------ demo workspace


def test_seeding_reports_progress_per_file(tmp_path):
    ws = Workspace.open(workspace=str(tmp_path / "demo"))
    seen = []
    res = bootstrap.seed_samples(ws, lambda i, n, name: seen.append((i, n, name)))
    n = len(bootstrap.sample_paths())
    assert len(res) == n and [s[0] for s in seen] == list(range(n + 1)) and seen[-1][2] == ""
    assert bootstrap.seed_samples(ws) == []  # once only


def test_demo_samples_can_be_removed_and_asked_back(fresh_demo):
    at = _app().run()
    at.button(key="clear_demo").click().run()
    assert not at.exception, at.exception
    assert Workspace.open(workspace=str(fresh_demo) + "-demo").docs() == []
    assert any("已从示例工作区移除" in s.value for s in at.success)
    at.run()
    assert Workspace.open(workspace=str(fresh_demo) + "-demo").docs() == [], "the samples came back unasked"
    at.button(key="reload_demo").click().run()
    at.run()
    assert len(Workspace.open(workspace=str(fresh_demo) + "-demo").docs()) == len(bootstrap.sample_paths())


@pytest.fixture
def fresh_demo(tmp_path, monkeypatch):
    return _use(monkeypatch, tmp_path / "ws")


def test_samples_left_in_the_users_workspace_are_offered_for_removal(fresh_demo):
    ws = Workspace.open(workspace=str(fresh_demo))
    ws.ingest([ROOT / "samples" / BAZHOU])
    at = _app().run()
    assert not any("内置示例文件" in w.value for w in at.warning), "a sample she uploaded herself is hers"
    (fresh_demo / bootstrap.SEEDED_MARKER).write_text("")  # what an older app left when it seeded her workspace
    at = _app().run()
    assert at.session_state[bootstrap.CHOICE_KEY] == bootstrap.MINE  # she has documents: her workspace
    assert any("内置示例文件" in w.value for w in at.warning)
    at.button(key="remove_legacy_samples").click().run()
    assert not at.exception, at.exception
    assert Workspace.open(workspace=str(fresh_demo)).docs() == []
    assert not any("内置示例文件" in w.value for w in at.warning)


def test_workspace_switch_in_the_sidebar(fresh_demo):
    at = _app(mine=True).run()
    assert at.sidebar.radio(key=bootstrap.RADIO_KEY).value == bootstrap.MINE
    at.sidebar.radio(key=bootstrap.RADIO_KEY).set_value(bootstrap.DEMO).run()
    assert not at.exception, at.exception
    assert at.session_state[bootstrap.CHOICE_KEY] == bootstrap.DEMO
    assert any("示例工作区：已索引文档（4）" in m.value for m in at.markdown)
    assert Workspace.open(workspace=str(fresh_demo)).docs() == []


# ------------------------------------------------------------------ one language, offline, refusals


def test_xls_and_docx_are_refused_in_chinese_with_what_to_do(tmp_path):
    xls, docx = refusal("预算.xls"), refusal("决算说明.docx")
    assert ".xlsx" in xls and "另存为" in xls and "PDF" in xls
    assert "PDF" in docx and "另存为" in docx
    assert refusal("a.pdf") is None and refusal("b.XLSX") is None
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    res = ingest_uploads(ws, [("old.xls", b"\xd0\xcf\x11\xe0junk"), ("a.docx", b"PK\x03\x04junk")])
    assert [r.status for r in res] == ["failed", "failed"]
    assert all("另存为" in r.message and "MIME" not in r.message and "not allowed" not in r.message for r in res)


def test_uploader_accepts_any_type_so_the_browser_never_refuses_in_english(fresh_demo):
    at = _app(mine=True).run()
    up = at.get("file_uploader")[0]
    assert list(up.proto.type) == [], "a type list makes the browser refuse other files in English"
    at.file_uploader[0].set_value([("旧表.xls", b"\xd0\xcf\x11\xe0junk", "application/vnd.ms-excel")]).run()
    at.button(key="ingest_button").click().run()
    assert not at.exception, at.exception
    line = next(m.value for m in at.markdown if "旧表.xls" in m.value)
    assert "另存为" in line and ".xlsx" in line


def test_uploader_css_replaces_the_english_text():
    css = style.css(50)
    assert '"选择文件"' in css and "每个文件不超过 50 MB" in css
    assert "stFileUploaderDropzoneInstructions" in css


def test_widgets_carry_chinese_placeholders():
    for name in ("page_chat.py", "page_compare.py", "page_document.py", "page_library.py"):
        tree = ast.parse((ROOT / "ui" / name).read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("selectbox", "multiselect"):
                kws = {k.arg: k.value for k in node.keywords}
                assert "placeholder" in kws, f"{name}:{node.lineno} shows 'Choose an option'"
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "dataframe":
                kws = {k.arg: k.value for k in node.keywords}
                assert "placeholder" in kws, f"{name}:{node.lineno} shows 'None' cells"


def test_offline_config_and_page_icon():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["browser"]["serverAddress"] == "localhost"  # no external-IP probe at start
    tree = ast.parse(Path(APP).read_text("utf-8"))
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "set_page_config")
    icon = next(k.value.value for k in call.keywords if k.arg == "page_icon")
    assert not icon.startswith(":material"), "a Material page icon is fetched from fonts.gstatic.com"
    assert json.dumps(icon)  # an emoji


def test_a_figure_inside_a_prose_line_is_framed_alone(pdf_src):
    import pdfplumber
    line = next(l for l in pdf_src.lines if "经费预算数为867.50" in l.text)
    b = sv.find_block(pdf_src, str(line.loc), line.text)
    page, line_boxes, fig = sv.highlight_boxes(pdf_src, b, 867.5)
    assert fig == line_boxes  # the whole line holds the figure: one 'word' for a Chinese line
    with pdfplumber.open(PDF) as pdf:
        p = pdf.pages[page - 1]
        x0, top, x1, bottom = sv._tighten(p, fig[0], 867.5)
        inside = "".join(c["text"] for c in sorted(p.chars, key=lambda c: c["x0"])
                         if c["x0"] >= x0 and c["x1"] <= x1 and c["top"] >= top and c["bottom"] <= bottom)
    assert inside == "867.50", inside
    assert x1 - x0 < (fig[0][2] - fig[0][0]) / 4
