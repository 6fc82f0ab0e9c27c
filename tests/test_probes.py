"""The issue-11 probes (evals/probes/probes.jsonl, written from the documents by a helper who
had not read the answering code): ranking across documents, earlier-year figures, cross-document
differences, questions naming no document, Traditional characters, paraphrases, traps.

Graded by the shared rules (budgetqa.evals.grading). The hard requirement: **no wrong answer
is marked verified**. Probes answered wrongly (and not verified) are strict xfails, so a fix
shows up as an XPASS to be recorded here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetqa.evals.grading import grade
from budgetqa.qa.pipeline import answer_question

ROOT = Path(__file__).resolve().parents[1]
PROBES = [json.loads(line) for line in (ROOT / "evals" / "probes" / "probes.jsonl").read_text("utf-8").splitlines()
          if line.strip()]
# wrong at the first run after the typed query landed (none of them marked verified); p-001, p-003
# and p-008 (rankings across departments) answered right since the group scope and the rank cue
KNOWN_WRONG = {"p-017", "p-028", "p-030", "p-031", "p-034", "p-046", "p-047",
               "p-048", "p-049", "p-050", "p-051", "p-052", "p-053", "p-062"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def probe_answers(tmp_path_factory):
    """Every probe answered once over one workspace holding all nine documents."""
    from budgetqa.retrieval.workspace import Workspace

    ws = Workspace.open(workspace=str(tmp_path_factory.mktemp("ws_probes")))
    ws.ingest([ROOT / "samples", ROOT / "evals" / "gold" / "seeds"])
    return {p["id"]: answer_question(p["question"], ws, id=p["id"]) for p in PROBES}


def test_the_probe_file_covers_every_category():
    cats = {}
    for p in PROBES:
        cats[p["probe"]] = cats.get(p["probe"], 0) + 1
    assert len(PROBES) >= 40
    assert set(cats) >= {"rank", "earlier_year", "cross_doc", "no_doc_named", "traditional", "paraphrase", "trap"}
    assert min(cats.values()) >= 6


def test_no_wrong_answer_is_marked_verified(probe_answers):
    wrong_verified = []
    for p in PROBES:
        a = probe_answers[p["id"]]
        if not grade(p, a).correct and a.verification.status == "verified":
            wrong_verified.append(f"{p['id']} {p['question']} → {a.answer[:80]}")
    assert not wrong_verified, "\n".join(wrong_verified)


@pytest.mark.parametrize("probe", [pytest.param(p, id=p["id"], marks=pytest.mark.xfail(
    strict=True, reason="answered wrongly (not verified) at the first run") if p["id"] in KNOWN_WRONG else ())
    for p in PROBES])
def test_probe_is_answered_right(probe, probe_answers):
    g = grade(probe, probe_answers[probe["id"]])
    assert g.correct, g.reason
