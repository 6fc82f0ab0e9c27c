"""绩效目标表 / 绩效自评表 parsing.

Two input shapes, one output (`PerformanceTable`):

* rows with cells (converter markdown, ruled PDF tables, xlsx): columns come from the
  header row; a row whose cells slid left or right is re-aligned on its numeric 分值 / 得分
  cells, and 一级 / 二级 labels left blank are inherited from the rows above;
* pdftotext-like lines (empty cells lost, cells wrapped over lines): each indicator is
  anchored on its 指标值 (an operator-led value such as '>=20 项', or text standing before
  the table's recurring 指标值设置依据 word such as '计划标准'); what stands before the anchor
  is 一级 / 二级 labels and the name, what follows is read in the header's column order
  (依据, 上年完成值, 分值权重, 赋分规则, 佐证资料).

A table runs from its title to the next performance title, a 第X部分 / numbered section
heading, or 名词解释; all its lines are reported as consumed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import FundRow, Indicator, PerformanceTable
from budgetqa.core.normalize import norm, parse_number, squash
from .source import Line, SourceDoc

# ---------------------------------------------------------------- values

_OPS = {">=": ">=", "=>": ">=", "≥": ">=", "≧": ">=", "<=": "<=", "=<": "<=", "≤": "<=", "≦": "<=",
        ">": ">", "<": "<", "=": "=", "不低于": ">=", "不少于": ">=", "大于等于": ">=", "不高于": "<=",
        "不超过": "<=", "小于等于": "<=", "大于": ">", "小于": "<", "等于": "="}
_OP_PAT = r"(?:>=|<=|=>|=<|≥|≧|≤|≦|>|<|=)"
_NUM_PAT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TARGET_RE = re.compile(rf"^\s*({_OP_PAT}|不低于|不少于|大于等于|不高于|不超过|小于等于|大于|小于|等于)?\s*"
                        rf"(-?(?:{_NUM_PAT}))\s*(.*?)\s*$")
_OP_IN_TEXT = re.compile(rf"{_OP_PAT}\s*-?\d")
_UNIT_TOKEN = re.compile(r"^[\u4e00-\u9fff%‰（）()/]{1,3}$")
_BARE_NUM = re.compile(r"^\d+(?:\.\d+)?$")
_VALUE_TOKEN = re.compile(rf"^(?:{_OP_PAT})?-?(?:{_NUM_PAT})[^\s]{{0,4}}$|^[-—/－]+$")


def _clean_unit(u: str) -> str | None:
    u = re.sub(r"[（()）\s]", "", u)
    return u or None


def parse_target(text: str | None) -> tuple[str | None, float | None, str | None]:
    """'>=20 项' -> ('>=', 20.0, '项'); '有效提高' -> (None, None, None); '100%' -> (None, 100.0, '%').

    A number without an operator counts only when what follows it is a short unit, so
    '2025年11月30日前' is text, not 2025."""
    if not text:
        return None, None, None
    t = norm(text).replace("＝", "=")
    m = _TARGET_RE.match(t)
    if not m:
        return None, None, None
    op, num, rest = m.group(1), m.group(2), m.group(3)
    rest_c = re.sub(r"\s+", "", rest)
    if op is None and (len(rest_c) > 4 or re.search(r"\d", rest_c)):
        return None, None, None
    value = parse_number(num)
    if value is None:
        return None, None, None
    return (_OPS.get(op) if op else None), value, _clean_unit(rest_c)


def _number(cell: str | None) -> float | None:
    """A fund / score cell: '3,977.09', '97.99%', '10.00分', '10.00 分'; '—' / '-' -> None."""
    if not cell:
        return None
    t = norm(cell).replace(" ", "")
    t = re.sub(r"(分|%|万元|元)$", "", t)
    return parse_number(t)


# ---------------------------------------------------------------- regions

_TITLE = re.compile(r"^(?:附表?\s*\d*\s*[:：、.．]?\s*)?(?:\d{4}\s*年度?\s*)?"
                    r"(部门整体(?:支出)?绩效(?:目标|自评)表|项目(?:支出)?绩效(?:目标|自评)表)$")
_END = re.compile(r"^第[一二三四五六七八九十]+部分|名词解释|其他需说明|^[(（][一二三四五六七八九十]+[)）]\s*\S"
                  r"|^[一二三四五六七八九十]+、\s*\S")


def _kind(title: str) -> str:
    whole = title.startswith("部门整体")
    if "自评" in title:
        return "部门整体支出绩效自评" if whole else "项目支出绩效自评"
    return "部门整体绩效目标" if whole else "项目支出绩效目标"


def find_regions(lines: list[Line]) -> list[tuple[int, int, str]]:
    """(start, end, title) of each performance table: start is the title line, end exclusive."""
    starts: list[tuple[int, str]] = []
    ends: list[int] = []
    for i, line in enumerate(lines):
        t = squash(norm(line.text))
        if not t:
            continue
        m = _TITLE.match(t)
        if m:
            starts.append((i, m.group(1)))
        elif starts and _END.search(norm(line.text)) and len(t) <= 40:
            ends.append(i)
    out = []
    for k, (s, title) in enumerate(starts):
        nxt = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        end = min([e for e in ends if s < e < nxt] or [nxt])
        out.append((s, end, title))
    return out


# ---------------------------------------------------------------- shared helpers

_DEPT_LABEL = re.compile(r"^(部门名称|主管部门|预算单位|单位名称)(?:[（(]盖章[)）])?[:：]?\s*")
_PROJECT_LABEL = re.compile(r"^项目名称[:：]?\s*")
_PROJECT_END = re.compile(r"\s*(项目负责人|实施单位|主管部门|预算单位).*$")
_GOAL_LABEL = re.compile(r"^(年度绩效目标|项目总体目标|年度总体目标|总体目标|绩效目标)")
_TOTAL_LABEL = re.compile(r"^总\s*分")
# the template's 一级 / 二级 indicator names (财政部 / 自治区 绩效目标表 templates)
_LEVEL_WORDS = ("履职效能", "管理效率", "社会效应", "可持续发展", "能力建设")
_LABEL_STEMS = ("产出", "效益", "成本", "满意度", "服务对象满意度", "数量", "质量", "时效", "经济效益", "社会效益",
                "生态效益", "可持续影响", "经济成本", "社会成本", "生态环境成本", "生态成本", "环境成本", "效果",
                "影响", "管理", "履职")
_LABEL_RE = re.compile(r"^(?:(?:" + "|".join(_LABEL_STEMS) + r")指标|" + "|".join(_LEVEL_WORDS) + r")$")


def _join(parts: list[str]) -> str:
    """Cell text wrapped over lines joins without a separator (Chinese wraps mid-word)."""
    return "".join(p.strip() for p in parts if p.strip())


class _Cols:
    """What a header cell names: 一级 / 二级 / 三级指标, 指标值, 依据, 完成值, 分值, 得分 …"""

    @staticmethod
    def role(h: str) -> str | None:
        h = squash(h)
        if not h:
            return None
        if h.startswith("一级"):
            return "l1"
        if h.startswith("二级"):
            return "l2"
        if h.startswith("三级"):
            return "name"
        if "偏差" in h or "原因" in h:
            return "deviation"
        if "依据" in h:
            return "basis"
        if "完成" in h and "值" in h:
            return "actual"
        if "得分" in h:
            return "score"
        if "分值" in h or "权重" in h:
            return "weight"
        if "赋分" in h or "规则" in h:
            return "rule"
        if "佐证" in h or "资料" in h:
            return "evidence"
        if "指标值" in h:
            return "target"
        return None


# ---------------------------------------------------------------- cells shape

def _cells(line: Line) -> list[str]:
    return [norm(c) for c in (line.cells or [])]


def _first(cells: list[str]) -> tuple[int, str]:
    for i, c in enumerate(cells):
        if c:
            return i, c
    return -1, ""


def _after(cells: list[str], i: int) -> str | None:
    return next((c for c in cells[i + 1:] if c), None)


_UNIT_LABELS = re.compile(r"^(部门名称|主管部门|预算单位|单位名称|实施单位)")


def _dept_from_cells(cells: list[str], fi: int) -> str | None:
    """The value after the label; when it is itself a label (a template left unfilled:
    '主管部门 | 主管部门'), the 实施单位 value on the same row."""
    vals = [c for c in cells[fi + 1:] if c]
    for k, v in enumerate(vals):
        if not _UNIT_LABELS.match(v):
            return v
    return None


def _is_num(c: str | None) -> bool:
    return bool(c) and _number(c) is not None


def _parse_cells(src: SourceDoc, start: int, end: int, table: PerformanceTable) -> None:
    cols: dict[str, int] | None = None
    fund_cols: dict[int, str] | None = None
    goal_next = False
    l1 = l2 = None
    last: Indicator | None = None
    for i in range(start + 1, end):
        line = src.lines[i]
        if not line.cells:
            continue
        cells = _cells(line)
        fi, first = _first(cells)
        if fi < 0:
            continue
        if goal_next:
            table.goal, goal_next = first, False
            continue
        if _PROJECT_LABEL.match(first) and table.project is None:
            table.project = _after(cells, fi) or _PROJECT_LABEL.sub("", first) or None
            continue
        m = _DEPT_LABEL.match(first)
        if m and cols is None:
            table.department = table.department or _dept_from_cells(cells, fi) or first[m.end():] or None
            continue
        if any(c in ("年初预算数", "全年预算数", "全年执行数") for c in cells):
            fund_cols = {k: c for k, c in enumerate(cells) if c and k > fi and c not in ("资金来源",)}
            continue
        if _GOAL_LABEL.match(squash(first)):
            rest = [c for c in cells[fi + 1:] if c and not re.match(r"^(预期目标|实际完成|年度目标)", c)]
            if rest:
                table.goal = rest[0]
            else:
                goal_next = True
            continue
        roles = [_Cols.role(c) for c in cells]
        if "name" in roles and "target" in roles:
            cols = {}
            for k, r in enumerate(roles):
                if r and r not in cols:
                    cols[r] = k
            fund_cols = None
            continue
        if _TOTAL_LABEL.match(first):
            nums = [c for c in cells[fi + 1:] if _is_num(c)]
            if len(nums) >= 2 or (nums and "分" in nums[-1]):
                table.total_score = _number(nums[-1])
            continue
        if fund_cols is not None and cols is None:
            name_i = fi
            if any(_is_num(cells[k]) for k in fund_cols if k < len(cells)):
                values = {h: _number(cells[k]) if k < len(cells) else None for k, h in fund_cols.items()}
                table.funds.append(FundRow(name=re.sub(r"[（(]万元[)）]", "", cells[name_i]), values=values,
                                           loc=line.loc))
            continue
        if cols is None:
            continue
        ind = _cells_indicator(cells, cols, line, l1, l2)
        if ind is None:
            if last is not None and not any(_is_num(c) for c in cells):
                extra = " ".join(c for c in cells if c)
                last.deviation = (last.deviation or "") + extra
            continue
        l1, l2 = ind.level1, ind.level2
        table.indicators.append(ind)
        last = ind


_SHIFTS = (0, -1, -2, 1, -3, 2)


def _cells_indicator(cells: list[str], cols: dict[str, int], line: Line, l1: str | None,
                     l2: str | None) -> Indicator | None:
    """One indicator row; None for a continuation row (text only in the last columns)."""
    filled = [k for k, c in enumerate(cells) if c]
    tail_start = cols.get("deviation", cols.get("score", cols.get("weight", len(cells))))
    if len(filled) == 1 and filled[0] >= tail_start - 1 and not _is_num(cells[filled[0]]):
        return None

    def at(role: str, d: int) -> str:
        k = cols.get(role)
        return cells[k + d] if k is not None and 0 <= k + d < len(cells) else ""

    shift = None
    for d in _SHIFTS:
        if "weight" in cols and not _BARE_NUM.match(at("weight", d).replace(" ", "")):
            continue
        if "score" in cols and not _is_num(at("score", d)):
            continue
        shift = d
        break
    if shift is None:
        shift = next((d for d in _SHIFTS if "weight" in cols and _is_num(at("weight", d))), 0)
    t_i = cols.get("target", 3) + shift
    front = [c for c in cells[:max(t_i, 0)] if c]
    if not front:
        return None
    name = front[-1]
    labels = [c for c in front[:-1] if _LABEL_RE.match(squash(c)) or len(front) > 1]
    if len(labels) >= 2:
        l1, l2 = labels[-2], labels[-1]
    elif len(labels) == 1:
        l2 = labels[0]
    target = at("target", shift) or None
    op, val, unit = parse_target(target)
    actual = at("actual", shift) or None
    last_col = max(cols.get("score", -1), cols.get("weight", -1)) + shift
    dev_parts = [c for c in cells[last_col + 1:] if c] if last_col >= 0 else []
    if "deviation" not in cols:
        dev_parts = []
    return Indicator(level1=l1, level2=l2, name=name, target_raw=target, operator=op, target_value=val,
                     target_unit=unit, actual_raw=actual, actual_value=parse_target(actual)[1],
                     weight=_number(at("weight", shift)), score=_number(at("score", shift)) if "score" in cols else None,
                     basis=at("basis", shift) or None, deviation=" ".join(dev_parts) or None, loc=line.loc)


# ---------------------------------------------------------------- text shape

@dataclass
class _Item:
    text: str
    idxs: list[int]


_HEADER_WORDS = ("一级指标 二级指标 三级指标 指标值 年度指标值 预期指标值 指标值设置依据 指标设定依据 上年完成值 "
                 "实际完成值 实际完成指标值 指标分值权重 分值 得分 指标赋分规则 佐证资料 偏差原因分析及改进措施 备注")
_HEADER_CHARS = set(_HEADER_WORDS.replace(" ", "")) | set("（）()、")


def _items(src: SourceDoc, start: int, end: int) -> list[_Item]:
    """Non-empty lines, normalised, with a lone '>' / '<' rejoined to the '=95%' below it."""
    out: list[_Item] = []
    for i in range(start, end):
        t = norm(src.lines[i].text).replace("＝", "=")
        if not t:
            continue
        if out and re.search(r"(?:^|\s)[<>]$", out[-1].text) and t.startswith("="):
            out[-1] = _Item(out[-1].text + t, out[-1].idxs + [i])
            continue
        out.append(_Item(t, [i]))
    return out


def _header_span(items: list[_Item]) -> tuple[int, int] | None:
    """[start, end) of the indicator header: from the line starting '一级' through the lines
    made only of header words."""
    for k, it in enumerate(items):
        if squash(it.text).startswith("一级"):
            e = k + 1
            while e < len(items) and set(squash(items[e].text)) <= _HEADER_CHARS:
                e += 1
            return k, e
    return None


def _roles_from_header(text: str) -> list[str]:
    """Column roles after 指标值, in header order."""
    t = squash(text)
    found = []
    for role, pat in (("basis", r"依据"), ("actual", r"完成指?标?值|上年完成"), ("weight", r"分值|权重"),
                      ("score", r"得分"), ("rule", r"赋分规|规则"), ("evidence", r"佐证"), ("deviation", r"偏差")):
        m = re.search(pat, t)
        if m:
            found.append((m.start(), role))
    return [r for _, r in sorted(found)]


_FUND_HEAD = re.compile(r"^(年度预算|项目资金|部门资金|资金来源)")


def _text_meta(items: list[_Item], table: PerformanceTable, src: SourceDoc, head: int) -> None:
    """Department, project, funds and goal from the lines before the indicator header."""
    goal: list[str] = []
    fund: list[_Item] = []
    fund_header: list[str] | None = None
    mode = ""
    skip = 0
    for k in range(1, head):
        if skip:
            skip -= 1
            continue
        it = items[k]
        t = it.text
        if m := _DEPT_LABEL.match(t):
            table.department = table.department or _PROJECT_END.sub("", t[m.end():]).strip() or None
            mode = ""
            continue
        if _PROJECT_LABEL.match(t):
            # the name may wrap over the next lines, up to the '项目负责人' / '实施单位' cell
            parts = [_PROJECT_LABEL.sub("", t)]
            j = k + 1
            while not _PROJECT_END.search(parts[-1]) and j < min(head, k + 4) \
                    and not _FUND_HEAD.match(squash(items[j].text)) and not _DEPT_LABEL.match(items[j].text):
                parts.append(items[j].text)
                j += 1
            if _PROJECT_END.search(parts[-1]):
                skip = j - k - 1
            else:
                parts = parts[:1]
            table.project = _PROJECT_END.sub("", _join(parts)).strip() or None
            mode = ""
            continue
        sq = squash(t)
        if not _GOAL_LABEL.match(sq) and k + 1 < head and len(sq) <= 5 and \
                _GOAL_LABEL.match(sq + squash(items[k + 1].text)):       # '项目总体目' / '标'
            sq += squash(items[k + 1].text)
            skip = 1
        if _GOAL_LABEL.match(sq):
            mode = "goal"
            rest = _GOAL_LABEL.sub("", sq)
            if rest:
                goal.append(rest)
            continue
        if _FUND_HEAD.match(squash(t)):
            mode = "fund"
        if any(h in t for h in ("年初预算数", "全年预算数")):
            fund_header = [w for w in t.split() if "数" in w or w in ("分值", "执行率", "得分")]
        if mode == "goal":
            goal.append(t)
        elif mode == "fund":
            fund.append(it)
    table.goal = _join(goal) or None
    table.funds = _text_funds(fund, src, fund_header)


_FUND_NOISE = re.compile(r"[（(]万元?[)）]?|万元[)）]|资金来源|资金总额|项目资金|部门资金|年度预算(?!总额)")


def _text_funds(items: list[_Item], src: SourceDoc, header: list[str] | None) -> list[FundRow]:
    """'上级安排 0.00', '年度预算总额 60.00', '其中：财政拨 / 款 / 0.00 其他资金 60.00': a label
    (possibly wrapped) followed by its amount(s)."""
    out: list[FundRow] = []
    label: list[str] = []
    for it in items:
        t = it.text
        pos = 0
        for m in re.finditer(rf"(-?(?:{_NUM_PAT}))(%|分)?(?=[^\d.,]|$)", t):
            before = t[pos:m.start()]
            pos = m.end()
            if before.strip() or not out or header is None:
                label.append(before)
                words = [w for w in _FUND_NOISE.sub(" ", _join(label) if len(label) > 1 else label[0]).split() if w]
                label = []
                if not words:
                    continue
                name = words[-1].rstrip(":：")
                if name == "其他" and len(words) > 1 and words[-2].endswith("资金"):
                    name = words[-2]
                key = header[0] if header else "年度预算"
                out.append(FundRow(name=name, values={key: _number(m.group(0))}, loc=src.lines[it.idxs[0]].loc))
            else:                   # a further column of the same row (自评: 全年预算数, 全年执行数 …)
                row = out[-1]
                k = len(row.values)
                if header and k < len(header):
                    row.values[header[k]] = _number(m.group(0))
        rest = t[pos:].strip()
        if rest:
            label.append(rest)
    return out


def _split_label_prefix(words: list[str]) -> tuple[list[str], list[str]]:
    labels = []
    while words and _LABEL_RE.match(words[0]):
        labels.append(words.pop(0))
    return labels, words


def _find_labels(items: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) runs: wrapped fragments ('满意 / 度指 / 标') joined into one label."""
    out = []
    k = 0
    while k < len(items):
        hit = None
        for m in range(1, 5):
            if k + m > len(items):
                break
            parts = items[k:k + m]
            if m > 1 and any(len(p) > 4 for p in parts):
                break
            joined = "".join(parts)
            if len(joined) <= 10 and _LABEL_RE.match(joined):
                hit = (k, k + m, joined)
                break
        if hit:
            out.append(hit)
            k = hit[1]
        else:
            k += 1
    return out


