#!/usr/bin/env python
"""check.py — verify heldout11.jsonl and the three invented documents.

Reads only evals/heldout11/, samples/ and evals/gold/seeds/.

  python check.py             check the records and the documents
  python check.py --selftest  also confirm that planted mutations are rejected

Record checks: ids unique; all fields present; type valid; doc/docs name real
documents; value a number or null and with a unit when set; every `note`
starts with `操作: <op>`; every evidence string occurs, with all whitespace
removed, inside ONE line of the named document's text (texts as stored; PDFs
as pdfplumber extract_text() page by page joined by newlines; an xlsx row as
its cells, as displayed, joined by tabs); for doc null every listed doc is
backed by an evidence string; unanswerables carry no value and no evidence;
calcs evaluate to value within max(0.005, 0.05 %); every calc operand is a
figure of the evidence; list answers carry items and pass the 80 % rule;
yes_no answers open with 是 or 否; an answer states its value; a looked-up
value is a figure of its evidence.

Document checks: the identities of the three invented documents (parent =
Σ children for 类/款/项 and 类/款 codes, 合计 = 基本 + 项目, 人员 + 公用 = 基本,
三公 sums, 收入总计 = 支出总计, the same figure in different tables, prose
figures and percentages against the tables) are re-derived from the
documents' text.  Exactly one inconsistency must be found: the planted one.
"""
import copy
import itertools
import json
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = os.path.abspath(os.path.join(HERE, "..", ".."))
SAMPLES = os.path.join(MAIN, "samples")
SEEDS = os.path.join(MAIN, "evals", "gold", "seeds")
DOCS = os.path.join(HERE, "docs")
JSONL = os.path.join(HERE, "heldout11.jsonl")

A = "tj-lgq-swj-2025-bmys.txt"
B = "fj-lfx-jkzx-2024-dwjs.xlsx"
C = "hlj-nqs-fgw-2025-bmys.txt"
PLANTED = (C, "第十五个五年规划纲要编制经费", "85.00", "58.00")   # doc, key word, prose figure, table figure

TYPES = {"table_lookup", "text_lookup", "arithmetic", "list", "yes_no", "unanswerable"}
OPS = {"lookup", "sum", "difference", "share", "growth", "per-unit", "rank", "filter", "list", "yes/no", "check"}
FIELDS = ["id", "doc", "question", "type", "answer", "value", "unit", "evidence", "calc", "note"]

D = Decimal
NUM = r"(-?\d[\d,]*\.\d{2})"
PCT = r"(-?\d+\.\d{2})"


def dec(s):
    if s is None:
        return None
    s = str(s).replace(",", "").strip()
    if s in ("", "—", "-"):
        return None
    return D(s)


def nz(x):
    return x if x is not None else D(0)


def nows(s):
    return re.sub(r"\s+", "", s)


# =========================================================================== loading
_cache = {}


def doc_path(name):
    for base in (DOCS, SAMPLES, SEEDS):
        p = os.path.join(base, name)
        if os.path.exists(p):
            return p
    return None


def xlsx_rows(path):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append(["" if v is None else str(v) for v in row])
        out[ws.title] = rows
    return out


def doc_lines(name):
    """The document's text as lines (see module doc)."""
    if name in _cache:
        return _cache[name]
    p = doc_path(name)
    if p is None:
        return None
    if p.endswith(".pdf"):
        import pdfplumber
        with pdfplumber.open(p) as pdf:
            text = "\n".join((pg.extract_text() or "") for pg in pdf.pages)
        lines = text.split("\n")
    elif p.endswith(".xlsx"):
        lines = ["\t".join(r) for rows in xlsx_rows(p).values() for r in rows]
    else:
        with open(p, encoding="utf-8") as f:
            lines = f.read().split("\n")
    _cache[name] = lines
    return lines


# =========================================================================== record checks
def figures(s):
    out = []
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", s):
        t = m.group(0).rstrip(",").replace(",", "")
        try:
            out.append(D(t))
        except Exception:
            pass
    return out


def tol(v):
    return max(D("0.005"), abs(D(str(v))) * D("0.0005"))


def safe_eval(expr):
    if not re.fullmatch(r"[\d\s.+\-*/()]+", expr):
        raise ValueError("calc has characters other than numbers and + - * / ( )")
    return eval(expr, {"__builtins__": {}}, {})


def norm_text(s):
    return re.sub(r"[\s，。、；：:,.;（）()“”\"'·\-—]", "", s)


def value_forms(v):
    v = D(str(v))
    forms = {f"{v:.2f}", f"{v:.1f}", format(v.normalize(), "f")}
    if v == v.to_integral():
        forms.add(str(int(v)))
    return forms


def check_records(recs, lines_of=doc_lines):
    errs = []
    ids = set()
    for r in recs:
        rid = r.get("id", "?")
        e = lambda msg: errs.append(f"{rid}: {msg}")
        if rid in ids:
            e("duplicate id")
        ids.add(rid)
        for f in FIELDS:
            if f not in r:
                e(f"missing field {f}")
        if r.get("type") not in TYPES:
            e(f"bad type {r.get('type')}")
        note = r.get("note") or ""
        m = re.match(r"操作: ([a-z/\-]+)", note)
        if not m or m.group(1) not in OPS:
            e("note does not start with '操作: <op>'")
        v = r.get("value")
        if v is not None and not isinstance(v, (int, float)):
            e("value not a number")
        if v is not None and not r.get("unit"):
            e("value without unit")
        ev = r.get("evidence") or []
        typ = r.get("type")
        # documents
        if r.get("doc") is None:
            if "docs" not in r:
                e("doc null without docs")
                continue
            names = r["docs"]
        else:
            names = [r["doc"]]
        texts = {}
        for n in names:
            ls = lines_of(n)
            if ls is None:
                e(f"unknown document {n}")
            else:
                texts[n] = [nows(x) for x in ls]
        # evidence in one line
        backed = set()
        for s in ev:
            k = nows(s)
            hit = [n for n, ls in texts.items() if any(k in x for x in ls)]
            if not hit:
                e(f"evidence not within one line: {s[:40]}")
            backed.update(hit)
        if r.get("doc") is None and typ != "unanswerable":
            for n in names:
                if n not in backed:
                    e(f"listed doc {n} not backed by evidence")
        if typ == "unanswerable":
            if v is not None or ev:
                e("unanswerable carries value or evidence")
            continue
        if not ev:
            e("answerable record without evidence")
        evfigs = [f for s in ev for f in figures(s)]
        if typ == "arithmetic":
            calc = r.get("calc")
            if not calc:
                e("arithmetic without calc")
            else:
                try:
                    got = D(str(safe_eval(calc)))
                    if v is None or abs(got - D(str(v))) > tol(v):
                        e(f"calc {calc} = {got:.4f} != value {v}")
                except Exception as ex:
                    e(f"calc error {ex}")
                for op in re.findall(r"\d+(?:\.\d+)?", calc):
                    dv = D(op)
                    if dv in (D(100), D(10000)):
                        continue
                    if not any(dv == f for f in evfigs):
                        e(f"calc operand {op} is not a figure of the evidence")
        elif v is not None:
            dv = D(str(v))
            ok = any(f == dv or f == dv * 10000 or abs(f / 10000 - dv) <= D("0.005") for f in evfigs)
            if not ok:
                e(f"looked-up value {v} is not a figure of its evidence")
        if v is not None:
            ans = (r.get("answer") or "").replace(",", "")
            if not any(fm in ans for fm in value_forms(v)):
                e(f"answer does not state the value {v}")
        if typ == "list":
            items = r.get("items")
            if not items:
                e("list without items")
            else:
                a = norm_text(r.get("answer") or "")
                hit = sum(1 for it in items if norm_text(it) in a)
                if hit < 0.8 * len(items):
                    e(f"list answer has only {hit}/{len(items)} items")
        if typ == "yes_no" and not (r.get("answer") or "").startswith(("是", "否")):
            e("yes_no answer does not open with 是 or 否")
    return errs


# =========================================================================== identity helpers
class Findings(list):
    """inconsistencies found; `seen` counts prose statements matched per document"""
    def __init__(self):
        super().__init__()
        self.seen = {}

    def add(self, doc, msg):
        self.append((doc, msg))

    def saw(self, doc, k=1):
        self.seen[doc] = self.seen.get(doc, 0) + k


def eq(a, b):
    return a is not None and b is not None and a == b


def close(a, b, t=D("0.01")):
    return a is not None and b is not None and abs(D(a) - D(b)) <= t


def pct(n, d):
    return (D(n) * 100 / D(d)).quantize(D("0.01"), ROUND_HALF_UP)


def wan(x):  # 元 -> 万元 rounded
    return (D(x) / 10000).quantize(D("0.01"), ROUND_HALF_UP)


