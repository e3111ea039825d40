"""Quoted words that nobody says: the title of a work, and the "it" of "it's all about"; and a
determiner taken for a source ("The claims came …": "claims" is the noun it opens, not a verb).

"He had posted “9 Steps to Successfully Counter Jihad,”" and "Glazov's new book, “Jihadist
Psychopath: How He Is Charming …”" quote a title: a name of a work, in headline capitals,
after a word that names or introduces one ("book", "article", "titled", "posted").  A slogan
someone says keeps its speaker: "said “We Will Not Back Down”" has no such word before it.
"""

from __future__ import annotations

import re

__all__ = ["determiner_source", "expletive_source", "is_work_title", "title_end"]

#: words before a quoted title that say it names a work (within a few words of the opening mark)
_WORK_BEFORE = re.compile(
    r"(?:\b(?:titled|entitled|headlined|headline|posted|published|released|"
    r"book|books|novel|memoir|article|column|essay|op-ed|editorial|piece|post|blog|report|paper|study|"
    r"film|movie|documentary|video|podcast|show|series|episode|programme|program|song|album|poem|chapter|"
    r"speech|lecture|bill|resolution|campaign)\b[\w\s,’'-]{0,30}?,?\s*|\bits\s+|\bhis\s+|\bher\s+)$",
    re.IGNORECASE,
)
_SMALL = frozenset("a an the of to in on for and or but nor at by with from as vs via is be into over per".split())
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_LEADING_QUOTE = re.compile(r"\s*(?:[\"“«„]([^\"”»\n]{3,200})[\"”»]|‘([^’\n]{3,200})’)")


def _headline_capitals(title: str) -> bool:
    """Title Case: three words or more, and every word but the small ones capitalised."""
    words = _WORD.findall(title)
    if len(words) < 3:
        return False
    big = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _SMALL]
    return all(w[0].isupper() for w in big) and not all(w.isupper() for w in big)


def title_end(text: str, span: tuple[int, int]) -> int | None:
    """Where the title of a work that opens ``span`` ends (after its closing mark and a comma), if
    it opens with one: a quotation in headline capitals after a word that names a work ("book",
    "titled", "posted") a few words before.  "Called" and "dubbed" do not count: "critics called it
    “Kavanaugh Derangement Syndrome”" is a label in their voice."""
    a, b = span
    m = _LEADING_QUOTE.match(text, a, b)
    if m is None or not _headline_capitals(m.group(1) or m.group(2)):
        return None
    if not _WORK_BEFORE.search(text[max(0, a - 60) : a]):
        return None
    end = m.end()
    while end < b and text[end] in ",;: ":
        end += 1
    return end


def is_work_title(text: str, span: tuple[int, int]) -> bool:
    """Whether ``span`` opens with the title of a work (:func:`title_end`)."""
    return title_end(text, span) is not None


def expletive_source(text: str, source: tuple[int, int] | None, cue: tuple[int, int] | None) -> bool:
    """"It's all about …", "It is clear that …": the "it" of a copula is no one."""
    if source is None or cue is None:
        return False
    if text[source[0] : source[1]].strip().lower() != "it":
        return False
    return bool(re.match(r"\s*(?:[’']s|is|was|seems|seemed|appears|appeared)\b", text[cue[0] : cue[1]],
                         re.IGNORECASE))


#: words that open a noun phrase and never stand alone as its subject: an article, "such",
#: "every" ("this", "these", "each" stand alone as pronouns: "These show that …" is the
#: documents named before, "each touting …"; a possessive determiner is the possessor of a
#: speech noun, who speaks: "Her message is simple: …")
_DETERMINERS = frozenset("the a an such every".split())


def determiner_source(text: str, source: tuple[int, int] | None, cue: tuple[int, int] | None) -> bool:
    """"The claims came …", "A warning came …": a source that is only a determiner right before
    its cue, so the cue word is the noun the determiner opens (a speech noun such as "claims" or
    "reports" spelt like a verb), and nobody speaks."""
    # for speech nouns read as verbs of saying: a determiner cannot be anyone's name
    if source is None or cue is None or source[1] > cue[0]:
        return False
    return text[source[0] : source[1]].strip().lower() in _DETERMINERS and not text[source[1] : cue[0]].strip()
