"""The catalogue of table kinds (`catalogue.json`) as objects: the only place a table's kind is decided.

Every input goes through it — a PDF's ruled grid, an xlsx sheet, a table flattened to text lines:
a table is recognised by its title **and** its header cells (`Catalogue.recognise`). What a kind
needs for text whose empty cells were lost (its standard columns, their identities, its named rows,
the values another table pins) is data of the same entry. No title, header or row pattern lives in
code: adding a template family, or a title variant, is adding data.

`BUDGETQA_CATALOGUE` (a path) replaces the bundled catalogue with another file of the same shape
(start from a copy of `catalogue.json`), read at the next parse and again whenever the file
changes; `use_catalogue(path)` does the same in-process.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from budgetqa.core.errors import UserInputError
from budgetqa.core.normalize import norm, squash

from .columns import Identity

CATALOGUE_ENV = "BUDGETQA_CATALOGUE"


@dataclass
class TableTemplate:
    """One table kind. `columns` (and what goes with them) only for kinds readable from flattened text."""

    key: str
    title: re.Pattern                      # the title variants, as one pattern
    columns: list[str] = field(default_factory=list)
    identities: list[Identity] = field(default_factory=list)
    shape: Literal["coded", "two_sided", "named"] = "coded"
    classification: Literal["功能分类", "经济分类", "项目", "名称"] = "功能分类"
    has_projects: bool = False
    # two-sided tables (表1, 表4): the left side's single column and the right side's columns
    left_columns: list[str] = field(default_factory=list)
    kind: str | None = None                # 预算 / 决算
    headers: re.Pattern | None = None      # header cells that confirm the kind
    two_sided: bool = False
    row_names: dict[str, re.Pattern] = field(default_factory=dict)
    row_groups: list[tuple[str, list[str]]] = field(default_factory=list)
    pins: dict[str, Any] | None = None     # {"table", "column", "row", "lines": [(pattern, column)]}

    @property
    def titles(self) -> re.Pattern:
        return self.title

    @property
    def readable_from_text(self) -> bool:
        return bool(self.columns)


Kind = TableTemplate


@dataclass
class Catalogue:
    kinds: list[TableTemplate]
    label: re.Pattern
    code: re.Pattern
    numbering: re.Pattern
    totals: re.Pattern
    numbered_title: re.Pattern
    unit_rows: re.Pattern
    note: re.Pattern | None = None          # annotation columns (定位, 列归属): neither name nor value
    source: str = "catalogue.json"

    def _candidates(self, text_only: bool) -> list[TableTemplate]:
        return [k for k in self.kinds if k.readable_from_text] if text_only else self.kinds

    def match_title(self, title: str, *, text_only: bool = False) -> TableTemplate | None:
        """The first kind whose title variants match (headers not consulted: is this a table title?)."""
        t = squash(norm(title))
        return next((k for k in self._candidates(text_only) if k.title.search(t)), None)

    def recognise(self, title: str, header_texts: list[str], *, text_only: bool = False) -> TableTemplate | None:
        """The kind whose title variant matches most of the title (政府性基金预算财政拨款收入支出决算表
        is that table, not any 支出决算表; the first in catalogue order among equals) and whose
        header words match one of the header cells; None: a table the catalogue does not know
        (kept as generic)."""
        t = squash(norm(title))
        best, best_len = None, 0
        for k in self._candidates(text_only):
            m = k.title.search(t)
            if m and k.headers is not None and any(k.headers.search(h) for h in header_texts):
                if best is None or len(m.group(0)) > best_len:
                    best, best_len = k, len(m.group(0))
        return best

    def get(self, key: str) -> TableTemplate | None:
        return next((k for k in self.kinds if k.key == key), None)


# ---------------------------------------------------------------- loading

def _bad(source: str, what: str) -> UserInputError:
    return UserInputError(f"table catalogue {source}: {what}",
                          hint=f"fix the file, or unset {CATALOGUE_ENV} to use the bundled catalogue")


def _pattern(source: str, where: str, value: Any) -> re.Pattern:
    pats = [value] if isinstance(value, str) else value
    if not isinstance(pats, list) or not pats or not all(isinstance(p, str) and p for p in pats):
        raise _bad(source, f"{where}: expected a pattern or a non-empty list of patterns")
    try:
        return re.compile("|".join(f"(?:{p})" if len(pats) > 1 else p for p in pats))
    except re.error as err:
        raise _bad(source, f"{where}: bad pattern ({err})") from err


def _equation(source: str, where: str, text: Any, names: list[str]) -> tuple[int, list[int]]:
    """'合计 = 基本支出 + 项目支出' as (index of the total, indexes of the parts) into `names`."""
    if not isinstance(text, str) or text.count("=") != 1:
        raise _bad(source, f"{where}: expected 'total = part + part', got {text!r}")
    left, right = text.split("=")
    terms = [left.strip()] + [p.strip() for p in right.split("+")]
    missing = [t for t in terms if t not in names]
    if missing:
        raise _bad(source, f"{where}: {', '.join(missing)} not among {names}")
    return names.index(terms[0]), [names.index(t) for t in terms[1:]]


def _kind(source: str, k: Any) -> TableTemplate:
    if not isinstance(k, dict) or not isinstance(k.get("key"), str) or not k["key"]:
        raise _bad(source, f"every kind needs a 'key': {str(k)[:80]}")
    key = k["key"]
    where = f"kind {key}"
    for req in ("titles", "headers"):
        if req not in k:
            raise _bad(source, f"{where}: no '{req}'")
    columns = list(k.get("columns", []))
    identities = [Identity(*_equation(source, f"{where} identities", e, columns)) for e in k.get("identities", [])]
    row_names = {name: _pattern(source, f"{where} rows.{name}", p) for name, p in (k.get("rows") or {}).items()}
    row_groups = []
    for g in k.get("row_groups", []):
        total, parts = _equation(source, f"{where} row_groups", g, list(row_names))
        names = list(row_names)
        row_groups.append((names[total], [names[p] for p in parts]))
    pins = None
    if k.get("pins"):
        p = k["pins"]
        if not all(isinstance(p.get(f), str) for f in ("table", "column", "row")) or not isinstance(p.get("lines"), list):
            raise _bad(source, f"{where} pins: needs 'table', 'column', 'row' and 'lines'")
        lines = []
        for entry in p["lines"]:
            if not (isinstance(entry, list) and len(entry) == 2 and entry[1] in columns):
                raise _bad(source, f"{where} pins: each line is [pattern, one of its columns], got {entry!r}")
            lines.append((_pattern(source, f"{where} pins", entry[0]), entry[1]))
        pins = {"table": p["table"], "column": p["column"], "row": p["row"], "lines": lines}
    two_sided = bool(k.get("two_sided", False))
    shape = "two_sided" if two_sided else k.get("shape", "coded")
    if shape not in ("coded", "two_sided", "named"):
        raise _bad(source, f"{where}: shape must be 'coded' or 'named'")
    return TableTemplate(key=key, title=_pattern(source, f"{where} titles", k["titles"]), columns=columns,
                         identities=identities, shape=shape, classification=k.get("classification", "功能分类"),
                         has_projects=bool(k.get("has_projects", False)),
                         left_columns=list(k.get("left_columns", [])), kind=k.get("kind"),
                         headers=_pattern(source, f"{where} headers", k["headers"]), two_sided=two_sided,
                         row_names=row_names, row_groups=row_groups, pins=pins)


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """The catalogue in `path` (a JSON file of the bundled one's shape), else the bundled one."""
    if path is None:
        source = "catalogue.json"
        text = files("budgetqa.extract").joinpath("catalogue.json").read_text("utf-8")
    else:
        source = str(path)
        try:
            text = Path(path).read_text("utf-8")
        except OSError as err:
            raise _bad(source, f"cannot be read ({err.strerror or type(err).__name__})") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise _bad(source, f"not valid JSON ({err})") from err
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), list):
        raise _bad(source, "expected an object with a 'kinds' list")
    kinds = [_kind(source, k) for k in data["kinds"]]
    dup = {k.key for k in kinds if sum(x.key == k.key for x in kinds) > 1}
    if dup:
        raise _bad(source, f"kind keys repeated: {', '.join(sorted(dup))}")
    pats = {}
    for name in ("label_headers", "code_headers", "numbering_rows", "totals", "numbered_title", "unit_rows"):
        if name not in data:
            raise _bad(source, f"no '{name}'")
        pats[name] = _pattern(source, name, data[name])
    note = _pattern(source, "note_headers", data["note_headers"]) if data.get("note_headers") else None
    return Catalogue(kinds, pats["label_headers"], pats["code_headers"], pats["numbering_rows"], pats["totals"],
                     pats["numbered_title"], pats["unit_rows"], note=note, source=source)


