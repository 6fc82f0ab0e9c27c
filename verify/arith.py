"""Arithmetic with explicit rounding tolerance: figures are stated to 2 decimals."""
from __future__ import annotations

HALF_CENT = 0.005


def sum_tolerance(nterms: int) -> float:
    """A total and its n parts are each rounded to the cent: they may disagree by this much."""
    return HALF_CENT * (nterms + 1) + 1e-9


def pct_range(num: float, den: float, half: float = HALF_CENT) -> tuple[float, float] | None:
    """The range of num/den*100 when both were rounded to ±half."""
    lo_den, hi_den = den - half, den + half
    if lo_den <= 0:
        return None
    lo = (num - half) / hi_den * 100
    hi = (num + half) / lo_den * 100
    return min(lo, hi), max(lo, hi)


def pct_agrees(stated: float, num: float, den: float) -> bool:
    """A percentage stated to 2 decimals agrees when it lies in the rounding range (±0.005 more)."""
    r = pct_range(num, den)
    if r is None:
        return False
    return r[0] - HALF_CENT - 1e-9 <= stated <= r[1] + HALF_CENT + 1e-9


def growth_pct(current: float, change: float) -> float | None:
    prev = current - change
    if abs(prev) < 1e-9:
        return None
    return change / prev * 100
