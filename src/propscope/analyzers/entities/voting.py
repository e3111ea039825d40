"""One type per name per article: NER labels corrected by the registry, the gazetteer and the text.

:func:`vote_types` takes the article's NER mentions (after :func:`.canonical._repair_ner`) and
returns them retyped, split or dropped, so that every mention of one name has one type:

1. **Registry.**  Every outlet or agency of :mod:`.registry` named in the text is an
   organisation, whatever NER said ("Sputnik" as a person, "RT" as a place); a mention that
   runs an outlet into a name ("Sputnik / Pavel Lisitsyn") is split at the outlet.
2. **Shapes that are never a person's name** (class by class, each a named function):
   digits ("Bill C-74", embed ids), an inner lower-case word or symbol that is not a name
   particle ("Bank of Canada", "Malin + Goetz"), a last word that heads an organisation or
   a place ("McGill University", "Winston Churchill Square") or is a role ("UCP MLA"), a
   possessive inside ("Jeremy Corbyn's Labour": Corbyn and Labour, whatever NER typed it; "The Duran's Alex
   Christoforou", whatever its type: the outlet and its reporter), a calendar word glued
   to the front ("November Abdul-Ghani"), a single word the tagger reads as a common word
   or that the article also writes in lower case ("Shelter", "Trains"), a one-word fragment
   of a longer name ("Nova" of "Nova Scotia"), and photo credits (a name joined to an
   outlet by "/", "©" or nothing: "Luis Tato AFP Getty Images"); people joined by a slash
   ("George W. Bush/Barack Obama") are two names, not one body's.
3. **Votes per name.**  Each mention votes its NER type; strong votes come from the
   registry, the dateline, the gazetteer (:mod:`.gazetteer`: a country outweighs a town; a
   town's name NER reads only as a person's counts as a place only where the text uses it as
   one, "in Obama"), a
   title, role or kin word before the name ("Cpl.", "his grandmother", "two-year-old", "Golf
   Channel's"), an
   appositive ("Roman, a resident of"), what a person leads ("the Trump administration" where
   NER reads Trump as a person elsewhere; not "the Kyiv government"), a place pattern ("Dundas, Ont."), a word of a full
   personal name in the same article ("Hamilton" beside "Bruce Hamilton"), a kind of
   organisation before the name or as its appositive ("Thai group Dusit Thani", "Dixon Hall, a
   non-profit agency"), a place noun after it ("the Point Grey riding"), a social platform
   ("Twitter"), an online platform by its use ("his Steemit account", "on Steemit" near
   "Instagram"), a news outlet's last word ("Your News Wire" read as a work), and "the X"
   against a person ("the Sharks").  The type with the most weight wins for every mention
   of the name; a name vetoed as a person takes its best other type, or is dropped.
4. **Concepts.**  A one-word name formed for a doctrine, a process or a fear ("Islamisation", "Islamophobia",
   "Judaism") or a law, practice or policy of the word lists ("Brexit", "Sharia") is no person,
   body or place: dropped; an adherent word ("Zionist", "Islamophobe") or a word only ever used as an adjective
   ("the Mohammedan cult") is a group by belief (NORP) -- unless the article gives it a person's
   evidence (a full name, a title, a verb of saying, a kin or role word) or the registry knows it.
   A one-word name used as a drug ("took two Xanax", "Ativan pills", "Xanax is a
   benzodiazepine"), and the names listed with it ("Valium, Ativan and Xanax"), is a PRODUCT.
   A coinage is typed by its kind: a "-gate" scandal ("Russiagate", its stem written alone or a
   scandal's noun beside it) an EVENT, a politician's "-care" nicknaming a law ("Obamacare") a
   LAW, a holy book of the word lists ("Gospel", "Quran") a WORK_OF_ART, and the singular of a
   people the text writes in the plural, read as a person ("Kurd" beside "Kurds"), a NORP.

5. **Titles, offices and common nouns.**  A title and a name are a person's ("Cardinal Parolin"
   read as a product), a title alone no body ("the Cardinal"); who presides an administration
   ("the Bush administration") or is titled ("President Trump") is a person though NER or the
   gazetteer say otherwise; a full name opening with "Abu" is a person's; a full country name
   outweighs NER and is never a facility; the sun and the planets are places (LOC); a work's
   title the text marks as one ("the exhortation Amoris Laetitia") is no person; a one-word
   common noun with a capital ("the Faith", "the Church") is flagged ``generic`` for
   :func:`.canonical.build_entities` (the short form of the body named in full with it, or no
   entity), and read as a place, product, work or event it is no entity ("the Truth").

    >>> from propscope.article import Span
    >>> text = "Sputnik said Ottawa agreed. Ottawa is cold."
    >>> [(text[s.start:s.end], s.label) for s in vote_types(text, [Span(0, 7, "PERSON"), Span(13, 19, "PERSON"),
    ...                                                            Span(28, 34, "GPE")])]
    [('Sputnik', 'ORG'), ('Ottawa', 'GPE'), ('Ottawa', 'GPE')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

from propscope.article import Span

from .filters import _sentence_start, is_document_part, tag_at
from .gazetteer import place_kind
from .registry import MEDIA_WORDS, find_outlets, lookup
from .words import ROLE_NOUNS, TITLE_WORDS, first_names, name_words, paternal_surname

__all__ = ["not_a_person", "vote_types"]

_GROUP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "NORP"}
_WORD = re.compile(r"[\w][\w'’‘ʼ.\-]*")
_APOS = "'’‘ʼ`´"
#: weights: a mention's NER label counts 1; these count as written
_W_REGISTRY, _W_DATELINE, _W_COUNTRY, _W_CITY, _W_CONTEXT, _W_THE = 10.0, 10.0, 4.0, 2.0, 3.0, 1.0
_W_TOWN = 1.0
_W_LIST = 0.0


def _title_words() -> frozenset[str]:
    return TITLE_WORDS


def _roles() -> frozenset[str]:
    return ROLE_NOUNS


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _strip_possessive(s: str) -> str:
    return re.sub(rf"[{_APOS}]s?$", "", s.strip())


def _key(text: str, s: Span) -> str:
    """The name a mention gives, compared across the article: no "the", no possessive, no title
    before a person's name; lower case."""
    words = _words(_strip_possessive(text[s.start : s.end]))
    if words and words[0].lower() == "the":
        words = words[1:]
    if s.label == "PERSON":
        titles = _title_words()
        while len(words) > 1 and words[0].lower().rstrip(".") in titles:
            words = words[1:]
    return " ".join(words).rstrip(".").lower()


# ---------------------------------------------------------------------------------------------
# 1. the registry
def _with_registry(text: str, spans: list[Span]) -> tuple[list[Span], set[tuple[int, int]]]:
    """NER spans with every registry outlet an ORG mention of its own (split out of a longer
    mention); returns the spans and the (start, end) of the outlet mentions."""
    outlets = [(a + 4 if text.startswith("the ", a) else a, b, o) for a, b, o in _longest(find_outlets(text))]
    out: list[Span] = []
    absorbed: set[tuple[int, int]] = set()
    for s in spans:
        inside = [(a, b) for a, b, _ in outlets if a < s.end and s.start < b]
        if not inside:
            out.append(s)
            continue
        rest = text[inside[0][1] : s.end].split()
        if len(inside) == 1 and inside[0][0] <= s.start + 4 and rest and text[inside[0][1]].isspace() \
                and MEDIA_WORDS.fullmatch(rest[0]):
            out.append(Span(s.start, s.end, "ORG", dict(s.attrs)))  # "BBC Radio Four", "Fox News Radio": the
            absorbed.add(inside[0])  # outlet's own channel, not the outlet and a "Radio" of its own
            continue
        cur = s.start
        for a, b in inside:  # the pieces of the mention around its outlets
            if a > cur:
                out.append(_trimmed(text, cur, a, s))
            cur = max(cur, b)
        if cur < s.end:
            out.append(_trimmed(text, cur, s.end, s))
    marked = set()
    for a, b, _ in outlets:
        if (a, b) in absorbed:
            continue
        out.append(Span(a, b, "ORG", {"source": "registry"}))
        marked.add((a, b))
    return sorted((s for s in out if s.end > s.start), key=lambda s: (s.start, s.end)), marked


