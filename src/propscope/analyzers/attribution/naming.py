"""Naming speakers and relays once resolved: what name an attribution shows (issue 15).

The resolver (:mod:`.speakers`) ties a source mention to an entity or to nobody.  The rules here
name what it leaves, or correct the name it gives, from the article's own words, each for one
class of news text:

- :func:`_described_body`: a body quoted by its kind ("The embassy said") under the fuller name
  given before, else its description; "the Iranian regime" as the Iranian government;
- :func:`_document_speaker`: a document quoted as the source ("the plan states") speaks for the
  author the text named;
- :func:`acronym_definitions` / :func:`_acronym_speaker`: "US Customs and Border Protection
  (CBP)" then "the CBP said";
- :func:`_fuller_name`, :func:`_body_in_place`: names the NER cut ("Terrence" for "Terrence
  O’Shaughnessy", "US Mission" before "in China");
- :func:`_quoted_title`, :func:`_group_at_sentence_start`: a quoted title of a work, or a group
  of people opening the sentence, names no speaker;
- :func:`_relay_display`, :func:`_speaker_display`: outlets under the registry's canonical name;
- :func:`_title_attributions`: the headline's attributions, with offsets into the title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from propscope.analysis import Layer
from propscope.analyzers.entities.registry import MEDIA_WORDS
from propscope.analyzers.entities.registry import lookup as lookup_outlet
from propscope.analyzers.entities.resolve import EntityRef
from propscope.article import Article

from .descriptions import body_description, document_author, document_noun, named_body
from .headline import SPEAKER_NOUNS, headline_attributions, title_kind, title_speaker
from .pairs import joint_names, named_ref
from .source_names import _ORG_WORDS
from .speakers import AttributionSpeakers, _group_of_people

__all__ = ["acronym_definitions", "joint_names", "named_ref"]



def _relay_display(name: str) -> str:
    """The name a relay entity is shown under: the registry's canonical name when the entity's
    name is one of an outlet's aliases ("Free Beacon" -> "Washington Free Beacon", "Bloomberg.com"
    -> "Bloomberg"), else the entity's name."""
    # for outlets the article names by a short form: one outlet, one name in relays and profiles
    known = lookup_outlet(name) or lookup_outlet(re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE))
    return known.name if known is not None else name


#: "US Customs and Border Protection (CBP)": a body's full name and the acronym the text defines for it
_ACRONYM_DEFINITION = re.compile(r"(?P<full>(?:[A-Z][\w&’'.\-]*\s+(?:(?:of|and|for|on|the|de)\s+)*){1,7}"
                                 r"[A-Z][\w’'.\-]*)"
                                 r"\s+\((?P<abbr>[A-Z][A-Z&]{1,7})\)")


