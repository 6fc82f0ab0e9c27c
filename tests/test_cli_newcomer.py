"""What a newcomer meets first at the command line: a wrong path gives one line and exit 2,
a closed pipe ends quietly, a successful command keeps stderr empty, every option has help,
and `check` says its headline in one language."""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from budgetqa.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "002_e49850479605d5c8.txt"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BUDGETQA_WORKSPACE"}
    env.pop("PYTHONWARNINGS", None)  # stderr must be empty with Python's default warning filters
    return env


def run_cli(*args: str, workspace: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetqa.cli", *args, "--workspace", str(workspace)],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=timeout)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A workspace holding one sample, ingested through the CLI (and that run's result)."""
    ws = tmp_path_factory.mktemp("ws")
    res = run_cli("ingest", str(SAMPLE), workspace=ws)
    assert res.returncode == 0, res.stderr
    return ws, res


# ---- 1. a missing file or a folder: one line, exit code 2


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize("what", ["missing", "missing.txt", "folder", "folder.txt"])
def test_bad_path_is_one_line_and_exit_2(tmp_path, command, what):
    target = tmp_path / what
    if what.startswith("folder"):
        target.mkdir()
    res = run_cli(command, str(target), workspace=tmp_path / "ws")
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error: ") and str(target) in lines[0] and " — " in lines[0]  # what, which, what to do
    assert ("folder" if what.startswith("folder") else "no such file") in lines[0]
    assert res.stdout == ""


# ---- 2. a reader that leaves early


def test_closed_pipe_ends_quietly(ingested):
    ws, _ = ingested
    proc = subprocess.Popen([sys.executable, "-m", "budgetqa.cli", "docs", "--json", "--workspace", str(ws)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=ROOT)
    proc.stdout.close()  # like `| head -c 10` that has already gone
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    proc.stderr.close()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert err == ""
    assert code in (0, 141)


def test_closed_pipe_after_some_output(ingested):
    """`budgetqa docs --json | head -c 10` through a real shell pipeline."""
    ws, _ = ingested
    cmd = f'"{sys.executable}" -m budgetqa.cli docs --json --workspace "{ws}" | head -c 10'
    res = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120)
    assert res.returncode == 0 and len(res.stdout) == 10
    assert "Traceback" not in res.stderr and res.stderr == ""


# ---- 3. success writes nothing to stderr (no jieba "Building prefix dict…", no warnings)


def test_ingest_writes_nothing_to_stderr(ingested):
    _, res = ingested
    assert res.stderr == ""


@pytest.mark.parametrize("args", [("docs",), ("search", "三公经费"), ("ask", "三公经费多少")], ids=["docs", "search", "ask"])
def test_success_keeps_stderr_empty(ingested, args):
    ws, _ = ingested
    res = run_cli(*args, workspace=ws)
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    assert res.stdout.strip()


# ---- 4. every argument explains itself


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_argument_has_help():
    missing = []
    for name, p in _subparsers().items():
        for action in p._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if not (action.help or "").strip():
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert not missing, f"arguments without help: {missing}"


@pytest.mark.parametrize("command", sorted(_subparsers()))
def test_help_describes_every_positional(command, capsys):
    p = _subparsers()[command]
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps long help
    for action in p._actions:
        if not action.option_strings:  # a positional
            assert " ".join(action.help.split())[:30] in out, (command, action.dest)
    for action in p._actions:
        if {"--format", "--json"} & set(action.option_strings):
            assert " ".join(action.help.split())[:30] in out, (command, action.option_strings)


# ---- 5. `check` in one language


def test_check_headline_is_chinese_with_counts_by_severity(capsys):
    assert main(["check", str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    (head,) = [line for line in lines if "处不一致" in line]
    m = re.match(r"^(\d+) 处不一致：错误 (\d+)，警告 (\d+)（其中舍入容差内 (\d+)，部分列举 (\d+)）", head)
    assert m, head
    total, errors, warnings, rounding, partial = map(int, m.groups())
    # sample 002: 14 rounding gaps of two causes are reported once per cause, plus one partial list
    assert total == errors + warnings == 3 and warnings == rounding + partial
    assert not re.search(r"[A-Za-z]", head), head
    assert not any(re.match(r"^(error|warning)\b", line) for line in lines)