def _longest(found: Sequence[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    out: list[tuple[int, int, Any]] = []
    for a, b, o in sorted(found, key=lambda x: (x[0], -(x[1] - x[0]))):
        if out and a < out[-1][1]:
            continue
        out.append((a, b, o))
    return out


def _trimmed(text: str, a: int, b: int, s: Span) -> Span:
    """The part ``[a, b)`` of mention ``s`` without separators, possessives and "the" at its edges."""
    piece = text[a:b]
    m = re.search(r"[A-Za-z\u00C0-\uFFFF][\w\-.]*(?:\s+[\w\-.]+)*", piece)
    if not m:
        return Span(a, a, s.label)
    start, end = a + m.start(), a + m.end()
    words = text[start:end]
    if re.match(r"(?i)the\s", words) and len(words.split()) > 1:
        start += 4
    return Span(start, end, s.label, dict(s.attrs))


# ---------------------------------------------------------------------------------------------
# 2. shapes that are never a person's name
def _person_shaped(words: Sequence[str], owned: bool = False) -> bool:
    """Two or three capitalised words, none a title or role, nor a body's or a place's head
    noun, the first a first name of the table ("Alex Christoforou", not "Alex Jones Show" or
    "Maria Island"); ``owned`` (what a body owns: "the X's ..."): any two such words that name
    no place or outlet."""
    nw = name_words()
    low = [w.lower() for w in words]
    if not (2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)) \
            or set(low) & (nw["org_heads"] | nw["place_heads"] | nw["outlet_heads"] | TITLE_WORDS | ROLE_NOUNS):
        return False
    if low[0] in first_names():
        return True
    joined = " ".join(words)
    return owned and len(words) == 2 and place_kind(joined) is None and lookup(joined) is None


#: names joined by a slash, with or without spaces ("George W. Bush/Barack Obama"), or a slash left at an edge
_SLASH = re.compile(r"\s*/\s*")
_SLASH_PART = re.compile(r"[A-Z][\w’'.\-]*(?:\s+[\w’'.\-]+)*")


def _split_slash(text: str, s: Span) -> list[Span]:
    """ "George W. Bush/Barack Obama" read as a person's name (or "George W. Bush/", its slash taken
    in) names two: one mention per part, each a name of its own (a capital first, some lower-case
    letter: not "AC/DC", not a link); so does "Obama/Clinton" or "Soliah/Olson" read as a body,
    each part then typed by the votes of its own name; a name loses a slash at its edge."""
    # a slash is no part of a name; before, "Bush/" was typed by its symbol (an organisation's)
    surface = text[s.start : s.end]
    if "/" not in surface:
        return [s]
    if s.label != "PERSON":
        inner = surface.strip("/ ")
        if not inner:
            return [s]
        a = s.start + surface.index(inner)
        s = Span(a, a + len(inner), s.label, dict(s.attrs))
        if "/" not in inner:
            return [s]
        surface = inner
    parts, cur = [], s.start
    for m in _SLASH.finditer(surface):
        parts.append((cur, s.start + m.start()))
        cur = s.start + m.end()
    parts.append((cur, s.end))
    parts = [(a, b) for a, b in parts if b > a]
    if not parts or not all(_SLASH_PART.fullmatch(text[a:b]) and any(c.islower() for c in text[a:b])
                            for a, b in parts):
        return [s]
    attrs = dict(s.attrs) if s.label == "PERSON" else {**s.attrs, "slash": (s.start, s.end)}
    return [Span(a, b, s.label, dict(attrs)) for a, b in parts]


def _person_possessor(surface: str, people: AbstractSet[str], surnames: AbstractSet[str]) -> bool:
    """Whether ``surface``, the part of a mention before its possessive, names a person: a full
    name NER gives a person elsewhere in the article, the surname of one ("Lindqvist" beside
    "Mara Lindqvist"), or a full name of the first-name table ("Mara Lindqvist") that names no
    place or outlet."""
    words = _words(surface)
    if not words or words[0].lower() == "the" or len(words) > 4:
        return False
    key = " ".join(words).rstrip(".").lower()
    if key in people or (len(words) == 1 and key in surnames):
        return True
    return _person_shaped(words) and place_kind(" ".join(words)) is None and lookup(" ".join(words)) is None


def _split_possessive(text: str, s: Span, people: AbstractSet[str] = frozenset(),
                      surnames: AbstractSet[str] = frozenset()) -> list[Span]:
    """ "Jeremy Corbyn's Labour": a person-typed mention with a possessive inside is the possessor
    and what it owns, two mentions; a thing owned by a person is not the person.  (An
    organisation's keeps its possessive: "University of Calgary's School of Public Policy".)
    Whatever its type, a mention whose part after the possessive is a person's name ("The
    Duran's Alex Christoforou", an outlet's reporter) is two: the possessor, an organisation
    when "the" opens it (a person takes no article), and the person.  A body or place read
    with a person's possessive in front ("Mara Lindqvist's Harbour Party", "Lindqvist's
    Tories": a full name of the article or of the first-name table, or the surname of one) is
    two: the person and what NER read."""
    surface = text[s.start : s.end]
    m = re.search(rf"[{_APOS}]s?\s+(?=[A-Z])", surface)
    if not m or m.start() == 0:
        return [s]
    the = re.match(r"(?i)the\s", surface) is not None or re.search(r"\b[Tt]he\s+$", text[max(0, s.start - 5) : s.start])
    if _person_shaped(_words(surface[m.end():]), bool(the)) and len(_words(surface[: m.start()])) <= 4:
        head_label = "ORG" if the or lookup(_strip_possessive(surface[: m.end()])) is not None else s.label
        if head_label == "ORG" or s.label == "PERSON":
            owner = {**s.attrs, "owns_person": True} if head_label == "ORG" else dict(s.attrs)
            return [Span(s.start, s.start + m.start(), head_label, owner),
                    Span(s.start + m.end(), s.end, "PERSON", dict(s.attrs))]
    if s.label != "PERSON":
        if s.label in ("ORG", "NORP", "GPE", "LOC", "FAC") and _words(surface[m.end():]) \
                and _person_possessor(surface[: m.start()], people, surnames):  # a work's title stays whole
            # "Mara Lindqvist's Harbour Party", "Lindqvist's Tories": the person and the body she leads
            return [Span(s.start, s.start + m.start(), "PERSON", dict(s.attrs)),
                    Span(s.start + m.end(), s.end, s.label, {**s.attrs, "owned": True})]
        return [s]
    head = Span(s.start, s.start + m.start(), s.label, dict(s.attrs))
    rest_label = "ORG" if s.label == "PERSON" and len(_words(surface[m.end():])) == 1 else s.label
    return [head, Span(s.start + m.end(), s.end, rest_label, dict(s.attrs))]


def _strip_calendar(text: str, s: Span) -> Span:
    """ "November Abdul-Ghani" (a date line glued to a name) -> "Abdul-Ghani"."""
    cal = name_words()["calendar"]
    m = re.match(r"([A-Za-z]+)\.?\s+(?=[A-Z])", text[s.start : s.end])
    if m and m.group(1).lower() in cal and s.label == "PERSON":
        return Span(s.start + m.end(), s.end, s.label, dict(s.attrs))
    return s


_VERB_TAGS = frozenset("VB VBD VBG VBN VBP VBZ IN RB RBR RBS".split())  # "Later Bush said": RBR


def _strip_leading_verb(text: str, s: Span, tags: Sequence[Span]) -> Span:
    """ "Hoping Dana Lee would call" -> "Dana Lee": a verb, adverb or preposition the tagger
    reads at the head of a person's name, no first name of the table, is no part of it; nor
    is a participle glued to a name NER read as a body ("Knowing Bardos was a fan")."""
    m = re.match(r"([A-Z][a-z]+)\s+(?=[A-Z])", text[s.start : s.end])
    if not m:
        return s
    word = m.group(1)
    tag = tag_at(tags, s.start) if tags else None
    if (tag in _VERB_TAGS if s.label == "PERSON" else tag in ("VBG", "VBN", "VBD") and word.endswith(("ing", "ed"))) \
            and word.lower() not in first_names():
        return Span(s.start + m.end(), s.end, s.label, dict(s.attrs))
    return s


def not_a_person(text: str, s: Span) -> str | None:
    """The type a mention's own shape gives when it cannot name a person, or ``""`` to drop
    it, or None when its shape says nothing."""
    words = _words(_strip_possessive(text[s.start : s.end]))
    if not words:
        return ""
    if words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    nw = name_words()
    surface = text[s.start : s.end]
    if any(c.isdigit() for c in surface):  # "Bill C-74", "pic.twitter.com/HRlO8uT0x0"
        return "LAW" if words[0].lower() == "bill" else ""
    last = words[-1].lower().rstrip(".")
    if len(words) == 1 and (last in nw["person_titles"] or last in _ABBR_TITLES):
        return ""  # "Cpl" cut from "Cpl. Douglas Green"
    if len(words) > 1 and last in nw["org_heads"]:
        return "ORG"
    if len(words) > 1 and last in nw["place_heads"]:
        return "FAC"
    if last in nw["trailing_roles"] and (len(words) > 1 or s.label == "PERSON"):
        return ""  # "UCP MLA", "Yellowhead MP": a title, the name is elsewhere
    inner = surface.split()[1:-1] if len(surface.split()) > 2 else []
    if re.search(r"[&+@#/|©]", surface) or any(w[:1].islower() and w.lower() not in nw["particles"]
                                                 and w.lower() != "the" for w in inner):
        return "ORG"  # "Bank of Canada", "Malin + Goetz"
    return None


def _credit(text: str, s: Span, outlets: set[tuple[int, int]]) -> bool:
    """A photo credit: a name joined to an outlet by "/", "|", "©" or only spaces
    ("Richard Lautens / Toronto Star", "© Sputnik / Pavel Lisitsyn", "Luis Tato AFP Getty Images")."""
    for a, b in outlets:
        gap = text[s.end : a] if a >= s.end else text[b : s.start] if b <= s.start else None
        if gap is None or len(gap) > 4:
            continue
        if re.fullmatch(r"\s*[/|©]\s*", gap) or (re.fullmatch(r"[ \t]+", gap) and a >= s.end):
            return True
        if re.fullmatch(r"\s*[/|]\s*", gap) and b <= s.start:
            return True
    before = text[max(0, s.start - 3) : s.start]
    return "©" in before


# ---------------------------------------------------------------------------------------------
# 3. votes
_PLACE_ABBR = re.compile(r",\s+(?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[A-Z]{2})(?=[\s,;)]|$)")
_NOT_REGION = frozenset(["Jr.", "Sr.", "Inc.", "Ltd.", "Co.", "Corp.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Rev.",
                         "Gen.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
                         "Ph.D.", "M.D.", "No."])
_ABBR_TITLES = frozenset(["mr", "mrs", "ms", "dr", "prof", "rev", "sen", "rep", "gov", "sgt", "lt", "capt", "col", "gen",
                          "adm"])
_AGE = re.compile(r"\b\d{1,3}-year-old\s+$")
#: nouns for a person that a nationality or a place can modify ("Mexican national", "Toronto man")
_PERSON_NOUNS = frozenset(["man", "woman", "men", "women", "boy", "girl", "boys", "girls", "national", "nationals",
                           "citizen", "citizens", "immigrant", "immigrants", "migrant", "migrants", "teen",
                           "teenager", "native", "worker", "soldier", "driver", "mother", "father"])


#: titles that, capitalised right before a name, make it a person's; not the words that only modify
#: a title ("Foreign", "Vice", "Former", "State"), which may stand before other names
_NAME_TITLES = TITLE_WORDS - frozenset(["vice", "prime", "foreign", "defence", "defense", "interior", "finance",
                                        "state", "former", "late", "acting", "deputy", "official", "minister's"])


def _person_context(text: str, s: Span) -> bool:
    """A title, a role or kin word, or an age just before the name ("Cpl. Douglas Green", "President Obama",
    "his grandmother Mildred", "Wise's dad, Darrin", "two-year-old Ayo"), or an appositive of
    that kind after it ("Roman, a resident of the area")."""
    before = text[max(0, s.start - 40) : s.start]
    if _AGE.search(before) or re.search(r"\b(?:two|three|four|five|six|seven|eight|nine|ten)-year-old\s+$", before):
        nxt = re.match(r"\s+([a-z]+)\b", text[s.end : s.end + 20])
        # "a 38-year-old Mexican man": the age is the man's, the name is his nationality
        return not (nxt and (nxt.group(1) in _PERSON_NOUNS or nxt.group(1) in name_words()["kin_nouns"]))
    pm = re.search(r"([\w’'.\-]+),?\s+$", before)
    nw = name_words()
    if pm:
        w = pm.group(1).lower().rstrip(".")
        if w in nw["kin_nouns"] and not pm.group(1).endswith(".") \
                or (w in nw["person_titles"] and pm.group(1)[:1].isupper() and "," not in pm.group(0)):
            # not a kin word ending the sentence before ("a young daughter.\nWesterville police")
            return True
        if w in _NAME_TITLES and pm.group(1)[:1].isupper() and "," not in pm.group(0) \
                and not re.match(r"\s+[A-Z]", text[s.end : s.end + 2]):  # not a headline's "Judge Denies New …"
            return True  # "Cpl. Douglas Green", "President Obama" (a town too: a title makes the person)
    om = re.search(r"((?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*)[’']s\s+$", before)
    if om and lookup(om.group(1)) is not None:
        return True  # "Golf Channel’s Jaime Diaz": an outlet's journalist
    am = re.match(r",\s+(?:a|an|his|her|their|the)\s+(?:[\w\-]+\s+){0,3}?([\w\-]+)\b", text[s.end : s.end + 60])
    if am and am.group(1).lower() in nw["kin_nouns"]:
        return True
    return _RELATIVES_AFTER.match(text, _last_word_end(text, s)) is not None  # "Dana's wife", "Dana himself"


#: what only a person has or is, right after the name: a relative of its own ("Trask's wife", "Trask's
#: late father") or a reflexive pronoun ("Trask himself"); not a partner, a friend or a patient, whom a
#: body or a country has too ("Canada's partner", "the clinic's patient")
_RELATIVES_AFTER = re.compile(r"(?:[’']s\s+(?:(?:late|former|ex-|estranged|eldest|elder|older|younger|youngest|only|"
                              r"adult|teenage|twin|step)\s*){0,2}(?:wife|husband|son|daughter|sons|daughters|father|"
                              r"mother|brother|sister|brothers|sisters|grandmother|grandfather|grandson|granddaughter|"
                              r"uncle|aunt|nephew|niece|widow|widower|fianc[ée]e?|girlfriend|boyfriend|children|kids)"
                              r"|\s+(?:himself|herself))\b")


#: a plural noun, "including"/"such as"/"like", then only names, commas and "and" up to the name
_LISTED = re.compile(r"\b([a-z][a-z\-]+s)\s+(?:including|such\s+as|like)\s+"
                     r"(?:(?:[A-Z][\w’'&.\-]*\s+){0,3}[A-Z][\w’'&.\-]*,?\s+(?:and\s+|or\s+)?){0,8}$")


def _singular(word: str) -> str:
    """"companies" -> "company", "firms" -> "firm"."""
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def _org_context(text: str, s: Span) -> bool:
    """A kind of organisation just before the name ("the London-based company Adam Smith
    International", "Thai group Dusit Thani"), or in the plural before a list the name is in
    ("companies including Colgate, Pernod Ricard"), or as its appositive ("Dixon Hall, a non-profit,
    multi-service agency")."""
    nw = name_words()
    pm = re.search(r"\b([a-z][a-z\-]+)\s+$", text[max(0, s.start - 30) : s.start])
    if pm and pm.group(1) in nw["org_before"]:
        return True
    lm = _LISTED.search(text[max(0, s.start - 160) : s.start])
    if lm and _singular(lm.group(1)) in nw["org_before"]:
        return True  # "companies including Colgate, Reckitt Benckiser, Pernod Ricard": one of the companies
    am = re.match(r",\s+(?:a|an|the)\s+([^.;:()\"“”]{1,80})", text[s.end : s.end + 90])
    if not am:
        return False
    phrase = re.split(r"\b(?:that|which|who|whose|where)\b", am.group(1))[0]
    words = [w.lower() for w in re.findall(r"[\w\-]+", phrase)]
    if any(w in nw["kin_nouns"] or w.split("-")[-1] in _roles() for w in words):
        return False  # "Frank Clayton, the head of Ryerson University's City Building Institute": a person
    heads = [m.group(1).lower() for m in re.finditer(r"([\w\-]+)(?:[,.;]|\s+(?:based|with)\b|\s*$)", phrase)][:3]
    return any(h in nw["org_heads"] for h in heads)


#: what an online platform holds, right after its name ("his Steemit account", "a Minds post", "our BitChute channel")
_PLATFORM_THINGS = re.compile(r"\s+(?:accounts?|posts?|page|pages|channels?|profiles?|feeds?|users?|followers|handles?|"
                              r"livestreams?|streams?|uploads?)\b")


def _platform_context(text: str, s: Span) -> bool:
    """A one-word name used as an online platform: what a platform holds right after it ("his
    Steemit account", "a Minds post"), or "on X" with a platform of the word lists named within
    two hundred characters ("We have been on Steemit as well. And Instagram too."); no place the
    gazetteer knows."""
    surface = _strip_possessive(text[s.start : s.end])
    if not surface.isalpha() or not surface[:1].isupper() or surface.isupper() or place_kind(surface) is not None:
        return False  # "U.S. users", "US" of "the US page": a country, an acronym
    if _PLATFORM_THINGS.match(text, s.end) and not re.match(rf"[{_APOS}]", text[s.end : s.end + 1]):
        return True
    if not re.search(r"\b(?:on|On)\s+$", text[max(0, s.start - 4) : s.start]):
        return False
    pattern = _platform_word_pattern()
    near = text[max(0, s.start - 200) : s.end + 200]
    return any(m.group().lower() != surface.lower() and m.group()[:1].isupper() for m in pattern.finditer(near))


@lru_cache(maxsize=1)
def _platform_word_pattern() -> re.Pattern[str]:
    words = sorted((w for w in name_words()["platforms"] if "." not in w), key=len, reverse=True)
    return re.compile(r"(?<![\w@#/.\-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w\-])", re.I)


#: a role noun before "at"/"with" and a name: the name is where the person works ("principal researcher at Dixon Hall")
_ROLE_AT = re.compile(r"\b([a-z][a-z\-]+)\s+(?:at|with)\s+(?:the\s+)?$")
#: up to six words, then "its", after a name ("Dixon Hall is aiming to deepen its")
_OWN_ITS = re.compile(r"[’']?s?((?:\s+[A-Za-z\-]+){1,6}?)\s+its\b")
_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "our", "my", "your",
                          "he", "she", "they", "it", "we", "i", "you", "who", "which", "and", "or", "but", "some",
                          "many", "each", "every", "another", "other", "one", "two", "three"])
