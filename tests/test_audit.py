"""`budgetqa check`: the document's own inconsistencies, reported with stated, computed, difference and tolerance."""
from __future__ import annotations

import json

from budgetqa.cli import main
from budgetqa.verify.audit import audit


def test_procurement_total_off_by_a_cent(parsed):
    """002 states 政府采购 124.76 but 货物 13.48 + 工程 0.00 + 服务 111.29 = 124.77."""
    f = [x for x in audit(parsed["bz2025"]) if x.where.startswith("政府采购")]
    assert len(f) == 1
    assert f[0].stated == 124.76 and f[0].computed == 124.77 and f[0].difference == -0.01
    assert f[0].tolerance > 0 and f[0].locator


def test_project_allocations_that_do_not_add_up(parsed):
    """000: 专家顾问服务中心工作经费 50.00 万元, but the listed allocations add up to 45.00."""
    f = [x for x in audit(parsed["cj2024"]) if x.kind == "allocation"]
    assert any(x.stated == 50.0 and x.computed == 45.0 for x in f)


def test_wrong_growth_rate_and_share_are_reported(parsed):
    d = parsed["cj2024"].model_copy(deep=True)
    pf = next(p for p in d.prose_figures if p.share_pct is not None and p.change_pct is not None and p.amount)
    good = audit(d)
    pf.change_pct = round(pf.change_pct + 1.0, 2)
    pf.share_pct = round(pf.share_pct + 1.0, 2)
    bad = audit(d)
    new = [f for f in bad if f not in good]
    kinds = {f.kind for f in new}
    assert "growth" in kinds, [f.line() for f in new]
    g = next(f for f in new if f.kind == "growth")
    assert abs(g.stated - g.computed) > g.tolerance


def test_prose_three_public_against_table(parsed):
    d = parsed["cj2024"].model_copy(deep=True)
    assert not [f for f in audit(d) if f.kind == "prose_vs_table"]
    d.three_public_prose.vehicle_operation.value = 5.30
    f = [x for x in audit(d) if x.kind == "prose_vs_table"]
    assert f and f[0].stated == 5.30 and f[0].computed == 4.30


def test_check_cli_json(samples_dir, capsys):
    assert main(["check", str(samples_dir / "002_e49850479605d5c8.txt"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["meta"]["department"] == "新疆巴州科学技术局"
    assert any(f["where"].startswith("政府采购") for f in out["findings"])
    for f in out["findings"]:
        assert {"where", "locator", "stated", "computed", "difference", "tolerance", "severity"} <= f.keys()


def test_check_cli_text(samples_dir, capsys):
    assert main(["check", str(samples_dir / "000_fbfe44e17c8967fa.txt")]) == 0
    out = capsys.readouterr().out
    assert "专家顾问服务中心工作经费" in out and "45.00" in out
