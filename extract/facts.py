"""The fact catalog of one document, the last stage of parsing: every stated figure with what
it is and where it stands, typed, stored with the parsed model at ingest.

Facts come from the parsed model (table cells by row and column, performance tables,
staffing), from prose statements ('<subject> 544.67 万元，占 51.10%，比上年增加 61.14 万元')
and from tab-separated table rows the table parser does not know (绩效自评表 in markdown
exports). Each fact quotes the raw source line(s) it stands on, so a citation of it holds
the figure verbatim; answering reads these facts and never re-parses the lines. Built from
the template vocabulary, never from one sample's wording.
"""
from __future__ import annotations

import re
from budgetqa.core.evidence import INSTRUCTION_RE, strip_instructions
from budgetqa.core.mentions import AMOUNT_UNITS, mentions, number_forms, number_pattern, states_number
from budgetqa.core.normalize import norm, squash

from .models import Disclosure, Fact, FactCatalog, ListBlock, Paragraph
from .source import SourceDoc

# tables in the order a tie between equally good cells is broken: the whole-department
# (全口径) tables first, then the 一般公共预算 ones, then the details.
TABLE_ORDER = ["summary_income", "summary_expense", "expense", "income", "gpb_expense", "gpb_basic", "three_public",
               "gpb_project", "carryover", "fiscal_summary_income", "fiscal_summary_expense", "gov_fund", "state_capital"]

_CHANGE = re.compile(r"(比上年|较上年|与上年相比|同比|比\d{4}年)?[^，,。；;]{0,12}?(增加|减少|增长|下降|持平|上升|降低)")


def _loc(src: SourceDoc, n: int) -> str:
    if 0 < n <= len(src.lines):
        return str(src.lines[n - 1].loc)
    return f"line {n}"


def _table_facts(d: Disclosure, src: SourceDoc) -> list[Fact]:
    out: list[Fact] = []
    for t in d.tables:
        title = f"{t.number or ''} {t.title}".strip()
        main_col = t.columns[0] if t.columns else None
        for r in t.rows:
            name = r.name if not r.project else f"{r.project}"
            if r.project:
                name = f"{r.project} {r.name}"
            code = " ".join(r.code_parts) if r.code_parts else ""
            for col, v in r.values.items():
                if v is None:
                    continue
                out.append(Fact(doc_id=d.doc_id, source=d.source_name, name=(f"{code} {name}".strip()), context=title,
                                value=float(v), unit=t.unit or "万元", kind="cell",
                                cites=[(str(r.loc), r.raw)], table=t.key, column=col, code=code, is_total=r.is_total,
                                level=r.level, line=r.loc.line or 0, loc=r.loc, main_col=col == main_col,
                                project=r.project or ""))
    return out


def _para_line_for(src: SourceDoc, lines: list[int], token: str, after: int = 0) -> int:
    pat = number_pattern(token)
    for n in lines:
        if n >= after and pat.search(squash(src.lines[n - 1].text if 0 < n <= len(src.lines) else "")):
            return n
    return _para_line_for(src, lines, token) if after else (lines[0] if lines else 0)


def _plain(text: str) -> str:
    return squash(re.sub(r"<[^>]+>|\t", "", norm(text)))


def goal_paragraphs(d: Disclosure, src: SourceDoc) -> list[Paragraph]:
    """The 年度绩效目标 / 项目总体目标 text of each 绩效 table, located back on its source lines
    (the parser joins it into one string; figures in it need citations like any prose)."""
    out = []
    for t in d.performance:
        goal = _plain(t.goal or "")
        if len(goal) < 10:
            continue
        start = t.loc.line or 1
        lines = []
        for n in range(start, min(len(src.lines), start + 120) + 1):
            lt = _plain(src.lines[n - 1].text)
            if len(lt) >= 4 and lt in goal:
                lines.append(n)
            elif lines and len(lt) >= 4 and n - lines[-1] > 3:
                break
        if not lines:
            continue
        project = squash(t.project or "部门整体")
        out.append(Paragraph(section_path=[f"{t.kind}表", project, "年度绩效目标"], text=norm(t.goal or ""),
                             loc=src.lines[lines[0] - 1].loc, end_line=lines[-1], line_numbers=lines))
    return out