def acronym_definitions(text: str) -> dict[str, str]:
    """The acronyms a text defines in parentheses after a body's full name, ``{"CBP": "US Customs
    and Border Protection"}``: only where the acronym is the initials of the name's main words
    (a leading country qualifier may be left out: "US Customs and Border Protection" is CBP)."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEFINITION.finditer(text):
        words = [w for w in m.group("full").split() if w[:1].isupper()]
        abbr = m.group("abbr").replace("&", "")
        for k in range(len(words)):  # a name the regex ran back into ("Sunday US Customs …")
            if "".join(w[0] for w in words[k:]) == abbr or (
                    k + 1 < len(words) and "".join(w[0] for w in words[k + 1 :]) == abbr
                    and words[k].upper() in ("US", "U.S.", "UK", "EU", "UN")):
                start = m.group("full").index(words[k])
                out.setdefault(m.group("abbr"), m.group("full")[start:].strip())
                break
    return out


def _acronym_speaker(text: str, source: tuple[int, int], acronyms: Mapping[str, str]) -> EntityRef | None:
    """A source that is an acronym the text defined ("the CBP said") or that carries its definition
    ("US Customs and Border Protection (CBP) said") speaks under the full name."""
    # for bodies named once in full with their acronym, then by the acronym alone
    words = re.sub(r"^(?:the|The)\s+", "", text[source[0] : source[1]].strip())
    m = _ACRONYM_DEFINITION.fullmatch(words)
    abbr = m.group("abbr") if m else words
    name = acronyms.get(abbr)
    if name is None:
        return None
    return named_ref("body", name, "ORG")


def _document_speaker(text: str, source: tuple[int, int], resolver: AttributionSpeakers) -> EntityRef | None:
    """The author of a document quoted as the source ("the plan states", "according to the
    indictment"), when the text named who wrote or issued it ("The plan, authored by the
    Security Studies Group", "The Department of Justice unsealed an indictment"); else None
    (the resolver's answer stands)."""
    # for news that quotes documents: their words are their authors', not a name near the noun's
    mention = re.split(r",|\s+(?:who|whose|which|that)\s+", text[source[0] : source[1]], maxsplit=1)[0]
    noun = document_noun(mention)
    author = document_author(text, source[0], noun) if noun else None
    if author is None:
        return None
    ent = resolver.resolve(*author)
    if ent is not None:
        return ent
    name = text[author[0] : author[1]]
    return named_ref("body", name, "ORG")


#: name words of a site beyond the media words of the registry ("Natural News", "Daily Caller")
_SITE_WORDS = frozenset([
    "online", "insider", "beacon", "examiner", "mail", "mirror", "standard", "caller", "review", "report", "today",
    "weekly", "digest", "monitor", "express", "blog", "com", "broadcasting"])
#: a credit line's name: one to five capitalised words, maybe joined by "of"/"the"/"and"
_CREDIT_NAME = re.compile(r"[A-Z][\w’'.\-]*(?:\s+(?:(?:of|the|and|de|von|van)\s+)?[A-Z][\w’'.\-]*){0,4}")


def _credited_speaker(source: str, resolver: AttributionSpeakers) -> EntityRef | None:
    """Who a dash credit under a quote names ("“…” –Natural News", "“…” — Einstein") when no
    entity mention holds its words (a credit line is too short for the tagger): the article's
    entity of that name (a surname of a person it names in full), else an outlet of the registry
    under its canonical name, else the name itself, an organisation when a word of it names a
    body or an outlet ("News", "Times", "Institute"), else a person."""
    # for epigraphs and quoted blocks credited by a dash: the credited name is the quote's speaker
    name = source.strip().rstrip(".").strip()
    if not _CREDIT_NAME.fullmatch(name):
        return None
    words = name.split()
    for ent in resolver.entities.values():
        if ent.type in ("PERSON", "ORG", "NORP") and (ent.name == name or (
                ent.type == "PERSON" and len(words) == 1 and ent.name.split()[-1] == name)):
            return ent
    outlet = lookup_outlet(name)
    if outlet is not None:
        return named_ref("outlet", outlet.name, "ORG")
    if MEDIA_WORDS.search(name) or any(w.lower().strip(".") in _ORG_WORDS | _SITE_WORDS for w in words) or (
            len(words) == 1 and name.isupper()):
        return named_ref("body", name, "ORG")
    return named_ref("person", name, "PERSON")


#: a person's name as a source writes it: two to four capitalised words (apostrophes, hyphens allowed)
_NAME_RUN = re.compile(r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-.]*){1,3}")


def _fuller_name(text: str, source: tuple[int, int], speaker: EntityRef) -> EntityRef:
    """The speaker under the fuller name its own source mention gives, when the entity's name is
    that name cut short ("Terrence" for the source "Terrence O’Shaughnessy": the tagger of names
    stopped at the apostrophe; "Amnesty" for "Amnesty International")."""
    # for names the NER cut; the mention in the attribution still holds the whole name
    words = text[source[0] : source[1]].strip()
    if not _NAME_RUN.fullmatch(words) or len(words) <= len(speaker.name):
        return speaker
    if not words.startswith(speaker.name + " "):
        return speaker
    return EntityRef(speaker.id, words, speaker.type, speaker.gender)


#: a body's name words before a comma that the NER cut off a coordinated name ("Meteorology, " of
#: "the Meteorology, Climatology and Geophysics Agency")
_LIST_HEAD = re.compile(r"(?:[A-Z][\w’'\-]*\s+(?:(?:of|for|the)\s+)*)*[A-Z][\w’'\-]*,\s+")
#: an acronym standing in a source ("the SMMT")
_ACRONYM = re.compile(r"\b[A-Z]{2,7}\b")
_MINOR = frozenset(["of", "for", "and", "the", "on", "de", "&"])


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w not in _MINOR and w[:1].isupper())


