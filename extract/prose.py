"""Facts stated in the prose: each kind has its own small pure extractor over `d.paragraphs`.

staffing and offices (prose_people), 项目支出 blocks (prose_projects), 三公 / 机关运行经费 / 政府采购 /
国有资产 (prose_facts), and every share / year-over-year statement (prose_figures).
"""
from __future__ import annotations

from .models import Disclosure
from .prose_facts import extract_assets, extract_operating_cost, extract_procurement, extract_three_public
from .prose_figures import extract_prose_figures
from .prose_people import extract_org, extract_staffing
from .prose_projects import extract_described_projects, extract_projects
from .source import SourceDoc


def _raw_lines(src: SourceDoc) -> dict[int, str] | None:
    """line number -> raw text, when line numbers are unique in the document."""
    m = {l.loc.line: l.text for l in src.lines if l.loc.line is not None}
    return m if len(m) == len(src.lines) else None


def extract_prose(src: SourceDoc, d: Disclosure) -> None:
    """Fill staffing, org, projects, 三公 (prose, only if not already set), 机关运行经费, 政府采购,
    国有资产 and the prose figures of `d` from `d.paragraphs`."""
    paras = d.paragraphs
    d.staffing = extract_staffing(paras)
    d.org = extract_org(paras, _raw_lines(src))
    d.projects = extract_projects(paras) or extract_described_projects(paras)
    if d.three_public is None:
        d.three_public = extract_three_public(paras)
    d.operating_cost = extract_operating_cost(paras)
    d.procurement = extract_procurement(paras)
    d.assets = extract_assets(paras)
    d.prose_figures = extract_prose_figures(paras, d.meta.kind, d.meta.department)
