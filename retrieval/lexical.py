"""Chinese lexical search: jieba (taught the domain's words and aliases) + BM25 (bm25s).

Layout on disk (`<workspace>/lexical/`): a `manifest.json` listing *segments*; a segment is
one bm25s index over the chunks of the documents ingested together, with its chunk ids,
chunk→document map and tokens. Why segments (as in Lucene) rather than one index or one
index per document:
- bm25s cannot add to an index, and rebuilding one index over ~10,000 documents (millions
  of chunks) on every ingest is too slow; one index per document means thousands of
  loads and score merges per query.
- So each ingest writes one new segment (cost proportional to what was ingested); when
  there are more than `MAX_SEGMENTS` they are merged into one from the stored tokens, and
  removed documents are dropped then. Until a merge, removed / uncommitted documents are
  filtered out at query time by the caller's list of live documents (the registry).
- Segments are loaded once and cached; a query scores each segment (a sparse operation)
  and merges the top hits by score. IDF is per segment, an approximation that only
  affects the order *between* segments; the fused ranking uses ranks anyway.
Writes go to a temp directory renamed into place and the manifest is replaced atomically,
so an interrupted ingest leaves the previous index intact.
"""
from __future__ import annotations

import json
import logging
import os
import pickle
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from budgetqa.core.aliases import ALIASES, DOMAIN_WORDS, SYNONYMS, expand, synonyms
from budgetqa.core.normalize import NUMBER_RE, norm

MAX_SEGMENTS = 8
BM25_K1, BM25_B = 1.2, 0.75
_STOP = set("的 了 是 吗 呢 吧 啊 和 与 及 或 在 有 为 把 被 年 个 里 中 多少 什么 哪些 哪个 几 怎么 如何 是否 一共 总共 安排 请问".split())
_QUOTES = re.compile(r"[“”\"‘’'「」『』]")
_PUNCT = re.compile(r"^[\W_]+$")
# PDF text puts spaces between the characters of spaced-out labels ('收 入 总 计'); a space
# between two Chinese characters is layout, not a word boundary
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
# the chunk's context prefix (table title, code path, section, project name) says what the
# quoted lines are about: its words count this many times in the chunk's term frequencies
PREFIX_BOOST = 2
# weights of the words a query is widened with: the alias's document form (巴州 →
# 巴音郭楞蒙古自治州) stands for the same thing; a template synonym (科室 → 处室) is a guess
ALIAS_WEIGHT = 1.0
SYNONYM_WEIGHT = 0.4


def _private_cache_dir() -> Path | None:
    """A per-user directory in the temp dir (mode 0700, ours) for the dictionary cache, or
    None: a pickle is only loaded from where nobody else can write."""
    try:
        d = Path(tempfile.gettempdir()) / f"budgetqa-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
        d.mkdir(mode=0o700, exist_ok=True)
        st = d.stat()
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None
        return d
    except OSError:
        return None


@lru_cache(maxsize=1)
def plain_jieba():
    """The jieba module with its default dictionary loaded — once per process and quietly.

    jieba's own cache (`jieba.cache`, marshal) takes ~1 s to load; the same (FREQ, total)
    pickled loads in ~0.35 s, so after jieba has built or loaded its dictionary once we keep
    a pickle of it in a private temp directory, keyed by jieba's version and dictionary
    file, and load that next time. Anything unusual (a custom dictionary, an unreadable or
    foreign cache) falls back to jieba's own `initialize()`. Words are *not* added here
    (see `_jieba`): the pickle is the stock dictionary."""
    import jieba
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" / "Loading model…" on stderr
    logging.getLogger("jieba").setLevel(logging.WARNING)
    dt = jieba.dt
    if dt.initialized:
        return jieba
    stock = dt.dictionary is jieba.DEFAULT_DICT and not dt.cache_file and not dt.tmp_dir
    cache = None
    if stock and (d := _private_cache_dir()) is not None:
        try:
            with dt.get_dict_file() as f:
                st = os.fstat(f.fileno())
            cache = d / f"jieba-{jieba.__version__}-{st.st_size}-{st.st_mtime_ns}.pickle"
        except (OSError, AttributeError):
            cache = None
    with dt.lock:
        if dt.initialized:
            return jieba
        if cache is not None and cache.is_file():
            try:
                with open(cache, "rb") as f:
                    freq, total = pickle.load(f)
                if isinstance(freq, dict) and isinstance(total, int) and freq:
                    dt.FREQ, dt.total, dt.initialized = freq, total, True
                    return jieba
            except Exception:  # a damaged cache: rebuild it below
                pass
        dt.initialize()
        if cache is not None:
            tmp = None
            try:
                fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
                with os.fdopen(fd, "wb") as f:
                    pickle.dump((dt.FREQ, dt.total), f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, cache)
            except OSError:
                if tmp:
                    Path(tmp).unlink(missing_ok=True)
    return jieba