#: documents and works named by a title ("a document titled White Paper", "the book called Riverbend")
_TITLED = re.compile(r"\b(?:titled|entitled|called|named)\s+[\"“‘']?$")
_WORKS = frozenset(["document", "report", "paper", "study", "book", "film", "movie", "song", "album", "show",
                    "series", "documentary", "novel", "play", "article", "essay", "column", "post", "video", "podcast",
                    "exhibit", "exhibition", "campaign", "program", "programme", "project", "initiative", "bill",
                    "policy", "plan", "strategy", "guide", "memo", "letter", "statement", "petition", "poem"])


#: a body's unit and its number at the end of a name ("Local 832", "Branch 27")
_NUMBERED_BODY = re.compile(r"\b(?:local|lodge|chapter|branch|district|division|post|wing|squadron|precinct)\s+\d{1,5}$")


#: what only a person does right after their name ("didn't hesitate", "smiled", "told reporters")
_HUMAN_ACT = re.compile(r"\s+(?:didn[’']t\s+hesitate|hesitated|smiled|laughed|joked|shrugged|sighed|recalled|"
                        r"told\s+(?:reporters|me|us|him|her)|said\s+(?:he|she)\b|says\s+(?:he|she)\b)")


def _org_by_usage(text: str, s: Span) -> bool:
    """What only an organisation or a place is in a sentence: where a person works ("principal
    researcher at Dixon Hall", "an economist with Desjardins"), or the first pronoun after the
    name, in its sentence, is "its" ("Dixon Hall is aiming to deepen its understanding")."""
    # for bodies whose names look like a person's ("Dixon Hall", "Kinder Morgan")
    m = _ROLE_AT.search(text[max(0, s.start - 40) : s.start])
    if m and (m.group(1) in _roles() or m.group(1).split("-")[-1] in _roles()
              or m.group(1).endswith(("er", "ist", "or", "ian", "ant", "ent"))):
        return True
    # "its" in the name's own predicate: only verbs and particles between ("is aiming to deepen
    # its"), no other noun that "its" could stand for ("Higgs said the province will keep its")
    m = _OWN_ITS.match(text, s.end)
    return m is not None and not any(w.lower() in _DETERMINERS or w[:1].isupper() for w in m.group(1).split())


#: what only a person does, said of a bare surname: "Morten was charged", "Morten pleaded"
_PERSON_ACT = (r"\s+(?:was|is|has\s+been|had\s+been)\s+(?:charged|arrested|sentenced|convicted|indicted|jailed|"
               r"acquitted|detained|booked)\b|\s+(?:pleaded|testified|confessed|told\s+(?:police|reporters|the\s+court))\b")


def _surname_acts(text: str, key: str) -> bool:
    """A full name ("lucas morten") whose first word is a first name and whose surname, alone
    elsewhere in the article, does what only a person does ("Morten was charged")."""
    words = key.split()
    if len(words) < 2 or words[0] not in first_names():
        return False
    last = words[-1]
    if not last.isalpha():
        return False
    return re.search(rf"\b{re.escape(last.capitalize())}{_PERSON_ACT}", text) is not None


def _titled(text: str, s: Span) -> bool:
    """A name a work or a document is given ("a document titled White Paper: …", "his book
    called Riverbend"): a title, no person, body or place."""
    before = text[max(0, s.start - 50) : s.start]
    m = _TITLED.search(before)
    if not m:
        return False
    heads = re.findall(r"([a-z]+)\W+", before[: m.start()])[-4:]  # "a campaign last year called Code Critical"
    return any(h in _WORKS for h in heads)


#: a kind of work right before its title ("the apostolic exhortation Amoris Laetitia", "his novel Riverbend",
#: "the encyclical, Humanae Vitae"); and a part of a work cited by its number ("chapter 8 of Amoris Laetitia")
_WORK_BEFORE = re.compile(r"\b(?:(?:exhortations?|encyclicals?)\s*,?|bull|motu\s+proprio|novel|album|documentary|film|"
                          r"movie|book|song|poem|opera|symphony|painting|sitcom|musical)\s+[\"“‘']?$")