@dataclass
class _Row:
    anchor: int                     # item index
    prefix: str                     # text before the target on the anchor line
    target: str | None
    tail_tokens: list[str]
    extra_items: list[int] = field(default_factory=list)   # items after the anchor read into this row


def _tail(tokens: list[str], roles: list[str]) -> tuple[str | None, str | None, float | None, float | None, list[str], bool]:
    """(basis, actual, weight, score, rest, found) from the tokens after the 指标值: the basis
    is the text before the first run of values holding the 分值 (a bare number <= 100, and
    the 得分 after it when the table has one); the values before the 分值 are the 完成值."""
    need = 2 if "score" in roles else 1
    k = 0
    while k < len(tokens):
        if not _VALUE_TOKEN.match(tokens[k]):
            k += 1
            continue
        s = k
        while k < len(tokens) and (_VALUE_TOKEN.match(tokens[k]) or (k > s and _UNIT_TOKEN.match(tokens[k])
                                                                       and not tokens[k].endswith("分"))):
            k += 1
        run = tokens[s:k]
        bare = [j for j, tok in enumerate(run) if _BARE_NUM.match(tok) and float(tok) <= 100]
        if len(bare) < need:
            continue
        w_i = bare[-2] if need == 2 else bare[-1]
        actual = " ".join(run[:w_i]) or None
        if actual and actual.strip("-—/－ ") == "":
            actual = None
        score = float(run[bare[-1]]) if need == 2 else None
        return (" ".join(tokens[:s]) or None, actual, float(run[w_i]), score,
                run[w_i + 1:] + tokens[k:] if need == 1 else tokens[k:], True)
    return " ".join(tokens) or None, None, None, None, [], False