def _prose_facts(d: Disclosure, src: SourceDoc, extra: list[Paragraph] = ()) -> list[Fact]:
    out: list[Fact] = []
    for p in list(d.paragraphs) + list(extra):
        if not p.line_numbers or (p not in extra and any(
                "\t" in src.lines[n - 1].text for n in p.line_numbers if 0 < n <= len(src.lines))):
            continue
        text = strip_instructions(p.text)
        section = " > ".join(p.section_path)
        # inside a project block ('（五）项目名称：X'), a figure belongs to project X
        pm = re.search(r"项目名称[:：]\s*(.+)$", norm(p.section_path[-1])) if p.section_path else None
        project = squash(pm.group(1)) if pm else ""
        if p in extra and len(p.section_path) >= 2 and p.section_path[1] != "部门整体":
            project = p.section_path[1]
        for clause in re.split(r"(?<=[。；;])", text):
            # an enumerated item ('1.X经费 600.00 万元，主要用于：拟支持 2 个项目'): its later figures are X's
            im = re.search(r"(?:^|[：:，,\s])[（(]?\d{1,2}[)）．.、]\s*(?:\d{4}\s*年\s*)?(\D{4,60}?)\s*[\d,]+(?:\.\d+)?\s*万元", clause)
            item = squash(re.sub(r"^\d{4}\s*年", "", im.group(1))) if im else ""
            item_end = im.end() if im else 0
            prev: Fact | None = None
            last_end = 0
            last_ln = 0
            subject_chain = ""
            clause_ms = mentions(clause)
            for m in clause_ms:
                if m.unit is None:
                    last_end = m.end
                    continue
                subj = clause[last_end:m.start]
                last_end = m.end
                subj_clean = subj.strip(" ，,：:（(")
                cut = max(subj_clean.rfind(c) for c in "，,。；;：: \t")
                topic = ""
                if cut >= 0 and len(re.sub(r"[^\u4e00-\u9fff]", "", subj_clean[cut + 1:])) >= 2:
                    before = subj_clean[:cut]
                    topic = before[max(before.rfind(c) for c in "，,。；;：: \t") + 1:]
                    subj_clean = subj_clean[cut + 1:]
                subj_clean = subj_clean[-30:]
                ln = last_ln = _para_line_for(src, p.line_numbers, m.token, after=last_ln)
                # attach shares / changes to the figure they qualify
                if prev is not None:
                    ch = _CHANGE.search(subj)
                    if m.unit == "%" and re.search(r"占", subj) and not ch and prev.share_pct is None:
                        prev.share_pct = m.value
                        continue
                    if ch and (m.unit == "%" or m.unit == prev.unit):
                        sign = -1 if ch.group(2) in ("减少", "下降", "降低") else 1
                        if m.unit == "%" and prev.unit != "%":
                            if prev.change_pct is None:
                                prev.change_pct = sign * m.value
                            continue
                        if prev.change is None and m.unit == prev.unit:
                            prev.change = sign * m.value
                            continue
                if re.search(r"(增加|减少|增长|下降|持平|上升|降低)$", subj.strip(" ，,：:")):
                    continue  # a change with nothing before it to qualify
                name = subj_clean
                generic = re.sub(r"涉及|预算|决算|金额|价值|资金|共计|合计|其中|总计|约|为|共|达到|安排|支出|收入|数", "", name)
                head = re.split(r"[:：]", subj.strip())[0] if re.search(r"[:：]", subj) else ""
                if len(re.sub(r"[^\u4e00-\u9fff]", "", generic)) < 2 and len(re.sub(r"[^\u4e00-\u9fff]", "", head)) >= 4:
                    name = f"{head.strip()[-40:]} {name}"  # the heading before the colon names the figure
                # '机关运行经费方面，2025年区民政局安排412.66万元': the year and the office name nothing;
                # the topic the sentence opened with ('X方面') names the figure
                own = re.sub(r"\d{4}年度?|[\u4e00-\u9fff]{0,8}?(?:局|委员会|办公室|厅)|本部门|本单位", "", generic)
                m_topic = re.fullmatch(r"(?:在|从|就)?([\u4e00-\u9fff“”「」（）]{2,20}?)(?:方面|上|来看|看)", topic.strip())
                if len(re.sub(r"[^\u4e00-\u9fff]", "", own)) < 2 and m_topic:
                    name = f"{m_topic.group(1)} {name}"
                if (len(re.sub(r"[^\u4e00-\u9fff]", "", name)) < 3 or len(re.sub(r"[^\u4e00-\u9fff]", "", generic)) < 2) \
                        and subject_chain:
                    name = f"{subject_chain} {name}".strip()
                cites = []
                lines = [n for n in (ln - 2, ln) if n in p.line_numbers and src.lines[n - 1].text.strip()]
                # to the end of the sentence: the answer quotes it whole, so its other figures are cited too
                end = ln
                for later in clause_ms[clause_ms.index(m) + 1:]:
                    e = _para_line_for(src, p.line_numbers, later.token, after=end)
                    if ln <= e <= ln + 5:
                        end = e
                lines += [n for n in range(ln + 1, end + 1) if n in p.line_numbers]
                lines = sorted(set(lines + [ln])) if ln else lines
                cites.append((_loc(src, lines[0] if lines else ln),
                              "\n".join(src.lines[n - 1].text for n in lines if 0 < n <= len(src.lines))))
                name = name[-60:]
                if item and m.start >= item_end and item[:6] not in squash(name):
                    name = f"{item} {name[-40:]}"
                elif project and squash(project)[:6] not in squash(name):
                    name = f"{project} {name[-40:]}"
                f = Fact(doc_id=d.doc_id, source=d.source_name, name=name, context=section, value=m.value,
                         unit=m.unit, kind="prose", cites=cites, line=ln, clause=clause,
                         loc=src.lines[ln - 1].loc if 0 < ln <= len(src.lines) else None)
                out.append(f)
                if m.unit in AMOUNT_UNITS:
                    prev = f
                subj_core = re.sub(r"^(其中|包括|含)[:：]?", "", subj_clean)
                if len(re.sub(r"[^\u4e00-\u9fff]", "", subj_core)) >= 3:
                    subject_chain = subj_core[-30:]
    return out


