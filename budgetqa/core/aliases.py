"""Words users type and what the documents say (DOMAIN.md), shared by parsing, search and answering."""
from __future__ import annotations

from functools import lru_cache

from .vocabulary import VOCABULARY as _VOCAB

# user word -> document words (the first is the canonical form)
ALIASES: dict[str, list[str]] = _VOCAB["aliases"]

# words jieba must keep whole (domain vocabulary)
DOMAIN_WORDS: list[str] = _VOCAB["domain_words"]

# administrative suffixes that end a region name
REGION_SUFFIXES = tuple(_VOCAB["region_suffixes"])

# region short names -> canonical
REGION_CANON: dict[str, str] = _VOCAB["region_canon"]


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
SYNONYMS: dict[str, list[str]] = _VOCAB["synonyms"]


def synonyms(text: str) -> list[str]:
    """Template words for the everyday words found in `text` (科室 → 处室, 内设机构 …),
    longest user words first; the words themselves are not repeated."""
    out: list[str] = []
    for k in sorted(SYNONYMS, key=len, reverse=True):
        if k in text:
            out.extend(v for v in SYNONYMS[k] if v not in out and v not in text)
    return out


# what a department's name ends with, and the one character its short form keeps of it
_DEPT_ENDS = tuple(tuple(x) for x in _VOCAB["department_endings"])


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
    out = {f + short for f in forms if len(f) >= 2}
    if short == "中心":
        out |= {f for f in forms if len(f) >= 2}     # 疾控中心 is said 疾控 too
    return frozenset(out)
