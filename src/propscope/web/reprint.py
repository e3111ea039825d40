"""Whose copy an article is: the syndication data of the corpus, read for one article page.

A reprint's page says, before its text, which earlier article holds most of it (with a link)
and how much of the text was reused; an original says who copied it; an article that credits
another outlet ("according to Reuters") links the credited article when the corpus has it.

The copies are found by :func:`propscope.corpus.syndication.find_syndication` over the
weeks around the article's date (:data:`WINDOW_DAYS` either side: a reprint appears within
days), so a page costs what the syndication page costs for a month, whatever the corpus
size.  An undated article is compared with the whole corpus only while the corpus is small
(:data:`UNDATED_LIMIT` articles).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from propscope.analysis import Analysis
from propscope.corpus.syndication import Member, RelayLink, find_syndication
from propscope.dates import normalize_date
from propscope.store.base import Store

__all__ = ["CopyInfo", "copy_info"]

WINDOW_DAYS = 14
UNDATED_LIMIT = 2000


@dataclass
class CopyInfo:
    #: the earlier article this one copies (None: not a copy, or the original itself)
    original: Member | None = None
    #: the member row of this article in its cluster (its reuse share), when it is a copy
    member: Member | None = None
    #: later articles that copy this one (other article ids)
    copies: list[Member] = field(default_factory=list)
    #: articles this one credits ("according to …") that the corpus holds
    credits: list[RelayLink] = field(default_factory=list)
    #: articles that credit this one
    credited_by: list[RelayLink] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.original or self.copies or self.credits or self.credited_by)


def _window(analysis: Analysis) -> tuple[str, str] | None:
    _, day, _ = normalize_date(analysis.article.published, analysis.article.language)
    if day is None:
        return None
    d = date.fromisoformat(day)
    return (d - timedelta(days=WINDOW_DAYS)).isoformat(), (d + timedelta(days=WINDOW_DAYS)).isoformat()


def copy_info(store: Store, analysis: Analysis) -> CopyInfo:
    aid = analysis.article.id
    window = _window(analysis)
    if window is None and sum(n for _, n in store.outlets()) > UNDATED_LIMIT:
        return CopyInfo()
    since, until = window if window is not None else (None, None)
    report = find_syndication(store, since=since, until=until)
    info = CopyInfo()
    for cluster in report.clusters:
        ids = [m.article_id for m in cluster.members]
        if aid not in ids:
            continue
        if cluster.original.article_id == aid:
            info.copies = [m for m in cluster.copies if m.article_id != aid]
        else:
            member = next(m for m in cluster.copies if m.article_id == aid)
            source = member.copied_from or cluster.original.article_id
            info.member = member
            info.original = next((m for m in cluster.members if m.article_id == source), cluster.original)
        break
    info.credits = [r for r in report.relays if r.article_id == aid and r.original_id != aid]
    info.credited_by = [r for r in report.relays if r.original_id == aid and r.article_id != aid]
    return info