_NUMISH = re.compile(r"\d")


def _tab_facts(d: Disclosure, src: SourceDoc) -> list[Fact]:
    """Rows of tab-separated tables (markdown exports): values by header column. A PDF's ruled
    tables are not read here: their cells, with each table's own unit, are already parsed tables."""
    out: list[Fact] = []
    header: list[str] | None = None
    project = ""
    title = ""
    grid_lines = {n for g in src.grids for n in g.row_lines if n is not None}
    for i, line in enumerate(src.lines, start=1):
        if i - 1 in grid_lines:
            continue
        cells = line.cells
        t = norm(line.text)
        if not cells:
            if re.search(r"(自评表|目标表|情况表|明细表)", t) and len(t) < 40:
                title, header, project = t, None, ""
            continue
        cells = [norm(c) for c in cells]
        nonempty = [c for c in cells if c]
        k_name = next((k for k, c in enumerate(cells) if c.endswith("项目名称")), None)
        if k_name is not None:
            # a merged line may end one table (总分 …) and start the next (… 项目名称 X)
            head_cells = cells[:k_name + 1]
            if header is not None and any(_NUMISH.search(c) for c in head_cells):
                out.extend(_tab_row(d, line, i, head_cells, header, project, title))
            project = next((c for c in cells[k_name + 1:] if c), project)
            project = re.sub(r"(主管部门|实施单位).*$", "", project).strip()
            header = None
            continue
        if len(nonempty) >= 3 and not any(_NUMISH.search(c) for c in nonempty):
            header = cells
            continue
        if header is None:
            continue
        out.extend(_tab_row(d, line, i, cells, header, project, title))
    return out


def _tab_row(d: Disclosure, line, i: int, cells: list[str], header: list[str], project: str, title: str) -> list[Fact]:
    out: list[Fact] = []
    if True:
        names: list[str] = []
        for j, c in enumerate(cells):
            if not c:
                continue
            if mentions(c) and (j < len(header) and header[j] and not re.search(r"指标$|名称|来源", header[j])):
                col = header[j] if j < len(header) else ""
                ms = mentions(c)
                if not ms:
                    continue
                m = ms[-1] if c.startswith(("=", ">", "<", "≥", "≤")) else ms[0]
                name = " ".join(names[-2:]) or (project or "")
                unit = m.unit or ("%" if "率" in col else ("万元" if "数" in col or "资金" in col else ""))
                out.append(Fact(doc_id=d.doc_id, source=d.source_name, name=name, context=f"{title} {project}".strip(),
                                value=m.value, unit=unit or "", kind="tabrow", cites=[(str(line.loc), line.text)],
                                column=col, line=i, loc=line.loc, project=project, cell=c))
            elif (not _NUMISH.search(c) or not mentions(c)) and not (
                    j < len(header) and re.search(r"依据|原因|偏差|措施|说明|备注", header[j] or "")):
                names.append(c)  # (a 设定依据 / 偏差原因 cell is commentary, not the row's name)
    return out


