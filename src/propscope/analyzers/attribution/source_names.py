"""Names and furniture in source mentions: the word lists and shapes speaker resolution reads.

:func:`head_name` finds the person's name a role or a body qualifies in a source mention
("Sharks head coach Peter DeBoer", "Former Speaker of the House, Newt Gingrich"),
:func:`_group_of_people` tells a group a name only qualifies ("Finance officials"), and
:func:`is_furniture` / :func:`furniture_lines` tell captions, credits and promos from story
text.  The word sets here (role words, body and document nouns) are shared with
:mod:`.speakers`.

    >>> head_name("Sharks head coach Peter DeBoer")
    (18, 30)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from propscope.analyzers.entities.canonical import ROLE_NOUNS
from propscope.analyzers.entities.words import TITLE_WORDS
from propscope.article import Span

__all__ = ["furniture_lines", "head_name", "is_furniture"]


#: caption, credit and promo lines: "(Steve Lawrence/CBC)", "Luis Tato AFP Getty Images",
#: "… tells us about … 10:43.", "Photo: …", "(Submitted by …)", "Jane Roe, left, …"
_FURNITURE = re.compile(
    r"(?:\b\d{1,2}:\d{2}\.?\s*$|\bGetty\b|\bImages\b|\bAFP\b\s*$|/\s*(?:CBC|AP|AFP|Reuters|Getty)\b|"
    r"^\s*(?:Photo|Image|Video|Watch|Listen|Read more|Related|Open this photo)\b|"
    r"(?-i:\b[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3}\s*/\s*(?:THE\s+)?[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,3})"
    r"\s*\)?\.?\s*$|\bcredit\b|\bcontinue[sd]? below(?: advertisement)?\s*\.?\s*$|"
    r"^\s*advertisement\s*\.?\s*$|\(\s*[A-Z][\w.\- ]+/[A-Z][\w.\- ]+\)|\(\s*(?:Submitted|Courtesy|Supplied)\b|"
    r"^[^.]{0,60}[A-Z][\w’'\-]+,\s+(?:far\s+|second\s+from\s+|top\s+|bottom\s+)?(?:left|right|centre|center)\s*,|"
    r"\b(?-i:[A-Z])[\w’'\-]+,\s+(?:far|second|third)\s+from\s+(?:left|right)\s*,|"
    r"\bin\s+(?:this|a)\s+(?:undated\s+|handout\s+|file\s+|recent\s+){0,2}(?:photo|image|picture)\b)",
    re.IGNORECASE | re.MULTILINE)


#: words that hold a role before or after a name ("Sharks head coach Peter DeBoer", "Liberal MP Sean Fraser")
_ROLE_WORDS = ROLE_NOUNS | frozenset([
    "mp", "mpp", "mla", "mep", "coach", "member", "owner", "proprietor", "spokesperson", "representative", "rep",
    "councillor", "councilor", "counsel", "dean", "principal", "captain", "chief", "deputy", "vice-president",
    "superintendent", "inspector", "sergeant", "constable", "detective", "sheriff", "pastor", "father", "mother",
    "brother", "sister", "son", "daughter", "wife", "husband", "dad", "mom", "mum", "friend", "partner", "resident",
    "student", "worker", "organizer", "organiser", "activist", "expert", "scientist", "doctor", "nurse", "editor",
    "reporter", "columnist", "host", "mechanic", "farmer", "volcanologist", "vice"])
#: words a title phrase opens with or holds ("Former Speaker of the House", "the then minister")
_LEADS = frozenset(["former", "then", "the", "ex", "acting", "late"])
_TITLE_HEADS = _ROLE_WORDS | TITLE_WORDS | _LEADS
#: name words that make a run an organisation, not a person
_ORG_WORDS = frozenset([
    "agency", "ministry", "department", "office", "service", "council", "committee", "commission", "party",
    "government", "court", "bank", "university", "institute", "association", "union", "company", "corporation",
    "group", "organisation", "organization", "authority", "board", "news", "press", "national", "federal", "state",
    "united", "workers", "inc", "ltd", "corp", "co", "canada", "press", "times", "post", "school", "college",
    "hospital", "police", "city", "county", "province", "railway", "club", "league", "foundation", "centre", "center",
    # the parts of a body ("the FBI's Albuquerque Division", "the agency's Field Bureau")
    "division", "bureau", "directorate", "unit", "squad", "command"])
_NAME_WORD = re.compile(r"[A-Z][\w’'\-]*[a-z][\w’'\-]*$")
#: bodies a definite description can name ("the company", "The Calgary-based railway")
_BODY_NOUNS = frozenset([
    "company", "firm", "union", "department", "ministry", "group", "organization", "organisation", "railway",
    "club", "team", "board", "council", "commission", "authority", "network", "business", "corporation", "league",
    "association", "retailer", "carrier", "airline", "broadcaster", "charity", "restaurant", "chain", "developer",
    "manufacturer", "automaker", "insurer", "lender", "giant", "startup", "platform", "campaign", "coalition"])
#: documents that speak for the body that wrote them ("the report", "The suit")
_DOC_NOUNS = frozenset([
    "report", "study", "statement", "lawsuit", "suit", "claim", "complaint", "paper", "document", "findings",
    "release", "letter", "filing", "survey", "review", "audit", "memo", "submission", "petition"])
_DESCRIPTION = re.compile(r"(?P<det>the|a|an|its|their|his|her)\s+(?P<mods>(?:[\w’'\-]+\s+){0,4}?)"
                          r"(?P<head>[a-z][\w\-]*?)s?$", re.IGNORECASE)
#: an indefinite description of one person ("A Vancouver peewee hockey coach", "One former director")
_INDEFINITE_PERSON = re.compile(r"(?i:a|an|one)\s+(?:[\w\-]+\s+){0,5}?[a-z][\w\-]*")
#: two people named together in a source ("Stella's owners Tore Lind and Ada Roe", "Kim and Clark Moran")
_PAIR = re.compile(r"[^.;:!?\"“”]*?\b[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*\s+and\s+[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*"
                   r"\s+(?:said|say|says|told|added|wrote|stated)\b")
#: a document given its title ("a document titled Cold Ledger: …", "the report called …")
_TITLED_DOCUMENT = re.compile(r"(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?(?P<head>%s)s?\s+(?:titled|entitled|called|named)\s"
                              % "|".join(sorted(_DOC_NOUNS)), re.IGNORECASE)
#: entity types that never speak: a source naming one is a document or a thing, not the speaker
_SILENT_TYPES = frozenset(["WORK_OF_ART", "LAW", "PRODUCT", "EVENT", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                           "CARDINAL", "ORDINAL", "LANGUAGE"])
#: heads of organisation names a description can take up ("the railway", "the institute", "the hospital")
_NAMED_BODY_HEADS = frozenset([
    "institute", "university", "college", "school", "hospital", "clinic", "foundation", "society", "centre", "center",
    "agency", "bureau", "office", "commission", "committee", "council", "tribunal", "court", "museum", "library",
    "brewery", "bank", "fund", "federation", "party", "police", "service", "services", "railway", "railroad",
    "authority", "network", "union", "association", "ministry", "department", "board", "band", "church"])
#: what may stand between a document source and the body it comes from
_ISSUER = re.compile(r"[^.;!?\"“”]{0,120}?\b(?:on|from|by|of)\s+(?:the\s+)?(?=[A-Z])")
_OF_DESCRIPTION = re.compile(r"(?:the|a|an|one)\s+(?:[\w\-]+\s+){0,3}[a-z][\w\-]*\s+"
                             r"(?:of|at|for|from|with|close\s+to|familiar\s+with|near|inside|within)\s",
                             re.IGNORECASE)
#: lowercase words inside organisation names ("National Institute on Drug Abuse")
_NAME_JOINERS = frozenset(["of", "on", "for", "and", "the", "de", "at", "in", "with", "to", "du", "la", "von", "van"])
_LEADING_NAME = re.compile(r"([A-Z][\w’'\-]*[a-z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*[a-z][\w’'\-]*){1,2})\s+"
                           r"(?:with|of|from|at)\s+(?:the\s+)?[A-Z]")
_AGE = re.compile(r"(?:the|a|an)\s+\d{1,3}-year-old\b", re.IGNORECASE)
#: what documents are called when a body issued them ("release", "numbers", "figures")
ISSUED_NOUNS = _DOC_NOUNS | frozenset(["numbers", "figures", "data", "statistics", "estimate", "estimates", "tally",
                                  "count", "forecast", "projection", "projections", "poll", "ruling", "notice"])
_DOC_FROM = re.compile(r"\s*(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?(?:%s)s?\b[^,;]{0,40}?\b(?:from|by|of)\s+"
                       r"(?P<body>(?:the\s+)?[A-Z][^,;]*)$" % "|".join(sorted(ISSUED_NOUNS)), re.IGNORECASE)
_DOC_OF_BODY = re.compile(r"(?:the|its|their)\s+(?P<noun>[a-z]+)[’']s\s+(?:[\w\-]+\s+){0,2}(?:%s)"
                          % "|".join(sorted(ISSUED_NOUNS)), re.IGNORECASE)
#: plural nouns for people a name only qualifies ("Finance officials", "people arrested at the X camp")
_PEOPLE_GROUPS = frozenset([
    "officials", "backers", "supporters", "people", "residents", "lawyers", "employees", "workers", "members",
    "critics", "experts", "sources", "analysts", "staff", "staffers", "voters", "fans", "opponents", "protesters",
    "activists", "leaders", "executives", "investigators", "researchers", "scientists", "doctors", "students",
    "parents", "families", "users", "customers", "players", "aides", "advisers", "advisors", "insiders",
    "proponents", "advocates", "defenders", "detractors", "skeptics", "sceptics", "observers", "diplomats",
    "politicians", "lawmakers", "legislators", "senators", "ministers", "commentators", "journalists", "reporters",
    "witnesses", "victims", "survivors", "relatives", "neighbors", "neighbours", "teachers", "officers", "agents",
    "troops", "soldiers", "militants", "rebels", "demonstrators", "citizens", "organizers", "organisers",
    "prosecutors", "economists", "historians", "bishops", "clerics",
    "government", "administration", "campaign"])  # bodies a leader's name qualifies: "the Holt government"
#: the bodies among :data:`_PEOPLE_GROUPS`: a group after a leader's name, never when they open a source
_LED_BODIES = frozenset(["government", "administration", "campaign"])


def _name_heads(name: str) -> set[str]:
    """The lower-case words of an organisation's name, singular and as written."""
    words = {w.lower() for w in re.findall(r"[\w\-]+", name)}
    return words | {w[:-1] for w in words if w.endswith("s")}