def tree_check(F, doc, tab, rows, ncols, lens=(3, 5, 7), total=None):
    """rows: {code: [v0..v_{n-1}]} (None = blank).  parent = Σ children per column;
    total = Σ top level per column."""
    for code in rows:
        if len(code) == lens[-1]:
            continue
        nxt = lens[lens.index(len(code)) + 1]
        kids = [k for k in rows if len(k) == nxt and k.startswith(code)]
        if not kids:
            continue
        for j in range(ncols):
            s = sum(nz(rows[k][j]) for k in kids)
            if s != nz(rows[code][j]):
                F.add(doc, f"{tab}: {code} 第{j + 1}列 {rows[code][j]} ≠ 下级之和 {s}")
    if total is not None:
        top = [k for k in rows if len(k) == lens[0]]
        for j in range(ncols):
            s = sum(nz(rows[k][j]) for k in top)
            if s != nz(total[j]):
                F.add(doc, f"{tab}: 合计第{j + 1}列 {total[j]} ≠ 各类之和 {s}")


def solve_columns(rows, total, ncols, lens=(3, 5, 7)):
    """Family A drops blank cells.  rows: {code: [comp numbers in column order]}.
    Is there an order-preserving assignment of every row's numbers to the ncols
    component columns such that parent = Σ children and total = Σ classes in
    every column?  Returns (ok, assignment)."""
    def cands(nums):
        out = []
        for cols in itertools.combinations(range(ncols), len(nums)):
            v = [D(0)] * ncols
            for c_, x in zip(cols, nums):
                v[c_] = x
            out.append(tuple(v))
        return out
    C_ = {k: cands(v) for k, v in rows.items()}
    kids = {}
    for k in rows:
        if len(k) > lens[0]:
            p = k[:lens[lens.index(len(k)) - 1]]
            kids.setdefault(p, []).append(k)
    top = [k for k in rows if len(k) == lens[0]]
    memo = {}
    chosen = {}

    def feasible(code, vec):
        key = (code, vec)
        if key in memo:
            return memo[key]
        ks = kids.get(code)
        res = True if not ks else group(ks, vec)
        memo[key] = res
        return res

    def group(ks, target):
        def dfs(i, acc):
            if i == len(ks):
                return acc == target
            for v in C_[ks[i]]:
                nacc = tuple(a + b for a, b in zip(acc, v))
                if any(x > t for x, t in zip(nacc, target)):
                    continue
                if not feasible(ks[i], v):
                    continue
                if dfs(i + 1, nacc):
                    chosen[ks[i]] = v
                    return True
            return False
        return dfs(0, tuple([D(0)] * ncols))

    for tv in cands(total):
        if group(top, tv):
            return True, chosen
    return False, None


# =========================================================================== family A
A_TABLES = {
    "2025年部门收支总表": ("pairs", ["收入", "支出", "项目", "预算数", "项目", "预算数"]),
    "2025年部门收入总表": ("coded", ["科目编码", "科目名称", "合计", "上年结转", "一般公共预算拨款", "政府性基金预算拨款",
                              "国有资本经营预算拨款", "财政专户管理资金", "事业收入", "事业单位经营收入", "其他收入"]),
    "2025年部门支出总表": ("coded", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]),
    "2025年财政拨款收支总表": ("pairs", ["收入", "支出", "项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算",
                                "国有资本经营预算"]),
    "2025年一般公共预算支出表": ("inline", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]),
    "2025年一般公共预算基本支出表": ("coded", ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]),
    "2025年一般公共预算“三公”经费支出表": ("labelled", ["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "小计",
                                        "公务用车购置费", "公务用车运行费", "公务接待费"]),
    "2025年政府性基金预算支出表": ("coded", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]),
    "2025年国有资本经营预算支出表": ("coded", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]),
}
A_PROJECTS = {"水利工程运行维护经费": "2130306", "污水处理设施运营经费": "2121401", "防汛抗旱专项经费": "2130314",
              "河湖长制工作经费": "2130304", "农村坑塘水系治理经费": "2130399", "节水型社会建设经费": "2130311",
              "机关综合业务经费": "2130302"}
ISNUM = re.compile(r"^-?\d{1,3}(,\d{3})*\.\d{2}$")
ISCODE = re.compile(r"^\d{3}(\d{2}){0,2}$")


def parse_a(text):
    lines = [l for l in text.split("\n") if not re.fullmatch(r"— \d+ —", l)]
    secs, cur = {}, None
    prose_start = None
    for i, l in enumerate(lines):
        if l in A_TABLES:
            cur = l
            secs[cur] = []
            continue
        if l.startswith("第三部分") and cur is not None:
            prose_start = i
            cur = None
            continue
        if cur is not None:
            secs[cur].append(l)
    tabs = {}
    for title, body in secs.items():
        kind, head = A_TABLES[title]
        toks = [l for l in body if not l.startswith("部门：") and l != "单位：万元"]
        clean, i = [], 0
        while i < len(toks):
            if toks[i:i + len(head)] == head:
                i += len(head)
                continue
            clean.append(toks[i])
            i += 1
        tabs[title] = (kind, clean)
    prose = "".join(lines[prose_start:]) if prose_start is not None else ""
    return tabs, prose


def a_coded(tokens):
    """-> total numbers, {code: (name, numbers)} in order"""
    total, rows, cur = None, {}, None
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "合计":
            cur = "TOTAL"
            total = []
            i += 1
        elif ISCODE.match(t):
            cur = t
            rows[t] = [tokens[i + 1], []]
            i += 2
        elif ISNUM.match(t):
            (total if cur == "TOTAL" else rows[cur][1]).append(dec(t))
            i += 1
        else:
            i += 1
    return total, rows


def a_inline(tokens):
    total, rows, cur = None, {}, None
    for t in tokens:
        m = re.match(r"^(\d{3}(?:\d{2}){0,2}) (.+)$", t)
        if t == "合计":
            cur = "TOTAL"
        elif m and not re.fullmatch(r"[\d,. ]+", t):
            cur = m.group(1)
            rows[cur] = [m.group(2), []]
        elif re.fullmatch(r"-?[\d,]+\.\d{2}( -?[\d,]+\.\d{2})*", t):
            nums = [dec(x) for x in t.split()]
            if cur == "TOTAL":
                total = nums
            else:
                rows[cur][1] = nums
    return total, rows


def a_pairs(tokens):
    items = []
    for t in tokens:
        if ISNUM.match(t):
            if items:
                items[-1][1].append(dec(t))
        else:
            items.append([t, []])
    return items


def check_row_sums(F, doc, tab, total, rows):
    for code, (name, nums) in [("合计", ("合计", total))] + list(rows.items()):
        if nums and len(nums) > 1 and nums[0] != sum(nums[1:]):
            F.add(doc, f"{tab}: {code} 合计 {nums[0]} ≠ 各列之和 {sum(nums[1:])}")


