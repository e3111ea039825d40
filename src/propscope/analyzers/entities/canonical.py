"""Canonical entities from NER mentions, by general rules (no name lists).

* People: titles and honorifics are stripped ("President Emmanuel Macron", "Mr Macron" ->
  "Emmanuel Macron", "Macron"); a single-word name joins the person whose full name ends (or
  begins) with it; the canonical name is the longest title-free form.  Role descriptions
  are learned from the text: the words before a name ("French President Emmanuel Macron")
  or an appositive after it ("Emmanuel Macron, the French president,") become roles, and a
  later "the French president" (or, when only one person holds it, "the president") is a
  mention of that person.
* Organisations: an acronym in brackets after its expansion ("World Health Organization
  (WHO)") or an all-capital word whose letters are the initials of another mention's words
  ("WHO" and "World Health Organization" elsewhere) join one entity named by the expansion;
  an all-capital word that is an obvious misspelling of a known acronym (two letters
  transposed, one dropped, added or changed, or the same letters in another order) joins it
  when the correct form has an expansion or is used more often.
* Places and others: the most frequent surface form, without a leading "the".
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from propscope.article import Span

from .filters import (acronym_kind, clean_spans, drop_family_plurals, join_coordinated_bodies, shouted_line, tag_at,
                      trim_office_before_name)
from .gazetteer import place_kind
from .registry import lookup
from .states import state_name
from .voting import not_a_person, vote_types
from .words import ROLE_NOUNS, TITLE_WORDS, first_names, name_words, paternal_surname, spanish_surname

__all__ = [
    "ROLE_NOUNS",
    "TITLE_WORDS",
    "Entity",
    "Mention",
    "acronym_of",
    "build_entities",
    "is_acronym_misspelling",
    "name_form",
]

_FEMALE = frozenset(["mrs", "ms", "miss", "queen", "princess", "dame", "lady", "congresswoman", "chairwoman", "spokeswoman"])
_MALE = frozenset(["mr", "sir", "lord", "king", "prince", "congressman", "chairman", "spokesman"])
_DETS = frozenset(["the", "a", "an"])
_STOP_INITIAL = frozenset(["of", "the", "and", "for", "on", "in", "to", "de", "du", "des", "la", "le"])
_WORD = re.compile(r"[\w][\w'’‘ʼ.\-]*")
#: apostrophes as typed: straight, typographic (also the left quote some sites use), modifier letter
_POSSESSIVES = ("'s", "’s", "‘s", "ʼs")


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _clean_word(w: str) -> str:
    return w.rstrip(".").lower()


def strip_titles(name: str) -> str:
    """``"President Emmanuel Macron"`` -> ``"Emmanuel Macron"``; never strips every word."""
    words = _words(name)
    while words and words[-1] in _POSSESSIVES:
        words.pop()
    if words and words[-1].endswith(_POSSESSIVES):
        words[-1] = words[-1][:-2]
    i = 0
    while i < len(words) - 1 and (_clean_word(words[i]) in TITLE_WORDS or words[i][:1].islower()):
        i += 1
    return " ".join(words[i:])


def acronym_of(words: Sequence[str]) -> str:
    """Initials of the capitalised words of an expansion: "World Health Organization" -> "WHO"."""
    return "".join(w[0].upper() for w in words if w and w.lower() not in _STOP_INITIAL and w[0].isalpha())


def _damerau(a: str, b: str) -> int:
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def is_acronym_misspelling(candidate: str, correct: str) -> bool:
    """Whether ``candidate`` is an obvious misspelling of the acronym ``correct``.

    Letters transposed (adjacent or not: the same letters in another order), one letter
    dropped, added or changed.  Both need at least three letters, and they must differ.
    """
    if candidate == correct or min(len(candidate), len(correct)) < 3:
        return False
    if sorted(candidate) == sorted(correct):
        return True
    if len(candidate) == len(correct):
        # one changed letter is only "obvious" for longer acronyms ("NATP" for "NATO")
        return len(correct) >= 4 and _damerau(candidate, correct) <= 1
    return _damerau(candidate, correct) <= 1


def _is_acronym_word(w: str) -> bool:
    core = w.replace(".", "")
    return 2 <= len(core) <= 8 and core.isalpha() and core.isupper()


@dataclass
class Mention:
    start: int
    end: int
    label: str
    key: str  # normalised name used for clustering
    source: str = "ner"  # ner | acronym | description | dateline
    entity: int = -1


@dataclass
class Entity:
    type: str
    names: Counter[str] = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    expansion: str | None = None
    gender: str | None = None
    id: str = ""
    name: str = ""

    def canonical(self) -> str:
        if self.expansion:
            return self.expansion
        if self.type == "PERSON":  # the fullest name: most words that are not initials ("Vladimir Putin", not "V. Putin")
            return max(self.names, key=lambda n: (sum(len(w.rstrip(".")) > 1 for w in n.split()), self.names[n], -len(n)))
        if _TYPE_GROUP.get(self.type) == "PLACE":  # "Istrava", not the dateline's "ISTRAVA"
            return max(self.names, key=lambda n: (not n.isupper(), self.names[n], len(n)))
        return max(self.names, key=lambda n: (self.names[n], len(n)))


def name_form(word: str) -> str:
    """How a name word compares: case folded, a transliteration's ending made one
    ("Zelenskyy", "Zelenskiy", "Zelensky" -> "zelensky"; "Navalnyy" -> "navalny")."""
    return re.sub(r"(?:yy|iy|ii|ij|yj)$", "y", word.casefold().rstrip("."))


def _surnames(name: str) -> set[str]:
    """The name forms a surname alone may take: the last word and, if hyphenated, its first part
    ("Lopez" for "Francisco Lopez-Loyola")."""
    last = name.split()[-1]
    paternal = paternal_surname(name.split())  # "Padrino" of "Vladimir Padrino López"
    return {name_form(last), name_form(last.split("-")[0])} | ({name_form(paternal)} if paternal else set())


def _same_first(a: str, b: str) -> bool:
    """Two first words of one person's names: equal, or one the other's initial ("V." / "Vladimir")."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    short, full = (a, b) if len(a) <= len(b) else (b, a)
    return len(short.rstrip(".")) == 1 and short.endswith(".") and full[:1] == short[:1] and len(full) > 2


def _slug(s: str) -> str:
    return re.sub(r"[^\w]+", "-", s.lower()).strip("-") or "x"


_TYPE_GROUP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def _stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)
    except ImportError:  # pragma: no cover - spaCy is a dependency
        return frozenset(["the", "a", "an", "and", "but", "or", "in", "on", "at", "to", "of", "for", "with", "by", "from", "as", "this", "that", "these", "those", "it"])


_STOPS: frozenset[str] | None = None
#: nouns naming a kind of publisher: the name right after one is an organisation
_OUTLET_NOUNS = frozenset(["agency", "newspaper", "daily", "weekly", "tabloid", "broadcaster", "channel", "network",
                           "outlet", "website", "portal", "magazine", "radio", "television", "tv", "wire"])
