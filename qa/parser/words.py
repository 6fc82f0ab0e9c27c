"""What a question asks: the operation, the figures it names, the unit it expects.

Pure: a question string in, an `Intent` out. Scope words (region, department, year)
are removed by the caller-supplied set so that only the words naming figures remain.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from budgetqa.core.aliases import ALIASES
from budgetqa.core.normalize import norm
from budgetqa.core.mentions import COUNT_UNITS

from budgetqa.qa.vocab import VOCAB as _VOCAB    # the parser's words (cue_words, concepts …)

Op = str  # 'lookup' | 'share' | 'growth_check' | 'diff' | 'sum' | 'per_unit' | 'list' | 'compare'


@dataclass
class Intent:
    op: Op
    operands: list[str]
    unit_class: str | None = None        # amount | count | pct | area | score
    yesno: bool = False
    stated: float | None = None          # a figure the question states (to check)
    check: bool = False                  # 对吗 / 对得上吗
    core: str = ""                       # the question without scope and question words
    person: bool = False                 # asks for a person (局长是谁)
    items_of: bool = False               # a list of names (哪些企业)
    actual: bool = False                 # asks for an actual (实际) figure
    flags: dict = field(default_factory=dict)


_QWORDS = re.compile(r"(有没有|是否|有无|了吗|了|是多少|有多少|多少钱|多少|哪些|哪几[个块条项类种家位]?|几个|几辆|几家|几人|几名|几[块条种位]|几|是啥|是什么|什么|怎么样|怎么|如何|为啥|为什么|"
                     r"请问|一下|呢|吗|么|？|\?|。|，|,|！|现在|今年|那种|多大|是不是|相当于|百分之几|百分之多少|几成|一分钱|分文|这[一两二三四五六七八九几]?[类项块个笔](?=[\u4e00-\u9fff\s]|$)|[“”‘’「」『』\"]|这一项|这项|这个数|这个|这些|那些|那|能拿|能够|能不能|"
                     r"一共|总共|(?<!公)共(?!同)|合计|加起来|加在一块|加一块|加到一起|合在一起|安排了|安排|预算里|预算中|里面|里|中的|之中|"
                     # words that point at a group of documents ('各部门', '那两个部门', '这几份'), naming no figure
                     r"按[\u4e00-\u9fff]{0,4}(人数|人头|人员|车辆数)(来)?(算|平均)|一个人合|(摊|分)到每个|头上|大概|"
                     r"分别|各自|各个?(部门|单位|局|委|家)|[这那]?[两三四五六七八九几]+[个份家](部门|单位|文件)?|的)")
_YEAR = re.compile(r"(截至|截止|到)?\s*(20\d{2}|\d{2})\s*年\s*(度|底|末|12\s*月\s*31\s*日)?|"
                   r"(?<!\d)20\d{2}(?=部门|单位|预算|决算|年度)")   # '政府办2025部门预算' names the year too


def strip_scope(q: str, scope_words: set[str]) -> str:
    for w in sorted(scope_words, key=len, reverse=True):
        # '乌鲁木齐地区' is the region too: a bare '地区' left behind would match '地区行业赛'
        q = re.sub(re.escape(w) + r"(地区|全市|全州|全区)?", " ", q)
    q = _YEAR.sub(" ", q)
    q = re.sub(r"(?<![比较与同])上一年度?|[（(]\s*[）)]", " ", q)  # '上一年（2023年）' names the year, as 2023年 does
    q = re.sub(r"预算公开|决算公开|部门决算|部门预算(?=里|中|的)|公开", " ", q)
    # a lone character left over from a partly removed name (乌 of 乌市 after 市科技局)
    return re.sub(r"(?<![\u4e00-\u9fff（(])[\u4e00-\u9fff](?![\u4e00-\u9fff）)])", " ", q)


# template vocabulary: what users call a figure -> the words the template uses for it
CONCEPTS: list[tuple[str, str]] = [tuple(x) for x in _VOCAB["concepts"]]


def expand_aliases(q: str) -> str:
    """高企 → 高新技术企业, 三公 → 三公经费 … (the document's words)."""
    for k, vals in ALIASES.items():
        if k in q and len(vals) == 1 and k not in ("执行", "编制"):
            q = q.replace(k, vals[0])
    for pat, rep in CONCEPTS:
        if re.search(pat, q):
            q = re.sub(pat, " " + rep + " ", q, count=1)
    return q


# who states the figure a question checks ('说明里讲X…', '文件说X…') and the checking ('这个数算得对吗'):
# no words of the figure
_STATED_BY = re.compile(r"(?:这个|该)?(?:比例|比率|数字|数)?算得对|算对了|对不对|(?:情况)?说明(?:里|中)?(?:讲|写|说)(?:的)?|"
                        r"文件(?:里|中)?(?:讲|写|说)(?:的)?|(?:^|(?<=\s))说(?!明)(?=\s|[\u4e00-\u9fff])")


# the user's own adding ('加起来', '加在一块' …), one list for the op and for cutting the parts off
_SUM_WORDS = r"加起来|加一起|加在一起|加在一块|加一块|加到一起|合在一起|相加|一共|合计|总共|总和|之和"


def core_words(q: str) -> str:
    q = re.sub(_STATED_BY, " ", q)
    q = re.sub(r"(?<![首成])都(?:没有|没|无|不)?(?:花|用|安排)?了?|(?<!平)均(?:没有|没|无|不|未)(?:花|用|安排)?了?|"
               r"吧(?=[\s？?]|$)", " ", q)    # '都没有花X吧': the all-of yes/no
    q = re.sub(r"(?:是|有)?多少(?:万元|亿元|元|万(?![\u4e00-\u9fff]))", " ", q)      # '预算多少元': the unit asked, no word of the figure
    q = _QWORDS.sub(" ", q)
    q = re.sub(r"(^|\s)有(?=[\u4e00-\u9fff])", " ", q)
    q = re.sub(r"(?:^|(?<=\s))[、，,；;]+(?=\s|$)", " ", q)     # the commas between the places named
    return re.sub(r"\s+", " ", q).strip()


def unit_class(q: str) -> str | None:
    if re.search(r"比例|比重|占比|百分之|几成|执行率|\d%|占(?!有|用|地)[^，。？?]{0,2}多少(?!钱|万|元|人|个|辆)|完成了?(?:年初|全年)?预算的|率是|增长率|多大比|强度|率(目标|为|多少|定|达到|要求)", q):
        return "pct"
    if re.search(r"面积|平方米|(房|屋|用房|场地).{0,6}多大", q) and "比" not in q:
        return "area"
    if re.search(r"得了?多少分|得分|总分|几分", q):
        return "score"
    if re.search(r"(退休|在职|离休)(费|金|经费)", q) and not re.search(r"几|多少人|多少个|人数", q):
        return "amount"  # '退休费预算' is money, not the retirees
    if re.search(r"安排了?(多少|几)(?![人个名家辆台项])|多少钱|多少万", q):
        return "amount"  # what is 安排ed is money ('退休…安排了多少'), unless the question counts
    # '这几个科技局' points at documents, it counts nothing
    if re.search(r"(?<![这那])几个|几辆|几家|几人|几名|多少人|多少个|多少家|多少辆|多少名|几台|多少台|人次|团组|编制|"
                 r"(在职|退休|离休)(?!这|那|科目|支出|（项）|\(项\))|"
                 r"(车辆|公车|公务车|用车|(?<![用公购买养修])车|人员|职工|编制)\s*(数|数量)?的?\s*(最多|最少|更多|更少)|"   # '谁的车辆最多': vehicles counted
                 r"实有人数|科室|数量|多少项|几项|派多少|(多少|几)(件|套|张|处|栋|座|间|部|架|台|所)|多少.{0,6}(企业|博士|人员)|多少天|几天|"
                 r"多少[^钱元万经资费预支收]{0,4}(专家|人才|企业|项目|课题|人次|场次|批次|户)(?!支出|经费|资金|预算)", q):
        return "count"
    if _COUNTED.search(q):
        return "count"      # '多少头份疫苗', '几个村': a unit of counting the vocabulary knows
    if re.search(r"多少钱|万元|金额|经费|资金|预算|支出|收入|拨款|费|奖励|结转|总额|规模|执行数|值多少", q):
        return "amount"
    return None


# ('这几个科技局', '几份预算' point at documents, they count nothing: 个 is read above, 份 … name documents)
_COUNTED = re.compile(r"(?<![这那])(?:多少|几)(?:" + "|".join(sorted(
    (u for u in COUNT_UNITS if u not in ("天", "小时", "个", "份", "本", "篇", "期")), key=len, reverse=True)) + ")")


def parse(question: str, scope_words: set[str]) -> Intent:
    q0 = re.sub(r"除了[^，,。？?]{1,30}([，,]\s*|(?=还))(还|另外)?", "", norm(question))  # '除了X，还有Y' asks for Y
    # a remark on method ('（用25年公开的数推）', '按决算数算') names no figure
    q0 = re.sub(r"[（(][^）)]*(推|按|用|根据|参考|以)[^）)]*[）)]", " ", q0)
    q0 = re.sub(r"[，,]?\s*(按|用|根据|从)[^，,？?]{0,20}(推算?|倒推|推出)", " ", q0)
    stripped = strip_scope(q0, scope_words)
    q = expand_aliases(stripped)
    uc = unit_class(q)
    it = Intent(op="lookup", operands=[], unit_class=uc)
    it.person = bool(re.search(r"是谁|都有谁|有谁|(长|书记|主任|负责人|领导|专家|同志|人员?|先生|女士)的?(全名|叫什么|叫啥|名字)|全名|姓名|哪位|名单|哪些(专家|人员|人才|领导|同志|人)(?!类|数|经费)|"
                               r"(是|由)哪一?家(?!.*承担)|哪家(公司|机构|企业)|哪个(公司|机构)", q0))
    it.actual = "实际" in q0
    it.check = bool(re.search(r"对吗|对不对|算得对|对得上|是否正确|准确吗|一致吗|是不是|是否等于|等不等于|"
                              r"(是|为|有)\s*\d[\d,]*(\.\d+)?\s*(万元|万|亿元|元|%)\s*(吗|么|嘛)", q0))
    pct = re.search(r"(\d+(?:\.\d+)?)\s*%", q0)
    money = re.search(r"(?:等于|合计为?|共计|一共是|总共是)[^\d，,。]{0,10}?(\d[\d,]*(?:\.\d+)?)\s*万", q0) or \
        re.search(r"(\d[\d,]*(?:\.\d+)?)\s*万", q0)
    if pct:
        it.stated = float(pct.group(1))
    elif money:
        it.stated = float(money.group(1).replace(",", ""))
    # '…没有？' asks; '如果一个部门没有X，…怎么处理' only supposes
    it.yesno = bool(re.search(r"(有没有|是否|有无|了吗|了没|吗[？?]?\s*$|有.{1,12}吗|没有[？?]?\s*$|没有[^，。？?]{0,12}(吗|么|呢)|"
                              r"(?:都|均|也)(?:没有|没|无|不|有|是)[^，。？?]{0,16}吧[？?]?\s*$)", q0)) \
        and not it.check
    if it.check and it.stated is None and re.search(r"是不是|是否", q0) and not re.search(r"对吗|对不对|对得上|一致|正确|准确", q0):
        it.check, it.yesno = False, True     # '是不是比B多' states no figure to check: a yes/no

    if re.search(r"((?<![相对])比|较)(上年|去年|上一年)[^，。？?]{0,6}?(增长|增加|下降|减少|多|少|涨|降|高|低)了?(百分之)?(多少|几)|"
                 r"同比[^，。？?]{0,2}(增长|增加|下降|减少|涨|降)了?(百分之)?(多少|几)|"
                 r"(涨|增长|增加|下降|降|减少|少)了?百分之(多少|几)|"
                 r"(比|较)(上年|去年).{0,4}(增幅|降幅|幅度|变化)", q0) and not re.search(r"为(什么|啥)|咋|怎么会|原因", q0):
        it.op = "change"  # 'X比上年多了多少': the change stated beside X
    elif re.search(r"哪些|哪几|有哪|都包括|包括哪|都是|什么项目|哪些方面|花在|去哪|哪个县|都有|怎么分|如何分配|怎么分配|"
                   r"都叫什么|分别叫什么|名称是什么|叫什么名", q0):
        it.op = "list"
        it.items_of = bool(re.search(r"都是哪些(企业|单位|人)|名单", q0))
    elif re.search(r"一[辆个人名家台][^，。？?]{0,8}平均|按[\u4e00-\u9fff]{0,4}(人数|人头|车辆数)(来)?算|一个人合|平均每|每辆|每家|每人|人均|每个|平均(下来|算下来|到|摊到)?(每|一)[个辆家人名台项次位套]|(分|摊)到每|一个.{0,4}(最多)?能拿", q0):
        it.op = "per_unit"
    elif re.search(r"哪个.{0,6}(高|多(?!少)|大|(?<!多)少|低)|谁.{0,4}(高|多(?!少))|谁的.{2,14}?更?(高|多(?!少)|大|低)[？?]?$|(哪|谁).{0,12}(最多|最高|最少|最大|最低|最小)|"
                   r"(最多|最高|最少|最大|最低|最小)的?(是|为)?(哪|谁)|"
                   # '哪个部门…的X最高': the ranking is over departments, however long X is named
                   r"哪一?[个家](部门|单位|局|委|区|市|州|县)[^，。？?]{0,30}(最多|最高|最少|最大|最低|最小)", q0):
        it.op = "compare"
    elif "执行率" in q0:
        it.op = "share"
    elif re.search(r"占(?!有|用|地)|比例|比重|占比|除以|百分之几|百分比|几成|相当于.{0,30}(百分之|%|几成)|完成(了)?(年初|全年)?预算的", q0) \
            and not (pct and re.search(r"增长|增加|下降", q0)) \
            and not (re.search(r"为(什么|啥)|原因|怎么会|咋", q0) and not re.search(r"多少|几", q0)):
        it.op = "share"
    elif it.check and pct and re.search(r"增长|增加|下降|减少", q0):
        it.op = "growth_check"
        if it.stated is not None and re.search(r"(下降|减少|降低|下调|压减|缩减|降了)[^，。？?\d]{0,4}-?\d", q0):
            it.stated = -abs(it.stated)     # '下降6.47%': a fall, whatever sign the number is written with
    elif re.search(r"(多了?|少了?|高|低|差了?)(多少|几[个人名辆家项台])|(?<![多])(多|少)(安排|花|用|拨|支出|开支|给)了?多少|相差|差额|差距|(增加|减少|压减|压缩|削减|调减|调增|追加)了?多少", q0) \
            and re.search(r"比|和|与", q0):
        it.op = "diff"
    elif re.search(_SUM_WORDS + r"|加上?.{1,30}(正好|刚好)?等于", q0):
        it.op = "sum"
    if it.yesno and it.op == "lookup" and re.search(
            r"(?<![相对])比(?!上年|去年|上一年|前一年|例|重)[^，。？?]{1,20}?(多|高|大|少|低|小)", q0):
        it.op = "diff"      # 'A是不是比B多': the sign of A − B, computed, answers it
    if it.op == "diff":
        it.flags["less"] = bool(re.search(r"比.{1,30}?((?<!多)少了?|低|压减|压缩|削减|调减|下降)", q0))
    core = core_words(q)
    if it.op == "compare":
        core = _unrank(core)
    it.core = core
    # the template words the vocabulary put in for the user's ('总预算' → '收入总计 收支总预算'):
    # synonyms of one concept, never all required of one figure
    it.flags["concepts"] = [w for pat, rep in CONCEPTS if re.search(pat, stripped) for w in rep.split()] + \
        [v for k, vals in ALIASES.items() if k in stripped for v in vals]
    it.operands = split_operands(it.op, q)
    if it.op == "compare":
        it.operands = [_unrank(o) for o in it.operands]
    return it


def _unrank(words: str) -> str:
    """A ranking's direction (最少) and its 'who' (谁, 哪个) are the rank's, not the figure's words."""
    words = re.sub(r"[花用拿]?得(更|最)?(多|少|高|低)[、，,]?(多|少|高|低)?(多少)?|[、，,]\s*(多|少)多少|[花用拿]得(?=\s|$)", " ", words)
    return re.sub(r"\s+", " ", re.sub(r"谁的?|哪一?[个家](部门|单位|局|委)?的?|哪一?[项类笔种](钱)?|(最多|最高|最少|最大|最低|最小)(的是|的)?",
                                      " ", words)).strip()


def clean_cjk(s: str) -> str:
    return re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", s)


def _clean_operand(s: str) -> str:
    s = _STATED_BY.sub(" ", s)
    s = re.sub(r"[（(]?不含[^）)]*[）)]?", " ", s)
    s = re.sub(r"[（(](含|包括|包含)[^）)]*[）)]|(含|包括)[^，,？?]{0,12}的那种", " ", s)
    s = re.sub(r"^.*用(?=全年|年初)", "", s)
    s = re.sub(r"(按决算数算|按预算数算|的比例|的比重|比例|比重|占比|多大|是多少|多少|(?<![公使费作务专信通自适占])用(?![于途车材设燃品])|(?<![预决结清])算|的$)", " ", s)
    return core_words(s)


def _share_the_tail(parts: list[str]) -> list[str]:
    """'区级和市级支持总部经济': a short first part takes the words the last one adds after its
    own first characters (区级 → 区级支持总部经济), as a coordination in Chinese says."""
    if len(parts) < 2:
        return parts
    last = clean_cjk(_clean_operand(parts[-1]))
    out = []
    for p in parts[:-1]:
        w = clean_cjk(_clean_operand(p))
        out.append(w + last[len(w):] if 2 <= len(w) <= 3 and len(last) >= len(w) + 2 else p)
    return out + parts[-1:]


def split_operands(op: Op, q: str) -> list[str]:
    """The figures named, in order: share → [part, whole]; diff → [a, b]; sum → parts."""
    if op == "share":
        m = re.search(r"(.+?)除以(.+)", q)
        if m:
            subj = _clean_operand(re.sub(r"的?(预算)?执行率.*$|[？?，,].*$", "", q))
            return [_clean_operand(m.group(1)) + " " + subj, _clean_operand(m.group(2)) + " " + subj]
        if "执行率" in q and "占" not in q:
            subj = _clean_operand(re.sub(r"的?预算执行率.*$|执行率.*$", "", q))
            return ["全年执行数 " + subj, "全年预算数 " + subj]
        q = re.sub(r"-?\d+(?:\.\d+)?\s*%", " ", q)      # the share the question states (to check) names no figure
        mc = re.search(r"(.+?)完成(?:了)?(年初|全年)?预算(?:数)?的?", q)
        if mc and not re.search(r"占(?!有|用|地)", q):
            # 'X完成预算的85.37%': X's 决算 over X's 预算
            x = _clean_operand(mc.group(1))
            return [f"{x} 决算数".strip(), f"{x} {mc.group(2) or ''}预算数".strip()]
        if re.search(r"占(?!有|用|地)", q):
            left, right = re.split(r"占(?!有|用|地)", q, maxsplit=1)
            right = re.split(r"了?的?(比例|比重|占比|多大|多少|百分|几成)", right)[0]
            if right.startswith("比") or len(clean_cjk(right)) < 2:
                right = ""
            m = re.search(r"(.+?)(里面|里|中|之中)[，, ]*(.+)$", left)
            m_in = re.search(r"^(.+?)在(.+?)(里面|里|中|之中)\s*$", left)
            if not _clean_operand(right) and m_in:      # 'A在B里占几成': A of B
                return [_clean_operand(m_in.group(1)), _clean_operand(m_in.group(2))]
            if not _clean_operand(right) and m:
                return [_clean_operand(m.group(3)), _clean_operand(m.group(1))]
            if m and _clean_operand(right):
                return [_clean_operand(m.group(3)), _clean_operand(right)]
            return [_clean_operand(left), _clean_operand(right)]
        m = re.search(r"(.+?)(里面|里|中|之中)[，, ]*(.+?)的?(比例|比重|占比)", q)
        if m:
            return [_clean_operand(m.group(3)), _clean_operand(m.group(1))]
        m = re.search(r"(.+?)(有|中有|里有)?(百分之几|百分比多少|几成)(是|为|来自|属于)(.+?)$", re.sub(r"[？?。]+$", "", q))
        if m:  # 'X有百分之几是Y' → Y of X
            return [_clean_operand(m.group(5)), _clean_operand(m.group(1))]
        return [_clean_operand(q)]
    if op == "change":
        return [_clean_operand(re.split(r"(比|较)(上年|去年|上一年)|同比", q)[0])]
    if op == "growth_check":
        return [_clean_operand(re.split(r"比上年|较上年|同比|增长|增加|下降|减少", q)[0])]
    if op == "diff":
        m = re.search(r"(.+?)比(.+?)(多了?|少了?|高|低|增加|减少|压减|压缩|削减|调减|调增|追加)", q)
        if m:
            a, b = _clean_operand(m.group(1)), _clean_operand(m.group(2))
            kind = re.compile(r"(年初预算数?|全年预算数?|预算数?|决算数?|执行数)$")
            if kind.fullmatch(clean_cjk(b)) and kind.search(clean_cjk(a)):
                # 'X决算比预算少': the same X, another column
                b = kind.sub(clean_cjk(b), a.replace(" ", "")).strip()
            return [a, b]
        m = re.search(r"(.+?)(和|与|跟)(.+?)(相差|差了?|之差|差额|差距)", q)
        if m:
            return [_clean_operand(m.group(1)), _clean_operand(m.group(3))]
    if op == "sum":
        m_eq = re.search(r"(?:正好|刚好)?等于", q)
        if m_eq:  # 'A加B等于C，对吗': the parts are before 等于, C is the total to check
            body, measure = q[:m_eq.start()], ""
        else:
            # the last sum word: a 合计 the vocabulary wrote into a part ('三公经费 合计') is no cut
            cuts = list(re.finditer(f"(?:{_SUM_WORDS})", q))
            body, measure = (q[:cuts[-1].start()], q[cuts[-1].end():]) if cuts else (q, "")
        body = re.sub(r"\d+(?:\.\d+)?\s*万元?", " ", body)  # the figures quoted to check are not names
        measure = re.sub(r"[？?].*$", "", measure)
        measure = re.sub(r"实际执行|执行了?", " 全年执行数 ", measure)
        mp = re.search(r"[（(]([^）)]*[+＋、][^）)]*)[）)]", body)
        if mp:  # '不是财政拨款的钱（单位资金＋各类上年结转）': the bracket lists the parts
            parts = [p for p in re.split(r"[+＋、]|和", mp.group(1)) if len(clean_cjk(p)) >= 2]
            if len(parts) >= 2:
                return [(_clean_operand(p) + " " + core_words(measure)).strip() for p in parts]
        mt = re.search(r"(这|以上|上述)[一两二三四五六七八九几]?[类项块个笔](.*)$", body)
        if mt:  # '社保、医疗、住房这三类支出' → parts 社保 / 医疗 / 住房, each of them a 支出
            body, measure = body[:mt.start()], mt.group(2) + " " + measure
        measure = core_words(measure)
        # 'X里，A和B' / 'X，A加B': X is where the parts stand, said once for all of them
        mc = re.search(r"^(.+?)(?:(?:里面|里|之中|中)[，,\s]*|[，,]\s*)(?=[^，,]*(?:[、+＋和]|加))", body)
        context = ""
        if mc and len(clean_cjk(_clean_operand(mc.group(1)))) >= 2:
            context, body = _clean_operand(mc.group(1)), body[mc.end():]
        parts = [p for p in re.split(r"[、,，+＋]|(?<!保障)和(?!就业)|两个|加(?:上(?!年))?", body)
                 if len(clean_cjk(_clean_operand(p))) >= 2]
        parts = [p for p in parts if not re.fullmatch(r"[\u4e00-\u9fff]{0,4}(项目|部分|人才项目)", clean_cjk(_clean_operand(p)))]
        parts = _share_the_tail(parts)
        if len(parts) == 1 and (mj := re.fullmatch(r"\s*([\u4e00-\u9fff]{1,8}?费)([\u4e00-\u9fff]{1,8}费)\s*", _clean_operand(parts[0]))):
            parts = [mj.group(1), mj.group(2)]     # '水费电费加在一块': two 费 items side by side
        if len(parts) >= 2 and "的" in parts[0] and not any("的" in x for x in parts[1:]):
            # 'X的A加B': X is said once for all the parts
            pre, own = parts[0].rsplit("的", 1)
            if len(clean_cjk(_clean_operand(pre))) >= 2 and len(clean_cjk(_clean_operand(own))) >= 2:
                parts[0] = own
                context = (context + " " + _clean_operand(pre)).strip()
        if len(parts) >= 2:
            return [(_clean_operand(p) + " " + measure + " " + context).strip() for p in parts]
    first = re.sub(r"[？?].*$", "", q)
    m = re.search(r"(.+?)(和|、|与)(.+?)(各|分别)", first)
    if m:
        a = re.sub(r"^.*(里面|里|之中|中)[，, ]*", "", m.group(1))
        return [_clean_operand(a), _clean_operand(m.group(3))]
    first = re.sub(r"为(什么|啥)比(上年|去年).*$", "", first)
    first = re.sub(r"[（(](含|包括|包含)[^）)]*[）)]|(含|包括)[^，,？?]{0,12}的那种", " ", first)
    m = re.search(r"(.+?)(里面|里|之中|中)[，, ]+(.+)", first)
    if m and len(clean_cjk(core_words(m.group(3)))) >= 2:
        # 'X里，Y': Y is asked; a 科目 code in X still names its row ('2010350 事业运行科目里，项目支出')
        codes = re.findall(r"(?<!\d)\d{3}(?:\d{2}){1,2}(?!\d)", m.group(1))
        # a short Y is a part of X ('政府采购预算中，服务类'): X stays, after Y, as its context
        context = m.group(1) if len(clean_cjk(core_words(m.group(3)))) <= 5 and \
            re.search(r"(预算|决算|支出|收入|经费|资金|费|采购)$", m.group(1)) else ""
        first = m.group(3) + (" " + " ".join(codes) if codes else "") + (" " + context if context else "")
    return [core_words(first) or core_words(q)]
