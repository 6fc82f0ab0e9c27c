"""Assertions shared by the answering tests (tests/test_qa_*.py): what an answer must state and cite."""
from __future__ import annotations

import re

import pytest


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def cited(a) -> str:
    return "".join(flat(c.text) for c in a.citations)


def has_cite(a, *snippets: str) -> bool:
    """Some citation holds every snippet (whitespace ignored: the PDF text breaks lines and pads digits)."""
    return any(all(flat(s) in flat(c.text) for s in snippets) for c in a.citations)


def holds_number(text: str, num: str) -> bool:
    """`num` stands as a number of its own in `text`, not as digits inside a year or a longer number
    (thousands separators ignored on both sides)."""
    num = num.replace(",", "")
    return re.search(rf"(?<![\d.,]){re.escape(num)}(?:\.0+)?(?![\d.])", flat(text).replace(",", "")) is not None


def stated_and_verified(a, value, unit, abs_=0.005):
    assert a.found, a.answer
    assert a.value is not None, a.answer
    assert a.value == pytest.approx(value, abs=abs_), a.answer
    assert a.unit == unit, a.answer
    assert a.verification.status == "verified", a.verification


def abs_stated(a, value, unit, abs_=0.005):
    """A difference may come out signed (2025 − 2024); its size is what is asked."""
    assert a.found, a.answer
    assert a.value is not None and abs(a.value) == pytest.approx(value, abs=abs_), a.answer
    assert a.unit == unit, a.answer
    assert a.verification.status == "verified", a.verification


def abstains(a):
    assert not a.found, a.answer
    assert a.value is None and a.calculation is None, a.answer
    assert a.verification.status == "not applicable", a.verification


def cites_docs(a, *prefixes: str) -> bool:
    return {c.doc[:4] for c in a.citations} >= set(prefixes)


def derived_and_recomputed(a, value, unit, abs_=0.005):
    """A year-Y figure worked back from the Y+1 document (本年数 − 比上年增减): the arithmetic is
    recomputed from cited figures, but the document never writes the figure itself, so the
    answer is never `verified` — it is `partly verified` with the reason."""
    assert a.found, a.answer
    assert a.value is not None and a.value == pytest.approx(value, abs=abs_), a.answer
    assert a.unit == unit, a.answer
    assert a.verification.status == "partly verified", a.verification
    assert any(c.kind == "calc" and c.ok for c in a.verification.checks), a.verification
    assert any(c.kind == "identity" and not c.ok and "倒推" in c.detail for c in a.verification.checks), a.verification
