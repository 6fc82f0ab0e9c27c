"""Start-up and ingest speed-ups keep behaviour: the offline path imports no LLM client, the
embedding gives the very vectors of the original loop, jieba loads its stock dictionary
once and quietly. Timings are printed by benchmarks/startup.py, never asserted here."""
from __future__ import annotations

import subprocess
import sys
import zlib

import numpy as np
import pytest

from budgetqa.retrieval.embedding import hashed_vector, ngram_text

LLM_ROOTS = ("openai", "langchain_core", "langchain_openai")


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


def test_offline_path_imports_no_llm_client():
    code = ("import sys, budgetqa.cli\n"
            "from budgetqa.cli import build_parser\n"
            "build_parser()\n"
            "from budgetqa.qa import pipeline, offline, facts, parser, execute\n"
            "import budgetqa.retrieval.workspace, budgetqa.retrieval.store, budgetqa.retrieval.embedding\n"
            "import budgetqa.core.numeric, budgetqa.verify.audit, budgetqa.extract.parse\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {LLM_ROOTS!r}))")
    r = _run(code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_embedding_module_does_not_import_chromadb():
    r = _run("import sys, budgetqa.retrieval.embedding as e, budgetqa.retrieval.store\n"
             "e.hashed_vector('三公经费', 64)\n"
             "print('chromadb' in sys.modules)")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


def test_docs_on_empty_workspace_does_not_import_chromadb(tmp_path):
    r = _run("import sys\nfrom budgetqa.cli import main\n"
             "code = main(['docs', '--workspace', sys.argv[1]])\n"
             "print('chromadb' in sys.modules, code)", str(tmp_path / "ws"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "False 0"


def test_docs_and_unmatched_search_on_an_index_do_not_import_chromadb(tmp_path):
    """Only a search that reaches the vectors opens the store: listing documents, resolving
    one, and a search no indexed document matches never pay chromadb's import."""
    from budgetqa.core.settings import Settings
    from budgetqa.retrieval.workspace import Workspace
    sample = sorted((__import__("pathlib").Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))[0]
    ws = tmp_path / "ws"
    assert Workspace.open(Settings(workspace=ws)).ingest([sample])[0].status == "indexed"
    r = _run("import sys\nfrom budgetqa.cli import main\n"
             "codes = [main(['docs', '--workspace', sys.argv[1]]), main(['docs', '--json', '--workspace', sys.argv[1]]),"
             " main(['search', '三公经费', '--year', '2030', '--workspace', sys.argv[1]])]\n"
             "print('chromadb' in sys.modules, codes)", str(ws))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "False [0, 0, 0]"
    r = _run("import sys\nfrom budgetqa.cli import main\n"
             "code = main(['search', '三公经费', '--workspace', sys.argv[1]])\n"
             "print('chromadb' in sys.modules, code)", str(ws))
    assert r.stdout.strip().splitlines()[-1] == "True 0", r.stderr  # a real search does open it


def _reference_hashed_vector(text: str, dim: int, n_max: int = 3) -> np.ndarray:
    """The original per-gram loop, kept verbatim as the reference."""
    t = ngram_text(text)
    counts: dict[int, float] = {}
    for n in range(1, n_max + 1):
        weight = 0.5 if n == 1 else 1.0
        for i in range(len(t) - n + 1):
            h = zlib.crc32(t[i:i + n].encode("utf-8"))
            key = h if h & 1 else -h - 1
            counts[key] = counts.get(key, 0.0) + weight
    vec = np.zeros(dim, dtype=np.float32)
    for key, c in counts.items():
        h = key if key >= 0 else -key - 1
        vec[(h >> 1) % dim] += (1.0 if key >= 0 else -1.0) * (1.0 + np.log(c))
    n = float(np.linalg.norm(vec))
    return vec / n if n > 0 else vec


def test_hashed_vector_identical_to_reference():
    from pathlib import Path
    texts = ["", "a", "aaaa", "，。", "三公经费", "高新技术企业认定后奖励", "公务用车运行费 9.00 9.00",
             "【表3 一般公共预算支出表】\n201 一般公共服务支出 1,234.56 1,000.00 234.56", "ABC abc 123 一二三一二三一二三"]
    for f in sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))[:2]:
        s = f.read_text("utf-8")
        texts += [s[i:i + 800] for i in range(0, min(len(s), 16000), 800)]
    for dim in (7, 64, 256, 1024):
        for t in texts:
            a, b = _reference_hashed_vector(t, dim), hashed_vector(t, dim)
            assert a.dtype == b.dtype and np.array_equal(a, b), (dim, t[:40])
    # twice: the second call goes through the memoised gram keys
    assert all(np.array_equal(_reference_hashed_vector(t, 128), hashed_vector(t, 128)) for t in texts)


def test_jieba_stock_dictionary_same_and_quiet():
    r = _run("import jieba\n"
             "from budgetqa.retrieval.lexical import plain_jieba, tokenize\n"
             "a = plain_jieba().dt\n"
             "ref = jieba.Tokenizer(); ref.initialize()\n"  # jieba's own loader (its marshal cache)
             "assert a.FREQ == ref.FREQ and a.total == ref.total\n"
             "print(tokenize('巴州科学技术局“三公”经费多少'))")
    assert r.returncode == 0, r.stderr
    assert "三公经费" in r.stdout
    # the second process loads the cached dictionary; neither says anything on stderr
    r2 = _run("from budgetqa.retrieval.lexical import plain_jieba, _jieba\n"
              "assert plain_jieba() is _jieba()\nprint(len(plain_jieba().dt.FREQ) > 100000)")
    assert r2.returncode == 0 and r2.stdout.strip() == "True", r2.stderr
    assert "Building prefix dict" not in r.stderr + r2.stderr and "Loading model" not in r.stderr + r2.stderr


def test_index_tokens_same_as_tokenising_each_part_whole(parsed):
    """The per-line memo in `index_tokens` gives exactly the tokens of tokenising the prefix and
    the body whole (the reference), on every chunk of the samples and on text `norm` rewrites
    across lines."""
    from budgetqa.extract.loader import load
    from budgetqa.retrieval import lexical
    from budgetqa.retrieval.chunks import make_chunks
    from budgetqa.retrieval.lexical import _PREFIX, PREFIX_BOOST, index_tokens, tokenize

    def reference(text: str) -> list[str]:
        m = _PREFIX.match(text)
        if not m:
            return tokenize(text)
        return tokenize(m.group(1)) * PREFIX_BOOST + tokenize(text[m.end():])

    from pathlib import Path
    samples = Path(__file__).resolve().parent.parent / "samples"
    from conftest import SEEDS
    texts = []
    for key, name in SEEDS.items():
        texts += [c.text for c in make_chunks(load(samples / name), parsed[key])]
    texts += ["【表1 收支总表】\n收入 $1,234.5$ 万元\n支出 <br>合计 9.00", "一行\n\n两行 12,345.67\n三公经费\\n",
              "没有前缀的 三公 经费\n  9.00  ", "【前缀】\n", ""]
    lexical._LINE_TOKENS.clear()
    for _ in range(2):  # the second pass is served from the memo
        for t in texts:
            assert index_tokens(t) == reference(t), t[:60]