@lru_cache(maxsize=1)
def _jieba():
    """jieba taught the domain's words and aliases (once per process)."""
    jieba = plain_jieba()
    words = set(DOMAIN_WORDS)
    for table in (ALIASES, SYNONYMS):
        for k, vals in table.items():
            words.add(k)
            words.update(v for v in vals if len(v) >= 2)
    for w in sorted(words):
        jieba.add_word(w, freq=200000)
    jieba.initialize()
    return jieba


TOKENIZER_VERSION = 1  # bump when tokenize / index_tokens change what they return


@lru_cache(maxsize=1)
def tokenizer_signature() -> str:
    """What the tokens depend on: this code's version, jieba's, the words jieba is taught, the
    stop words and the prefix boost. Tokens stored elsewhere (a shared server) are reused
    only under the same signature."""
    import hashlib

    import jieba
    words = set(DOMAIN_WORDS)
    for table in (ALIASES, SYNONYMS):
        for k, vals in table.items():
            words.add(k)
            words.update(v for v in vals if len(v) >= 2)
    shape = json.dumps([TOKENIZER_VERSION, jieba.__version__, PREFIX_BOOST, sorted(words), sorted(_STOP)],
                       ensure_ascii=False)
    return hashlib.sha1(shape.encode("utf-8")).hexdigest()[:12]


def tokenize(text: str) -> list[str]:
    """Tokens for BM25: numbers kept whole (thousands separators removed), the rest cut by
    jieba in search mode; stop words and punctuation dropped."""
    t = _CJK_GAP.sub("", _QUOTES.sub("", norm(text).lower()))  # “三公”经费 → 三公经费, 收 入 → 收入
    out: list[str] = []
    pos = 0
    jb = _jieba()
    for m in NUMBER_RE.finditer(t):
        out.extend(jb.lcut_for_search(t[pos:m.start()]))
        out.append(m.group(0).replace(",", ""))
        pos = m.end()
    out.extend(jb.lcut_for_search(t[pos:]))
    return [w for w in (x.strip() for x in out) if w and w not in _STOP and not _PUNCT.match(w)]


def query_tokens(query: str) -> list[str]:
    """Tokens of the question plus the document words its user words stand for (巴州 → 巴音郭楞蒙古自治州)."""
    toks = tokenize(query)
    for w in expand(query):
        toks.extend(tokenize(w))
    return toks


def weighted_query(query: str, extra: list[tuple[str, float]] | None = None) -> list[tuple[list[str], float]]:
    """Token groups with their weights: the question's own words (1.0), the document
    words of its aliases, the template synonyms of its everyday words, and any `extra`
    (words, weight) the caller adds. A token counts once, in its heaviest group."""
    groups: list[tuple[list[str], float]] = [(tokenize(query), 1.0)]
    groups.append(([t for w in expand(query) for t in tokenize(w)], ALIAS_WEIGHT))
    groups.append(([t for w in synonyms(norm(query)) for t in tokenize(w)], SYNONYM_WEIGHT))
    for w, wt in extra or []:
        groups.append((tokenize(w), wt))
    best: dict[str, float] = {}
    for toks, wt in groups:
        for t in toks:
            best[t] = max(best.get(t, 0.0), wt)
    by_weight: dict[float, list[str]] = {}
    for t, wt in best.items():
        by_weight.setdefault(wt, []).append(t)
    return sorted(((ts, wt) for wt, ts in by_weight.items()), key=lambda g: -g[1])


_PREFIX = re.compile(r"^【(.*?)】\n", re.S)


# Chunks overlap (a table row is quoted by its row chunk and by the lines chunk around it; a
# table's title prefixes every row), so on the samples under half the lines an ingest tokenises
# are new. tokenize(a + "\n" + b) == tokenize(a) + tokenize(b) — `norm` and the number and
# CJK-gap patterns work within a line, jieba cuts at the line break — except where `norm`
# rewrites across lines (LaTeX `$…$`, HTML tags, backslashes): those bodies are tokenised whole.
# tests/test_fast_start.py checks the identity on every chunk of the samples.
_LINE_TOKENS: dict[str, list[str]] = {}
_LINE_TOKENS_MAX = 30_000   # ~20 MB at most; cleared when full
_CROSS_LINE = re.compile(r"[$\\<]")