def check_a(text, F=None):
    F = F if F is not None else Findings()
    doc = A
    tabs, prose = parse_a(text)
    got = {}
    for title, (kind, toks) in tabs.items():
        if kind in ("coded", "inline"):
            total, rows = (a_coded if kind == "coded" else a_inline)(toks)
            got[title] = (total, rows)
            if title.endswith("国有资本经营预算支出表"):
                if rows or (total and any(total)):
                    F.add(doc, f"{title}: 空表却有数字")
                continue
            check_row_sums(F, doc, title, total, rows)
            ncols = len(A_TABLES[title][1]) - 3
            lens = (3, 5) if "基本支出表" in title else (3, 5, 7)
            # 合计 column: exact tree
            tree_check(F, doc, title + "（合计列）", {k: [v[1][0]] for k, v in rows.items()}, 1, lens,
                       total=[total[0]])
            ok, _ = solve_columns({k: v[1][1:] for k, v in rows.items()}, total[1:], ncols, lens)
            if not ok:
                F.add(doc, f"{title}: 各列无法按上下级和合计平衡")
        elif kind == "pairs":
            got[title] = a_pairs(toks)
        elif kind == "labelled":
            rows = {}
            for lab, nums in zip(toks[0::2], toks[1::2]):
                rows[lab] = [dec(x) for x in nums.split()]
            got[title] = rows
    # ---- 收支总表
    items = got["2025年部门收支总表"]
    it = {lab: (nums[0] if nums else None) for lab, nums in items}
    inc = [nums[0] for lab, nums in items if re.match(r"^[一二三四五六七八九]、", lab) and "收入" in lab and nums]
    exp = [nums[0] for lab, nums in items if re.match(r"^[一二三四五六七八九十]+、.*支出$", lab) and nums]
    if sum(inc) != it["本年收入合计"]:
        F.add(doc, f"收支总表: 收入各项之和 {sum(inc)} ≠ 本年收入合计 {it['本年收入合计']}")
    if it["本年收入合计"] + nz(it["上年结转结余"]) != it["收入总计"]:
        F.add(doc, "收支总表: 本年收入合计＋上年结转结余 ≠ 收入总计")
    if sum(exp) != it["本年支出合计"]:
        F.add(doc, f"收支总表: 支出各类之和 {sum(exp)} ≠ 本年支出合计")
    if it["本年支出合计"] + nz(it.get("年末结转结余")) != it["支出总计"] or it["收入总计"] != it["支出总计"]:
        F.add(doc, "收支总表: 收入总计 ≠ 支出总计")
    inc_tot, inc_rows = got["2025年部门收入总表"]
    exp_tot, exp_rows = got["2025年部门支出总表"]
    gp_tot, gp_rows = got["2025年一般公共预算支出表"]
    jb_tot, jb_rows = got["2025年一般公共预算基本支出表"]
    gf_tot, gf_rows = got["2025年政府性基金预算支出表"]
    if not (inc_tot[0] == exp_tot[0] == it["收入总计"]):
        F.add(doc, "收入总表/支出总表合计与收支总表不一致")
    for lab, nums in items:
        m = re.match(r"^[一二三四五六七八九十]+、(.*支出)$", lab)
        if m and nums:
            k = [c_ for c_, v in exp_rows.items() if len(c_) == 3 and v[0] == m.group(1)]
            if not k or exp_rows[k[0]][1][0] != nums[0]:
                F.add(doc, f"收支总表 {lab} {nums[0]} 与支出总表不一致")
    # ---- 财政拨款收支总表
    fitems = got["2025年财政拨款收支总表"]
    fl = {}
    group = None
    for lab, nums in fitems:
        if lab.startswith("一、本年收入"):
            group = "本年"
        elif lab.startswith("二、上年结转"):
            group = "结转"
        fl.setdefault((group, lab), nums[0] if nums else D(0))
    bn = fl[("本年", "一、本年收入")]
    subs = sum(v for (g, lab), v in fl.items() if g == "本年" and lab.startswith("（"))
    if bn != subs:
        F.add(doc, "财政拨款收支总表: 本年收入 ≠ 各项之和")
    fexp = [(lab, nums) for lab, nums in fitems if re.match(r"^[一二三四五六七八九十]+、.*支出$", lab) and nums]
    for lab, nums in fexp:
        if nums[0] != sum(nums[1:]):
            F.add(doc, f"财政拨款收支总表 {lab} 合计 ≠ 各列之和")
    ftotal = [nums for lab, nums in fitems if lab == "支出总计"][0]
    fin_in = [nums for lab, nums in fitems if lab == "收入总计"][0][0]
    if sum(n[0] for _, n in fexp) != ftotal[0] or ftotal[0] != sum(ftotal[1:]) or fin_in != ftotal[0]:
        F.add(doc, "财政拨款收支总表: 支出总计不平衡")
    ok, _ = solve_columns({str(i + 100): n[1:] for i, (_, n) in enumerate(fexp)}, ftotal[1:], 3, lens=(3,))
    if not ok:
        F.add(doc, "财政拨款收支总表: 各列无法平衡")
    gp_in = it["一、一般公共预算拨款收入"]
    if not (gp_tot[0] == gp_in == fl[("本年", "（一）一般公共预算拨款")]):
        F.add(doc, "一般公共预算支出表合计与一般公共预算拨款收入不一致")
    if gf_tot[0] != it["二、政府性基金预算拨款收入"]:
        F.add(doc, "政府性基金预算支出表合计与收入不一致")
    if not (jb_tot[0] == exp_tot[1] == gp_tot[1]):
        F.add(doc, "基本支出表合计与支出总表/一般公共预算支出表的基本支出不一致")
    sg = got["2025年一般公共预算“三公”经费支出表"]
    for lab, v in sg.items():
        if v[0] != v[1] + v[2] + v[5] or v[2] != v[3] + v[4]:
            F.add(doc, f"三公表 {lab} 不平衡")
    s25, s24 = sg["2025年预算数"], sg["2024年预算数"]
    if s25[5] != jb_rows["30217"][1][0] or s25[4] != jb_rows["30231"][1][0]:
        F.add(doc, "三公表与基本支出表的公务接待费/公务用车运行维护费不一致")

    # ---- prose
    P = prose
    def srch(pat, text, flags=0):
        m_ = re.search(pat, text, flags)
        F.saw(doc, 1 if m_ else 0)
        return m_


    def one(pat, want, what):
        m = srch(pat, P)
        F.saw(doc, 1 if m else 0)
        if not m:
            F.add(doc, f"说明: 找不到 {what}")
            return None
        if dec(m.group(1)) != want:
            F.add(doc, f"说明: {what} {m.group(1)} 与表 {want} 不符")
        return m

    one(r"收入预算" + NUM + "万元", it["收入总计"], "收入预算")
    one(r"一般公共预算拨款收入" + NUM + "万元", gp_in, "一般公共预算拨款收入")
    one(r"政府性基金预算拨款收入" + NUM + "万元", it["二、政府性基金预算拨款收入"], "政府性基金预算拨款收入")
    one(r"其他收入" + NUM + "万元", it["九、其他收入"], "其他收入")
    one(r"上年结转结余" + NUM + "万元", it["上年结转结余"], "上年结转结余")
    m = srch(r"支出预算" + NUM + r"万元，其中：基本支出" + NUM + r"万元，占" + PCT + r"%；项目支出" + NUM
                  + r"万元，占" + PCT + "%", P)
    if not m or [dec(m.group(i)) for i in (1, 2, 4)] != exp_tot[:3] or \
            not close(dec(m.group(3)), pct(exp_tot[1], exp_tot[0])) or not close(dec(m.group(5)), pct(exp_tot[2], exp_tot[0])):
        F.add(doc, "说明: 支出预算/基本支出/项目支出或占比与支出总表不符")
    for pat, base in [(r"收支预算总额比2024年(增加|减少)" + NUM + r"万元，(增长|下降)" + PCT, exp_tot[0]),
                      (r"其中基本支出比2024年(增加|减少)" + NUM + r"万元，(增长|下降)" + PCT, exp_tot[1]),
                      (r"项目支出比2024年(增加|减少)" + NUM + r"万元，(增长|下降)" + PCT, exp_tot[2])]:
        m = srch(pat, P)
        if not m:
            F.add(doc, f"说明: 找不到增减句 {pat[:12]}")
            continue
        d_ = dec(m.group(2)) * (1 if m.group(1) == "增加" else -1)
        if not close(dec(m.group(4)), pct(abs(d_), base - d_)):
            F.add(doc, f"说明: 增幅 {m.group(4)}% 与增减额不符")
    # every 'X万元，比2024年增加D万元，增长G%' is internally consistent
    for m in re.finditer(NUM + r"万元，比2024年(增加|减少)" + NUM + r"万元，(增长|下降)" + PCT + "%", P):
        F.saw(doc)
        x, d_ = dec(m.group(1)), dec(m.group(3)) * (1 if m.group(2) == "增加" else -1)
        if not close(dec(m.group(5)), pct(abs(d_), x - d_)):
            F.add(doc, f"说明: {m.group(0)[:30]} 增幅不符")
    one(r"一般公共预算拨款支出预算" + NUM + "万元", gp_tot[0], "一般公共预算拨款支出预算")
    m = srch(r"其中：基本支出" + NUM + r"万元，项目支出" + NUM + r"万元。主要支出科目", P)
    if not m or dec(m.group(1)) != gp_tot[1] or dec(m.group(2)) != gp_tot[2]:
        F.add(doc, "说明: 一般公共预算基本/项目支出与表不符")
    for m in re.finditer(r"水利（款）(.+?)（项）" + NUM + "万元", P):
        F.saw(doc)
        k = [c_ for c_, v in gp_rows.items() if v[0] == m.group(1) and c_.startswith("213")]
        if not k or gp_rows[k[0]][1][0] != dec(m.group(2)):
            F.add(doc, f"说明: {m.group(1)} {m.group(2)} 与一般公共预算支出表不符")
    for m in re.finditer(r"(社会保障和就业支出|卫生健康支出|住房保障支出)（类）" + NUM + "万元", P):
        F.saw(doc)
        k = [c_ for c_, v in gp_rows.items() if v[0] == m.group(1)]
        if not k or gp_rows[k[0]][1][0] != dec(m.group(2)):
            F.add(doc, f"说明: {m.group(1)} 与表不符")
    m = srch(r"一般公共预算基本支出" + NUM + r"万元，其中：人员经费" + NUM + r"万元.*?公用经费" + NUM + "万元", P)
    if not m or [dec(m.group(i)) for i in (1, 2, 3)] != jb_tot[:3]:
        F.add(doc, "说明: 人员经费/公用经费与基本支出表不符")
    one(r"政府性基金预算拨款支出预算" + NUM + "万元", gf_tot[0], "政府性基金预算拨款支出")
    one(r"“三公”经费预算" + NUM + "万元", s25[0], "三公经费")
    m = srch(r"“三公”经费预算" + NUM + r"万元，比2024年增加" + NUM, P)
    if not m or dec(m.group(2)) != s25[0] - s24[0]:
        F.add(doc, "说明: 三公增加额与三公表不符")
    one(r"因公出国（境）费" + NUM + "万元", s25[1], "因公出国（境）费")
    for nm, j in [("公务用车购置费", 3), ("公务用车运行费", 4), ("公务接待费", 5)]:
        m = srch(nm + NUM + r"万元，比2024年(增加|减少)" + NUM, P)
        if not m or dec(m.group(1)) != s25[j] or \
                dec(m.group(3)) * (1 if m.group(2) == "增加" else -1) != s25[j] - s24[j]:
            F.add(doc, f"说明: {nm} 与三公表不符")
    m = srch(r"机关运行经费预算" + NUM, P)
    if not m or dec(m.group(1)) > jb_tot[2]:
        F.add(doc, "说明: 机关运行经费大于公用经费")
    for m in re.finditer(r"（[一二三四五六七]）(.+?)。预算安排" + NUM + "万元", P):
        F.saw(doc)
        code = A_PROJECTS.get(m.group(1))
        if code is None or exp_rows[code][1][0] != dec(m.group(2)):
            F.add(doc, f"说明: 项目 {m.group(1)} {m.group(2)} 与支出总表不符")
    m = srch(r"实行绩效目标管理的项目(\d+)个，涉及预算金额" + NUM, P)
    projs = re.findall(r"（[一二三四五六七]）.+?。预算安排" + NUM + "万元", P)
    if not m or dec(m.group(2)) != exp_tot[2] or sum(dec(x) for x in projs) != exp_tot[2] or int(m.group(1)) != len(projs):
        F.add(doc, "说明: 绩效项目金额合计与项目支出不符")
    m = srch(r"政府采购预算" + NUM + r"万元，其中：政府采购货物预算" + NUM + r"万元、政府采购工程预算" + NUM
                  + r"万元、政府采购服务预算" + NUM, P)
    if not m or dec(m.group(1)) != sum(dec(m.group(i)) for i in (2, 3, 4)):
        F.add(doc, "说明: 政府采购分项之和不符")
    check_counts(F, doc, P)
    return F