def _group_of_people(mention: str) -> bool:
    """Whether a source mention is a group of people that a name only qualifies: its head
    (before any comma) holds a lower-case plural noun of :data:`_PEOPLE_GROUPS` (or a body a
    leader names, "the Holt government") and no person's name follows that noun ("Finance officials", "Brexit backers", "people arrested
    at the Gidimt'en camp"; not "aides to Senator Jane Roe" … which names no speaker either)."""
    head = mention.split(",")[0]
    words = re.findall(r"[\w’'\-]+", head)
    if words and words[0].lower() in _PEOPLE_GROUPS and words[0].lower() not in _LED_BODIES:
        words[0] = words[0].lower()  # "Officials at Treasury's Office …" opening the sentence
    for k, w in enumerate(words):
        if w in _PEOPLE_GROUPS and not any(x[:1].isupper() and x.lower() not in _NAME_JOINERS
                                           for x in words[k + 1 :] if x.lower() not in ("the",)) or (
                w in _PEOPLE_GROUPS and k == 0 and w not in _LED_BODIES):
            return True  # a body a leader's name qualifies opens no group: "campaign chair Paul Manafort"
    return False


def head_name(mention: str) -> tuple[int, int] | None:
    """Where the person's name stands in a source mention, when a role or a body qualifies it.

    "Sharks head coach Peter DeBoer", "former Bank of Canada governor David Dodge", "the
    IFSD's Azfar Ali Khan", "Navdeep Bains, Minister of …", "Will Young, a mechanic …":
    the run of two to four capitalised name words that ends the mention's head (the part
    before its first comma), after a role word, a possessive or nothing.  "Spindler's father,
    Joseph": a one-word name in apposition to a possessed role.  None when no such run.
    """
    # for news sources: the named person, not the body that qualifies their role
    head_end = mention.find(",")
    head = mention if head_end < 0 else mention[:head_end]
    words = list(re.finditer(r"[\w’'\-.]+", head))
    run: list[re.Match[str]] = []
    for w in reversed(words):
        t = w.group()
        if (not _NAME_WORD.match(t) or t.lower() in _ROLE_WORDS or t.lower() in _ORG_WORDS
                or t.endswith(("'s", "’s")) or len(run) == 4):
            break
        run.insert(0, w)
    before = words[len(words) - len(run) - 1].group() if len(words) > len(run) else None
    rest = mention[head_end + 1 :].strip() if head_end >= 0 else ""
    if (len(run) == 1 and before is not None and before[:1].isupper() and before.lower() in _ROLE_WORDS
            and head_end < 0):
        return run[0].start(), run[0].end()  # "Hereditary Chief Na'moks": a one-word name after a title
    if 2 <= len(run) and len(run) == len(words[-len(run):]):
        role_before = before is not None and (before.lower() in _ROLE_WORDS or before.endswith(("'s", "’s"))
                                              or (before[:1].islower() and before.lower() not in _NAME_JOINERS))
        apposition = bool(rest) and (rest.split()[0].lower() in ("a", "an", "the") or rest.split()[0].lower()
                                     in _ROLE_WORDS)
        if role_before or (before is None and apposition):
            return run[0].start(), run[-1].end()
    lead = _LEADING_NAME.match(head)
    if lead is not None and not any(w.lower() in _ORG_WORDS or w.lower() in _ROLE_WORDS or w.lower() in TITLE_WORDS
                                    for w in lead.group(1).split()):
        return lead.start(1), lead.end(1)  # "Terry Chapman with the International Union of …"
    if head_end >= 0 and (re.search(r"[’']s\s+(?:\w+\s+){0,2}[a-z]+\s*$", head) or (
            words and words[0].group().lower() in _TITLE_HEADS and any(
                w.group().lower() in _TITLE_HEADS - _LEADS for w in words[:3]) and words[-1].group().lower()
            not in _NAME_JOINERS)
            ):
        m = re.match(r"\s*([A-Z][\w’'\-]*[a-z](?:\s+[A-Z][\w’'\-]*[a-z]){0,2})\s*(?:,|$)", mention[head_end + 1 :])
        if m is not None:
            return head_end + 1 + m.start(1), head_end + 1 + m.end(1)
    return None


def _lines(text: str, paragraphs: Sequence[Span]) -> list[Span]:
    """The paragraphs cut at every line break inside them: the units of distance and furniture."""
    # for pages whose reader keeps a whole article as a few blocks of one-line paragraphs
    # (captions, promos and story lines apart only by "\n"): a caption is a line, not a block
    out: list[Span] = []
    for p in paragraphs:
        start = p.start
        for m in re.finditer(r"\n", text[p.start : p.end]):
            end = p.start + m.start()
            if text[start:end].strip():
                out.append(Span(start, end))
            start = end + 1
        if text[start : p.end].strip() or start == p.start:
            out.append(Span(start, p.end))
    return out


def furniture_lines(text: str, paragraphs: Sequence[Span]) -> list[Span]:
    """The lines (paragraphs cut at line breaks) that read as captions, credits or promos."""
    return [p for p in _lines(text, paragraphs) if is_furniture(text[p.start : p.end])]


def is_furniture(paragraph: str) -> bool:
    """Whether a paragraph reads as a caption, photo credit or video promo, not story text."""
    # for news pages: the captions and promos stand between a speaker and the next "he said"
    return _FURNITURE.search(paragraph) is not None
