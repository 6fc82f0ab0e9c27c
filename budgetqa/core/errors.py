"""One error tree for budgetqa, sorted by whose fault it is.

    BudgetQAError                 every error we raise on purpose
    ├── UserInputError            the user asked for something we cannot do (bad flag, unknown doc id)
    ├── DocumentError             the file is the problem; always names the file
    │   ├── UnsupportedFormatError
    │   ├── EmptyDocumentError
    │   ├── FileTooLargeError
    │   ├── CorruptFileError      unreadable or encrypted
    │   ├── ScannedPDFError       a PDF without a text layer
    │   └── NotADisclosureError   readable text, but not a 预算/决算 disclosure
    ├── ModelError                the LLM endpoint misbehaved
    │   ├── ModelTimeoutError
    │   ├── ModelHTTPError
    │   │   └── ModelResponseError   the endpoint answered something that is not an API response
    │   ├── ModelContextError     the prompt cannot fit BUDGETQA_LLM_CONTEXT_TOKENS
    │   └── ModelOutputError      junk or schema-invalid output after the re-ask
    └── StoreError                the index (Chroma / lexical / parsed models) is unusable
        └── WorkspaceBusyError    another process kept the workspace's write lock too long

Library code raises these; the CLI and the app print `str(err)`: one line saying
what went wrong, with which file, and what to do.
"""
from __future__ import annotations

from pathlib import Path


class BudgetQAError(Exception):
    """Base class: `message` says what, `file` which file, `hint` what to do."""

    def __init__(self, message: str, *, file: str | Path | None = None, hint: str | None = None):
        self.message = message
        self.file = str(file) if file is not None else None
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:  # one line for the CLI / UI boundary
        parts = []
        if self.file:
            parts.append(f"{self.file}: ")
        parts.append(self.message)
        if self.hint:
            parts.append(f" — {self.hint}")
        return "".join(parts)


class UserInputError(BudgetQAError):
    pass


class DocumentError(BudgetQAError):
    pass


class UnsupportedFormatError(DocumentError):
    pass


class EmptyDocumentError(DocumentError):
    pass


class FileTooLargeError(DocumentError):
    pass


class CorruptFileError(DocumentError):
    pass


class ScannedPDFError(DocumentError):
    pass


class NotADisclosureError(DocumentError):
    pass


class ModelError(BudgetQAError):
    pass


class ModelTimeoutError(ModelError):
    pass


class ModelHTTPError(ModelError):
    """`status` is the HTTP status, or None when no connection could be made."""

    def __init__(self, message: str, *, status: int | None = None, **kw):
        self.status = status
        super().__init__(message, **kw)


class ModelResponseError(ModelHTTPError):
    """The endpoint answered (often HTTP 200) with something that is not an OpenAI API
    response, e.g. a proxy's HTML page: usually a wrong base URL."""


class ModelContextError(ModelError):
    """The instructions alone do not fit the configured context window."""


class ModelOutputError(ModelError):
    """Keeps the last completion so the caller can show or log it."""

    def __init__(self, message: str, *, last_completion: str | None = None, **kw):
        self.last_completion = last_completion
        super().__init__(message, **kw)


class StoreError(BudgetQAError):
    pass


class WorkspaceBusyError(StoreError):
    """Another process held the workspace's write lock for longer than we would wait."""
