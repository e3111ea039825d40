"""The ``sources`` analyzer: who published, which agency supplied, which outlets are cited.

Evidence spans (label = source name) with attrs ``name``, ``kind`` (``publisher`` |
``agency`` | ``cited_outlet``) and ``relation`` (``dateline`` | ``reported`` |
``according_to`` | ``citing`` | ``told`` | ``interview`` | ``quoted`` | ``said`` |
``republished``: a credit line, "Reprinted from X", "This article first appeared in X").  The layer
``data`` holds ``sources`` (one entry per source: name, kind, relations, evidence count)
and ``chain``: the relay from the dateline agency (and cited outlets) to the publisher.

An organisation counts as an outlet when the registry of outlets and agencies
(:mod:`propscope.analyzers.entities.registry`, the one list of them) names it, or when the
text treats it as one: it "reported", was "cited", was "told" something, gave an
"interview", is named with a media word ("news agency", "newspaper", "TV", "Times", "Post",
...) or after one ("the newspaper Vechernyaya Gazeta", "state news agency Ravex"), or is the
article's dateline agency.  Whether it is an agency comes from the registry first.  Each
source the registry knows carries its facts in the table: ``registry_name``, ``country``,
``state_affiliated`` and ``affiliation_source`` (the public source of that fact).
A mention of an organisation that is not an outlet ("according to the ministry") is left to
the ``attributions`` layer: a name with a word of a public body, party or institution in it
or in its aliases ("Federal Bureau of Investigation", "World Health Organization",
"Environmental Protection Agency") is not an outlet unless the registry names it; a bare
acronym ("the FBI reported") needs the registry or an alias that is an outlet's; an entity
the entities table types as a person, group or place is not one either.  The name is
trimmed to the outlet's: sentence-initial words ("As the Daily Beast reported"), a leading
nationality ("the German Bild newspaper"), a reporter after a possessive ("Intellihub's
Jane Roe"); "the Catholic newspaper Die Tagespost" names Die Tagespost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.analyzers.entities.registry import MEDIA_WORDS, Outlet, lookup
from propscope.analyzers.entities.words import first_names
from propscope.article import Article, Span
from propscope.readers.dateline import quoted_datelines
from propscope.readers.furniture import relay_note, wire_byline

__all__ = ["SourcesAnalyzer", "agencies_of", "find_sources"]

#: words that make a name an outlet's ("Vechernyaya Gazeta", "Sadrian Times"); named outlets are in the registry
_MEDIA = MEDIA_WORDS
_MEDIA_AFTER = re.compile(r"\s+(?:news\s+agency|agency|newspaper|daily|weekly|magazine|website|news\s+site|"
                          r"broadcaster|television|tv|radio|channel|network)\b", re.IGNORECASE)


def _registered(name: str) -> Outlet | None:
    """The registry's outlet or agency ``name`` names ("Reuters", "the Telegraph", "AP"), if any."""
    return lookup(name) or lookup(_clean(name))

_W = r"[A-Z](?:[\w&’'\-]|\.(?=\w))*"


def _name_of(particle: str) -> str:
    """An outlet's name: capitalised words, ``particle`` allowed between two of them."""
    return rf"(?P<name>(?:the\s+)?{_W}(?:\s+(?:{particle})?{_W}){{0,5}})"


_NAME = _name_of(r"of\s+|de\s+")
#: "the newspaper", "state news agency", "the Sadrian broadcaster" before an outlet's name
_KIND_BEFORE = (r"(?:(?P<kindword>(?:the\s+|a\s+)?(?:(?:state|state-run|state-owned|official|semi-official|"
                r"private|[A-Z][a-z]+)\s+)?(?:news\s+agency|newspaper|daily|weekly|magazine|broadcaster|"
                r"(?:TV|television)\s+channel|channel|news\s+site|website|radio\s+station)\s+(?=[A-Z])))?")
