"""Embedding functions for the Chroma collection.

Offline (default): hashed character 1-3-grams. Chinese has no spaces and users type
abbreviations and fragments, so overlapping character n-grams are a robust, model-free
representation; signed hashing into a fixed dimension, sublinear tf and L2 normalisation
make it a cosine-friendly vector with numpy only. Deterministic: same text, same vector.

Online (`settings.embedding == "openai"`): any OpenAI-compatible /embeddings endpoint.

Both are registered with chromadb so a persisted collection can be reopened. chromadb
(~1 s to import) is imported only when one of the classes is first needed (`embedding_for`,
or `from budgetqa.retrieval.embedding import HashedNgramEmbedding`), so commands that never
touch the vectors do not pay for it; `hashed_vector` needs numpy only.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np

from budgetqa.core.errors import StoreError
from budgetqa.core.settings import Settings
from budgetqa.core.normalize import norm

_DROP = re.compile(r"[\s|【】:：,，。;；、()（）\[\]<>/\-—_=*#$\\]+")


def ngram_text(text: str) -> str:
    """The form n-grams are taken from: normalised, no spaces or light punctuation."""
    return _DROP.sub("", norm(text)).lower()


class _GramKeys(dict):
    """n-gram -> signed crc32 key (the low bit chooses the sign), computed once per distinct gram."""

    def __missing__(self, gram: str) -> int:
        h = zlib.crc32(gram.encode("utf-8"))
        key = self[gram] = h if h & 1 else -h - 1
        return key


_GRAM_KEYS = _GramKeys()
_GRAM_KEYS_MAX = 1_000_000  # bound the memo (~100 MB at most); cleared when full


def hashed_vector(text: str, dim: int, n_max: int = 3) -> np.ndarray:
    """Signed hashed character 1..n_max-grams, sublinear tf, L2-normalised (float32).

    Bit-for-bit the vectors of the original per-gram loop (tests/test_fast_start.py keeps it
    as the reference): gram counts are taken with Counter (first-occurrence order kept, so
    keys meet the vector in the same order), crc32 is memoised per distinct gram, and the
    final scatter is `np.add.at` in that order — the same float32(float32 + float64) steps."""
    t = ngram_text(text)
    keys = _GRAM_KEYS
    if len(keys) > _GRAM_KEYS_MAX:
        keys.clear()
    counts: dict[int, float] = {}
    for n in range(1, n_max + 1):
        weight = 0.5 if n == 1 else 1.0  # single characters are common; longer grams carry meaning
        grams = t if n == 1 else [t[i:i + n] for i in range(len(t) - n + 1)]
        for key, c in Counter(map(keys.__getitem__, grams)).items():
            counts[key] = counts.get(key, 0.0) + weight * c
    vec = np.zeros(dim, dtype=np.float32)
    if counts:
        k = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        c = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        pos = k >= 0
        np.add.at(vec, (np.where(pos, k, -k - 1) >> 1) % dim, np.where(pos, 1.0, -1.0) * (1.0 + np.log(c)))
    n = float(np.linalg.norm(vec))
    return vec / n if n > 0 else vec


@lru_cache(maxsize=1)
def _classes() -> tuple[type, type]:
    """The chromadb embedding-function classes, defined (and registered) on first use."""
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import register_embedding_function

    @register_embedding_function
    class HashedNgramEmbedding(EmbeddingFunction[Documents]):
        """Offline hashed character n-gram embedding (numpy only, no model files)."""

        def __init__(self, dim: int = 1024):
            self.dim = int(dim)

        def __call__(self, input: Documents) -> Embeddings:
            return [hashed_vector(t, self.dim) for t in input]

        @staticmethod
        def name() -> str:
            return "budgetqa_hashed_ngram"

        def get_config(self) -> dict[str, Any]:
            return {"dim": self.dim}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> "HashedNgramEmbedding":
            return HashedNgramEmbedding(dim=config.get("dim", 1024))

        def default_space(self) -> str:  # type: ignore[override]
            return "cosine"

    @register_embedding_function
    class OpenAICompatibleEmbedding(EmbeddingFunction[Documents]):
        """Embeddings from an OpenAI-compatible endpoint (settings.embedding_base_url)."""

        def __init__(self, base_url: str | None = None, model: str = "text-embedding-3-small",
                     api_key: str | None = None, batch: int = 64):
            self.base_url, self.model, self.api_key, self.batch = base_url, model, api_key, batch
            self._client = None

        def _get_client(self):
            if self._client is None:
                from openai import OpenAI
                self._client = OpenAI(base_url=self.base_url, api_key=self.api_key or "unused")
            return self._client

        def __call__(self, input: Documents) -> Embeddings:
            out: list[np.ndarray] = []
            try:
                for i in range(0, len(input), self.batch):
                    resp = self._get_client().embeddings.create(model=self.model, input=list(input[i:i + self.batch]))
                    out.extend(np.asarray(d.embedding, dtype=np.float32) for d in resp.data)
            except Exception as err:  # network / HTTP / auth: one actionable line
                raise StoreError(f"embedding endpoint {self.base_url} failed: {err}",
                                 hint="check BUDGETQA_EMBEDDING_BASE_URL / _API_KEY, or set BUDGETQA_EMBEDDING=hash for offline use") from err
            return out

        @staticmethod
        def name() -> str:
            return "budgetqa_openai_compatible"

        def get_config(self) -> dict[str, Any]:  # never the key
            return {"base_url": self.base_url, "model": self.model}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> "OpenAICompatibleEmbedding":
            return OpenAICompatibleEmbedding(base_url=config.get("base_url"), model=config.get("model", "text-embedding-3-small"))

        def default_space(self) -> str:  # type: ignore[override]
            return "cosine"

    return HashedNgramEmbedding, OpenAICompatibleEmbedding


def __getattr__(name: str):
    if name in ("HashedNgramEmbedding", "OpenAICompatibleEmbedding"):
        hashed, openai_compatible = _classes()
        return hashed if name == "HashedNgramEmbedding" else openai_compatible
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def embedding_for(settings: Settings):
    """The chromadb EmbeddingFunction the settings ask for."""
    HashedNgramEmbedding, OpenAICompatibleEmbedding = _classes()
    if settings.embedding == "openai":
        if not settings.embedding_base_url:
            raise StoreError("BUDGETQA_EMBEDDING=openai but no embedding endpoint is set",
                             hint="set BUDGETQA_EMBEDDING_BASE_URL, or BUDGETQA_EMBEDDING=hash for offline use")
        key = settings.embedding_api_key.get_secret_value() if settings.embedding_api_key else None
        return OpenAICompatibleEmbedding(settings.embedding_base_url, settings.embedding_model, key)
    return HashedNgramEmbedding(settings.embedding_dim)