_PART_BEFORE = re.compile(r"\b(?:[Cc]hapters?|[Ss]ections?|[Pp]aragraphs?|[Aa]rticles?|§)\s+(?:\d+|[IVXLC]+|[a-z]+)\s+of\s+"
                          r"(?:the\s+)?[\"“‘']?$")
_PART_AFTER = re.compile(r"[\"”’']?,?\s+(?:[Cc]hapter|[Ss]ection|[Pp]aragraph)\s+(?:\d+|[IVXLC]+)\b")


def _named_work(text: str, s: Span) -> bool:
    """A name the article gives a work: its kind right before it ("the exhortation Amoris
    Laetitia", "his novel Riverbend"), or a numbered part of it cited ("chapter 8 of Amoris
    Laetitia", "Amoris Laetitia chapter VIII"); not a name that opens with a first name of the
    table ("the film Mary wrote")."""
    words = _words(text[s.start : s.end])
    if not words or words[0].lower() in first_names():
        return False
    before = text[max(0, s.start - 40) : s.start]
    return _WORK_BEFORE.search(before) is not None or _PART_BEFORE.search(before) is not None \
        or _PART_AFTER.match(text, _last_word_end(text, s)) is not None


#: endings of Latin words (a genitive, a plural, a neuter: "Amoris", "Humanae", "Evangelii", "Gaudium",
#: "Veritatis", "Traditionis") that no English first name has ("Chris", "Alexis", "Curtis" end in -is too)
_LATIN_OPENING = re.compile(r"[a-z]{2,}(?:ae|ii|orum|arum|[aeiou]ris|tatis|ionis|inis|itis)|[a-z]{5,}um")
_LATIN_WORD = re.compile(r"[a-z]{2,}(?:a|ae|i|ii|um|orum|arum|is|us|es|or|o|io|em|as)")


def _latin_title(text: str, s: Span) -> bool:
    """Two or three Latin words ("Amoris Laetitia", "Veritatis Splendor", "Evangelii Gaudium"):
    the opening words of a Church document used as its title, not a person. The first word is
    no first name of the table and has a Latin ending no English name has, every word has a
    Latin ending, and the article writes none of them in lower case (not "Gillum Makes")."""
    words = _words(_strip_possessive(text[s.start : s.end]))
    if not 2 <= len(words) <= 3 or not all(w.isalpha() and w[:1].isupper() and w[1:].islower() for w in words):
        return False
    low = [w.lower() for w in words]
    if low[0] in first_names() or not _LATIN_OPENING.fullmatch(low[0]) \
            or not all(_LATIN_WORD.fullmatch(w) for w in low):
        return False
    return not any(re.search(rf"\b{w}\b", text) for w in low)


#: a preposition of where one lives or goes and "the" ("in the Cedars", "near the Heights")
_AREA_BEFORE = re.compile(r"\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Ii]nside|[Aa]cross|[Ii]nto|[Aa]round|[Tt]hrough)\s+the\s+$")

#: the generic head of a place coined from a person's name ("Clinton City", "Trump Country")
_COINED_HEADS = frozenset(["city", "town", "country", "nation", "land", "world"])


def _coined_place(text: str, s: Span, surnames: AbstractSet[str]) -> bool:
    """A two-word place that is the surname of a person the article names and a generic head
    ("Clinton City" beside "Hillary Clinton"), which the gazetteer does not know and the text
    never uses as a place ("in Clinton City"): NER's reading of a pun or a heading, no place
    ("Johnson City" is a city of the gazetteer)."""
    words = _words(_strip_possessive(text[s.start : s.end]))
    if len(words) != 2 or words[0].lower() not in surnames or words[1].lower() not in _COINED_HEADS:
        return False
    surface = " ".join(words)
    return place_kind(surface) is None and not _used_as_place(text, surface)


#: a party's adjective or member noun, never the last word of a person's name
_PARTY_MEMBER = frozenset(["republican", "republicans", "democrat", "democrats", "democratic", "conservative",
                           "liberal", "socialist", "libertarian", "labour"])  # not "tory": "John Tory"


_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")


def _without_party(text: str, spans: Sequence[Span]) -> list[Span]:
    """A person read together with the party word after the name ("Abrams Republican
    challenger", a lost possessive): the person's name without it."""
    out: list[Span] = []
    for s in spans:
        m = re.search(r"\s+([A-Z][a-z]+)$", text[s.start : s.end]) if s.label == "PERSON" else None
        if m and m.group(1).lower() in _PARTY_MEMBER and m.start() > 0 \
                and not text[s.start : s.start + m.start()].endswith(_POSSESSIVE_ENDS):  # "Corbyn's Labour"
            s = Span(s.start, s.start + m.start(), s.label, dict(s.attrs))
        out.append(s)
    return out


def _join_latin_titles(text: str, spans: Sequence[Span]) -> list[Span]:
    """A Latin title NER cut in two ("Instrumentum" a body, "Laboris" a person): one mention,
    read as NER read its second word (so that :func:`_latin_title` types it)."""
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and text[prev.end : s.start] == " " and " " not in text[prev.start : prev.end] \
                and " " not in text[s.start : s.end] and _latin_title(text, Span(prev.start, s.end, s.label)):
            out[-1] = Span(prev.start, s.end, s.label, dict(s.attrs))
            continue
        out.append(s)
    return out


#: names joined by commas and a last "and"/"or", ending where the name begins
_NAME_LIST = re.compile(r"(?P<items>(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2},\s+){1,8}"
                        r"(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2},?\s+)?)(?:and|or)\s+$")


def _place_context(text: str, s: Span) -> bool:
    """ "Dundas, Ont.", "Oakville, Ont.": a place followed by its region's abbreviation; and the
    abbreviation itself ("Ont" after "Dundas, "); a name last in a list with two cities or
    countries or more ("Edmonton, Red Deer and Sundre")."""
    after = _PLACE_ABBR.match(text, s.end)
    if after and after.group().strip(", ") not in _NOT_REGION:
        return True
    nxt = re.match(r"\s+([a-z]+)\b", text[s.end : s.end + 20])
    if nxt and nxt.group(1) in name_words()["place_after"]:
        return True  # "the Point Grey riding", "the Anak Krakatau volcano"
    lm = _NAME_LIST.search(text[max(0, s.start - 160) : s.start])
    if lm and sum(place_kind(x) in ("country", "city") for x in re.split(r",\s+|\s+(?:and|or)\s+",
                                                                      lm.group("items").strip(" ,"))) >= 2:
        return True  # "in Drayton Valley, Edmonton, Red Deer and Sundre": listed with cities
    surface = text[s.start : s.end]
    if re.fullmatch(r"[A-Z][a-z]{1,4}", surface) and text.startswith(".", s.end):
        return re.search(r"[A-Z][\w\-]+,\s+$", text[max(0, s.start - 40) : s.start]) is not None \
            and surface + "." not in _NOT_REGION
    return False


#: a preposition of place right before a name ("in Hamilton", "near Obama"), not a possessive after it ("from Obama's")
_LOCATIVE = r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|[Ii]nside|[Aa]cross|[Ii]nto|[Aa]round|[Vv]ia|[Ff]rom|[Tt]o)\s+"


def _used_as_place(text: str, surface: str) -> bool:
    """Whether the text uses a one-word name as a place somewhere: after a preposition of place
    ("in Obama", "to Hamilton", "in the Moncton area") and no possessive, or before a region's abbreviation ("Hamilton,
    Ont.") or "-based"."""
    # a town of the gazetteer is evidence for a place only where the article treats the name as one
    name = re.escape(surface)
    for m in re.finditer(rf"{_LOCATIVE}the\s+{name}(?![\w\-{_APOS}])(?:\s+and\s+[A-Z][\w\-]+)?\s+([a-z]+)", text):
        if m.group(1) not in name_words()["led_by"]:
            return True  # "in the Moncton and Dieppe area"; not "in the Obama administration"
    region = r",\s+(?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[A-Z]{2})(?=[\s,;)]|$)"
    if re.search(rf"\b[A-Z][a-z]+\s+of\s+{name}(?![\w\-{_APOS}])", text):
        return True  # "Our Lady of Fatima", "the Bishop of Rome": a title's place
    return re.search(rf"{_LOCATIVE}{name}(?![\w\-{_APOS}])|(?<![\w\-]){name}(?:-based\b|{region})", text) is not None


def _listed(text: str, a: Span, b: Span, also_or: bool = False) -> bool:
    """Whether mentions ``a`` and ``b`` stand side by side in a list ("A, B", "A and B", "A, and B";
    with ``also_or``, "A or B" too)."""
    gap = r",\s*|\s+and\s+|,\s+and\s+|\s*&\s*" + (r"|,?\s+or\s+" if also_or else "")
    return re.fullmatch(gap, text[a.end : b.start]) is not None


def _last_word_end(text: str, s: Span) -> int:
    """Where the name of a mention ends, its possessive left out ("Obama" of "Obama's")."""
    return s.start + len(_strip_possessive(text[s.start : s.end]))


def _last_word_start(text: str, s: Span) -> int:
    m = re.search(r"[\w’'\-.]+$", _strip_possessive(text[s.start : s.end]))
    return s.start + m.start() if m else s.start


def _leads_a_following(text: str, s: Span, key: str) -> bool:
    """A person's name used for what they lead ("the Trump administration", "the Assad forces",
    "the Mueller team"); not a capital's ("the Kyiv government")."""
    nxt = re.match(r"\s+([a-z]+)\b", text[s.end : s.end + 24])
    if not nxt or nxt.group(1) not in name_words()["led_by"]:
        return False
    return place_kind(" ".join(w.capitalize() for w in key.split())) in (None, "town")


def _leads_a_body(text: str, s: Span, body_starts: AbstractSet[int]) -> bool:
    """A one-word name NER gives a person, between "the" and a body's name ("the Bush CIA's black
    site", "the Obama White House"): the body under that leader, as in "the Bush administration"."""
    return " " not in text[s.start : s.end] and re.search(r"\bthe\s+$", text[max(0, s.start - 5) : s.start]) \
        is not None and text.startswith(" ", s.end) and s.end + 1 in body_starts