def _list_blocks(d: Disclosure, src: SourceDoc) -> list[ListBlock]:
    """Enumerations stated in prose: '下设 7 个科室，分别是：A、B、C' and numbered lines."""
    out = []
    for p in d.paragraphs:
        text = norm(p.text)
        m = re.search(r"(.{0,40}?)(?:分别是|分别为|包括|主要有|有)[:：](.+)", text)
        if m and "、" in m.group(2):
            items = [x.strip(" 。；;.") for x in re.split(r"[、；;]", m.group(2)) if x.strip(" 。；;.")]
            raw = "\n".join(src.lines[n - 1].text for n in p.line_numbers if 0 < n <= len(src.lines))
            out.append(ListBlock(heading=m.group(1), items=items, cite=(str(p.loc), raw)))
    # numbered single lines following a heading sentence ending with '：'
    paras = d.paragraphs
    for i, p in enumerate(paras):
        t = norm(p.text)
        if t.endswith(("：", ":")):
            items, lines = [], []
            for q in paras[i + 1:i + 30]:
                qt = norm(q.text)
                mm = re.match(r"^\s*(\d+|[一二三四五六七八九十]+)[.、．)]\s*(.+)$", qt)
                if not mm or len(qt) > 60:
                    break
                items.append(mm.group(2).strip(" 。；;"))
                lines.extend(q.line_numbers)
            if len(items) >= 2:
                raw = "\n".join(src.lines[n - 1].text for n in [*p.line_numbers, *lines] if 0 < n <= len(src.lines))
                out.append(ListBlock(heading=t, items=items, cite=(str(p.loc), raw)))
    return out


def _empty_table_facts(d: Disclosure, src: SourceDoc) -> list[Fact]:
    """An empty table (空表) states 0 for everything it would hold; cite its sentence."""
    out = []
    for t in d.tables:
        if t.rows or not t.empty_note:
            continue
        key = squash(t.empty_note)[-20:]
        n = next((i for i, l in enumerate(src.lines, start=1) if key and key in squash(l.text)), t.loc.line or 0)
        lines = [k for k in (n - 2, n - 1, n) if 0 < k <= len(src.lines) and src.lines[k - 1].text.strip()]
        raw = "\n".join(src.lines[k - 1].text for k in lines) or t.empty_note
        out.append(Fact(doc_id=d.doc_id, source=d.source_name, name=f"{t.title}（空表）", context=t.number or "",
                        value=0.0, unit=t.unit or "万元", kind="cell", cites=[(_loc(src, n), raw)], table=t.key,
                        column="合计", is_total=True, line=n, empty=True,
                        loc=src.lines[n - 1].loc if 0 < n <= len(src.lines) else t.loc))
    return out


def cite_figure(src: SourceDoc, fig) -> tuple[str, str]:
    """The raw line(s) a parsed figure stands on: the line near its locator that writes the
    number, with the line before it (where the subject often is)."""
    n0 = fig.loc.line or 0
    forms = [number_pattern(f) for f in number_forms(fig.value)]
    # the subject written just before the number ('公务接待费 0.00 万元'): the line that holds
    # both is the one to quote when several nearby lines hold the number
    text = squash(norm(getattr(fig, "text", "") or ""))
    m = next((p.search(text) for p in forms if p.search(text)), None)
    key = re.sub(r"[^\u4e00-\u9fff]", "", text[:m.start()])[-4:] if m else ""
    span = range(max(1, n0 - 1), min(len(src.lines), n0 + 8) + 1)
    keyed = [n for n in span if key and len(key) >= 2 and key in squash(src.lines[n - 1].text)
             and any(f.search(squash(src.lines[n - 1].text)) for f in forms)]
    for n in keyed[:1] or span:
        if any(f.search(squash(src.lines[n - 1].text)) for f in forms):
            lines = [k for k in (n - 2, n - 1) if k >= max(1, n0 - 1) and src.lines[k - 1].text.strip()] + [n]
            return str(src.lines[n - 1].loc), "\n".join(src.lines[k - 1].text for k in lines)
    return str(fig.loc), fig.text or ""


