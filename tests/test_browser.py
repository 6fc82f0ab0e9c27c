"""Real browser: the app served by `streamlit run`, driven by the system chromium through Playwright.

Skips (with the reason) where chromium or playwright is missing; `.ci/run` installs both the
browser and a CJK font so it runs in CI. Never downloads a browser.

One server for the module (the user's workspace starts empty, the demo workspace beside it is
seeded on first start); the tests run in file order: the demo first, then uploads into the
user's own workspace. Every request each page makes is recorded, and none may leave
127.0.0.1 / localhost. Screenshots of the chat, the citation's source view, the document page
(tables, charts, audit), compare and upload are saved in the test's tmp dir, and copied to
$BUDGETQA_SCREENSHOT_DIR when it is set.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
PDF = ROOT / "evals" / "gold" / "seeds" / "shpt-rmzfbgs-2025-bmys.pdf"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if CHROMIUM is None:
    pytest.skip("system chromium not found (apt-get install -y chromium fonts-wqy-zenhei)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright for Python is not installed")
expect = sync_api.expect


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(url: str, proc: subprocess.Popen, limit_s: float = 60) -> None:
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not come up")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    port = _free_port()
    env = {**os.environ, "BUDGETQA_WORKSPACE": str(tmp / "ws")}
    env.pop("BUDGETQA_DEMO_WORKSPACE", None)
    log = open(tmp / "streamlit.log", "wb")
    # the repository's .streamlit/config.toml applies (cwd): no usage stats, no external-IP probe
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_up(url, proc)
        yield {"url": url, "ws": tmp / "ws", "log": tmp / "streamlit.log"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Page:
    """A fresh page (a new Streamlit session) recording every request it makes."""

    def __init__(self, browser, url: str):
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url, wait_until="domcontentloaded")

    def outside(self) -> list[str]:
        out = []
        for u in self.requests:
            p = urlparse(u)
            if p.scheme in ("data", "blob", "about"):
                continue
            if p.hostname not in LOCAL_HOSTS:
                out.append(u)
        return out


@pytest.fixture
def page(browser, server):
    p = Page(browser, server["url"])
    yield p
    p.page.close()
    assert p.outside() == [], f"requests left 127.0.0.1: {p.outside()}"


def _screenshot(page, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    out_dir = os.environ.get("BUDGETQA_SCREENSHOT_DIR")
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(out_dir) / name)
    assert shot.stat().st_size > 10_000
    return shot


def _chat_ready(page, timeout: int = 180_000):
    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_be_enabled(timeout=timeout)
    return box


def _ask(page, question: str):
    box = _chat_ready(page)
    n = page.get_by_test_id("stChatMessage").count()
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(n + 1)
    expect(answer).to_be_visible(timeout=120_000)
    expect(answer.get_by_text("检索范围")).to_be_visible(timeout=120_000)
    return answer


def test_first_start_shows_progress_then_answers_with_a_source_view(page, server, tmp_path):
    pg = page.page
    # the first start indexes the samples into the demo workspace, with a progress bar — not a blank skeleton
    expect(pg.get_by_text(re.compile("正在解析并索引示例|准备索引示例"))).to_be_visible(timeout=90_000)
    answer = _ask(pg, "巴州高企奖励多少")
    expect(answer.get_by_text("引用")).to_be_visible(timeout=60_000)
    expect(answer.locator("mark.bqa-fig").first).to_be_visible(timeout=30_000)
    text = answer.inner_text()
    marked = [m.inner_text() for m in answer.locator("div.bqa-passage mark.bqa-fig").all()]
    first_quote = answer.locator("div.bqa-passage").first.inner_text().strip()
    _screenshot(pg, tmp_path, "screenshot-chat.png")
    assert "1060" in text.replace(",", ""), text
    assert "[1]" in text, f"no citation in the answer:\n{text}"
    assert "示例工作区的全部 4 份文档" in text
    assert any(m.replace(",", "").startswith("1060") for m in marked), f"cited figure not highlighted: {marked}"
    assert first_quote[-1] in "。！？；", f"citation cut mid-sentence: {first_quote}"
    # 查看原文: the lines around the cited one, the cited line banded, the figure marked
    answer.get_by_text("查看原文").first.click()
    src = answer.locator("div.bqa-src").first
    expect(src).to_be_visible(timeout=30_000)
    cited = src.locator("div.bqa-src-cited")
    expect(cited.first).to_be_visible()
    figs = [m.inner_text() for m in src.locator("div.bqa-src-cited mark.bqa-fig").all()]
    assert any(f.replace(",", "").startswith("1060") for f in figs), figs
    assert src.locator("div.bqa-src-line").count() > cited.count(), "no context around the cited line"
    src.scroll_into_view_if_needed()
    _screenshot(pg, tmp_path, "screenshot-source-text.png")
    assert Path(str(server["ws"]) + "-demo").is_dir() and not any((server["ws"] / "docs").glob("*.json*")), \
        "the samples went into the user's workspace"


def test_document_page_tables_charts_audit(page, tmp_path):
    pg = page.page
    _chat_ready(pg)
    pg.get_by_role("tab", name="文档详情").click()
    main = pg.get_by_test_id("stMain")
    expect(main.get_by_text("空白单元格：原表在该处留空")).to_be_visible(timeout=30_000)
    # the document with the most audit findings of the samples
    main.get_by_test_id("stSelectbox").filter(visible=True).first.click()
    pg.get_by_role("option", name=re.compile("乌鲁木齐市科学技术局 · 2025 · 预算")).click()
    expect(main.get_by_text("乌鲁木齐市科学技术局 · 2025 年 · 预算")).to_be_visible(timeout=30_000)
    expect(main.get_by_text("空白单元格：原表在该处留空")).to_be_visible(timeout=30_000)
    expect(pg.get_by_test_id("stDataFrame").filter(visible=True).first).to_be_visible()
    time.sleep(1)
    _screenshot(pg, tmp_path, "screenshot-document-tables.png")
    body = main.inner_text()
    assert "None" not in body
    pg.get_by_role("tab", name="图表").click()
    charts = pg.locator("[data-testid=stVegaLiteChart]").filter(visible=True)
    expect(charts.first).to_be_visible(timeout=30_000)
    expect(charts.first.locator(".role-axis-label text").first).to_be_attached(timeout=30_000)
    time.sleep(1)
    labels = [t.text_content() or "" for t in charts.locator(".role-axis-label text").all()]
    titles = [t.text_content() or "" for t in charts.locator(".role-axis-title text").all()]
    _screenshot(pg, tmp_path, "screenshot-document-charts.png")
    numbers = [lab for lab in labels if re.fullmatch(r"[-\d.,eE+kMGµ]+", lab)]
    assert numbers, labels
    assert not [n for n in numbers if re.search(r"e[+-]?\d|[kMGµ]$", n)], f"scientific / SI notation: {numbers}"
    assert any("," in n for n in numbers), f"no thousands separators: {numbers}"
    assert titles and all("万元" in t for t in titles), titles
    pg.get_by_role("tab", name="审计发现").click()
    expect(main.get_by_text("按级别排列")).to_be_visible(timeout=30_000)
    time.sleep(0.5)
    _screenshot(pg, tmp_path, "screenshot-document-audit.png")
    audit_text = main.inner_text()
    for label in ("错误", "舍入", "警告", "提示"):
        assert label in audit_text
    # severity first: the rounding notes come before the warnings; one note per cause, with units
    assert audit_text.index("舍入（") < audit_text.index("警告（"), audit_text
    assert "差额 -740.84 万元" in audit_text, audit_text
    assert "涉及的 4 处" in audit_text, audit_text


def test_compare_filters_by_kind_and_year(page, tmp_path):
    pg = page.page
    _chat_ready(pg)
    pg.get_by_role("tab", name="跨文档对比").click()
    main = pg.get_by_test_id("stMain")
    expect(main.get_by_text("对比范围：预算 · 2025 年")).to_be_visible(timeout=30_000)
    chart = pg.locator("[data-testid=stVegaLiteChart]").filter(visible=True)
    expect(chart.first).to_be_visible(timeout=30_000)
    expect(chart.first.locator(".role-axis-label text").first).to_be_attached(timeout=30_000)
    time.sleep(1)
    labels = [t.text_content() or "" for t in chart.locator(".role-axis-label text").all()]
    _screenshot(pg, tmp_path, "screenshot-compare.png")
    docs = [lab for lab in labels if " · " in lab]
    assert docs and all("2025" in d and "预算" in d for d in docs), labels
    main.get_by_text("决算（1 份）").click()
    expect(main.get_by_text("对比范围：决算 · 2024 年")).to_be_visible(timeout=30_000)


def test_upload_into_my_workspace_and_pdf_source_view(page, server, tmp_path):
    bad = tmp_path / "损坏的文件.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    xls = tmp_path / "旧版报表.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0 not really a workbook")
    sample = ROOT / "samples" / "000_fbfe44e17c8967fa.txt"
    pg = page.page
    _chat_ready(pg)
    pg.get_by_test_id("stSidebar").get_by_text("我的工作区", exact=True).click()
    pg.get_by_role("tab", name="文档库").click()
    main = pg.get_by_test_id("stMain")
    expect(main.get_by_text("我的工作区：已索引文档（0）")).to_be_visible(timeout=30_000)
    # the uploader speaks Chinese: Streamlit's "Upload" and "… per file" are replaced
    drop = pg.get_by_test_id("stFileUploaderDropzone")
    expect(drop).to_be_visible()
    shown = pg.evaluate("""() => {
        const z = document.querySelector('[data-testid=stFileUploaderDropzone]');
        const p = z.querySelector('button [data-testid=stMarkdownContainer] p');
        const s = z.querySelector('[data-testid=stFileUploaderDropzoneInstructions] span');
        return [getComputedStyle(p).fontSize, getComputedStyle(p, '::after').content,
                getComputedStyle(s).fontSize, getComputedStyle(s, '::after').content];
    }""")
    assert shown[0] == "0px" and "选择文件" in shown[1], shown
    assert shown[2] == "0px" and "每个文件不超过" in shown[3], shown
    pg.locator("input[type=file]").set_input_files([str(bad), str(sample), str(PDF), str(xls)])
    expect(pg.get_by_text("损坏的文件.pdf", exact=True)).to_be_visible(timeout=30_000)
    pg.get_by_role("button", name="导入所选文件").click()
    report = pg.get_by_text("导入结果：")
    expect(report).to_be_visible(timeout=180_000)
    body = main.inner_text()
    _screenshot(pg, tmp_path, "screenshot-upload.png")
    assert "新索引 2 个，已在索引中 0 个，失败 2 个" in body, body
    line = next(l for l in body.splitlines() if "损坏的文件.pdf" in l and "失败" in l)
    assert len(line.split("失败", 1)[1]) > 5, f"no reason given: {line}"
    xline = next(l for l in body.splitlines() if "旧版报表.xls" in l)
    assert "另存为" in xline and ".xlsx" in xline and "not allowed" not in body, xline
    # the chat now searches her two documents only — never the samples
    pg.get_by_role("tab", name="问答").click()
    answer = _ask(pg, "三公经费预算是多少")
    text = answer.inner_text()
    assert "我的工作区的全部 2 份文档" in text and "新疆巴州" not in text, text
    shanghai = pg.get_by_test_id("stMultiSelect").first
    shanghai.click()
    pg.get_by_role("option", name=re.compile("上海市普陀区人民政府办公室")).click()
    pg.keyboard.press("Escape")
    answer = _ask(pg, "三公经费预算是多少")
    text = answer.inner_text()
    assert "限定的 1 份文档" in text and "867.50" in text, text
    answer.get_by_text("查看原文").first.click()
    img = answer.get_by_test_id("stImage").first
    expect(img).to_be_visible(timeout=60_000)
    expect(answer.get_by_text(re.compile(r"第 \d+ 页（局部放大）"))).to_be_visible()
    img.scroll_into_view_if_needed()
    time.sleep(0.5)
    box = img.locator("img").first.bounding_box()
    _screenshot(pg, tmp_path, "screenshot-source-pdf.png")
    assert box and box["width"] > 300, box