#: words of public bodies, parties, institutions: a name with one is not an outlet's (unless registered)
_BODY = re.compile(
    r"(?<![\w-])(?:bureau|department|ministry|ministries|police|office|council|commission|"
    r"(?:sub)?committee|court|government|administration|army|navy|military|party|league|association|"
    r"organi[sz]ation|institute|university|college|school|church|senate|congress|parliament|"
    r"corps|guard|authority|coalition|embassy|consulate|state\s+of|republic|kingdom|"
    r"intelligence|agencies)(?![\w-])",  # not "Union-Tribune"
    re.IGNORECASE,
)
#: body words that a news word outweighs ("Religion News Service", "Central News Agency", "Press Union")
_BODY_WEAK = re.compile(r"(?<![\w-])(?:agency|service|house|board|union|centre|center)(?![\w-])", re.IGNORECASE)
_NEWS_WORD = re.compile(r"\b(?:news|press|media|broadcasting|radio|tv|television|wire)\b", re.IGNORECASE)


def _is_body(name: str) -> bool:
    """Whether ``name`` names a public body, party or institution rather than an outlet."""
    return bool(_BODY.search(name)) or (bool(_BODY_WEAK.search(name)) and not _NEWS_WORD.search(name))


_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
#: words that start a sentence, not a name ("As the Daily Beast reported", "But Swedish TV reported")
_LEADING = re.compile(r"^(?:(?:as|but|and|so|yet|also|now|then|while|when|meanwhile|indeed|however|still|"
                      r"even|if|since|because|though|although|after|before|until)\s+)+(?:the\s+)?",
                      re.IGNORECASE)
_DETERMINERS = frozenset("the a an la le les el los las il lo die der das de het".split())
#: "the Catholic newspaper Die Tagespost": the outlet's name follows its kind
_KIND_THEN_NAME = re.compile(rf"\s+(?:news\s+agency|newspaper|daily|weekly|magazine|broadcaster|channel|"
                             rf"website|news\s+site)\s+(?P<name>{_W}(?:\s+{_W}){{0,4}})")