def _memo_tokens(text: str) -> list[str]:
    toks = _LINE_TOKENS.get(text)
    if toks is None:
        if len(_LINE_TOKENS) >= _LINE_TOKENS_MAX:
            _LINE_TOKENS.clear()
        toks = _LINE_TOKENS[text] = tokenize(text)
    return toks


def _body_tokens(body: str) -> list[str]:
    if _CROSS_LINE.search(body):
        return tokenize(body)
    return [t for line in body.split("\n") for t in _memo_tokens(line)]


def index_tokens(text: str) -> list[str]:
    """Tokens a chunk is indexed under: its body once, its 【context】 prefix PREFIX_BOOST times
    (the same tokens as `tokenize` on each part; repeated lines and prefixes are cut once)."""
    m = _PREFIX.match(text)
    if not m:
        return _body_tokens(text)
    return list(_memo_tokens(m.group(1))) * PREFIX_BOOST + _body_tokens(text[m.end():])


@dataclass
class _Segment:
    name: str
    model: object          # bm25s.BM25
    chunk_ids: list[str]
    doc_ids: list[str]     # distinct documents in this segment
    chunk_doc: np.ndarray  # chunk index -> index into doc_ids


class LexicalIndex:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._segments: dict[str, _Segment] = {}
        self._manifest_stamp: float | None = None

    # ---- manifest
    @property
    def _manifest_path(self) -> Path:
        return self.root / "manifest.json"

    def _read_manifest(self) -> list[str]:
        if not self._manifest_path.exists():
            return []
        return json.loads(self._manifest_path.read_text("utf-8"))["segments"]

    def _write_manifest(self, names: list[str], docs: list[str] | None = None) -> None:
        tmp = self.root / f".manifest.{uuid.uuid4().hex}.tmp"
        data: dict = {"segments": names}
        if docs is not None:
            data["docs"] = docs
        tmp.write_text(json.dumps(data), "utf-8")
        os.replace(tmp, self._manifest_path)

    def covered(self) -> set[str] | None:
        """The documents the index was last `rebuild`-t for (None if it never was)."""
        try:
            data = json.loads(self._manifest_path.read_text("utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        return set(data["docs"]) if "docs" in data else None

    # ---- segments
    def _write_segment(self, chunk_ids: list[str], chunk_docs: list[str], tokens: list[list[str]]) -> str:
        import bm25s
        name = f"seg_{uuid.uuid4().hex[:12]}"
        tmp = self.root / f".{name}.tmp"
        tmp.mkdir()
        model = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        model.index([t or [""] for t in tokens], show_progress=False)
        model.save(str(tmp / "bm25"), show_progress=False)
        docs = list(dict.fromkeys(chunk_docs))
        pos = {d: i for i, d in enumerate(docs)}
        (tmp / "chunks.json").write_text(json.dumps({"chunk_ids": chunk_ids, "doc_ids": docs,
                                                     "chunk_doc": [pos[d] for d in chunk_docs]}), "utf-8")
        with open(tmp / "tokens.jsonl", "w", encoding="utf-8") as f:
            for t in tokens:
                f.write(json.dumps(t, ensure_ascii=False) + "\n")
        os.replace(tmp, self.root / name)
        return name

    def _load_segment(self, name: str) -> _Segment:
        import bm25s
        d = self.root / name
        meta = json.loads((d / "chunks.json").read_text("utf-8"))
        model = bm25s.BM25.load(str(d / "bm25"), show_progress=False) if meta["chunk_ids"] else None
        return _Segment(name, model, meta["chunk_ids"], meta["doc_ids"], np.asarray(meta["chunk_doc"], dtype=np.int64))

    def _refresh(self) -> list[_Segment]:
        # a reader does not take the workspace's write lock: a writer's merge may delete a
        # segment between our reading the manifest and loading it — then read the new manifest
        for attempt in range(5):
            try:
                try:
                    st = self._manifest_path.stat()
                    stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
                except FileNotFoundError:
                    stamp = None
                if stamp is not None and stamp == self._manifest_stamp:
                    break  # the manifest is replaced atomically: same stamp, same segments
                names = self._read_manifest()
                if stamp != self._manifest_stamp or set(names) != set(self._segments):
                    self._segments = {n: self._segments.get(n) or self._load_segment(n) for n in names}
                    self._manifest_stamp = stamp
                break
            except (FileNotFoundError, json.JSONDecodeError):
                if attempt == 4:
                    raise
        return list(self._segments.values())

    # ---- public
    def add(self, chunk_ids: list[str], chunk_docs: list[str], texts: list[str], live: set[str] | None = None) -> None:
        """Index new chunks as one segment (atomically), then merge if there are too many."""
        if not chunk_ids:
            return
        name = self._write_segment(chunk_ids, chunk_docs, [index_tokens(t) for t in texts])
        names = self._read_manifest() + [name]
        self._write_manifest(names)
        if len(names) > MAX_SEGMENTS and live is not None:
            self.compact(live | set(chunk_docs))

    def _stored_tokens(self, names: list[str], live: set[str]) -> tuple[list[str], list[str], list[list[str]]]:
        """The stored tokens of `live` documents' chunks. Each distinct token is one string object
        (a merge holds the tokens of every chunk: ~60 per chunk, as separate strings ~7x the memory)."""
        ids, docs, toks = [], [], []
        vocab: dict[str, str] = {}
        same = vocab.setdefault
        for n in names:
            meta = json.loads((self.root / n / "chunks.json").read_text("utf-8"))
            with open(self.root / n / "tokens.jsonl", encoding="utf-8") as f:
                for cid, di, line in zip(meta["chunk_ids"], meta["chunk_doc"], f):
                    if meta["doc_ids"][di] in live:
                        ids.append(cid)
                        docs.append(meta["doc_ids"][di])
                        toks.append([same(t, t) for t in json.loads(line)])
        return ids, docs, toks

    def compact(self, live: set[str]) -> None:
        """Merge all segments into one, keeping only chunks of `live` documents."""
        names = self._read_manifest()
        ids, docs, toks = self._stored_tokens(names, live)
        new = [self._write_segment(ids, docs, toks)] if ids else []
        self._write_manifest(new)
        for n in names:
            shutil.rmtree(self.root / n, ignore_errors=True)
        self._segments = {}
        self._manifest_stamp = None

    def rebuild(self, live: set[str], chunk_ids: list[str], chunk_docs: list[str],
                texts: list[str | None], tokens: list[list[str] | None] | None = None) -> None:
        """Replace the index by one segment over exactly the `live` documents: the stored
        tokens of those already indexed plus the given new chunks (their `tokens`, or their
        texts tokenised here), in chunk-id order — so the same documents give the same index
        (and the same scores) whatever order they arrived in. The caller serialises rebuilds."""
        names = self._read_manifest()
        ids, docs, toks = self._stored_tokens(names, live)
        have = set(ids)
        given = tokens or [None] * len(chunk_ids)
        for cid, d, t, tk in zip(chunk_ids, chunk_docs, texts, given):
            if d in live and cid not in have:
                have.add(cid)
                ids.append(cid)
                docs.append(d)
                toks.append(tk if tk is not None else index_tokens(t or ""))
        order = sorted(range(len(ids)), key=ids.__getitem__)
        ids, docs, toks = [ids[i] for i in order], [docs[i] for i in order], [toks[i] for i in order]
        new = [self._write_segment(ids, docs, toks)] if ids else []
        self._write_manifest(new, sorted(live))
        for n in names:
            shutil.rmtree(self.root / n, ignore_errors=True)
        self._segments = {}
        self._manifest_stamp = None

    def remove_orphans(self) -> None:
        """Delete segment directories the manifest does not list (left by an interrupted write)."""
        keep = set(self._read_manifest())
        for p in self.root.iterdir():
            if p.is_dir() and p.name not in keep:
                shutil.rmtree(p, ignore_errors=True)
            elif p.name.startswith(".manifest.") and p.name.endswith(".tmp"):
                p.unlink(missing_ok=True)

    def search(self, query: str, k: int, allowed: set[str] | None = None,
               extra: list[tuple[str, float]] | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk id, BM25 score) over chunks of documents in `allowed` (None = all).
        The score is the weighted sum of the BM25 scores of the query's token groups
        (see `weighted_query`); `extra` adds (words, weight) pairs."""
        groups = [(ts, wt) for ts, wt in weighted_query(query, extra) if ts]
        if not groups:
            return []
        hits: list[tuple[str, float]] = []
        for seg in self._refresh():
            if seg.model is None:
                continue
            scores = None
            for ts, wt in groups:
                ids = seg.model.get_tokens_ids(ts)
                if not ids:
                    continue
                s = wt * np.asarray(seg.model.get_scores_from_ids(ids), dtype=np.float32)
                scores = s if scores is None else scores + s
            if scores is None:
                continue
            if allowed is not None:
                ok = np.fromiter((d in allowed for d in seg.doc_ids), dtype=bool, count=len(seg.doc_ids))
                if not ok.any():
                    continue
                scores = np.where(ok[seg.chunk_doc], scores, 0.0)
            n = min(k, len(scores))
            top = np.argpartition(-scores, n - 1)[:n] if n < len(scores) else np.arange(len(scores))
            hits.extend((seg.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0)
        hits.sort(key=lambda h: (-h[1], h[0]))
        return hits[:k]
