"""The one settings object, read from the environment (prefix BUDGETQA_).

Groups: where things live (workspace, Chroma server), embeddings, LLM. Secrets are
SecretStr so they never show up in logs, reprs or the app.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_workspace() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "budgetqa"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BUDGETQA_", extra="ignore")

    # --- where things live
    workspace: Path = Field(default_factory=_default_workspace, description="index, parsed models, caches")
    chroma_url: str | None = Field(None, description="http://host:port of a shared `chroma run` server; local store when unset")
    max_file_mb: float = Field(50.0, description="files larger than this are refused")
    max_text_mb: float = Field(5.0, description="text / markdown inputs larger than this are refused by ingest "
                                                "(indexing takes ~130 MB of memory per MB of text)")

    # --- embeddings
    embedding: Literal["hash", "openai"] = Field("hash", description="hash = offline character n-grams; openai = an OpenAI-compatible /embeddings endpoint")
    embedding_dim: int = Field(1024, description="dimension of the offline hashed embedding")
    embedding_base_url: str | None = None
    embedding_api_key: SecretStr | None = None
    embedding_model: str = "text-embedding-3-small"

    # --- LLM (unset base URL or model = offline mode)
    llm_base_url: str | None = Field(None, description="OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    llm_api_key: SecretStr | None = None
    llm_model: str | None = None
    llm_structured_mode: Literal["json_schema", "function_calling", "json_object"] = "json_schema"
    llm_timeout_s: float = 60.0
    llm_max_retries: int = 1
    llm_temperature: float = 0.0
    llm_max_tokens: int = Field(1024, description="bound on each completion (sent as max_tokens)")
    llm_context_tokens: int = Field(8192, description="the model's context window; evidence is trimmed to fit it")

    # --- retrieval
    top_k: int = 8

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    def index_signature(self) -> str:
        """Short hash of the settings that shape the vector index; names the Chroma collection."""
        shape = f"{self.embedding}|{self.embedding_dim if self.embedding == 'hash' else self.embedding_model}|chunks-v1"
        return hashlib.sha1(shape.encode()).hexdigest()[:10]

    def public_view(self) -> dict:
        """What the app / `budgetqa settings` may show: no secrets."""
        return {
            "workspace": str(self.workspace),
            "chroma_url": self.chroma_url,
            "embedding": self.embedding,
            "llm_configured": self.llm_configured,
            "llm_base_url": self.llm_base_url,
            "llm_model": self.llm_model,
            "llm_structured_mode": self.llm_structured_mode,
            "llm_api_key_set": self.llm_api_key is not None,
        }


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def settings_with(**overrides) -> Settings:
    """A copy of the environment's settings with overrides (e.g. --workspace)."""
    base = Settings()
    return base.model_copy(update={k: v for k, v in overrides.items() if v is not None})