def check_counts(F, doc, P):
    m = re.search(r"共有车辆(\d+)辆，其中：(.+?)；", P)
    if m and int(m.group(1)) != sum(int(x) for x in re.findall(r"(\d+)辆", m.group(2))):
        F.add(doc, "说明: 车辆分类之和不符")
    m = re.search(r"离退休人员(\d+)人，其中离休(\d+)人、退休(\d+)人", P)
    if m and int(m.group(1)) != int(m.group(2)) + int(m.group(3)):
        F.add(doc, "说明: 离退休人数不符")
    m = re.search(r"编制(\d+)名，其中行政编制(\d+)名、事业编制(\d+)名", P)
    if m and int(m.group(1)) != int(m.group(2)) + int(m.group(3)):
        F.add(doc, "说明: 编制数不符")


# =========================================================================== family B
def b_fn_sheet(rows):
    """rows of 附表2/3/5 -> (colnames, total, {code: (name, [values])})"""
    h1, h2 = rows[3], rows[4]
    cols = [(h2[j] or h1[j]) for j in range(2, len(h1))]
    total, data = None, {}
    for r in rows[6:]:
        if r[0].startswith("注"):
            break
        if not any(r):
            continue
        vals = [dec(x) for x in r[2:]]
        if r[1] == "合计":
            total = vals
        else:
            data[r[0]] = (r[1], vals)
    return cols, total, data


def b_two_side(rows, start, lcols, rcols):
    left, right = [], []
    for r in rows[start:]:
        if r[0].startswith("注"):
            break
        if r[lcols[0]]:
            left.append((r[lcols[0]], r[lcols[1]], [dec(r[j]) for j in lcols[2:]]))
        if len(r) > rcols[0] and r[rcols[0]]:
            right.append((r[rcols[0]], r[rcols[1]], [dec(r[j]) for j in rcols[2:]]))
    return left, right


