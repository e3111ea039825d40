"""HTML pages to Articles, through trafilatura.

trafilatura finds the main text of a page (dropping navigation, link lists, comments) and
its metadata: title, author, date, site name.  The extracted text is then cleaned like
scraped text (``propscope.readers.text.clean_body``: repeated title line, edge boilerplate)
so that every reader produces text the same way.

Offsets: HTML markup has no character-aligned correspondence with the text a browser
shows, so for HTML the Article's ``raw`` is *the text trafilatura extracted*, not the
markup; ``Article.offsets`` maps ``Article.text`` into that extracted text.  The markup
itself is not kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from propscope.article import Article
from propscope.errors import EmptyInputError, MalformedInputError, NoArticleError
from propscope.readers.base import make_article, replace_surrogates

__all__ = [
    "HtmlExtract",
    "article_from_extract",
    "declared_charset",
    "extract_html",
    "html_fragment_to_text",
    "looks_like_html",
    "read_html",
]

#: Fewer words than this (after cleaning) is not an article body: "404", "Home News".
MIN_BODY_WORDS = 2

_DOCUMENT_MARKERS = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<article[\s>]", re.IGNORECASE)
_LEADING_TAG = re.compile(
    r"<(?:p|div|span|h[1-6]|br|section|main|meta|title|link|ul|ol|li|table|a|img|em|strong|b|i|blockquote)[\s/>]",
    re.IGNORECASE,
)


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a ``<meta>`` tag near its start, if any."""
    import codecs

    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # a page saved as UTF-8 often still says latin-1: HTML5 reads latin-1 as windows-1252
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def looks_like_html(text: str) -> bool:
    """HTML rather than plain text: an ``<html>``/``<body>``/``<!doctype>``/``<article>`` tag
    near the start, or a text that starts with a common tag such as ``<p>``."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if _DOCUMENT_MARKERS.search(head[:1024]):
        return True
    if head.startswith(("<!--", "<?xml")):
        return "<" in head[4:] and bool(_LEADING_TAG.search(head))
    return bool(_LEADING_TAG.match(head))


@dataclass(frozen=True)
class HtmlExtract:
    """What trafilatura found in a page: the main text and the page's metadata."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)


def _none_if_blank(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _html_parser() -> Any:
    import lxml.html

    return lxml.html.HTMLParser(collect_ids=False, encoding="utf-8", remove_comments=True, remove_pis=True)


def _resource_limit(parser: Any) -> str | None:
    """What a libxml2 resource limit cut from the last parse of ``parser``, if one did.

    libxml2 stops at nesting deeper than 256 elements and at a text node over about 10 MB
    (without ``XML_PARSE_HUGE``), quietly as far as lxml's HTML parser goes: the rest of the
    page is lost, and the text after that point with it.  Lifting the limits only moves the
    failure into recursion; a page that deep is refused instead.
    """
    for entry in parser.error_log:
        message = " ".join(str(entry.message).split())
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in message or "XML_PARSE_HUGE" in message:
            if "depth" in message.lower():
                return "it is nested too deeply (over 256 levels of elements)"
            return "a part of it is too large for the HTML parser"
    return None


def _check_parse_limits(html: str, source: str | None) -> None:
    """Refuse a page the HTML parser would read only in part (see :func:`_resource_limit`)."""
    from lxml import etree

    parser = _html_parser()
    try:
        etree.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return  # empty or unparsable: trafilatura says so in its own words
    reason = _resource_limit(parser)
    if reason:
        raise MalformedInputError(f"the HTML cannot be read whole: {reason}", source=source)


def extract_html(html: str, *, url: str | None = None, source: str | None = None) -> HtmlExtract:
    """Main text and metadata of an HTML page; ``NoArticleError`` when there is no body.

    Dates come from the page's metadata only (htmldate without its extensive search, which
    turns a footer's "© 2024" into 2024-01-01).
    """
    import trafilatura
    from trafilatura.settings import set_date_params

    html = replace_surrogates(html)  # lxml loses the text around a lone surrogate
    if not re.search(r"<(?:html|body)[\s>]", html[:65536], re.IGNORECASE):
        html = f"<html><body>{html}</body></html>"  # a fragment: trafilatura wants a document
    _check_parse_limits(html, source)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            date_extraction_params=set_date_params(False),
        )
    except RecursionError as exc:
        raise MalformedInputError("the HTML is nested too deeply to be parsed", source=source) from exc
    except Exception as exc:  # a third-party parser failing on one page is a bad input, not our bug
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise MalformedInputError(f"the HTML could not be parsed ({reason})", source=source) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise NoArticleError("the HTML has no article body", source=source)
    assert doc is not None
    author = _none_if_blank(getattr(doc, "author", None))
    authors = tuple(a.strip() for a in author.split(";") if a.strip()) if author else ()
    meta: dict[str, Any] = {}
    for key in ("description", "hostname"):
        value = _none_if_blank(getattr(doc, key, None))
        if value:
            meta[key] = value
    for key in ("categories", "tags"):
        values = [v for v in (getattr(doc, key, None) or []) if v]
        if values:
            meta[key] = list(values)
    return HtmlExtract(
        text=text,
        title=_none_if_blank(getattr(doc, "title", None)),
        authors=authors,
        published=_none_if_blank(getattr(doc, "date", None)),
        outlet=_none_if_blank(getattr(doc, "sitename", None)),
        url=_none_if_blank(getattr(doc, "url", None)) or url,
        metadata=meta,
    )


