"""Words users type and what the documents say (DOMAIN.md), shared by parsing, search and answering."""
from __future__ import annotations

from functools import lru_cache

# user word -> document words (the first is the canonical form)
ALIASES: dict[str, list[str]] = {
    "暖气费": ["取暖费"],    # everyday words for a 经济分类 row (302 08)
    "巴州": ["巴音郭楞蒙古自治州"],
    "巴音郭楞": ["巴音郭楞蒙古自治州"],
    "昌吉州": ["昌吉回族自治州"],
    "昌州": ["昌吉回族自治州"],
    "昌吉": ["昌吉回族自治州"],
    "乌市": ["乌鲁木齐市"],
    "首府": ["乌鲁木齐市"],
    "乌鲁木齐": ["乌鲁木齐市"],
    "科技局": ["科学技术局"],
    "州科技局": ["科学技术局"],
    "市科技局": ["科学技术局"],
    "科协": ["科学技术协会"],
    # the short forms every government office goes by (区政府办 = 区人民政府办公室)
    "政府办": ["人民政府办公室"],
    "府办": ["人民政府办公室"],
    "区府办": ["人民政府办公室"],
    "市府办": ["人民政府办公室"],
    "县府办": ["人民政府办公室"],
    "商务委": ["商务委员会"],
    "发改委": ["发展和改革委员会"],
    "卫健委": ["卫生健康委员会"],
    "教委": ["教育委员会"],
    "经委": ["经济委员会"],
    "经信委": ["经济和信息化委员会"],
    "科委": ["科学技术委员会"],
    "农委": ["农业委员会"],
    "民宗委": ["民族宗教事务委员会"],
    "外办": ["外事办公室"],
    "侨办": ["侨务办公室"],
    "高企": ["高新技术企业"],
    "三公": ["三公经费", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
    "三公经费": ["三公经费", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
    "两区": ["乌昌石国家自主创新示范区", "丝绸之路经济带创新驱动发展试验区"],
    "三区人才": ["三区", "科技人才支持计划", "科技人员专项计划"],
    "双创": ["大众创业", "万众创新", "创新创业"],
    "人头经费": ["人员经费"],
    "公车": ["公务用车", "车辆"],
    "出国": ["因公出国（境）费", "因公出国"],
    "编制": ["编制数"],
    "执行": ["全年执行数", "决算数"],
}

# words jieba must keep whole (domain vocabulary)
DOMAIN_WORDS: list[str] = [
    "一般公共预算", "一般公共预算拨款", "政府性基金预算", "国有资本经营预算", "财政专户", "单位资金",
    "财政拨款", "财政拨款结转", "非财政拨款结转结余", "上年结转结余", "收支总预算", "本年收入",
    "基本支出", "项目支出", "人员经费", "公用经费", "机关运行经费", "三公经费", "因公出国（境）费",
    "公务接待费", "公务用车购置费", "公务用车运行费", "公务用车运行维护费", "公务用车购置及运行费",
    "政府采购", "国有资产", "编制数", "实有人数", "在职", "退休", "离休", "绩效目标", "绩效自评",
    "预算安排规模", "资金分配情况", "项目承担单位", "设立的政策依据", "资金执行时间",
    "高新技术企业", "科技型中小企业", "功能分类", "经济分类", "科学技术支出", "行政运行",
    "一般行政管理事务", "机构运行", "年初预算数", "全年预算数", "全年执行数", "执行率", "预决算差异率",
    "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出", "对企业补助",
    "中小企业", "小微企业", "房屋", "车辆", "部门整体绩效", "项目支出绩效",
]

# administrative suffixes that end a region name
REGION_SUFFIXES = ("维吾尔自治区", "自治区", "自治州", "地区", "盟", "州", "市", "县", "区", "旗", "省")

# region short names -> canonical
REGION_CANON: dict[str, str] = {
    "巴州": "巴音郭楞蒙古自治州", "新疆巴州": "巴音郭楞蒙古自治州", "新疆巴音郭楞蒙古自治州": "巴音郭楞蒙古自治州",
    "昌吉州": "昌吉回族自治州", "昌州": "昌吉回族自治州", "乌市": "乌鲁木齐市",
}


def expand(text: str) -> list[str]:
    """Document words for the user words found in `text`."""
    out: list[str] = []
    for k, vals in ALIASES.items():
        if k in text:
            out.extend(v for v in vals if v not in out)
    return out


# Template vocabulary: what users type -> what the disclosure template writes for the same
# thing (DOMAIN.md). Used to widen *search* queries only (never to resolve scope): the
# document words are searched alongside the user's words, at a lower weight. Keys are
# everyday words; values are the template's own terms, which occur in any department's
# 预算/决算 disclosure, whatever the region or year.
SYNONYMS: dict[str, list[str]] = {
    # organisation and staff
    "科室": ["处室", "内设机构", "下设", "机构设置"],
    "部门设置": ["内设机构", "下设", "机构设置"],
    "处室": ["内设机构", "下设"],
    "内设机构": ["处室", "下设"],
    "下属单位": ["下属预算单位", "所属单位", "二级预算单位"],
    "二级单位": ["下属预算单位", "所属单位"],
    "编制": ["编制数", "核定编制", "人员编制"],
    "多少人": ["实有人数", "编制数", "在职"],
    "人数": ["实有人数", "编制数", "在职人员"],
    "员工": ["在职人员", "实有人数"],
    "退休": ["退休人员", "离退休"],
    "本级": ["本级", "机关本级", "单位名称"],
    # money words
    "人头费": ["人员经费", "工资福利支出"],
    "人头经费": ["人员经费", "工资福利支出"],
    "工资": ["工资福利支出", "基本工资", "人员经费"],
    "办公经费": ["公用经费", "办公费", "商品和服务支出"],
    "日常运转": ["公用经费", "机关运行经费"],
    "运转经费": ["机关运行经费", "公用经费"],
    "行政经费": ["机关运行经费", "行政运行"],
    "公车": ["公务用车", "车辆"],
    "公车费": ["公务用车购置及运行费", "公务用车运行费", "公务用车运行维护费"],
    "公车经费": ["公务用车购置及运行费", "公务用车运行费", "公务用车运行维护费"],
    "车辆": ["公务用车", "车辆"],
    "用车": ["公务用车", "公务用车购置及运行费", "公务用车运行维护费"],
    "买车": ["公务用车购置费", "车辆购置"],
    "养车": ["公务用车运行维护费", "公务用车运行费"],
    "出国": ["因公出国（境）费", "因公出国"],
    "出境": ["因公出国（境）费", "因公出国"],
    "招待": ["公务接待费", "公务接待"],
    "接待": ["公务接待费", "公务接待"],
    "采购": ["政府采购", "采购预算", "政府采购支出"],
    "结转": ["上年结转结余", "财政拨款结转", "结转结余"],
    "结余": ["上年结转结余", "结转结余", "非财政拨款结转结余"],
    "上年结转": ["上年结转结余", "财政拨款结转", "上年结转资金"],
    "单位资金": ["单位资金", "非财政拨款", "其他资金"],
    "自有资金": ["单位资金", "非财政拨款", "其他资金"],
    "非财政": ["非财政拨款", "单位资金", "其他资金"],
    "转移支付": ["上级一般公共预算安排转移支付", "转移支付资金"],
    "拨款": ["财政拨款", "一般公共预算拨款"],
    "总预算": ["收支总预算", "收入总计", "支出总计"],
    "部门预算": ["收支总预算", "收入总计", "支出总计"],
    "总盘子": ["收支总预算", "收入总计", "支出总计"],
    "总收入": ["收入总计", "本年收入合计", "收入预算"],
    "总支出": ["支出总计", "本年支出合计", "支出预算"],
    "本年支出": ["本年支出合计", "支出总计"],
    "本年收入": ["本年收入合计", "收入总计"],
    "决算数": ["决算数", "全年执行数", "支出决算"],
    "执行数": ["全年执行数", "决算数"],
    "执行率": ["执行率", "全年执行数", "全年预算数"],
    "执行": ["全年执行数", "执行率", "决算数"],
    "花了": ["支出决算", "全年执行数", "决算数"],
    "实际支出": ["支出决算", "全年执行数", "决算数"],
    "年初预算": ["年初预算数", "年初预算"],
    "全年预算": ["全年预算数", "全年预算"],
    "差异": ["预决算差异率", "差异率"],
    "偏差": ["偏差原因", "预决算差异率"],
    "占比": ["占", "比重"],
    "比例": ["占", "比重"],
    "比重": ["占"],
    "增长": ["比上年", "增长", "增加"],
    "增加": ["比上年", "增加", "增长"],
    "减少": ["比上年", "减少", "下降"],
    "下降": ["比上年", "减少", "下降"],
    "变化": ["比上年", "增加", "减少"],
    "原因": ["主要原因"],
    # assets
    "资产": ["国有资产占用", "国有资产", "资产总额"],
    "固定资产": ["国有资产占用", "国有资产"],
    "房子": ["房屋", "房屋建筑物"],
    "房屋": ["房屋", "国有资产占用"],
    "办公用房": ["房屋", "办公用房"],
    "设备": ["通用设备", "专用设备", "单位价值"],
    # performance
    "绩效": ["绩效目标", "绩效自评", "绩效指标"],
    "目标": ["绩效目标", "年度目标", "总体目标", "指标值"],
    "指标": ["三级指标", "指标值", "绩效指标"],
    "自评": ["绩效自评", "自评表", "得分"],
    "得分": ["得分", "自评得分", "总分"],
    "完成情况": ["实际完成值", "完成值", "指标完成值"],
    "完成值": ["实际完成值", "上年完成值", "指标完成值"],
    "满意度": ["满意度指标", "服务对象满意度"],
    # projects
    "项目": ["项目名称", "项目支出"],
    # totals: the template's total rows and sentences
    "一共": ["合计", "总计"],
    "总共": ["合计", "总计"],
    "总额": ["合计", "总计"],
    "加起来": ["合计", "总计"],
    "规模": ["预算安排规模"],
    "依据": ["设立的政策依据", "政策依据"],
    "承担单位": ["项目承担单位"],
    "谁负责": ["项目承担单位", "项目负责人"],
    "负责人": ["项目负责人", "项目承担单位"],
    "怎么分配": ["资金分配情况"],
    "分配": ["资金分配情况"],
    "什么时候": ["资金执行时间", "执行时间"],
}


def synonyms(text: str) -> list[str]:
    """Template words for the everyday words found in `text` (科室 → 处室, 内设机构 …),
    longest user words first; the words themselves are not repeated."""
    out: list[str] = []
    for k in sorted(SYNONYMS, key=len, reverse=True):
        if k in text:
            out.extend(v for v in SYNONYMS[k] if v not in out and v not in text)
    return out


# what a department's name ends with, and the one character its short form keeps of it
_DEPT_ENDS = (("委员会", "委"), ("办公室", "办"), ("管理局", "局"), ("局", "局"), ("厅", "厅"), ("委", "委"),
              ("中心", "中心"), ("办", "办"))


@lru_cache(maxsize=4096)
def department_short_forms(core: str) -> frozenset[str]:
    """The ways Chinese abbreviates an office's name, generated rather than listed: the first
    character of each two-character word (卫生健康局 → 卫健局, 科学技术局 → 科技局), of each
    four-character word (人力资源和社会保障局 → 人社局), of the first and last words (住房和城乡
    建设局 → 住建局) and of the first two (市场监督管理局 → 市监局). Several candidates, since
    usage varies; a question's word matches when it is one of them."""
    for end, short in _DEPT_ENDS:
        if core.endswith(end) and len(core) > len(end) + 1:
            body = core[: -len(end)]
            break
    else:
        return frozenset()
    body = body.replace("和", "").replace("与", "").replace("及", "")
    if len(body) < 4:
        return frozenset()
    two = [body[i:i + 2] for i in range(0, len(body) - 1, 2)]
    four = [body[i:i + 4] for i in range(0, len(body), 4)] if len(body) % 4 == 0 else []
    forms = {"".join(w[0] for w in two), "".join(w[0] for w in two[:2])}
    if end == "管理局":
        forms.add(body)          # 水网调度管理局 → 水网调度局: the 管理 dropped, the rest kept
    if len(two) >= 2:
        forms.add(two[0][0] + two[-1][0])
    if len(four) >= 2:
        forms.add("".join(w[0] for w in four))
    return frozenset(f + short for f in forms if len(f) >= 2)