def check_b(sheets, F=None):
    F = F if F is not None else Findings()
    doc = B
    # 附表1
    left, right = b_two_side(sheets["附表1"], 6, [0, 1, 2], [3, 4, 5])
    L = {a: v[0] for a, _, v in left}
    R1 = {a: v[0] for a, _, v in right}
    incs = [v[0] for a, _, v in left if re.match(r"^[一二三四五六七八]、", a)]
    if sum(nz(x) for x in incs) != L["本年收入合计"]:
        F.add(doc, "附表1: 收入各项之和 ≠ 本年收入合计")
    if L["本年收入合计"] + nz(L["使用非财政拨款结余"]) + nz(L["年初结转和结余"]) != L["总计"]:
        F.add(doc, "附表1: 左侧总计不平衡")
    classes = [(a, v[0]) for a, _, v in right if re.match(r"^[一二三四五六七八九十]+、", a)]
    if sum(nz(x) for _, x in classes) != R1["本年支出合计"]:
        F.add(doc, "附表1: 支出各类之和 ≠ 本年支出合计")
    tot_r = [v[0] for a, _, v in right if a == "总计"][0]
    if R1["本年支出合计"] + nz(R1["结余分配"]) + nz(R1["年末结转和结余"]) != tot_r or tot_r != L["总计"]:
        F.add(doc, "附表1: 收入总计 ≠ 支出总计")
    hang = [h for _, h, _ in left + right if h not in ("", None)]
    if len(hang) != len(set(hang)):
        F.add(doc, "附表1: 行次重复")
    # 附表2/3/5
    fn = {}
    for name in ("附表2", "附表3", "附表5"):
        cols, total, data = b_fn_sheet(sheets[name])
        fn[name] = (cols, total, data)
        n = len(cols)
        for code, (nm, vals) in [("合计", ("合计", total))] + list(data.items()):
            if vals[0] is not None and nz(vals[0]) != sum(nz(x) for x in vals[1:]):
                F.add(doc, f"{name}: {code} 合计 ≠ 各列之和")
        tree_check(F, doc, name, {k: v[1] for k, v in data.items()}, n, total=total)
    c2, t2, d2 = fn["附表2"]
    c3, t3, d3 = fn["附表3"]
    c5, t5, d5 = fn["附表5"]
    col = lambda cols, nm: cols.index(nm)
    if t2[0] != L["本年收入合计"] or t2[col(c2, "财政拨款收入")] != L["一、一般公共预算财政拨款收入"] or \
            nz(t2[col(c2, "事业收入")]) != nz(L["五、事业收入"]) or nz(t2[col(c2, "其他收入")]) != nz(L["八、其他收入"]):
        F.add(doc, "附表1与附表2收入不一致")
    if t3[0] != R1["本年支出合计"]:
        F.add(doc, "附表1与附表3支出不一致")
    for a, x in classes:
        if x is None:
            continue
        k = [c_ for c_, v in d3.items() if len(c_) == 3 and a.endswith(v[0])]
        if not k or d3[k[0]][1][0] != x:
            F.add(doc, f"附表1 {a} 与附表3不一致")
    # 附表4
    l4, r4 = b_two_side(sheets["附表4"], 6, [0, 1, 2], [3, 4, 5, 6, 7, 8])
    L4 = {a: v[0] for a, _, v in l4}
    inc4 = [v[0] for a, _, v in l4 if re.match(r"^[一二三]、", a)]
    if sum(nz(x) for x in inc4) != L4["本年收入合计"] or L4["本年收入合计"] != L["一、一般公共预算财政拨款收入"]:
        F.add(doc, "附表4: 本年收入合计不平衡或与附表1不一致")
    jz = L4["年初财政拨款结转和结余"]
    if jz != nz(L4["一般公共预算财政拨款"]) + nz(L4["政府性基金预算财政拨款"]) + nz(L4["国有资本经营预算财政拨款"]):
        F.add(doc, "附表4: 年初结转分项不平衡")
    if L4["本年收入合计"] + jz != L4["总计"]:
        F.add(doc, "附表4: 收入总计不平衡")
    rc = [(a, v) for a, _, v in r4 if re.match(r"^[一二三四五六七八九十]+、", a) and v[0] is not None]
    R4 = {a: v for a, _, v in r4}
    for a, v in rc + [(k, R4[k]) for k in ("本年支出合计", "年末财政拨款结转和结余", "总计")]:
        if v[0] != sum(nz(x) for x in v[1:]):
            F.add(doc, f"附表4: {a} 合计 ≠ 各列之和")
    for j in range(4):
        if sum(nz(v[j]) for _, v in rc) != nz(R4["本年支出合计"][j]):
            F.add(doc, f"附表4: 支出第{j + 1}列各类之和 ≠ 本年支出合计")
        if nz(R4["本年支出合计"][j]) + nz(R4["年末财政拨款结转和结余"][j]) != nz(R4["总计"][j]):
            F.add(doc, "附表4: 支出总计不平衡")
    if R4["总计"][0] != L4["总计"]:
        F.add(doc, "附表4: 收入总计 ≠ 支出总计")
    if R4["本年支出合计"][1] != t5[0]:
        F.add(doc, "附表4与附表5一般公共预算支出不一致")
    for a, v in rc:
        k = [c_ for c_, x in d5.items() if len(c_) == 3 and a.endswith(x[0])]
        if not k or d5[k[0]][1][0] != v[1]:
            F.add(doc, f"附表4 {a} 与附表5不一致")
    # 附表6
    rows6 = sheets["附表6"]
    pl, gl = {}, {}
    ptot = gtot = None
    for r in rows6[5:]:
        if r[0].startswith("注"):
            break
        if r[0] == "人员经费合计":
            ptot, gtot = dec(r[2]), dec(r[5])
            continue
        if r[0]:
            pl[r[0]] = [dec(r[2])]
        if len(r) > 3 and r[3]:
            gl[r[3]] = [dec(r[5])]
    tree_check(F, doc, "附表6人员经费", pl, 1, (3, 5), total=[ptot])
    tree_check(F, doc, "附表6公用经费", gl, 1, (3, 5), total=[gtot])
    if ptot + gtot != t5[1]:
        F.add(doc, "附表6人员经费＋公用经费 ≠ 附表5基本支出")
    # 附表7
    v7 = [dec(x) for x in sheets["附表7"][6][:12]]
    for h in (v7[:6], v7[6:]):
        if h[0] != h[1] + h[2] + h[5] or h[2] != h[3] + h[4]:
            F.add(doc, "附表7: 三公不平衡")
    if v7[10] != gl.get("30231", [None])[0] or v7[11] != gl.get("30217", [None])[0]:
        F.add(doc, "附表7与附表6的公务用车运行维护费/公务接待费不一致")
    for name in ("附表8", "附表9"):
        for r in sheets[name][5:]:
            if any(ISNUM.match(x) for x in r):
                F.add(doc, f"{name}: 空表却有数字")
    # ---- 说明 (万元)
    P = "\n".join(r[0] for r in sheets["说明"])
    def srch(pat, text, flags=0):
        m_ = re.search(pat, text, flags)
        F.saw(doc, 1 if m_ else 0)
        return m_


    def one(pat, want, what, flags=0):
        ms = list(re.finditer(pat, P, flags))
        F.saw(doc, len(ms))
        if not ms:
            F.add(doc, f"说明: 找不到 {what}")
        for m in ms:
            if dec(m.group(1)) != want:
                F.add(doc, f"说明: {what} {m.group(1)} 与表 {want} 不符")

    one(r"(?<!财政拨款)收入总计" + NUM + "万元", wan(L["总计"]), "收入总计")
    one(r"本年收入合计" + NUM + "万元", wan(L["本年收入合计"]), "本年收入合计")
    one(r"，年初结转和结余" + NUM + "万元", wan(L["年初结转和结余"]), "年初结转和结余")
    one(r"(?<!财政拨款)支出总计" + NUM + "万元", wan(tot_r), "支出总计")
    one(r"本年支出合计" + NUM + "万元", wan(R1["本年支出合计"]), "本年支出合计")
    one(r"，年末结转和结余" + NUM + "万元", wan(R1["年末结转和结余"]), "年末结转和结余")
    for nm, key in [("财政拨款收入", "一、一般公共预算财政拨款收入"), ("事业收入", "五、事业收入"), ("其他收入", "八、其他收入")]:
        m = srch(r"：?" + nm + NUM + r"万元，占" + PCT + "%", P)
        if not m or dec(m.group(1)) != wan(L[key]) or not close(dec(m.group(2)), pct(L[key], L["本年收入合计"])):
            F.add(doc, f"说明: {nm} 或其占比与附表1不符")
    m = srch(r"基本支出" + NUM + r"万元，占" + PCT + r"%；项目支出" + NUM + r"万元，占" + PCT, P)
    if not m or dec(m.group(1)) != wan(t3[1]) or dec(m.group(3)) != wan(t3[2]) or \
            not close(dec(m.group(2)), pct(t3[1], t3[0])) or not close(dec(m.group(4)), pct(t3[2], t3[0])):
        F.add(doc, "说明: 基本/项目支出或占比与附表3不符")
    one(r"财政拨款收入总计" + NUM, wan(L4["总计"]), "财政拨款收入总计")
    one(r"财政拨款支出总计" + NUM, wan(R4["总计"][0]), "财政拨款支出总计")
    one(r"年初财政拨款结转和结余" + NUM, wan(jz), "年初财政拨款结转和结余")
    one(r"本年财政拨款支出" + NUM, wan(R4["本年支出合计"][0]), "本年财政拨款支出")
    one(r"年末财政拨款结转和结余" + NUM, wan(R4["年末财政拨款结转和结余"][0]), "年末财政拨款结转和结余")
    one(r"本年一般公共预算财政拨款收入" + NUM, wan(L4["本年收入合计"]), "本年一般公共预算财政拨款收入")
    m = srch(r"一般公共预算财政拨款支出" + NUM + r"万元，占本年支出合计的" + PCT, P)
    if not m or dec(m.group(1)) != wan(t5[0]) or not close(dec(m.group(2)), pct(t5[0], t3[0])):
        F.add(doc, "说明: 一般公共预算财政拨款支出或占比不符")
    for m in re.finditer(r"([^：；（）]+?)（类）" + NUM + r"万元，占" + PCT, P):
        F.saw(doc)
        k = [c_ for c_, v in d5.items() if len(c_) == 3 and v[0] == m.group(1)]
        if not k or dec(m.group(2)) != wan(d5[k[0]][1][0]) or not close(dec(m.group(3)), pct(d5[k[0]][1][0], t5[0])):
            F.add(doc, f"说明: {m.group(1)}（类）与附表5不符")
    budgets = []
    for m in re.finditer(r"（款）([^（）]+)（项）。年初预算为" + NUM + r"万元，支出决算为" + NUM + r"万元，完成年初预算的" + PCT, P):
        F.saw(doc)
        k = [c_ for c_, v in d5.items() if len(c_) == 7 and v[0] == m.group(1)]
        b_ = dec(m.group(2))
        budgets.append(b_)
        if not k or dec(m.group(3)) != wan(d5[k[0]][1][0]) or \
                not close(dec(m.group(4)), pct(d5[k[0]][1][0], b_ * 10000)):
            F.add(doc, f"说明: {m.group(1)}（项）决算或完成率与附表5不符")
    m = srch(r"一般公共预算财政拨款支出年初预算为" + NUM + r"万元，支出决算为" + NUM + r"万元，完成年初预算的" + PCT, P)
    if not m or dec(m.group(1)) != sum(budgets) or dec(m.group(2)) != wan(t5[0]) or \
            not close(dec(m.group(3)), pct(t5[0], dec(m.group(1)) * 10000)):
        F.add(doc, "说明: 一般公共预算年初预算合计或完成率不符")
    m = srch(r"财政拨款基本支出" + NUM + r"万元，其中：人员经费" + NUM + r"万元.*?公用经费" + NUM, P)
    if not m or [dec(m.group(i)) for i in (1, 2, 3)] != [wan(ptot + gtot), wan(ptot), wan(gtot)]:
        F.add(doc, "说明: 人员经费/公用经费与附表6不符")
    bud, act = v7[:6], v7[6:]
    m = srch(r"“三公”经费财政拨款支出年初预算为" + NUM + r"万元，支出决算为" + NUM + r"万元，完成预算的" + PCT, P)
    if not m or dec(m.group(1)) != wan(bud[0]) or dec(m.group(2)) != wan(act[0]) or not close(dec(m.group(3)), pct(act[0], bud[0])):
        F.add(doc, "说明: 三公预算/决算/完成率与附表7不符")
    for nm, j in [("公务用车购置及运行维护费支出决算为", 2), ("公务接待费支出决算为", 5)]:
        m = srch(nm + NUM + r"万元，完成预算的" + PCT, P)
        if not m or dec(m.group(1)) != wan(act[j]) or not close(dec(m.group(2)), pct(act[j], bud[j])):
            F.add(doc, f"说明: {nm[:-3]} 与附表7不符")
    for nm, j in [("因公出国（境）费支出决算", 1), ("公务用车购置及运行维护费支出决算", 2), ("公务接待费支出决算", 5)]:
        m = srch(nm + NUM + r"万元，占" + PCT, P)
        if not m or dec(m.group(1)) != wan(act[j]) or not close(dec(m.group(2)), pct(act[j], act[0])):
            F.add(doc, f"说明: {nm} 占比与附表7不符")
    one(r"公务用车运行维护支出" + NUM, wan(act[4]), "公务用车运行维护支出")
    one(r"公务用车购置支出" + NUM, wan(act[3]), "公务用车购置支出")
    for pat, x in [(r"“三公”经费财政拨款支出决算数比2023年度(减少|增加)" + NUM + r"万元，(下降|增长)" + PCT, act[0]),
                   (r"公务用车购置及运行维护费支出决算(减少|增加)" + NUM + r"万元，(下降|增长)" + PCT, act[2]),
                   (r"公务接待费支出决算(减少|增加)" + NUM + r"万元，(下降|增长)" + PCT, act[5])]:
        m = srch(pat, P)
        if not m:
            F.add(doc, "说明: 找不到三公同比句")
            continue
        d_ = dec(m.group(2)) * (1 if m.group(1) == "增加" else -1)
        # D and X are rounded to 0.01 万元, so allow the rounding error of the ratio
        if not close(dec(m.group(4)), pct(abs(d_), wan(x) - d_), D("1.00") / (wan(x) - d_) + D("0.01")):
            F.add(doc, "说明: 三公同比增幅与增减额不符")
    m1 = srch(r"公务用车保有量为(\d+)辆", P)
    m2 = srch(r"共有车辆(\d+)辆", P)
    if not m1 or not m2 or m1.group(1) != m2.group(1):
        F.add(doc, "说明: 公务用车保有量与车辆数不一致")
    # 绩效
    perf_map = {"重大公共卫生服务项目": ("附表5", "2100409", 2), "基本公共卫生服务项目": ("附表5", "2100408", 2),
                "突发公共卫生事件应急处置项目": ("附表5", "2100410", 2), "检验检测设备运行维护项目": ("附表3", "2100401", 2)}
    pa = []
    for m in re.finditer(r"(?m)^\d\.([^：\n]+)：全年预算数" + NUM + r"万元，全年执行数" + NUM + r"万元，执行率" + PCT, P):
        F.saw(doc)
        sheet, code, j = perf_map.get(m.group(1), (None, None, None))
        pa.append((m.group(1), dec(m.group(2)), dec(m.group(3))))
        if sheet is None or dec(m.group(3)) != wan(fn[sheet][2][code][1][j]) or \
                not close(dec(m.group(4)), pct(dec(m.group(3)), dec(m.group(2)))):
            F.add(doc, f"说明: 绩效 {m.group(1)} 与表不符")
    m = srch(r"涉及全年预算数" + NUM + r"万元，全年执行数" + NUM, P)
    if not m or dec(m.group(1)) != sum(b_ for _, b_, _ in pa) or dec(m.group(2)) != sum(a_ for _, _, a_ in pa) \
            or dec(m.group(2)) != wan(t3[2]):
        F.add(doc, "说明: 绩效合计与项目支出不符")
    m = srch(r"未执行完毕的" + NUM, P)
    big = [x for x in pa if x[0] == "重大公共卫生服务项目"]
    if not m or not big or dec(m.group(1)) != big[0][1] - big[0][2] or dec(m.group(1)) != wan(R4["年末财政拨款结转和结余"][0]):
        F.add(doc, "说明: 未执行完毕金额与年末财政拨款结转不符")
    one(r"公用经费支出" + NUM, wan(gtot), "公用经费支出")
    m = srch(r"政府采购支出总额" + NUM + r"万元，其中：政府采购货物支出" + NUM + r"万元、政府采购工程支出" + NUM
                  + r"万元、政府采购服务支出" + NUM, P)
    if not m or dec(m.group(1)) != sum(dec(m.group(i)) for i in (2, 3, 4)):
        F.add(doc, "说明: 政府采购分项之和不符")
    else:
        for mm in re.finditer(r"合同金额" + NUM + r"万元，占政府采购支出总额的" + PCT, P):
            F.saw(doc)
            if not close(dec(mm.group(2)), pct(dec(mm.group(1)), dec(m.group(1)))):
                F.add(doc, "说明: 中小企业合同占比不符")
    m = srch(r"共有车辆(\d+)辆，其中：(.+?)。", P)
    if m and int(m.group(1)) != sum(int(x) for x in re.findall(r"(\d+)辆", m.group(2))):
        F.add(doc, "说明: 车辆分类之和不符")
    m = srch(r"实有人员(\d+)人，其中在职人员(\d+)人、退休人员(\d+)人", P)
    if not m or int(m.group(1)) != int(m.group(2)) + int(m.group(3)):
        F.add(doc, "说明: 人员数不符")
    return F