def article_from_extract(
    extract: HtmlExtract,
    *,
    source: str | None = None,
    source_format: str = "html",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
    authors: Iterable[str] | None = None,
    repeated_lines: frozenset[str] = frozenset(),
    metadata: Mapping[str, Any] | None = None,
) -> Article:
    """Clean an extract's text and freeze the Article; given values override extracted ones."""
    from propscope.readers.text import clean_body

    title = title or extract.title
    try:
        cleaned = clean_body(extract.text, title=title, repeated_lines=repeated_lines)
    except EmptyInputError as exc:
        raise NoArticleError("the HTML has no article body (only navigation or boilerplate)", source=source) from exc
    if sum(1 for word in cleaned.text.split() if any(c.isalpha() for c in word)) < MIN_BODY_WORDS:
        raise NoArticleError("the HTML has no article body (only navigation or boilerplate)", source=source)
    try:
        return make_article(
            cleaned.raw,
            cleaned.text,
            cleaned.offsets,
            title=title,
            removed=cleaned.removed,
            dateline=cleaned.dateline,
            outlet=outlet or extract.outlet,
            url=url or extract.url,
            published=published or extract.published,
            language=language,
            authors=tuple(authors) if authors is not None else (extract.authors or cleaned.authors),
            source=source,
            source_format=source_format,
            metadata={**extract.metadata, **(metadata or {})},
        )
    except EmptyInputError as exc:
        raise NoArticleError("the HTML has no article body (only navigation or boilerplate)", source=source) from exc


def read_html(
    html: str,
    *,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = None,
    authors: Iterable[str] | None = None,
    repeated_lines: frozenset[str] = frozenset(),
    metadata: Mapping[str, Any] | None = None,
    source_format: str = "html",
) -> Article:
    """One Article from an HTML page.

    ``raw`` is the text trafilatura extracted (see the module docstring); metadata given
    here (title, outlet, url, ...) wins over what the page says.  A page without an article
    body raises :class:`NoArticleError` naming ``source``.
    """
    extract = extract_html(html, url=url, source=source)
    return article_from_extract(
        extract,
        source=source,
        source_format=source_format,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        language=language,
        authors=authors,
        repeated_lines=repeated_lines,
        metadata=metadata,
    )


def html_fragment_to_text(fragment: str, *, source: str | None = None) -> str:
    """Plain text of an HTML fragment (a feed item's body): one line per block, tags dropped.

    Unlike :func:`extract_html` this keeps all the text: a feed item's content is the
    article already, with no page furniture for trafilatura to remove.  A fragment the
    parser would read only in part (nested over 256 levels deep) raises
    :class:`MalformedInputError` naming ``source``.
    """
    import lxml.html
    from lxml import etree

    if not fragment.strip():
        return ""
    fragment = replace_surrogates(fragment)
    parser = _html_parser()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        try:
            root = lxml.html.document_fromstring(fragment, parser=parser)
        except (etree.ParserError, ValueError):
            return " ".join(fragment.split())
    reason = _resource_limit(parser)
    if reason:
        raise MalformedInputError(f"the HTML cannot be read whole: {reason}", source=source)
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    blocks = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
              "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt"}
    parts: list[str] = []
    # iterwalk, not recursion: the depth of the tree is the input's to choose
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in blocks:
                parts.append("\n")
            if el.text and tag:
                parts.append(el.text)
        else:
            if tag in blocks:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
