"""A line that says someone spoke, or introduces their words with a colon, before lines of quotation.

News sets a speaker's words under a sentence that only says they spoke:

    Mayor Ana Roe spoke to reporters at city hall on Monday.
    “We will clear the roads.”
    “We are working as hard as we can.”

or under one that ends in a colon ("He said:", "Fire Chief Ana Bell told the council on
Tuesday:").  Each quotation line of the run below it is that subject's, not only the first,
however short.  :func:`introducing_line` reads such a line; :func:`~.layouts.lone_quotations`
gives it the run of quotation lines that follows.

>>> text = "Mayor Ana Roe spoke to reporters on Monday."
>>> (c0, c1), (s0, s1) = introducing_line(text, 0, len(text))
>>> text[s0:s1], text[c0:c1]
('Mayor Ana Roe', 'spoke')
>>> introducing_line("Roe spoke about the roads that will close.", 0, 42) is None
True
"""

from __future__ import annotations

import re

__all__ = ["introducing_line"]

_SUBJECT = r"(?P<src>(?:[A-Z][\w’'.\-]*\s+){0,4}[A-Z][\w’'.\-]*|[Hh]e|[Ss]he|[Tt]hey)\s+"
_ADVERB = r"(?:(?:also|then|later|again|briefly|simply|[a-z]+ly)\s+)?"
#: "He said:", "Lind told reporters on Monday:": a subject, a verb of saying, a colon closing the line
_SAID_COLON = re.compile(_SUBJECT + _ADVERB +
                         r"(?P<cue>said|says|added|adds|wrote|writes|tweeted|declared|stated|told|tells|explained|"
                         r"replied|responded|continued|continues|addressed|addresses)\b[^:\n\"“”]{0,60}:")
#: "Mayor Ana Roe spoke to reporters on Monday.": an act of speaking with no words of its own
_SPOKE = re.compile(
    r"(?:[A-Z][^,\n\"“”]{0,40},\s+)?" + _SUBJECT + _ADVERB +
    r"(?P<cue>spoke|speaks|addressed|addresses|testified|testifies|continued|continues|"
    r"told\s+(?:reporters|journalists|supporters|the\s+(?:crowd|audience|media|press|committee|council|court|jury))|"
    r"gave\s+(?:a|an|his|her|their)\s+(?:speech|address|statement|talk)|took\s+questions)\b"
    r"(?P<rest>[^\"“”\n:;,]{0,120})\.\s*$")
_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
#: what may follow the verb of speaking: where, when, to whom, how ("to reporters at city hall on Monday")
_ADJUNCT = re.compile(rf"\s*$|\s+(?:to|at|in|on|during|after|before|from|with|outside|inside|via|again|afterwards|"
                      rf"later|earlier|briefly|this|last|yesterday|today|tonight|{_DAYS})\b")
#: verbs whose object names whom or what they address ("addressed the council", "continued his remarks")
_OBJECT = re.compile(r"\s+(?:the|a|an|his|her|their|reporters|journalists|supporters)\b")
#: capitalised words that open a clause, not a subject ("Despite Trump's …")
_NO_SUBJECT = re.compile(r"(?:Despite|After|Before|In|On|At|For|With|When|While|As|Since|During|Unlike|Like|Amid|"
                         r"Following|But|And|So|Yet)\b|.*['’]s\b")


def introducing_line(text: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(cue span, source span) when the line ``text[start:end]`` introduces the quotation lines
    after it: it ends in a colon after a subject and a verb of saying, or it only says its
    subject spoke (no "that" or "about" clause giving what they said); else None."""
    m = _SAID_COLON.search(text, start, end)
    if m is not None and not text[m.end() : end].strip() and (m.start() == start or text[m.start() - 1] == " "):
        return (m.start("cue"), m.end("cue")), (m.start("src"), m.end("src"))
    line = text[start:end].strip()
    off = start + len(text[start:end]) - len(text[start:end].lstrip())
    m = _SPOKE.fullmatch(line)
    if m is None or _NO_SUBJECT.match(m.group("src")):
        return None
    rest = m.group("rest")
    if not _ADJUNCT.match(rest) and not (m.group("cue").startswith(("address", "continu")) and _OBJECT.match(rest)):
        return None
    if re.search(r"\b(?:that|about|of|as|on\s+(?:the|a|an|how|why|what))\b", rest) or (
            m.group("cue").startswith("continu") and re.match(r"\s+to\b", rest)):
        return None  # what was said ("spoke about the roads"), or no speech ("continued to veer off script")
    return (off + m.start("cue"), off + m.end("cue")), (off + m.start("src"), off + m.end("src"))