#: the tagger's reading of a word that is no first name ("Maybe", "Later", "Thanks" before "Trump")
_NOT_A_NAME_TAGS = frozenset("RB RBR RBS UH IN CC DT MD VB VBD VBG VBN VBP VBZ NNS PRP WRB".split())
_NEXT_WORD = re.compile(r"\s+([\w’'\-.]+)")
_PREV_WORD = re.compile(r"([\w’'\-.]+)\s+$")


#: a Spanish mother's surname right after a name, the word after it no name ("Padrino López said"):
#: an accented capitalised word or one in "-ez"
_SECOND_SURNAME = re.compile(r"[ \t]+([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)(?![\w’'\-])(?![ \t]+[A-ZÁÉÍÓÚÑ])")


def _repair_ner(text: str, ner: list[Span], tags: Sequence[Span] = ()) -> list[Span]:
    """General corrections of small-model NER, using the rest of the article.

    * a mention followed by a capitalised title word ("Tajik Defence Minister", "Commerce
      Minister") is part of a title, not a person or an organisation: dropped;
    * a mention right after a title or role word ("spokesman Pavel Orlov") is a person;
    * a mention right after a kind of publisher ("news agency Ravex", "the daily Kommersant")
      is an organisation;
    * a one-word person mention right after a capitalised word that is not a title, a stop
      word or another mention takes that word in ("PARIS - Nadia Benali" read as "Benali");
    * a mention whose words are a person's surname, first name or full name elsewhere in
      the article is that person ("Kamau" read as an organisation);
    * a one-word "person" that is also read as a place elsewhere is a place ("Kyiv");
    * a body's name cut before its subject takes it in ("British Columbia Centre on Substance
      Use", "Court of Appeal"), and a role read after a body's name is cut off ("Facebook Head of").
    """
    global _STOPS
    if _STOPS is None:
        _STOPS = _stop_words()
    out: list[Span] = []
    starts = sorted((s.start, s.end) for s in ner)
    for s in ner:
        nxt = _NEXT_WORD.match(text, s.end)
        if nxt and s.label in ("PERSON", "ORG", "NORP") and nxt.group(1)[:1].isupper() and (
                nxt.group(1).lower().rstrip(".") in TITLE_WORDS or nxt.group(1).lower() in ROLE_NOUNS) and (
                s.label == "PERSON" or len(_words(text[s.start : s.end])) == 1):
            continue
        label = s.label
        start = s.start
        prev = _PREV_WORD.search(text, max(0, s.start - 40), s.start)
        after = nxt.group(1).lower().rstrip(".").split("-")[0] if nxt else ""  # "editor-in-chief": editor
        if prev and label != "PERSON" and prev.group(1).lower().rstrip(".") in TITLE_WORDS | ROLE_NOUNS \
                and text[s.start : s.end][:1].isupper() and not _is_acronym_word(text[s.start : s.end]) \
                and after not in TITLE_WORDS | ROLE_NOUNS:  # "former Breitbart London editor X": the employer
            label = "PERSON"
        if prev and prev.group(1).lower() in _OUTLET_NOUNS and label in ("PERSON", "NORP", "GPE"):
            label = "ORG"  # "state news agency Ravex", "the newspaper Izvestia": a publisher, not a person
        if (prev and label == "PERSON" and len(_words(text[s.start : s.end])) == 1):
            w = prev.group(1)
            if (w[:1].isupper() and w.isalpha() and w.lower() not in _STOPS and w.lower() not in TITLE_WORDS
                    and w.lower() not in ROLE_NOUNS and not _is_acronym_word(w)
                    and not any(a <= prev.start(1) < b for a, b in starts)
                    and (not tags or tag_at(tags, prev.start(1)) not in _NOT_A_NAME_TAGS)):
                start = prev.start(1)  # not "Maybe", "Later" (the tagger's adverbs) before "Trump"
        inner = _INNER_TITLE.search(text, start, s.end) if label in ("ORG", "NORP", "GPE", "PERSON") else None
        if inner and inner.start() > start and inner.group(1).lower() in _PERSON_TITLES \
                and text[inner.end() : s.end].lower() not in name_words()["org_heads"]:
            # "Wet'suwet'en Hereditary Chief Na'moks": a people or body, a title, then the person
            out.append(Span(start, len(text[:inner.start()].rstrip()), label if label != "PERSON" else "NORP"))
            out.append(Span(inner.end(), s.end, "PERSON"))
            continue
        end = s.end
        cut = text.find("(", start, end)
        if cut > start and ")" not in text[cut:end] and text[start:cut].strip():
            end = len(text[:cut].rstrip())  # "Chuck Grassley (R-Iowa": a bracket left open is no part of the name
        hyphen = _HYPHEN_REST.match(text, end)
        if hyphen:
            end = hyphen.end()  # "SNC" cut from "SNC-Lavalin": the name runs over its hyphen
        unit = _NUMBERED_UNIT.match(text, s.end) if label == "ORG" else None
        if unit and text[s.start : s.end].split()[-1].lower() in _UNIT_WORDS:
            end = unit.end()  # "UFCW Local 832", "Unifor Local 444": the number is part of the name
        second = _SECOND_SURNAME.match(text, end) if label == "PERSON" and len(_words(text[start:end])) >= 2 else None
        if second and spanish_surname(second.group(1)) and not any(
                a < second.end(1) and second.start(1) < b for a, b in starts if (a, b) != (s.start, s.end)):
            end = second.end(1)  # "Vladimir Padrino López", "Iván Duque Márquez": NER cut the mother's surname off
        if label in ("ORG", "FAC", "GPE", "NORP"):
            start, end = _without_trailing_role(text, start, end)
            if end <= start:
                continue  # only a role was left ("Head of")
        if label in ("ORG", "FAC"):
            end = _with_subject_tail(text, start, end, ner)
        out.append(Span(start, end, label))
    if any(s.end not in {x.end for x in ner} for s in out):  # a tail taken in: the names inside it are part of it
        out = [x for x in out if not any(o is not x and o.start <= x.start and x.end <= o.end
                                         and (o.end - o.start) > (x.end - x.start) and o.label in ("ORG", "FAC")
                                         and x.label != "PERSON" for o in out)]
    person_words: dict[str, int] = {}
    places: set[str] = set()
    tails: set[tuple[str, ...]] = set()  # the last two words or more of a full name ("lópez obrador")
    for s in out:
        words = [w.lower() for w in _words(strip_titles(text[s.start : s.end]))] \
            if s.label == "PERSON" and not_a_person(text, s) is None else []  # not "Bank of Canada"
        if len(words) >= 2:
            for w in (words[0], words[-1]):
                person_words[w] = person_words.get(w, 0) + 1
        for k in range(2, len(words)):
            tails.add(tuple(words[-k:]))
        if s.label in ("GPE", "LOC"):
            places.add(text[s.start : s.end].lower())
    fixed: list[Span] = []
    for s in out:
        surface = text[s.start : s.end]
        words = [w.lower() for w in _words(surface)]
        label = s.label
        if label in ("ORG", "GPE", "NORP", "LOC", "FAC") and len(words) == 1 and words[0] in person_words \
                and not _is_acronym_word(surface):
            label = "PERSON"
        elif label in ("ORG", "GPE", "NORP", "LOC", "FAC") and tuple(words) in tails:
            label = "PERSON"  # "López Obrador" read as a body beside "Andrés Manuel López Obrador"
        elif label == "PERSON" and len(words) == 1 and words[0] in places and words[0] not in person_words:
            label = "GPE"
        fixed.append(Span(s.start, s.end, label))
    fixed.extend(_appositive_people(text, fixed))
    # a name known only by its last word: its full form may stand where NER saw nothing, a
    # surname's ("Nadia Benali") or a body's short form's ("the Rockets" of "The Kelowna
    # Rockets", which the short form then joins, see build_entities)
    alone = {(text[s.start : s.end], s.label) for s in fixed
             if s.label in ("PERSON", "ORG") and len(_words(text[s.start : s.end])) == 1}
    heads = name_words()["org_heads"]
    alone = {(w, label) for w, label in alone if w.isalpha() and (
        w.lower() not in person_words if label == "PERSON" else not _is_acronym_word(w) and w.lower() not in heads)}
    covered = [(s.start, s.end) for s in fixed]
    for w, label in sorted(alone):
        for fm in re.finditer(rf"\b([A-Z][a-z]+)\s+{re.escape(w)}\b", text):
            first = fm.group(1)
            if first.lower() in _STOPS or first.lower() in TITLE_WORDS or first.lower() in ROLE_NOUNS:
                continue
            if tags and tag_at(tags, fm.start(1)) in _NOT_A_NAME_TAGS:
                continue  # "Maybe Trump is …": a sentence's adverb, no first name (not "Islamic" of "Islamic State")
            if any(a < fm.end(1) and fm.start(1) < b for a, b in covered):
                continue  # the first word is already part of another mention
            fixed = [x for x in fixed if not (x.start == fm.end() - len(w) and x.end == fm.end())]
            fixed.append(Span(fm.start(1), fm.end(), label))
    return fixed