_NOT_OUTLET_TYPES = frozenset({"PERSON", "NORP", "GPE", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("according_to", re.compile(rf"\b[Aa]ccording\s+to\s+{_KIND_BEFORE}{_NAME}")),
    ("citing", re.compile(rf"\b[Cc]it(?:ing|ed)\s+{_KIND_BEFORE}{_NAME}")),
    ("told", re.compile(rf"\b(?:told|said\s+to)\s+{_KIND_BEFORE}{_NAME}")),
    ("interview", re.compile(rf"\b[Ii]nterview\s+(?:with|to)\s+{_KIND_BEFORE}{_NAME}")),
    ("reported", re.compile(rf"\b(?:[Rr]eported|carried|published|broadcast|aired)\s+by\s+{_KIND_BEFORE}{_NAME}")),
    ("reported", re.compile(rf"{_NAME}(?:\s+(?:news\s+agency|newspaper|television|TV|radio|channel))?"
                            r"\s+(?:reported|reports|has\s+reported|wrote|writes|quoted|published|cited)\b")),
    ("said", re.compile(rf"{_NAME}\s+(?:news\s+agency|agency|newspaper|television|TV|radio)\s+(?:said|says)\b")),
    # "a report from RT", "in an article by the Harbour Gazette"
    ("reported", re.compile(rf"\b(?:[Rr]eport|[Aa]rticle|[Ss]tory|[Dd]ispatch|[Bb]roadcast)s?\s+"
                            rf"(?:from|by)\s+{_KIND_BEFORE}{_NAME}")),
]

#: a credit line of its own saying where the text was published first: "Reprinted with permission from
#: Consortiumnews.com.", "Article posted with permission from The Harbour Ledger", "This report was originally published by Jane Roe at Zero Hedge", "This text first
#: appeared in the Madison Catholic Herald."; the name is an outlet by what the line says of it
#: a credited outlet's name, which may hold "of the" ("End of the American Dream"): the line is its own
_CREDIT_NAME = _name_of(r"of\s+(?:the\s+)?|de\s+")
CREDIT_LINE = re.compile(
    r"^[^\S\n]*\[?[^\S\n]*(?i:(?:(?:this\s+)?(?:article|report|story|piece|text|post|essay|column|commentary|"
    r"interview|op-ed)\s+|it\s+|this\s+)?(?:was\s+|is\s+|has\s+been\s+)?)"
    r"(?i:(?:originally|first)\s+(?:published|appeared|posted|ran)|reprinted|republished|reposted|cross-posted|"
    r"(?:posted|published|reproduced|shared)(?=\s+with\s+(?:kind\s+)?permission))"
    r"(?i:\s+with\s+(?:kind\s+)?permission)?"
    rf"(?:\s+(?i:by)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}}(?=\s+(?i:at|in|on)\s))?"
    rf"(?:\s+(?i:at|in|on|from|by|with))?\s+{_CREDIT_NAME}(?=[^\S\n]*(?:[.,;:)\]]|$|[^\S\n]+[a-z0-9]))[^\n]{{0,60}}$",
    re.MULTILINE,
)


#: the relation of a source a relay note names ("Via X": the text below ran at X; "H/T X": X led to it)
_RELAY_RELATION = {"via": "republished", "hat_tip": "citing"}


def _relay_name(raw: str) -> str:
    """The outlet a relay note names: a site's address as its host ("www.zerohedge.com/news/x" →
    "zerohedge.com"); an account's handle names no outlet."""
    if raw.startswith("@"):
        return ""
    host = re.match(r"(?i)^(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)+)(?:/|$)", raw)
    if host and "/" in raw or (host and raw.lower().startswith(("http", "www."))):
        return host.group(1)
    return _clean(raw)


#: "Source: IRNA", "Sources: Reuters, AFP", "(Courtesy of Sputnik)": a note of where the text came from
_SOURCE_NOTE = re.compile(r"^\W{0,3}\(?\s*(?:Sources?\s*[:：]|Courtesy(?:\s+of)?\s*[:：]?)\s*"
                          r"(?P<name>[^()\n]{2,60}?)\)?\.?\s*$", re.IGNORECASE)


def _source_note_outlet(line: str) -> str | None:
    """The outlet a source note names ("Source: IRNA" → IRNA), if the line is one and the name an
    outlet or agency the registry knows or its words say so; "Source: NATO" under a chart names none."""
    m = _SOURCE_NOTE.match(line.strip())
    if m is None:
        return None
    name = _clean(re.split(r"\s*[,;/&]\s*|\s+and\s+", m.group("name"))[0])
    if not name or not name[0].isupper():
        return None
    return name if _registered(name) is not None or _MEDIA.search(name) else None


def _credit_in(line: str) -> str | None:
    """The outlet a credit line names ("Reprinted from WND.com." → WND.com), if ``line`` is one."""
    m = CREDIT_LINE.search(line.strip())
    return _clean(m.group("name")) or None if m else None


def _credited_outlet(name: str, mention: Span | None, info: Mapping[str, tuple[str, list[str]]],
                     people: set[str], line: str = "") -> bool:
    """Whether a credit line's name is an outlet: the line is the media evidence (the small NER
    calls "The Remnant" a place), but a person stays one and a public body is no outlet."""
    etype = info.get(str(mention.attrs.get("entity")), ("", []))[0] if mention is not None else ""
    return not (etype == "PERSON" or name.lower() in people or _a_persons_name(name, line)
                or _not_an_outlet(name, mention, info, weak=False, media=True))


def _a_persons_name(name: str, line: str = "") -> bool:
    """A name shaped as a person's, where no entity says what it is (a credit line cleaning removed):
    two or three capitalised words, the first a first name, no word of the media, no outlet of the
    registry, no "the" before it in its ``line`` ("Posted with permission from Maria Lindqvist" is a
    person's; "from The Carver Standard" an outlet's)."""
    words = name.split()
    return (2 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][a-z’'\-]+", w) for w in words)
            and words[0].lower() in first_names() and not _MEDIA.search(name.lower()) and _registered(name) is None
            and not re.search(rf"(?i:\bthe)\s+{re.escape(name)}", line))


def _kind(name: str, agency: str | None) -> str:
    """``agency`` for the dateline's agency, an agency of the registry or a name saying "agency";
    else ``cited_outlet``."""
    low = name.lower()
    known = _registered(name)
    if (agency and low == agency.lower()) or (known is not None and known.type == "agency"):
        return "agency"
    if re.search(r"\b(?:news|press)\s+agency\b", low):
        return "agency"
    return "cited_outlet"


def _facts(name: str) -> dict[str, Any]:
    """The registry's facts about an outlet, for the sources table (empty when it is not registered)."""
    o = _registered(name)
    if o is None:
        return {}
    return {"registry_name": o.name, "country": o.country, "state_affiliated": o.state_affiliated,
            "affiliation_source": o.source}


_AGENCY_AFTER = re.compile(r"\s+(?P<news>news\s+|press\s+)?agency\b", re.IGNORECASE)


def agencies_of(text: str, mentions: Sequence[Span], table: Sequence[Mapping[str, Any]],
                dateline_agency: str | None) -> dict[str, bool]:
    """The organisations of an entities layer that are agencies: entity id → whether it is a
    news agency.  An agency is the dateline's, a known wire, named one ("Environmental
    Protection Agency": not news) or described as one ("the Norvik news agency")."""
    out: dict[str, bool] = {}
    for e in table:
        if e.get("type") != "ORG":
            continue
        names = [e["name"], *e.get("aliases", [])]
        if any(_kind(n, dateline_agency) == "agency" or "agency" in n.lower() for n in names):
            low = " ".join(names).lower()
            out[e["id"]] = "agency" not in low or bool(re.search(r"\b(?:news|press)\b", low))
    for m in mentions:
        eid = m.attrs.get("entity")
        after = _AGENCY_AFTER.match(text, m.end)
        if eid and m.label == "ORG" and after:
            out[eid] = out.get(eid, False) or bool(after.group("news"))
    return out


def _clean(name: str) -> str:
    name = _LEADING.sub("", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"[’']s\s+[A-Z].*$", "", name)  # "Intellihub's Jane Roe": the outlet, not its reporter
    name = re.sub(r"[’']s$", "", name).strip(" .,")
    return "" if name.lower() in _DETERMINERS else name


def _entity_info(table: Sequence[Mapping[str, Any]]) -> dict[str, tuple[str, list[str]]]:
    """Entity id → (type, names) from an entities layer's table."""
    return {e["id"]: (e.get("type", ""), [e.get("name", ""), *e.get("aliases", [])]) for e in table if "id" in e}


def _not_an_outlet(name: str, mention: Span | None, info: Mapping[str, tuple[str, list[str]]],
                   *, weak: bool, media: bool) -> bool:
    """Whether ``name`` is a body, a person or a place rather than an outlet.  ``media``: the
    text names it with a media word ("the Harbour Gazette", "the Lark website"), which outweighs
    the entity's type.  ``weak``: the only evidence is an organisation mention with an outlet
    verb, so a bare acronym also needs an alias that is an outlet's."""
    if _registered(name) is not None:
        return False
    etype, names = info.get(str(mention.attrs.get("entity"))) if mention is not None and \
        mention.attrs.get("entity") in info else ("", [name])
    names = [n for n in names if n] or [name]
    if etype in _NOT_OUTLET_TYPES and not media:
        return True
    if any(_is_body(n) for n in [name, *names]):
        return True
    if weak and _ACRONYM.match(name):
        return not any(_registered(n) is not None or _MEDIA.search(n) for n in names if n != name)
    return False


def find_sources(article: Article, entities: Layer | None = None) -> tuple[list[Span], dict[str, Any]]:
    text = article.text
    agency = article.dateline.agency if article.dateline else None
    ent_spans = list(entities.spans) if entities is not None else []
    org_spans = [s for s in ent_spans if s.label == "ORG"]
    norp_spans = [s for s in ent_spans if s.label == "NORP"]
    info = _entity_info((entities.data or {}).get("entities", ()) if entities is not None else ())
    outlet_names: set[str] = set()
    # names the text treats as outlets: media words in the name or an outlet verb
    for s in org_spans:
        if _MEDIA.search(text[s.start : s.end]) or _registered(text[s.start : s.end]) is not None:
            outlet_names.add(_clean(text[s.start : s.end]).lower())
    spans: list[Span] = []
    if article.dateline and article.dateline.agency and article.dateline.span:
        ds = article.dateline.span
        i = text.find(agency, ds.start, ds.end + len(agency)) if agency else -1
        if i >= 0 and agency:
            spans.append(Span(i, i + len(agency), agency, {"name": agency, "kind": "agency", "relation": "dateline"}))
    # the datelines of quoted stories ("The Gazette reports:" / "PORTVALE (AP) — …"): their agency is
    # a source of the article when the registry knows it as an outlet
    own = article.dateline.span.start if article.dateline and article.dateline.span else -1
    for d in quoted_datelines(text):
        if d.span is None or d.span.start == own or not d.agency or _registered(d.agency) is None:
            continue
        i = text.find(d.agency, d.span.start, d.span.end)
        if i >= 0:
            spans.append(Span(i, i + len(d.agency), d.agency, {"name": d.agency, "kind": _kind(d.agency, agency),
                                                                "relation": "dateline"}))
    for relation, pat in _PATTERNS:
        for m in pat.finditer(text):
            raw_name = m.group("name")
            name = _clean(raw_name)
            if not name or name.lower() in ("he", "she", "they", "it", "i", "we"):
                continue
            offset = m.start("name") + raw_name.find(name)
            # a leading nationality is not the name ("the German Bild newspaper")
            while True:
                norp = next((n for n in norp_spans if n.start == offset), None)
                if norp is None:
                    break
                rest = text[norp.end : offset + len(name)]
                if not _MEDIA.sub("", rest).strip():
                    break  # "Swedish TV": the nationality is part of the name
                name, offset = rest.strip(), norp.end + (len(rest) - len(rest.lstrip()))
            # "the Catholic newspaper Die Tagespost": the name after the kind word
            follow = _KIND_THEN_NAME.match(text, offset + len(name))
            if follow is not None:
                name, offset = _clean(follow.group("name")), follow.start("name")
            if not name:
                continue
            low = name.lower()
            strong = relation in ("reported", "said", "citing", "interview")
            after = text[m.end("name") : m.end("name") + 30]
            is_outlet = (low in outlet_names or bool(_MEDIA.search(name)) or (agency and low == agency.lower())
                         or _registered(name) is not None or bool(_MEDIA_AFTER.match(after))
                         or bool(m.groupdict().get("kindword")))
            start = offset
            mention = next((o for o in org_spans if o.start <= start < o.end), None) or next(
                (o for o in ent_spans if o.start <= start < o.end), None)
            media = (bool(_MEDIA.search(name)) or bool(_MEDIA_AFTER.match(after)) or bool(m.groupdict().get("kindword"))
                     or follow is not None)
            weak = False
            if relation == "reported" and not is_outlet:
                # "X reported" with X an organisation mention: an outlet unless it is a body or a person;
                # "X reports:" introducing a quoted block is an outlet's way of being cited
                is_outlet = any(s.start <= start < s.end for s in org_spans)
                weak = is_outlet and not re.match(r"[^\S\n]*:[^\S\n]*\n", text[m.end() : m.end() + 4])
            if not is_outlet and not (strong and relation == "citing" and _MEDIA.search(m.group(0))):
                continue
            if _not_an_outlet(name, mention, info, weak=weak, media=media):
                continue
            org = next((o for o in org_spans if o.start <= start < o.end), None)
            tail = text[org.end : start + len(name)] if org is not None else ""
            if org is not None and org.end < start + len(name) and _MEDIA.sub("", tail).strip():
                name = _clean(text[org.start : org.end])  # the mention's own extent
                start = org.start + text[org.start : org.end].find(name)
                if not name:
                    continue
            # "the Ravex news agency", "AVN news agency said": named an agency by the text's own words
            named_agency = "agency" in (m.groupdict().get("kindword") or "").lower() or bool(
                (am := _AGENCY_AFTER.match(text, start + len(name))) and am.group("news"))
            kind = "agency" if named_agency else _kind(name, agency)
            spans.append(Span(start, start + len(name), name, {"name": name, "kind": kind, "relation": relation}))
            outlet_names.add(low)
    # a credit line names where the text ran first: an outlet by the line's own words, unless the
    # entities table types it a person ("Reprinted with permission from Chuck Baldwin")
    people = {n.lower() for t, names in info.values() if t == "PERSON" for n in names if n}
    for m in CREDIT_LINE.finditer(text):
        raw_name = m.group("name")
        name = _clean(raw_name)
        if not name:
            continue
        start = m.start("name") + raw_name.find(name)
        mention = next((o for o in ent_spans if o.start <= start < o.end), None)
        if not _credited_outlet(name, mention, info, people, m.group(0)):
            continue
        spans.append(Span(start, start + len(name), name, {"name": name, "kind": _kind(name, agency),
                                                            "relation": "republished"}))
    # a relay note of its own line: "Via Zerohedge…" (the text below ran there: republished), "H/T
    # Gateway Pundit" (who pointed to the story: cited)
    pos = 0
    for line in text.split("\n"):
        note = relay_note(line)
        if note is not None:
            name = _relay_name(note[1])
            start = pos + line.find(note[1]) + note[1].find(name) if name else -1
            mention = next((o for o in ent_spans if o.start <= start < o.end), None)
            if name and start >= pos and _credited_outlet(name, mention, info, people, line):
                spans.append(Span(start, start + len(name), name, {"name": name, "kind": _kind(name, agency),
                                                                    "relation": _RELAY_RELATION[note[0]]}))
        pos += len(line) + 1
    # cleaning removes a credit line as furniture; what it said stays a source, with no span in the text
    credited = [(n, b.text, "republished") for b in article.removed if b.reason != "title"
                for n in [_credit_in(b.text)] if n]
    credited += [(n, b.text, _RELAY_RELATION[note[0]]) for b in article.removed if b.reason != "title"
                 for note in [relay_note(b.text)] if note for n in [_relay_name(note[1])] if n]
    # a source note ("Source: IRNA", "(Courtesy of Reuters)"): the outlet the text came from, when it is one
    noted = [(n, b.text, "republished") for b in article.removed if b.reason != "title"
             for n in [_source_note_outlet(b.text)] if n]
    credited += noted
    # a wire byline ("Amy Forliti, The Associated Press"): the medium the writers work for supplied the text
    credited += [(_clean(wire[1]), b.text, "byline") for b in article.removed if b.reason != "title"
                 for wire in [wire_byline(b.text)] if wire]
    if agency is None:  # no dateline names the agency: a wire byline's or a source note's is the article's
        agency = next((n for n, _, rel in credited if rel == "byline" and _kind(n, None) == "agency"), None) or \
            next((n for n, _, _ in noted if _kind(n, None) == "agency"), None)
    # dedupe by start
    seen: set[tuple[int, int]] = set()
    uniq: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if (s.start, s.end) in seen or any(u.start <= s.start < u.end for u in uniq):
            continue
        seen.add((s.start, s.end))
        uniq.append(s)
    table: dict[str, dict[str, Any]] = {}
    if article.outlet:
        table[article.outlet.lower()] = {"name": article.outlet, "kind": "publisher", "relations": ["publisher"],
                                         "evidence": 0, **_facts(article.outlet)}
    for s in uniq:
        entry = table.setdefault(s.attrs["name"].lower(), {"name": s.attrs["name"], "kind": s.attrs["kind"],
                                                           "relations": [], "evidence": 0, **_facts(s.attrs["name"])})
        if s.attrs["relation"] not in entry["relations"]:
            entry["relations"].append(s.attrs["relation"])
        entry["evidence"] += 1
    for name, line, relation in credited:
        if not _credited_outlet(name, None, info, people, line):
            continue
        entry = table.setdefault(name.lower(), {"name": name, "kind": _kind(name, agency), "relations": [],
                                                "evidence": 0, **_facts(name)})
        if relation not in entry["relations"]:
            entry["relations"].append(relation)
        entry["evidence"] += 1
        entry["removed_line"] = True  # the evidence is a line cleaning removed (Article.removed)
    # one name per source: the registry's, else a mention not in capitals ("INTELLIHUB" in a dateline,
    # "Intellihub" in the text), and the evidence spans carry it
    for key, entry in table.items():
        names = [s.attrs["name"] for s in uniq if s.attrs["name"].lower() == key]
        mixed = [n for n in names if not n.isupper()]
        if entry["kind"] != "publisher" and mixed and entry["name"].isupper() and len(entry["name"]) > 5:
            entry["name"] = mixed[0]
    for i, s in enumerate(uniq):
        entry = table[s.attrs["name"].lower()]
        if entry["name"] != s.attrs["name"]:
            uniq[i] = Span(s.start, s.end, entry["name"], {**s.attrs, "name": entry["name"]})
    chain: list[dict[str, str]] = []
    publisher = article.outlet
    for entry in table.values():
        if entry["kind"] == "publisher":
            continue
        if publisher:
            # the relation that says who supplied the text (a dateline, a wire byline) comes first
            supplied = [r for r in entry["relations"] if r in ("dateline", "byline")]
            chain.append({"from": entry["name"], "to": publisher, "relation": (supplied or entry["relations"])[0]})
    return uniq, {"sources": list(table.values()), "chain": chain, "publisher": publisher, "agency": agency}


class SourcesAnalyzer(BaseAnalyzer):
    name = "sources"
    version = "1"
    requires = ("entities",)
    produces = ("sources",)
    description = "Publisher, dateline agency and cited outlets, with evidence spans and the relay chain."

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        spans, data = find_sources(article, layers.get("entities"))
        return {"sources": self.layer("sources", spans, data)}
