"""Real browser: the app served by `streamlit run`, driven by the system chromium through Playwright.

Skips (with the reason) where chromium or playwright is missing; `.ci/run` installs both the
browser and a CJK font so it runs in CI. Never downloads a browser.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if CHROMIUM is None:
    pytest.skip("system chromium not found (apt-get install -y chromium fonts-wqy-zenhei)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright for Python is not installed")


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


@pytest.fixture
def app_url(tmp_path):
    port = _free_port()
    env = {**os.environ, "BUDGETQA_WORKSPACE": str(tmp_path / "ws")}
    log = open(tmp_path / "streamlit.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_up(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _screenshot(page, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    out_dir = os.environ.get("BUDGETQA_SCREENSHOT_DIR")
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(out_dir) / name)
    return shot


def test_ask_in_browser_shows_value_and_citation(app_url, tmp_path):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            page.goto(app_url, wait_until="domcontentloaded")
            box = page.get_by_test_id("stChatInputTextArea")
            # the first run indexes the bundled samples before the chat input is enabled
            sync_api.expect(box).to_be_enabled(timeout=120_000)
            box.fill("巴州高企奖励多少")
            box.press("Enter")
            answer = page.get_by_test_id("stChatMessage").nth(1)
            sync_api.expect(answer).to_be_visible(timeout=120_000)
            sync_api.expect(answer.get_by_text("引用")).to_be_visible(timeout=120_000)
            sync_api.expect(answer.locator("mark.bqa-fig").first).to_be_visible(timeout=30_000)
            text = answer.inner_text()
            marked = [m.inner_text() for m in answer.locator("mark.bqa-fig").all()]
            _screenshot(page, tmp_path, "screenshot-ask.png")
        finally:
            browser.close()
    assert "1060" in text.replace(",", ""), text
    assert "[1]" in text, f"no citation in the answer:\n{text}"
    assert any(m.replace(",", "").startswith("1060") for m in marked), f"cited figure not highlighted: {marked}"
    assert (tmp_path / "screenshot-ask.png").stat().st_size > 10_000


def test_upload_in_browser_reports_each_file(app_url, tmp_path):
    bad = tmp_path / "损坏的文件.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    sample = ROOT / "samples" / "000_fbfe44e17c8967fa.txt"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            page.goto(app_url, wait_until="domcontentloaded")
            sync_api.expect(page.get_by_test_id("stChatInputTextArea")).to_be_enabled(timeout=120_000)
            page.get_by_role("tab", name="文档库").click()
            page.locator("input[type=file]").set_input_files([str(bad), str(sample)])
            sync_api.expect(page.get_by_text("损坏的文件.pdf", exact=True)).to_be_visible(timeout=30_000)
            page.get_by_role("button", name="导入所选文件").click()
            report = page.get_by_text("导入结果：")
            sync_api.expect(report).to_be_visible(timeout=120_000)
            body = page.get_by_test_id("stMain").inner_text()
            _screenshot(page, tmp_path, "screenshot-upload.png")
        finally:
            browser.close()
    assert "新索引 0 个，已在索引中 1 个，失败 1 个" in body, body
    line = next(l for l in body.splitlines() if "损坏的文件.pdf" in l and "失败" in l)
    assert len(line.split("失败", 1)[1]) > 5, f"no reason given: {line}"
