"""The Streamlit app, driven headless by `streamlit.testing.v1.AppTest` on the bundled samples,
plus the app's pure helpers (ui/) tested directly.

Each AppTest points BUDGETQA_WORKSPACE at its own temp dir. The user's workspace starts empty and
stays so: the app shows the demo workspace beside it (`<workspace>-demo`), indexing the samples
there on first run (read-only tests share one such pair; tests that change an index get a fresh
one). Tests of the user's own workspace start the session on it (`_mine`).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from budgetqa.retrieval.workspace import Workspace
from budgetqa.ui import bootstrap, charts, tables
from budgetqa.ui.format import figure_spans, fmt_value, highlight_html, status_label
from budgetqa.ui.upload import ingest_uploads

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
BAZHOU = "002_e49850479605d5c8.txt"
QUESTION = "巴州高企奖励多少"


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _mine() -> AppTest:
    """A session that starts on the user's own workspace (the demo is never opened)."""
    at = _app()
    at.session_state[bootstrap.CHOICE_KEY] = bootstrap.MINE
    return at


def _digits(s: str) -> str:
    return s.replace(",", "").replace("，", "")


def _all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [str(m.value) for m in at.metric] + [m.label for m in at.metric]
    parts += [e.label for e in at.expander] + [c.value for c in at.caption]
    return "\n".join(parts)


def _table(at: AppTest, column: str) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if column in df.value.columns)


@pytest.fixture(scope="module")
def shared_ws(tmp_path_factory):
    """One (empty) user workspace whose demo the app seeds with the samples; tests using it must not
    change either index."""
    ws_dir = tmp_path_factory.mktemp("app_ws") / "ws"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BUDGETQA_WORKSPACE", str(ws_dir))
        mp.delenv(bootstrap.DEMO_ENV, raising=False)
        yield ws_dir


@pytest.fixture
def fresh_ws(tmp_path, monkeypatch):
    ws_dir = tmp_path / "ws"
    monkeypatch.setenv("BUDGETQA_WORKSPACE", str(ws_dir))
    monkeypatch.delenv(bootstrap.DEMO_ENV, raising=False)
    return ws_dir


@pytest.fixture
def media(monkeypatch):
    """The in-memory media storage AppTest gives the app: download buttons put their data there."""
    stores: list = []

    class Recording(app_test_module.MemoryMediaFileStorage):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            stores.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)

    def fetch(url: str) -> bytes:
        return stores[-1].get_file(url.rsplit("/", 1)[-1]).content

    return fetch


# ------------------------------------------------------------------ the app


def test_first_start_indexes_the_samples_into_the_demo_workspace_only(shared_ws):
    at = _app().run()
    assert not at.exception, at.exception
    assert at.session_state[bootstrap.CHOICE_KEY] == bootstrap.DEMO  # an empty workspace: the demo is shown
    assert any("示例工作区" in m.value for m in at.markdown)
    # the samples went into the demo workspace beside the user's, never into the user's
    assert Workspace.open(workspace=str(shared_ws)).docs() == []
    demo = Workspace.open(workspace=str(shared_ws) + "-demo")
    assert len(demo.docs()) == len(list((ROOT / "samples").glob("*.txt")))
    docs = _table(at, "部门")
    assert len(docs) == len(list((ROOT / "samples").glob("*.txt")))
    assert set(docs["文件"]) >= {BAZHOU}
    bz = docs[docs["文件"] == BAZHOU].iloc[0]
    assert bz["年度"] == 2025 and bz["类型"] == "预算" and bz["页数"] > 0 and bz["文本块"] > 0
    assert {"部门", "地区", "年度", "类型", "页数", "文本块"} <= set(docs.columns)
    tabs = [t.label for t in at.tabs]
    assert {"问答", "文档库", "文档详情", "跨文档对比", "设置"} <= {t.split(" ", 1)[-1] for t in tabs}


def test_ask_shows_value_status_and_citation(shared_ws):
    at = _app().run()
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception, at.exception
    text = _all_text(at)
    assert QUESTION in text
    assert "1060" in _digits(text), text
    assert any("1060" in _digits(str(m.value)) for m in at.metric), "the value is not shown prominently"
    cites = [e.label for e in at.expander if e.label.startswith("[1] ")]
    assert cites and BAZHOU in cites[0], [e.label for e in at.expander]
    assert any("bqa-fig" in m.value and "1060" in _digits(m.value) for m in at.markdown), "cited figure not highlighted"
    labels = {"已核验", "部分核验", "存在矛盾", "未核验", "无需核验", "文档中未找到"}
    assert any(lab in m.value for m in at.markdown for lab in labels)
    # history is kept: a second question adds a turn below the first
    at.chat_input[0].set_value("三公经费合计多少").run()
    users = [m for m in at.chat_message if m.name == "user"]
    assert [u.markdown[0].value for u in users] == [QUESTION, "三公经费合计多少"]


