"""The distribution installs one top-level package, `budgetqa`, with its data files.

Built as a wheel from the checkout (what `pip install .` installs); its file list is the proof.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    uv = [sys.executable, "-m", "uv"] if shutil.which("uv") is None else ["uv"]
    cmd = uv + ["build", "--wheel", "--out-dir", str(out), str(ROOT)]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    except (FileNotFoundError, subprocess.CalledProcessError) as err:
        # uv lives beside the system python (the README's install uses it); fall back to it
        sysuv = ["python3", "-m", "uv", "build", "--wheel", "--out-dir", str(out), str(ROOT)]
        res = subprocess.run(sysuv, capture_output=True, timeout=300, text=True)
        if res.returncode:
            pytest.fail(f"could not build the wheel: {err}; {res.stderr[-500:]}")
    (path,) = out.glob("budgetqa-*.whl")
    return zipfile.ZipFile(path)


def test_one_top_level_package(wheel):
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"budgetqa"}
    top_level = [n for n in wheel.namelist() if n.endswith("top_level.txt")]
    if top_level:
        assert wheel.read(top_level[0]).decode().split() == ["budgetqa"]


def test_data_files_travel_with_the_package(wheel):
    names = set(wheel.namelist())
    for needed in ("budgetqa/prompts/query.md", "budgetqa/core/regions.json", "budgetqa/evals/gold/gold.jsonl",
                   "budgetqa/samples/002_e49850479605d5c8.txt", "budgetqa/cli/__init__.py",
                   "budgetqa/core/settings.py", "budgetqa/extract/parse.py"):
        assert needed in names, needed
