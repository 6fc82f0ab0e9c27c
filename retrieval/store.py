"""The vector side of the index: one Chroma collection, local (`PersistentClient` in the
workspace) or shared (`HttpClient` when `settings.chroma_url` is set — how a team shares
one index). The collection name is derived from the settings that shape the vectors, so
changing the embedding never mixes incompatible vectors in one collection."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

try:
    import fcntl
except ImportError:        # Windows: no flock; one process at a time there
    fcntl = None  # type: ignore[assignment]

from budgetqa.core.errors import StoreError
from budgetqa.core.settings import Settings

from .chunks import Chunk
from .embedding import embedding_for

BATCH = 1000
_WRITES = {"add", "upsert", "update", "delete", "modify"}


@contextmanager
def _flock(path: Path | None, shared: bool):
    """An inter-process readers-writer lock on the local store: Chroma's local segments are
    not safe to read while another process writes them (a reader saw half-flushed vectors,
    'Error getting embedding', or crashed with SIGSEGV). Readers share; a write is exclusive,
    one batch at a time, so readers wait for a batch, never for a whole ingest."""
    if path is None or fcntl is None:
        yield
        return
    with open(path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class _Locked:
    """A Chroma collection whose every call holds the store's lock (shared to read)."""

    def __init__(self, collection, lock_path: Path | None):
        self._c, self._lock = collection, lock_path

    def __getattr__(self, name: str):
        attr = getattr(self._c, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            with _flock(self._lock, shared=name not in _WRITES):
                return attr(*args, **kwargs)
        return call


def collection_name(settings: Settings) -> str:
    return f"budgetqa_{settings.index_signature()}"


def _client(settings: Settings, root: Path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_url:
            u = urlparse(settings.chroma_url)
            return chromadb.HttpClient(host=u.hostname or "localhost", port=u.port or (443 if u.scheme == "https" else 8000),
                                       ssl=u.scheme == "https", settings=chroma_settings)
        return chromadb.PersistentClient(path=str(root / "chroma"), settings=chroma_settings)
    except Exception as err:
        where = settings.chroma_url or str(root / "chroma")
        raise StoreError(f"cannot open the vector store at {where}: {err}",
                         hint="check BUDGETQA_CHROMA_URL (is `chroma run` up?) or the workspace directory") from err


# what a chunk's metadata repeats from its document: the registry holds it once
# (`Workspace.search` puts it back on the chunks it returns); stored per chunk it was a fifth
# of the store's size
DOCUMENT_FIELDS = ("source", "department", "region", "year", "kind")


def chunk_metadata(c: Chunk) -> dict:
    """The metadata stored with a chunk: its own place in the document, and `doc_id`."""
    return {**{k: v for k, v in c.metadata.items() if k not in DOCUMENT_FIELDS}, "chunk_kind": c.kind}


class VectorStore:
    def reopen(self) -> "VectorStore":
        """A fresh client on the same store: a local Chroma client keeps the segment it read at
        open, which another process's commit may have moved on from."""
        if not self.settings.chroma_url:
            from chromadb.api.shared_system_client import SharedSystemClient
            SharedSystemClient.clear_system_cache()
        return VectorStore(self.settings, self.root)

    def __init__(self, settings: Settings, root: Path):
        self.settings, self.root = settings, root
        self.embedding = embedding_for(settings)
        # the offline embedding is a pure function of the text: from a server, a vector is
        # recomputed rather than fetched (from the local store, fetching is faster; an
        # endpoint's embeddings cannot be recomputed without a request)
        self.local_vectors = settings.embedding == "hash" and bool(settings.chroma_url)
        lock = None if settings.chroma_url else root / "chroma.rwlock"
        with _flock(lock, shared=(root / "chroma").exists()):
            self.client = _client(settings, root)
            collection = self.client.get_or_create_collection(
                name=collection_name(settings), embedding_function=self.embedding,
                metadata={"hnsw:space": "cosine"})
        self.collection = _Locked(collection, lock)

    def add(self, chunks: list[Chunk]) -> list:
        """Upsert the chunks; returns their vectors (in order), which the caller may keep."""
        out: list = []
        for i in range(0, len(chunks), BATCH):
            part = chunks[i:i + BATCH]
            embs = self.embedding([c.text for c in part])  # what the collection's function would compute
            self.collection.upsert(ids=[c.id for c in part], documents=[c.text for c in part], embeddings=embs,
                                   metadatas=[chunk_metadata(c) for c in part])
            out.extend(embs)
        return out

    def delete_docs(self, doc_ids: list[str]) -> None:
        for i in range(0, len(doc_ids), 100):
            self.collection.delete(where={"doc_id": {"$in": doc_ids[i:i + 100]}})

    def count(self, doc_id: str | None = None) -> int:
        if doc_id is None:
            return self.collection.count()
        return len(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"])

    def query(self, text: str, k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine distance) best first; `doc_ids` restricts the documents."""
        n = self.collection.count()
        if n == 0 or (doc_ids is not None and not doc_ids):
            return []
        where = None
        if doc_ids is not None:
            where = {"doc_id": doc_ids[0]} if len(doc_ids) == 1 else {"doc_id": {"$in": doc_ids}}
        res = self.collection.query(query_texts=[text], n_results=min(k, n), where=where, include=["distances"])
        return list(zip(res["ids"][0], res["distances"][0]))

    def similarities(self, text: str, ids: list[str], texts: dict[str, str] | None = None,
                     embeddings: dict | None = None) -> dict[str, float]:
        """Cosine similarity of the query to each stored chunk in `ids` (any embedding):
        scores candidates the nearest-neighbour search did not return. With the offline
        hashed embedding and the chunks' `texts` at hand, the vectors are recomputed here
        (deterministic: the very float32 vectors that were stored) instead of fetched —
        over a server's HTTP API, 60 stored vectors are ~1 MB of JSON per question."""
        import numpy as np
        if not ids:
            return {}
        if embeddings is not None and all(i in embeddings for i in ids):  # fetched with the chunks
            res = {"ids": list(ids)}
            embs = [embeddings[i] for i in ids]
        elif texts is not None and self.local_vectors and all(i in texts for i in ids):
            res = {"ids": list(ids)}
            embs = self.embedding([texts[i] for i in ids])
        else:
            res = self.collection.get(ids=ids, include=["embeddings"])
            embs = res.get("embeddings")
        if embs is None or len(embs) == 0:
            return {}
        q = np.asarray(self.embedding([text])[0], dtype=np.float32)
        m = np.asarray(embs, dtype=np.float32)
        sims = (m @ q) / (np.linalg.norm(m, axis=1) * (np.linalg.norm(q) or 1.0) + 1e-9)
        return dict(zip(res["ids"], map(float, sims)))

    def get(self, ids: list[str]) -> dict[str, Chunk]:
        return self.fetch(ids)[0]

    def fetch(self, ids: list[str], embeddings: bool = False) -> tuple[dict[str, Chunk], dict | None]:
        """The chunks of `ids`, and with `embeddings` their stored vectors too — in one request
        (a search needs both; two `get`s cost twice the store's per-call overhead)."""
        if not ids:
            return {}, ({} if embeddings else None)
        res = self.collection.get(ids=ids, include=["documents", "metadatas"] + (["embeddings"] if embeddings else []))
        out = {}
        for cid, text, meta in zip(res["ids"], res["documents"], res["metadatas"]):
            meta = dict(meta or {})
            kind = meta.get("chunk_kind", "lines")
            out[cid] = Chunk(id=cid, doc_id=meta.get("doc_id", ""), text=text or "", kind=kind, metadata=meta)
        if not embeddings:
            return out, None
        embs = res.get("embeddings")
        return out, ({} if embs is None else dict(zip(res["ids"], embs)))
