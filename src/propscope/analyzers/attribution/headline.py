"""Headline attributions: who the title says said what (issue 15 §6).

Headlines report speech in a few fixed shapes, and state media use them most ("Lavrov: …",
"Kremlin warns …"); the body tagger never sees them, since the title is not part of
``Article.text``.  :func:`headline_attributions` reads the title alone and returns
``(content, source, cue)`` offsets **into the title** (so no span of the text moves):

- "SOURCE: CLAIM" ("Witness: The aide wiretapped her"; the source at most four words);
- "CLAIM: SOURCE" ("Sun to cool down in next 30 years: Study");
- "SOURCE VERB (to|that) CLAIM" with a headline verb of saying in the present ("Mayor Vows to
  Close the Port", "Norvik's Lind calls for a levy", "Lind calls on Kell to resign",
  "Norvik Admits To Aiding Smugglers", "Critics Agree – The Levy Failed").

:func:`title_speaker` resolves the source against the article's entities by name (the headline
gives a surname, "Orban", the body the full name); a source that names no entity ("Study",
"Liberals", "Hungarian Prime Minister") stays unresolved.

>>> t = "Mayor Lind Vows to Close the Port"
>>> [(t[c[0]:c[1]], t[s[0]:s[1]]) for c, s, _ in headline_attributions(t)]
[('Close the Port', 'Mayor Lind')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from propscope.analyzers.entities.registry import lookup

__all__ = ["SPEAKER_NOUNS", "headline_attributions", "title_kind", "title_speaker"]

Pair = tuple[int, int]

#: what a headline label may be without naming an entity ("Witness: …", "…: Study"); any other
#: label must name a person or a body the article knows ("Brexit: what next" reports no speech)
SPEAKER_NOUNS = frozenset("""witness witnesses report study survey poll official officials source sources expert experts
    critics police lawyer lawyers minister ministry spokesman spokeswoman spokesperson analyst analysts
    scientists researchers doctors prosecutors investigators""".split())

_W = r"[A-Za-z][\w’'.\-]*"
#: a headline's source: one to five words, the first capitalised, maybe possessive ("Hungary's Orban")
_SOURCE = rf"(?P<src>[A-Z][\w’'.\-]*(?:\s+{_W}){{0,4}}?)"
#: headline verbs of saying (present tense) and what may follow them before the claim
_VERB = (r"(?P<cue>(?:says?|vows?|warns?|urges?|threatens?|admits?|claims?|denies|insists?|accuses|slams|blasts|"
         r"agrees?|demands?|pledges?|promises?|predicts?|calls\s+(?:for|on\s+" + _W + r"(?:\s+" + _W + r")?\s+to))"
         r"(?:\s+to)?)")
_SAYS = re.compile(rf"^{_SOURCE}\s+{_VERB}(?:\s+that)?\s*[–—:\-]?\s+(?P<claim>\S.*)$", re.IGNORECASE)
#: "SOURCE: CLAIM" (a label of at most four words before the first colon)
_LABEL = re.compile(rf"^(?P<src>[A-Z][\w’'.\-]*(?:\s+{_W}){{0,3}}):\s+(?P<claim>\S.*)$")
#: "CLAIM: SOURCE"
_TRAILING = re.compile(rf"^(?P<claim>\S.*\S)\s*:\s+(?P<src>[A-Z][\w’'.\-]*(?:\s+{_W})?)\s*$")
#: words that label a headline without naming a speaker ("Watch: …", "Breaking: …")
_NOT_SOURCES = frozenset("""watch video breaking update updated exclusive opinion analysis editorial live photos
    photo listen read explainer factbox timeline q&a interview comment column review""".split())
#: an outlet's name glued before the headline ("PressTV-Sun to cool down …")
_OUTLET_PREFIX = re.compile(r"^(?P<name>[A-Z][\w.]*)[-–]\s*(?=[A-Z])")


def _claim(title: str, a: int, b: int) -> Pair:
    """The claim's span without edge spaces, closing punctuation and a trailing ", raising …" clause."""
    seg = title[a:b]
    cut = re.search(r",\s+(?:raising|sparking|prompting|as|amid|after|while|despite)\b", seg)
    if cut:
        b = a + cut.start()
    while b > a and title[b - 1] in " .,;": b -= 1
    while a < b and title[a] == " ":
        a += 1
    return a, b


def headline_attributions(title: str | None) -> list[tuple[Pair, Pair, Pair | None]]:
    """``(content, source, cue)`` offsets into ``title`` for a headline that reports speech."""
    # for headlines, where state media put the claim: "Lavrov: …", "Kremlin warns …"
    if not title or not title.strip() or len(title) > 300:
        return []
    lead = _OUTLET_PREFIX.match(title)  # "PressTV-Sun to cool down …": the outlet's name glued on
    off = lead.end() if lead and lookup(lead.group("name")) is not None else 0
    head = title[off:].rstrip()
    m = _LABEL.match(head)
    if m is not None and m.group("src").split()[0].lower() not in _NOT_SOURCES and not _SAYS.match(m.group("src")):
        return [(_claim(title, off + m.start("claim"), off + m.end("claim")),
                 (off + m.start("src"), off + m.end("src")), None)]
    m = _TRAILING.match(head)
    if m is not None and m.group("src").split()[0].lower() not in _NOT_SOURCES:
        return [(_claim(title, off + m.start("claim"), off + m.end("claim")),
                 (off + m.start("src"), off + m.end("src")), None)]
    m = _SAYS.match(head)
    if m is not None:
        return [(_claim(title, off + m.start("claim"), off + m.end("claim")),
                 (off + m.start("src"), off + m.end("src")), (off + m.start("cue"), off + m.end("cue")))]
    return []


def _words(name: str) -> list[str]:
    return [re.sub(r"['’]s$", "", w).lower() for w in re.findall(r"[\w’'\-]+", name)]


def title_speaker(source: str, entities: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The entity of the article a headline source names: the one whose name (or an alias) ends
    in the source's last word ("Hungary's Orban" -> Viktor Orban; "Iran" -> Iran), the most
    mentioned of them; None when none does ("Study", "Liberals", "Hungarian Prime Minister")."""
    words = _words(source)
    if not words:
        return None
    last = words[-1]
    hits = [e for e in entities if e.get("type") in ("PERSON", "ORG", "GPE", "NORP")
            and any(_words(str(n))[-1:] == [last] for n in (e.get("name") or "", *(e.get("aliases") or ())) if n)]
    if not hits:
        return None
    return max(hits, key=lambda e: int(e.get("mentions") or 0))


_MARKS = "\"“”‘’'«»"


def title_kind(title: str, content: Pair) -> tuple[Pair, str]:
    """The content without enclosing quotation marks and its kind: ``direct`` when the whole
    claim was quoted, ``mixed`` when a part is, else ``indirect``."""
    a, b = content
    seg = title[a:b]
    if len(seg) > 2 and seg[0] in _MARKS and seg[-1] in _MARKS and not any(c in _MARKS for c in seg[1:-1]):
        return (a + 1, b - 1), "direct"
    return content, "mixed" if any(c in _MARKS for c in seg if c not in "’'") else "indirect"