#: titles that, opening a mention, make the name after them a person's ("Cardinal Parolin" read as a
#: product, "Pope Pius XII" as a body); not those that also open bodies' names ("General Motors",
#: "Chief Executive", "Justice Department", "Leader Price")
_OPENING_TITLES = (_NAME_TITLES | name_words()["person_titles"]) - frozenset(
    ["general", "gen", "chief", "justice", "leader", "director", "chair", "official", "candidate", "nominee",
     "speaker", "commissioner", "secretary", "attorney", "envoy", "officer", "officers", "trustee", "coach",
     "hereditary", "marshal", "detective", "detectives"])
_ROMAN = re.compile(r"[IVX]{1,5}|Jr\.?|Sr\.?")


def _titled_name(text: str, s: Span) -> bool:
    """A mention that opens with a person's title and goes on with a name ("Cardinal Parolin",
    "Pope Pius XII", "Archbishop Lefebvre"): a person's, whatever NER typed it; not a body or
    a place named after one ("King County", "Prince Edward Island": a head noun last) nor a
    place or outlet of the lists."""
    words = _words(_strip_possessive(text[s.start : s.end]))
    if not 2 <= len(words) <= 4 or words[0].rstrip(".").lower() not in _OPENING_TITLES or not words[0][:1].isupper():
        return False
    rest = words[1:]
    nw = name_words()
    if not all(w[:1].isupper() and (w.replace("-", "").replace("’", "").replace("'", "").isalpha() or _ROMAN.fullmatch(w))
               for w in rest) or rest[-1].lower() in nw["org_heads"] | nw["place_heads"] | nw["outlet_heads"]:
        return False
    if any(re.search(rf"(?<![\w’'.\-]){re.escape(w.lower())}(?![\w’'\-])", text) for w in rest if w.isalpha()):
        return False  # "Bishop Accountability": a common word, no surname
    joined = " ".join(rest)
    return place_kind(joined) is None and lookup(joined) is None and lookup(" ".join(words)) is None


#: nouns for the office a person holds, after the holder's name ("the Bush administration", "the
#: Obama presidency", "Bush-era torture", "a Reagan-appointed judge"): a person's name even where the
#: gazetteer knows a town or city of that name
_PRESIDED = re.compile(r"(?:\s+(?:administrations?|presidency|presidencies|appointees?)"
                       r"|-(?:era|appointed|nominated))\b")
#: the span of a leader's rule named after the leader ("eight years of Obama", "the Obama years",
#: "the Marcos regime"): a person's name where the gazetteer knows no country or city of that name
_RULE_AFTER = re.compile(r"[ \t]+(?:years|era|regime|reign|tenure)\b(?!-)")
_RULE_BEFORE = re.compile(r"\b(?:years|decades?|months|terms?)[ \t]+of[ \t]+$")
_NOUN_AFTER = re.compile(r"[ \t]+(?!(?:and|or|in|to|as|than|that|is|was|has|had|did)\b)[a-z]")


def _ruled(text: str, s: Span) -> bool:
    """A one-word name of a leader's rule ("years of Obama", "the Obama regime") that names no
    country or city the gazetteer knows ("eight years of Syria" stays a place)."""
    word = _strip_possessive(text[s.start : s.end])
    if not (word.isalpha() and word[:1].isupper() and word[1:].islower()):
        return False  # not "the CIA years", "U.S. regime": a leader is written with a name's capital
    if word.lower() in name_words()["celestial"] | name_words()["concepts"]:
        return False
    before = _RULE_BEFORE.search(text, max(0, s.start - 20), s.start) is not None \
        and _NOUN_AFTER.match(text, s.end) is None  # not "decades of Sun research": a noun's modifier
    return (_RULE_AFTER.match(text, s.end) is not None or before) and place_kind(word) not in ("country", "city")


def _after_the(text: str, s: Span) -> bool:
    return re.search(r"(?:^|[^\w])[Tt]he\s+$", text[max(0, s.start - 5) : s.start]) is not None


def _common_word(text: str, s: Span, tags: Sequence[Span]) -> bool:
    """A one-word mention that is a common word: the tagger reads it as one, or the article
    also writes it in lower case ("Shelter residents", "Trains are shortened")."""
    surface = _strip_possessive(text[s.start : s.end])
    if " " in surface or not surface.isalpha():
        return False
    tag = tag_at(tags, s.start) if tags else None
    if tag is not None and tag not in ("NNP", "NNPS"):
        return True
    low = surface.lower()
    return low != surface and re.search(rf"(?<![\w’'.]){re.escape(low)}(?![\w’'])", text) is not None


def _plural_subject(text: str, s: Span, tags: Sequence[Span]) -> bool:
    """A one-word mention in the plural opening a sentence with a plural verb after it
    ("Regimes come and go", "Politicos call this …"): a common noun with its capital, not a
    person (one person "comes", "calls")."""
    surface = text[s.start : s.end]
    if not tags or not re.fullmatch(r"[A-Z][a-z]+[^s']s", surface) or not _sentence_start(text, s.start):
        return False
    after = re.match(r"\s+", text[s.end :])
    return after is not None and tag_at(tags, s.end + after.end()) == "VBP"


#: a word formed for a doctrine, a process or a fear ("Islamisation", "Zionism", "Islamophobia"): a concept, not a name
_CONCEPT_SUFFIX = re.compile(r"(?i)[a-z]{3,}(?:isms?|i[sz]ations?|phobias?)")
#: one who fears or hates a people or a creed ("Islamophobe"), read as a person or a body: a group by belief
_PHOBE = re.compile(r"(?i)[a-z]{3,}o?phobes?")
#: a word formed for an adherent ("Zionist", "Jihadists"): a group by belief; a consonant before "-ist"
#: ("Feist", "Geist" are names) nor an "r" ("Christ", "Eucharist", "Theorist"), not a Nordic surname ("Lindqvist")
_ADHERENT_SUFFIX = re.compile(r"(?i)[a-z]{3,}(?<![qv]u)(?<!qv)(?<=[b-df-hj-np-qs-tv-z])ists?")
#: an adjective's or a demonym's ending ("the Mohammedan cult", "the Wahhabite creed")
_ADJECTIVE_SUFFIX = re.compile(r"(?i)[a-z]{3,}(?:an|ean|ian|ese|ic|ish|ite)")


#: a drug's kind: what a name "is" when it names a substance ("Xanax is a benzodiazepine")
_DRUG_KINDS = (r"(?:benzodiazepines?|opioids?|opiates?|drugs?|medications?|medicines?|sedatives?|painkillers?|"
               r"stimulants?|tranquill?i[sz]ers?|antidepressants?|narcotics?|sleeping\s+pills?|pills?)")
#: what is taken: a verb of taking a drug with its determiner, or a dose, right before the name
_TAKEN_BEFORE = re.compile(r"\b(?:(?:prescribed|swallowed|snorted|injected|overdosed\s+on|addicted\s+to|hooked\s+on|"
                           r"withdrawal\s+from)(?:\s+(?:this|that|some|a|an|his|her|their|my))?|"
                           r"(?:took|take|takes|taking)\s+(?:this|that|some|a|an|his|her|their|my|\d+|two|three|four)|"
                           r"(?:doses?|mg|milligrams|prescriptions?)\s+(?:of|for))\s+$", re.I)
#: what a substance is or comes as, right after the name ("Ativan pills", "Xanax is a benzodiazepine")
_TAKEN_AFTER = re.compile(rf"\s+(?:(?:pills?|tablets?|capsules?|prescriptions?|doses?|overdoses?)\b|"
                          rf"(?:is|was|are)\s+(?:a|an)\s+(?:[a-z\-]+\s+){{0,2}}?{_DRUG_KINDS}\b)")


def _substance(text: str, s: Span) -> bool:
    """A name used as a substance: taken, dosed or prescribed ("took two Xanax", "prescribed
    Ativan"), sold as pills ("Ativan pills"), or said to be a drug ("Xanax is a benzodiazepine")."""
    return _TAKEN_BEFORE.search(text[max(0, s.start - 30) : s.start]) is not None \
        or _TAKEN_AFTER.match(text, s.end) is not None


def _concept_type(key: str) -> str | None:
    """What a one-word name is when its form makes it a concept ("PERSON" for a religion's figure of
    the word lists: "Satan", "God"): "" (no entity) for a doctrine,
    a process ("Islamisation", "Judaism") or a law, practice or policy of the word lists
    ("Brexit", "Sharia", "Halal"); "NORP" for an adherent ("Zionist"); None otherwise."""
    if key in name_words().get("scriptures", frozenset()):
        return "WORK_OF_ART"  # "the Gospel", "the Quran": a holy book, not a person, body or place
    if key in name_words().get("figures", frozenset()):
        return "PERSON"  # "Satan", "God" read as a place or a body: a religion's figure, as NER reads "Jesus"
    if key in name_words().get("religions", frozenset()):
        return "NORP"  # "Islam" read as a body: a creed, a group by belief like "Christianity"
    if key in name_words().get("celestial", frozenset()):
        return "LOC"  # "the Sun" read as a body, "Saturn" as a product: a place in space, as NER reads "Earth"
    if " " in key or not key.replace("-", "").isalpha():
        return None
    if _CONCEPT_SUFFIX.fullmatch(key) or key in name_words().get("concepts", frozenset()):
        return ""
    if (_ADHERENT_SUFFIX.fullmatch(key) or _PHOBE.fullmatch(key)) and len(key) >= 7:
        return "NORP"
    return None


#: a scandal's coinage ("Russiagate", "Russia-gate", "Spygate"); the stem is what the scandal is about
_SCANDAL = re.compile(r"([a-z]{3,})(-?)gate")
#: stems that make place names with "-gate" ("Westgate", "Highgate"), not scandals
_PLACE_STEMS = frozenset(["north", "south", "east", "west", "high", "new", "old", "mar", "harro", "bishops"])
#: a scandal's noun right after or before its name ("the Spygate investigation", "the scandal dubbed Cablegate")
_SCANDAL_NOUNS = r"(?:scandal|affair|hoax|conspiracy|investigation|probe|revelations?|narrative|cover-?up|saga|story)"
#: a policy coined from a politician's name ("Obamacare", "Trumpcare", "Reaganomics")
_POLICY = re.compile(r"([a-z]{4,})(care|omics)")
#: a law's nickname: "the Affordable Care Act, known as Obamacare"
_NICKNAMED_LAW = re.compile(r"\b(?:[A-Z]\w*\s+)*(?:Act|Law|Bill|Reform)\b[^.;]{0,20}?\b(?:known\s+as|called|dubbed|"
                            r"nicknamed|or)\s+$")