# =========================================================================== family C
AMOUNT_SKIP = {"科目编码", "经济科目编码", "科目名称", "经济科目名称", "项目名称", "收入项目", "支出项目", "项目"}


def c_tables(text):
    lines = text.split("\n")
    tabs = {}
    i = 0
    while i < len(lines):
        m = re.fullmatch(r"表(\d+)", lines[i])
        if m and i + 3 < len(lines) and lines[i + 3].startswith("┌"):
            no = int(m.group(1))
            j = i + 3
            block = []
            while not lines[j].startswith("└"):
                block.append(lines[j])
                j += 1
            tabs[no] = parse_box(block[1:])
            i = j
        i += 1
    return tabs


def cells(line):
    return line[1:-1].split("│")


def parse_box(block):
    k = next(i for i, l in enumerate(block) if l.startswith("├"))
    head = [cells(l) for l in block[:k]]
    ncol = len(head[0])
    names = ["".join(nows(h[j]) for h in head) for j in range(ncol)]
    for j in range(ncol):                      # make repeated header names unique: 预算数, 预算数2
        if names[j] in names[:j]:
            names[j] += str(names[:j].count(names[j]) + 1)
    body = block[k + 1:]
    sep_every = any(l.startswith("├") for l in body)
    groups = []
    if sep_every:
        cur = []
        for l in body:
            if l.startswith("├"):
                groups.append(cur)
                cur = []
            else:
                cur.append(cells(l))
        groups.append(cur)
        rows = []
        for g in groups:
            rows.append({names[j]: "".join(nows(x[j]) for x in g) for j in range(ncol)})
            rows[-1]["_indent"] = len(g[0][1]) - len(g[0][1].lstrip("　")) if ncol > 1 else 0
    else:
        rows = []
        amt = [j for j in range(ncol) if names[j] not in AMOUNT_SKIP]
        codecol = [j for j in range(ncol) if names[j] in ("科目编码", "经济科目编码")]
        for l in body:
            cs = cells(l)
            cont = rows and all(not nows(cs[j]) for j in amt) and all(not nows(cs[j]) for j in codecol)
            if cont:
                for j in range(ncol):
                    rows[-1][names[j]] += nows(cs[j])
            else:
                rows.append({names[j]: nows(cs[j]) for j in range(ncol)})
    return names, rows


def c_fn(tab, amtcols, codecol="科目编码", namecol="科目名称"):
    names, rows = tab
    total, data = None, {}
    for r in rows:
        vals = [dec(r[c_]) for c_ in amtcols]
        if r[namecol] == "合计" and not r[codecol]:
            total = vals
        else:
            data[r[codecol]] = (r[namecol], vals)
    return total, data