_RULE_END = re.compile(r"(?:赋|得|计|扣)分$")


@dataclass
class _TextTable:
    items: list[_Item]
    span: tuple[int, int] | None
    roles: list[str]
    body: list[_Item]


def _prepare_text(src: SourceDoc, start: int, end: int) -> _TextTable:
    items = _items(src, start, end)
    span = _header_span(items)
    if span is None:
        return _TextTable(items, None, [], [])
    roles = _roles_from_header(" ".join(it.text for it in items[span[0]:span[1]]))
    return _TextTable(items, span, roles, items[span[1]:])


def _basis_candidates(tt: _TextTable) -> list[str]:
    """Words standing as a whole 指标值设置依据 cell right before a row's 完成值 / 分值
    ('计划标准 100% 10'): recurring ones mark rows whose 指标值 is text."""
    out = []
    for it in tt.body:
        t = it.text
        m = _OP_IN_TEXT.search(t)
        toks = (_target_at(t, m.start())[2] if m else t).split()
        if toks and not _VALUE_TOKEN.match(toks[0]) and len(toks[0]) >= 2 and not _LABEL_RE.match(toks[0]):
            basis, *_, found = _tail(toks, tt.roles)
            if found and basis == toks[0]:
                out.append(toks[0])
    return out


def _parse_text(src: SourceDoc, tt: _TextTable, table: PerformanceTable, vocab: set[str]) -> None:
    items, span, roles, body = tt.items, tt.span, tt.roles, tt.body
    if span is None:
        _text_meta(items, table, src, len(items))
        return
    _text_meta(items, table, src, span[0])
    after_weight = roles[roles.index("weight") + 1:] if "weight" in roles else []
    body = _merge_basis_lines(body, vocab)
    texts = [it.text for it in body]

    l1 = l2 = None
    k = 0
    pending: list[int] = []         # item indexes since the previous row
    state = {"rule": "rule" not in after_weight, "evidence": "evidence" not in after_weight}
    total_re = _TOTAL_LABEL
    while k < len(body):
        t = texts[k]
        if total_re.match(t):
            nums = re.findall(_NUM_PAT, t)
            if nums:
                table.total_score = float(nums[-1].replace(",", ""))
            k += 1
            continue
        m = _OP_IN_TEXT.search(t)
        anchor_pos = None
        if m:
            anchor_pos = m.start()
            prefix = t[:anchor_pos].strip()
            target, unit_used, rest = _target_at(t, anchor_pos)
        else:
            toks = t.split()
            hit = next((j for j, w in enumerate(toks) if w in vocab and (j or len(toks) == 1 or _tail(toks[j:], roles)[5])), None)
            if hit is None:
                pending.append(k)
                k += 1
                continue
            prefix = ""
            target = " ".join(toks[:hit]) or None
            if hit >= 2:                    # '培训对象农业技术水平 逐步提高 计划标准 - 20'
                (prefix,), target = _split_text_target([target], None)
            rest = " ".join(toks[hit:])
            unit_used = False
        # unit on the next line ('＜=40' / '万元')
        consumed = [k]
        if m and not rest and k + 1 < len(body) and _UNIT_TOKEN.match(texts[k + 1]) \
                and not _LABEL_RE.match(texts[k + 1]) and texts[k + 1] not in vocab \
                and (not unit_used or len(texts[k + 1]) <= 2):
            target += (" " if not unit_used else "") + texts[k + 1]
            consumed.append(k + 1)
            if texts[k + 1][0] in "（(" and k + 2 < len(body) and texts[k + 2] in (")", "）"):
                target += texts[k + 2]
                consumed.append(k + 2)
        # what stands between the previous row and this anchor
        pend_texts = [texts[j] for j in pending]
        lead = 0
        if not state["rule"] and pending:
            acc = ""
            for j in range(min(3, len(pending))):
                acc += pend_texts[j]
                if _RULE_END.search(acc) or re.search(r"(?:赋|得|计|扣)分\s+\S", acc):
                    lead = j + 1
                    state["rule"] = True
                    if re.search(r"分\s+\S+$", acc):
                        state["evidence"] = True
                    break
        if state["rule"] and not state["evidence"] and lead < len(pending):
            cand = pend_texts[lead]
            room = len(pending) - lead - 1 > 0 or prefix
            if room and len(cand) <= 8 and not _LABEL_RE.match(cand) and not _OP_IN_TEXT.search(cand):
                lead += 1
                # evidence wrapped in its narrow cell ('工作资' / '料')
                if lead < len(pending) and len(pend_texts[lead]) <= (3 if re.search(r"[,，、/]", cand) else 2) and (len(pending) - lead - 1 > 0 or prefix) \
                        and not any(a == 0 for a, _, _ in _find_labels(pend_texts[lead:lead + 4])):
                    lead += 1
        rest_items = pend_texts[lead:]
        labels = _find_labels(rest_items)
        name_start = labels[-1][1] if labels else 0
        if labels:
            g = len(labels) - 1
            while g > 0 and labels[g - 1][1] == labels[g][0]:
                g -= 1
            group = [lab for _, _, lab in labels[g:]]
        else:
            group = []
        name_parts = rest_items[name_start:]
        pw = prefix.split()
        pre_labels, pw = _split_label_prefix(pw) if not name_parts else ([], pw)
        group += pre_labels
        if m is None:
            name_parts, target = _split_text_target(name_parts, target)
        name = _join(name_parts + [" ".join(pw)])
        if len(group) >= 2:
            l1, l2 = group[-2], group[-1]
        elif len(group) == 1:
            if group[0] in _LEVEL_WORDS or group[0] in ("产出指标", "效益指标", "成本指标"):
                l1, l2 = group[0], None
            else:
                l2 = group[0]
        # the row's remaining columns, possibly on the following lines
        stream = rest.split()
        basis, actual, weight, score, after, found = _tail(stream, roles)
        nxt = consumed[-1] + 1
        while not found and nxt < len(body) and nxt - k < 15:
            t2 = texts[nxt]
            if _OP_IN_TEXT.search(t2) or _find_labels([t2]) or total_re.match(t2):
                break
            if any(w in vocab for w in t2.split()) and any(w in vocab for w in stream):
                break
            toks2 = t2.split()
            if not stream and m and len(toks2) > 1 and _UNIT_NEXT.match(toks2[0]) and toks2[0] not in vocab:
                target += (" " if target[-1].isdigit() else "") + toks2.pop(0)    # '<=5000' / '元/人 计划标准'
            stream += toks2
            consumed.append(nxt)
            basis, actual, weight, score, after, found = _tail(stream, roles)
            nxt += 1
            # a value run cut by a line break ('27.81' / '万元' / '10') goes on
            while found and all(_UNIT_TOKEN.match(a) for a in after) and nxt < len(body) and nxt - k < 15:
                t3 = texts[nxt].split()
                if not (_UNIT_TOKEN.match(t3[0]) or _BARE_NUM.match(t3[0])) or _find_labels([t3[0]]):
                    break
                longer = _tail(stream + t3, roles)
                if not longer[5]:
                    break
                stream += t3
                consumed.append(nxt)
                basis, actual, weight, score, after, found = longer
                nxt += 1
        if not found:
            # no weight found: keep only the anchor (and its unit) in this row
            consumed = consumed[:1] + [c for c in consumed[1:3] if c <= k + 2 and
                                       (_UNIT_TOKEN.match(texts[c]) or texts[c] in ")）")]
            basis, actual, weight, score, after, found = _tail(rest.split(), roles)
        if "actual" in roles and actual is None and basis and len(basis.split()) > 1 and basis.split()[0] in vocab:
            basis, actual = basis.split()[0], " ".join(basis.split()[1:])
        basis_parts = [basis] if basis else []
        state = {"rule": "rule" not in after_weight, "evidence": "evidence" not in after_weight}
        if after and not state["rule"]:
            joined = " ".join(after)
            if _RULE_END.search(after[0]) or re.search(r"(?:赋|得|计|扣)分", joined):
                state["rule"] = True
                rule_tok = next(j for j, w in enumerate(after) if re.search(r"(?:赋|得|计|扣)分", w))
                if len(after) > rule_tok + 1:
                    state["evidence"] = True
        dev = None
        if "deviation" in after_weight and after:
            dev = " ".join(after)
        if leftover := [pend_texts[j] for j in range(lead, lead + labels[g][0])] if labels else []:
            if table.indicators and leftover:
                prev = table.indicators[-1]
                prev.basis = _join([prev.basis or "", *leftover]) or None
        op, val, unit = parse_target(target)
        if name or target:
            table.indicators.append(Indicator(
                level1=l1, level2=l2, name=name or "", target_raw=target, operator=op, target_value=val,
                target_unit=unit, actual_raw=actual, actual_value=parse_target(actual)[1], weight=weight,
                score=score, basis=_join(basis_parts) or None, deviation=dev,
                loc=src.lines[body[k].idxs[0]].loc))
        pending = []
        k = max(consumed) + 1