def _coinage_type(text: str, key: str, votes: dict[str, dict[str, float]]) -> str | None:
    """What a one-word coinage is: "EVENT" for a scandal named with "-gate" ("Russiagate",
    "Spygate") whose stem the article writes on its own ("Russia") or with a scandal's noun next
    to it ("the Spygate investigation"), or that is written with a hyphen ("Russia-gate"); "LAW"
    for a policy named after a politician ("Obamacare") whose stem the article writes as a name
    or that nicknames a law ("the Affordable Care Act, known as Obamacare"), "" for an economic
    doctrine so named ("Reaganomics"); "NORP" for the singular of a people or a creed the article
    writes in the plural as one, read as a person ("Kurd" beside "Kurds"; a party's "Liberal"
    beside "Liberals", read as a body, stays one); None otherwise."""
    if " " in key or not key.replace("-", "").isalpha():
        return None
    surface = re.compile(rf"(?i)(?<![\w\-]){re.escape(key)}(?![\w\-])")
    m = _SCANDAL.fullmatch(key)
    if m and m.group(1) not in _PLACE_STEMS:
        stem = m.group(1)
        alone = re.search(rf"(?i)(?<![\w\-]){re.escape(stem)}(?!-?gate)(?![a-z])", text) is not None
        beside = any(re.match(rf"\s+{_SCANDAL_NOUNS}\b", text[h.end() : h.end() + 30], re.I)
                     or re.search(rf"\b{_SCANDAL_NOUNS}\s+(?:(?:called|dubbed|known\s+as)\s+)?[“\"]?$",
                                  text[max(0, h.start() - 40) : h.start()], re.I)
                     for h in surface.finditer(text))
        if m.group(2) or alone or beside:
            return "EVENT"
    m = _POLICY.fullmatch(key)
    if m:
        stem = m.group(1).capitalize()
        named = re.search(rf"(?<![\w\-]){re.escape(stem)}(?![\w\-])", text) is not None
        nick = any(_NICKNAMED_LAW.search(text[max(0, h.start() - 80) : h.start()]) for h in surface.finditer(text))
        if named or nick:
            return "LAW" if m.group(2) == "care" else ""
    plural, own = votes.get(key + "s"), votes.get(key, {})
    as_person = max(((w, g) for g, w in own.items() if g != "OTHER" and not g.startswith("NER:")), default=(0.0, ""))
    if plural and as_person[1] == "PERSON" and plural.get("NORP", 0.0) > 0 and plural.get("NORP", 0.0) >= max(
            (w for g, w in plural.items() if g not in ("OTHER",) and not g.startswith("NER:")), default=0.0):
        return "NORP"
    return None


_SAYS = re.compile(r"[’']?s?\s+(?:said|says|told|added|wrote|asked|argued|explained)\b")


def _acts_as_named(text: str, s: Span) -> bool:
    """A title right before the name ("Mr. Corbanist", "Dr Feist"), or a verb of saying right
    after it with no determiner before it ("Corbanist said"; not "A Zionist said"): a person's name."""
    pm = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, s.start - 20) : s.start])
    if pm and pm.group(1)[:1].isupper() and pm.group(1).lower() in (_title_words() | _ABBR_TITLES):
        return True
    det = re.search(r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Ee]very|[Tt]his|[Tt]hat)\s+$", text[max(0, s.start - 8) : s.start])
    return det is None and _SAYS.match(text, s.end) is not None


#: a determiner, then up to three lower-case words or numbers, right before a name ("a 37-year-old deported")
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:^|[^\w])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Tt]heir|[Ii]ts)\s+"
                                 r"(?:[a-z0-9][\w\-]*\s+){0,3}$")


#: words after a name that are no noun it modifies ("the Archdiocese of Buenos Aires", "the Federalist said")
_NOT_A_NOUN = frozenset(["of", "for", "on", "in", "at", "to", "from", "with", "by", "and", "or", "but", "is", "was",
                         "are", "were", "has", "had", "have", "will", "would", "can", "could", "who", "which", "that",
                         "said", "says", "also", "not", "as", "than"])


def _mostly_norp(v: dict[str, float]) -> bool:
    """NER read the name as a people or a creed ("NORP") at least as often as anything else."""
    norp = v.get("NORP", 0.0)
    return norp > 0 and norp >= max((w for g, w in v.items() if g not in ("OTHER", "NORP") and not g.startswith("NER:")),
                                    default=0.0)


def _attributive(text: str, s: Span, tags: Sequence[Span] = ()) -> bool:
    """A one-word name used as an adjective: before a lower-case noun that is not what a person
    leads, after a determiner (and up to three lower-case words or an age: "the Mohammedan cult",
    "a 38-year-old Mexican man"; not "the Trump administration"), or, where the tagger calls that
    word a common noun, after anything ("Catholic bishops", "the Austrian Catholic website";
    not "Ryan told")."""
    nxt = re.match(r"\s+([a-z]+)\b", text[s.end : s.end + 24])
    if nxt is None or nxt.group(1) in name_words()["led_by"] or nxt.group(1) in _NOT_A_NOUN:
        return False
    if _ATTRIBUTIVE_BEFORE.search(text[max(0, s.start - 60) : s.start]):
        return True
    return bool(tags) and tag_at(tags, s.end + nxt.start(1)) in ("NN", "NNS")


def _fragment_type(text: str, s: Span, spans: Sequence[Span]) -> str | None:
    """A one-word mention that begins a longer name written whole elsewhere ("Nova" of "Nova
    Scotia"): that name's type."""
    nxt = re.match(r" ([A-Z][\w\-]+)", text[s.end : s.end + 30])
    if not nxt or " " in text[s.start : s.end]:
        return None
    whole = text[s.start : s.end] + nxt.group()
    for o in spans:
        if o.label != s.label and text[o.start : o.end].startswith(whole):
            return o.label
    return None