#: a name NER missed that opens a sentence before an appositive saying what person it is
#: ("Yuni, a resident of Lampung, was …", "Tam Ng, a 34-year-old father of two, said")
_APPOSITIVE_PERSON = re.compile(r"(?:^|(?<=[.!?\n]\s)|(?<=\n))([A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+)?),\s+(?:a|an)\s+"
                                r"(?:[\w\-]+\s+){0,3}?([a-z][a-z\-]+)\b", re.MULTILINE)


#: the words of a body's name that a number completes ("Local 832", "Lodge 15", "Branch 27")
_UNIT_WORDS = frozenset(["local", "lodge", "chapter", "branch", "district", "division", "unit", "post", "wing",
                         "squadron", "council", "precinct", "station", "region", "zone"])
#: titles that only a person holds, inside a mention before their name
_PERSON_TITLES = frozenset(["chief", "president", "minister", "premier", "mayor", "leader", "senator", "councillor",
                            "commissioner", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson",
                            "captain", "coach", "judge", "mp", "mla", "mpp", "sheriff", "bishop", "imam", "rabbi"])
#: a capitalised title inside a mention, a name after it ("… Hereditary Chief Na'moks")
_INNER_TITLE = re.compile(r"\s(?:Hereditary\s+|Grand\s+|Deputy\s+|Acting\s+)?([A-Z][a-z]+)\s+(?=[A-Z][\w’'\-]+$)")
_HYPHEN_REST = re.compile(r"-[A-Z][\w’']*(?:-[A-Z][\w’']*)*")
_NUMBERED_UNIT = re.compile(r"\s+\d{1,5}\b(?![.,]\d)")


#: heads of a body's name that its subject may follow ("Centre on Substance Use", "Court of Appeal",
#: "Congregation for Divine Worship"); not an outlet's or a building's ("Fox News on Capitol Hill")
_SUBJECT_HEADS = frozenset(["academy", "agency", "alliance", "assembly", "association", "authority", "bank", "board",
                            "bureau", "center", "centre", "church", "coalition", "college", "commission", "committee",
                            "conference", "congregation", "council", "court", "department", "federation",
                            "foundation", "fund", "institute", "institution", "league", "ministry", "movement",
                            "office", "organisation", "organization", "secretariat", "society", "tribunal", "trust",
                            "union", "university"])
#: of these, the heads a subject follows with "on" ("Council on Foreign Relations"; not "the Court on Monday")
_ON_HEADS = frozenset(["board", "center", "centre", "commission", "committee", "conference", "council", "institute",
                       "office"])
_CAPWORD = r"[A-Z][\w’'\-]*"
#: "of", "for" or "on", then capitalised words, "of", "for", "the" or "and" between them
_SUBJECT_TAIL = re.compile(rf"[ \t]+(of|for|on)[ \t]+((?:the[ \t]+)?{_CAPWORD}"
                           rf"(?:[ \t]+(?:(?:of|for|on|the|and)[ \t]+)?{_CAPWORD})*)")
#: a role right before a preposition that ends a mention ("Facebook Head of")
_TRAILING_ROLE = re.compile(r"\s+((?:[A-Z][a-z]+\s+)?[A-Z][a-z]+)\s+(?:of|for)$")


def _with_subject_tail(text: str, start: int, end: int, spans: Sequence[Span]) -> int:
    """The end of a body's name NER cut before its subject: "British Columbia Centre" of "British
    Columbia Centre on Substance Use", "Court" of "Court of Appeal".  The tail is "of"/"for" (or
    "on" after a centre, council, commission…) and capitalised words, up to a calendar word ("the
    Council on Monday" takes none) or a person's name; "on the" is where a body is, not its subject."""
    words = text[start:end].split()
    head = words[-1].lower() if words else ""
    m = _SUBJECT_TAIL.match(text, end)
    if head not in _SUBJECT_HEADS or m is None:
        return end
    if m.group(1) == "on" and (head not in _ON_HEADS or m.group(2).startswith("the")):
        return end  # "the Home Office on the Jihad Watch website": a place it is on, no subject
    cal = name_words()["calendar"]
    stop = m.end()
    for w in re.finditer(r"[\w’'\-]+", text[m.start(2) : m.end()]):
        if w.group().lower().rstrip(".") in cal:
            stop = m.start(2) + w.start()
            break
    for o in spans:
        if o.label == "PERSON" and m.start(2) <= o.start < stop:
            stop = o.start
    tail = re.sub(r"(?:[ \t]+(?:of|for|on|the|and))+[ \t]*$|[ \t]+$", "", text[m.start(2) : stop])
    tail = re.sub(r"^the[ \t]*$", "", tail)
    if not re.search(r"[A-Z]", tail):
        return end
    return m.start(2) + len(tail)


def _without_trailing_role(text: str, start: int, end: int) -> tuple[int, int]:
    """A body's name with a role read after it cut off: "Facebook Head of" (of "Facebook Head of
    Cybersecurity Nathaniel Gleicher") is "Facebook"; a name never ends in "of" or "for"."""
    m = _TRAILING_ROLE.search(text, start, end)
    if m is None:
        return start, end
    role = m.group(1).split()
    if not any(w.lower() in ROLE_NOUNS or w.lower() in TITLE_WORDS for w in role[-1:]):
        return start, end
    return start, len(text[: m.start()].rstrip()) if m.start() > start else start


