"""China's administrative regions as vocabulary: every province, prefecture and county with
the short forms users type (新疆, 巴音郭楞州, 杭州), read from `regions.json` (built by
tools/build_regions.py from the cpca package's adcodes table; data, not code).

`named_in(text)` finds the regions a question names — including regions no indexed document
covers, so a question about 杭州 is never answered from 上海's documents; `code_of(region)`
places a document's region (上海市普陀区) in the hierarchy; `within(code, outer)` says whether
a region lies inside another (普陀区 inside 上海市).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class Region:
    code: str        # six-digit adcode: 65 0000 province, 6528 00 prefecture, 310107 county
    name: str
    level: str       # province | prefecture | county

    @property
    def prefix(self) -> str:
        return self.code[:2] if self.level == "province" else self.code[:4] if self.level == "prefecture" else self.code


# after a prefecture's short form a region word or a department word must follow ('杭州市',
# '昌吉州科技局'): a bare two-character place name is too often an ordinary word
_AFTER_SHORT = re.compile(r"^(市|州|地区|盟|区|县|[\u4e00-\u9fff]{0,4}(局|委|办|厅|科协|政府|部门|单位))")


@lru_cache(maxsize=1)
def _table() -> tuple[list[Region], list[tuple[str, Region, bool]]]:
    data = json.loads(files("budgetqa.core").joinpath("regions.json").read_text("utf-8"))["regions"]
    regions = [Region(r["code"], r["name"], r["level"]) for r in data]
    names: list[tuple[str, Region, bool]] = []
    for r, raw in zip(regions, data):
        if r.level != "county" or len(r.name) >= 3:
            names.append((r.name, r, False))
        for s in raw["short"]:
            names.append((s, r, r.level != "province"))
    names.sort(key=lambda x: -len(x[0]))
    return regions, names


@lru_cache(maxsize=1)
def _by_first_char() -> dict[str, list[int]]:
    """First character -> the indexes (into `_table()`'s names) of the names starting with it:
    a question of 20 characters is searched for a few hundred names, not all ~7,000."""
    out: dict[str, list[int]] = {}
    for k, (name, _, _) in enumerate(_table()[1]):
        out.setdefault(name[0], []).append(k)
    return out


def all_regions() -> list[Region]:
    return list(_table()[0])


@lru_cache(maxsize=8192)
def name_spans(text: str) -> tuple[tuple[int, int, Region], ...]:
    """Where `text` names a region: (start, end, region), longest names first, a name inside a
    longer match not counted; the same name twice in the country gives one span per region.
    Cached: the parser asks it of the same question several times."""
    _, names = _table()
    first = _by_first_char()
    candidates = sorted({k for c in set(text) for k in first.get(c, ())})  # still longest first
    spans: list[tuple[int, int]] = []
    out: list[tuple[int, int, Region]] = []
    for name, region, needs_tail in (names[k] for k in candidates):
        start = 0
        while (i := text.find(name, start)) >= 0:
            start = i + 1
            j = i + len(name)
            if (i, j) in spans and needs_tail is False:
                out.append((i, j, region))      # the same name twice in the country (普陀区: 上海 and 舟山)
                continue
            if any(s <= i and j <= e for s, e in spans):
                continue
            if needs_tail and not _AFTER_SHORT.match(text[j:]):
                continue
            spans.append((i, j))
            out.append((i, j, region))
    return tuple(out)


def named_in(text: str) -> list[Region]:
    """The regions `text` names, longest names first, a name inside a longer match not counted."""
    out: list[Region] = []
    for _, _, region in name_spans(text):
        if region not in out:
            out.append(region)
    return out


def without_regions(text: str) -> str:
    """`text` with every region name it contains blanked out ('这几份新疆科技局' → '这几份  科技局')."""
    chars = list(text)
    for i, j, _ in name_spans(text):
        chars[i:j] = " " * (j - i)
    return "".join(chars)


@lru_cache(maxsize=4096)
def code_of(region: str | None) -> Region | None:
    """The deepest region a document's region string names (上海市普陀区 → 普陀区 of 上海); cached:
    a question's scope asks it of every indexed document, and a corpus has few distinct regions."""
    if not region:
        return None
    found = named_in(region)
    if not found:
        return None
    provinces = {r.code[:2] for r in found if r.level == "province"}
    deep = [r for r in found if not provinces or r.code[:2] in provinces]
    return max(deep or found, key=lambda r: ("province", "prefecture", "county").index(r.level))


def within(inner: Region | None, outer: Region) -> bool:
    return inner is not None and inner.code.startswith(outer.prefix)
