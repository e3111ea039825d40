"""One exception tree for propscope, with stable codes.

    PropscopeError                      code "propscope"
     ├── InputError                     a source could not be read into an Article   (input.*)
     │    ├── NotFoundError             input.not_found
     │    ├── UnreadableInputError      input.unreadable      (permissions, I/O errors)
     │    ├── EmptyInputError           input.empty
     │    ├── BinaryInputError          input.binary
     │    ├── TooLargeError             input.too_large
     │    ├── NoArticleError            input.no_article      (HTML with no body, feed with no items)
     │    ├── MalformedInputError       input.malformed       (broken feed, WARC, CSV, JSON)
     │    ├── UnsupportedInputError     input.unsupported
     │    └── FetchError                input.fetch           (network, status, size)
     │         └── FetchRefusedError    input.fetch_refused   (private address, scheme)
     ├── AnalysisError                  an analyzer failed on an article             (analysis.*)
     │    └── ModelError                analysis.model        (missing file, bad manifest)
     ├── PipelineError                  pipeline.*            (unknown analyzer, missing requirement)
     ├── StoreError                     store.*
     └── ConfigError                    config.*

Every error carries its context (``source``, ``article_id``, ``analyzer``) and a message
that says what was wrong and, where it helps, what is available.  The edges (CLI, HTTP)
translate these into exit codes and one JSON error shape; nothing else catches them.

Warnings are codes, not exceptions: ``input.date_unparsed`` (:data:`DATE_UNPARSED`, a
published date that could not be read) is a row in ``ingest_errors`` and a count in the
ingest summary, and the article is stored all the same (:data:`WARNING_CODES`).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DATE_UNPARSED",
    "WARNING_CODES",
    "AnalysisError",
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "FetchError",
    "FetchRefusedError",
    "InputError",
    "MalformedInputError",
    "ModelError",
    "NoArticleError",
    "NotFoundError",
    "PipelineError",
    "PropscopeError",
    "StoreError",
    "TooLargeError",
    "UnreadableInputError",
    "UnsupportedInputError",
]


#: ``ingest_errors`` code of an article stored without a date because its published date could
#: not be read (the raw string is in the message and in the article's ``published``).
DATE_UNPARSED = "input.date_unparsed"
#: ``ingest_errors`` codes that are warnings: the item was stored all the same.
WARNING_CODES = frozenset({DATE_UNPARSED})


def _encodable(text: str) -> str:
    """``text`` with lone surrogates (from input text or a file name) as U+FFFD: an error's
    message and source are written as UTF-8 (stderr, JSON, a store) and must encode."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


class PropscopeError(Exception):
    """Root of every error propscope raises on purpose."""

    code = "propscope"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        article_id: str | None = None,
        analyzer: str | None = None,
        code: str | None = None,
    ) -> None:
        message = _encodable(message)
        super().__init__(message)
        self.message = message
        self.source = _encodable(source) if source else source
        self.article_id = article_id
        self.analyzer = analyzer
        if code is not None:
            self.code = code

    def one_line(self) -> str:
        """``SOURCE: message [code]`` on one line, for the CLI and logs."""
        where = self.source or self.article_id
        text = " ".join(self.message.split())
        return f"{where}: {text} [{self.code}]" if where else f"{text} [{self.code}]"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        for key in ("source", "article_id", "analyzer"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


class InputError(PropscopeError):
    code = "input"


class NotFoundError(InputError):
    code = "input.not_found"


class UnreadableInputError(InputError):
    code = "input.unreadable"


class EmptyInputError(InputError):
    code = "input.empty"


class BinaryInputError(InputError):
    code = "input.binary"


class TooLargeError(InputError):
    code = "input.too_large"


class NoArticleError(InputError):
    code = "input.no_article"


class MalformedInputError(InputError):
    code = "input.malformed"


class UnsupportedInputError(InputError):
    code = "input.unsupported"


class FetchError(InputError):
    code = "input.fetch"


class FetchRefusedError(FetchError):
    code = "input.fetch_refused"


class AnalysisError(PropscopeError):
    code = "analysis"


class ModelError(AnalysisError):
    code = "analysis.model"


class PipelineError(PropscopeError):
    code = "pipeline"


class StoreError(PropscopeError):
    code = "store"


class ConfigError(PropscopeError):
    code = "config"
