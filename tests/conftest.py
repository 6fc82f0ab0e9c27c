"""Shared fixtures: the bundled sample disclosures, parsed once per session."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(Path(__file__).parent))

# No test may reach a real model: the LLM client refuses non-loopback URLs under this flag.
os.environ["BUDGETQA_TESTING"] = "1"
for var in ("BUDGETQA_LLM_BASE_URL", "BUDGETQA_LLM_API_KEY", "BUDGETQA_LLM_MODEL", "OPENAI_API_KEY",
            "BUDGETQA_EMBEDDING", "BUDGETQA_CHROMA_URL", "BUDGETQA_WORKSPACE"):
    os.environ.pop(var, None)

SEEDS = {
    "cj2024": "000_fbfe44e17c8967fa.txt",
    "bz2025": "002_e49850479605d5c8.txt",
    "wlmq2024js": "003_606eb66e1c061dbe.txt",
    "wlmq2025": "004_ad81c3092455a930.txt",
}


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def parsed():
    """name -> Disclosure for the four samples (parsed once; tests must not mutate them)."""
    from budgetqa.extract.parse import parse_file

    return {k: parse_file(SAMPLES / v) for k, v in SEEDS.items()}


@pytest.fixture(scope="session")
def qa_ws(tmp_path_factory, samples_dir):
    """One workspace with the four samples ingested, shared by the answering tests (read only)."""
    from budgetqa.retrieval.workspace import Workspace

    w = Workspace.open(workspace=str(tmp_path_factory.mktemp("ws_samples")))
    w.ingest([samples_dir])
    return w
