"""What a question asks beyond its figure, read once into the Query's cues and fields.

Each cue names what it means to the executor (a list of offices, a per-unit cap, the reason
for a change) — the executor tests `query.has("office")`, never the question's wording.
"""
from __future__ import annotations

import re

from budgetqa.core.query import Query

from budgetqa.qa.text import clean

from .words import _VOCAB, Intent

# cue -> the words that signal it (applied to the normalised question), from qa/vocabulary.json
CUE_WORDS: dict[str, str] = _VOCAB["cue_words"]

DESCRIBE = re.compile(r"干啥|干什么|做什么|做啥|拿来|用来|用于|用途|什么项目|哪个项目|是什么|为什么|为啥|咋|原因|怎么回事|"
                      r"内容|哪几件事|哪些事|主要(干|做|用)|支持什么|什么情况|怎么安排|如何安排|怎么用|干嘛|"
                      # what an office does, what a project stands on
                      r"管什么|管哪些|负责什么|负责哪些|职责|职能|按什么|依据什么|凭什么|怎么处理|如何处理|怎么办")
_NAMES_ONLY = re.compile(r"分别|各是|都是|具体是哪|哪些|哪几个")
_ALL_SOURCES = re.compile(r"含.{0,6}(结转|单位资金|非财政)|全口径|所有(资金|来源)|各类资金")
_FUNDS = r"(单位资金|非财政拨款|非财政资金|自有资金|其他资金)"
_NOT_FISCAL = r"(不靠|不用|不是|不使用|没有?用|不依靠|不依赖)财政"
# '养一辆公车平均…' / '一个人合多少': the unit counted, said with 一 instead of 每
_PER_ONE = re.compile(r"(?:养|摊到|分到|合到?)?一(辆|个人|人|名|家|台|位)")
_PER = re.compile(r"(?:平均)?(?:到|摊到|分到)?(?:每|平均(?:下来|算下来)?一)(辆|家|人|个|名|台|项|次|位|套)")
_LEVEL = re.compile(r"(数量|质量|时效|成本|经济成本|社会成本|经济效益|社会效益|生态效益|可持续影响|满意度|效益|产出)指标")
FIELDS = [(r"政策依据|依据(哪|什么|啥|是啥|是什么)|依据.{0,2}文件|(哪个|什么|啥)文件|根据(什么|哪|啥)", "policy_basis"),
          (r"执行时间|什么时候|啥时候|何时|时间(段|是)|起止", "period"),
          (r"承担单位|(哪个|哪家|什么)单位.{0,2}(承担|负责|实施)|(由|是)(哪|谁).{0,4}(承担|负责|实施)|谁(来)?(承担|负责|实施)",
           "undertaker")]
_PER_STRIP = r"(平均)?(下来|算下来|到|摊到|分到)?[每一](辆|家|人|个|名|台|项|次|位|套)|人均|平均"
_DIFF_COLS = [(r"年初预算数?|年初(安排|的预算)?", "年初预算数"), (r"全年预算数?|调整后(预算)?", "全年预算数"),
              (r"全年执行数?|实际执行|实际花的?|实际支出|执行数|花了|花的", "全年执行数")]


def _non_fiscal(q: str) -> bool:
    if re.search(_NOT_FISCAL, q) and "项目" in q:
        q = re.sub(_NOT_FISCAL + r"(拨款|资金|的钱)?", "用非财政拨款", q)
    if re.search(r"含.{0,6}" + _FUNDS, q):
        return False
    return re.search(r"(用|由|以|靠|使用)" + _FUNDS + "|" + _FUNDS + r"(安排|支持|资助|开支)的?.{0,4}项目|非财政拨款项目|"
                     r"项目.{0,8}(用|由|来自)" + _FUNDS, q) is not None