def check_c(text, F=None):
    F = F if F is not None else Findings()
    doc = C
    T = c_tables(text)
    # 表1
    names, rows = T[1]
    L = {r["收入项目"]: dec(r["预算数"]) for r in rows if r["收入项目"]}
    R = {r["支出项目"]: dec(r["预算数2"]) for r in rows if r["支出项目"]}
    cls = {k.split()[0] if " " in k else k[:3]: v for k, v in R.items() if re.match(r"^\d{3}", k)}
    if sum(nz(v) for k, v in L.items() if re.match(r"^[一二三四五]、", k)) != L["本年收入合计"]:
        F.add(doc, "表1: 收入各项之和 ≠ 本年收入合计")
    if L["本年收入合计"] + nz(L["上年结转结余"]) != L["收入总计"]:
        F.add(doc, "表1: 收入总计不平衡")
    if sum(nz(v) for v in cls.values()) != R["本年支出合计"] or R["本年支出合计"] + nz(R["年末结转结余"]) != R["支出总计"] \
            or R["支出总计"] != L["收入总计"]:
        F.add(doc, "表1: 支出总计不平衡")
    # 表2, 3, 5, 6
    t2, d2 = c_fn(T[2], ["合计", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "财政专户管理资金", "单位资金",
                         "上年结转结余"])
    t3, d3 = c_fn(T[3], ["合计", "基本支出", "项目支出"])
    t5, d5 = c_fn(T[5], ["合计", "基本支出", "项目支出"])
    t6, d6 = c_fn(T[6], ["合计", "人员经费", "公用经费"], "经济科目编码", "经济科目名称")
    for no, (tt, dd, lens) in {2: (t2, d2, (3, 5, 7)), 3: (t3, d3, (3, 5, 7)), 5: (t5, d5, (3, 5, 7)),
                               6: (t6, d6, (3, 5))}.items():
        for code, (nm, v) in [("合计", ("合计", tt))] + list(dd.items()):
            if nz(v[0]) != sum(nz(x) for x in v[1:]):
                F.add(doc, f"表{no}: {code} 合计 ≠ 各列之和")
        tree_check(F, doc, f"表{no}", {k: v[1] for k, v in dd.items()}, len(tt), lens, total=tt)
    for k, v in cls.items():
        if k not in d3 or d3[k][1][0] != v:
            F.add(doc, f"表1 {k} 与表3不一致")
    if t3[0] != R["支出总计"] or t2[0] != L["收入总计"] or t5[0] != L["一、一般公共预算拨款"] or t2[1] != t5[0] \
            or nz(t2[6]) != nz(L["上年结转结余"]):
        F.add(doc, "表1/表2/表3/表5 合计不一致")
    if not (t6[0] == t3[1] == t5[1]):
        F.add(doc, "表6合计与表3/表5基本支出不一致")
    # 表4
    names4, rows4 = T[4]
    group, Lf = None, {}
    for r in rows4:
        lab = r["收入项目"]
        if lab.startswith("一、"):
            group = "本年"
        elif lab.startswith("二、"):
            group = "结转"
        if lab:
            Lf[(group, lab)] = nz(dec(r["预算数"]))
    for g, head in (("本年", "一、本年收入"), ("结转", "二、上年结转")):
        if Lf[(g, head)] != sum(v for (gg, lab), v in Lf.items() if gg == g and lab.startswith("（")):
            F.add(doc, f"表4: {head} ≠ 各项之和")
    if Lf[("本年", "一、本年收入")] + Lf[("结转", "二、上年结转")] != Lf[("结转", "收入总计")]:
        F.add(doc, "表4: 收入总计不平衡")
    fund = ["一般公共预算", "政府性基金预算", "国有资本经营预算"]
    c4 = [r for r in rows4 if re.match(r"^\d{3}", r["支出项目"])]
    tot4 = [r for r in rows4 if r["支出项目"] == "支出总计"][0]
    for r in c4 + [tot4]:
        if nz(dec(r["合计"])) != sum(nz(dec(r[f])) for f in fund):
            F.add(doc, f"表4: {r['支出项目']} 合计 ≠ 各列之和")
        code = r["支出项目"][:3]
        if r is not tot4 and (code not in d3 or d3[code][1][0] != dec(r["合计"])):
            F.add(doc, f"表4 {code} 与表3不一致")
    for f in ["合计"] + fund:
        if sum(nz(dec(r[f])) for r in c4) != nz(dec(tot4[f])):
            F.add(doc, f"表4: {f}列各类之和 ≠ 支出总计")
    if dec(tot4["合计"]) != Lf[("结转", "收入总计")]:
        F.add(doc, "表4: 收入总计 ≠ 支出总计")
    # 表7
    names7, rows7 = T[7]
    s = {}
    for r in rows7:
        lab = r["项目"]
        key = "合计" if lab == "合计" else ("出国" if "出国" in lab else "接待" if "接待" in lab else
                                         "购置" if "购置费" in lab else "运行" if "运行费" in lab and "购置" not in lab else "用车")
        s[key] = r
        a, b_, d_ = dec(r["2024年预算数"]), dec(r["2025年预算数"]), dec(r["增减额"])
        if b_ - a != d_:
            F.add(doc, f"表7: {lab} 增减额不符")
        rate = r["增减率"]
        if (a == 0 and rate != "—") or (a != 0 and not close(dec(rate.rstrip("%")), pct(d_, a))):
            F.add(doc, f"表7: {lab} 增减率不符")
    for y in ("2024年预算数", "2025年预算数"):
        v = {k: dec(r[y]) for k, r in s.items()}
        if v["合计"] != v["出国"] + v["接待"] + v["用车"] or v["用车"] != v["购置"] + v["运行"]:
            F.add(doc, f"表7: {y} 三公不平衡")
    if dec(s["接待"]["2025年预算数"]) != d6["30217"][1][0] or dec(s["运行"]["2025年预算数"]) != d6["30231"][1][0]:
        F.add(doc, "表7与表6的公务接待费/公务用车运行维护费不一致")
    for no in (8, 9):
        for r in T[no][1]:
            if any(ISNUM.match(v) for k, v in r.items() if isinstance(v, str)):
                F.add(doc, f"表{no}: 空表却有数字")
    # 表10
    names10, rows10 = T[10]
    tot10 = [r for r in rows10 if r["项目名称"] == "合计"][0]
    pr = [r for r in rows10 if r["项目名称"] != "合计"]
    for f in ("合计", "一般公共预算拨款", "上年结转"):
        if sum(nz(dec(r[f])) for r in pr) != nz(dec(tot10[f])):
            F.add(doc, f"表10: {f}列之和 ≠ 合计")
    for r in pr:
        if dec(r["合计"]) != nz(dec(r["一般公共预算拨款"])) + nz(dec(r["上年结转"])):
            F.add(doc, f"表10: {r['项目名称']} 合计 ≠ 各列之和")
        if r["科目编码"] not in d3 or d3[r["科目编码"]][1][2] != dec(r["合计"]):
            F.add(doc, f"表10: {r['项目名称']} 与表3项目支出不一致")
    if dec(tot10["合计"]) != t3[2] or dec(tot10["一般公共预算拨款"]) != t5[2]:
        F.add(doc, "表10合计与表3/表5项目支出不一致")
    # ---- prose: one paragraph per line
    P = text[text.index("第三部分"):]
    def srch(pat, text, flags=0):
        m_ = re.search(pat, text, flags)
        F.saw(doc, 1 if m_ else 0)
        return m_


    def growth(pat, base, what):
        m = srch(pat, P)
        if not m:
            F.add(doc, f"说明: 找不到 {what}")
            return
        d_ = dec(m.group(2)) * (1 if m.group(1) == "增加" else -1)
        if not close(dec(m.group(4)), pct(abs(d_), base - d_)):
            F.add(doc, f"说明: {what} 增幅与增减额不符")

    m = srch(r"收入预算" + NUM + r"万元，其中：一般公共预算拨款" + NUM + r"万元，上年结转结余" + NUM, P)
    if not m or [dec(m.group(i)) for i in (1, 2, 3)] != [L["收入总计"], L["一、一般公共预算拨款"], L["上年结转结余"]]:
        F.add(doc, "说明: 收入预算与表1不符")
    m = srch(r"支出预算" + NUM + r"万元，其中：基本支出" + NUM + r"万元，占" + PCT + r"%；项目支出" + NUM + r"万元，占" + PCT, P)
    if not m or [dec(m.group(i)) for i in (1, 2, 4)] != t3 or not close(dec(m.group(3)), pct(t3[1], t3[0])) \
            or not close(dec(m.group(5)), pct(t3[2], t3[0])):
        F.add(doc, "说明: 支出预算/占比与表3不符")
    UP = r"比上年(增加|减少)" + NUM + r"万元，(增长|下降)" + PCT
    growth(r"收支预算总额" + UP, t3[0], "收支预算总额")
    growth(r"；基本支出" + UP, t3[1], "基本支出")
    growth(r"，项目支出" + UP, t3[2], "项目支出")
    growth(r"本年一般公共预算拨款支出[\d,.]+万元，" + UP, t5[0], "一般公共预算拨款支出")
    m = srch(r"财政拨款收支预算总额" + NUM + r"万元.*?本年一般公共预算拨款" + NUM + r"万元、上年一般公共预算拨款结转" + NUM, P)
    if not m or [dec(m.group(i)) for i in (1, 2, 3)] != [Lf[("结转", "收入总计")], Lf[("本年", "（一）一般公共预算拨款")],
                                                        Lf[("结转", "（一）一般公共预算拨款")]]:
        F.add(doc, "说明: 财政拨款收支与表4不符")
    m = srch(r"本年一般公共预算拨款支出" + NUM, P)
    if not m or dec(m.group(1)) != t5[0]:
        F.add(doc, "说明: 一般公共预算拨款支出与表5不符")
    for m in re.finditer(r"(一般公共服务支出|社会保障和就业支出|卫生健康支出|住房保障支出|粮油物资储备支出)" + NUM + r"万元，占" + PCT, P):
        F.saw(doc)
        k = [c_ for c_, v in d5.items() if len(c_) == 3 and v[0] == m.group(1)]
        if not k or d5[k[0]][1][0] != dec(m.group(2)) or not close(dec(m.group(3)), pct(dec(m.group(2)), t5[0])):
            F.add(doc, f"说明: {m.group(1)} 与表5不符")
    m = srch(r"一般公共预算基本支出" + NUM + r"万元，其中：人员经费" + NUM + r"万元.*?公用经费" + NUM, P)
    if not m or [dec(m.group(i)) for i in (1, 2, 3)] != t6:
        F.add(doc, "说明: 人员经费/公用经费与表6不符")
    m = srch(r"安排项目支出" + NUM + r"万元，共(\d+)个项目", P)
    if not m or dec(m.group(1)) != dec(tot10["合计"]) or int(m.group(2)) != len(pr):
        F.add(doc, "说明: 项目支出总额或个数与表10不符")
    for m in re.finditer(r"项目名称：(.+)\n(?:.*\n)*?预算安排规模：" + NUM + "万元", P):
        F.saw(doc)
        row = [r for r in pr if r["项目名称"] == m.group(1)]
        if not row:
            F.add(doc, f"说明: 表10无项目 {m.group(1)}")
        elif dec(row[0]["合计"]) != dec(m.group(2)):
            F.add(doc, f"说明: 项目「{m.group(1)}」预算安排规模 {m.group(2)} 万元与表10/表3的 {row[0]['合计']} 万元不符")
    m = srch(r"其中上年结转资金" + NUM, P)
    row = [r for r in pr if r["项目名称"] == "重大项目前期工作经费"]
    if not m or not row or dec(m.group(1)) != dec(row[0]["上年结转"]):
        F.add(doc, "说明: 上年结转资金与表10不符")
    for pat, key in [(r"“三公”经费预算" + NUM + "万元，", "合计"), (r"公务接待费" + NUM + "万元，", "接待"),
                     (r"公务用车购置及运行费" + NUM + "万元，", "用车"), (r"公务用车购置费" + NUM + "万元", "购置"),
                     (r"公务用车运行费" + NUM + "万元，", "运行"), (r"因公出国（境）费" + NUM + "万元", "出国")]:
        m = srch(pat, P)
        if not m or dec(m.group(1)) != dec(s[key]["2025年预算数"]):
            F.add(doc, f"说明: 三公 {key} 与表7不符")
        mm = srch(pat + UP + "%", P)
        if mm:
            d_ = dec(mm.group(3)) * (1 if mm.group(2) == "增加" else -1)
            if d_ != dec(s[key]["增减额"]) or not close(dec(mm.group(5)), abs(dec(s[key]["增减率"].rstrip("%")))):
                F.add(doc, f"说明: 三公 {key} 增减与表7不符")
    m = srch(r"机关运行经费预算" + NUM + r"万元，" + UP, P)
    if not m or dec(m.group(1)) > t6[2]:
        F.add(doc, "说明: 机关运行经费大于公用经费")
    else:
        d_ = dec(m.group(3)) * (1 if m.group(2) == "增加" else -1)
        if not close(dec(m.group(5)), pct(abs(d_), dec(m.group(1)) - d_)):
            F.add(doc, "说明: 机关运行经费增幅不符")
    m = srch(r"政府采购预算" + NUM + r"万元，其中：政府采购货物预算" + NUM + r"万元，政府采购工程预算" + NUM
                  + r"万元，政府采购服务预算" + NUM, P)
    if not m or dec(m.group(1)) != sum(dec(m.group(i)) for i in (2, 3, 4)):
        F.add(doc, "说明: 政府采购分项之和不符")
    m = srch(r"(\d+)个项目全部编制了绩效目标，涉及项目预算资金" + NUM, P)
    if not m or int(m.group(1)) != len(pr) or dec(m.group(2)) != dec(tot10["合计"]):
        F.add(doc, "说明: 绩效目标项目与表10不符")
    check_counts(F, doc, text)
    return F


