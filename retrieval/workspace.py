"""The workspace: the one object the CLI, the QA pipeline and the app use to index and search.

Layout (`settings.workspace`):
    docs.json            the registry — the commit point: a document is indexed once it is here
    docs/<id>.json.gz    its parsed `Disclosure`;  docs/<id>.source.json.gz  its `SourceDoc`
                         (gzip: JSON of a parsed model compresses ~8x; an index made before
                         they were compressed keeps its plain .json files, read the same way)
    chroma/              the vector store (unless a Chroma server is configured)
    vectors/<id>.npy     a copy of its chunks' vectors (float16, in chunk order) for searches
                         scoped to a few documents (see SCOPED_CHUNKS)
    lexical/             BM25 segments (see retrieval/lexical.py)
    pending.json         journal of an ingest / remove in progress
    write.lock           the inter-process write lock (see below)

Crash safety: files are written under a temp name and renamed; an ingest first journals
the documents it is about to add, then writes models, vectors and a lexical segment, then
the registry, then clears the journal. A left-over journal is rolled back (ingest) or
finished (remove), so an interrupted run leaves the index as it was before. Searches only
ever return chunks of registered documents.

Concurrency: one writer at a time, any number of readers. Every write (an ingest batch's
commit, a remove, a journal rollback, the clean-up of temp files) runs under an OS file
lock on `write.lock` (`Workspace.writing`); a second writer — another CLI process, the
app — waits for it (up to `LOCK_TIMEOUT` seconds, then a `WorkspaceBusyError`). Under the
lock the registry is re-read and only this operation's entries are added or removed, so
concurrent writers never drop each other's documents. Parsing happens outside the lock,
so two ingests only queue for their commits. Opening a workspace rolls back a left-over
journal only if it gets the lock at once: a journal whose writer still holds the lock is
that writer's live work, not debris. Readers (`docs`, `search`, `ask`) take no lock; they
see the registry as last committed (re-read when docs.json changes).
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from budgetqa.core.errors import BudgetQAError, FileTooLargeError, StoreError, UserInputError, WorkspaceBusyError
from budgetqa.core.settings import Settings, settings_with
from budgetqa.extract.loader import SUPPORTED, load
from budgetqa.extract.models import Disclosure
from budgetqa.extract.parse import parse
from budgetqa.extract.source import SourceDoc, content_hash

from .chunks import Chunk, make_chunks
from .filters import SearchFilters, strip_scope
from .lexical import LexicalIndex
from .query import block_key, chunk_prior, extra_terms
from .store import VectorStore

log = logging.getLogger(__name__)

RRF_K = 60
# BM25 carries keyword questions ('差旅费', '三公经费'); the offline n-gram vectors help on
# paraphrases but are noisier (on the gold set BM25 alone scores higher), so their ranks
# count for little in the fusion: they mostly reorder near-ties. Every candidate (BM25's
# and the vector search's) is ranked by cosine, so a lexical hit is not penalised for
# falling outside the vector top-n. Benchmark: 0.05 / 0.1 / 0.25 / 0.4 gave R@5
# 0.971 / 0.981 / 0.971 / 0.942.
LEXICAL_WEIGHT = 1.0
VECTOR_WEIGHT = 0.1
BATCH_DOCS = 50
# ... or fewer, when their chunks reach this many: a batch is held in memory until its commit
BATCH_CHUNKS = 20_000
# at most this many chunks of one block (a performance table, a prose section) before the
# chunks of other blocks: the top results should show different places, not one table thrice
MAX_PER_BLOCK = 3
# how long a writer waits for another writer's lock before giving up (seconds); a commit
# holds it for one batch of BATCH_DOCS documents, so minutes mean a stuck process
LOCK_TIMEOUT = 600.0
LOCK_FILE = "write.lock"
# A search restricted to documents with at most this many chunks in all (~70 documents) ranks
# their vectors exactly from the per-document copies in vectors/ instead of asking Chroma for a
# filtered nearest-neighbour search, whose cost grows with the whole corpus (measured: 28 ms at
# 100 documents, 141 ms at 400, 133 ms at 1,000 in benchmarks/scale.py), and which loads the
# corpus's whole HNSW index into memory
SCOPED_CHUNKS = 20_000
VECTOR_DTYPE = "float16"  # the copies: half the disk of float32; ranks the same on the gold set

# parsed models (and stored texts) kept in memory per workspace, least recently used out first:
# memory follows the documents questions touch, not the corpus (a model is ~0.2-0.6 MB in memory)
MODEL_CACHE = 64


class LRU:
    """A small thread-safe least-recently-used map with a bound on its entries."""

    def __init__(self, maxsize: int):
        from collections import OrderedDict
        self.maxsize = maxsize
        self._d: "OrderedDict[str, object]" = OrderedDict()
        self._mu = threading.Lock()

    def get(self, key: str):
        with self._mu:
            if key in self._d:
                self._d.move_to_end(key)
                return self._d[key]
        return None

    def put(self, key: str, value) -> None:
        with self._mu:
            self._d[key] = value
            self._d.move_to_end(key)
            while len(self._d) > self.maxsize:
                self._d.popitem(last=False)

    def pop(self, key: str, default=None):
        with self._mu:
            return self._d.pop(key, default)

    def __contains__(self, key: str) -> bool:
        with self._mu:
            return key in self._d

    def __len__(self) -> int:
        return len(self._d)


class IngestResult(BaseModel):
    path: str
    status: Literal["indexed", "already indexed", "failed"]
    doc_id: str | None = None
    message: str = ""


class DocRecord(BaseModel):
    doc_id: str
    source: str
    format: str = ""
    department: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str | None = None
    scope: str | None = None          # 部门 (the department with its units) / 单位 (one unit)
    pages: int | None = None
    n_chunks: int = 0
    n_tables: int = 0
    ingested_at: str = ""
    other_names: list[str] = []       # names the department also goes by (加挂…牌子)
    fingerprint: str | None = None    # `figures_fingerprint`: the same disclosure re-encoded / re-exported has the same


def figures_fingerprint(d: Disclosure) -> str | None:
    """A hash of the document's figures: every table value (table key, row code / name, column) and every
    stated prose amount, rounded to the cent. Independent of the file's encoding and format, so a GBK copy
    of a UTF-8 text or the PDF of the same text fingerprints alike. None when there are no figures."""
    import hashlib
    vals: set[str] = set()
    for t in d.tables:
        for r in t.rows:
            for c, v in r.values.items():
                if v is not None:
                    vals.add(f"T|{t.key}|{r.code or r.name}|{c}|{v:.2f}")
    if not vals:  # tables published separately: the prose figures are the document's numbers
        for pf in d.prose_figures:
            for x in (pf.amount, pf.share_pct, pf.change, pf.change_pct):
                if x is not None:
                    vals.add(f"P|{x:.2f}")
    if not vals:
        return None
    return hashlib.sha256("\n".join(sorted(vals)).encode()).hexdigest()[:16]


def _same_disclosure_key(department, year, kind, scope, fingerprint) -> tuple | None:
    if fingerprint is None or not department or not year:
        return None
    return (department, year, kind, scope, fingerprint)


class Hit(BaseModel):
    chunk: Chunk
    score: float
    lexical_rank: int | None = None
    vector_rank: int | None = None


@dataclass
class _Parsed:
    path: str
    src: SourceDoc
    disclosure: Disclosure
    chunks: list[Chunk] = field(default_factory=list)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


def _atomic_write_gz(path: Path, text: str) -> None:
    """`text` gzip-compressed at `path` (level 1: a parsed model is ~8x smaller, for ~10 ms)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=1, mtime=0))
    os.replace(tmp, path)