def _appositive_people(text: str, spans: Sequence[Span]) -> list[Span]:
    """People NER missed, named at the head of a sentence with an appositive of a kin or role
    noun ("Yuni, a resident of Lampung in Sumatra, was watching television"): new PERSON
    mentions (a word the article also writes in lower case, a stop word or a title is none)."""
    # for one-word and foreign names the small NER model does not know
    covered = [(s.start, s.end) for s in spans]
    persons = set(name_words()["kin_nouns"]) | ROLE_NOUNS
    out = []
    for m in _APPOSITIVE_PERSON.finditer(text):
        name, noun = m.group(1), m.group(2)
        if noun not in persons or any(a < m.end(1) and m.start(1) < b for a, b in covered):
            continue
        first = name.split()[0].lower()
        if first in _STOPS or first in TITLE_WORDS or first in ROLE_NOUNS or re.search(
                rf"(?<![\w’'\-]){re.escape(name.lower())}(?![\w’'\-])", text):
            continue
        out.append(Span(m.start(1), m.end(1), "PERSON"))
    return out


def _with_places(text: str, ner: Sequence[Span], places: Sequence[tuple[int, int]]) -> list[Span]:
    """NER spans with the known places (the dateline's "DRAVENSK") typed as places: an
    all-capital dateline word is a city, not an acronym."""
    out = [s for s in ner if not any(a < s.end and s.start < b for a, b in places)]
    out.extend(Span(a, b, "GPE", {"source": "dateline"}) for a, b in places if b > a)
    return sorted(out, key=lambda s: (s.start, s.end))


def _place_name(key: str) -> str:
    """"DRAVENSK" -> "Dravensk", "NEW YORK" -> "New York"; "UAE" stays (too short to tell from an acronym)."""
    if key.isupper() and len(re.sub(r"[\W\d_]", "", key)) >= 4:
        return re.sub(r"[^\W\d_]+", lambda w: w.group().capitalize(), key)
    return key


#: what may follow a name the NER cut short before its bracketed acronym: "Organization for Security
#: and Co-operation| in Europe (OSCE)", "Union| of Soviet Socialist Republics (USSR)"
_ACRONYM_TAIL = re.compile(r"(?:\s+(?:in|of|for|on|and|the|de|du|des)\b|\s+[A-Z][\w’'-]*)+"
                           r"(?=\s*\(([A-Z][A-Z.]{1,9})\))")


def _through_acronym_tail(text: str, ner: Sequence[Span]) -> list[Span]:
    """An organisation's name the NER cut before the last words of its expansion runs on to them
    when the bracketed acronym after those words spells the whole name and not the part ("the
    Organization for Security and Co-operation in Europe (OSCE)": OSC is no OSCE); a name found
    inside the words taken in ("Europe") is then no mention of its own."""
    out = sorted(ner, key=lambda x: (x.start, x.end))
    for i, s in enumerate(out):
        if s.label != "ORG":
            continue
        m = _ACRONYM_TAIL.match(text, s.end)
        if m is None or not re.search(r"[A-Z]", m.group(0)):
            continue
        acr = m.group(1).replace(".", "")
        part, whole = acronym_of(_words(text[s.start:s.end])), acronym_of(_words(text[s.start:m.end()]))
        if whole == acr and part != acr:
            out[i] = Span(s.start, m.end(), s.label, s.attrs)
    kept: list[Span] = []
    for s in out:
        if any(o is not s and o.start <= s.start and s.end <= o.end and (o.start, o.end) != (s.start, s.end)
               for o in out if o.label == "ORG"):
            continue  # inside a name that ran on over it
        kept.append(s)
    return kept