# =========================================================================== driver
def load_invented():
    with open(os.path.join(DOCS, A), encoding="utf-8") as f:
        ta = f.read()
    with open(os.path.join(DOCS, C), encoding="utf-8") as f:
        tc = f.read()
    sb = xlsx_rows(os.path.join(DOCS, B))
    return ta, sb, tc


def identities(ta, sb, tc):
    F = Findings()
    for fun, arg in ((check_a, ta), (check_b, sb), (check_c, tc)):
        try:
            fun(arg, F)
        except Exception as ex:  # a document that cannot be parsed is a finding too
            F.add({check_a: A, check_b: B, check_c: C}[fun], f"解析失败: {type(ex).__name__}: {ex}")
    return F


def planted_only(F):
    return len(F) == 1 and F[0][0] == PLANTED[0] and all(x in F[0][1] for x in PLANTED[1:])


def load_records():
    with open(JSONL, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def selftest(recs, ta, sb, tc):
    byid = {r["id"]: r for r in recs}
    first = lambda pred: next(r for r in recs if pred(r))
    muts = []

    def m_lookup():
        rs = copy.deepcopy(recs)
        r = next(x for x in rs if x["doc"] == A and x["type"] == "table_lookup" and x["value"] == 31.68)
        r["value"] = 31.86
        r["answer"] = r["answer"].replace("31.68", "31.86")
        return rs
    muts.append(("wrong looked-up figure (31.68 -> 31.86)", m_lookup))

    def m_arith():
        rs = copy.deepcopy(recs)
        r = next(x for x in rs if x["type"] == "arithmetic" and x["doc"] == B)
        r["value"] = round(r["value"] * 1.01, 2)
        return rs
    muts.append(("wrong arithmetic value", m_arith))

    def m_span():
        rs = copy.deepcopy(recs)
        r = next(x for x in rs if x["doc"] == A and x["type"] == "text_lookup")
        r["evidence"] = ["政府性基金预算拨款收入1,260.00万元，其他收入24.00万元，上年结转结余36.00万元。支出预算"]
        return rs
    muts.append(("evidence spanning a line break (family A wrapped prose)", m_span))

    def m_table_span():
        rs = copy.deepcopy(recs)
        r = next(x for x in rs if x["doc"] == A and x["value"] == 31.68)
        r["evidence"] = ["30239其他交通费用31.68"]          # code, name, amount are three lines in family A
        return rs
    muts.append(("evidence joining a broken table row (family A)", m_table_span))

    def m_invent():
        rs = copy.deepcopy(recs)
        rs[5]["evidence"] = rs[5]["evidence"] + ["本部门2025年预算总额为一亿元"]
        return rs
    muts.append(("invented evidence string", m_invent))

    def m_unans():
        rs = copy.deepcopy(recs)
        r = next(x for x in rs if x["type"] == "unanswerable")
        r["value"], r["unit"] = 24.30, "万元"
        return rs
    muts.append(("unanswerable carrying a value", m_unans))

    def m_items():
        rs = copy.deepcopy(recs)
        r = next(x for x in rs if x["type"] == "list")
        del r["items"]
        return rs
    muts.append(("list answer without items", m_items))

    def m_list80():
        rs = copy.deepcopy(recs)
        r = next(x for x in rs if x["type"] == "list" and len(x.get("items", [])) >= 3)
        r["answer"] = "只有" + r["items"][0] + "。"
        return rs
    muts.append(("list answer failing the 80 % rule", m_list80))

    def m_dup():
        rs = copy.deepcopy(recs)
        rs[1]["id"] = rs[0]["id"]
        return rs
    muts.append(("duplicate id", m_dup))

    def m_operand():
        rs = copy.deepcopy(recs)
        r = next(x for x in rs if x["type"] == "arithmetic" and x["calc"] == "1260.00+420.00")
        r["calc"] = "1260.00+420.00+0.001"
        return rs
    muts.append(("calc operand that is not a figure of the evidence", m_operand))

    def m_yesno():
        rs = copy.deepcopy(recs)
        r = next(x for x in rs if x["type"] == "yes_no")
        r["answer"] = "不一致。" + r["answer"]
        return rs
    muts.append(("yes_no answer not opening with 是/否", m_yesno))

    def m_note():
        rs = copy.deepcopy(recs)
        rs[3]["note"] = "查表即可。"
        return rs
    muts.append(("note without '操作: <op>'", m_note))

    def m_doc():
        rs = copy.deepcopy(recs)
        rs[0]["doc"] = "tj-lgq-swj-2025-dwys.txt"
        return rs
    muts.append(("unknown document", m_doc))

    ok = 0
    for name, fun in muts:
        errs = check_records(fun())
        rej = bool(errs)
        ok += rej
        print(f"  {'rejected' if rej else 'NOT REJECTED'}: {name}" + (f"  [{errs[0]}]" if errs else ""))
    # document mutations: the identity check must no longer find exactly the planted one
    dmuts = [
        ("A: a table amount changed (收入总表 2130306 2,318.40 -> 2,318.04)",
         lambda: (ta.replace("水利工程运行与维护\n2,318.40\n2,318.40", "水利工程运行与维护\n2,318.04\n2,318.04", 1), sb, tc)),
        ("A: a prose share changed (占31.02% -> 占31.20%)", lambda: (ta.replace("占31.02%", "占31.20%"), sb, tc)),
        ("A: 支出总表 合计行 基本/项目 shifted by 10.00 (row still adds up; only the column solver and cross-table checks see it)",
         lambda: (ta.replace("6,471.44\n2,007.14\n4,464.30", "6,471.44\n2,017.14\n4,454.30", 1), sb, tc)),
        ("B: a cell of 附表3 changed", lambda: (ta, mut_b(sb), tc)),
        ("B: a prose figure changed (人员经费754.47 -> 745.47)", lambda: (ta, mut_b_prose(sb), tc)),
        ("C: 三公表 2025 公务接待费 changed", lambda: (ta, sb, re.sub(r"(公务接待费 *│ *3\.60│ *)3\.20", r"\g<1>3.30", tc))),
        ("C: the planted error removed (85.00 -> 58.00)",
         lambda: (ta, sb, tc.replace("预算安排规模：85.00万元", "预算安排规模：58.00万元"))),
    ]
    for name, fun in dmuts:
        a_, b_, c_ = fun()
        changed = (a_ != ta) or (b_ is not sb) or (c_ != tc)
        F = identities(a_, b_, c_)
        rej = changed and not planted_only(F)
        ok += rej
        extra = [m for d_, m in F if not (d_ == PLANTED[0] and PLANTED[1] in m)]
        print(f"  {'rejected' if rej else 'NOT REJECTED'}: {name}  [findings: {len(F)}"
              + (f"; {extra[0]}" if extra else "") + "]")
    total = len(muts) + len(dmuts)
    return ok, total


def mut_b(sb):
    s = copy.deepcopy(sb)
    for r in s["附表3"]:
        if r[0] == "2100408":
            r[2] = r[4] = "1,485,060.00"
    return s


def mut_b_prose(sb):
    s = copy.deepcopy(sb)
    for r in s["说明"]:
        r[0] = r[0].replace("人员经费754.47万元", "人员经费745.47万元")
    return s


def main():
    recs = load_records()
    errs = check_records(recs)
    ta, sb, tc = load_invented()
    F = identities(ta, sb, tc)
    by_type, by_doc = {}, {}
    for r in recs:
        by_type[r["type"]] = by_type.get(r["type"], 0) + 1
        k = r["doc"] or "null"
        by_doc[k] = by_doc.get(k, 0) + 1
    for e in errs:
        print("ERROR", e)
    print(f"{len(recs)} records, {len(errs)} errors")
    print("by type:", dict(sorted(by_type.items())))
    print("prose statements matched against the tables:", F.seen)
    print("document identities: findings =", len(F))
    for d_, m in F:
        print(f"  [{d_}] {m}")
    planted = planted_only(F)
    print("planted inconsistency found and nothing else:", "yes" if planted else "NO")
    bad = bool(errs) or not planted
    if "--selftest" in sys.argv:
        ok, total = selftest(recs, ta, sb, tc)
        print(f"selftest {'passed' if ok == total else 'FAILED'}   ({ok} of {total} mutations rejected)")
        bad = bad or ok != total
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