def vote_types(text: str, spans: Sequence[Span], tags: Sequence[Span] = ()) -> list[Span]:
    """The mentions with one type per name (see the module docstring); ``tags`` are the
    article's part-of-speech tags (``Span(start, end, TAG)``, in order), when known."""
    parts = _without_party(text, _join_latin_titles(text, [part for s in spans for part in _split_slash(text, s)]))
    people: set[str] = set()  # the full names NER gives people, and their surnames: a possessor's name
    surnames: set[str] = set()
    named_people: set[str] = set()  # every name NER gives a person somewhere
    for s in parts:
        if s.label == "PERSON" and not_a_person(text, s) is None:
            named_people.add(_key(text, s))
            if len(_key(text, s).split()) >= 2:
                people.add(_key(text, s))
                surnames.add(_key(text, s).split()[-1])
    # "Soliah/Olson" read as a body: a part the article names as a person elsewhere is that person, and
    # so is a full name of the first-name table ("LinkedIn/Geert Supre")
    # ("LinkedIn"); a body's name whose parts the article names nowhere else stays whole ("Big Brothers/Big Sisters")
    elsewhere = {_key(text, s) for s in parts if not s.attrs.get("slash")}
    wholes: dict[tuple[int, int], list[Span]] = defaultdict(list)
    for s in parts:
        if s.attrs.get("slash"):
            wholes[s.attrs["slash"]].append(s)
    kept_whole = {w for w, group in wholes.items() if not any(
        _key(text, p) in elsewhere or _person_possessor(text[p.start : p.end], named_people, surnames) for p in group)}
    rejoined: list[Span] = []
    for s in parts:
        whole = s.attrs.get("slash")
        if whole is None:
            rejoined.append(s)
        elif whole in kept_whole:
            if s is wholes[whole][0]:
                rejoined.append(Span(whole[0], whole[1], s.label, {k: v for k, v in s.attrs.items() if k != "slash"}))
        else:
            rejoined.append(Span(s.start, s.end,
                                 "PERSON" if _person_possessor(text[s.start : s.end], named_people, surnames) else s.label,
                                 {k: v for k, v in s.attrs.items() if k != "slash"}))
    parts = rejoined
    pieces: list[Span] = []
    for s in parts:
        for p in _split_possessive(text, _strip_leading_verb(text, _strip_calendar(text, s), tags), people, surnames):
            pieces.append(p)
    # what a possessive split off keeps NER's reading of the whole ("Acosta's Fifth Amendment" ORG):
    # where the article names it on its own too, that mention's type is the owned part's
    alone = {_key(text, p): p.label for p in pieces if not p.attrs.get("owned")}
    pieces = [Span(p.start, p.end, alone.get(_key(text, p), p.label), {k: v for k, v in p.attrs.items() if k != "owned"})
              if "owned" in p.attrs else p for p in pieces]
    pieces, outlet_spans = _with_registry(text, pieces)
    person_words: set[str] = set()
    word_of: dict[str, set[str]] = defaultdict(set)  # a person word -> the full names NER gave it in
    for s in pieces:
        if s.label == "PERSON" and not_a_person(text, s) is None:
            words = _key(text, s).split()
            if len(words) >= 2:  # first name, surname, and a hyphenated surname's first part ("Lopez-Loyola")
                # and a Spanish name's father's surname ("Duque" of "Iván Duque Márquez")
                paternal = paternal_surname(_words(_strip_possessive(text[s.start : s.end])))
                for w in (words[0], words[-1], words[-1].split("-")[0], *([paternal.lower()] if paternal else [])):
                    person_words.add(w)
                    word_of[w].add(" ".join(words))
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    personal: set[str] = set()  # names the text itself treats as a person's (title, kin, "the X administration")
    led: dict[str, int] = defaultdict(int)  # mentions of a name before what it leads ("the X administration")
    common: dict[str, int] = defaultdict(int)  # person-typed mentions that read as a common word
    adjectival: dict[str, int] = defaultdict(int)  # mentions used as an adjective ("the Mohammedan cult")
    named: set[str] = set()  # names given a title or a verb of saying ("Mr. Corbanist said")
    substances: set[str] = set()  # names used as a drug ("Xanax is a benzodiazepine")
    bodies_or_people: dict[str, int] = defaultdict(int)  # mentions NER typed a person or a body
    person_mentions: dict[str, int] = defaultdict(int)
    veto: dict[str, str] = {}
    titled_people: set[str] = set()  # names NER reads as a person's somewhere and the text gives a title or kin word
    presiders: set[str] = set()  # names of who presides ("the Obama administration")
    keys: list[str] = []
    kept: list[Span] = []
    written: dict[str, str] = {}  # a name as the article writes it ("DR Congo", whose key is "dr congo")
    body_starts = {p.start for p in pieces if p.label == "ORG"}
    for s in pieces:
        key = _key(text, s)
        if not key:
            continue
        written.setdefault(key, _bare(text, s))
        if s.label == "PERSON" and _credit(text, s, outlet_spans):
            continue  # a photo credit names no one the article mentions
        if tags and " " not in key and tag_at(tags, s.start) in ("RB", "RBR", "RBS", "UH") \
                and (s.start, s.end) not in outlet_spans:
            continue  # "Commonly, response times …": an adverb opening a sentence names no one
        if tags and " " not in key and _GROUP.get(s.label, s.label) == "PLACE" and tag_at(tags, s.start) == "VB" \
                and re.search(r"\bto\s+$", text[max(0, s.start - 4) : s.start]) and not place_kind(_bare(text, s)):
            continue  # "dare to vote to Leave": a verb after "to", no place the gazetteer knows
        if s.label != "PERSON" and " " not in key and key.rstrip(".") in _title_words() | name_words()["person_titles"] \
                and (s.start, s.end) not in outlet_spans:
            continue  # "the Cardinal" read as a product, "the Archbishop" as a body: a title alone names no body
        group = _GROUP.get(s.label, s.label)
        v = votes[key]
        if (s.start, s.end) in outlet_spans:
            v["ORG"] += _W_REGISTRY
        elif s.attrs.get("source") == "dateline":
            v["PLACE"] += _W_DATELINE
        else:
            v[group] += 1.0
            v["NER:" + group] += 1.0
        shape = not_a_person(text, s)
        if shape is None and key in _PARTY_MEMBER and not re.search(r"\b(?:Mrs?|Ms|Miss|Dr)\.?\s+$",
                                                                    text[max(0, s.start - 6) : s.start]):
            shape = "NORP"  # "rival Republican" read as a person: a party's member ("Mr. Conservative" is one)
        if shape is not None:
            veto[key] = shape
        elif s.label == "PERSON" and key not in person_words and (_common_word(text, s, tags)
                                                                  or _plural_subject(text, s, tags)):
            common[key] += 1
        if s.label == "PERSON":
            person_mentions[key] += 1
        if group in ("PERSON", "ORG"):
            bodies_or_people[key] += 1
            if " " not in key and _attributive(text, s, tags):
                adjectival[key] += 1
            if " " not in key and _acts_as_named(text, s):
                named.add(key)
        if _substance(text, s):
            substances.add(key)
        if s.label == "PERSON" and tags and tag_at(tags, _last_word_start(text, s)) == "NNPS" and (
                key not in person_words if " " not in key else place_kind(key.split()[0].capitalize())
                and key.split()[0] not in first_names()):  # "Tara Gomes": a first name, not the town
            veto[key] = "ORG" if " " in key else ""  # "Ottawa Senators", "Westerns": a team, a kind
        if s.label == "PERSON" and " " not in key:
            frag = _fragment_type(text, s, pieces)
            if frag:
                v[_GROUP.get(frag, frag)] += _W_CONTEXT
                veto.setdefault(key, frag)
        if _person_context(text, s):
            v["PERSON"] += _W_CONTEXT
            personal.add(key)
            titled_people.add(key)
        if s.label != "PERSON" and _titled_name(text, s):
            v["PERSON"] += _W_REGISTRY  # "Cardinal Parolin" read as a product: a title and a name
            personal.add(key)
        presided = (_PRESIDED.match(text, _last_word_end(text, s)) is not None
                    or s.label == "PERSON" and _leads_a_body(text, s, body_starts)) \
            and place_kind(_strip_possessive(text[s.start : s.end])) != "country"
        if " " not in key and s.label != "NORP" and (presided or _ruled(text, s)):
            v["PERSON"] += _W_COUNTRY  # "the Bush administration": who presides, though "Bush" is a city too
            personal.add(key)
            presiders.add(key)
        modifier = _leads_a_following(text, s, key)
        if modifier:
            led[key] += 1
        if _place_context(text, s):
            v["PLACE"] += _W_CONTEXT
        if _org_context(text, s) or s.attrs.get("owns_person"):  # "The Duran's Alex Christoforou": a body's man
            v["ORG"] += _W_CONTEXT
        if group in ("PERSON", "ORG") and _org_by_usage(text, s):
            v["ORG"] += _W_CONTEXT
        if group == "PLACE" and " " not in key and _HUMAN_ACT.match(text, s.end) and not place_kind(
                _strip_possessive(text[s.start : s.end])):
            v["PERSON"] += _W_CONTEXT  # "Mulder didn't hesitate": no place the gazetteer knows, acting as a person
        if _titled(text, s):
            v["WORK_OF_ART"] += _W_REGISTRY
        elif group == "PERSON" and key not in person_words and not _bare(text, s).isupper() \
                and (_named_work(text, s) or _latin_title(text, s)):
            v["WORK_OF_ART"] += 2 * _W_CONTEXT  # "the exhortation Amoris Laetitia" read as a person: a work
        if " " in key and group not in ("PERSON", "ORG") \
                and re.split(r"[\s\-]", key)[-1] in name_words()["outlet_heads"]:
            v["ORG"] += _W_CONTEXT  # "Your News Wire", "Durango Herald" read as a work or a place: an outlet
        if _NUMBERED_BODY.search(key):
            v["ORG"] += _W_CONTEXT  # "UFCW Local 832", "Legion Branch 27": a unit of a body
        if key in name_words()["platforms"]:
            v["ORG"] += _W_REGISTRY  # "follow her on Twitter"
        elif group in ("PLACE", "PRODUCT", "WORK_OF_ART") and _platform_context(text, s):  # not "the Ralston tweet"
            v["ORG"] += _W_CONTEXT  # "his Steemit account", "on Steemit" beside "Instagram": a platform
        if _after_the(text, s) and group == "PERSON" and not modifier:
            v["OTHER"] += _W_THE
        kept.append(s)
        keys.append(key)
    for k, s in enumerate(kept):  # "Edson and Medicine Hat", "Caleb Jones and Leon Draisaitl": a list of one kind
        for j in (k - 1, k + 1):
            if 0 <= j < len(kept) and keys[j] != keys[k] and _listed(text, kept[min(j, k)], kept[max(j, k)]):
                g = _GROUP.get(kept[j].label)
                if g in ("PERSON", "PLACE", "ORG"):
                    votes[keys[k]][g] += _W_LIST
    for key in [k for k in votes if " " not in k and k.endswith("s") and not k.endswith("ss")]:
        one = votes.get(key[:-1])  # "Googles pays" beside "Google": the plural of a body's or a place's name
        if key in person_words or key in personal or key in named or not one or key in veto \
                or one.get("NER:PERSON") or not any(g.startswith("NER:") for g in one):
            continue
        label = _decide("", one, veto.get(key[:-1]))
        if label and label != "PERSON":
            veto[key] = label
    for key, n in common.items():  # a common word every time, never given a title: not a name ("Shelter residents")
        if n == person_mentions[key] and key not in personal:
            veto.setdefault(key, "")
    for key, n in led.items():  # "the Trump administration" beside "President Trump": the person's name
        if votes[key].get("NER:PERSON"):
            votes[key]["PERSON"] += _W_CONTEXT * n
            personal.add(key)
    places = {key for key, v in votes.items() if v.get("PLACE", 0) > 0 and " " not in key}
    countries: set[str] = set()  # names of countries, continents and US states of the gazetteer
    for key, v in votes.items():
        surface = " ".join(w.capitalize() if w.islower() else w for w in key.split())
        kind = place_kind(surface) if key not in person_words else None
        if kind is None and key not in person_words and place_kind(written.get(key, surface)) == "country":
            kind = "country"  # "DR Congo" as written ("Dr Congo" is no name); not a census town ("University of Texas")
        if kind == "country":
            countries.add(key)
        if kind == "town" and " " not in key and v.get("NER:PERSON") and not any(
                g.startswith("NER:") and g != "NER:PERSON" for g in v) and not _used_as_place(text, surface):
            kind = None  # "Obama" (a town too) that NER reads only as a person and the text never uses as a place
        if kind:
            v["PLACE"] += _W_COUNTRY if kind == "country" or " " in key else _W_CITY if kind == "city" else _W_TOWN
        if kind == "country" and " " in key and v.get("ORG", 0.0) < _W_REGISTRY:
            # "Democratic Republic of Congo" read as a body ten times: a country's full name is the country
            v["PLACE"] = max(v["PLACE"], max((w for g, w in v.items() if g != "PLACE" and not g.startswith("NER:")),
                                             default=0.0) + 1.0)
        if " " not in key and key in person_words:
            v["PERSON"] += _W_CONTEXT
        last = key.split()[-1]
        if v.get("ORG", 0) + v.get("PLACE", 0) > 0 and _surname_acts(text, key):
            v["PERSON"] += _W_CONTEXT  # "Lucas Morten" read as an organisation, "Morten was charged"
        if " " in key and place_kind(last.capitalize()) == "country" and (
                last in places or key.split()[0] not in first_names()):
            veto.setdefault(key, "ORG")  # "Hockey Canada", "Bank of Canada": not a person
    for key in titled_people | presiders:  # "President Trump" beside "Trump" read as a body nineteen times: the person
        v = votes[key]
        others = max((w for g, w in v.items() if g not in ("PERSON", "OTHER") and not g.startswith("NER:")), default=0.0)
        if key not in veto and (v.get("NER:PERSON") or not v.get("NER:NORP") and (
                key in presiders or place_kind(key.title()) == "town")) \
                and lookup(written.get(key, key)) is None and key not in name_words()["platforms"] \
                and place_kind(key.title()) != "country" and v.get("PERSON", 0.0) <= others:
            v["PERSON"] = others + 1.0
    _vote_full_names(votes, veto, text, written)
    # a one-word name takes the type of the longer name it begins ("Lakefront" of "Lakefront Brewery")
    decided = {key: _decide("", votes[key], veto.get(key)) for key in votes if " " in key}
    _surnames_follow(votes, veto, decided)
    _unperson_words(votes, person_words, word_of, decided)
    for key, label in decided.items():
        first, last = key.split()[0], key.split()[-1]
        if label in ("ORG", "FAC") and first in votes and first not in person_words and first not in personal \
                and not place_kind(first.capitalize()) and not _mostly_norp(votes[first]):
            votes[first][label] += _W_CONTEXT  # not "Catholic" of "Catholic Church": NER's adjective of a creed
        if label == "ORG" and (last.endswith("s") or last in name_words()["org_heads"]) and last in votes \
                and last not in person_words:
            votes[last][label] += _W_CONTEXT  # "the Rockets" of "the Kelowna Rockets", "the Seminary" of "Major Seminary"
    grown = True
    while grown:  # a list with a drug is a list of drugs ("Valium, Ativan and Xanax", "this Valium or Ativan")
        grown = False
        for k, s in enumerate(kept):
            if keys[k] in substances:
                continue
            for j in (k - 1, k + 1):
                if 0 <= j < len(kept) and keys[j] in substances \
                        and _listed(text, kept[min(j, k)], kept[max(j, k)], also_or=True):
                    substances.add(keys[k])
                    grown = True
                    break
    concept: dict[str, str] = {}  # a concept or an adherent, not a person, body or place ("Islamisation")
    for key in substances:
        if key not in person_words and key not in personal and key not in named and " " not in key \
                and votes[key].get("ORG", 0.0) < _W_REGISTRY and key not in first_names():
            concept[key] = "PRODUCT"  # a drug's brand, not a person or a firm
    for key in set(keys):
        if key in person_words or key in personal or key in named or votes[key].get("ORG", 0.0) >= _W_REGISTRY \
                or key in first_names():
            continue
        kind = _concept_type(key)
        if kind is None:
            kind = _coinage_type(text, key, votes)
        if kind is None and adjectival[key] and adjectival[key] == bodies_or_people[key] \
                and _ADJECTIVE_SUFFIX.fullmatch(key):
            kind = "NORP"  # "the Mohammedan cult", only ever an adjective: a people or a creed
        if kind is not None:
            concept[key] = kind
    generic = {key for key in set(keys) if _generic_word(text, key, votes[key], person_words)}
    for key in set(keys) & name_words().get("sees", frozenset()):
        concept[key] = "ORG"  # "the Vatican said", "Vatican officials": the Holy See, a body, not its buildings
    for key in set(keys) & name_words().get("rooms", frozenset()):
        concept[key] = "FAC"  # "the Oval Office" read as a body: a room of the White House
    for key in set(keys) & name_words().get("brands", frozenset()):
        concept[key] = "PRODUCT"  # "a Glock" read as a person: the maker's gun
    for key in set(keys) & name_words().get("nickname_bodies", frozenset()):
        concept[key] = "ORG"  # "the Feds" read as a group of people: the federal authorities, a body
    out: list[Span] = []
    for s, key in zip(kept, keys, strict=True):
        label = _decide(s.label, votes[key], veto.get(key))
        if label and key in concept and (_GROUP.get(s.label) in ("PERSON", "ORG", "PLACE")
                                         or concept[key] in ("EVENT", "LAW", "WORK_OF_ART", "ORG", "LOC", "FAC")):
            label = concept[key]  # an adherent is a group by belief; a concept is no entity; a coinage its kind;
            # a body named by its seat is the body
        if label in ("GPE", "PRODUCT", "WORK_OF_ART", "EVENT") and key in generic and key not in concept \
                and key not in name_words()["org_heads"] \
                and not place_kind(written.get(key, key)) and not _bare(text, s).isupper():
            continue  # "the Truth" read as a place, "the Monastery" as a product: a common noun with a capital
        if label == "PRODUCT" and key not in name_words()["brands"] and _AREA_BEFORE.search(text, max(0, s.start - 15),
                                                                                           s.start) \
                and re.fullmatch(r"[A-Z][a-z]{2,}s", _bare(text, s)):
            label = "LOC"  # "lived in the Cedars", "a house near the Flats": a neighbourhood, no product
        if label in ("GPE", "LOC") and _coined_place(text, s, surnames):
            continue  # "Clinton City…" beside "Hillary Clinton": a pun on a person's name, no place
        if label not in ("LAW", "WORK_OF_ART") and is_document_part(text[s.start : s.end]):
            continue  # "Chapter 8" NER read as a law, voted a body: a part of a document
        if label == "FAC" and key in countries:
            label = "GPE"  # "DR Congo" read as a facility: a country is no building
        if label:
            attrs = dict(s.attrs)
            if label == "ORG" and key in generic and not _bare(text, s).isupper():  # not "ICE" beside "ice"
                attrs["generic"] = True
            out.append(Span(s.start, s.end, label, attrs))
    return out