def build_entities(text: str, ner: Sequence[Span], places: Sequence[tuple[int, int]] = (),
                   tags: Sequence[Span] = ()) -> tuple[list[Mention], list[Entity]]:
    """Cluster NER mentions (plus acronym and description mentions) into canonical entities.

    ``places``: spans known to name places whatever NER says (the dateline's place);
    ``tags``: the article's part-of-speech tags, when known (see :mod:`.voting`)."""
    mentions: list[Mention] = []
    split_ner: list[Span] = []
    if places:
        ner = _with_places(text, ner, places)
    ner = _through_acronym_tail(text, ner)
    for s in ner:
        # "World Health Organization (WHO)" read as one mention: split off the acronym
        bm = re.search(r"\s*\(([A-Z][A-Z.]{1,9})\)?$", text[s.start : s.end])
        town = re.fullmatch(r"([A-Z][^,]*?),\s*([A-Z][A-Za-z.]{1,5})", text[s.start : s.end])
        if town and state_name(text, s.start + town.start(2), s.end):
            # "Edson, Alta." read as one name: the town, then its province
            split_ner.append(Span(s.start, s.start + town.end(1), "GPE"))
            split_ner.append(Span(s.start + town.start(2), s.end, "GPE"))
        elif bm and bm.start() > 0:
            split_ner.append(Span(s.start, s.start + bm.start(), s.label))
            a = s.start + bm.start(1)
            split_ner.append(Span(a, a + len(bm.group(1)), s.label))
        else:
            split_ner.append(s)
    # "X, Y and Z Department" whole; "Taos County Sheriff <name>" a place; "the Badgers" a family
    split_ner = drop_family_plurals(text, trim_office_before_name(text, join_coordinated_bodies(text, split_ner)))
    split_ner = clean_spans(text, _repair_ner(text, split_ner, tags), tags)  # junk, imperatives, "X or Y"
    if places:  # the repairs saw the places as places; they stay places
        split_ner = _with_places(text, split_ner, places)
    split_ner = vote_types(text, split_ner, tags)  # one type per name: registry, gazetteer, context
    generic = {(s.start, s.end) for s in split_ner if s.attrs.get("generic")}  # "the Church", "the Faith"
    for s in sorted(split_ner, key=lambda s: (s.start, s.end)):
        surface = text[s.start : s.end]
        label = s.label
        if label == "PERSON":
            key = strip_titles(surface)
        else:
            words = _words(surface)
            if len(words) > 1 and words[0].lower() in _DETS:  # "the", "a", "an"
                words = words[1:]
            key = " ".join(words)
            if key.endswith(_POSSESSIVES):
                key = key[:-2]
        if not key:
            continue
        if s.attrs.get("source") == "dateline":
            mentions.append(Mention(s.start, s.end, label, _place_name(key), "dateline"))
            continue
        state = state_name(text, s.start, s.end) if len(surface) <= 6 else None
        if state:  # "Louisville, Ky.", "(R-Ky.)": Kentucky, one entity with the article's "Kentucky"
            label, key = "GPE", state
        elif label in ("ORG", "GPE", "LOC", "NORP", "FAC") and _is_acronym_word(key):
            key = key.replace(".", "")
        mentions.append(Mention(s.start, s.end, label, key))
    # acronyms anywhere in the text that NER missed (all-capital words of 2-8 letters)
    covered = [(m.start, m.end) for m in mentions]
    # a person's name in capitals ("CARTER:" for Sara Carter in a transcript) is that person, not an acronym
    name_words = {name_form(w) for m in mentions if m.label == "PERSON" and len(m.key.split()) > 1
                  for w in m.key.split() if len(w) > 2}
    for hit in re.finditer(r"\b[A-Z][A-Z.]{1,9}\b", text):
        w = hit.group().rstrip(".")
        if not _is_acronym_word(w) or any(a <= hit.start() < b for a, b in covered):
            continue
        state = state_name(text, hit.start(), hit.start() + len(w))
        if state:  # "Westerville, OH", "(D-MN)": the state, by its name
            mentions.append(Mention(hit.start(), hit.start() + len(w), "GPE", state, "state"))
            continue
        if hit.start() > 0 and text[hit.start() - 1] in "'’-@#":
            continue  # "D-MN", "(@CNNPR)", "#MAGA": a code, a handle or a hashtag, no acronym
        if re.match(r"['’][A-Za-z]", text[hit.end() : hit.end() + 2]) or shouted_line(text, hit.start()):
            continue  # "WON’T": a contraction; a line in capitals: its words are no acronyms
        if name_form(w) in name_words:
            mentions.append(Mention(hit.start(), hit.start() + len(w), "PERSON", w.capitalize(), "ner"))
            continue
        kind = acronym_kind(text, hit.start(), hit.start() + len(w), tags)
        if kind == "GPE":  # "WESTERVILLE, OH": a state
            mentions.append(Mention(hit.start(), hit.start() + len(w), "GPE", w.replace(".", ""), "acronym"))
        elif kind == "ORG":
            mentions.append(Mention(hit.start(), hit.start() + len(w), "ORG", w.replace(".", ""), "acronym"))
    mentions = _join_acronym_pairs(text, mentions)
    mentions.extend(_surnames_missed(text, mentions))
    # "W.H.O." read as a person where the article names the World Health Organization: a dotted
    # acronym whose letters are the initials of a body the article names is that body
    bodies = {acronym_of(_words(m.key)) for m in mentions if m.label == "ORG" and len(_words(m.key)) >= 2}
    for m in mentions:
        if m.label == "PERSON" and m.key.count(".") >= 2 and _is_acronym_word(m.key) \
                and len(m.key.replace(".", "")) >= 3 and m.key.replace(".", "") in bodies:
            m.label, m.key = "ORG", m.key.replace(".", "")
    mentions.sort(key=lambda m: (m.start, m.end))

    entities: list[Entity] = []
    by_key: dict[tuple[str, str], int] = {}

    def group(label: str) -> str:
        return _TYPE_GROUP.get(label, label)

    def new_entity(m: Mention) -> int:
        entities.append(Entity(m.label))
        return len(entities) - 1

    def attach(m: Mention, k: int) -> None:
        m.entity = k
        e = entities[k]
        e.mentions.append(m)
        e.names[m.key] += 1
        by_key.setdefault((group(e.type), m.key.lower()), k)

    # 1. expansions with bracketed acronyms: "World Health Organization (WHO)"
    expansion_of: dict[str, str] = {}
    for m in mentions:
        if m.label in ("PERSON",) or _is_acronym_word(m.key):
            continue
        after = text[m.end : m.end + 14]
        am = re.match(r"\s*\(([A-Z][A-Za-z.]{1,9})\)", after)
        if am:
            acr = am.group(1).replace(".", "")
            if acronym_of(_words(m.key)).startswith(acr[:1]) and len(acr) >= 2:
                expansion_of[acr] = m.key
    # initials of multi-word ORG mentions (acronym without brackets elsewhere)
    for m in mentions:
        if m.label in ("ORG", "GPE", "NORP", "LOC", "FAC") and len(_words(m.key)) >= 2:
            acr = acronym_of(_words(m.key))
            if len(acr) >= 2:
                expansion_of.setdefault(acr, m.key)

    # 2. people: full names first, then single words join a full name; names are compared as
    # name forms, so transliterations ("Zelenskyy", "Zelensky", "Zelenskiy") are one name
    people = [m for m in mentions if m.label == "PERSON"]
    for m in sorted(people, key=lambda m: -len(m.key.split())):
        k = by_key.get(("PERSON", m.key.lower()))
        kin = _KIN_OF_NAMED.search(text, max(0, m.start - 60), m.start) if len(m.key.split()) == 1 else None
        if kin is not None:  # "Spindler's father, Joseph": Spindler's kin, not another Joseph
            k = next((j for j, e in enumerate(entities) if e.type == "PERSON" and any(
                len(n.split()) > 1 and n.split()[0] == m.key and name_form(n.split()[-1]) == name_form(kin.group(1))
                for n in e.names)), None)
        if len(m.key.split()) == 1 and kin is None:
            word = name_form(m.key)
            owners = [j for j, e in enumerate(entities) if e.type == "PERSON" and any(
                word in _surnames(n) for n in e.names if len(n.split()) > 1)]
            if len(owners) > 1:  # a surname two people named in full share: the one named last before it
                k = _nearest_named(entities, owners, m.start)
        if k is None and len(m.key.split()) == 1 and kin is None:
            word = name_form(m.key)
            cands = [j for j, e in enumerate(entities) if e.type == "PERSON" and any(
                word in _surnames(n) or name_form(n.split()[0]) == word for n in e.names)]
            # prefer a surname match, then the most mentioned
            cands.sort(key=lambda j: (not any(word in _surnames(n) for n in entities[j].names),
                                      -sum(entities[j].names.values())))
            if cands:
                k = cands[0]
        if k is None and len(m.key.split()) > 1:
            k = _particle_surname(entities, m.key)
        if k is None and len(m.key.split()) > 1:
            # "Donald J. Trump" and "Donald Trump", "V. Putin" and "Vladimir Putin": same first
            # word (or its initial) and last word
            first, last = m.key.split()[0], name_form(m.key.split()[-1])
            for j, e in enumerate(entities):
                if e.type == "PERSON" and any(_same_first(first, n.split()[0]) and name_form(n.split()[-1]) == last
                                              for n in e.names):
                    k = j
                    break
        if k is None:
            k = new_entity(m)
        attach(m, k)
    # 3. organisations, places and the rest
    for m in mentions:
        if m.label == "PERSON":
            continue
        key = m.key
        expansion = expansion_of.get(key) if _is_acronym_word(key) else None
        k = by_key.get((group(m.label), key.lower()))
        if k is None and group(m.label) in ("PLACE", "NORP"):  # NER read the same word as a place and a people
            k = by_key.get(("NORP" if group(m.label) == "PLACE" else "PLACE", key.lower()))
        if k is None and expansion:  # "U.S." joins "the United States" (a place), "WHO" its organisation
            k = by_key.get((group(m.label), expansion.lower()), by_key.get((group("ORG"), expansion.lower())))
        if k is None and not _is_acronym_word(key):
            # an expansion mention joins an entity whose acronym the text writes ("WHO"), not
            # one that only shares its initials ("Seth Jones" is not "San Jose")
            acr = acronym_of(_words(key))
            k = next((j for j, e in enumerate(entities) if acr in e.acronyms and acr in e.names and len(acr) >= 2),
                     None)
        if k is None and group(m.label) == "ORG":
            k = _short_form_of(entities, key)
        if k is None:
            if m.source == "acronym" and not expansion:
                continue  # an all-caps word with nothing to tie it to: decided below
            k = new_entity(m)
        attach(m, k)
        e = entities[k]
        if _is_acronym_word(key):
            e.acronyms.add(key)
            if expansion:
                e.expansion = expansion
        elif len(_words(key)) >= 2 and expansion_of.get(acronym_of(_words(key))) == key:
            e.acronyms.add(acronym_of(_words(key)))
            e.expansion = key
    # 4. acronym misspellings and leftover all-caps words
    pending = [m for m in mentions if m.entity < 0 and m.label != "PERSON"]
    known: dict[str, int] = {}
    for j, e in enumerate(entities):
        for acr in e.acronyms:
            known[acr] = j
    counts = Counter(m.key for m in mentions if _is_acronym_word(m.key))
    for m in pending + [m for m in mentions if m.entity >= 0 and _is_acronym_word(m.key) and not entities[m.entity].expansion]:
        if m.key in known and (m.entity < 0):
            attach(m, known[m.key])
            continue
        target = None
        for acr, j in known.items():
            if acr == m.key or not is_acronym_misspelling(m.key, acr) or lookup(m.key) is not None:
                # an outlet's own acronym ("CBC" of a photo credit) is no misspelling of "CBCF" or "BCC"
                continue
            if entities[j].expansion or counts[acr] > counts[m.key]:
                target = j
                break
        if target is not None and target != m.entity:
            was = m.entity
            if was >= 0:
                old = entities[was]
                old.mentions.remove(m)
                old.names[m.key] -= 1
                if old.names[m.key] <= 0:
                    del old.names[m.key]
            attach(m, target)
            if was >= 0 and not entities[was].mentions:
                for acr, j in list(known.items()):  # an emptied entity's acronyms lead to its heir
                    if j == was:
                        known[acr] = target
            entities[target].names[m.key] -= 1  # a misspelling never names the entity
            if entities[target].names[m.key] <= 0:
                del entities[target].names[m.key]
            entities[target].names.setdefault(next(iter(entities[target].acronyms), m.key), 0)
        elif m.entity < 0 and m.source == "acronym" and counts[m.key] >= 1 and m.key not in ("I", "A", "OK", "TV", "AM", "PM"):
            # an unexplained acronym used in the text: keep it as an organisation of its own
            k = new_entity(m)
            attach(m, k)
            entities[k].acronyms.add(m.key)
            known.setdefault(m.key, k)
    # 4b. a short form met before the full name ("former Rockets captain", then "the Kelowna Rockets")
    for j, e in enumerate(entities):
        if e.type != "ORG" or not e.mentions or e.acronyms or any(" " in n for n in e.names):
            continue
        k = _short_form_of(entities, next(iter(e.names))) if len(e.names) == 1 else None
        if k is not None and k != j:
            for m in e.mentions:
                m.entity = k
                entities[k].mentions.append(m)
                entities[k].names[m.key] += 1
            entities[k].mentions.sort(key=lambda x: x.start)
            e.mentions = []
    # 4c. a party by its members in the plural ("the Greens", "New Democrats"), named in full or by its
    # initials elsewhere ("Green Party", "NDP"): one body, whatever type NER gave the plural
    for j, e in enumerate(entities):
        if e.type not in ("NORP", "ORG") or not e.mentions:
            continue
        k = _party_of_members(entities, j)
        if k is None:
            k = _party_of_nickname(entities, j)  # "the Tories", "the GOP": the party named in full
        if k is not None:
            for m in e.mentions:  # the members' plural never names the party
                m.entity, m.label = k, entities[k].type
                entities[k].mentions.append(m)
            entities[k].mentions.sort(key=lambda x: x.start)
            e.mentions = []
    # 4d. a common noun with a capital ("the Church", "Council members", "the Faith"): the short form of
    # the body the article names in full with it ("Catholic Church"), else no entity unless a head noun
    for j, e in enumerate(entities):
        if e.type != "ORG" or not e.mentions or len(e.names) != 1 \
                or not all((m.start, m.end) in generic for m in e.mentions):
            continue
        word = next(iter(e.names))
        k = _generic_short_form(entities, word, j)
        if k is not None:
            for m in e.mentions:
                m.entity = k
                entities[k].mentions.append(m)
            entities[k].mentions.sort(key=lambda x: x.start)
            e.mentions = []
        elif not _head_noun(word):
            for m in e.mentions:
                m.entity = -1
            e.mentions = []
    # 4e. a body named by a full country name ("Democratic Republic of Congo (DRC)": the acronym,
    # read as an organisation, gathered the country's mentions) is the country
    for j, e in enumerate(entities):
        full = {n for n in [*e.names, e.expansion or ""] if " " in n}  # "DRC" is named by its expansion
        if e.type in ("ORG", "FAC") and e.mentions and any(place_kind(n) == "country" for n in full):
            e.type = "GPE"
            for m in e.mentions:
                m.label = "GPE"
            k = next((k for k, o in enumerate(entities) if k != j and o.type in ("GPE", "LOC") and o.mentions
                      and {n.lower() for n in o.names} & {n.lower() for n in full}), None)
            if k is not None:  # the country's own entity, which the voted mentions formed
                for m in e.mentions:
                    m.entity = k
                    entities[k].mentions.append(m)
                    entities[k].names[m.key] += 1
                entities[k].acronyms |= e.acronyms
                entities[k].mentions.sort(key=lambda x: x.start)
                e.mentions = []
    # 5. roles of people: "French President Emmanuel Macron", "Macron, the French president,"
    for m in mentions:
        if m.label != "PERSON" or m.entity < 0:
            continue
        e = entities[m.entity]
        surface = text[m.start : m.end]
        lead = surface[: surface.find(m.key)] if m.key in surface else ""
        before = text[max(0, m.start - 60) : m.start] + lead
        before = re.split(r"[\n.,;:()\[\]\-–—\"“”«»]\s", before + " ")[-1]
        bw = _words(before)
        role: list[str] = []
        for w in reversed(bw):
            if w.lower() in _DETS or not (w[:1].isupper() or w.lower() in ROLE_NOUNS):
                break
            role.insert(0, w)
            if len(role) >= 4:
                break
        while role and role[-1].lower().rstrip(".") not in ROLE_NOUNS:
            role.pop()
        if role:
            e.roles.add(" ".join(w.lower() for w in role))
        for w in role + bw[-1:]:
            g = _clean_word(w)
            if g in _FEMALE:
                e.gender = "f"
            elif g in _MALE:
                e.gender = "m"
        # "Kenya's opposition leader, Samuel Otieno," / "the union's president, Grace Liu,"
        bm = re.search(r"(?:\b[Tt]he|[A-Z][\w\-]*[’']s)\s+((?:[\w’'\-]+\s+){0,3}?[\w\-]+),\s*$",
                       text[max(0, m.start - 80) : m.start])
        if bm:
            words = [w.lower() for w in _words(bm.group(1))]
            if words and words[-1] in ROLE_NOUNS:
                e.roles.add(" ".join(words))
        am = re.match(r",\s+(?:the|a|an)\s+([^,.;:()\"“”]{3,60}?)\s*[,.;]", text[m.end : m.end + 80])
        if am:
            words = [w.lower() for w in _words(am.group(1))]
            if words and words[-1] in ROLE_NOUNS and len(words) <= 6 or any(w in ROLE_NOUNS for w in words):
                e.roles.add(" ".join(words))
    # 6. names
    for j, e in enumerate(entities):
        if not e.names:
            e.names[e.mentions[0].key if e.mentions else "?"] += 1
        e.name = e.canonical()
        e.id = f"{e.type.lower()}:{_slug(e.name)}"
    seen: Counter[str] = Counter()
    for e in entities:
        seen[e.id] += 1
        if seen[e.id] > 1:
            e.id = f"{e.id}-{seen[e.id]}"
    return [m for m in mentions if m.entity >= 0], [e for e in entities if e.mentions]