def read_cues(query: Query, q: str, it: Intent) -> None:
    """Fill `query`'s cues and the fields the executor needs from the normalised question `q`."""
    cues = [c for c, pat in CUE_WORDS.items() if re.search(pat, q)]
    if it.person:
        cues.append("asks_person")
    if it.items_of:
        cues.append("asks_names")
    if it.flags.get("less"):
        cues.append("less")
    if DESCRIBE.search(q) and not _NAMES_ONLY.search(q):
        cues.append("describe")
        if "asks_reason" in cues and "numeric" in cues and not re.search(r"多少|几", q):
            cues.remove("numeric")      # '为啥比例没到3:1' asks the reason, not the ratio
    if _non_fiscal(q):
        cues.append("non_fiscal_projects")
    if _ALL_SOURCES.search(it.core):
        cues.append("all_sources")
    if "%" in it.core:
        cues.append("pct_stated")
    query.cues = sorted(set(cues) | set(query.cues))
    query.amounts = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)\s*万", q)]
    query.codes = re.findall(r"[A-Za-z0-9]{5,}", q)
    m = _PER.search(q) or (_PER_ONE.search(q) if it.op == "per_unit" else None)
    query.per = ("人" if m.group(1) == "个人" else m.group(1)) if m else None
    if m:  # '平均每名选派科技人员多少钱': the amount is the whole's, the count is of 选派科技人员
        w = re.match(r"的?([\u4e00-\u9fff]{2,12}?)(?=多少|摊|分|能|拿|补|花|得|平均|是|有|的|头上|[，,。？?]|$)", q[m.end():])
        query.per_what = w.group(1) if w else ""
        unit = re.search(r"(人次|人|家|辆|台|项|个)$", query.per_what)
        if unit and query.per in (None, "个"):      # '每个引进的外国专家人次': counted in 人次
            query.per = unit.group(1)
    by_count = re.search(r"按([\u4e00-\u9fff]{0,4}?)(人数|人头|人员|车辆数|辆数|家数)(来)?(?:算|平均)", q)
    if by_count and it.op == "per_unit":   # '按在职人数算，一个人合多少钱': the count is 在职人数
        query.per = query.per or ("辆" if "辆" in by_count.group(2) else "家" if "家" in by_count.group(2) else "人")
        query.per_what = by_count.group(1) or query.per_what

    lv = _LEVEL.search(q)
    query.indicator_level = lv.group(0) if lv else None
    mn = re.search(r"哪(?:些|几类|几种|几个|几家)([\u4e00-\u9fff]{1,2})", q)
    if mn:
        noun = mn.group(1)
        query.list_noun = noun[0] if len(noun) == 2 and noun[1] in "呢吗的" else noun
    for pat, attr in FIELDS:
        if re.search(pat, q):
            query.field = attr
            query.field_subject = re.sub(pat + r"|设立|是|的", " ", it.core)
            break
    core = it.core
    inc = re.search(r"(?<!不)(含|包括|加上)([^）)，,。？?]{2,12})", core)
    query.includes = inc.group(2) if inc and not _ALL_SOURCES.search(core) else None
    exc = re.search(r"(不含|不包括|扣除|除去)([^）)，,。]+)", core)
    if exc:
        query.excludes = exc.group(2)
        query.without_excluded = re.sub(r"(不含|不包括|扣除|除去)[^）)，,。]+", "", core)
    described = re.sub(DESCRIBE, " ", core)
    query.subject = query.subject or re.sub(r"\d+(?:\.\d+)?\s*万元?|那笔|这笔|今年|主要|是个|一下", " ", described)
    query.negation_subject = re.sub(r"拿到|收到|得到|获得|拿了|用了|花了|发生了?", " ", described)
    query.context_words = re.sub(r"\d{2,4}\s*年|" + DESCRIBE.pattern, " ", q)
    query.bare = re.sub(r"\d+(?:\.\d+)?\s*万元?", " ", q)
    if query.op == "per_unit" and query.operands:
        query.operands[0].measure = re.sub(_PER_STRIP, " ", core)   # the operands are totals
        if re.search(r"人员|人才|专家|学员|专员|人(?!民)", query.operands[0].measure):
            query.cues.append("people")
    if query.op == "difference" and len(query.operands) >= 2:
        pa, pb = query.operands[0].measure, query.operands[1].measure
        for pat, word in _DIFF_COLS:  # the 绩效自评表 money columns, in the user's words
            pa, pb = re.sub(pat, f" {word} ", pa), re.sub(pat, f" {word} ", pb)
        subject = re.sub(r"全年预算数|年初预算数|全年执行数|预算数|执行数|决算数|调整后", " ", pa).strip()
        if subject and len(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", pb)) <= 6:
            pb = f"{pb} {subject}"
        query.operands[0].measure, query.operands[1].measure = pa, pb
    query.before_change = re.sub(r"比(去年|上年).*$", "", core)
    query.indicator_subject = re.sub(r"(数量|质量|时效|成本|效益|满意度|产出|经济|社会|生态)?指标|哪几个|哪些|有", " ", core)
    query.quoted_counts = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)\s*(?:项|个|家|名|所|条|万)", core)]
    query.column = _column(q)
    query.terms = content_terms(it.core)
    query.concept_words = list(dict.fromkeys(it.flags.get("concepts", [])))
    for o in query.operands:
        o.concept_words = query.concept_words


def _column(q: str) -> str | None:
    """Which column of the template the question asks for, when it says."""
    if re.search(r"上年|去年|上一年", q) and not re.search(r"比(上年|去年|上一年)", q):
        return "上年"
    if re.search(r"年初预算|年初", q):
        return "年初预算"
    if re.search(r"全年预算|调整后预算", q):
        return "全年预算"
    if re.search(r"决算数|执行数|实际支出|决算|实际(?:花|用|支|开支)|(?:花|用)掉了", q):
        return "决算数"     # what was actually spent is the 决算 column
    if re.search(r"预算数|预算", q):
        return "预算数"
    return None


# words that say nothing about which figure is meant (kept out of the presence check)
GENERIC = {"预算", "决算", "部门", "支出", "收入", "经费", "资金", "项目", "情况", "多少", "安排", "金额", "总额", "是否",
           "具体", "实际", "花了", "年度", "年底", "公开", "说明", "一共", "合计", "总共",
           "比上年", "较上年", "上年", "同比", "上一年", "比上一年", "较上一年", "去年", "上年度", "本年度", "今年"}  # the comparison a document writes as 比2024年 is still its 比上年


def content_terms(core: str) -> list[str]:
    """The question's content words (jieba) that name what it is about: each must be written
    in a document for the question to be about that document."""
    import logging

    from budgetqa.retrieval.lexical import plain_jieba  # the jieba module, its dictionary loaded once (fast cache)
    jieba = plain_jieba()
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" on stderr
    out = []
    for tok in core.split():
        for w in jieba.lcut(clean(tok)):
            if len(w) < 3 or w in GENERIC or not re.search(r"[\u4e00-\u9fff]", w) or re.search(r"[多少哪几吗没对谁啥么]", w):
                continue
            out.append(w)
    return out