def test_upload_good_and_bad_file(fresh_ws):
    at = _mine().run()
    assert not at.exception, at.exception
    assert "索引为空" in _all_text(at) + "".join(i.value for i in at.info)
    assert not any("部门" in df.value.columns for df in at.dataframe)
    good = (ROOT / "samples" / BAZHOU).read_bytes()
    at.file_uploader[0].set_value([(BAZHOU, good, "text/plain"), ("broken.pdf", b"%PDF-1.4 garbage", "application/pdf")])
    at.run()
    at.button(key="ingest_button").click().run()
    assert not at.exception, at.exception
    lines = [m.value for m in at.markdown if m.value.startswith(":material/")]
    assert any(BAZHOU in line and "已索引" in line for line in lines), lines
    bad = [line for line in lines if "broken.pdf" in line]
    assert bad and "失败" in bad[0] and len(bad[0].split("失败：", 1)[-1]) > 10, bad
    assert any("失败 1 个" in e.value for e in at.error)
    docs = _table(at, "部门")
    assert list(docs["文件"]) == [BAZHOU]
    # the uploader was cleared; the same file again is recognised, and the index is unchanged
    at.file_uploader[0].set_value((BAZHOU, good, "text/plain")).run()
    at.button(key="ingest_button").click().run()
    assert any(BAZHOU in m.value and "已在索引中" in m.value for m in at.markdown)
    assert len(_table(at, "部门")) == 1
    assert not (fresh_ws.parent / "ws-demo").exists(), "the demo workspace was opened though never asked for"


def test_remove_a_document(fresh_ws):
    at = _app().run()
    before = _table(at, "部门")
    victim = before[before["文件"] == BAZHOU].iloc[0]["doc_id"]
    at.selectbox(key="remove_choice").set_value(victim).run()
    assert at.button(key="remove_button").disabled, "removal must be confirmed first"
    at.checkbox(key="remove_confirm").check().run()
    at.button(key="remove_button").click().run()
    assert not at.exception, at.exception
    after = _table(at, "部门")
    assert len(after) == len(before) - 1 and BAZHOU not in set(after["文件"])
    assert any("已删除" in s.value for s in at.success)
    assert BAZHOU not in [r.source for r in Workspace.open(workspace=str(fresh_ws) + "-demo").docs()]


def test_export_buttons_carry_parseable_data(shared_ws, media):
    at = _app().run()
    docs = _table(at, "部门")
    doc_id = docs[docs["文件"] == BAZHOU].iloc[0]["doc_id"]
    at.selectbox(key=bootstrap_select_key()).set_value(doc_id).run()
    assert not at.exception, at.exception
    buttons = {b.label: b for b in at.download_button}
    xlsx = media(buttons["Excel（每表一页）"].proto.url)
    csv_all = media(buttons["CSV（全部表格，长表）"].proto.url)
    js = media(buttons["JSON（完整解析模型）"].proto.url)
    csv_table = media(buttons["下载本表 CSV"].proto.url)

    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(xlsx))
    assert "概况" in wb.sheetnames and len(wb.sheetnames) > 5
    model = json.loads(js)
    assert model["doc_id"] == doc_id and model["meta"]["year"] == 2025 and model["tables"]
    long = pd.read_csv(io.BytesIO(csv_all), encoding="utf-8-sig", dtype={"科目编码": str})
    assert {"表", "名称", "列", "数值"} <= set(long.columns) and len(long) > 50
    assert long["数值"].dtype == float
    one = pd.read_csv(io.BytesIO(csv_table), encoding="utf-8-sig")
    assert len(one) > 0 and "名称" in one.columns


def bootstrap_select_key() -> str:
    from budgetqa.ui.page_document import SELECT_KEY
    return SELECT_KEY


def test_document_view_tables_are_typed_and_audit_shows(shared_ws):
    at = _app().run()
    frames = [df.value for df in at.dataframe]
    parsed = next(df for df in frames if "科目编码" in df.columns)
    num = tables.value_columns(parsed)
    assert num and all(parsed[c].dtype == "float64" for c in num)
    assert parsed["名称"].dtype == "string"
    assert {"错误", "舍入", "警告", "提示"} <= {m.label for m in at.metric}


