"""The eval machinery (runner, baseline, command) and the regression gate on the bundled gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetqa.cli import main
from budgetqa.core.settings import Settings
from budgetqa.evals.baseline import Baseline, first_number_near
from budgetqa.evals.runner import BUNDLED_GOLD, BUNDLED_GOLD_PDF, SAMPLES, find_documents, load_gold, percentile, run_eval
from budgetqa.core.answer import Answer, Citation

GATE = Path(__file__).resolve().parents[1] / "evals" / "gate.json"


def offline_settings(tmp_path: Path) -> Settings:
    return Settings(workspace=tmp_path / "ws", llm_base_url=None, llm_model=None, embedding="hash")


def oracle(gold: list[dict]):
    """An answerer that returns each gold answer, cited from its documents."""
    by_q = {r["id"]: r for r in gold}

    def factory(ws, settings):
        def answer(q, i):
            r = by_q[i]
            docs = [r["doc"]] if r.get("doc") else r["docs"]
            un = r["type"] == "unanswerable"
            return Answer(id=i, question=q, found=not un, answer=r["answer"], value=None if un else r.get("value"),
                          unit=None if un else r.get("unit"), items=r.get("items") or [],
                          citations=[Citation(doc=docs[0], locator="x", text=e) for e in r["evidence"]])
        return answer
    return factory


def test_bundled_gold_loads_and_every_document_is_bundled():
    gold = load_gold()
    assert len(gold) >= 100 and len({r["id"] for r in gold}) == len(gold)
    found, missing = find_documents(gold)
    assert not missing
    assert all(p.parent in (SAMPLES, BUNDLED_GOLD_PDF.parent / "seeds") for p in found.values())
    assert {r["_gold_file"] for r in gold} == {str(BUNDLED_GOLD), str(BUNDLED_GOLD_PDF)}


def test_runner_with_a_perfect_and_an_abstaining_answerer(tmp_path):
    gold = load_gold()
    res = run_eval(offline_settings(tmp_path), report_dir=tmp_path / "rep", baseline=False,
                   answer_factory=oracle(gold))
    assert res["summary"]["budgetqa"]["overall"]["accuracy"] == 1.0
    assert res["summary"]["budgetqa"]["overall"]["citation_hit"] == 1.0
    assert "## budgetqa: 0 failures" in (tmp_path / "rep" / "report.md").read_text("utf-8")
    assert json.loads((tmp_path / "rep" / "result.json").read_text("utf-8"))["n_questions"] == len(gold)

    silent = lambda ws, s: (lambda q, i: Answer(id=i, question=q, found=False, answer="文件中没有相关信息。"))
    res = run_eval(offline_settings(tmp_path), report_dir=tmp_path / "rep2", baseline=False, answer_factory=silent)
    overall = res["summary"]["budgetqa"]["overall"]
    n_unans = sum(r["type"] == "unanswerable" for r in gold)
    assert overall["abstention_recall"] == 1.0
    assert overall["accuracy"] == round(n_unans / len(gold), 4)
    assert overall["abstention_precision"] == round(n_unans / len(gold), 4)
    report = (tmp_path / "rep2" / "report.md").read_text("utf-8")
    assert "cj-kjj-2024-001" in report and "**expected**" in report and "**citations**: none" in report


def test_a_crashing_answerer_is_graded_wrong_not_fatal(tmp_path):
    def boom(ws, s):
        def answer(q, i):
            raise RuntimeError("pipeline bug")
        return answer
    gold = tmp_path / "g.jsonl"
    gold.write_text(BUNDLED_GOLD.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    res = run_eval(offline_settings(tmp_path), gold_files=[gold], include_bundled=False, baseline=False,
                   answer_factory=boom)
    rec = res["records"]["budgetqa"][0]
    assert not rec["correct"] and "pipeline bug" in rec["error"]


def test_baseline_answers_from_the_top_chunk_of_the_samples(tmp_path):
    b = Baseline(offline_settings(tmp_path))
    try:
        assert b.ingest(sorted(SAMPLES.glob("*.txt"))) > 50
        a = b.answer("乌鲁木齐市科学技术局2025年编制数多少", id="x")
        assert a.citations and a.citations[0].doc in {p.name for p in SAMPLES.glob("*.txt")}
        assert a.citations[0].text in "\n".join(p.read_text("utf-8") for p in SAMPLES.glob("*.txt")) or a.citations[0].text
    finally:
        b.close()


def test_baseline_number_picking():
    text = "2024 年部门预算。收支总预算 1,065.90 万元，比上年增加 10.00 万元。"
    assert first_number_near(text, ["收支总预算"]) == (1065.90, "万元")
    assert first_number_near(text, ["增加"]) == (10.0, "万元")
    assert first_number_near("2024年 无数字", ["数字"]) is None


def test_percentile_nearest_rank():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile([], 95) is None


def test_eval_command_exits_2_when_it_cannot_run(tmp_path, monkeypatch, capsys):
    for k in ("BUDGETQA_LLM_BASE_URL", "BUDGETQA_LLM_MODEL"):
        monkeypatch.delenv(k, raising=False)
    assert main(["eval", "--workspace", str(tmp_path / "ws"), "--mode", "llm", "--report", str(tmp_path / "r")]) == 2
    assert "BUDGETQA_LLM_BASE_URL" in capsys.readouterr().err
    assert main(["eval", "--gold", str(tmp_path / "missing.jsonl"), "--report", str(tmp_path / "r")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', "utf-8")
    assert main(["eval", "--gold", str(bad), "--no-bundled", "--report", str(tmp_path / "r")]) == 2
    assert "lacks" in capsys.readouterr().err


@pytest.mark.slow
def test_offline_accuracy_does_not_fall_below_the_committed_gate(tmp_path):
    """The regression gate: budgetqa's own pipeline, offline, on the bundled gold — overall
    accuracy, citation hit, and every question type (the issue's ≥ 80 % per type)."""
    gate = json.loads(GATE.read_text("utf-8"))
    res = run_eval(offline_settings(tmp_path), gold_files=[BUNDLED_GOLD], include_bundled=False, mode="offline",
                   report_dir=tmp_path / "report", baseline=False)
    summary = res["summary"]["budgetqa"]
    where = f"see {tmp_path / 'report' / 'report.md'}"
    acc, cite = summary["overall"]["accuracy"], summary["overall"]["citation_hit"]
    assert acc >= gate["offline_accuracy"], f"offline accuracy {acc:.3f} fell below {gate['offline_accuracy']:.3f}; {where}"
    assert cite >= gate["offline_citation_hit"], f"citation hit {cite:.3f} fell below {gate['offline_citation_hit']:.3f}; {where}"
    wv = summary["overall"]["wrong_verified"]
    assert wv <= gate["max_wrong_verified"], f"{wv} wrong answers marked verified (ceiling {gate['max_wrong_verified']}); {where}"
    low = {t: s["accuracy"] for t, s in summary.items() if t != "overall" and s["accuracy"] < gate["offline_type_accuracy"]}
    assert not low, f"question types below {gate['offline_type_accuracy']:.2f}: {low}; {where}"


@pytest.mark.slow
def test_pdf_gold_accuracy_does_not_fall_below_the_committed_gate(tmp_path):
    """The real Shanghai PDFs (evals/gold/gold_pdf.jsonl, documents in evals/gold/seeds/)."""
    floor = json.loads(GATE.read_text("utf-8"))["pdf_offline_accuracy"]
    res = run_eval(offline_settings(tmp_path), gold_files=[BUNDLED_GOLD_PDF], include_bundled=False, mode="offline",
                   report_dir=tmp_path / "report", baseline=False)
    acc = res["summary"]["budgetqa"]["overall"]["accuracy"]
    assert acc >= floor, f"PDF gold accuracy {acc:.3f} fell below {floor:.3f}; see {tmp_path / 'report' / 'report.md'}"
    wv, ceiling = res["summary"]["budgetqa"]["overall"]["wrong_verified"], json.loads(GATE.read_text("utf-8"))["pdf_max_wrong_verified"]
    assert wv <= ceiling, f"{wv} wrong answers on the PDFs marked verified (ceiling {ceiling})"


def test_dev_set_accuracy_does_not_fall_below_the_committed_gate(tmp_path):
    """The team's own dev questions (evals/dev/, written apart from the bundled gold)."""
    floor = json.loads(GATE.read_text("utf-8"))["dev_offline_accuracy"]
    dev = Path(__file__).resolve().parents[1] / "evals" / "dev" / "dev.jsonl"
    res = run_eval(offline_settings(tmp_path), gold_files=[dev], include_bundled=False, mode="offline",
                   report_dir=tmp_path / "report", baseline=False)
    acc = res["summary"]["budgetqa"]["overall"]["accuracy"]
    assert acc >= floor, f"dev accuracy {acc:.3f} fell below {floor:.3f}; see {tmp_path / 'report' / 'report.md'}"


def test_eval_command_runs_a_small_gold_file_and_writes_the_report(tmp_path, capsys):
    lines = [json.loads(l) for l in BUNDLED_GOLD.read_text("utf-8").splitlines() if l.strip()]
    picked = [r for r in lines if r.get("doc") == "002_e49850479605d5c8.txt"][:3]
    gold = tmp_path / "small.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked), "utf-8")
    rc = main(["eval", "--workspace", str(tmp_path / "ws"), "--gold", str(gold), "--no-bundled",
               "--report", str(tmp_path / "rep"), "--json"])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n_questions"] == 3 and set(out["summary"]) == {"budgetqa", "baseline"}
    result = json.loads((tmp_path / "rep" / "result.json").read_text("utf-8"))
    assert [r["id"] for r in result["records"]["baseline"]] == [r["id"] for r in picked]
    assert result["documents"] == ["002_e49850479605d5c8.txt"]