def _coordinated_name(text: str, source: tuple[int, int], speaker: EntityRef) -> EntityRef:
    """A body under its whole coordinated name where the NER cut it at the comma or the "and" of
    the coordination: "the Meteorology, Climatology and Geophysics Agency (BMKG)" resolved to
    "Climatology and Geophysics Agency" (the source mention holds the whole name), and "the SMMT"
    resolved to "Society of Motor Manufacturers" where the text names the "Society of Motor
    Manufacturers and Traders" (the acronym's letters are the initials of the whole name)."""
    # for organisation names with a list in them; only the mention's own words or the acronym's letters widen the name
    if speaker.type == "PERSON" or not speaker.name:
        return speaker
    words = re.sub(r"^(?:the|The)\s+", "", text[source[0] : source[1]].strip())
    words = re.sub(r"\s*\([A-Z][A-Z&]{1,7}\)\s*$", "", words)  # "… Agency (BMKG)"
    if " and " in speaker.name and words.endswith(speaker.name) and len(words) > len(speaker.name) \
            and _LIST_HEAD.fullmatch(words[: -len(speaker.name)]):
        return EntityRef(speaker.id, words, speaker.type, speaker.gender)
    have = _initials(speaker.name)
    for abbr in _ACRONYM.findall(text[source[0] : source[1]]):
        if len(have) < 2 or not abbr.startswith(have) or abbr == have:
            continue
        rest = len(abbr) - len(have)
        tail = r"(?:\s+(?:of|for|the)\s+|\s+)?".join([r"[A-Z][\w’'\-]*"] * rest)
        m = re.search(re.escape(speaker.name) + r"\s+(?:and|&)\s+(?:the\s+)?" + tail + r"\b", text)
        if m is not None and _initials(m.group()) == abbr:
            return EntityRef(speaker.id, m.group(), speaker.type, speaker.gender)
    return speaker


#: " in China", " to the UN": the place a mission or embassy is in, right after its name
_IN_PLACE = re.compile(r"\s+(?:in|to)\s+(?:the\s+)?[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*)?\b")
#: bodies that a place completes ("the US Mission in China", "the Norvik Embassy in Tarsk")
_PLACED_BODIES = frozenset(["mission", "embassy", "consulate", "delegation", "office", "bureau"])


def _body_in_place(text: str, source: tuple[int, int], speaker: EntityRef) -> EntityRef:
    """A mission, embassy or consulate speaker whose source mention is followed by its place
    ("The US Mission" + " in China") speaks under the name with the place: two missions of one
    country are two speakers."""
    # for diplomatic bodies: the NER name stops before "in China"
    if speaker.type == "PERSON" or not speaker.name.split() or speaker.name.split()[-1].lower() not in _PLACED_BODIES:
        return speaker
    m = _IN_PLACE.match(text, source[1])
    if m is None or not text[source[0] : source[1]].rstrip().endswith(speaker.name.split()[-1]):
        return speaker
    return EntityRef(speaker.id, speaker.name + m.group(), speaker.type, speaker.gender)


def _quoted_title(text: str, source: tuple[int, int], name: str) -> bool:
    """Whether the speaker's name stands only inside quotation marks in the source: the title of
    a work ("An article, “What the Red Pill Means for Radicals,”"), which says nothing."""
    # for sources that name a work by its quoted title: the title is no speaker (its author may be)
    seg = text[source[0] : source[1]]
    inside = "".join(m.group(1) for m in re.finditer(r"[“\"‘]([^”\"’]*)[”\"’]", seg))
    outside = re.sub(r"[“\"‘][^”\"’]*[”\"’]", " ", seg)
    last = name.split()[-1] if name.split() else name
    return bool(inside) and last in inside and last not in outside


def _group_at_sentence_start(text: str, source: tuple[int, int]) -> bool:
    """Whether a source that opens its sentence ("Officials at Treasury's Office of Foreign
    Assets Control said") is a group of people a name only qualifies, as the same words would be
    in lower case ("officials at …"): no one named speaks."""
    # for sentence case: the group test reads lower-case nouns, and a sentence's first word has a capital
    words = text[source[0] : source[1]]
    lowered = words[:1].lower() + words[1:]
    return lowered != words and _group_of_people(lowered)


#: "he and Kim", "Trump and Kim Jong Un": two people joined, each a pronoun or a capitalised name
_JOINT = re.compile(r"(?:he|she|He|She|[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){0,3})\s+and\s+"
                    r"(?:he|she|him|her|[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){0,3})")


def _joint_source(text: str, source: tuple[int, int], name: str = "") -> bool:
    """Whether a source joins two people ("he and Kim", "Trump and Kim"): no one of them is the
    speaker of what both said (a joint statement, a document both signed).  Not when the
    resolved ``name`` is itself the joined words ("Marks and Spencer")."""
    # for joint statements: naming either one would be wrong half the time
    return " and " not in name and _JOINT.fullmatch(text[source[0] : source[1]].strip()) is not None


