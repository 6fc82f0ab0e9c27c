"""Run the gold questions through budgetqa (and the baseline), grade, aggregate, report.

I/O lives here; grading is `evals.grading`, aggregation is `summarize` (pure). A run:
load gold files -> find the documents they name (bundled `samples/`, the gold files'
folders, extra dirs) -> ingest them into the workspace (idempotent by content) -> answer
every question -> grade -> `result.json` + `report.md` in the report dir.
"""
from __future__ import annotations

import json
import statistics
import time
import traceback
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from budgetqa.core.errors import BudgetQAError, UserInputError
from budgetqa.core.settings import Settings
from budgetqa.core.query import OPS
from budgetqa.core.answer import Answer

from .grading import grade, rule_for

BUNDLED_GOLD = Path(str(files("budgetqa.evals"))) / "gold" / "gold.jsonl"
# the real Shanghai PDFs' questions; their documents are bundled in evals/gold/seeds/
BUNDLED_GOLD_PDF = BUNDLED_GOLD.with_name("gold_pdf.jsonl")
BUNDLED = [BUNDLED_GOLD, BUNDLED_GOLD_PDF]
SAMPLES = Path(str(files("budgetqa.samples")))
TYPES = ["table_lookup", "text_lookup", "arithmetic", "list", "yes_no", "unanswerable"]
REQUIRED = ("id", "question", "type", "answer", "evidence")

AnswerFn = Callable[[str, str | None], Answer]


class Record(BaseModel):
    """One question, one system: what was asked, expected, answered, and the grade."""

    id: str
    type: str
    rule: str
    question: str
    expected: str
    expected_value: float | None = None
    expected_unit: str | None = None
    docs: list[str] = []
    correct: bool
    citation_hit: bool | None = None
    abstained: bool
    reason: str
    got: str
    got_value: float | None = None
    got_unit: str | None = None
    citations: list[dict] = []
    latency_ms: float
    error: str | None = None
    status: str | None = None          # the answer's verification status (verified / partly verified / …)
    op: str | None = None              # the operation of the typed query the answer ran (lookup, rank, …)


class Summary(BaseModel):
    n: int
    accuracy: float | None
    citation_hit: float | None
    wrong_verified: int = 0            # wrong answers that still carried "verified": must be 0
    abstention_precision: float | None
    abstention_recall: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None


# ---------------------------------------------------------------- gold and documents
def load_gold(paths: list[Path] | None = None, include_bundled: bool = True) -> list[dict[str, Any]]:
    """Gold records from the bundled set and/or the given JSONL files; ids must be unique."""
    files = (list(BUNDLED) if include_bundled else []) + [Path(p) for p in paths or []]
    rows: list[dict[str, Any]] = []
    seen: dict[str, Path] = {}
    for f in files:
        if not f.exists():
            raise UserInputError("no such gold file", file=f, hint="give a JSONL file of gold questions")
        for n, line in enumerate(f.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as err:
                raise UserInputError(f"line {n} is not JSON: {err.msg}", file=f, hint="one JSON object a line") from err
            missing = [k for k in REQUIRED if k not in r]
            if missing:
                raise UserInputError(f"line {n} lacks {', '.join(missing)}", file=f,
                                     hint="see the fields in evals/gold/gold.jsonl")
            if r["id"] in seen:
                if seen[r["id"]].resolve() == f.resolve():
                    raise UserInputError(f"line {n}: id {r['id']} appears twice", file=f)
                continue  # the same record from a copy of the bundled set
            seen[r["id"]] = f
            r["_gold_file"] = str(f)
            rows.append(r)
    return rows


def gold_docs(r: dict[str, Any]) -> list[str]:
    return [r["doc"]] if r.get("doc") else [d for d in r.get("docs") or [] if d]


def find_documents(rows: list[dict[str, Any]], extra_dirs: list[Path] = ()) -> tuple[dict[str, Path], list[str]]:
    """Map each document name the gold mentions to a file; and the names not found.
    Looked up in the extra dirs, the gold files' folders (and their `seeds/`), then `samples/`."""
    dirs: list[Path] = [Path(d) for d in extra_dirs]
    for r in rows:
        g = Path(r.get("_gold_file", BUNDLED_GOLD)).parent
        dirs += [g, g / "seeds", g.parent / "seeds"]
    dirs.append(SAMPLES)
    found: dict[str, Path] = {}
    missing: list[str] = []
    for name in sorted({d for r in rows for d in gold_docs(r)}):
        for d in dirs:
            if (d / name).is_file():
                found[name] = d / name
                break
        else:
            missing.append(name)
    return found, missing


# ---------------------------------------------------------------- running
def _expected(r: dict[str, Any]) -> str:
    return r["answer"]


def run_one(r: dict[str, Any], answer_fn: AnswerFn) -> Record:
    """Answer and grade one question; a crash is a wrong answer with the error kept."""
    t0 = time.perf_counter()
    err = None
    try:
        ans = answer_fn(r["question"], r["id"])
    except BudgetQAError as e:
        ans, err = None, f"{type(e).__name__}: {e}"
    except Exception as e:  # one bad question must not stop the run; the report shows it
        ans, err = None, f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=3)}"
    ms = (time.perf_counter() - t0) * 1000
    if ans is None:
        ans = Answer(id=r["id"], question=r["question"], found=False, answer="")
    g = grade(r, ans)
    if err:
        g = g.model_copy(update={"correct": False, "reason": f"error: {err.splitlines()[0]}"})
    return Record(id=r["id"], type=r["type"], rule=g.rule, question=r["question"], expected=_expected(r),
                  expected_value=r.get("value"), expected_unit=r.get("unit"), docs=gold_docs(r),
                  correct=g.correct, citation_hit=g.citation_hit, abstained=not ans.found, reason=g.reason,
                  got=ans.answer, got_value=ans.value, got_unit=ans.unit,
                  citations=[{"doc": c.doc, "locator": c.locator, "text": c.text} for c in ans.citations],
                  latency_ms=round(ms, 2), error=err,
                  status=ans.verification.status if ans.verification else None,
                  op=(ans.query or "").split(" · ")[0] or None)