_DATE_IN = re.compile(r"\d{4}\s*年")
_UNIT_NEXT = re.compile(r"^[\u4e00-\u9fff%/]{1,4}$")


def _split_text_target(parts: list[str], target: str | None) -> tuple[list[str], str | None]:
    """A text 指标值 ('有效提高', '2025 年 11 月前') cut off the end of the name cell's lines:
    from the first token starting with a digit or the last token of a spaced line, else
    the last short (<= 4 chars) or date-led lines."""
    if target or not parts:
        return parts, target
    parts = list(parts)
    for back in (1, 2):                     # a date target: from the date on
        if len(parts) < back:
            break
        d = _DATE_IN.search(parts[-back])
        if d and (d.start() > 0 or len(parts) > back):
            head = parts[-back][:d.start()].strip()
            return parts[:-back] + ([head] if head else []), _join([parts[-back][d.start():], *parts[len(parts) - back + 1:]])
    toks = parts[-1].split()
    if len(toks) >= 2:
        return parts[:-1] + [" ".join(toks[:-1])], toks[-1]
    tgt: list[str] = []
    while len(parts) > 1 and len(tgt) < 2 and len(parts[-1]) <= 4:
        tgt.insert(0, parts.pop())
    return parts, _join(tgt) or None


def _merge_basis_lines(body: list[_Item], vocab: set[str]) -> list[_Item]:
    """A basis word wrapped in its narrow cell ('计划' / '标准') is rejoined, and joined to
    the values line after it ('计划标准' + '- 10 直接赋分') so the row reads as one."""
    out: list[_Item] = []
    for it in body:
        if out and squash(out[-1].text) + squash(it.text) in vocab and len(it.text) <= 4:
            out[-1] = _Item(squash(out[-1].text) + squash(it.text), out[-1].idxs + it.idxs)
            continue
        first = it.text.split()[0]
        if out and out[-1].text in vocab and (_VALUE_TOKEN.match(first) or _BARE_NUM.match(first)):
            out[-1] = _Item(out[-1].text + " " + it.text, out[-1].idxs + it.idxs)
            continue
        out.append(it)
    return out