def test_settings_never_show_the_key(fresh_ws, monkeypatch):
    secret = "sk-test-do-not-show-0123456789"
    monkeypatch.setenv("BUDGETQA_LLM_API_KEY", secret)
    at = _mine().run()
    shown = _all_text(at) + "\n".join(e.value for e in at.info) + "\n".join(e.value for e in at.success)
    assert secret not in shown and "sk-test" not in shown
    assert "已设置（不显示）" in shown
    assert str(fresh_ws) in shown


# ------------------------------------------------------------------ ui helpers


def test_figure_spans_find_the_figure_as_written():
    text = "高新技术企业奖励 1,060.00 万元，其中１０６０万元；10600 不是；合计 21,060.00"
    spans = [text[s:e] for s, e in figure_spans(text, 1060.0)]
    assert spans == ["1,060.00", "１０６０"]
    assert figure_spans("奖励 10,600,000 元", 1060.0) == [(3, 13)]  # the same amount in 元
    assert figure_spans("nothing", None) == []


def test_highlight_escapes_html_and_marks():
    out = highlight_html("<b>x</b> 1,060.00\n下一行", 1060.0)
    assert "&lt;b&gt;" in out and '<mark class="bqa-fig">1,060.00</mark>' in out and "<br>" in out


def test_ingest_reasons_are_chinese_and_keep_the_detail():
    from budgetqa.retrieval.workspace import IngestResult
    from budgetqa.ui.format import ingest_line, reason_zh
    msg = "x.pdf: the PDF has no text layer: its 3 page(s) hold images — run OCR first"
    assert reason_zh(msg).startswith("PDF 没有文字层") and msg in reason_zh(msg)
    assert reason_zh("something new") == "something new"
    line = ingest_line(IngestResult(path="a.txt", status="indexed", doc_id="x", message="12 chunks, 3 tables"))
    assert "已索引" in line and "12 个文本块, 3 张表" in line


def test_labels_and_values():
    assert status_label("verified")[0] == "已核验"
    assert status_label("conflict")[0] == "存在矛盾"
    assert status_label("verified", found=False)[0] == "文档中未找到"
    assert fmt_value(1060.0, "万元") == "1,060.00 万元"
    assert fmt_value(53.0, "家") == "53 家"
    assert fmt_value(None) == "—"


def test_charts_read_the_parsed_tables(parsed):
    d = parsed["bz2025"]
    by_fn = charts.expense_by_function(d)
    total = d.table("expense").rows[0].values["合计"]
    assert abs(by_fn["金额"].sum() - total) < 0.05
    bp = charts.basic_vs_project(d).set_index("类别")["金额"]
    assert abs(bp.sum() - total) < 0.05
    tp = charts.three_public_parts(d)
    assert (tp["金额"] >= 0).all() and set(tp["来源"]) <= {"表", "说明"}
    cmp = charts.compare([(k, v) for k, v in parsed.items()], "支出总计")
    assert len(cmp) >= 3


def test_exports_round_trip(parsed):
    d = parsed["cj2024"]
    t = d.table("expense")
    df = tables.table_frame(t)
    assert df["合计"].dtype == "float64" and df["名称"].iloc[0] == t.rows[0].name
    back = pd.read_csv(io.BytesIO(tables.csv_bytes(df)), encoding="utf-8-sig")
    assert back["合计"].tolist() == pytest.approx(df["合计"].tolist(), nan_ok=True)
    assert json.loads(tables.json_bytes(d))["source_name"] == d.source_name


def test_ingest_uploads_one_result_per_file_and_failures_do_not_touch_the_index(tmp_path):
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    good = (ROOT / "samples" / BAZHOU).read_bytes()
    seen: list[tuple[int, int, str]] = []
    res = ingest_uploads(ws, [("empty.txt", b"   "), (BAZHOU, good), ("x.pdf", b"junk")],
                         lambda i, n, name: seen.append((i, n, name)))
    assert [r.status for r in res] == ["failed", "indexed", "failed"]
    assert "empty" in res[0].message and res[2].message
    assert [r.source for r in ws.docs()] == [BAZHOU]
    assert seen[0] == (0, 3, "empty.txt") and seen[-1] == (3, 3, "")
    again = ingest_uploads(ws, [(BAZHOU, good)])
    assert again[0].status == "already indexed" and len(ws.docs()) == 1
