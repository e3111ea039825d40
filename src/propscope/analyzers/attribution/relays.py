"""Relays: the outlet or journalist through which the words came (issue 15 §5).

A stage after attributions are assembled and before speakers are resolved.  The speaker is
the person whose words they are; the relay is who passed them on.  Entry points:

- :func:`relay_in_sentence`: the relay an attribution's own sentence names, in any of the
  common forms of news syntax::

      "We will not pay," Petrov told Reuters.                  -> Reuters
      Petrov said in an interview with the Kommersant daily …  -> the Kommersant daily
      …, Petrov said, as quoted by BelTA. / … said (BelTA).    -> BelTA
      Toby Heys told the New Scientist that …                  -> the New Scientist
      Kell told the hosts of Norvik Today that …               -> Norvik Today
      …, wrote Ana Kell in an article for Foreign Policy.      -> Foreign Policy
      …, Lind said, according to a report by Bloomberg.com.    -> Bloomberg.com

  The named relay must be an outlet (the registry of outlets and agencies, or a name that
  says it is one: "newspaper", "agency", "TV" …) or a person the article calls a reporter,
  so "told the minister" and "told reporters" are addressees, never relays.
- :func:`according_to_inner`: "According to Interfax, Lind said the strike was over":
  speaker Lind, relayed by Interfax (the inverted form).
- :func:`is_outlet_name`: the outlet test, shared with the trailing-relay rule so that
  "…, the Justice Ministry in Oslo said" keeps the ministry as the speaker.

>>> text = '"We will not pay," Ivan Petrov told Reuters on Monday.'
>>> a, b = relay_in_sentence(text, [(0, 19)], (31, 35), (20, 30), (0, len(text)))
>>> text[a:b]
'Reuters'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from propscope.analyzers.entities.registry import find_outlets, lookup

__all__ = ["according_to_inner", "is_outlet_name", "is_reporter", "relay_in_sentence", "relay_name", "relay_piece",
           "short_outlet"]

#: words that make a name an outlet ("the Kommersant newspaper", "Iran's state television")
_MEDIA_WORD = re.compile(
    r"\b(?:news|newspaper|agency|press|daily|weekly|magazine|journal|times|post|herald|tribune|gazette|"
    r"telegraph|chronicle|observer|television|TV|radio|broadcaster|channel|network|wire|media|website|"
    r"portal|outlet|tabloid|blog|podcast|show)\b|\.com\b|\.org\b|\.ru\b",
    re.IGNORECASE,
)
#: words that say a body is no outlet even when a media word is in its name ("Press Office")
_NOT_MEDIA = re.compile(r"\b(?:ministry|office|department|secretary|spokes\w*|council|committee|minister)\b",
                        re.IGNORECASE)


def is_outlet_name(name: str) -> bool:
    """Whether ``name`` names a news outlet or agency: the registry knows it or a part of it,
    or its words say so ("the state news agency", "Bloomberg.com"), and it is no office."""
    name = name.strip()
    if not name or _NOT_MEDIA.search(name):
        return False
    bare = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    bare = re.sub(r"['’]s$", "", bare)
    if lookup(name) is not None or lookup(bare) is not None or find_outlets(name):
        return True
    return bool(_MEDIA_WORD.search(name)) and bool(re.search(r"[A-Z]", name) or re.match(r"(?i)the\s", name))


def relay_name(words: str) -> str:
    """The name a relay is given when no entity of the article stands for it: the registry's
    canonical name where the words name an outlet ("the Free Beacon" -> "Washington Free
    Beacon", "Bloomberg.com" -> "Bloomberg"), else the words without a leading article."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", words.strip(), flags=re.IGNORECASE)
    known = lookup(words.strip()) or lookup(bare)
    return known.name if known is not None else bare


def short_outlet(text: str, name: str, before: int) -> str | None:
    """The outlet the text named in full before ``before`` whose name ``name`` shortens ("the
    Beacon" after "the Washington Free Beacon"): its canonical name, else None."""
    # for news that names an outlet once in full, then by its last word
    bare = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    if not bare[:1].isupper() or len(bare) < 3:
        return None
    for _a, _b, outlet in reversed(find_outlets(text[:before])):
        full = re.sub(r"^the\s+", "", outlet.name, flags=re.IGNORECASE)
        if full != bare and full.endswith(" " + bare):
            return outlet.name
    return None


#: "reporter Sara Carter", "Sara Carter, a reporter", "investigative journalist …"
_REPORTER = r"(?:reporter|journalist|correspondent|columnist|anchor|host|editor|interviewer|presenter)"


def is_reporter(text: str, name: str) -> bool:
    """Whether the article calls ``name`` (or its last word) a reporter or journalist:
    "told Carter" relays through the journalist, "told Smith" (an official) does not."""
    last = name.split()[-1] if name.split() else ""
    if len(last) < 3 or not last[:1].isupper():
        return False
    last = re.escape(last)
    pat = (rf"\b{_REPORTER}s?\s+(?:[A-Z][\w’'\-.]*\s+){{0,2}}{last}\b|"
           rf"\b{last}\b[^.;:\n]{{0,40}}?,\s+(?:an?|the)\s+(?:[\w\-]+\s+){{0,3}}{_REPORTER}\b")
    return re.search(pat, text) is not None


_NAME = r"(?P<name>(?:the\s+)?(?:[A-Z][\w&’'.\-]*(?:\.com)?|[a-z]+(?=\.com))(?:\s+(?:of\s+|de\s+|&\s+)?[A-Z0-9][\w&’'.\-!]*){0,5})"
_KIND = (r"(?:(?:the|a|an|its|his|her|their)\s+)?(?:(?:[A-Z][\w\-]*|state|state-run|state-owned|official|"
         r"semi-official|private|local|daily|weekly)\s+){0,2}")
_KIND_NOUN = r"(?:news\s+agency|agency|newspaper|daily|weekly|magazine|broadcaster|channel|TV|television|radio|website|portal)"
#: phrases that hand the words to a relay, each followed by the relay's name
_RELAY_BEFORE = re.compile(
    r"\b(?P<phrase>(?i:told|tells|telling|said\s+to|says\s+to|speaking\s+to|spoke\s+to|talking\s+to|talked\s+to|"
    r"speaks?\s+to|talks?\s+to|"
    r"(?:sitting|sat)\s+down\s+with|in\s+(?:an?|his|her|their)\s+(?:exclusive\s+)?(?:interview|conversation|"
    r"comments?|remarks|statement|op-ed|article|column|piece|letter)\s+(?:with|to|for|in|published\s+by)|"
    r"(?:interview|comments?|remarks)\s+(?:with|to)|wrote\s+(?:in|for)|writing\s+(?:in|for)|as\s+quoted\s+by|"
    r"quoted\s+by|(?:carried|cited|broadcast|published|aired|reported)\s+by|broadcast\s+on|"
    r"according\s+to(?:\s+(?:an?|the)\s+(?:report|article|interview|story|broadcast)\s+(?:by|from|in|on))?|"
    r"quoted\s+in))\s+"
    r"(?:(?:the|a|an|its)\s+(?:[a-z\-]+\s+)?(?:leftists|hosts?|anchors?|panel|panelists|audience|viewers|listeners|"
    r"readers|editors?|journalists?|reporters?|staff|crew|team|show|programme|program)\s+(?:at|of|on|from)\s+)?"
    rf"(?:{_KIND}{_KIND_NOUN}\s+)?(?:an?\s+)?{_NAME}"
)
#: "(BelTA)", "(Xinhua)" after the cue or at the end of the sentence
_PAREN = re.compile(r"\(\s*(?P<name>[A-Z][\w.\-]{1,30}(?:\s+[A-Z][\w.\-]{1,30}){0,2})\s*\)")
#: a relay's name stops before these words
_NAME_STOP = re.compile(r"\s+(?:on|in|at|last|this|earlier|that|about|after|before|during|when|while|and|but|"
                        r"article|report|story|interview|newspaper|piece|column|op-ed)\b.*$|['’]s\b.*$", re.DOTALL)


#: phrases whose object is a publication by their meaning ("wrote in an article for X")
_PUBLICATION = re.compile(r"(?i)wr(?:ote|iting)\s|in\s+(?:an?|his|her|their)\s+(?:exclusive\s+)?(?:op-ed|article|column|"
                          r"piece|letter)|quoted\s+in|published\s+by|broadcast\s+(?:on|by)|carried\s+by|aired\s+by|"
                          r"according\s+to\s+(?:an?|the)\s+(?:report|article|story|broadcast)")
#: a name followed by one of these is a publication ("quoted in a New Yorker article")
_PUBLICATION_AFTER = re.compile(r"\s+(?:article|report|story|piece|column|op-ed|editorial|broadcast|newspaper|"
                                r"magazine|programme|program|show)\b")


def _clip(text: str, a: int, b: int) -> tuple[int, int]:
    m = _NAME_STOP.search(text[a:b])
    if m is not None and m.start() > 0:
        b = a + m.start()
    while b > a and text[b - 1] in " .,;:'’\"”":
        b -= 1
    return a, b


def _outside(spans: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    return not any(x < b and a < y for x, y in spans)


def relay_in_sentence(text: str, content: Sequence[tuple[int, int]], cue: tuple[int, int] | None,
                      source: tuple[int, int] | None, sentence: tuple[int, int] | None, *,
                      others: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """The span naming the relay of one attribution, from the sentence of its cue, else None.

    ``content``, ``cue`` and ``source``: the attribution's spans; ``sentence``: its cue's
    sentence; ``others``: spans of other attributions' contents, which no relay phrase may
    lie in.  A phrase counts only outside the content, and its name only when it is an
    outlet (:func:`is_outlet_name`) or a reporter the article names (:func:`is_reporter`).
    """
    # for the relayed quotes of state-media and aggregator copy: the outlet is no speaker
    if cue is None or source is None or sentence is None:
        return None
    lo, hi = sentence
    blocked = list(content) + list(others)
    for m in _RELAY_BEFORE.finditer(text, lo, hi):
        a, b = _clip(text, m.start("name"), m.end("name"))
        if b <= a or not _outside(blocked, m.start(), b) or source[0] <= a < source[1]:
            continue
        name = text[a:b]
        phrase = m.group().lower()
        if phrase.startswith("according to") and not re.search(r"report|article|interview|story|broadcast", phrase):
            if cue[0] <= m.start() < cue[1]:
                continue  # "according to X" is this attribution's own cue: X is its source
        publication = bool(_PUBLICATION.match(phrase)) or bool(_PUBLICATION_AFTER.match(text, b))
        bare = re.sub(r"^(?:the|a|an)\s+", "", name)
        if is_outlet_name(name) or (publication and bare[:1].isupper()) or (re.match(
                r"(?:told|tells|telling|said to|speaking to|spoke to|speaks? to|talk|sit|sat)", phrase) and (
                is_reporter(text, name) or short_outlet(text, name, a) is not None)):
            return a, b
    for m in _PAREN.finditer(text, max(lo, cue[0]), hi):
        a, b = m.start("name"), m.end("name")
        if _outside(blocked, m.start(), m.end()) and (lookup(text[a:b]) is not None or (
                is_outlet_name(text[a:b]) and not re.search(r"\w", text[m.end() : hi]))):
            return a, b
    return None


_INNER = re.compile(r"\s*,?\s*(?P<who>(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-.]*|he|she|they|it)\s+"
                    r"(?P<verb>said|says|told|added|claimed|stated|warned|insisted|noted|stressed|announced|"
                    r"explained|argued|declared|urged|confirmed|denied)\b"
                    # whom he told, before "that": "told his US counterpart that …"
                    r"(?:\s+(?:his|her|their|its|the|a|an|[A-Z][\w’'\-.]*)(?:\s+[\w’'\-.]+){0,3}?(?=\s+that\b))?"
                    r"(?:\s+that)?\s*")


def according_to_inner(text: str, content: Sequence[tuple[int, int]], cue: tuple[int, int] | None,
                       source: tuple[int, int] | None) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    """"According to Interfax, Lind said the strike was over": (Lind's span, "said"'s span,
    where the content starts) when the attribution's cue is "according to", its source an
    outlet, and right after the source stand a second name (or pronoun) and a verb of saying
    followed by the content; else None."""
    # for the inverted relay: the outlet opens the sentence, the speaker follows it
    if cue is None or source is None or not content:
        return None
    own = re.fullmatch(r"according\s+to", text[cue[0] : cue[1]], re.IGNORECASE)
    before = re.search(r"according\s+to\s+(?:the\s+)?$", text[max(0, source[0] - 20) : source[0]], re.IGNORECASE)
    if not own and not before:
        return None
    if not is_outlet_name(text[source[0] : source[1]]):
        return None
    m = _INNER.match(text, source[1])
    if m is None or m.end() >= content[-1][1] or re.search(r"\w", text[m.end() : content[0][0]]):
        return None
    if not own and m.start("verb") != cue[0]:
        return None  # the tagger's cue must be the verb after the second name
    return (m.start("who"), m.end("who")), (m.start("verb"), m.end("verb")), max(m.end(), content[0][0])


def relay_piece(text: str, piece: tuple[int, int]) -> tuple[int, int] | None:
    """The relay named by a content piece that is only a relay phrase (", as quoted by BelTA",
    taken for the second half of the content), else None."""
    a, b = piece
    m = _RELAY_BEFORE.match(text, a + len(text[a:b]) - len(text[a:b].lstrip(" ,")), b)
    if m is None or re.search(r"\w", text[m.end() : b]):
        return None
    na, nb = _clip(text, m.start("name"), m.end("name"))
    return (na, nb) if nb > na and is_outlet_name(text[na:nb]) else None
