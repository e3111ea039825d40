"""The output formats of neighbouring tools, recognised by their field names.

Analysts bring corpora that another tool wrote.  Read with the generic column names of
:mod:`propscope.readers.tabular` they lose metadata or, worse, put it in the wrong place
(trafilatura's ``source`` is the page's URL, not its outlet).  Each :class:`ToolFormat`
says how to recognise one tool's records (a signature over the set of field names, so a
CSV header and a JSON object are recognised alike) and which of its fields holds what.

========================  ==================================================================
tool                      recognised by (lower-case field names)
========================  ==================================================================
trafilatura (``--json``)  ``source-hostname``; or ``fingerprint`` with ``raw_text``; or
                          ``hostname``, ``source`` and ``filedate``
news-please (JSON)        ``maintext`` with one of ``date_publish``, ``source_domain``,
                          ``date_download``, ``title_page``, ``title_rss``, ``localpath``
Media Cloud (CSV, JSON)   ``stories_id``; or ``media_name`` with ``publish_date`` or
                          ``media_url``
GDELT DOC API article     ``seendate``; or ``url_mobile`` with ``socialimage``; or
list (``mode=ArtList``)   ``domain`` with ``sourcecountry``
========================  ==================================================================

A field the user names explicitly (``--columns``) always wins; a tool's fields come next,
the generic names last.  Media Cloud story lists and GDELT article lists usually carry no
text (only URLs and titles): such a record is one :class:`NoArticleError` that says so and
what to do, instead of "no text field".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["TOOL_FORMATS", "ToolFormat", "detect_tool", "language_tag", "split_authors"]


@dataclass(frozen=True)
class ToolFormat:
    """One tool's record format: how to recognise it and where its fields are."""

    name: str
    #: True when a record with these (lower-case) field names was written by the tool
    signature: Callable[[frozenset[str]], bool]
    #: article field -> the tool's field names, in order of preference (lower case)
    fields: Mapping[str, tuple[str, ...]]
    #: said when a record has none of the text fields
    no_text: str


def _has(*names: str) -> Callable[[frozenset[str]], bool]:
    wanted = frozenset(names)
    return lambda keys: wanted <= keys


def _any(*tests: Callable[[frozenset[str]], bool]) -> Callable[[frozenset[str]], bool]:
    return lambda keys: any(t(keys) for t in tests)


_NEWS_PLEASE_MARKS = frozenset({"date_publish", "source_domain", "date_download", "title_page", "title_rss",
                                "localpath"})

TOOL_FORMATS: tuple[ToolFormat, ...] = (
    ToolFormat(
        name="trafilatura",
        signature=_any(_has("source-hostname"), _has("fingerprint", "raw_text"), _has("hostname", "source", "filedate")),
        fields={
            "text": ("text", "raw_text"),
            "title": ("title",),
            "url": ("source", "url"),  # trafilatura writes the page's URL as "source"
            "outlet": ("source-hostname", "sitename", "hostname"),
            "published": ("date",),
            "language": ("language",),
            "authors": ("author",),  # "A. Writer; B. Editor"
            "id": ("id", "fingerprint"),
        },
        no_text="a trafilatura record without text (extracted with metadata only?)",
    ),
    ToolFormat(
        name="news-please",
        signature=lambda keys: "maintext" in keys and bool(keys & _NEWS_PLEASE_MARKS),
        fields={
            "text": ("maintext", "text"),
            "title": ("title", "title_page", "title_rss"),
            "url": ("url",),
            "outlet": ("source_domain",),
            "published": ("date_publish",),
            "language": ("language",),
            "authors": ("authors",),
            "id": ("id", "filename"),
        },
        no_text="a news-please record without text (its maintext is empty: the extraction found no article)",
    ),
    ToolFormat(
        name="Media Cloud",
        signature=_any(_has("stories_id"), _has("media_name", "publish_date"), _has("media_name", "media_url")),
        fields={
            "text": ("text", "story_text", "full_text", "body", "content"),
            "title": ("title",),
            "url": ("url",),
            "outlet": ("media_name", "media_url"),
            "published": ("publish_date",),
            "language": ("language",),
            "authors": ("authors", "author"),
            "id": ("stories_id", "id"),
        },
        no_text=("a Media Cloud story list carries metadata and URLs but no article text: add the text as a "
                 "column named text (or map one with --columns text=COLUMN), or analyze the URLs with --fetch"),
    ),
    ToolFormat(
        name="GDELT",
        signature=_any(_has("seendate"), _has("url_mobile", "socialimage"), _has("domain", "sourcecountry")),
        fields={
            "text": ("text", "body", "content", "full_text", "article"),
            "title": ("title",),
            "url": ("url",),
            "outlet": ("domain",),
            "published": ("seendate",),  # 20240131T104500Z: basic ISO 8601, read by propscope.dates
            "language": ("language",),  # a name ("English"): kept only when it is a language tag
            "authors": ("authors", "author"),
            "id": ("id",),
        },
        no_text=("a GDELT article list carries only URLs and titles, no article text: fetch the pages "
                 "(propscope analyze --fetch URL ...) or add their text as a column named text"),
    ),
)


def detect_tool(columns: Iterable[str]) -> ToolFormat | None:
    """The tool whose records have these field names, or ``None`` (generic columns)."""
    keys = frozenset(c.strip().lower() for c in columns if isinstance(c, str))
    return next((tool for tool in TOOL_FORMATS if tool.signature(keys)), None)


_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def language_tag(value: str | None) -> str | None:
    """``value`` when it is a language tag (``en``, ``pt-BR``); ``None`` for a language's
    name (GDELT writes ``English``), so that the language is detected from the text."""
    if not value or not _TAG.match(value.strip()):
        return None
    return value.strip().replace("_", "-")


def split_authors(value: Any) -> tuple[str, ...]:
    """Authors from a list of names, or a string of names separated by ``;`` or ``|``
    (a comma is not a separator: "Smith, Jane" is one name)."""
    if isinstance(value, str):
        parts: Iterable[Any] = re.split(r"\s*[;|]\s*", value)
    elif isinstance(value, (list, tuple)):
        parts = value
    else:
        return ()
    out: list[str] = []
    for part in parts:
        if isinstance(part, str) and part.strip() and part.strip() not in out:
            out.append(" ".join(part.split()))
    return tuple(out)
