"""Ingest uploaded files one by one, each with its own result; a bad file never stops the rest.

The workspace commits a document only when it parsed and indexed completely, so a failed
upload leaves the index exactly as it was. The uploader accepts any file (so the browser never
refuses one with its own English message); a type budgetqa does not read is refused here, in
Chinese, saying what to do with it. A PDF's bytes are kept beside the index so the citation
view can draw its pages.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from budgetqa.core.errors import BudgetQAError
from budgetqa.retrieval.workspace import IngestResult, Workspace

from .source_view import keep_original

ACCEPTED_TYPES = ["pdf", "xlsx", "txt", "md"]
ACCEPTED_TEXT = "PDF（含文字层）、Excel（.xlsx）、文本或 Markdown（.txt / .md）"

# what to do with a file budgetqa does not read (extension -> advice, in Chinese)
_SAVE_AS_XLSX = "请用 Excel 或 WPS 打开，「另存为」Excel 工作簿（.xlsx）后再上传；也可导出为 PDF。"
_SAVE_AS_PDF = "请用 Word 或 WPS 打开，「另存为」PDF 后再上传（表格也可复制到 Excel 存为 .xlsx）。"
ADVICE = {
    "xls": ("旧版 Excel 文件（.xls）", _SAVE_AS_XLSX),
    "et": ("WPS 表格文件（.et）", _SAVE_AS_XLSX),
    "ods": ("OpenDocument 表格（.ods）", _SAVE_AS_XLSX),
    "csv": ("CSV 文件", "请用 Excel 或 WPS 打开，「另存为」Excel 工作簿（.xlsx）后再上传。"),
    "doc": ("Word 文档（.doc）", _SAVE_AS_PDF),
    "docx": ("Word 文档（.docx）", _SAVE_AS_PDF),
    "wps": ("WPS 文字文档（.wps）", _SAVE_AS_PDF),
    "odt": ("OpenDocument 文档（.odt）", _SAVE_AS_PDF),
    "rtf": ("RTF 文档", _SAVE_AS_PDF),
    "ofd": ("OFD 版式文件", "请用 OFD 阅读器「另存为」或「打印」为 PDF 后再上传。"),
    "html": ("网页文件", "请在浏览器中「打印」为 PDF，或把正文复制到 .txt 文件后再上传。"),
    "htm": ("网页文件", "请在浏览器中「打印」为 PDF，或把正文复制到 .txt 文件后再上传。"),
    "zip": ("压缩包", "请先解压，再上传其中的 PDF / Excel 文件（可多选）。"),
    "rar": ("压缩包", "请先解压，再上传其中的 PDF / Excel 文件（可多选）。"),
    "7z": ("压缩包", "请先解压，再上传其中的 PDF / Excel 文件（可多选）。"),
    "jpg": ("图片", "请上传带文字层的 PDF；扫描件请先做 OCR（文字识别）。"),
    "jpeg": ("图片", "请上传带文字层的 PDF；扫描件请先做 OCR（文字识别）。"),
    "png": ("图片", "请上传带文字层的 PDF；扫描件请先做 OCR（文字识别）。"),
}

Progress = Callable[[int, int, str], None]


def refusal(name: str) -> str | None:
    """A Chinese message for a file type budgetqa does not read (None: the type is read)."""
    ext = Path(name).suffix.lower().lstrip(".")
    if ext in ACCEPTED_TYPES:
        return None
    what, todo = ADVICE.get(ext, (f"「.{ext}」文件" if ext else "没有扩展名的文件", "请另存为 .xlsx 或 PDF 后再上传。"))
    return f"不支持{what}。{todo}（可上传：{ACCEPTED_TEXT}）"


def ingest_uploads(ws: Workspace, files: Iterable[tuple[str, bytes]],
                   on_progress: Progress | None = None) -> list[IngestResult]:
    """(name, bytes) pairs -> one IngestResult each; `on_progress(done, total, name)` before each file."""
    items = list(files)
    results: list[IngestResult] = []
    for i, (name, data) in enumerate(items):
        if on_progress:
            on_progress(i, len(items), name)
        why = refusal(name)
        if why:
            results.append(IngestResult(path=name, status="failed", message=why))
            continue
        try:
            r = ws.ingest_bytes(name, data)
        except BudgetQAError as err:  # e.g. the store refused the write: this file only
            r = IngestResult(path=name, status="failed", message=str(err))
        if r.status != "failed" and r.doc_id:
            keep_original(ws.root, r.doc_id, name, data)
        results.append(r)
    if on_progress:
        on_progress(len(items), len(items), "")
    return results


def summary(results: list[IngestResult]) -> str:
    n = {s: sum(r.status == s for r in results) for s in ("indexed", "already indexed", "failed")}
    return f"新索引 {n['indexed']} 个，已在索引中 {n['already indexed']} 个，失败 {n['failed']} 个"
