"""Performance tables (绩效目标表 / 绩效自评表) found in the source lines, for chunking.

Every disclosure since ~2020 ends with one 部门整体 table and one table per project, all
of the template's shape: a title line, (年度), 项目名称 / 部门名称, the money rows
(年度预算总额 or 年度资金总额, 其中财政拨款, 其他资金, …), the 总体目标 text, then the
indicator rows (一级 / 二级 / 三级指标, 指标值, …) until the next title. A row of indicators
alone does not say which project it belongs to; a block does, so chunks built from a block
carry the project's name. Pure: lines in, blocks out (line numbers are 1-based).

Used when the parser's `Disclosure.performance` is empty (the line shapes differ between
pdftotext and converter markdown, but the labels are the template's).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from budgetqa.core.normalize import NUMBER_RE, norm, parse_number, squash
from budgetqa.extract.sections import heading_level
from budgetqa.extract.source import SourceDoc

_TITLE = re.compile(r"^(部门整体(?:支出)?绩效(?:目标|自评)表|项目(?:支出)?绩效(?:目标|自评)表)(?:[（(]\d{4}年度?[)）])?$")
_NAME = re.compile(r"^(项目名称|部门名称)(?:（盖章）|\(盖章\))?")
_NAME_END = re.compile(r"^(?:项目负责|主管部门|实施单位|预算单位|项目资金|部门资金|部门联系人|联系电话)")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff：:（）()])\s+(?=[\u4e00-\u9fff：:（）()])")
_INDICATORS = re.compile(r"^一级(?:指标)?$|^一级指标|^(?:产出|效益|满意度|成本)指标")
_MONEY = re.compile(r"资金总额|预算总额|总资金|财政拨款|其他资金|本级资金|上级资金|单位资金|项目资金|部门资金")
MAX_BLOCK_LINES = 400


@dataclass
class PerfBlock:
    title: str                         # 项目支出绩效目标表 …
    name: str                          # the project (or department) the table is about
    start: int                         # the title line
    end: int                           # last line of the block
    head: list[int] = field(default_factory=list)        # title … up to the indicator rows
    money: list[int] = field(default_factory=list)       # lines with the money rows
    indicators: list[int] = field(default_factory=list)  # indicator rows (non-empty lines)
    fiscal: float | None = None        # 财政拨款 amount of the first money column
    other: float | None = None         # 其他资金 amount

    @property
    def funding(self) -> str:
        """Where the money comes from, in the template's words (empty when unknown)."""
        if self.fiscal is not None and self.other is not None:
            if self.fiscal == 0 and self.other > 0:
                return "资金来源：其他资金（非财政拨款、单位资金）"
            if self.other == 0 and self.fiscal > 0:
                return "资金来源：财政拨款"
            if self.fiscal > 0 and self.other > 0:
                return "资金来源：财政拨款和其他资金（单位资金）"
        return ""


def _title(t: str) -> str | None:
    s = squash(t)
    m = _TITLE.match(s)
    if m:
        return m.group(1)
    return None


def _amount_after(label: str, flat: str) -> float | None:
    m = re.search(label + r"[^0-9\-]{0,12}?(" + NUMBER_RE.pattern + ")", flat)
    if not m:
        return None
    try:
        return parse_number(m.group(1))
    except Exception:  # an unreadable number is simply not known
        return None


def _name_words(words: list[str]) -> tuple[str, bool]:
    """The name part of a line's words, and whether a following label ended it."""
    out: list[str] = []
    for w in words:
        if _NAME_END.match(w):
            return "".join(out), True
        out.append(w)
    return "".join(out), False


def find_blocks(src: SourceDoc) -> list[PerfBlock]:
    lines = [norm(l.text) for l in src.lines]
    n = len(lines)
    starts = [i for i, t in enumerate(lines, start=1) if t and _title(t)]
    blocks: list[PerfBlock] = []
    for k, s in enumerate(starts):
        stop = starts[k + 1] - 1 if k + 1 < len(starts) else n
        end = s
        for i in range(s + 1, min(stop, s + MAX_BLOCK_LINES) + 1):
            t = lines[i - 1]
            if t and "\t" not in t and len(t) <= 40 and heading_level(t) in (0, 1):  # 第四部分 名词解释, 十三、…
                break
            end = i
        b = PerfBlock(title=_title(lines[s - 1]) or "", name="", start=s, end=end)
        in_head, name_parts, collecting = True, [], False
        for i in range(s, end + 1):
            t = lines[i - 1]
            if not t:
                continue
            st = squash(t)
            if in_head and i > s and _INDICATORS.search(st):
                in_head = False
            if in_head:
                b.head.append(i)
                if _MONEY.search(st) or (b.money and NUMBER_RE.search(st) and len(st) <= 40 and not collecting):
                    b.money.append(i)
                m = _NAME.match(st)
                if m and not b.name and not name_parts:
                    words = t.split()
                    words[0] = squash(words[0])[m.end():]
                    part, cut = _name_words(words)
                    name_parts = [part]
                    collecting = not cut
                elif collecting:
                    part, cut = _name_words(t.split())
                    name_parts.append(part)
                    collecting = not cut and len("".join(name_parts)) < 80
                if name_parts and not collecting and not b.name:
                    b.name = "".join(name_parts).strip("\t ")
            else:
                b.indicators.append(i)
        if name_parts and not b.name:
            b.name = "".join(name_parts)[:80]
        flat = _CJK_GAP.sub("", " ".join(lines[i - 1] for i in b.head))
        b.fiscal = _amount_after("财政拨款", flat)
        b.other = _amount_after("其他资金", flat)
        blocks.append(b)
    return blocks