def _target_at(t: str, pos: int) -> tuple[str, bool, str]:
    """The target starting at `pos` ('>=20 项 计划标准 10' -> ('>=20 项', True, '计划标准 10'));
    the bool says whether a unit was found on this line."""
    m = re.match(rf"({_OP_PAT})\s*(-?(?:{_NUM_PAT}))((?::\s*\d+)?[^\s\d]{{0,6}})", t[pos:])
    if not m:
        return t[pos:].strip(), True, ""
    target = m.group(0)
    rest = t[pos + m.end():].strip()
    unit = m.group(3)
    if unit:
        return target, True, rest
    toks = rest.split()
    if toks and _UNIT_TOKEN.match(toks[0]) and not toks[0].endswith("分"):
        return f"{target} {toks[0]}", True, " ".join(toks[1:])
    return target, False, rest


# ---------------------------------------------------------------- entry point

def parse_performance(src: SourceDoc) -> tuple[list[PerformanceTable], set[int]]:
    """Return the performance tables and the indexes (into src.lines) of the lines they consumed."""
    tables: list[PerformanceTable] = []
    used: set[int] = set()
    regions = find_regions(src.lines)
    prepared: dict[int, _TextTable] = {}
    counts: dict[str, int] = {}
    for start, end, _ in regions:
        if sum(1 for i in range(start, end) if src.lines[i].cells) < 3:
            prepared[start] = tt = _prepare_text(src, start, end)
            for w in _basis_candidates(tt):
                counts[w] = counts.get(w, 0) + 1
    vocab = {w for w, n in counts.items() if n >= 2}
    for start, end, title in regions:
        table = PerformanceTable(kind=_kind(title), loc=src.lines[start].loc)
        if start in prepared:
            _parse_text(src, prepared[start], table, vocab)
        else:
            _parse_cells(src, start, end, table)
        tables.append(table)
        used.update(range(start, end))
    return tables, used
