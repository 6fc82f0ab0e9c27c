"""Facts stated in the prose (filled in by the prose extractors)."""
from __future__ import annotations

from .models import Disclosure
from .source import SourceDoc


def extract_prose(src: SourceDoc, d: Disclosure) -> None:
    """Fill staffing, org, projects, 三公 (prose), 机关运行经费, 政府采购, 国有资产, prose figures."""
    return None