def _model_facts(d: Disclosure, src: SourceDoc) -> list[Fact]:
    """Figures the parser recognised, under the template's own names."""
    out: list[Fact] = []

    def add(fig, name: str, context: str, **kw) -> Fact | None:
        if fig is None:
            return None
        inj = INSTRUCTION_RE.search(norm(fig.text or ""))
        if inj and any(squash(x) in squash(inj.group(0)) for x in number_forms(float(fig.value))):
            return None  # a figure read out of an instruction aimed at a model is no figure
        f = Fact(doc_id=d.doc_id, source=d.source_name, name=name, context=context, value=float(fig.value),
                 unit=fig.unit or "万元", kind="model", cites=[cite_figure(src, fig)], line=fig.loc.line or 0, loc=fig.loc,
                 clause=norm(fig.text or ""), **kw)
        out.append(f)
        return f

    st = d.staffing
    if st:
        add(st.authorized, "编制数", "机构设置及人员情况")
        add(st.actual, "实有人数", "机构设置及人员情况")
        a = add(st.active, "在职人员 在职人数", "机构设置及人员情况")
        if a and st.active_change:
            a.change = st.active_change.value
        r = add(st.retired, "退休人员 退休人数", "机构设置及人员情况")
        if r and st.retired_change:
            r.change = st.retired_change.value
        add(st.lixiu, "离休人员 离休人数", "机构设置及人员情况")
    if d.org:
        add(d.org.offices_count, "科室数量 处室 内设机构", "机构设置")
        add(d.org.subordinate_count, "下属预算单位数量", "机构设置")
    for p in d.projects:
        ctx = "项目支出 " + " ".join(p.section_path[-1:])
        add(p.scale, f"{p.name} 预算安排规模", ctx)
        for al in p.allocations:
            add(al.amount, f"{p.name} {al.name}", ctx, alloc=al.name)
    for tp, ctx in ((d.three_public, "财政拨款三公经费"), (d.three_public_prose, "财政拨款三公经费（说明）")):
        if tp:
            add(tp.total, "三公经费 合计", ctx)
            add(tp.outbound, "因公出国（境）费", ctx)
            add(tp.reception, "公务接待费", ctx)
            add(tp.vehicle_total, "公务用车购置及运行费", ctx)
            add(tp.vehicle_purchase, "公务用车购置费", ctx)
            add(tp.vehicle_operation, "公务用车运行费 运行维护费", ctx)
    oc = d.operating_cost
    if oc and oc.amount:
        f = add(oc.amount, "机关运行经费", "机关运行经费")
        if f:
            f.change = oc.change.value if oc.change else None
            f.change_pct = oc.change_pct.value if oc.change_pct else None
    pr = d.procurement
    if pr:
        add(pr.total, "政府采购 总额", "政府采购")
        add(pr.goods, "政府采购 货物", "政府采购")
        add(pr.works, "政府采购 工程", "政府采购")
        add(pr.services, "政府采购 服务", "政府采购")
        add(pr.sme_reserved, "政府采购 中小企业 预留 合同", "政府采购")
        add(pr.small_micro_reserved, "政府采购 小微企业 预留 合同", "政府采购")
        add(pr.sme_share_pct, "中小企业 占比", "政府采购")
    a = d.assets
    if a:
        add(a.building_area, "房屋 面积", "国有资产占用")
        add(a.building_value, "房屋 价值", "国有资产占用")
        add(a.vehicles, "车辆 公务用车 数量", "国有资产占用")
        add(a.vehicles_value, "车辆 公务用车 价值", "国有资产占用")
        add(a.equipment_over_50, "单位价值50万元以上设备 大型设备", "国有资产占用")
        add(a.equipment_over_100, "单位价值100万元以上设备 大型设备", "国有资产占用")
    for pf in d.prose_figures:
        if pf.amount is None or INSTRUCTION_RE.search(norm(pf.text)):
            continue
        fig = type("F", (), {"value": pf.amount, "unit": pf.unit, "loc": pf.loc, "text": pf.text})()
        f = add(fig, pf.subject, " > ".join(pf.section_path[-2:]))
        if f:
            f.kind = "prose"
            f.change, f.change_pct, f.share_pct = pf.change, pf.change_pct, pf.share_pct
            f.clause = norm(pf.text)
    return out