def run_system(rows: list[dict[str, Any]], answer_fn: AnswerFn, progress: str | None = None) -> list[Record]:
    out: list[Record] = []
    bar = None
    if progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
        bar = Progress(TextColumn(f"[bold]{progress}"), BarColumn(), MofNCompleteColumn(), transient=True)
        bar.start()
        task = bar.add_task("", total=len(rows))
    try:
        for r in rows:
            out.append(run_one(r, answer_fn))
            if bar:
                bar.advance(task)
    finally:
        if bar:
            bar.stop()
    return out


# ---------------------------------------------------------------- aggregation (pure)
def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))
    return s[k]


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def summarize(records: list[Record]) -> Summary:
    """Accuracy, citation hit (answerable questions), abstention precision / recall
    (abstained = found False; positive = the gold is unanswerable), latency percentiles."""
    hits = [r.citation_hit for r in records if r.citation_hit is not None]
    abst = [r for r in records if r.abstained]
    unans = [r for r in records if r.type == "unanswerable"]
    lat = [r.latency_ms for r in records]
    return Summary(
        n=len(records),
        accuracy=_ratio(sum(r.correct for r in records), len(records)),
        citation_hit=_ratio(sum(hits), len(hits)),
        wrong_verified=sum(1 for r in records if not r.correct and r.status == "verified"),
        abstention_precision=_ratio(sum(r.type == "unanswerable" for r in abst), len(abst)),
        abstention_recall=_ratio(sum(r.abstained for r in unans), len(unans)),
        latency_p50_ms=None if not lat else round(statistics.median(lat), 1),
        latency_p95_ms=None if not lat else round(percentile(lat, 95), 1),
    )


def summaries(records: list[Record]) -> dict[str, Summary]:
    """Per type (in the README's order, then any other) and 'overall'."""
    types = [t for t in TYPES if any(r.type == t for r in records)]
    types += sorted({r.type for r in records} - set(types))
    out = {t: summarize([r for r in records if r.type == t]) for t in types}
    out["overall"] = summarize(records)
    return out


# ---------------------------------------------------------------- reports
def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _ms(x: float | None) -> str:
    return "—" if x is None else f"{x:.0f}"


def _got(r: Record) -> str:
    v = "" if r.got_value is None else f" [value {r.got_value:g} {r.got_unit or '(no unit)'}]"
    return (" ".join(r.got.split()) or "(no answer)") + v


_METRICS = (("accuracy", "accuracy", _pct), ("citation_hit", "cite hit", _pct),
            ("wrong_verified", "wrong ✓", lambda x: "—" if x is None else str(x)),
            ("abstention_precision", "abst P", _pct), ("abstention_recall", "abst R", _pct),
            ("latency_p50_ms", "p50 ms", _ms), ("latency_p95_ms", "p95 ms", _ms))