#: "many in Congress", "some at the ministry", "others inside the party": a share of a body's people
_SHARE_OF = re.compile(r"(?:many|some|several|most|few|others|a\s+few|a\s+number)\s+(?:in|at|of|from|inside|within|"
                       r"across)\s+\S.*", re.IGNORECASE | re.DOTALL)


def _share_of_body(text: str, source: tuple[int, int]) -> bool:
    """Whether a source is an unnamed share of a body's people ("many in Congress and
    elsewhere"): they speak, not the body the words name."""
    # for "as many in Congress have urged": the body is only where those people are
    return _SHARE_OF.fullmatch(text[source[0] : source[1]].strip()) is not None


#: "The source familiar with the report", "two sources close to the talks", "a senior source"
_UNNAMED_SOURCE = re.compile(r"(?:(?:the|a|an|one|another|that|this|these|those|two|three|several|multiple)\s+)?"
                             r"(?:[a-z][\w\-]*\s+){0,2}sources?\b(?:\s+(?:familiar|close|who|with|in|at|inside|"
                             r"within|from|briefed|knowledgeable)\b.*)?", re.IGNORECASE | re.DOTALL)


def _unnamed_source(text: str, source: tuple[int, int], name: str) -> bool:
    """Whether a source is an anonymous "source" ("The source familiar with the report") and
    the resolved ``name`` is not in its words: a name near or inside its qualifier ("the
    report" on the JCPOA) is not who spoke."""
    # for anonymous sourcing: the words say the speaker is unnamed
    words = text[source[0] : source[1]].strip()
    return _UNNAMED_SOURCE.fullmatch(words) is not None and name.lower() not in words.lower()


def _described_body(text: str, source: tuple[int, int]) -> EntityRef | None:
    """The body a source names by its kind when no entity stands for it ("The embassy said"):
    the fuller name the text gave it before ("the US embassy in Beijing"), else the description
    itself ("the Trump administration"): a body's own description names it, unlike a person's."""
    # for news: bodies are named once in full, then by their kind; leaving them unresolved loses them
    described = body_description(text[source[0] : source[1]])
    if described is None:
        return None
    name = named_body(text, source[0], described) or described[0]
    return named_ref("body", name, "ORG")


def _title_attributions(article: Article, entities: Layer | None) -> list[dict[str, Any]]:
    """Attributions the headline makes ("Lind Vows to Close the Port", "Lavrov: …"), with
    offsets into ``article.title`` (the title is no part of ``article.text``): the speaker is the
    entity of the article the headline names, else unresolved; a "Label: …" headline counts only
    when its label names a person or a body of the article, or is a speaker noun ("Witness")."""
    # for headlines, where state media put the claim; kept apart so no span of the text moves
    title = article.title
    table = list((entities.data or {}).get("entities") or []) if entities is not None else []
    out = []
    for content, source, cue in headline_attributions(title):
        assert title is not None
        words = title[source[0] : source[1]]
        ent = title_speaker(words, table)
        if cue is None and (ent is None or ent.get("type") not in ("PERSON", "ORG")) and \
                words.split()[-1].lower() not in SPEAKER_NOUNS:
            continue  # "Brexit: what happens next" is a topic, not a speaker
        content, kind = title_kind(title, content)
        out.append({"start": content[0], "end": content[1], "kind": kind, "content": [list(content)],
                    "cue": list(cue) if cue else None, "source": list(source),
                    "speaker": _relay_display(str(ent["name"])) if ent and ent.get("type") != "PERSON"
                    else (str(ent["name"]) if ent else None),
                    "speaker_id": ent.get("id") if ent else None, "relayed_by": None})
    return out


def _speaker_display(speaker: EntityRef) -> str:
    """A speaker's name: an outlet's canonical name when the speaker is an organisation the
    article names by an outlet's alias ("TheDCNF said" -> "Daily Caller News Foundation"), and
    no parenthesis the entity's name left open ("Chuck Grassley (R-Iowa")."""
    name = speaker.name
    if name.count("(") > name.count(")"):  # "Chuck Grassley (R-Iowa": a cut party affiliation
        name = name[: name.rindex("(")].rstrip() or name
    return name if speaker.type == "PERSON" else _relay_display(name)
