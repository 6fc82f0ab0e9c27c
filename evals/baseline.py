"""The plain baseline: what a user builds in an afternoon with LangChain and Chroma.

RecursiveCharacterTextSplitter chunks of the raw text, the same embedding function as
budgetqa (`retrieval.embedding.embedding_for`) in its own Chroma collection, the top chunk,
and the first number near the question's words. No tables, no identities, no document
filter, no abstention beyond "no number". Graded by the same graders, it shows what
budgetqa's design adds; it is deliberately not tuned.
"""
from __future__ import annotations

import logging
import re
import time
import uuid
from pathlib import Path

from budgetqa.core.errors import StoreError
from budgetqa.core.settings import Settings
from budgetqa.extract.loader import load
from budgetqa.core.normalize import norm
from budgetqa.core.answer import Answer, Citation

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
NEAR = 80  # characters after a question word in which the number is looked for
_NUM = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|万元|元|%|个|人|家|辆|项)?")
_YEAR_AFTER = re.compile(r"\s*[年月日号]")


def question_words(question: str) -> list[str]:
    """jieba words of two or more characters, longest first: what 'near the question's words' means."""
    import jieba
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" on stderr

    words = {w for w in jieba.lcut(norm(question)) if len(w) >= 2 and not w.isdigit()}
    return sorted(words, key=lambda w: (-len(w), w))


def first_number_near(text: str, words: list[str]) -> tuple[float, str | None] | None:
    """The first number (not a year or date) after the earliest occurrence of the longest
    question word found in the text; the chunk's first number when no word is found."""
    t = norm(text)
    anchor = 0
    for w in words:
        pos = t.find(w)
        if pos >= 0:
            anchor = pos + len(w)
            break
    for start, limit in ((anchor, anchor + NEAR), (0, len(t))):
        for m in _NUM.finditer(t, start, min(limit, len(t))):
            if m.group(2) is None and (_YEAR_AFTER.match(t, m.end()) or re.fullmatch(r"(19|20)\d\d", m.group(1))):
                continue  # a year, a date or a document number, not an amount
            try:
                return float(m.group(1).replace(",", "")), m.group(2)
            except ValueError:
                continue
    return None


class Baseline:
    """Ingest files, answer questions; one ephemeral Chroma collection per instance."""

    def __init__(self, settings: Settings):
        try:
            import chromadb
            from chromadb.config import Settings as ChromaSettings
            from langchain_text_splitters import RecursiveCharacterTextSplitter
        except ImportError as err:  # pragma: no cover - the stack ships both
            raise StoreError(f"the baseline needs chromadb and langchain-text-splitters: {err}",
                             hint="install the project's requirements.lock, or run the eval with --no-baseline") from err
        from budgetqa.retrieval.embedding import embedding_for

        self.splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
        self.client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self.name = f"baseline_{uuid.uuid4().hex[:12]}"
        self.collection = self.client.create_collection(self.name, embedding_function=embedding_for(settings),
                                                        metadata={"hnsw:space": "cosine"})
        self.n_chunks = 0

    def ingest(self, paths: list[Path]) -> int:
        """Split and embed each file's raw text; returns the number of chunks added."""
        added = 0
        for p in map(Path, paths):
            text = load(p).text()
            chunks = self.splitter.split_text(text)
            for i in range(0, len(chunks), 1000):
                part = chunks[i:i + 1000]
                self.collection.add(ids=[f"{p.name}:{self.n_chunks + i + j}" for j in range(len(part))],
                                    documents=part, metadatas=[{"doc": p.name, "n": i + j} for j in range(len(part))])
            self.n_chunks += len(chunks)
            added += len(chunks)
        return added

    def answer(self, question: str, id: str | None = None) -> Answer:
        t0 = time.perf_counter()
        res = self.collection.query(query_texts=[question], n_results=1, include=["documents", "metadatas"])
        if not res["ids"] or not res["ids"][0]:
            return Answer(id=id, question=question, found=False, answer="没有找到相关内容。",
                          latency_ms=(time.perf_counter() - t0) * 1000)
        chunk, meta = res["documents"][0][0], res["metadatas"][0][0]
        cite = Citation(doc=str(meta["doc"]), locator=f"chunk {meta['n']}", text=chunk)
        num = first_number_near(chunk, question_words(question))
        ms = (time.perf_counter() - t0) * 1000
        if num is None:
            return Answer(id=id, question=question, found=False, answer="没有找到数字。", citations=[cite], latency_ms=ms)
        value, unit = num
        shown = f"{value:g}{unit or ''}"
        return Answer(id=id, question=question, found=True, answer=f"{shown}。依据：{chunk}", value=value, unit=unit,
                      doc=str(meta["doc"]), citations=[cite], latency_ms=ms)

    def close(self) -> None:
        try:
            self.client.delete_collection(self.name)
        except Exception:  # the ephemeral store goes with the process anyway
            pass