def table_rows(result: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the side-by-side table: each metric cell is 'budgetqa / baseline'."""
    names = list(result["summary"])
    head = ["type", "n"] + [f"{label} ({' / '.join(names)})" for _, label, _ in _METRICS]
    rows = []
    for t in result["summary"][names[0]]:
        row = [t, str(result["summary"][names[0]][t]["n"])]
        for key, _, fmt in _METRICS:
            row.append(" / ".join(fmt(result["summary"][s][t][key]) for s in names))
        rows.append(row)
    return head, rows


def markdown_report(result: dict[str, Any], systems: dict[str, list[Record]]) -> str:
    lines = [f"# budgetqa eval — {result['started']}", "",
             f"mode **{result['mode']}**, {result['n_questions']} questions from {', '.join(result['gold_files'])}  ",
             f"documents: {', '.join(result['documents'])}", ""]
    if result.get("skipped"):
        lines += [f"skipped (document not found): {', '.join(result['skipped'])}", ""]
    head, rows = table_rows(result)
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += ["", "Abstained = found is false. Abstention precision: abstentions that were on unanswerable "
              "questions; recall: unanswerable questions abstained on. Citation hit: answerable questions only. "
              "wrong ✓: wrong answers that still carried the status verified (must be 0)."]
    for title, first, rows in _breakdowns(result):
        lines += ["", f"| {first} | n | accuracy | cite hit | wrong ✓ |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
    for s, recs in systems.items():
        fails = [r for r in recs if not r.correct]
        lines += ["", f"## {s}: {len(fails)} failures", ""]
        for r in fails:
            want = r.expected + ("" if r.expected_value is None else f" [value {r.expected_value:g} {r.expected_unit or ''}]")
            lines += [f"### {r.id} ({r.type}, rule {r.rule})", "",
                      f"- **question**: {r.question}", f"- **expected**: {want}",
                      f"- **got**: {_got(r)[:600]}", f"- **why wrong**: {r.reason}",
                      f"- **citation hit**: {r.citation_hit}", f"- **status**: {r.status or '—'}",
                      f"- **gold documents**: {', '.join(r.docs) or '—'}"]
            if r.error:
                lines.append(f"- **error**: `{r.error.splitlines()[0]}`")
            if r.citations:
                lines.append("- **citations**:")
                for c in r.citations:
                    text = " ".join(c["text"].split())
                    lines.append(f"  - {c['doc']} {c['locator']}: {text[:300]}{'…' if len(text) > 300 else ''}")
            else:
                lines.append("- **citations**: none")
            lines.append("")
    return "\n".join(lines) + "\n"


def _breakdowns(result: dict[str, Any]) -> list[tuple[str, str, list[list[str]]]]:
    """budgetqa's figures per operation of the typed query and per gold file (when there are
    several): (title, first column, rows) for the console and the markdown report alike."""
    out = []
    for key, title, first, min_n in (("by_op", "budgetqa, each operation of the typed query", "operation", 1),
                                     ("by_gold_file", "budgetqa, each gold file", "gold file", 2)):
        part = result.get(key) or {}
        if len(part) >= min_n:
            out.append((title, first, [[name, str(sm["n"]), _pct(sm["accuracy"]), _pct(sm["citation_hit"]),
                                        str(sm["wrong_verified"])] for name, sm in part.items()]))
    return out


def print_table(result: dict[str, Any], console=None) -> None:
    from rich.table import Table

    from budgetqa.core.console import console as make_console

    console = console or make_console()
    names = list(result["summary"])
    head, rows = table_rows(result)
    t = Table(title=f"budgetqa eval · mode {result['mode']} · {result['n_questions']} questions · cells: {' / '.join(names)}")
    t.add_column("type", no_wrap=True)
    t.add_column("n", justify="right")
    for _, label, _ in _METRICS:
        t.add_column(label, justify="right")
    for row in rows:
        t.add_row(*row, style="bold" if row[0] == "overall" else None)
    console.print(t)
    for title, first, rows in _breakdowns(result):
        sub = Table(title=title)
        for col in (first, "n", "accuracy", "cite hit", "wrong ✓"):
            sub.add_column(col, justify="left" if col == first else "right")
        for r in rows:
            sub.add_row(*r)
        console.print(sub)


# ---------------------------------------------------------------- the whole run
def mode_settings(settings: Settings, mode: str) -> Settings:
    """Settings for the requested mode: offline turns the LLM off; llm requires one."""
    if mode == "offline":
        return settings.model_copy(update={"llm_base_url": None, "llm_model": None})
    if mode == "llm":
        if not settings.llm_configured:
            raise UserInputError("--mode llm but no LLM is configured",
                                 hint="set BUDGETQA_LLM_BASE_URL and BUDGETQA_LLM_MODEL (and BUDGETQA_LLM_API_KEY if the endpoint needs one)")
        return settings
    raise UserInputError(f"unknown mode {mode!r}", hint="use --mode offline or --mode llm")


def pipeline_answerer(ws: Any, settings: Settings) -> AnswerFn:
    """budgetqa's answering pipeline bound to a workspace and settings."""
    try:
        from budgetqa.qa.pipeline import answer_question
    except ImportError as err:
        raise BudgetQAError(f"the answering pipeline cannot be imported: {err}",
                            hint="qa/pipeline.py must define answer_question(question, ws, settings, id=None)") from err
    return lambda q, i: answer_question(q, ws, settings, id=i)


