"""Person descriptions as sources: "the affable proprietor", "the WHL commissioner", "his father".

News introduces a person by name and then refers to them by what they are: "says the
39-year-old founder of Studiocomix Press", "the former sergeant-at-arms of the House of
Commons said", "points out the laid-back Cambridge resident, who moved …".  Such a source
names nobody, so the entity layer leaves it unresolved, or takes a name from its modifiers
or its relative clause ("… who sold copies of his comic Forgotten Grunt").

:func:`person_description` tells such a description from a body or a document ("the
company", "the report": :mod:`speakers` handles those) and returns its head noun;
:func:`role_holder` finds the person the text introduced with that role before (appositive
"X, the sheriff of Y," / "X, 39, founder of Y", premodifier "Sheriff X" / "Spindler's
father, Joseph").  When no one was so introduced, :class:`~.speakers.AttributionSpeakers`
ranks the people named before it as for a pronoun (the person just introduced, the last
speaker); a possessive description ("his father") takes only a role holder, since the
ranking would find the possessor himself.

>>> person_description("the 39-year-old founder of Studiocomix Press, which recently opened")
('the', 'founder')
>>> person_description("the company") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from propscope.analyzers.entities.canonical import ROLE_NOUNS
from propscope.article import Span

__all__ = ["BODY_HEADS", "DOCUMENT_NOUNS", "PERSON_NOUNS", "body_description", "document_author", "document_noun",
           "named_body", "person_description", "role_holder", "noun_gender"]

#: nouns of people that no suffix tells ("the bow-tied maverick", "the rookie defenceman")
PERSON_NOUNS = ROLE_NOUNS | frozenset([
    "maverick", "veteran", "rookie", "star", "champion", "guy", "man", "woman", "boy", "girl", "father", "mother",
    "son", "daughter", "brother", "sister", "wife", "husband", "dad", "mom", "mum", "uncle", "aunt", "grandmother",
    "grandfather", "widow", "widower", "friend", "partner", "coach", "chief", "head", "captain", "mp", "mla", "mpp",
    "pm", "ig", "ag",
    "lawyer", "attorney", "counsel", "judge", "cop", "officer", "spokesperson", "pilot", "nurse", "doctor",
    "surgeon", "physician", "chef", "artist", "owner", "proprietor", "founder", "co-founder", "survivor", "victim",
    "suspect", "accused", "teen", "teenager", "youngster", "senator", "premier", "mayor", "candidate", "incumbent",
    "expert", "analyst", "economist", "scientist", "researcher", "professor", "student", "athlete", "player",
    "justice", "magistrate", "sheriff", "detective", "constable", "paramedic", "deputy", "clerk", "priest",
    "bishop", "pastor", "rabbi", "imam",
    "hopeful", "critic", "rival", "boss", "favourite", "favorite", "underdog", "ally", "foe", "insider"])
#: words a person-like suffix would take for people ("paper", "letter", "government")
_NOT_PEOPLE = frozenset([
    "paper", "letter", "order", "number", "center", "centre", "computer", "poster", "charter", "register",
    "newspaper", "filer", "chapter", "quarter", "water", "matter", "border", "monitor", "sector", "factor",
    "error", "mirror", "tabloid", "document", "parliament", "restaurant", "plant", "statement", "agreement",
    "department", "government", "tenant", "event", "percent", "cent", "component", "segment", "comment"])
_PERSON_SUFFIX = re.compile(r"(?:[a-z]{3}(?:er|or|ist|ian|ent|ant|eur|ee)|man|woman|person|wife)$")
_GENDER = {"father": "m", "dad": "m", "son": "m", "brother": "m", "husband": "m", "uncle": "m", "man": "m",
           "boy": "m", "grandfather": "m", "widower": "m", "mother": "f", "mom": "f", "mum": "f", "daughter": "f",
           "sister": "f", "wife": "f", "aunt": "f", "woman": "f", "girl": "f", "grandmother": "f", "widow": "f"}
#: "the (modifiers) HEAD (of/for/at/with/from …)": a definite or possessive description
_DESCRIPTION = re.compile(
    r"(?P<det>the|his|her)\s+(?P<mods>(?:[\w’'\-.]+\s+){0,4}?)(?P<head>[a-z][a-z\-]*[a-z])"
    r"(?:\s+(?:of|for|at|with|from|in|on)\s+.*)?$", re.IGNORECASE | re.DOTALL)


def noun_gender(head: str) -> str | None:
    """"m"/"f" for a gendered person noun ("father", "spokeswoman"), else None."""
    if head in _GENDER:
        return _GENDER[head]
    if head.endswith("woman"):
        return "f"
    if head.endswith("man") and head not in ("human",):
        return "m"
    return None


def _is_person_noun(head: str) -> bool:
    first = head.split("-")[0]  # "sergeant-at-arms", "vice-president"
    for w in (head, first):
        if w in _NOT_PEOPLE:
            return False
        if w in PERSON_NOUNS or _PERSON_SUFFIX.search(w):
            return True
    return False


def person_description(mention: str) -> tuple[str, str] | None:
    """(determiner, head noun) when ``mention`` (a source span) describes one person by what
    they are ("the affable proprietor", "The former sergeant-at-arms of the House of Commons",
    "his father"); None for names, bodies, plurals and indefinites ("a senior official": often
    nobody the article names)."""
    # for news: a person named once, then quoted under a description of their role
    parts = re.split(r",|\s+(?:who|whose|which|—|-{1,2})\s+", mention.strip(), maxsplit=1)
    head_part = parts[0]
    if len(parts) > 1 and re.match(r"\s*[A-Z][\w’'\-]*[a-z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*[a-z][\w’'\-]*){0,3}\s*,?\s*$",
                                   parts[1]):
        return None  # "His father, Ernie LeBlanc": the name in apposition is the source
    m = _DESCRIPTION.fullmatch(head_part)
    if m is None:
        return None
    det, head, mods = m.group("det").lower(), m.group("head").lower(), m.group("mods")
    if re.search(r"[A-Z][\w’'\-]*[a-z]\s+[A-Z][\w’'\-]*[a-z]\s*$", mods) and det == "the":
        return None  # "the IFSD's Azfar Ali" ... a name run before the head is a name
    acronym = m.group("head").isupper() and head in PERSON_NOUNS  # "the PM", "the CEO"
    if (m.group("head")[0].isupper() and not acronym) or not _is_person_noun(head):
        return None
    if head.endswith("s") and not head.endswith(("ss", "us")) and head[:-1] in PERSON_NOUNS | frozenset(
            ["resident", "player", "worker", "official", "leader", "member", "expert"]):
        return None  # a plural: "the residents" are a group
    return det, head


#: roles written as acronyms and their words ("the PM" was introduced as "Prime Minister X")
_ACRONYM_ROLES = {"pm": ("prime minister",), "ig": ("inspector general",), "ag": ("attorney general",),
                  "ceo": ("chief executive", "chief executive officer")}
_LEGISLATORS = ("lawmaker", "legislator", "senator", "congressman", "congresswoman", "assemblyman", "assemblywoman",
                "mp", "mpp", "mla")
#: other words that introduce a person in the same role ("hired an attorney, Victoria Toensing" …
#: "the lawyer said"; "Liberal MP Ana Roe" … "the lawmaker said")
_SAME_ROLE_WORDS = {"lawyer": ("attorney", "counsel", "solicitor", "barrister"), "attorney": ("lawyer", "counsel"),
                    "counsel": ("lawyer", "attorney"), "lawmaker": _LEGISLATORS, "legislator": _LEGISLATORS,
                    "spokesman": ("spokesperson",), "spokeswoman": ("spokesperson",),
                    "spokesperson": ("spokesman", "spokeswoman"),
                    # "Foreign Minister X" … "the top diplomat"
                    "diplomat": ("foreign minister", "foreign secretary", "secretary of state")}
#: a title abbreviation right before a name gives that person these roles ("Sen. Carl Pope" … "the senator")
_TITLE_ROLES = {"Sen": ("senator", "lawmaker", "legislator"),
                "Rep": ("representative", "congressman", "congresswoman", "lawmaker", "legislator"),
                "Gov": ("governor",), "Prof": ("professor",), "Gen": ("general",), "Sgt": ("sergeant",),
                "Lt": ("lieutenant",), "Capt": ("captain",), "Det": ("detective",), "Const": ("constable",),
                "Insp": ("inspector",), "Supt": ("superintendent",), "Cpl": ("corporal",), "Amb": ("ambassador",),
                "Atty": ("attorney", "lawyer")}
_TITLE_BEFORE = re.compile(r"\b(?P<title>" + "|".join(_TITLE_ROLES) + r")\.?\s+$")
_TITLE_OPENS = re.compile(r"(?P<title>" + "|".join(_TITLE_ROLES) + r")\.?\s+")


def _role_words(head: str) -> list[str]:
    """Patterns of the words that introduce a person with the role ``head``: the word itself,
    the words of its acronym ("pm": "prime minister") and the words for the same role."""
    words = [re.escape(head)] + [re.escape(x).replace("\\ ", r"\s+") for x in _ACRONYM_ROLES.get(head, ())]
    return words + [re.escape(x) for x in _SAME_ROLE_WORDS.get(head, ())]


def _titled_for(text: str, at: int, head: str) -> bool:
    """Whether a title abbreviation right before ``at`` or opening the mention there gives the
    role ``head`` ("Sen. Carl Pope")."""
    m = _TITLE_BEFORE.search(text, max(0, at - 8), at) or _TITLE_OPENS.match(text, at)
    return m is not None and head in _TITLE_ROLES[m.group("title")]


def role_holder(text: str, people: Iterable[tuple[Span, str]], head: str, before: int,
                prefer: str | None = None) -> str | None:
    """The one person introduced with the role ``head`` before ``before``: a mention followed
    in its sentence by a comma and the role ("Kevin Vickers, who became …, the sergeant-at-arms",
    "Alfonso Espinos, 39, founder of …") or preceded by it within three words ("Sheriff Ann
    Dow", "WHL commissioner Ron Robison", "Spindler's father, Joseph", "Sen. Carl Pope"), the role
    written as itself or as a word for the same role ("an attorney, Victoria Toensing" … "the
    lawyer").  ``people``: (mention, entity id) of the persons named before; None when no one, or
    two different people, hold it, or when someone unnamed was given the role after the last
    of them ("… a civil attorney working with the witness …" … "the civil lawyer wrote").
    Of two holders or more, ``prefer`` (the speaker quoted last) when they are named last of
    them ("Sen. Rand Paul …. Sen. John McCain said …. Paul contends …. The lawmaker added")."""
    # for news: the role a description repeats was attached to the name when it was introduced
    word = re.compile(r"\b(?:" + "|".join(_role_words(head)) + r")s?\b", re.IGNORECASE)
    found: set[str] = set()
    last = 0
    latest: dict[str, int] = {}  # entity id -> where it was named last
    for m, eid in people:
        if m.start < before:
            latest[eid] = max(latest.get(eid, -1), m.start)
        if m.start < before and _introduced_with(text, m, word, head):
            found.add(eid)
            last = max(last, m.end)
    if len(found) > 1 and prefer in found and max(found, key=lambda e: latest[e]) == prefer:
        found = {prefer}
    if len(found) != 1 or _unnamed_holder(text, head, last, before):
        return None
    return next(iter(found))


def _introduced_with(text: str, m: Span, word: re.Pattern[str], head: str) -> bool:
    """Whether the mention ``m`` is given the role ``word`` matches: after a comma in its sentence,
    or within three words (or a title abbreviation) before it."""
    stop = re.search(r"[.;:!?\n“”\"]\s", text[m.end : m.end + 160])
    after = text[m.end : m.end + (stop.start() if stop else 160)]
    if after.startswith(",") and word.search(after[: min(len(after), 90)]):
        return True
    lead = text[max(0, m.start - 40) : m.start]
    lead = re.split(r"[.;:!?\n“”\"]\s", lead)[-1]
    words = re.findall(r"[\w’'\-]+", lead)[-4:]
    return bool(word.search(" ".join(words))) or _titled_for(text, m.start, head)


#: kinship roles: "the father" is the father in the family the text speaks of last
_KIN = frozenset(["father", "dad", "mother", "mom", "mum", "son", "daughter", "brother", "sister", "husband", "wife",
                  "uncle", "aunt", "grandfather", "grandmother", "widow", "widower", "parent", "stepfather",
                  "stepmother", "grandson", "granddaughter", "nephew", "niece", "cousin"])
#: a family other than the one named before: "the family of a 35-year-old man", "relatives of one victim"
_OTHER_FAMILY = re.compile(r"\b(?:family|families|relatives|parents|loved\s+ones)\s+of\s+(?:an?|another|one)\b"
                           r"|\b(?:an?|another)\s+(?:[\w\-]+\s+){0,2}?family\b"
                           r"(?![\s\-]+(?:friends?|members?|spokes\w+|lawyers?|attorneys?|representatives?|statement|"
                           r"doctor)\b)", re.IGNORECASE)


def other_family(text: str, head: str, a: int, b: int) -> bool:
    """Whether ``head`` is a kinship role ("the father") and ``text[a:b]`` speaks of another
    family ("the family of a 35-year-old man"): the description is someone in that family."""
    return head in _KIN and _OTHER_FAMILY.search(text, a, b) is not None


def _unnamed_holder(text: str, head: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` introduces someone unnamed with the role ``head``: an indefinite
    noun phrase ("a civil attorney working with …") with no name after it, or, for a kinship
    role, another family ("Spindler's father, Joseph, …. The family of a 35-year-old man …
    the father repeated": a father in that family, not Joseph)."""
    # for news on several victims: kinship descriptions follow the family last spoken of
    if other_family(text, head, a, b):
        return True
    words = "|".join(_role_words(head))
    for m in re.finditer(rf"\b(?:an?|another)\s+(?:[\w\-]+\s+){{0,3}}?(?:{words})s?\b", text[a:b], re.IGNORECASE):
        if not re.match(r"\s*,?\s*(?:[A-Z][\w’'\-]*\.?\s+)?[A-Z][\w’'\-]+", text[a + m.end() : a + m.end() + 40]):
            return True
    return False


#: head nouns of bodies a news text names by their kind once it has named them ("the embassy",
#: "the state department", "the Trump administration")
BODY_HEADS = frozenset([
    "department", "ministry", "embassy", "consulate", "mission", "administration", "government", "agency", "office",
    "commission", "committee", "subcommittee", "council", "court", "tribunal", "police", "army", "navy", "military",
    "parliament", "senate", "congress", "cabinet", "presidency", "kremlin", "pentagon", "secretariat", "directorate",
    "bureau", "service", "authority", "authorities", "prosecutor's office", "regulator", "watchdog", "regime"])
#: loaded heads a body is named by, and the neutral name of that body ("the Iranian regime" speaks as
#: "the Iranian government": the outlet's label for a government is no name of the speaker)
_NEUTRAL_HEADS = {"regime": "government"}
_BODY_WORD = r"[\w.’'\-]+"
#: "the (modifiers) HEAD (in/of/to Place)": a body named by what it is
_BODY_DESCRIPTION = re.compile(
    rf"(?:the|The)\s+(?P<mods>(?:{_BODY_WORD}\s+){{0,3}}?)(?P<head>[A-Za-z]+)"
    rf"(?P<tail>\s+(?:in|of|to|at|for)\s+(?:the\s+)?[A-Z]{_BODY_WORD}(?:\s+[A-Z]{_BODY_WORD}){{0,2}})?")
#: an earlier name of the body: capitalised modifiers, the head, maybe "in/of/to Place"
_CAPS = r"(?:(?!(?:The|A|An|This|That|Its|His|Her|Their)\b)[A-Z][\w.’'\-]*\s+)"


def body_description(mention: str) -> tuple[str, str, str, str] | None:
    """(description, modifiers, head, tail) when ``mention`` (a source span) names a body by its
    kind ("The embassy in Beijing", "the U.S. government", "The state department"), else None.
    Names ("the Kremlin" is a name too, but the entities layer knows it), possessives and
    relative clauses are cut off first.

    >>> body_description("The embassy in Beijing")[0]
    'the embassy in Beijing'
    >>> body_description("the company's lawyer") is None
    True
    """
    # for news: a body named once in full, then quoted as "the embassy", "the mission"
    head_part = re.split(r",|\s+(?:who|whose|which|that|—|-{1,2})\s+", mention.strip(), maxsplit=1)[0]
    m = _BODY_DESCRIPTION.fullmatch(head_part)
    if m is None or m.group("head").lower() not in BODY_HEADS:
        return None
    mods = m.group("mods")
    if re.search(r"['’]s?\b", mods) and not re.search(r"\bU\.S\.", mods):
        return None  # "the company's legal department": the possessor is the body
    head = m.group("head")
    neutral = _NEUTRAL_HEADS.get(head.lower())
    name = "the " + (head_part[4 : m.start("head")] + (neutral or head) + head_part[m.end("head") :]).strip()
    return name, mods.strip(), neutral or head, (m.group("tail") or "").strip()


def named_body(text: str, before: int, description: tuple[str, str, str, str]) -> str | None:
    """The fuller name under which the text named the described body before ``before``: the
    nearest earlier "US embassy in Beijing" / "State Department" / "US Mission in China" whose
    words include the description's modifiers and whose place (if both give one) is the same;
    None when there is none."""
    _name, mods, head, tail = description
    pat = re.compile(rf"(?<![\w.’'\-]){_CAPS}{{1,4}}(?i:{re.escape(head)})\b"
                     rf"(?P<tail>\s+(?:in|of|to|at|for)\s+(?:the\s+)?[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)?)?")
    need = {w.lower() for w in mods.split()}
    best = None
    for m in pat.finditer(text[:before]):
        words = {w.lower() for w in m.group(0).split()}
        own_tail = (m.group("tail") or "").strip()
        if not need <= words or (tail and own_tail and own_tail.lower() != tail.lower()):
            continue
        best = m.group(0).strip() if own_tail or not tail else m.group(0).strip() + " " + tail
    return best


#: nouns of documents a text quotes as if they spoke ("the plan states", "the indictment says")
DOCUMENT_NOUNS = frozenset(["plan", "report", "paper", "study", "indictment", "memo", "memorandum", "document",
                            "documents", "complaint", "lawsuit", "filing", "analysis", "review", "assessment",
                            "strategy", "proposal", "dossier", "letter", "guidance", "advisory", "order", "suit",
                            "claim", "petition"])
#: abbreviations a name may hold before a full stop ("Gov. Ada Roe"): no sentence ends there
_ABBREVIATIONS = frozenset(["Mrs", "Gen", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep", "Prof", "Rev", "Hon", "Lt",
                            "Cpl", "Const", "Insp", "Supt", "Det", "Cmdr", "Adm", "Maj", "Atty"])
#: nouns of one court filing: a text names the same filing by any of them ("filed a lawsuit … The
#: suit says … the civil claim said")
_LEGAL_NOUNS = frozenset(["lawsuit", "suit", "claim", "complaint", "petition"])
_DOC = re.compile(r"(?:the|The|this|This)\s+(?:[\w\-]+\s+){0,2}?(?P<noun>[a-z]+)")
_AUTHOR = (r"(?P<by>(?:the[ \t]+)?[A-Z][\w&’'.\-]*"
           r"(?:[ \t]+(?:of[ \t]+|for[ \t]+|on[ \t]+|and[ \t]+)?[A-Z][\w&’'.\-]*){0,6})")


def document_noun(mention: str) -> str | None:
    """The document noun of a source that is a definite document ("The plan", "the white paper",
    "the 11-count indictment"), else None."""
    m = _DOC.fullmatch(mention.strip())
    if m is None or m.group("noun") not in DOCUMENT_NOUNS:
        return None
    return m.group("noun")


def document_author(text: str, before: int, noun: str) -> tuple[int, int] | None:
    """The span naming who wrote or issued the document the text introduced before ``before``
    ("The plan, authored by the Security Studies Group", "The Department of Justice unsealed an
    11-count indictment", "SSG writes in the paper", "the SSG's plan"): the nearest such name,
    else None."""
    # for news that quotes a document as a speaker: its words are its author's
    legal = noun in _LEGAL_NOUNS
    word = rf"(?:{'|'.join(sorted(_LEGAL_NOUNS))})s?" if legal else rf"{re.escape(noun)}s?"
    pats = (
        re.compile(rf"\b{word}\b[^.;\n]{{0,40}}?\b(?:authored|written|drafted|prepared|released|issued|published|"
                   rf"produced|compiled|filed|unsealed|launched|brought)\s+(?:on\s+\w+\s+)?by\s+{_AUTHOR}"),
        re.compile(rf"{_AUTHOR}\s+(?:has\s+|had\s+|have\s+)?(?:unsealed|released|issued|published|filed|drafted|"
                   rf"wrote|authored|prepared|produced|circulated|launched|brought|lodged)\s+(?:an?|the|its|his|her|"
                   rf"their)\s+(?:[\w\-]+\s+){{0,3}}{word}\b"),
        re.compile(rf"{_AUTHOR}\s+(?:writes|wrote|says|said|states|stated|argues|argued)\s+in\s+(?:the|its|a|their)\s+"
                   rf"(?:[\w\-]+\s+){{0,2}}{word}\b"),
        re.compile(rf"{_AUTHOR}['’]s?\s+(?:[\w\-]+\s+){{0,2}}{word}\b"),
        re.compile(rf"\b{word}\s+(?:from|by)\s+{_AUTHOR}"),
    )
    verb_after = (pats[1],)  # the author's own verb follows the name: no noun it qualifies
    if legal:  # who brings a suit is its author: "X sued …", "X is the proposed representative plaintiff"
        pats += (re.compile(rf"{_AUTHOR}\s+(?:has\s+|have\s+|had\s+)?(?:sued|(?:is|are|was|were)\s+suing)\b"),
                 re.compile(rf"{_AUTHOR},?\s+(?:is|are|was|were)\s+(?:the|a|an|one\s+of\s+the)\s+"
                            rf"(?:[\w\-]+\s+){{0,3}}plaintiffs?\b"))
        verb_after += pats[-2:]
    # a later "a report" / "another report" introduces another document: no older author holds
    intros = [m.start() for m in re.finditer(rf"\b(?:an?|another|new)\s+(?:[\w\-]+\s+){{0,3}}{word}\b", text[:before],
                                                re.IGNORECASE)]
    best: tuple[int, int] | None = None
    for pat in pats:
        for m in pat.finditer(text, 0, before):
            if any(m.end() < p < before for p in intros):
                continue
            name = m.group("by")
            if name.split()[0] in ("The", "A", "An", "This", "That", "It", "In", "On", "At") and len(name.split()) == 1:
                continue
            a, b = m.start("by"), m.end("by")
            for end in re.finditer(r"\b([A-Z][a-z]{2,})\.[ \t]+(?=[A-Z])", text[a:b]):
                if end.group(1) not in _ABBREVIATIONS:
                    a = a + end.end()  # "… in May. Kell is the plaintiff": the name starts after the full stop
            name = text[a:b]
            if pat not in verb_after and len(name.split()) == 1 and re.match(r"[ \t]+[a-z]", text[b : b + 2]):
                continue  # "by Republican senators …": the name only qualifies the authors
            after = re.match(r"[ \t]+([a-z][a-z\-]*)", text[b : b + 30])
            if after is not None and after.group(1).endswith("s") and _is_person_noun(after.group(1)[:-1]):
                continue  # "by Norvik Ferry League players": the people the name qualifies, not the league
            if text[a : a + 4] in ("The ", "the "):
                a += 4
            if best is None or m.start() > best[0]:
                best = (a, b)
    return best
