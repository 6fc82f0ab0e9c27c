"""A team's shared index: everything a question needs lives on one Chroma server.

With `BUDGETQA_CHROMA_URL` set, `Workspace(settings)` is a `SharedWorkspace`: a teammate
with only the server's address and an empty workspace folder sees the same documents and
gets the same answers, citations and audits. The server holds four collections, all named
after the index signature (the embedding settings), so a different embedding never mixes:

    budgetqa_<sig>          the chunks: text, metadata, vector (as in the local store)
    budgetqa_<sig>_docs     the registry: one record per document (its DocRecord as JSON);
                            a document is indexed once its record is here (the commit point)
    budgetqa_<sig>_models   its parsed Disclosure and SourceDoc, and its chunks' BM25 tokens:
                            zlib-compressed JSON, base64, in parts of at most PART_CHARS
                            characters (kept in metadata, which the server does not full-text
                            index)
    budgetqa_<sig>_meta     the writers' lease (`lock`), the journal of the write in progress
                            (`journal`) and the registry version (`version`)

The workspace folder holds only caches, under `shared/<key>/` (key: server, signature and
the registry collection's id, so a wiped and recreated server never meets a stale cache):
the BM25 index rebuilt from the server's chunks. It is one segment over exactly the
registered documents in chunk-id order, rebuilt whenever the registry's document set
changes, so every teammate's lexical scores are the same. The tokens of documents already
in it are reused; a new document's tokens come from the server, as its writer cut them (a
teammate does not re-run jieba over the corpus: on 2 cores that is ~10 s per MB of chunk
text), or, under another tokenizer signature, from its chunk texts cut here.

Writers: one at a time across the team. The server has no transactions, but `add` of an
existing id is ignored and `delete(ids, where)` is conditional, which is enough for a lease:
a writer adds `lock` with itself as owner and reads it back, and renews it while it
writes; a lease not renewed for LOCK_LEASE seconds, or held by a process of this machine
that is gone, is a dead writer's and is deleted, only if its owner is still the one seen. Under the lease a
writer journals its documents, writes models, then chunks, then registry records, then
clears the journal and bumps the version; the next writer rolls back a dead writer's
journal (ingest: what is not registered is deleted; remove: finished). A remove drops the
registry record first, so the document disappears for everyone at once — never half.

Readers take no lease; they re-read the registry when the version changes (checked at most
every SYNC_INTERVAL seconds, and at least every REREAD_INTERVAL).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import threading
import time
import uuid
import zlib
from contextlib import contextmanager
from pathlib import Path

from budgetqa.core.errors import StoreError, WorkspaceBusyError
from budgetqa.core.settings import Settings
from budgetqa.extract.models import Disclosure
from budgetqa.extract.source import SourceDoc

from .lexical import LexicalIndex, index_tokens, tokenizer_signature
from .store import collection_name
from .workspace import LOCK_FILE, LOCK_TIMEOUT, LRU, MODEL_CACHE, DocRecord, Workspace, _Parsed

PART_CHARS = 4_000_000      # characters of base64 per stored part (a request stays a few MB)
PUT_BATCH_CHARS = 8_000_000  # parts written per request, by size
LOCK_LEASE = 60.0           # seconds a writer's lease is honoured unless renewed (every LOCK_LEASE / 4)
LOCK_POLL = 0.25
SYNC_INTERVAL = 1.0         # readers look at the registry version at most this often
REREAD_INTERVAL = 60.0      # ... and re-read the registry at least this often
FETCH_DOCS = 20             # documents whose chunk texts are fetched per request
PAGE = 5000                 # records per `get` page
_ONE = [1.0]                # registry / model / meta records carry no meaningful vector


def _pack(text: str) -> list[str]:
    blob = base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")
    return [blob[i:i + PART_CHARS] for i in range(0, len(blob), PART_CHARS)] or [""]


def _unpack(parts: list[str]) -> str:
    return zlib.decompress(base64.b64decode("".join(parts))).decode("utf-8")


class SharedWorkspace(Workspace):
    """The Workspace API (docs, resolve, disclosure, source, search, ingest, remove) on a
    Chroma server; see the module docstring for the layout and the write protocol."""

    def __init__(self, settings: Settings):
        from filelock import FileLock

        self.settings = settings
        self.root = Path(settings.workspace).expanduser()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the workspace {self.root}: {err}",
                             hint="pass --workspace DIR or set BUDGETQA_WORKSPACE to a writable directory") from err
        self._lock = FileLock(self.root / LOCK_FILE, timeout=LOCK_TIMEOUT, thread_local=True)
        self._depth = threading.local()
        self._vectors = None
        self._cache = LRU(MODEL_CACHE)
        self._sources = LRU(MODEL_CACHE)
        self._sorted = None
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._tokens: dict[str, tuple[list[str], list[list[str]]]] = {}  # parsed, not yet committed
        self._open_collections()
        key = hashlib.sha1(f"{settings.chroma_url}|{collection_name(settings)}|{self._reg.id}".encode()).hexdigest()[:12]
        self.cache_dir = self.root / "shared" / key
        self.lexical = LexicalIndex(self.cache_dir / "lexical")
        self._mirror_lock = FileLock(self.cache_dir / "lexical.lock", timeout=LOCK_TIMEOUT, thread_local=True)
        self._version: str | None = None
        self._lex_synced: dict | None = None
        self._checked = self._read_at = 0.0
        self._registry_stamp = None
        self._registry: dict[str, DocRecord] = self._read_registry()

    # ---- the server
    def _open_collections(self) -> None:
        name = collection_name(self.settings)
        client = self.vectors.client  # StoreError if the server cannot be reached

        def open_all():
            space = {"hnsw:space": "l2"}
            return (client.get_or_create_collection(f"{name}_docs", embedding_function=None, metadata=space),
                    client.get_or_create_collection(f"{name}_models", embedding_function=None, metadata=space),
                    client.get_or_create_collection(f"{name}_meta", embedding_function=None, metadata=space))
        self._reg, self._models, self._meta = self._call("open the shared index", open_all)

    def _store_location(self) -> str:
        return str(self.settings.chroma_url)

    def _call(self, what: str, fn, *args, hint: str | None = None, **kwargs):
        """A server call; its failures (httpx.ConnectError when the server is down, chromadb
        errors) become one StoreError line naming the server."""
        return self._store(what, lambda: fn(*args, **kwargs),
                           hint=hint or "is the Chroma server up? (`chroma run --path DIR`, BUDGETQA_CHROMA_URL); "
                                        "nothing half-done is visible, retry when it is")

    def _get_all(self, what: str, col, **kw) -> dict:
        out: dict = {"ids": [], "metadatas": [], "documents": []}
        offset = 0
        while True:
            res = self._call(what, col.get, limit=PAGE, offset=offset, **kw)
            out["ids"] += res["ids"]
            out["metadatas"] += res.get("metadatas") or [None] * len(res["ids"])
            out["documents"] += res.get("documents") or [None] * len(res["ids"])
            if len(res["ids"]) < PAGE:
                return out
            offset += PAGE

    # ---- registry
    def _get_version(self) -> str | None:
        res = self._call("read the index version", self._meta.get, ids=["version"], include=["metadatas"])
        return res["metadatas"][0].get("v") if res["ids"] else None

    def _bump_version(self) -> None:
        self._call("update the index version", self._meta.upsert, ids=["version"],
                   metadatas=[{"v": uuid.uuid4().hex, "at": time.time(), "by": self._owner}], embeddings=[_ONE])

    def _read_registry(self) -> dict[str, DocRecord]:
        version = self._get_version()  # before the records: a commit in between shows as a new version
        res = self._get_all("read the registry", self._reg, include=["metadatas"])
        reg = {}
        for did, meta in zip(res["ids"], res["metadatas"]):
            try:
                reg[did] = DocRecord.model_validate_json(meta["record"])
            except (KeyError, TypeError, ValueError) as err:
                raise StoreError(f"registry record {did} on the server is unreadable: {err}",
                                 file=self._store_location(), hint=f"`budgetqa remove {did}` and ingest it again") from err
        self._version = version
        self._checked = self._read_at = time.monotonic()
        return reg

    def _sync(self) -> None:
        now = time.monotonic()
        if now - self._checked < SYNC_INTERVAL:
            return
        if now - self._read_at >= REREAD_INTERVAL or self._get_version() != self._version:
            self._registry = self._read_registry()
        self._checked = now

    def refresh(self) -> None:
        """Re-read the registry now (tests, or after a teammate's change)."""
        self._registry = self._read_registry()

    def _write_registry(self, reg: dict[str, DocRecord]) -> None:  # the local layout's whole-file write
        raise NotImplementedError("a shared registry is written record by record (_update_registry)")

    def _update_registry(self, add: dict[str, DocRecord] | None = None, drop: set[str] | None = None) -> None:
        if add:
            ids = list(add)
            self._call("register the documents", self._reg.upsert, ids=ids,
                       metadatas=[{"record": add[d].model_dump_json(), "doc_id": d} for d in ids],
                       embeddings=[_ONE] * len(ids))
        if drop:
            self._call("unregister the documents", self._reg.delete, ids=sorted(drop))
        self._bump_version()
        reg = dict(self._registry)
        reg.update(add or {})
        for d in drop or ():
            reg.pop(d, None)
        self._registry = reg

    # ---- the writers' lease and journal
    @contextmanager
    def _exclusive(self, timeout: float):
        deadline = time.monotonic() + timeout
        while True:
            now = time.time()
            self._call("take the write lease", self._meta.add, ids=["lock"], embeddings=[_ONE],
                       metadatas=[{"owner": self._owner, "host": socket.gethostname(), "pid": os.getpid(),
                                   "expires": now + LOCK_LEASE}])
            res = self._call("read the write lease", self._meta.get, ids=["lock"], include=["metadatas"])
            cur = res["metadatas"][0] if res["ids"] else None
            if cur and cur.get("owner") == self._owner:
                break
            if cur and (float(cur.get("expires", 0)) < now or self._dead_here(cur)):
                # a dead writer's lease: free it, only if it is still that writer's
                self._call("free a stale write lease", self._meta.delete, ids=["lock"], where={"owner": cur["owner"]})
                continue
            if time.monotonic() >= deadline:
                who = f"{cur.get('host')} (pid {cur.get('pid')})" if cur else "another writer"
                raise WorkspaceBusyError(
                    f"{who} has been writing to the shared index for over {timeout:.0f} s",
                    file=self._store_location(),
                    hint=f"wait for that ingest / remove to finish and retry (a dead writer's lease expires after "
                         f"{LOCK_LEASE / 60:.0f} min)")
            time.sleep(LOCK_POLL)
        stop = threading.Event()
        renew = threading.Thread(target=self._renew_lease, args=(stop,), daemon=True)
        renew.start()
        try:
            yield
        finally:
            stop.set()
            renew.join()
            try:
                self._meta.delete(ids=["lock"], where={"owner": self._owner})
            except Exception:
                pass  # the server is gone: the lease expires by itself

    def _renew_lease(self, stop: threading.Event) -> None:
        """While we write, push our lease's expiry forward (a long commit is not taken for dead)."""
        while not stop.wait(LOCK_LEASE / 4):
            try:
                res = self._meta.get(ids=["lock"], include=["metadatas"])
                if res["ids"] and res["metadatas"][0].get("owner") == self._owner:
                    meta = dict(res["metadatas"][0], expires=time.time() + LOCK_LEASE)
                    self._meta.upsert(ids=["lock"], metadatas=[meta], embeddings=[_ONE])
            except Exception:
                pass  # the commit itself will meet the error

    @staticmethod
    def _dead_here(lease: dict) -> bool:
        """A lease held by a process of this machine that no longer runs."""
        if lease.get("host") != socket.gethostname():
            return False
        try:
            pid = int(lease.get("pid"))
        except (TypeError, ValueError):
            return False
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False

    def _recover_if_idle(self) -> None:
        pass  # opening never writes to the server; the next writer rolls back a dead writer's journal

    def _journal(self, op: str, doc_ids: list[str]) -> None:
        self._call("journal the write", self._meta.upsert, ids=["journal"], embeddings=[_ONE],
                   metadatas=[{"op": op, "doc_ids": json.dumps(doc_ids), "owner": self._owner, "at": time.time()}])

    def _clear_journal(self) -> None:
        self._call("clear the journal", self._meta.delete, ids=["journal"])

    def _recover(self) -> None:
        """Under the lease: roll back a dead writer's ingest / finish its remove."""
        res = self._call("read the journal", self._meta.get, ids=["journal"], include=["metadatas"])
        if res["ids"]:
            j = res["metadatas"][0] or {}
            try:
                ids = list(json.loads(j.get("doc_ids") or "[]"))
            except json.JSONDecodeError:
                ids = []
            if j.get("op") == "remove":
                if any(d in self._registry for d in ids):
                    self._update_registry(drop=set(ids))
                self._purge(ids)
            else:
                self._purge([d for d in ids if d not in self._registry])
            self._clear_journal()
            self._bump_version()
        for p in self.root.glob(".*.tmp"):
            p.unlink(missing_ok=True)

    def _purge(self, doc_ids: list[str]) -> None:
        if not doc_ids:
            return
        self._store("delete the chunks", self.vectors.delete_docs, doc_ids)
        for i in range(0, len(doc_ids), 100):
            part = doc_ids[i:i + 100]
            self._call("delete the parsed models", self._models.delete, where={"doc_id": {"$in": part}})
        for d in doc_ids:
            self._cache.pop(d, None)
            self._sources.pop(d, None)

    # ---- models
    def _prepare(self, path: str, name: str, data: bytes) -> _Parsed:
        """Parse, and cut the chunks' BM25 tokens (outside the lease, like the parse)."""
        p = super()._prepare(path, name, data)
        self._tokens[p.src.doc_id] = ([c.id for c in p.chunks], [index_tokens(c.text) for c in p.chunks])
        return p

    def _doc_tokens(self, p: _Parsed) -> tuple[list[str], list[list[str]]]:
        if p.src.doc_id not in self._tokens:
            self._tokens[p.src.doc_id] = ([c.id for c in p.chunks], [index_tokens(c.text) for c in p.chunks])
        return self._tokens[p.src.doc_id]

    def _scoped(self, query: str, docs: list[DocRecord], n: int):
        return None  # the vectors are on the server: its filtered search answers

    def _put_models(self, batch: list[_Parsed]) -> None:
        ids, metas, size = [], [], 0

        def flush():
            nonlocal ids, metas, size
            if ids:
                self._call("store the parsed models", self._models.upsert, ids=ids, metadatas=metas,
                           embeddings=[_ONE] * len(ids))
            ids, metas, size = [], [], 0

        for p in batch:
            ids_, toks = self._doc_tokens(p)
            tokens = json.dumps({"sig": tokenizer_signature(), "ids": ids_, "tokens": toks}, ensure_ascii=False)
            for what, text in (("model", p.disclosure.model_dump_json(exclude_defaults=True)), ("source", p.src.model_dump_json()),
                               ("tokens", tokens)):
                parts = _pack(text)
                for i, data in enumerate(parts):
                    ids.append(f"{p.src.doc_id}:{what}:{i}")
                    metas.append({"doc_id": p.src.doc_id, "what": what, "part": i, "parts": len(parts), "data": data})
                    size += len(data)
                    if size >= PUT_BATCH_CHARS:
                        flush()
        flush()

    def _get_model(self, rec: DocRecord, what: str) -> str:
        res = self._call(f"read the {'parsed model' if what == 'model' else 'stored text'} of {rec.source}",
                         self._models.get, where={"$and": [{"doc_id": rec.doc_id}, {"what": what}]},
                         include=["metadatas"])
        metas = sorted(res["metadatas"] or [], key=lambda m: m["part"])
        if not metas or len(metas) != metas[0]["parts"]:
            raise StoreError(f"the {'parsed model' if what == 'model' else 'stored text'} of {rec.source} is missing "
                             f"on the server ({len(metas)} parts)", file=self._store_location(),
                             hint=f"run `budgetqa remove {rec.doc_id}` and ingest the file again")
        return _unpack([m["data"] for m in metas])

    def _load_model(self, rec: DocRecord) -> Disclosure:
        return Disclosure.model_validate_json(self._get_model(rec, "model"))

    def _load_source(self, rec: DocRecord) -> SourceDoc:
        return SourceDoc.model_validate_json(self._get_model(rec, "source"))

    # ---- ingest / remove
    def _commit(self, batch: list[_Parsed]) -> set[str]:
        with self.writing():
            taken, batch = self._not_taken(batch)
            if not batch:
                return taken
            ids = [p.src.doc_id for p in batch]
            chunks = [c for p in batch for c in p.chunks]
            records = self._records(batch)
            try:
                self._journal("ingest", ids)
                self._put_models(batch)
                self._store("add the chunks", self.vectors.add, chunks,
                            hint="is the Chroma server up? nothing of this batch is visible; retry")
                self._update_registry(add=records)  # the commit point
            except StoreError:
                try:
                    self._recover()  # roll this batch back now, while we hold the lease
                except Exception:
                    pass  # the server is gone: the journal stays, the next writer rolls it back
                raise
            try:
                self._clear_journal()
            except StoreError:
                pass  # committed; the next writer finds the journal's documents registered and keeps them
        try:
            ids_, docs_, toks_ = [], [], []
            for p in batch:
                i, t = self._tokens.pop(p.src.doc_id, ([], []))
                ids_ += i
                toks_ += t
                docs_ += [p.src.doc_id] * len(i)
            self._sync_lexical(ids_, docs_, toks_)
        except Exception:
            pass  # a cache: rebuilt from the server at the next search
        return taken

    def remove(self, ref: str) -> DocRecord:
        """Remove a document for everyone: its registry record first (it disappears for every
        reader at once), then its chunks and models; a failure after the first step leaves
        the journal, which the next writer finishes."""
        with self.writing():
            rec = self.resolve(ref)
            self._journal("remove", [rec.doc_id])
            self._update_registry(drop={rec.doc_id})
            try:
                self._purge([rec.doc_id])
                self._clear_journal()
            except StoreError as err:
                raise StoreError(f"{rec.source} is removed from the shared index, but deleting its stored parts "
                                 f"failed ({err.message})", file=self._store_location(),
                                 hint="they are deleted by the next ingest or remove; nothing else to do") from err
        return rec

    # ---- search
    def _sync_lexical(self, chunk_ids: list[str] | None = None, chunk_docs: list[str] | None = None,
                      tokens: list[list[str]] | None = None) -> None:
        """Bring the local BM25 index to exactly the registered documents: the tokens it has
        are reused, new documents' tokens are the ones given (a writer's own batch) or fetched
        from the server (their chunk texts, tokenised here, under another tokenizer)."""
        if self._lex_synced is self._registry:  # this registry version is indexed already
            return
        live = set(self._registry)
        if self.lexical.covered() == live:
            self._lex_synced = self._registry
            return
        with self._mirror_lock:
            have = self.lexical.covered()
            if have == live:
                self._lex_synced = self._registry
                return
            have = have or set()
            ids, docs = list(chunk_ids or []), list(chunk_docs or [])
            toks: list = list(tokens or [])
            txts: list = [None] * len(ids)
            todo = sorted(d for d in live - have - set(docs) if self._registry[d].n_chunks)
            untokenised = []
            for i in range(0, len(todo), FETCH_DOCS):
                part = todo[i:i + FETCH_DOCS]
                got = self._fetch_tokens(part)
                for d in part:
                    if d in got:
                        ids += got[d][0]
                        toks += got[d][1]
                        docs += [d] * len(got[d][0])
                        txts += [None] * len(got[d][0])
                    else:
                        untokenised.append(d)
            for i in range(0, len(untokenised), FETCH_DOCS):
                part = untokenised[i:i + FETCH_DOCS]
                res = self._get_all("read the chunk texts", self.vectors.collection, where=self._docs_where(part),
                                    include=["documents", "metadatas"])
                for cid, meta, text in zip(res["ids"], res["metadatas"], res["documents"]):
                    ids.append(cid)
                    docs.append((meta or {}).get("doc_id") or cid.split(":", 1)[0])
                    txts.append(text or "")
                    toks.append(None)
            self.lexical.rebuild(live, ids, docs, txts, toks)
            self.lexical.remove_orphans()
        self._lex_synced = self._registry

    @staticmethod
    def _docs_where(part: list[str]) -> dict:
        return {"doc_id": part[0]} if len(part) == 1 else {"doc_id": {"$in": part}}

    def _fetch_tokens(self, part: list[str]) -> dict[str, tuple[list[str], list[list[str]]]]:
        """The stored BM25 tokens of these documents, where complete and cut by our tokenizer."""
        res = self._call("read the stored tokens", self._models.get, include=["metadatas"],
                         where={"$and": [self._docs_where(part), {"what": "tokens"}]})
        by_doc: dict[str, list[dict]] = {}
        for m in res["metadatas"] or []:
            by_doc.setdefault(m["doc_id"], []).append(m)
        out = {}
        sig = tokenizer_signature()
        for d, metas in by_doc.items():
            metas.sort(key=lambda m: m["part"])
            if len(metas) != metas[0]["parts"]:
                continue
            try:
                data = json.loads(_unpack([m["data"] for m in metas]))
            except (ValueError, zlib.error):
                continue
            if data.get("sig") == sig and len(data.get("ids", [])) == len(data.get("tokens", [])):
                out[d] = (data["ids"], data["tokens"])
        return out

    def search(self, query: str, k: int = 8, filters=None):
        self._sync()
        if self._registry and query.strip():
            self._sync_lexical()
        return super().search(query, k, filters)