def _read_stored(base: Path) -> str:
    """The stored JSON `base`.gz (or, in an index written before compression, `base` itself)."""
    gz = base.with_name(base.name + ".gz")
    try:
        data = gz.read_bytes()
    except FileNotFoundError:
        return base.read_text("utf-8")
    try:
        return gzip.decompress(data).decode("utf-8")
    except EOFError as err:  # a truncated file: unreadable, like bad JSON
        raise ValueError(f"{gz.name} is truncated") from err


TEXT_FORMATS = (".txt", ".md")
# measured (benchmarks, 2 cores): indexing a text input peaks at ~270 MB + ~130 MB per MB of
# text (parse ~45 MB/MB, chunks + vectors + tokens the rest) and takes ~18 s per MB
MB_OF_MEMORY_PER_MB_OF_TEXT = 130


def check_input_size(name: str, size: int, settings: Settings) -> None:
    """Refuse, before reading it, an input too large to index within the memory it would take:
    text inputs over `settings.max_text_mb` (a disclosure's text is 40-80 KB; tens of MB of
    text are many disclosures in one file, or not a disclosure)."""
    mb = size / 1048576
    if Path(name).suffix.lower() in TEXT_FORMATS and mb > settings.max_text_mb:
        need = 0.27 + mb * MB_OF_MEMORY_PER_MB_OF_TEXT / 1024
        raise FileTooLargeError(
            f"text file is {mb:.1f} MB, over the {settings.max_text_mb:g} MB limit for text inputs "
            f"(indexing it would take about {need:.1f} GB of memory)", file=name,
            hint="split it into one file per disclosure, or raise BUDGETQA_MAX_TEXT_MB if this machine has the memory")


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; folders walked for supported files (sorted, hidden files skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out


class Workspace:
    def __new__(cls, settings: Settings, *args, **kwargs):
        # a shared Chroma server holds the whole index (registry, models, vectors): see retrieval/shared.py
        if cls is Workspace and settings.chroma_url:
            from .shared import SharedWorkspace
            cls = SharedWorkspace
        return super().__new__(cls)

    def __init__(self, settings: Settings):
        self.settings = settings
        self.root = Path(settings.workspace).expanduser()
        try:
            (self.root / "docs").mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the workspace {self.root}: {err}",
                             hint="pass --workspace DIR or set BUDGETQA_WORKSPACE to a writable directory") from err
        from filelock import FileLock
        # thread_local: each thread of the app holds the lock through its own descriptor,
        # so two threads exclude each other like two processes do; re-entrant per thread
        self._lock = FileLock(self.root / LOCK_FILE, timeout=LOCK_TIMEOUT, thread_local=True)
        self._depth = threading.local()
        self._vectors: VectorStore | None = None  # opened on first use: `docs` never imports chromadb
        self.lexical = LexicalIndex(self.root / "lexical")
        self._registry_stamp: tuple | None = None
        self._registry: dict[str, DocRecord] = self._read_registry()
        self._sorted: tuple[dict, list[DocRecord]] | None = None
        self._cache = LRU(MODEL_CACHE)         # doc id -> Disclosure
        self._sources = LRU(MODEL_CACHE)       # doc id -> SourceDoc
        self._recover_if_idle()

    @classmethod
    def open(cls, settings: Settings | None = None, workspace: str | None = None) -> "Workspace":
        if settings is None:
            settings = settings_with(workspace=workspace)
        elif workspace is not None:
            settings = settings.model_copy(update={"workspace": Path(workspace)})
        return cls(settings)

    @property
    def vectors(self) -> VectorStore:
        """The vector store, opened on first use (importing chromadb and opening its client
        cost about a second; listing documents, an empty workspace or a question no document
        matches never pay it)."""
        if self._vectors is None:
            self._vectors = VectorStore(self.settings, self.root)
        return self._vectors

    # ---- the write lock
    @contextmanager
    def writing(self, timeout: float | None = None):
        """Hold the workspace's write lock (re-entrant within a thread). On first entry the
        registry is re-read and a dead writer's journal is rolled back, so the caller
        writes on top of the latest committed state."""
        from filelock import Timeout
        depth = getattr(self._depth, "n", 0)
        try:
            self._lock.acquire(timeout=LOCK_TIMEOUT if timeout is None else timeout)
        except Timeout as err:
            raise WorkspaceBusyError(
                f"another budgetqa process has been writing to the workspace {self.root} for over "
                f"{LOCK_TIMEOUT if timeout is None else timeout:.0f} s", file=self.root / LOCK_FILE,
                hint="wait for that ingest / remove to finish and retry (if none is running, the lock is stale: "
                     "delete the lock file)") from err
        self._depth.n = depth + 1
        try:
            if depth == 0:
                with self._exclusive(LOCK_TIMEOUT if timeout is None else timeout):
                    self._registry = self._read_registry()
                    self._recover()
                    yield
            else:
                yield
        finally:
            self._depth.n = depth
            self._lock.release()

    @contextmanager
    def _exclusive(self, timeout: float):
        """Whatever else a writer must hold besides the workspace's file lock (a shared
        server's lease, see retrieval/shared.py); nothing for a local workspace."""
        yield

    def _recover_if_idle(self) -> None:
        """On open: clean up after a dead writer, but only if no writer is alive (the lock
        is free right now); a live writer's journal and temp files are its work in progress."""
        try:
            with self.writing(timeout=0):
                pass
        except WorkspaceBusyError:
            pass
        except OSError:
            pass  # a read-only workspace: nothing can be rolled back, reading still works

    # ---- registry and journal
    @property
    def _registry_path(self) -> Path:
        return self.root / "docs.json"

    @property
    def _journal_path(self) -> Path:
        return self.root / "pending.json"

    def _stat_registry(self) -> tuple | None:
        try:
            st = self._registry_path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _read_registry(self) -> dict[str, DocRecord]:
        stamp = self._stat_registry()
        if stamp is None:
            self._registry_stamp = None
            return {}
        try:
            data = json.loads(self._registry_path.read_text("utf-8"))
        except FileNotFoundError:
            self._registry_stamp = None
            return {}
        except (OSError, json.JSONDecodeError) as err:
            raise StoreError(f"the document registry is unreadable: {err}", file=self._registry_path,
                             hint="re-ingest into a fresh --workspace") from err
        self._registry_stamp = stamp
        return {k: DocRecord(**v) for k, v in data.items()}

    def _sync(self) -> None:
        """Readers: pick up what other processes committed since we last looked (docs.json
        is replaced atomically on every commit, so a changed stat means a new registry)."""
        if self._stat_registry() != self._registry_stamp:
            self._registry = self._read_registry()

    def _write_registry(self, reg: dict[str, DocRecord]) -> None:
        """Replace the registry with `reg` (atomically); only under the write lock."""
        _atomic_write(self._registry_path, json.dumps({k: v.model_dump() for k, v in reg.items()},
                                                      ensure_ascii=False, indent=1))
        self._registry = reg
        self._registry_stamp = self._stat_registry()

    def _update_registry(self, add: dict[str, DocRecord] | None = None, drop: set[str] | None = None) -> None:
        """Merge this operation's entries into the registry as it is on disk now (under the
        lock), never into a copy read earlier: other writers' documents are kept."""
        reg = self._read_registry()
        reg.update(add or {})
        for d in drop or ():
            reg.pop(d, None)
        self._write_registry(reg)

    def _journal(self, op: str, doc_ids: list[str]) -> None:
        _atomic_write(self._journal_path, json.dumps({"op": op, "doc_ids": doc_ids}))

    def _purge(self, doc_ids: list[str]) -> None:
        """Delete everything but the registry entry: vectors and stored models."""
        if doc_ids:
            self._store("delete", self.vectors.delete_docs, doc_ids)
        for d in doc_ids:
            for p in (self.root / "docs" / f"{d}.json.gz", self.root / "docs" / f"{d}.source.json.gz",
                      self.root / "docs" / f"{d}.json", self.root / "docs" / f"{d}.source.json",
                      self.root / "vectors" / f"{d}.npy"):
                p.unlink(missing_ok=True)
            self._cache.pop(d, None)
            self._sources.pop(d, None)

    def _store(self, what: str, fn, *args,
               hint: str = "nothing was committed; retry (if it persists, re-ingest into a fresh --workspace)"):
        """Call the vector store; its failures (chromadb errors) become one StoreError line."""
        try:
            return fn(*args)
        except BudgetQAError:
            raise
        except Exception as err:
            detail = (str(err).strip().splitlines() or [""])[0]
            raise StoreError(f"the vector store failed to {what}: {type(err).__name__}: {detail}",
                             file=self._store_location(), hint=hint) from err

    READ_RETRIES = (0.2, 0.6, 1.5)     # seconds between attempts of a read that met another process's commit

    def _read_store(self, what: str, method: str, *args, hint: str):
        """A read of the vector store (search, fetch, score). While another process commits an
        ingest, a local Chroma reader can meet a half-flushed segment ('Error getting
        embedding'): wait, reopen the store, and read again; only a failure that persists
        becomes the one-line StoreError."""
        for pause in self.READ_RETRIES:
            try:
                return getattr(self.vectors, method)(*args)
            except BudgetQAError:
                raise
            except Exception as err:  # noqa: BLE001 — chromadb's errors have no common base
                log.info("vector store read (%s) failed, retrying in %.1fs: %s", what, pause, err)
                time.sleep(pause)
                try:
                    self._vectors = self.vectors.reopen()
                except Exception:  # noqa: BLE001 — the next attempt reports it
                    pass
        return self._store(what, lambda *a: getattr(self.vectors, method)(*a), *args, hint=hint)

    def _store_location(self) -> str:
        return str(self.root / "chroma")

    def _recover(self) -> None:
        """Roll back an interrupted ingest / finish an interrupted remove (under the lock)."""
        if self._journal_path.exists():
            try:
                j = json.loads(self._journal_path.read_text("utf-8"))
            except (OSError, json.JSONDecodeError):
                j = {"op": "ingest", "doc_ids": []}
            ids = list(j.get("doc_ids", []))
            if j.get("op") == "remove":
                self._purge(ids)
                if any(d in self._registry for d in ids):
                    self._update_registry(drop=set(ids))
            else:
                self._purge([d for d in ids if d not in self._registry])
            self._journal_path.unlink(missing_ok=True)
        self.lexical.remove_orphans()
        for p in (self.root / "docs").glob(".*.tmp"):
            p.unlink(missing_ok=True)
        for p in (self.root / "vectors").glob(".*.tmp"):
            p.unlink(missing_ok=True)
        for p in self.root.glob(".*.tmp"):
            p.unlink(missing_ok=True)

    # ---- ingest
    def _prepare(self, path: str, name: str, data: bytes) -> _Parsed:
        src = load(Path(name), max_mb=self.settings.max_file_mb, data=data)
        src = src.model_copy(update={"path": path})
        d = parse(src)
        return _Parsed(path=path, src=src, disclosure=d, chunks=make_chunks(src, d))

    def _not_taken(self, batch: list[_Parsed]) -> tuple[set[str], list[_Parsed]]:
        """The ids another writer committed meanwhile, and the rest of the batch."""
        taken = {p.src.doc_id for p in batch if p.src.doc_id in self._registry}
        return taken, [p for p in batch if p.src.doc_id not in taken]

    def _commit(self, batch: list[_Parsed]) -> set[str]:
        """Write one batch of parsed documents under the write lock; the registry update at
        the end is the commit. Returns the ids another writer committed meanwhile (skipped)."""
        with self.writing():
            taken, batch = self._not_taken(batch)
            if not batch:
                return taken
            ids = [p.src.doc_id for p in batch]
            self._journal("ingest", ids)
            for p in batch:
                _atomic_write_gz(self.root / "docs" / f"{p.src.doc_id}.source.json.gz", p.src.model_dump_json())
                _atomic_write_gz(self.root / "docs" / f"{p.src.doc_id}.json.gz", p.disclosure.model_dump_json(exclude_defaults=True))  # what a field does not state loads back as its default
            chunks = [c for p in batch for c in p.chunks]
            try:
                embs = self._store("add the chunks", self.vectors.add, chunks)
                self._write_vectors(chunks, embs)
            except StoreError:
                try:
                    self._recover()  # roll this batch back now, while we hold the lock
                except Exception:
                    pass  # the journal stays; the next writer rolls it back
                raise
            self.lexical.add([c.id for c in chunks], [c.doc_id for c in chunks], [c.text for c in chunks],
                             live=set(self._registry) | set(ids))
            self._update_registry(add=self._records(batch))
            self._journal_path.unlink(missing_ok=True)
            return taken

    def _write_vectors(self, chunks: list[Chunk], embs: list) -> None:
        """The per-document copies of the vectors (vectors/<id>.npy, chunk order), for scoped searches."""
        import numpy as np
        by_doc: dict[str, list] = {}
        for c, e in zip(chunks, embs):
            by_doc.setdefault(c.doc_id, []).append(e)
        d = self.root / "vectors"
        try:
            d.mkdir(exist_ok=True)
            for doc_id, vs in by_doc.items():
                tmp = d / f".{doc_id}.{uuid.uuid4().hex[:8]}.tmp"
                with open(tmp, "wb") as f:
                    np.save(f, np.asarray(vs, dtype=VECTOR_DTYPE))
                os.replace(tmp, d / f"{doc_id}.npy")
        except OSError as err:
            raise StoreError(f"cannot write the vectors' copy: {err}", file=d,
                             hint="check the free disk space of the workspace") from err

    def _scoped(self, query: str, docs: list[DocRecord], n: int):
        """Exact nearest chunks among `docs` from their vectors' copies: ([(chunk id, cosine
        distance)] best first, chunk id -> vector), or None when a copy is missing (an index
        made before they were kept) — then Chroma's filtered search answers."""
        import numpy as np
        mats: dict[str, np.ndarray] = {}
        for r in docs:
            if not r.n_chunks:
                continue
            try:
                m = np.load(self.root / "vectors" / f"{r.doc_id}.npy")
            except (OSError, ValueError):
                return None
            if m.ndim != 2 or m.shape[0] != r.n_chunks:
                return None
            mats[r.doc_id] = m.astype(np.float32)

        def vecs(cid: str):
            doc_id, _, i = cid.rpartition(":")
            m = mats.get(doc_id)
            return m[int(i)] if m is not None and i.isdigit() and int(i) < len(m) else None
        if not mats:
            return [], vecs
        q = np.asarray(self.vectors.embedding([query])[0], dtype=np.float32)
        qn = float(np.linalg.norm(q)) or 1.0
        scored: list[tuple[float, str]] = []
        for doc_id, m in mats.items():
            sims = (m @ q) / (np.linalg.norm(m, axis=1) * qn + 1e-9)
            top = np.argsort(-sims, kind="stable")[:n]
            scored.extend((float(sims[i]), f"{doc_id}:{i:05d}") for i in top)
        scored.sort(key=lambda h: (-h[0], h[1]))
        return [(cid, 1.0 - s) for s, cid in scored[:n]], vecs

    @staticmethod
    def _records(batch: list[_Parsed]) -> dict[str, DocRecord]:
        now = time.strftime("%Y-%m-%dT%H:%M:%S")
        add = {}
        for p in batch:
            m = p.disclosure.meta
            add[p.src.doc_id] = DocRecord(doc_id=p.src.doc_id, source=p.src.name, format=p.src.format,
                                          department=m.department, region=m.region, year=m.year, kind=m.kind, scope=m.scope,
                                          pages=p.src.pages, n_chunks=len(p.chunks),
                                          n_tables=len(p.disclosure.tables), ingested_at=now,
                                          fingerprint=figures_fingerprint(p.disclosure), other_names=m.other_names)
        return add

    def _duplicate_index(self) -> tuple[dict[tuple, DocRecord], dict[tuple, list[DocRecord]]]:
        """(same-disclosure key -> first registered record; (department, year, kind, scope) ->
        records indexed before fingerprints were recorded), built once per registry version:
        an ingest of N files into a registry of M documents costs N + M lookups, not N x M."""
        reg = self._registry
        if getattr(self, "_dups", None) is None or self._dups[0] is not reg:
            by_key: dict[tuple, DocRecord] = {}
            legacy: dict[tuple, list[DocRecord]] = {}
            for r in reg.values():
                if r.fingerprint is None:
                    if r.department and r.year:
                        legacy.setdefault((r.department, r.year, r.kind, r.scope), []).append(r)
                else:
                    k = _same_disclosure_key(r.department, r.year, r.kind, r.scope, r.fingerprint)
                    if k is not None:
                        by_key.setdefault(k, r)
            self._dups = (reg, by_key, legacy)
        return self._dups[1], self._dups[2]

    def _duplicate_of(self, d: Disclosure, run: dict[tuple, DocRecord]) -> DocRecord | None:
        """An indexed (or earlier in this run: `run`, key -> record) document that is the same
        disclosure: same department, year, kind and scope, and the same figures (`figures_fingerprint`)."""
        m = d.meta
        key = _same_disclosure_key(m.department, m.year, m.kind, m.scope, figures_fingerprint(d))
        if key is None:
            return None
        by_key, legacy = self._duplicate_index()
        if key in by_key:
            return by_key[key]
        for r in legacy.get(key[:4], ()):
            try:  # indexed before fingerprints were recorded: compute it from the stored model
                fp = figures_fingerprint(self.disclosure(r.doc_id))
            except BudgetQAError:
                fp = None
            if fp == key[4]:
                return r
        return run.get(key)

    @staticmethod
    def _run_key(p: _Parsed) -> tuple | None:
        m = p.disclosure.meta
        return _same_disclosure_key(m.department, m.year, m.kind, m.scope, figures_fingerprint(p.disclosure))

    def _ingest_items(self, items: list[tuple[str, str, bytes | None]], progress: bool,
                      keep_duplicates: bool = False) -> list[IngestResult]:
        """items: (path shown to the user, file name, bytes or None to read the path). Unless
        `keep_duplicates`, a file that is the same disclosure as an indexed one (another encoding,
        the PDF of the same text) is skipped as "already indexed"."""
        self._sync()
        # same-disclosure keys of the documents parsed in this run (committed or not): duplicates among
        # the files given. Keys only: the parsed documents themselves go with their batch's commit
        run_keys: dict[tuple, DocRecord] = {}
        results: list[IngestResult] = []
        batch: list[_Parsed] = []
        batch_results: list[IngestResult] = []
        seen: set[str] = set()

        def flush():
            if batch:
                try:
                    taken = self._commit(batch)
                except StoreError as err:  # this batch is not committed; the rest may still go in
                    for r in batch_results:
                        r.status, r.message = "failed", str(err)
                    taken = set()
                for r in batch_results:
                    if r.doc_id in taken:
                        r.status, r.message = "already indexed", "indexed meanwhile by another process"
                batch.clear()
                batch_results.clear()

        bar = None
        if progress:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
            bar = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                           TextColumn("{task.description}"), transient=True)
            bar.start()
            task = bar.add_task("", total=len(items))
        try:
            for path, name, data in items:
                if bar:
                    bar.update(task, description=name)
                try:
                    if data is None:
                        p = Path(path)
                        if not p.exists():
                            raise UserInputError("no such file", file=path, hint="check the path")
                        if p.suffix.lower() not in SUPPORTED:
                            load(p)  # raises the typed unsupported-format error
                        size = p.stat().st_size
                        check_input_size(name, size, self.settings)  # before reading a byte of it
                        data = p.read_bytes() if size <= self.settings.max_file_mb * 1048576 else None
                        if data is None:
                            load(p, max_mb=self.settings.max_file_mb)  # raises FileTooLargeError
                    else:
                        check_input_size(name, len(data), self.settings)
                    doc_id = content_hash(data)
                    if doc_id in self._registry or doc_id in seen:
                        results.append(IngestResult(path=path, status="already indexed", doc_id=doc_id,
                                                    message="same content already in the index"))
                    else:
                        parsed = self._prepare(path, name, data)
                        seen.add(doc_id)
                        dup = None if keep_duplicates else self._duplicate_of(parsed.disclosure, run_keys)
                        if dup is not None:
                            what = ", ".join(str(x) for x in (dup.department, dup.year, dup.kind, dup.scope) if x)
                            results.append(IngestResult(
                                path=path, status="already indexed", doc_id=dup.doc_id,
                                message=f"same disclosure as {dup.source} ({what}; doc {dup.doc_id[:12]}): "
                                        f"same figures in another encoding or format — not indexed again "
                                        f"(--keep-duplicates to index both)"))
                            continue
                        if not keep_duplicates and (key := self._run_key(parsed)) is not None:
                            pm = parsed.disclosure.meta
                            run_keys.setdefault(key, DocRecord(doc_id=doc_id, source=parsed.src.name,
                                                               department=pm.department, year=pm.year,
                                                               kind=pm.kind, scope=pm.scope))
                        batch.append(parsed)
                        r = IngestResult(path=path, status="indexed", doc_id=doc_id,
                                         message=f"{len(parsed.chunks)} chunks, {len(parsed.disclosure.tables)} tables")
                        results.append(r)
                        batch_results.append(r)
                except BudgetQAError as err:
                    results.append(IngestResult(path=path, status="failed", message=str(err)))
                except Exception as err:  # a parser bug on one file must not stop the others
                    results.append(IngestResult(path=path, status="failed",
                                                message=f"{name}: unexpected {type(err).__name__}: {err} — please report this file"))
                if len(batch) >= BATCH_DOCS or sum(len(p.chunks) for p in batch) >= BATCH_CHUNKS:
                    flush()
                if bar:
                    bar.advance(task)
            flush()
        finally:
            if bar:
                bar.stop()
        return results

    def ingest(self, paths: list[Path], progress: bool = False, *, keep_duplicates: bool = False) -> list[IngestResult]:
        """Index files and folders. Fail-soft per file, idempotent by content hash; the same
        disclosure in another encoding or format is skipped unless `keep_duplicates`."""
        files = expand_paths([Path(p) for p in paths])
        return self._ingest_items([(str(f), f.name, None) for f in files], progress, keep_duplicates)

    def ingest_bytes(self, name: str, data: bytes, *, keep_duplicates: bool = False) -> IngestResult:
        """Index an upload (the app): same pipeline, the name gives the format."""
        return self._ingest_items([(name, Path(name).name, data)], False, keep_duplicates)[0]

    # ---- documents
    def docs(self) -> list[DocRecord]:
        self._sync()
        reg = self._registry
        if self._sorted is None or self._sorted[0] is not reg:  # sorted once per registry version
            self._sorted = (reg, sorted(reg.values(), key=lambda r: (r.source, r.doc_id)))
        return list(self._sorted[1])

    def resolve(self, ref: str) -> DocRecord:
        """A document by exact id or exact file name; else by a prefix of its id or of its file name.
        Several matches at the same step are a UserInputError listing them."""
        self._sync()
        ref = ref.strip()
        if not ref:
            raise UserInputError("no document given", hint="give a document id or file name (see `budgetqa docs`)")
        if ref in self._registry:  # the answering code asks by exact id: no scan of the registry
            return self._registry[ref]
        recs = list(self._registry.values())
        steps = ([r for r in recs if r.doc_id == ref or r.source == ref],
                 [r for r in recs if r.doc_id.startswith(ref) or r.source.startswith(ref)])
        for found in steps:
            if len(found) == 1:
                return found[0]
            if found:
                found = sorted(found, key=lambda r: (r.source, r.doc_id))
                names = ", ".join(f"{r.source} ({r.doc_id[:12]})" for r in found[:10])
                more = f" and {len(found) - 10} more" if len(found) > 10 else ""
                raise UserInputError(f"'{ref}' matches {len(found)} documents: {names}{more}",
                                     hint="give more of the document id or file name")
        raise UserInputError(f"no indexed document matches '{ref}'",
                             hint="give a document id or file name, or a prefix of one (see `budgetqa docs`)")

    def disclosure(self, doc_id: str) -> Disclosure:
        rec = self.resolve(doc_id)
        d = self._cache.get(rec.doc_id)
        if d is None:
            d = self._load_model(rec)
            self._cache.put(rec.doc_id, d)
        return d

    def _load_model(self, rec: DocRecord) -> Disclosure:
        p = self.root / "docs" / f"{rec.doc_id}.json"
        try:
            return Disclosure.model_validate_json(_read_stored(p))
        except (OSError, ValueError) as err:
            raise StoreError(f"parsed model of {rec.source} is missing or unreadable: {err}", file=p.with_name(p.name + ".gz"),
                             hint=f"run `budgetqa remove {rec.doc_id}` and ingest the file again") from err

    def disclosures(self) -> list[Disclosure]:
        """Every parsed model (loads them all: for exports and comparisons, not per question)."""
        return [self.disclosure(r.doc_id) for r in self.docs()]

    def source(self, doc_id: str) -> SourceDoc:
        rec = self.resolve(doc_id)
        src = self._sources.get(rec.doc_id)
        if src is None:
            src = self._load_source(rec)
            self._sources.put(rec.doc_id, src)
        return src

    def _load_source(self, rec: DocRecord) -> SourceDoc:
        p = self.root / "docs" / f"{rec.doc_id}.source.json"
        try:
            return SourceDoc.model_validate_json(_read_stored(p))
        except (OSError, ValueError) as err:
            raise StoreError(f"stored text of {rec.source} is missing or unreadable: {err}", file=p.with_name(p.name + ".gz"),
                             hint=f"run `budgetqa remove {rec.doc_id}` and ingest the file again") from err

    def remove(self, ref: str) -> DocRecord:
        """Remove a document completely: registry, vectors, stored models; its lexical
        entries stop matching at once and are dropped at the next segment merge. The
        registry entry goes first (the commit point: no reader sees a registered document
        whose parts are half deleted); the journal finishes the rest if we are killed."""
        with self.writing():
            rec = self.resolve(ref)
            self._journal("remove", [rec.doc_id])
            self._update_registry(drop={rec.doc_id})
            try:
                self._purge([rec.doc_id])
            except StoreError as err:  # removed for every reader; the journal finishes the deletion
                raise StoreError(f"{rec.source} is removed from the index, but deleting its stored parts failed "
                                 f"({err.message})",
                                 hint="they are deleted by the next ingest or remove; nothing else to do") from err
            self._journal_path.unlink(missing_ok=True)
            if not self._registry:
                self.lexical.compact(set())
        return rec

    # ---- search
    def search(self, query: str, k: int = 8, filters: SearchFilters | None = None) -> list[Hit]:
        """Hybrid search: BM25 (question words, aliases, template synonyms and the terms
        `query.extra_terms` adds) and vector rankings, each re-weighted by the chunk's
        kind (`query.chunk_prior`), fused by reciprocal rank; chunks quoting the same
        source lines as a better one are dropped."""
        self._sync()
        docs = [r for r in self._registry.values() if filters is None or filters.matches(r)]
        if not docs or not query.strip():
            return []
        allowed = [r.doc_id for r in docs]
        everything = len(allowed) == len(self._registry)
        n_cand = max(60, 6 * k)
        question = query
        query = strip_scope(query, filters, docs)
        lex = self.lexical.search(query, n_cand, set(allowed), extra=extra_terms(question, docs))
        busy = "retry; if it persists, re-ingest into a fresh --workspace"
        vectors = self.vectors
        scoped = None if everything or sum(r.n_chunks for r in docs) > SCOPED_CHUNKS else self._scoped(query, docs, n_cand)
        if scoped is not None:
            vec, scoped_vecs = scoped
        else:
            vec = [(cid, dist) for cid, dist in self._read_store("search", "query", query, n_cand,
                                                                 None if everything else allowed, hint=busy)
                   if cid.split(":", 1)[0] in self._registry]
        cands = list(dict.fromkeys([c for c, _ in lex] + [c for c, _ in vec]))
        chunks, embs = self._read_store("read chunks", "fetch", cands,
                                        scoped is None and not vectors.local_vectors, hint=busy)
        if scoped is not None:
            embs = {c: v for c in cands if (v := scoped_vecs(c)) is not None}
        for ch in chunks.values():  # the document's fields, stored once in the registry
            if (r := self._registry.get(ch.doc_id)) is not None:
                ch.metadata = {"source": r.source, "department": r.department or "", "region": r.region or "",
                               "year": r.year or 0, "kind": r.kind or "", **ch.metadata}
        prior = {cid: chunk_prior(ch.metadata, question) for cid, ch in chunks.items()}
        lex = sorted(((c, s * prior.get(c, 1.0)) for c, s in lex if c in chunks), key=lambda h: (-h[1], h[0]))
        # every candidate gets a vector rank (a lexical hit outside the vector top-n is not
        # 'infinitely far'), as cosine distance weighted by the prior
        sims = self._read_store("score chunks", "similarities", query, [c for c in cands if c in chunks],
                                {c: ch.text for c, ch in chunks.items()}, embs, hint=busy)
        sims.update({c: 1.0 - d for c, d in vec if c not in sims})
        vec = sorted(((c, 1.0 - sim * prior.get(c, 1.0)) for c, sim in sims.items() if c in chunks),
                     key=lambda h: (h[1], h[0]))
        fused: dict[str, float] = {}
        lex_rank: dict[str, int] = {}
        vec_rank: dict[str, int] = {}
        for rank, (cid, _) in enumerate(lex, start=1):
            if cid not in lex_rank:
                lex_rank[cid] = rank
                fused[cid] = fused.get(cid, 0.0) + LEXICAL_WEIGHT / (RRF_K + rank)
        for rank, (cid, _) in enumerate(vec, start=1):
            vec_rank[cid] = rank
            fused[cid] = fused.get(cid, 0.0) + VECTOR_WEIGHT / (RRF_K + rank)
        out: list[Hit] = []
        later: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        per_block: dict[tuple[str, str], int] = {}
        for c in sorted(fused, key=lambda c: (-fused[c], c)):
            ch = chunks[c]
            span = ch.metadata.get("span") or c
            if (ch.doc_id, span) in seen:
                continue
            seen.add((ch.doc_id, span))
            hit = Hit(chunk=ch, score=round(fused[c], 6), lexical_rank=lex_rank.get(c), vector_rank=vec_rank.get(c))
            block = block_key(ch)
            if block is not None:
                per_block[block] = per_block.get(block, 0) + 1
                if per_block[block] > MAX_PER_BLOCK:
                    later.append(hit)  # a third piece of the same block: after the others
                    continue
            out.append(hit)
            if len(out) >= k:
                break
        return (out + later)[:k]
