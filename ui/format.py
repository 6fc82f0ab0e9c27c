"""Pure text formatting for the app: labels, numbers, and the cited figure highlighted.

No Streamlit here, so every rule is tested directly.
"""
from __future__ import annotations

import html
import re

from budgetqa.core.normalize import parse_number
from budgetqa.retrieval.workspace import DocRecord, IngestResult

STATUS_LABELS = {
    "verified": ("已核验", "green", ":material/verified:"),
    "partly verified": ("部分核验", "orange", ":material/rule:"),
    "conflict": ("存在矛盾", "red", ":material/error:"),
    "unverified": ("未核验", "gray", ":material/help:"),
    "not applicable": ("无需核验", "gray", ":material/remove:"),
}
NOT_FOUND = ("文档中未找到", "gray", ":material/search_off:")

# Material icons ship with Streamlit (no emoji font needed, nothing fetched)
INGEST_LABELS = {
    "indexed": ("已索引", ":material/check_circle:"),
    "already indexed": ("已在索引中", ":material/info:"),
    "failed": ("失败", ":material/cancel:"),
}

# full-width digits and separators map one character to one, so match positions stay valid
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_NUM = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
# a figure quoted in another amount unit: 万元 <-> 元 / 亿元
_SCALES = (1.0, 10000.0, 0.0001)


def status_label(status: str, found: bool = True) -> tuple[str, str, str]:
    """(Chinese label, badge colour, icon) of a verification status."""
    if not found:
        return NOT_FOUND
    return STATUS_LABELS.get(status, (status, "gray", ":material/help:"))


def fmt_value(value: float | None, unit: str | None = None) -> str:
    """'1,060.00 万元'; whole counts (人, 家, 辆) without decimals."""
    if value is None:
        return "—"
    money = unit is None or "元" in unit
    if not money and float(value).is_integer():
        s = f"{int(value):,}"
    else:
        s = f"{value:,.2f}"
    return f"{s} {unit}".strip() if unit else s


def doc_label(rec: DocRecord) -> str:
    """'新疆巴州科学技术局 · 2025 · 预算' (file name when the department is unknown)."""
    parts = [rec.department or rec.source, str(rec.year) if rec.year else None, rec.kind]
    return " · ".join(p for p in parts if p)


# The library's messages are English one-liners (what, which file, what to do); the app
# leads with the reason in Chinese and keeps the original as the detail.
_REASONS = [
    (re.compile(r"unsupported file type", re.I), "不支持的文件类型，请上传 .pdf、.xlsx、.txt 或 .md"),
    (re.compile(r"MB limit", re.I), "文件超过大小上限"),
    (re.compile(r"is empty|no text in the file", re.I), "文件为空，没有可读的文字"),
    (re.compile(r"no text layer", re.I), "PDF 没有文字层（扫描件），请先做 OCR 或提供原始 PDF / Excel"),
    (re.compile(r"cannot be read|encrypted|damaged|neither UTF-8", re.I), "文件无法读取（已损坏、加密或编码不对）"),
    (re.compile(r"does not look like a department budget|not a .*disclosure", re.I), "看起来不是部门预算 / 决算公开文件"),
    (re.compile(r"already in the index", re.I), "内容相同的文件已在索引中"),
    (re.compile(r"unexpected \w+", re.I), "解析时出现意外错误，请把此文件反馈给维护者"),
]


def reason_zh(message: str) -> str:
    """A Chinese reason for an ingest message; the original follows as detail (never dropped)."""
    for pat, zh in _REASONS:
        if pat.search(message):
            return zh if "already in the index" in message else f"{zh}（详情：{message}）"
    return message


def reason_parts(message: str) -> tuple[str, str | None]:
    """(Chinese reason, the library's original message as technical detail, or None)."""
    for pat, zh in _REASONS:
        if pat.search(message):
            return zh, (None if "already in the index" in message else message)
    return message, None


def ingest_parts(r: IngestResult) -> tuple[str, str | None]:
    """The result line in Chinese, and the technical detail (English, from the library) apart."""
    if r.status != "failed":
        return ingest_line(r), None
    label, icon = INGEST_LABELS["failed"]
    zh, detail = reason_parts(r.message)
    return f"{icon} **{r.path}** — {label}：{zh}", detail


def ingest_line(r: IngestResult) -> str:
    label, icon = INGEST_LABELS.get(r.status, (r.status, ":material/circle:"))
    msg = reason_zh(r.message) if r.status != "indexed" else r.message.replace(" chunks", " 个文本块").replace(" tables", " 张表")
    tail = f"：{msg}" if msg else ""
    return f"{icon} **{r.path}** — {label}{tail}"


def _matches(tok: str, value: float) -> bool:
    v = parse_number(tok)
    if v is None:
        return False
    return any(abs(v - value * s) <= max(0.005, abs(value * s) * 1e-9) for s in _SCALES)


def figure_spans(text: str, value: float | None) -> list[tuple[int, int]]:
    """Where `value` is written in `text` ('1,060.00', '1060', full-width digits, 元 form)."""
    if value is None:
        return []
    t = text.translate(_FULLWIDTH)
    spans = []
    for m in _NUM.finditer(t):
        s, e = m.span()
        if s > 0 and (t[s - 1].isdigit() or t[s - 1] == "."):
            continue
        if _matches(m.group(), value):
            spans.append((s, e))
    return spans


def highlight_html(text: str, value: float | None, breaks: bool = True) -> str:
    """The passage as safe HTML, each occurrence of the figure in <mark>; line breaks kept as
    <br> unless `breaks` is False (a single source line)."""
    out, pos = [], 0
    for s, e in figure_spans(text, value):
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark class="bqa-fig">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    joined = "".join(out)
    return joined.replace("\n", "<br>") if breaks else joined


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