def _value_line(src: SourceDoc, n0: int, value: float, span: int = 3) -> int:
    for n in range(max(1, n0), min(len(src.lines), n0 + span) + 1):
        if states_number(src.lines[n - 1].text, value):
            return n
    return n0


def _perf_fact(d: Disclosure, src: SourceDoc, t, name: str, column: str, value: float, unit: str, n0: int) -> Fact:
    n = _value_line(src, n0, value)
    lines = [k for k in (n - 2, n - 1) if k >= max(1, n0 - 2) and src.lines[k - 1].text.strip()] + [n]
    text = "\n".join(src.lines[k - 1].text for k in lines if 0 < k <= len(src.lines))
    project = squash(t.project or (t.department or "部门整体"))
    per = re.match(r"^(元|万元|亿元)\s*/\s*(\S+)$", unit or "")
    if per:  # '≤5000 元/人' is an amount per person
        unit, name = per.group(1), f"{name} 每{per.group(2)}"
    return Fact(doc_id=d.doc_id, source=d.source_name, name=name, context=f"{t.kind}表 {project}", value=value,
                unit=unit, kind="tabrow", cites=[(_loc(src, n), text)], column=column, line=n, project=project,
                loc=src.lines[n - 1].loc if 0 < n <= len(src.lines) else None)


def _performance_facts(d: Disclosure, src: SourceDoc) -> list[Fact]:
    """Every figure of the parsed 绩效目标表 / 绩效自评表: indicator targets, actuals, weights and
    scores, and the money rows (年度预算总额, 年初预算数, 全年执行数, 执行率 …), under the
    template's column names, whatever the input shape (text, markdown, PDF)."""
    out: list[Fact] = []
    for t in d.performance:
        self_eval = "自评" in t.kind
        for ind in t.indicators:
            name = " ".join(x for x in (ind.level2, squash(ind.name)) if x)
            n0 = ind.loc.line or 0
            if ind.target_value is not None:
                out.append(_perf_fact(d, src, t, name, "年度指标值" if self_eval else "指标值", ind.target_value,
                                      ind.target_unit or "", n0))
                out[-1].operator = ind.operator
            if ind.actual_value is not None:
                out.append(_perf_fact(d, src, t, name, "实际完成值" if self_eval else "上年完成值", ind.actual_value,
                                      ind.target_unit or "", n0))
            if ind.weight is not None:
                out.append(_perf_fact(d, src, t, name, "分值", ind.weight, "分", n0))
            if ind.score is not None:
                out.append(_perf_fact(d, src, t, name, "得分", ind.score, "分", n0))
        for row in t.funds:
            for col, v in row.values.items():
                if v is None:
                    continue
                unit = "%" if "率" in col else "分" if re.search(r"分值|得分|权重", col) else "万元"
                out.append(_perf_fact(d, src, t, squash(row.name), col, v, unit, row.loc.line or 0))
        if t.total_score is not None:
            out.append(_perf_fact(d, src, t, "总分 自评得分", "得分", t.total_score, "分", t.loc.line or 0))
    return out


def _empty_prose_facts(d: Disclosure, src: SourceDoc) -> list[Fact]:
    """'…表为空表' / '本年度无…收入、支出' in the prose: the figures it names are 0."""
    out = []
    for p in d.paragraphs:
        t = norm(p.text)
        if "空表" in t and not any(m.unit for m in mentions(t)):
            raw = "\n".join(src.lines[n - 1].text for n in p.line_numbers if 0 < n <= len(src.lines))
            out.append(Fact(doc_id=d.doc_id, source=d.source_name, name=t[:60], context=" > ".join(p.section_path[-1:]),
                            value=0.0, unit="万元", kind="prose", cites=[(str(p.loc), raw)], clause=t,
                            line=p.loc.line or 0, loc=p.loc, empty=True))
    return out


def build_catalog(d: Disclosure, src: SourceDoc) -> FactCatalog:
    """The catalog, built once at ingest from the parsed model and its source lines."""
    facts = (_table_facts(d, src) + _empty_table_facts(d, src) + _empty_prose_facts(d, src) + _model_facts(d, src)
             + _prose_facts(d, src, goals := goal_paragraphs(d, src)))
    tab = _tab_facts(d, src)
    have = {(f.line, round(f.value, 2)) for f in tab}
    facts += tab + [f for f in _performance_facts(d, src) if (f.line, round(f.value, 2)) not in have]
    return FactCatalog(facts=facts, lists=_list_blocks(d, src), goals=goals)