def _bare(text: str, s: Span) -> str:
    """A mention's name as written, without "the" and a possessive ("US" of "the US's")."""
    return re.sub(r"^[Tt]he\s+", "", _strip_possessive(text[s.start : s.end]))


def _generic_word(text: str, key: str, v: dict[str, float], person_words: AbstractSet[str]) -> bool:
    """A one-word name that is a common noun with a capital ("the Church", "the Faith", "Council
    members"): a head noun of bodies' names, or a word the article also writes in lower case;
    no outlet, platform, acronym or word of a person's name.  :func:`.canonical.build_entities`
    makes it the short form of the one body the article names in full with it ("Catholic
    Church"), or no entity at all when it is no head noun ("Faith")."""
    if " " in key or not key.isalpha() or key in person_words or v.get("ORG", 0.0) >= _W_REGISTRY \
            or key in name_words()["platforms"]:
        return False
    if key in name_words()["org_heads"]:
        return True
    if re.search(rf"(?<![\w’'.\-]){re.escape(key)}(?![\w’'\-])", text) is not None:
        return True  # lower case: a common noun
    found = list(re.finditer(rf"(?i)(?<![\w’'.\-]){re.escape(key)}(?![\w’'\-])", text))
    return bool(found) and all(_OWNED_NOUN.search(text, max(0, m.start() - 8), m.start()) for m in found)


#: a possessive determiner right before a word: "my Cabinet", "his Government" name a common noun's thing
_OWNED_NOUN = re.compile(r"\b(?:[Mm]y|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Yy]our|[Ii]ts)\s+$")


def _unperson_words(votes: dict[str, dict[str, float]], person_words: set[str], word_of: dict[str, set[str]],
                    decided: dict[str, str | None]) -> None:
    """A word is no person's name word when every full name NER gave it in was decided
    something else ("Rockets" of "Kelowna Rockets", a team NER read as a person): it loses the
    person weight it had from them and leaves ``person_words``."""
    # for teams and firms whose full name NER called a person: "the Rockets said" is the team
    for w in list(person_words):
        fulls = word_of.get(w, set())
        if fulls and all(decided.get(k) not in (None, "PERSON") for k in fulls):
            person_words.discard(w)
            if " " not in w and w in votes and votes[w].get("PERSON", 0.0) >= _W_CONTEXT:
                votes[w]["PERSON"] -= _W_CONTEXT


def _vote_full_names(votes: dict[str, dict[str, float]], veto: dict[str, str], text: str = "",
                     written: dict[str, str] | None = None) -> None:
    """A full name is a person's when it opens with a first name of the name table ("Anne Marie
    Cerato", "Mamadou Dia" that NER read as organisations, not as places) or ends with a surname the article
    itself gives a person on its own ("Morgan McNeely" beside "McNeely found herself")."""
    # for names the small NER model mistypes; a shape veto ("Bank of Canada") still wins
    table = first_names()
    written = written or {}
    for key, v in votes.items():
        words = key.split()
        if len(words) < 2 or key in veto or len(words) > 4:
            continue
        if words[0] in table and place_kind(words[0].capitalize()) is None and not v.get("NER:PLACE"):
            v["PERSON"] += _W_CONTEXT
        elif words[0] in name_words()["name_openers"] and place_kind(" ".join(w.capitalize() for w in words)) is None \
                and not v.get("NER:ORG") and not _used_as_place(text, written.get(key, key)):  # not "in Abu Ghraib"
            # "Abu Zubaydah" read as a place: a name that opens with "Abu" is a person's, not "Abu Dhabi"
            v["PERSON"] = max(v.get("PERSON", 0.0), max((w for g, w in v.items() if g not in ("PERSON", "OTHER")
                                                         and not g.startswith("NER:")), default=0.0) + 1.0)
        last = votes.get(words[-1])
        if last is not None and words[-1] not in veto and _decide("", last, None) == "PERSON" \
                and place_kind(words[0].capitalize()) is None:
            v["PERSON"] += _W_CONTEXT


def _surnames_follow(votes: dict[str, dict[str, float]], veto: dict[str, str],
                     decided: dict[str, str | None]) -> None:
    """A one-word name that is the surname of a full name decided a person's is that person
    ("Cerato" beside "Anne Marie Cerato", however often NER called it a place), unless it is a
    country or city of the gazetteer or a registry outlet."""
    for key, label in decided.items():
        if label != "PERSON":
            continue
        last = key.split()[-1]
        v = votes.get(last)
        if v is None or last in veto or place_kind(last.capitalize()) not in (None, "town"):
            continue
        others = max((w for g, w in v.items() if g not in ("PERSON", "OTHER") and not g.startswith("NER:")),
                     default=0.0)
        if others < _W_REGISTRY:
            v["PERSON"] = max(v.get("PERSON", 0.0), others + 1.0)


def _decide(label: str, v: dict[str, float], veto: str | None) -> str | None:
    """The winning type for one mention with NER label ``label``: its own label when it belongs
    to the winning group (keeping GPE, LOC or FAC apart), else the group's usual label.  A tie
    is not a person (a wrong name is worse than none), then goes to the type NER gave more
    mentions (``v["NER:<group>"]``)."""
    ranked_ = sorted(((w, g != "PERSON", v.get("NER:" + g, 0.0), g) for g, w in v.items()
                      if g != "OTHER" and not g.startswith("NER:") and w > 0), reverse=True)
    ranked = [(w, g) for w, _p, _n, g in ranked_]
    if veto is not None:
        ranked = [(w, g) for w, g in ranked if g != "PERSON"]
    if v.get("OTHER") and ranked and ranked[0][1] == "PERSON":
        person = ranked[0][0]
        rest = [(w + v["OTHER"], g) for w, g in ranked[1:]] or [(v["OTHER"], "ORG")]
        best = max(rest)
        if best[0] >= person:
            ranked = [best]
    if not ranked:
        return veto or None
    group = ranked[0][1]
    if _GROUP.get(label, label) == group:
        return label
    return {"PLACE": "GPE"}.get(group, group)