#: "Russian", "Chinese", "Turkish", "French", "Israeli", "Kremlin": a country's, not a party's
_NATIONAL = re.compile(r"[a-z\-]+(?:an|ese|ish|ch|i|ic)|kremlin")
_PARTY_WORDS = frozenset(["republican", "democratic", "democrat", "catholic", "islamic", "american-backed"])


#: a relative of a named person given by first name: "Spindler's father, Joseph", "Roe’s wife Ana"
_KIN_OF_NAMED = re.compile(r"\b([A-Z][\w\-]+)[’']s\s+(?:(?:late|older|younger|eldest|step|twin)\s+)?"
                           r"(?:father|mother|dad|mom|mum|son|daughter|brother|sister|wife|husband|partner|"
                           r"uncle|aunt|cousin|grandmother|grandfather|nephew|niece|widow|widower),?\s+$")


def _join_acronym_pairs(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two capitalised words NER missed, one space apart and no third beside them, are one name
    ("the technology company NGP VAN", "Audit files from NGP VAN show"), not two bodies."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and m.source == prev.source == "acronym" and m.label == prev.label == "ORG" \
                and m.start == prev.end + 1 and text[prev.end] == " " and prev.key.isalpha() and m.key.isalpha() \
                and not re.search(r"[A-Z]{2,}\s$", text[max(0, prev.start - 12) : prev.start]) \
                and not re.match(r"\s[A-Z]{2,}\b", text[m.end : m.end + 12]):
            out[-1] = Mention(prev.start, m.end, "ORG", f"{prev.key} {m.key}", "ner")  # a name, not an acronym
            continue
        out.append(m)
    return out


def _surnames_missed(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Surnames alone that NER missed ("When Easley first told Cable she loved him" after
    "Randy Cable"): every capitalised occurrence of the surname of one person named in full,
    standing alone (no capitalised word joined before or after it), outside other mentions,
    when the article never writes the word in lower case ("cable" would make it a word)."""
    # for surnames that are also common words or that the small NER model misses out of context
    covered = sorted((m.start, m.end) for m in mentions)
    owners: dict[str, set[str]] = {}
    for m in mentions:
        words = m.key.split()
        if m.label == "PERSON" and len(words) > 1 and len(words[-1]) > 2 and words[-1].isalpha():
            owners.setdefault(words[-1], set()).add(m.key)
    out = []
    for surname, keys in owners.items():
        if len({k.split()[0] for k in keys}) > 1 or re.search(rf"(?<![\w’'\-]){surname.lower()}(?![\w\-])", text):
            continue  # two people share it, or it is a common word too
        for hit in re.finditer(rf"(?<![\w’'\-]){re.escape(surname)}(?![\w\-])", text):
            a, b = hit.start(), hit.end()
            k = bisect.bisect_right(covered, (a, len(text))) - 1
            if k >= 0 and covered[k][0] <= a < covered[k][1] or any(x[0] < b and a < x[1] for x in covered[k + 1 : k + 2]):
                continue
            if re.search(r"[A-Z][\w’'\-]*\s+$", text[max(0, a - 30) : a]) and not re.search(
                    r"(?:^|[.!?\n\"“”]\s*)[A-Z][\w’'\-]*\s+$", text[max(0, a - 30) : a]):
                continue  # "Jason Cable", "Cable TV": a capitalised word joined to it, not a sentence's first word
            if re.match(r"\s+[A-Z]", text[b : b + 2]):
                continue  # "Cable News": the first word of another name
            out.append(Mention(a, b, "PERSON", surname, "ner"))
    return out


def _short_form_of(entities: Sequence[Entity], key: str) -> int | None:
    """The one organisation named before in full whose name ``key``, a single word, shortens:
    its last word ("the Rockets" of "the Kelowna Rockets") or the part before its hyphen ("SNC"
    of "SNC-Lavalin"); not a generic head ("Party", "University"), which many names end with."""
    # for bodies a story names in full once, then by a short form
    if " " in key or len(key) < 3 or not key[:1].isupper() or key.lower() in name_words()["org_heads"]:
        return None
    found = {j for j, e in enumerate(entities) if e.type == "ORG" and any(
        " " in n and n.split()[-1] == key or n.startswith(key + "-") for n in e.names)}
    return next(iter(found)) if len(found) == 1 else None


def _head_noun(word: str) -> bool:
    """A head noun of bodies' names ("Church", "Council"): a name on its own when no body ends with it."""
    return word.lower() in name_words()["org_heads"]


def _generic_short_form(entities: Sequence[Entity], word: str, j: int) -> int | None:
    """The body a capitalised common noun alone stands for: of the organisations the article
    names in full with it last ("Catholic Church", "Roman Catholic Church" for "the Church"), the
    one named most often, when no other is named as often; None for a legislature's chamber
    ("the House" is not "the White House") or when the article also names a body that begins
    with it ("House of Representatives")."""
    low = word.lower()
    if low in name_words().get("chambers", frozenset()):
        return None
    ends: list[tuple[int, int]] = []
    for k, e in enumerate(entities):
        if k == j or e.type != "ORG" or not e.mentions:
            continue
        names = [n for n in e.names if " " in n]
        if any(n.lower().startswith(low + " ") for n in names):
            return None
        if any(n.split()[-1].lower() == low and " of " not in n for n in names):  # not "Society of McGill University"
            ends.append((len(e.mentions), k))
    ends.sort(reverse=True)
    if not ends or len(ends) > 1 and ends[1][0] == ends[0][0]:
        return None
    return ends[0][1]


def _party_of_members(entities: Sequence[Entity], j: int) -> int | None:
    """The one organisation that entity ``j``, named only by a plural ("Greens", "New Democrats"),
    is the party of: the organisation named "<singular> Party" ("Green Party"; "Democratic Party"
    for "Democrats") or by that name's initials ("NDP" for "New Democrats"); else None."""
    # for parties a story names by their members as often as by their name
    found: set[int] = set()
    for n in entities[j].names:
        words = n.split()
        last = words[-1] if words else ""
        if not (len(last) > 3 and last.endswith("s") and not last.endswith("ss") and last[:1].isupper()
                and last.isalpha() and not last.isupper()):
            return None
        stem = last[:-1]
        fulls = {" ".join([*words[:-1], form, "Party"]).lower() for form in (stem, stem + "ic")}
        initials = {a for a in (acronym_of(f.split()) for f in fulls) if len(a) >= 3}  # not "MP" for "Muslims"
        found |= {k for k, o in enumerate(entities) if k != j and o.type == "ORG" and o.mentions and any(
            x.lower() in fulls or (x in initials and x.isupper()) for x in o.names)}
    return next(iter(found)) if len(found) == 1 else None


def _party_of_nickname(entities: Sequence[Entity], j: int) -> int | None:
    """The one organisation entity ``j``, named only by a party's nickname of the word lists
    ("Tories", "GOP"), is: the one named by that party's full name ("Conservative Party", "the
    British Conservative Party"); else None (the nickname stays what NER read)."""
    nicknames = dict(x.split(":", 1) for x in name_words().get("party_nicknames", frozenset()))
    fulls = {nicknames.get(n.lower()) for n in entities[j].names}
    if None in fulls or len(fulls) != 1:
        return None
    full = next(iter(fulls))
    found = {k for k, o in enumerate(entities) if k != j and o.type == "ORG" and o.mentions and any(
        x.lower() == full or x.lower().endswith(" " + full) for x in o.names)}
    return next(iter(found)) if len(found) == 1 else None


def _nearest_named(entities: Sequence[Entity], owners: Sequence[int], at: int) -> int:
    """Of the people sharing a surname, the one the text has named most often so far, in full or by the
    surname (the subject, not "his son, Ivo Tamm, 4", named once); between people named as often
    ("Stephen Cohen" early on, "Michael Cohen" later), the one named in full last before offset
    ``at``, else the one named first.  (Surnames alone are attached in text order.)"""
    most = max(len(entities[j].mentions) for j in owners)
    full = {j: [x.start for x in entities[j].mentions if len(x.key.split()) > 1]
            for j in owners if len(entities[j].mentions) == most}
    before = [(max(p for p in starts if p < at), j) for j, starts in full.items() if any(p < at for p in starts)]
    if before:
        return max(before)[1]
    return min(full, key=lambda j: min(full[j], default=at))


def _particle_surname(entities: Sequence[Entity], key: str) -> int | None:
    """The person whose full name ends with ``key``, a surname behind a particle ("Al Turkmani"
    of "Ragheb Al Turkmani", "van Dijk" of "Virgil van Dijk") or two surnames ("López Obrador" of
    "Andrés Manuel López Obrador"; not "Ann Smith" of "Mary Ann Smith"): the one such person, else None."""
    # for surnames of several words: they stand alone in later mentions as a single word would
    words = [name_form(w) for w in key.split()]
    particle = key.split()[0].lower() in name_words()["particles"]
    if not particle and (key.split()[0].lower() in first_names() or not key.split()[0][:1].isupper()):
        return None  # also two surnames ("López Obrador" of "Andrés Manuel López Obrador"), not "Ann Smith"

    def given(extra: list[str]) -> bool:  # the words before two surnames are given names: not "The", "Founder"
        stops = (_STOPS or frozenset()) | TITLE_WORDS | ROLE_NOUNS
        return particle or all(w[:1].isupper() and w.lower().rstrip(".") not in stops for w in extra)

    found = {j for j, e in enumerate(entities) if e.type == "PERSON" and any(
        len(n.split()) > len(words) and [name_form(w) for w in n.split()[-len(words):]] == words
        and given(n.split()[: -len(words)]) for n in e.names)}
    return next(iter(found)) if len(found) == 1 else None


def _one_so_far(entities: Sequence[Entity], holders: set[int], pos: int) -> int | None:
    """The one holder of a role the text has named before ``pos`` ("the minister" after Lavrin,
    with the Chinese minister named only later), or the only holder at all; else None."""
    if len(holders) == 1:
        return next(iter(holders))
    before = [j for j in holders if any(x.start < pos for x in entities[j].mentions)]
    return before[0] if len(before) == 1 else None


_LEADER_ROLES = ("president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "supreme leader")


def _holder(entities: Sequence[Entity], words: list[str], capitalised: bool, roles: Mapping[str, set[int]],
            heads: Mapping[str, set[int]], leaders: set[int], pos: int) -> int | None:
    """The person a description ``the <words>`` at ``pos`` names, if one: a role held as
    written; "the <role noun>" held by one person; "the <Capitalised> leader" for the one head
    of state or government; "the Russian president" for the holder of a role with that head
    whose other words do not contradict it ("president" fits, "ukrainian president" does not)."""
    if (len(words) == 2 and words[-1] == "leader" and capitalised and len(leaders) == 1
            and _NATIONAL.fullmatch(words[0]) and words[0] not in _PARTY_WORDS):
        return next(iter(leaders))
    one = _one_so_far(entities, roles.get(" ".join(words), set()), pos)
    if one is None and len(words) == 1:
        one = _one_so_far(entities, heads.get(words[0], set()), pos)
    if one is None and len(words) == 2 and capitalised:
        fits = {j for j in heads.get(words[-1], set()) if any(
            r.split()[-1] == words[-1] and set(r.split()[:-1]) <= {words[0]} for r in entities[j].roles)}
        one = _one_so_far(entities, fits, pos)
    return one


def find_descriptions(text: str, entities: Sequence[Entity]) -> list[tuple[int, int, int]]:
    """``(start, end, entity index)`` for "the French president" style mentions of known roles.

    A description matches an entity when its words equal one of the entity's roles, or, when
    it is only "the <role noun>", when exactly one person holds a role with that head noun
    (counting, when several do, only those the text has named before the description);
    "the <Capitalised> leader" ("the Russian leader") matches the one person the article
    gives a role that leads a state or government (president, prime minister, chancellor …).
    """
    roles: dict[str, set[int]] = {}
    heads: dict[str, set[int]] = {}
    for j, e in enumerate(entities):
        for r in e.roles:
            roles.setdefault(r, set()).add(j)
            words = r.split()
            heads.setdefault(words[-1], set()).add(j)
            # "the foreign minister" for "Foreign Minister" held by a person of a named country
            for i in range(1, len(words)):
                roles.setdefault(" ".join(words[i:]), set()).add(j)
    # "the Russian leader": the one person who leads a state or government in the article
    leaders = {j for j, e in enumerate(entities) for r in e.roles
               if r.endswith(_LEADER_ROLES) and not set(r.split()) & {"vice", "deputy", "former", "acting"}}
    out: list[tuple[int, int, int]] = []
    for m in re.finditer(r"\b[Tt]he\s+", text):
        following = list(re.finditer(r"[\w’'\-]+", text[m.end() : m.end() + 60]))[:4]
        best = None
        for n in range(len(following), 0, -1):
            words = [w.group().lower() for w in following[:n]]
            gap = text[m.end() : m.end() + following[n - 1].end()]
            if not re.fullmatch(r"[\w’'\-]+(?: [\w’'\-]+)*", gap):
                continue
            if words[-1] not in ROLE_NOUNS:
                continue
            one = _holder(entities, words, following[0].group()[:1].isupper(), roles, heads, leaders, m.start())
            if one is not None:
                best = (m.start(), m.end() + following[n - 1].end(), one)
                break
        if best:
            out.append(best)
    return out