def run_eval(settings: Settings, *, gold_files: list[Path] | None = None, include_bundled: bool = True,
             mode: str = "offline", report_dir: Path | None = None, baseline: bool = True,
             doc_dirs: list[Path] = (), progress: bool = False,
             answer_factory: Callable[[Any, Settings], AnswerFn] | None = None) -> dict[str, Any]:
    """The full eval; returns the result dict that is also written to `result.json`.
    `answer_factory(ws, settings)` gives the system under test (default: qa.pipeline)."""
    from budgetqa.retrieval.workspace import Workspace

    settings = mode_settings(settings, mode)
    started = time.strftime("%Y-%m-%dT%H:%M:%S")
    rows = load_gold(gold_files, include_bundled)
    if not rows:
        raise UserInputError("no gold questions to run", hint="give --gold FILE")
    docs, missing = find_documents(rows, doc_dirs)
    skipped = [r["id"] for r in rows if any(d in missing for d in gold_docs(r))]
    rows = [r for r in rows if r["id"] not in skipped]
    if not rows:
        raise UserInputError(f"none of the documents the gold names were found: {', '.join(missing)}",
                             hint="put them beside the gold file (or in its seeds/ folder), or pass --docs DIR")

    ws = Workspace.open(settings)
    paths = sorted(docs.values())
    failed = [r for r in ws.ingest(paths) if r.status == "failed"]
    if failed:
        raise UserInputError(f"{len(failed)} gold documents could not be ingested: {failed[0].message}",
                             file=failed[0].path, hint="fix or remove the file; the eval needs every gold document")

    answer_fn = (answer_factory or pipeline_answerer)(ws, settings)
    systems: dict[str, list[Record]] = {"budgetqa": run_system(rows, answer_fn, "budgetqa" if progress else None)}
    if baseline:
        from .baseline import Baseline
        b = Baseline(settings)
        try:
            b.ingest(paths)
            systems["baseline"] = run_system(rows, lambda q, i: b.answer(q, id=i), "baseline" if progress else None)
        finally:
            b.close()

    result: dict[str, Any] = {
        "started": started, "mode": mode, "n_questions": len(rows),
        "gold_files": sorted({r["_gold_file"] for r in rows}),
        "documents": [p.name for p in paths], "skipped": skipped, "missing_documents": missing,
        "summary": {s: {t: v.model_dump() for t, v in summaries(recs).items()} for s, recs in systems.items()},
        # each gold file on its own (the bundled gold, the real-PDF gold, …), budgetqa's overall
        "by_gold_file": {Path(f).name: summarize([rec for rec, row in zip(systems["budgetqa"], rows)
                                                  if row["_gold_file"] == f]).model_dump()
                         for f in sorted({r["_gold_file"] for r in rows})},
        # each operation of the typed query (lookup, sum, difference, share, growth, per_unit, rank, …)
        "by_op": {op: summarize([rec for rec in systems["budgetqa"] if (rec.op or "none") == op]).model_dump()
                  for op in [o for o in OPS if any(rec.op == o for rec in systems["budgetqa"])]
                  + (["none"] if any(rec.op is None for rec in systems["budgetqa"]) else [])},
        "records": {s: [r.model_dump() for r in recs] for s, recs in systems.items()},
    }
    if report_dir is not None:
        write_reports(result, systems, Path(report_dir))
    return result


def write_reports(result: dict[str, Any], systems: dict[str, list[Record]], report_dir: Path) -> None:
    try:
        report_dir.mkdir(parents=True, exist_ok=True)
        (report_dir / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
        (report_dir / "report.md").write_text(markdown_report(result, systems), "utf-8")
    except OSError as err:
        raise UserInputError(f"cannot write the report: {err}", file=report_dir,
                             hint="pass --report DIR with a writable directory") from err


def default_report_dir() -> Path:
    return Path("reports") / f"eval-{time.strftime('%Y%m%d-%H%M%S')}"


__all__ = ["load_gold", "find_documents", "run_eval", "run_one", "summarize", "summaries", "print_table",
           "markdown_report", "mode_settings", "Record", "Summary", "rule_for"]