# ---------------------------------------------------------------- the current catalogue

# Views of the current catalogue, updated in place when it changes (modules import these names)
TEMPLATES: list[TableTemplate] = []                 # the kinds readable from flattened text
THREE_PUBLIC_ROWS: dict[str, re.Pattern] = {}        # the 三公 table's named rows
SUMMARY_TO_INCOME: list[tuple[re.Pattern, str]] = []  # 表1 income lines -> 表2 columns

_override: str | None = None
_current: tuple[str, Catalogue] | None = None


def use_catalogue(path: str | Path | None) -> Catalogue:
    """Read tables with the catalogue in `path` from now on (None: back to $BUDGETQA_CATALOGUE or the bundled one)."""
    global _override
    _override = str(path) if path is not None else None
    return catalogue()


def catalogue() -> Catalogue:
    """The catalogue in use: `use_catalogue`'s, else $BUDGETQA_CATALOGUE's, else the bundled one."""
    global _current
    where = _override or os.environ.get(CATALOGUE_ENV) or ""
    key = where
    if where:
        try:        # an edited file is read again
            st = os.stat(where)
            key = f"{where}\0{st.st_mtime_ns}\0{st.st_size}"
        except OSError:
            pass    # load_catalogue says what is wrong with it
    if _current is None or _current[0] != key:
        cat = load_catalogue(where or None)
        _current = (key, cat)
        TEMPLATES[:] = [k for k in cat.kinds if k.readable_from_text]
        tp = cat.get("three_public")
        THREE_PUBLIC_ROWS.clear()
        THREE_PUBLIC_ROWS.update(tp.row_names if tp else {})
        inc = cat.get("income")
        SUMMARY_TO_INCOME[:] = inc.pins["lines"] if inc and inc.pins else []
    return _current[1]


def match_template(title: str) -> TableTemplate | None:
    """The text-readable kind a title names (title only: whether a line is a table title)."""
    return catalogue().match_title(title, text_only=True)


def numbered_title(text: str) -> re.Match | None:
    """'表 3 部门支出总体情况表' / '表3': (number, rest of the line)."""
    return catalogue().numbered_title.match(text)


def is_unit_row_name(name: str) -> bool:
    """A row naming a budget unit (…局, …中心, 本级) rather than a classification item."""
    return bool(catalogue().unit_rows.search(name))


try:
    catalogue()
except UserInputError:      # a bad $BUDGETQA_CATALOGUE: reported by the first parse, not at import
    pass
