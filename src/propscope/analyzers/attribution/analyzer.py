"""The ``attribution`` analyzer: who said what, with the speaker resolved and relays unfolded.

Pipeline per article: quotation marks (:func:`find_quotes`) -> CRF tags over regex tokens
(features include the quote state and the NER types of the ``entities`` layer) -> chunks
-> attributions (:mod:`.decode`) -> cue-less content dropped, content-less cues completed
from their sentence, direct quotes the tagger missed and layout-stated attributions (vox
pops, transcripts) added by rule, source-less cues given the sentence's subject ->
nested relays split ("X underscored the need to act, Agency Y reported": content to X,
``relayed_by`` Agency Y; "…, Agency Y quoted X as saying") -> speakers resolved with :class:`SpeakerResolver`.

Each attribution is one span from the start of its first content piece to the end of its
last, labelled with its kind (``label_key`` ``"kind"``: direct | mixed | indirect), with
attrs ``content`` (list of ``[start, end]``), ``cue``, ``source`` (``[start, end]`` or
null), ``speaker`` (canonical name or null), ``speaker_id`` and ``relayed_by``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.analyzers.entities.registry import lookup as lookup_outlet
from propscope.analyzers.entities.resolve import EntityRef
from propscope.analyzers.quotes import find_quotes
from propscope.analyzers.sources import agencies_of
from propscope.article import Article, Span
from propscope.segment import segment

from .decode import Decoded, kind_of, quote_mask
from .descriptions import PERSON_NOUNS
from .source_names import ISSUED_NOUNS
from .embedded import embedded_cue
from .glued import carried_mixed, past_a_question, with_glued
from .titles import determiner_source, expletive_source, title_end
from .saying import (POSTPOSED_CUE, SPEECH_VERBS, TELLING, declines_to_comment, is_saying_word, opens_a_circumstance,
                     reports_an_act, withholds_or_grants)
from .parenthetical import (as_reports, as_urged, clause_before, head_before, inverted_name, inverted_name_inside,
                            medium_before_quote, named_labels, plain_reports, uncovered)
from .layouts import (blocks, cites_an_article, complete_quotations, continued_quotes, host_outlet, is_closing_credit,
                      label_person, lone_quotations, post_author, posts, speaker_labels, told_marker)
from .possessive import possessive_accounts
from .relative import clip_to_relative_clause
from .subjects import participle_subject
from .witness import subject_after_witness, witness_account
from .passive import passive_agent
from .narrator import writer_to_reader
from .relays import (according_to_inner, is_outlet_name, is_reporter, relay_in_sentence, relay_name, relay_piece,
                     short_outlet)
from .speakers import AttributionSpeakers, furniture_lines, is_furniture
from .model import AttributionModel, load_model
from .credited import credited_lines
from .pairs import joint_people
from .naming import (_acronym_speaker, _body_in_place, _coordinated_name, _credited_speaker, _described_body,
                     _document_speaker, _fuller_name, _group_at_sentence_start, _joint_source, _quoted_title,
                     _relay_display, _share_of_body, _speaker_display, _title_attributions, _unnamed_source,
                     acronym_definitions, joint_names, named_ref)

__all__ = ["AttributionAnalyzer", "Found", "attributions_of"]

_WORD = re.compile(r"[\w’'\-]+")
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "who"])
#: auxiliaries after which a "speech verb" is a plan or a possibility, not a report ("will maintain")
_MODALS = frozenset(["will", "would", "shall", "should", "can", "could", "may", "might", "must", "to", "not", "never"])


@dataclass
class Found:
    """One attribution before it becomes a span."""

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    kind: str = "indirect"
    speaker: EntityRef | None = None
    relayed_by: str | None = None
    relayed_by_id: str | None = None
    named_in_content: bool = False  # "Linde slammed …, SNA quoted her as saying": "her" is Linde
    relay: tuple[int, int] | None = None  # the span naming who relayed it ("…, Agency Y reported")
    layout: str | None = None  # "block": a passage the layout gives to its source ("RT reports:" and what follows)


def _speaking(f: Found) -> Found:
    """``f`` with no speaker rather than a name that is no person or body (issue 17): page furniture
    the entity layer typed ("557 SHARES" -> "SHARES"), a heading ("The Latest: …"), a nationality
    adjective ("British"), a title, a law or an event, a dateline read as a label ("BEIJING:")
    (:func:`propscope.analyzers.speaker_guard.is_speaker`).  A wrong name is worse than none."""
    from propscope.analyzers.speaker_guard import is_speaker

    if f.speaker is not None and not is_speaker(f.speaker.name, f.speaker.id):
        f.speaker = None
    return f


def _split_relay(text: str, d: Found, mentions: list[Span]) -> Found | None:
    """"X underscored the need to act" inside content relayed by an outer source: the inner part.

    The content must open (after an optional "that") with an entity mention or a pronoun
    followed by a speech verb; the inner content is what follows the verb (and "that").
    """
    if not d.content or d.source is None:
        return None
    a, b = d.content[0]
    seg = text[a:b]
    words = [(m.start() + a, m.end() + a, m.group()) for m in _WORD.finditer(seg)]
    if len(words) < 4:
        return None
    i = 1 if words[0][2].lower() == "that" else 0
    src_end = None
    # the source may open with a title or role in capitals: "Minister Ivan Petrov underscored ..."
    heads = [words[k][0] for k in range(i, min(i + 3, len(words)))
             if all(words[x][2][:1].isupper() for x in range(i, k + 1))]
    for m in mentions:
        if m.start in heads and m.label in ("PERSON", "ORG", "NORP", "GPE"):
            src_end = m.end
            break
    if src_end is None and words[i][2].lower() in ("he", "she", "they"):
        src_end = words[i][1]
    if src_end is None:
        return None
    j = next((k for k, w in enumerate(words) if w[0] >= src_end), None)
    if j is None or j + 1 >= len(words):
        return None
    for k in range(j, min(j + 2, len(words) - 1)):
        if words[k][2].lower() in _MODALS:
            break  # "He said RCMP will maintain a presence": a plan reported, not a second speaker
        if words[k][2].lower() in SPEECH_VERBS:
            rest = k + 1
            if words[k][2].lower() in TELLING:  # "X told council members that …": not the addressee
                that = next((x for x in range(rest, min(rest + 8, len(words) - 1))
                             if words[x][2].lower() == "that"), None)
                if that is not None and not re.search(r"[,;:\"“”]", text[words[rest][0] : words[that][0]]):
                    rest = that
            if words[rest][2].lower() == "that" and rest + 1 < len(words):
                rest += 1
            start = words[rest][0]
            inner = Found([(start, b), *d.content[1:]], (words[k][0], words[k][1]), (words[i][0], src_end))
            return inner
    return None


def _relaying_split(text: str, f: Found, mentions: list[Span]) -> Found | None:
    """:func:`_split_relay`, when the outer source can relay: an outlet or a journalist the article
    names ("Reuters said X underscored …"); "the White House said Trump's tweets are official
    statements" keeps the White House as the speaker (a relay passes words on, a body speaks)."""
    # for inverted relays: a speaker that is no outlet became the relay of a name inside its words
    inner = _split_relay(text, f, mentions)
    if inner is None or f.source is None:
        return inner
    outer = text[f.source[0] : f.source[1]]
    if outer.strip().lower() in _PRONOUNS and _opens_quotation(text, f.content[0][0]):
        return None  # '"They told us by text …," he said': a person's own quoted words, a story told, no relay
    if is_outlet_name(outer) or is_reporter(text, outer) or outer.strip().lower() in _PRONOUNS:
        return inner
    if f.cue is not None and re.fullmatch(r"according\s+to", text[f.cue[0] : f.cue[1]].strip(), re.IGNORECASE) \
            and inner.cue is not None and text[inner.cue[0] : inner.cue[1]].lower() in TELLING:
        return inner  # "X told aides that …, according to two people there": they pass X's words on
    return None


_QUOTE_OPENERS = "\"“«‘'"


def _opens_quotation(text: str, at: int) -> bool:
    """Whether the content starting at ``at`` is a quotation: a quote mark opens it (or stands just before)."""
    head = text[max(0, at - 1) : at + 2].lstrip()
    return bool(head) and head[0] in _QUOTE_OPENERS


_RELAY_TAIL = re.compile(  # the comma may close the content, inside its quotation mark ("…,\" the Y reported.")
    r"(?:(?<=,)|(?<=,[\"”»’'])|\s*(?:[^,.;]{0,60}?)?,)\s*"
    r"(?:according to\s+(?P<acc>[^,.;]{2,60}?)|citing\s+(?P<cit>[^,.;]{2,60}?)|"
    r"(?P<rep>(?:the\s+)?[A-Z][^,.;]{1,60}?|the\s+(?:[a-z\-]+\s+){0,2}agency)\s+(?:reported|reports|said|says))"
    r"\s*[.;]?[\"”»’']?\s*$"
)
_SPEAKER_BEFORE = re.compile(
    r"[\s,\"”»’']*(?:(?P<name>(?:[A-Z][\w’'\-.]*\s?){1,4})|(?P<pron>he|she|they))\s+"
    r"(?P<verb>said|says|added|stressed|told|warned|insisted|underscored|noted|declared|claimed|stated)\b"
)


_INNER_SPEECH = re.compile(r"\s+(?:(?:had|has|have|was|were)\s+)?(?:to\s+)?(?P<verb>[a-z]+)\b(?:\s+that\b)?\s*")


#: ", an adviser to the court, disclosed in remarks on state TV that ": an appositive, a verb of
#: saying, a short phrase of where, then "that"
_INNER_SPEECH_APART = re.compile(r",[^,.;\"“”]{3,90},\s+(?:(?:had|has|have)\s+)?(?P<verb>[a-z]+)\b"
                                 r"[^,.;\"“”]{0,90}?\bthat\s+")


def _speech_inside_outlet_report(text: str, f: Found, mentions: list[Span]) -> Found | None:
    """"This prompted the Foreign Ministry to urge its citizens to stay, according to Reuters":
    an outlet's report (its source an outlet, its cue "according to" or "reported") whose content holds a named body or person and a
    verb of saying: that one speaks, the outlet relays (the caller makes the old source the
    relay).  Only the first such speech act, and only one of a speech verb right after the name."""
    if f.source is None or f.cue is None or not f.content or not is_outlet_name(text[f.source[0] : f.source[1]]):
        return None
    if not re.fullmatch(r"(?i)according\s+to|reported|reports|reporting", text[f.cue[0] : f.cue[1]].strip()):
        return None  # only a report cue: "Reuters said the ministry urged …" stays the tagger's reading
    a, b = f.content[0]
    for m in mentions:
        if not (a <= m.start and m.end < b) or m.label not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        if is_outlet_name(text[m.start : m.end]):
            continue
        v = _INNER_SPEECH.match(text, m.end, b)
        if v is not None and v.group("verb") in SPEECH_VERBS and v.end() < b:
            return Found([(v.end(), b), *f.content[1:]], (v.start("verb"), v.end("verb")), (m.start, m.end))
        # "Lind, an adviser to the court, disclosed in remarks on state TV that …": past an appositive
        v = _INNER_SPEECH_APART.match(text, m.end, b)
        if v is not None and is_saying_word(v.group("verb")) and v.end() < b:
            return Found([(v.end(), b), *f.content[1:]], (v.start("verb"), v.end("verb")), (m.start, m.end))
    return None


def _according_to_outlet(text: str, f: Found) -> Found | None:
    """"According to Interfax, Lind said the strike was over": Lind speaks, the outlet relays
    (the caller makes the old source the relay)."""
    hit = according_to_inner(text, f.content, f.cue, f.source)
    if hit is None:
        return None
    who, verb, start = hit
    content = [(max(a, start), b) for a, b in f.content if b > start]
    return Found(content, verb, who) if content else None


def _trailing_relay(text: str, f: Found, sentence: Span | None, mentions: list[Span]) -> tuple[int, int] | None:
    """"…, X said on Monday, the Y news agency reported." / "…, X said, according to Y.":
    the speaker is X, and Y only relays it.  Returns the span naming Y, or None.

    A general rule of news syntax, applied after the tagger: the relay is the last clause of
    the sentence, after the cue and source of an attribution that already has a speaker.
    """
    if sentence is None or f.cue is None or f.source is None:
        return None
    after = max(f.cue[1], f.source[1], f.content[-1][1])
    if after >= sentence.end:
        return None
    m = _RELAY_TAIL.match(text, after, sentence.end)
    if m is None:
        return None
    group = next(g for g in ("acc", "cit", "rep") if m.group(g))
    a, b = m.start(group), m.end(group)
    if group == "acc" and text[f.cue[0] : f.cue[1]].strip().lower() in TELLING and f.source[1] <= f.cue[0]:
        # "X told aides that …, according to someone in attendance": whoever Z is, they pass on X's words
        return a, b
    # the relay must name an outlet: "…, the Justice Ministry in Oslo said" is a second speaker
    named = [x for x in mentions if a <= x.start < b]
    if (named and all(x.label == "PERSON" for x in named)) or not is_outlet_name(text[a:b]):
        return None
    return a, b


#: ", according to someone in attendance." closing the content of a verb of telling
_ACCORDING_TAIL = re.compile(r",\s*according\s+to\s+[^,;:\"“”]{2,80}?[.!?]?\s*$")


def _according_to_tail(text: str, f: Found) -> None:
    """"X told aides that he would run, according to two people who were there": the tagger ran
    the content over the closing "according to Z"; it ends before it, so that Z becomes the relay
    (:func:`_trailing_relay`) and X stays the speaker."""
    # for news that tells who said what to whom, then whose account it has that from
    if f.cue is None or f.source is None or f.source[1] > f.cue[0] or not f.content:
        return
    if text[f.cue[0] : f.cue[1]].strip().lower() not in TELLING:
        return
    a, b = f.content[-1]
    m = _ACCORDING_TAIL.search(text, a, b)
    if m is None or m.start() <= a or f.cue[1] > a or _has_quote_mark(text[m.start() : b]):
        return
    f.content[-1] = (a, m.start())


#: ", Lu said." / ", she added on Monday." closing the sentence right after an "according to X"
_SAID_AFTER = re.compile(r"\s*,\s*(?P<who>(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]*|he|she|they)\s+"
                         r"(?P<verb>said|says|added|adds|stressed|noted|stated|explained|insisted)"
                         r"(?:\s+(?:on|in|at|during)\s+[^,.;:\n\"“”]{1,50})?\s*[.!?]")


def _according_to_in_claim(text: str, f: Found) -> None:
    """"China protects diplomats according to the Vienna Convention, Lu said.": an "according to X"
    that a postposed cue closes is part of the claim (X is what it goes by, not who says it);
    the speaker is the one named before that cue."""
    # for "according to" used as "in line with"; "…, X said, according to Y" is a relay (_trailing_relay)
    if f.cue is None or f.source is None or not re.fullmatch(r"according\s+to", text[f.cue[0] : f.cue[1]], re.I):
        return
    if not f.content or f.content[-1][1] > f.cue[0] or f.source[0] < f.cue[1]:
        return
    m = _SAID_AFTER.match(text, f.source[1])
    if m is None or not re.fullmatch(r"[\s,]*", text[f.content[-1][1] : f.cue[0]]) or f.cue[0] - f.content[-1][1] > 2:
        return
    f.content[-1] = (f.content[-1][0], f.source[1])
    f.cue, f.source = (m.start("verb"), m.end("verb")), (m.start("who"), m.end("who"))


#: '…," said Sen.\nRob Portman': a title abbreviation after the cue, where the lines of the text broke
_TITLED_AFTER = re.compile(r"\s+(?:Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Gen|Adm|Prof|Amb|Lt|Col|Capt|Sgt|Rev|Sec|Pres)\.\s+"
                           r"(?P<src>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})")


def _titled_source_after(text: str, f: Found) -> None:
    """'"…," said Sen.\nRob Portman, …': the titled name after the cue is the source, not a name
    inside the quotation (nor none) where a line break after the title cut the sentence."""
    # for text split into one sentence per line at every full stop, titles included
    if f.cue is None or not f.content or not _has_quote_mark(text[f.content[0][0] : f.content[-1][1]]):
        return
    if f.source is not None and not any(a <= f.source[0] and f.source[1] <= b for a, b in f.content):
        return
    if f.cue[0] < f.content[-1][1]:
        return
    m = _TITLED_AFTER.match(text, f.cue[1])
    if m is not None:
        f.source = (m.start("src"), m.end("src"))


#: ", according to The Associated Press." closing a sentence
_ACCORDING_AT_END = re.compile(r"\s*,\s*(?P<cue>according\s+to)\s+(?P<src>[^,.;:!?\n\"“”]{2,80}?)\s*[.!?]?\s*$")


def _according_to_at_end(text: str, f: Found, sentence: Span | None) -> None:
    """"Symptoms, sounds and sensations reportedly varied …, according to The Associated Press.":
    where the tagger read a word that reports no speech ("sounds") as the cue, a sentence that
    ", according to X" closes is X's, from its start to that comma."""
    # for the tagger's false cues inside a clause that is itself attributed at its end
    if sentence is None or f.cue is None or len(f.content) != 1:
        return
    if any(_speech_form(w.lower()) or is_saying_word(w) for w in _WORD.findall(text[f.cue[0] : f.cue[1]])):
        return
    a, b = f.content[0]
    m = _ACCORDING_AT_END.match(text, b, sentence.end)
    if m is None or f.cue[0] < sentence.start or _has_quote_mark(text[sentence.start : b]):
        return
    start = sentence.start + len(text[sentence.start : b]) - len(text[sentence.start : b].lstrip())
    f.content = [(start, b)]
    f.cue, f.source = (m.start("cue"), m.end("cue")), (m.start("src"), m.end("src"))


def _passive_agent(text: str, f: Found, sentence: Span | None) -> None:
    """"Barros is accused by the victims of …": the agent after "by" is the source, not the one
    accused or told before the cue (:mod:`.passive`), in place."""
    hit = passive_agent(text, f.cue, (sentence.start, sentence.end) if sentence else None)
    if hit is not None:
        f.content, f.cue, f.source = hit


def _witness_account(text: str, f: Found, mentions: list[Span], sentences: list[Span],
                     starts: list[int]) -> Found | None:
    """The account around ``f`` of the person named after "according to" (:mod:`.witness`), an
    attribution of its own: "According to Gibson, Major said he saw the sign" is Gibson's with
    "Major said …" as content, while "he saw the sign" stays Major's.  None when there is none.
    A source read as the witness itself becomes the name before the cue (in place)."""
    f.source = subject_after_witness(text, f.cue, f.source, mentions)
    sent = _sentence_of(sentences, starts, f.cue[0]) if f.cue else None
    hit = witness_account(text, f.content, f.cue, f.source, mentions, (sent.start, sent.end) if sent else None)
    if hit is None:
        return None
    content, cue, source = hit
    return Found(content, cue, source)


#: ", he said" / ", Lind added on Monday" closing a content piece
_CUE_AT_END = re.compile(POSTPOSED_CUE + r"[^,;:]{0,40}$")


def _postposed_cue_start(text: str, a: int, b: int) -> int | None:
    """Where a postposed cue the tagger ran into the content piece ``text[a:b]`` starts (its
    comma: "The attack took four minutes, he said"), else None."""
    m = _CUE_AT_END.search(text, a, b)
    return m.start() if m is not None else None


def _speaker_under_according_to(text: str, f: Found) -> Found | None:
    """'"…," Dorran said, according to Baltvest': the cue "according to" names the relay;
    the speaker is the one whose speech verb follows the quote."""
    if f.cue is None or f.source is None or not text[f.cue[0] : f.cue[1]].lower().startswith("according"):
        return None
    content = list(f.content)
    end = content[-1][1]
    if end > f.cue[0]:
        return None
    m = _SPEAKER_BEFORE.match(text, end, f.cue[0])
    if m is None:
        # the tagger may have run the content on over '…," Dorran said' or "…, he said": cut it there
        a, b = content[-1]
        closing = max(text.rfind(q, a, b) for q in "\"”»")
        if closing <= a:
            closing = _postposed_cue_start(text, a, b)
        if closing is None or closing <= a:
            return None
        m = _SPEAKER_BEFORE.match(text, closing + 1, f.cue[0])
        if m is None:
            return None
        content[-1] = (a, closing + 1 if text[closing] in "\"”»" else closing)
    who = "name" if m.group("name") else "pron"
    src = (m.start(who), m.end(who) - (1 if text[m.end(who) - 1] == " " else 0))
    return Found(content, (m.start("verb"), m.end("verb")), src)


#: "as saying (that)", "as telling", after which the quoted words follow
_AS_SAYING = r"as\s+(?:saying|telling|stating|writing)\b[\s:,]*(?:that\s+)?"
_QUOTED_AS = re.compile(rf"(?P<who>him|her|them|[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){{0,5}})\s+{_AS_SAYING}")


def _quoted_as(text: str, f: Found) -> tuple[int, re.Match[str]] | None:
    """The content piece of ``f`` that reads "her as saying …" after a cue "quoted", and its match."""
    if f.cue is None or f.source is None or text[f.cue[0] : f.cue[1]].lower() not in ("quoted", "quotes", "cited"):
        return None
    for k, (a, b) in enumerate(f.content):
        m = _QUOTED_AS.match(text, a, b)
        if m is not None:
            return k, m
    return None


def _quoted_as_saying(text: str, f: Found) -> Found | None:
    """"…, the news agency SNA quoted her as saying.": the speaker is "her", the agency only
    relays.  Returns the attribution with "her" as source and the agency's words dropped from
    the content (the caller makes the old source its ``relay``), or None."""
    hit = _quoted_as(text, f)
    if hit is None:
        return None
    k, m = hit
    content = [c for j, c in enumerate(f.content) if j != k]
    if re.search(r"\w", text[m.end() : f.content[k][1]]):
        content.append((m.end(), f.content[k][1]))  # "quoted her as saying that …"
    if not content:
        return None
    return Found(sorted(content), f.cue, (m.start("who"), m.end("who")), named_in_content=True)


def _quoted_as_apart(text: str, found: list[Found], sentences: list[Span], starts: list[int]) -> list[Found]:
    """"Linde slammed the sanctions …, SNA quoted her as saying.", tagged as two attributions
    ("slammed" by Linde; "her as saying" quoted by SNA): the second only names the relay of the
    first, so it is dropped and the first gets SNA as its relay."""
    out: list[Found] = []
    for f in found:
        hit = _quoted_as(text, f) if len(f.content) == 1 else None
        if hit is None or re.search(r"\w", text[hit[1].end() : f.content[0][1]]) or f.cue is None or f.source is None:
            out.append(f)
            continue
        sent = _sentence_of(sentences, starts, f.cue[0])
        prev = next((g for g in reversed(out) if g.cue and sent is not None and sent.start <= g.cue[0] < f.cue[0]
                     and g.content[-1][1] <= f.source[0] and g.relay is None), None)
        if prev is None:
            out.append(f)
        else:
            prev.relay = f.source
    return out


_PASSIVE_QUOTED = re.compile(r"(?:was|were|is|are|has\s+been|had\s+been)\s+(?:quoted|cited)(?:\s+as\s+saying)?",
                             re.IGNORECASE)
_BY_RELAY = re.compile(r"\s+by\s+(?P<name>(?:the\s+)?[A-Z][^,.;:]{1,60}?)\s*[.;]?\s*$")
_BY_AS_SAYING = re.compile(rf"by\s+(?P<name>(?:the\s+)?[A-Z][^,.;:]{{1,60}}?)\s+{_AS_SAYING}")


def _passive_quoted(text: str, f: Found, sentences: list[Span], starts: list[int]) -> None:
    """"The fire is out, governor Marta Venn was quoted as saying by the Interfax news agency."
    and "Orvan was cited by the Hirado portal as saying Hungary would veto it.": the name before
    the cue is the source (the tagger leaves it in the content), the outlet after "by" relays
    it, and what follows "as saying" is the content."""
    if f.source is not None or f.cue is None or not f.content or not _PASSIVE_QUOTED.fullmatch(
            text, f.cue[0], f.cue[1]):
        return
    before = [c for c in f.content if c[1] <= f.cue[0]]
    if not before or text[before[-1][1] : f.cue[0]].strip():
        return
    a, b = before[-1]
    comma = text.rfind(", ", a, b)
    name_start = comma + 2 if comma > a else a
    name = text[name_start:b].strip()
    if not name or len(name.split()) > 8 or not re.search(r"\b[A-Z]", name):
        return
    content = [c for c in f.content if c != (a, b)] + ([(a, comma)] if comma > a else [])
    f.source = (name_start, name_start + len(name))
    after = next((c for c in content if c[0] >= f.cue[1] and not text[f.cue[1] : c[0]].strip()), None)
    by = _BY_AS_SAYING.match(text, after[0], after[1]) if after is not None else None
    if after is not None and by is not None and by.end() < after[1]:
        content = [c for c in content if c != after] + [(by.end(), after[1])]  # "by Y as saying Z": Z
        f.relay = (by.start("name"), by.end("name"))
    else:
        sent = _sentence_of(sentences, starts, f.cue[0])
        tail = _BY_RELAY.match(text, f.cue[1], sent.end) if sent is not None else None
        if tail is not None:
            f.relay = (tail.start("name"), tail.end("name"))
    if not content:  # nothing was said but the name: leave the attribution as the tagger had it
        f.source, f.relay = None, None
        return
    f.content = sorted(content)


def _split_embedded(text: str, found: list[Found], mentions: list[Span]) -> list[Found]:
    """Each "…, but Chapman says …" clause inside an unquoted content as an attribution of its own (:mod:`.embedded`)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    cues = {f.cue for f in found}
    out: list[Found] = []
    for f in found:
        out.append(f)
        if f.layout is not None or len(f.content) != 1:
            continue
        cut = embedded_cue(text, f.content[0], ordered)
        if cut is None or cut[1] in cues:
            continue
        first_end, cue, source, rest = cut
        f.content = [(f.content[0][0], first_end)]
        out.append(Found([rest], cue, source))
    return out


def _is_list(block: str) -> bool:
    """Whether ``block`` is a list of items: three lines or more, two in three of them without a
    sentence's closing punctuation ("Create or use fake accounts", "Promise … features")."""
    lines = [ln.rstrip() for ln in block.split("\n") if ln.strip()]
    bare = sum(1 for ln in lines if not ln.endswith((".", "!", "?", "”", '"', "’", "'", ":")))
    return len(lines) >= 3 and 3 * bare >= 2 * len(lines)


#: "SOURCE told OBJECT, “" / "SOURCE said, “" inside a content: a cue the tagger took for content
_CUE_BEFORE_QUOTE = re.compile(
    r"(?:^|(?<=,)\s+)(?P<src>(?:[A-Z][\w’'‘.\-]*\s+){0,4}[A-Z][\w’'\-]*|he|she|they)\s+"
    r"(?P<cue>told|tells|said|says|added|adds|replied|replies|answered|responded|insisted|wrote)"
    r"(?:\s+[^,“”\"\n.;:!?]{1,60}?)?,\s*(?=[“\"])")


def _cue_inside_content(text: str, f: Found) -> None:
    """"When asked if he owed her an apology, President Roe told NBC's Ana Lind, “No, I do not.”":
    the tagger read all after "asked" as the content of a source-less cue, the speaker's own "told
    …," included.  The name and verb before the quotation are its source and cue: the quotation
    is what that speaker said; the words before the name stay content unless the cue the tagger
    found asks the question they are ("asked if …": the interviewer's question, not the answer)."""
    # for a content that swallowed its own cue: a quote after "X told Y," belongs to X
    if f.source is not None or f.layout is not None or not f.content:
        return
    for k, (a, b) in enumerate(f.content):
        seg = text[a:b]
        for m in _CUE_BEFORE_QUOTE.finditer(seg):
            before = seg[: m.start()]
            if before.count("“") != before.count("”") or before.count('"') % 2 or m.end() >= len(seg):
                continue  # inside a quotation: the speaker's own words
            if before.strip() and not before.rstrip().endswith(","):
                continue
            asked = f.cue is not None and f.cue[1] <= a and re.search(
                r"\b(?:asked|asks)\b", text[f.cue[0] : f.cue[1]]) is not None
            head = [] if asked or not before.strip() else [(a, a + before.rstrip().rindex(","))]
            f.source = (a + m.start("src"), a + m.end("src"))
            f.cue = (a + m.start("cue"), a + m.end("cue"))
            f.content = ([] if asked else list(f.content[:k])) + head + [(a + m.end(), b)] + list(f.content[k + 1 :])
            return


def _list_before_source(text: str, f: Found) -> None:
    """Drops the pieces of ``f``'s content that lie on lines above its source's line and are a
    list of items, where the attribution keeps another piece ("<rules list>\nThe Washington Post
    said that these pages were purged for …": the Post's words follow its cue, the list is not them)."""
    # for lists quoted from a document above a reporting sentence: the list is not that speaker's speech
    if f.source is None or len(f.content) < 2:
        return
    line = text.rfind("\n", 0, f.source[0]) + 1
    keep = [p for p in f.content if not (p[1] <= line and _is_list(text[p[0] : p[1]]))]
    if keep and len(keep) < len(f.content):
        f.content = keep


def _sentence_of(sentences: list[Span], starts: list[int], pos: int) -> Span | None:
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and sentences[k].start <= pos < sentences[k].end:
        return sentences[k]
    return None


def _has_quote_mark(s: str) -> bool:
    return any(c in s for c in "\"“”„«»") or "''" in s


def _all_spans(found: list[Found]) -> list[tuple[int, int]]:
    """Every content, cue and source span of ``found``."""
    return [p for f in found for p in f.content] + [f.cue for f in found if f.cue] + [
        f.source for f in found if f.source]


def _extend_content(text: str, f: Found, sentences: list[Span], starts: list[int], others: list[tuple[int, int]]) -> None:
    """Indirect content after its cue runs to the end of the sentence when nothing else is there.

    The tagger often stops at "and" or a comma; reported speech after "said (that)" usually
    runs to the sentence end.  Only after a verb of saying (not "believes", "wants": PolNeAR's
    other cues, whose content the tagger bounds better); only the last piece grows, only over plain text (no quote mark,
    no other attribution's span), and never over the sentence's final punctuation.
    """
    if f.cue is None or len(f.content) != 1:
        return
    if not any(_speech_form(w.lower()) for w in _WORD.findall(text[f.cue[0] : f.cue[1]])):
        return  # "believes", "wants", "was imposed": no report of speech to run on
    a, b = f.content[-1]
    if a < f.cue[1]:
        return
    sent = _sentence_of(sentences, starts, a)
    if sent is None or b >= sent.end:
        return
    tail = text[a : sent.end]
    if _has_quote_mark(tail):
        return
    nxt = min((x for x, _ in others if b <= x < sent.end), default=None)
    if nxt is not None:  # another report follows in the sentence: at most a short aside before its clause
        _aside_before_next_report(text, f, nxt)
        return
    end = sent.end
    for m in re.finditer(r"[,;—–]", text[b:end]):  # "…, the agency reported", "…, he added": a relay or a cue
        rest = _WORD.findall(text[b + m.end() : end])  # a short clause, not "— those that sell to other states —"
        if len(rest) <= 8 and any(is_saying_word(w) for w in rest):
            end = b + m.start()
            break
    while end > b and (text[end - 1] in ".!?;:)]," or text[end - 1].isspace()):
        end -= 1
    if end > b and re.search(r"\w", text[b:end]):
        f.content[-1] = (a, end)


def _aside_before_next_report(text: str, f: Found, nxt: int) -> None:
    """"… no one wants to go to Portugal, for example, adding that …": where the tagger stopped
    the content at a comma and the next report of the sentence opens after a short aside ("for
    example", "in fact", "too"), the aside is part of the content; the clause that opens the next
    report ("adding that …") is not."""
    a, b = f.content[-1]
    seg = text[b:nxt]
    if _has_quote_mark(seg):
        return
    cuts = list(re.finditer(r"[,;—–]", seg))
    for k in range(len(cuts) - 1, 0, -1):  # the next report opens after its own comma
        rest = _WORD.findall(seg[cuts[k].end() :])
        if rest and (len(rest) > 3 or not any(is_saying_word(w) for w in rest)):
            continue  # the next report's cue or source itself, or its clause ("adding that")
        aside = _WORD.findall(seg[: cuts[k].start()])
        if 1 <= len(aside) <= 3 and not any(is_saying_word(w) or w[:1].isupper() for w in aside) \
                and re.fullmatch(r"\s*,", seg[: cuts[0].end()]):
            f.content[-1] = (a, b + cuts[k].start())
        return


def _speech_form(word: str) -> bool:
    """A verb of saying, its "-ing" form included ("noting", "arguing", "stressing")."""
    # for participle cues ("Vickers said …, noting that …") the word list gives no "-ing" form of
    if word in SPEECH_VERBS:
        return True
    stem = word[:-3] if word.endswith("ing") else ""
    return bool(stem) and (stem in SPEECH_VERBS or stem + "e" in SPEECH_VERBS or (
        len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in SPEECH_VERBS))


def _complete_parenthetical(text: str, f: Found, sentences: list[Span], starts: list[int],
                            taken: list[tuple[int, int]]) -> None:
    """"Only decisive action, he said, saved the country.": content cut by a parenthetical
    source and cue gets its second half, the rest of the sentence after the cue's comma.

    Only when the content ends just before ", SOURCE CUE," (either order), the rest holds at
    least two words, no quotation mark and nothing another chunk holds; the sentence's final
    punctuation stays out.
    """
    if f.cue is None or f.source is None:
        return
    end = f.content[-1][1]
    head, tail = min(f.cue[0], f.source[0]), max(f.cue[1], f.source[1])
    sent = _sentence_of(sentences, starts, end - 1) if end > 0 else None
    if sent is None or not (end <= head and tail < sent.end) or not re.fullmatch(r"\s*,\s*", text[end:head]):
        return
    m = re.match(r"\s*,\s*", text[tail : sent.end])
    if m is None:
        return
    a, b = tail + m.end(), sent.end
    while b > a and (text[b - 1] in ".!?;:" or text[b - 1].isspace()):
        b -= 1
    rest = text[a:b]
    if len(re.findall(r"\w+", rest)) < 2 or _has_quote_mark(rest) or any(x < b and a < y for x, y in taken):
        return
    f.content.append((a, b))


def _according_to_source(text: str, f: Found) -> None:
    """"According to the ministry, 38 people were killed": when the tagger reads the source as
    the start of the content, the words up to the first comma after "according to" are the
    source (at most eight words, no quotation mark), the rest the content."""
    if f.source is not None or f.cue is None or not f.content:
        return
    if not re.fullmatch(r"according\s+to", text[f.cue[0] : f.cue[1]], re.IGNORECASE):
        return
    a, b = f.content[0]
    if not 0 <= a - f.cue[1] <= 2:
        return
    m = re.match(r"([^,\"“”„«»]{2,80}?),\s*", text[a:b])
    if m is None or len(re.findall(r"\w+", m.group(1))) > 8 or not re.search(r"\w", text[a + m.end() : b]):
        return
    f.source = (a, a + len(m.group(1).rstrip()))
    f.content[0] = (a + m.end(), b)


_SUBJECT_TAIL = re.compile(r",\s*((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*|he|she|they|it|we|I)\s*$")
#: words that open a content's own clause, so that a name before them is no subject
_CLAUSE_OPENERS = frozenset("the a an this that these those it he she they we i his her their its our there "
                            "and but or so yet if when as while".split())


def _according_to_subject(text: str, f: Found) -> None:
    """"According to a police investigation of the shooting, Vickers found himself …": when the
    tagger runs the source past its comma into the content's subject (a name or a pronoun right
    before the content's verb), the subject goes back to the content."""
    if f.source is None or f.cue is None or not f.content:
        return
    if not re.fullmatch(r"according\s+to", text[f.cue[0] : f.cue[1]], re.IGNORECASE):
        return
    a, b = f.content[0]
    if a < f.source[1] or text[f.source[1] : a].strip():
        return
    m = _SUBJECT_TAIL.search(text, f.source[0], f.source[1])
    first = re.match(r"\s*([a-z][\w’'-]*)", text[a:b])
    if m is None or first is None or first.group(1) in _CLAUSE_OPENERS or m.start() <= f.source[0]:
        return
    f.source = (f.source[0], m.start())
    f.content[0] = (m.start(1), b)


_ANONYMITY = re.compile(
    r"(?:asked|requested|declined|spoke|speaking)\s+(?:not\s+to\s+be\s+(?:named|identified)|to\s+be\s+(?:named|identified)"
    r"|on\s+(?:the\s+)?condition\s+of\s+anonymity)\b[^,.;\"“”]{0,60},\s*(?P<cue>[a-z]+)\b\s*", re.IGNORECASE)


def _past_anonymity(text: str, f: Found, cue_words: frozenset[str]) -> None:
    """"One minister, who asked not to be named, called the proposal …": the aside is not the
    attribution; its cue is the speech verb after it, its content what follows that verb."""
    if f.cue is None or not f.content:
        return
    m = _ANONYMITY.match(text, f.cue[0])
    end = f.content[-1][1]
    if m is None or m.end() >= end:
        return
    verb = m.group("cue").lower()
    if verb not in SPEECH_VERBS and verb not in cue_words:
        return
    f.cue = (m.start("cue"), m.end("cue"))
    f.content = [(m.end(), end)]
    if f.source is not None:  # "One minister, who" -> "One minister"
        w = re.search(r",?\s*\bwho\s*$", text[f.source[0] : f.source[1]])
        if w is not None and w.start() > 0:
            f.source = (f.source[0], f.source[0] + w.start())


#: words that open an adverbial phrase set before the subject ("During his trial, X told …")
_ADJUNCT_OPENERS = frozenset(["during", "in", "on", "at", "after", "before", "since", "despite", "following",
                              "amid", "throughout", "under", "as", "with", "without", "for", "from", "by", "upon"])
_PREPOSITIONS = _ADJUNCT_OPENERS | frozenset(["to", "of", "about", "into", "over", "against", "near"])


def _fronted_adjunct(before: str, after: str) -> bool:
    """Whether the words before a comma, source and cue are an adverbial phrase that opens the
    sentence ("During his trial, Garnier repeatedly told the jury he …", "As for the cats in
    the freezer, LaPlante told court there were …") and the cue has its clause after it: what
    was said is the clause, not the phrase.  A phrase is one short run (no comma inside) that
    opens with a preposition; the clause after must open with neither a preposition nor
    punctuation ("…, Gibson said on Monday at the hearing" says what is before)."""
    words = re.findall(r"[\w’'\-]+", before)
    if not words or words[0].lower() not in _ADJUNCT_OPENERS or len(words) > 10 or "," in before.rstrip()[:-1]:
        return False
    rest = re.sub(r"^\s*(?:(?:on|last|this|late|early)\s+\w+\s+)?(?:that\s+)?", "", after)
    tail = re.findall(r"[\w’'\-]+", rest)
    return len(tail) >= 4 and tail[0].lower() not in _PREPOSITIONS and not re.match(r"\s*[,.;:]", after)


def _content_for_cue(text: str, cue: tuple[int, int], source: tuple[int, int] | None, sentences: list[Span],
                     starts: list[int], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content for a cue the tagger left without any: the rest of its sentence.

    "X underscored the need to act, Agency Y reported": the clause before the comma that
    precedes the source and cue; "Y said the plan failed": what follows the cue (and
    "that").  Nothing when that part overlaps another chunk or has fewer than three words.
    """
    sent = _sentence_of(sentences, starts, cue[0])
    if sent is None:
        return []
    head = min(cue[0], source[0]) if source else cue[0]
    tail = max(cue[1], source[1]) if source else cue[1]
    before = text[sent.start : head]
    after = text[tail : sent.end]
    cand: tuple[int, int] | None = None
    comma = before.rstrip().endswith(",")
    lead = re.match(r"\s*,\s*", after) if re.fullmatch(r"according\s+to", text[cue[0] : cue[1]], re.I) else None
    if lead is not None and len(re.findall(r"\w+", after)) >= 3:
        # "According to the ministry, 38 people were killed": what follows the source's comma
        a, b = tail + lead.end(), sent.end
        while b > a and (text[b - 1] in ".!?;:" or text[b - 1].isspace()):
            b -= 1
        cand = (a, b)
    elif comma and len(re.findall(r"\w+", before)) >= 3 and not _fronted_adjunct(before, after):
        a, b = sent.start, sent.start + len(before.rstrip()) - 1
        cand = (a, b)
    elif len(re.findall(r"\w+", after)) >= 3 and not re.match(r"\s*[,.;:]", after):
        m = re.match(r"\s*(?:(?:on|last|this|late|early)\s+\w+\s+)?(?:that\s+)?", after)
        a = tail + (m.end() if m else 0)
        b = sent.end
        while b > a and (text[b - 1] in ".!?;:" or text[b - 1].isspace()):
            b -= 1
        cand = (a, b)
    if cand is None or cand[1] <= cand[0]:
        return []
    while cand[0] < cand[1] and text[cand[0]].isspace():
        cand = (cand[0] + 1, cand[1])
    if any(x < cand[1] and cand[0] < y for x, y in taken):
        return []
    return [cand]


_VOXPOP = re.compile(r"(?P<src>[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,4}(?:,\s*\d{1,3})?)\s*(?P<cue>[―—–])\s*"
                     r"(?P<con>[\"“”„«].{3,})$", re.DOTALL)
#: the dashes of a credit line ("“…” ― Carla Sanchez"), the cue of a layout attribution; a hyphen
#: counts when it is glued to the closing mark or to the name ("…present.”-William Booth")
_CREDIT_DASHES = frozenset("―—–-")
_CREDIT_DASH = r"(?P<cue>[―—–]|(?<=[\"”»])-|-(?=[A-Z]))"
_CREDIT_NAME = r"(?P<src>[A-Z][\w’'.\-]*(?:[ \u00a0]+[A-Z][\w’'.\-]*){0,4}?(?:,\s*\d{1,3})?)[.\s\u00a0]*$"
_VOXPOP_AFTER = re.compile(rf"(?P<con>[\"“”„«][^\n]{{3,}}?[\"“”»])[\s\u00a0]*{_CREDIT_DASH}"
                           rf"[\s\u00a0]*{_CREDIT_NAME}")
#: the last line of a quotation of several lines, its credit after the closing mark ("…about that?” –Don Lemon")
_CREDIT_AFTER_CLOSE = re.compile(rf"[^“”\n]*?(?P<close>”)[\s\u00a0]*{_CREDIT_DASH}[\s\u00a0]*{_CREDIT_NAME}")


def _opening_lines_before(text: str, close: int) -> int | None:
    """Where the quotation closed at ``close`` opens when it opens at the start of an earlier line
    (“ at a line start, no closing mark nor blank line between): a quotation of several lines."""
    # for block quotes credited under their last line; None when the opening is mid-line or far off
    a = text.rfind("“", max(0, close - 3000), close)
    if a < 0 or "”" in text[a:close] or "\n\n" in text[a:close] or text[text.rfind("\n", 0, a) + 1 : a].strip():
        return None
    return a


def _complete_quotations(text: str, found: list[Found], quotes: list[Span]) -> None:
    """A content piece that opens a quotation of several lines runs on to its close (:func:`complete_quotations`)."""
    contents = [list(f.content) for f in found]
    taken = [x for f in found for x in (f.cue, f.source) if x is not None]
    complete_quotations(text, contents, quotes, taken)
    for f, c in zip(found, contents, strict=True):
        f.content = c
    _quotation_before_cue(text, found, quotes)


#: a sentence's end inside a quotation, and the space before the next sentence of it
_SENTENCE_BREAK_BEFORE = re.compile(r"[.!?…][\]\)’']?\s+$")


def _quotation_before_cue(text: str, found: list[Found], quotes: list[Span]) -> None:
    """'“Look at the figures. That’s project reality,” he said.': a content piece that closes a
    quotation, starts at a sentence's start inside it, and whose cue follows the closing mark runs
    back to the opening mark.  The tagger reads one sentence at a time, so of a quotation of
    several sentences before its cue it took the last one only; the quotation is one speaker's."""
    # for postposed cues only: "He said: “A. B.”" starts at the opening mark already
    tops = [q for q in quotes if q.attrs.get("depth", 0) == 0]
    spans = _all_spans(found)
    for f in found:
        if f.cue is None or f.source is None or not f.content:
            continue
        x, y = f.content[0]
        q = next((q for q in tops if q.end - 1 <= y <= q.end and q.start + 1 < x < y), None)
        if q is None or text[q.start] not in "“\"«„" or f.cue[0] < q.end or f.source[0] < q.end:
            continue
        if not _SENTENCE_BREAK_BEFORE.search(text, q.start, x) or _has_quote_mark(text[q.start + 1 : x]):
            continue
        if "\n\n" in text[q.start : x] or any(a < x and q.start < b for a, b in spans if (a, b) != (x, y)):
            continue
        f.content[0] = (q.start, y)


def _merge_layout(text: str, found: list[Found], layouts: list[Found]) -> list[Found]:
    """The layout's attributions (transcript turns, posts) replace the tagger's that start in
    the text they own (:func:`_layout_reach`); a post's signature line is its own too."""
    for lay in layouts:
        a, b = lay.content[0]
        if lay.layout == "post" and lay.source is not None:  # no other attribution in a post or its signature
            b = text.find("\n", lay.source[1])
            b = len(text) if b < 0 else b
            # a label and colon opening the post ("BREAKING: …", "London: …") read as a transcript turn
            # is the post's own heading: the post is attributed once, to its author
            # (a label on a later line of the post, "Kell: "We were not told."", still quotes that speaker)
            found = [f for f in found if not (f.layout == "transcript" and a <= (f.source or f.content[0])[0] < b
                                              and not text[a : (f.source or f.content[0])[0]].strip(" \"“‘'"))]
            for f in found:
                if f.content[0][0] < b and a < f.content[-1][1]:
                    f.content = ([(x, min(y, a)) for x, y in f.content if x < a]
                                 or [(max(x, b + 1), y) for x, y in f.content if y > b + 1] or f.content)
        lo = _layout_reach(text, lay)
        found = [f for f in found if f.layout is not None or not (
            a <= f.content[0][0] < b or (f.cue is not None and lo <= f.cue[0] < b))]
        found.append(lay)
    return found


def _layout_reach(text: str, lay: Found) -> int:
    """Where the text a layout attribution owns starts: its label's line for a transcript turn
    (a Q/A turn whose source is the label that named the role turns earlier owns only its own
    line), else its content.  Other layout attributions are never inside it."""
    a = lay.content[0][0]
    if lay.cue is not None and lay.cue[0] < a:
        return min(a, text.rfind("\n", 0, lay.cue[0]) + 1)
    return a


def _layout_attributions(text: str, paragraphs: list[Span]) -> list[Found]:
    """Attributions that the page layout states: vox pops and transcripts.

    "Carla Sanchez ― “Trump must stop …”" (a name, a dash, a quote) and "WALLACE: Let's
    start …" (a speaker label in capitals and a colon, as in interview transcripts): the
    whole rest of the paragraph is the content.  "“Trump must stop …” ― Carla Sanchez" (a
    line that is a quote, a dash and a name, as under an epigraph): the quote is the content.
    """
    out: list[Found] = []
    for para in paragraphs:
        seg = text[para.start : para.end]
        # "“…” ― Name": the quote first, the name after a dash (one per line)
        pos = 0
        for line in seg.splitlines(keepends=True):
            after = _VOXPOP_AFTER.fullmatch(line.rstrip("\r\n"))
            block = None if after else _CREDIT_AFTER_CLOSE.fullmatch(line.rstrip("\r\n"))
            if block:
                base = para.start + pos
                opening = _opening_lines_before(text, base + block.start("close"))
                if opening is not None:
                    src_end = block.end("src")
                    if line[src_end - 1] == "." and len(block.group("src").split()[-1]) > 2:
                        src_end -= 1
                    out.append(Found([(opening, base + block.end("close"))],
                                     (base + block.start("cue"), base + block.end("cue")),
                                     (base + block.start("src"), base + src_end)))
            if after:
                base = para.start + pos
                src_end = after.end("src")
                if line[src_end - 1] == "." and len(after.group("src").split()[-1]) > 2:  # "Kell." but not "J."
                    src_end -= 1
                out.append(Found([(base + after.start("con"), base + after.end("con"))],
                                 (base + after.start("cue"), base + after.end("cue")),
                                 (base + after.start("src"), base + src_end)))
            pos += len(line)
        m = _VOXPOP.match(seg)
        if not m:
            continue
        con_start, con_end = para.start + m.start("con"), para.end
        if con_end - con_start < 3:
            continue
        out.append(Found([(con_start, con_end)], (para.start + m.start("cue"), para.start + m.end("cue")),
                         (para.start + m.start("src"), para.start + m.end("src"))))
    for src, cue, con in speaker_labels(text, paragraphs, lambda p: is_furniture(text[p.start : p.end])):
        out.append(Found([con], cue, src, layout="transcript"))
    for con, name, _handle, _sig in posts(text, paragraphs, lambda p: is_furniture(text[p.start : p.end])):
        out.append(Found([con], None, name, layout="post"))
    return out


_SUBJECT = re.compile(r"^\W*(?:[A-Z][\w’'.\-]*\s+){0,2}?(he|she|they|it|we|I)\b")


#: a subordinate clause with a named subject and a finite verb: "hours after President X had mounted …"
_SUBORDINATE = re.compile(r"\b(?:after|before|when|while|as|since|because|until|once)\s+"
                          r"(?P<title>(?:(?:the\s+)?[A-Z][\w’'\-]*\.?\s+){0,3})$")
_FINITE_AFTER = re.compile(r"\s+(?:(?:had|has|have|was|were|is|had\s+been|has\s+been)\s+)?[a-z]+ed\b")


def _subordinate_subject(text: str, prev: Found, f: Found, mentions: list[Span]) -> tuple[int, int] | None:
    """The subject of a subordinate clause that closes ``prev``'s content right before the
    participle cue of ``f`` ("X offered support hours after President Y had mounted a defence,
    saying …"): the participle is said by the nearest clause's subject, Y, not by X."""
    # for a participle cue after a subordinate clause with its own named subject
    if f.cue is None or not prev.content or prev.source is None:
        return None
    a, b = prev.content[-1]
    if not (0 <= f.cue[0] - b <= 3 and text[b : f.cue[0]].strip() in ("", ",")):
        return None
    if not text[f.cue[0] : f.cue[1]].strip().endswith("ing"):
        return None
    for m in reversed([x for x in mentions if a <= x.start and x.end < b and x.label in ("PERSON", "ORG", "NORP")]):
        sub = _SUBORDINATE.search(text, max(a, m.start - 60), m.start)
        if sub is None or _FINITE_AFTER.match(text, m.end) is None:
            continue
        if any(ch in text[m.end : b] for ch in ";:\"“”"):
            return None
        return (m.start - len(sub.group("title")), m.end)
    return None


def _subject_sources(text: str, found: list[Found], mentions: list[Span], sentences: list[Span],
                     starts: list[int], *, participles_only: bool = False, nlp_out: Any = None) -> None:
    """A cue the tagger left without a source takes the sentence's speaker.

    "X criticised the plan, saying it would fail", "X, who ..., then ruled that ...": the
    source of an earlier attribution in the same sentence, else the sentence's subject (an
    entity mention among its first four words, or a leading personal pronoun).
    """
    by_start = sorted(mentions, key=lambda m: m.start)
    for k, f in enumerate(found):
        if f.source is not None or f.cue is None:
            continue
        cue_words = _WORD.findall(text[f.cue[0] : f.cue[1]])
        if not cue_words or (participles_only and not cue_words[-1].lower().endswith("ing")):
            continue
        sent = _sentence_of(sentences, starts, f.cue[0])
        if sent is None:
            continue
        prev = next((g for g in reversed(found[:k]) if g.source and g.cue and sent.start <= g.cue[0] < f.cue[0]), None)
        if prev is not None:
            f.source = _subordinate_subject(text, prev, f, by_start) or prev.source
            continue
        if is_saying_word(cue_words[-1]):  # "The mayor criticised Y, saying": the subject of the verb it hangs on
            f.source = participle_subject(text, f.cue, sent.start, nlp_out, by_start)
            if f.source is not None:
                continue
        head = text[sent.start : f.cue[0]]
        for m in by_start:
            if m.start >= f.cue[0] or m.start >= sent.start + 60:
                break
            if m.start >= sent.start and m.label in ("PERSON", "ORG", "NORP") and len(
                    _WORD.findall(text[sent.start : m.start])) <= 4:
                f.source = (m.start, m.end)
                break
        if f.source is None:
            pm = _SUBJECT.match(head)
            if pm:
                f.source = (sent.start + pm.start(1), sent.start + pm.end(1))


def _outside_dateline(text: str, found: list[Found], end: int) -> list[Found]:
    """Cut the dateline ("ISTRAVA, Jan 10 (KNA) –") out of sources and contents: it is the
    outlet's furniture, never a speaker or part of what was said."""

    def clip(span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is None or span[0] >= end:
            return span
        start = end
        while start < span[1] and text[start].isspace():
            start += 1
        return (start, span[1]) if start < span[1] else None

    out = []
    for f in found:
        f.source = clip(f.source)
        content = [c for c in (clip(c) for c in f.content) if c is not None]
        if content:
            f.content = content
            out.append(f)
    return out


_SRC_BEFORE = re.compile(r"(?:^|\s)(he|she|they|it|we|I)\s+(?:(?:also|then|later|had|has|have|was|were|would|will|"
                         r"previously|again|repeatedly|once|earlier|further)\s+){0,2}$", re.IGNORECASE)


def _fallback_source(text: str, f: Found, mentions: list[Span], ment_ends: list[int], sent: Span | None) -> None:
    """A cue with no source: the entity mention or pronoun right before it, or a mention right after."""
    if f.cue is None or f.source is not None:
        return
    c0, c1 = f.cue
    lo = sent.start if sent else max(0, c0 - 80)
    hi = sent.end if sent else c1 + 80
    k = bisect.bisect_right(ment_ends, c0) - 1
    while k >= 0 and mentions[k].end > lo:
        m = mentions[k]
        gap = text[m.end : c0]
        if m.label in ("PERSON", "ORG", "NORP", "GPE") and re.fullmatch(r"[\s,]*(?:\w+\s+){0,2}", gap) and "," not in gap:
            f.source = (m.start, m.end)
            return
        if m.end < c0 - 40:
            break
        k -= 1
    pm = _SRC_BEFORE.search(text, max(lo, c0 - 40), c0)
    if pm:
        f.source = (pm.start(1), pm.end(1))
        return
    k = bisect.bisect_left([m.start for m in mentions], c1)
    if k < len(mentions) and mentions[k].start < hi and re.fullmatch(r"\s*", text[c1 : mentions[k].start]) \
            and mentions[k].label in ("PERSON", "ORG"):
        f.source = (mentions[k].start, mentions[k].end)


_DAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend|week|month|year|night|morning|"
        r"afternoon|evening)")
_SOURCE_TAIL = re.compile(rf"(?:\s+(?:(?:late|early)\s+)?(?:on|last|this|earlier|later)(?:\s+this)?\s+{_DAY}|"
                          r"\s+(?:yesterday|today|tonight|earlier|later)|"
                          r"\s+for\s+(?:the\s+(?:past|last)\s+)?(?:(?:two|three|four|five|six|several|many|some|"
                          r"a\s+few|\d+)\s+)?(?:days|weeks|months|years|decades))?[\s,;:]*$")


def _subject_of_its_cue(text: str, f: Found) -> bool:
    """"The sanctions regime was imposed after …": a "content" right before a cue that is no
    speech verb, with no comma and no quotation mark between, and no source, is the verb's
    subject, not something said (reported speech before its cue is set off by a comma: "X, he
    said").  A speech verb keeps it: "The meeting was first reported by …" is an attribution."""
    if f.source is not None or f.cue is None or len(f.content) != 1:
        return False
    if any(is_saying_word(w) for w in _WORD.findall(text[f.cue[0] : f.cue[1]])):
        return False
    a, b = f.content[0]
    return b <= f.cue[0] and not text[b : f.cue[0]].strip() and not _has_quote_mark(text[a:b])


def _an_act(text: str, f: Found) -> bool:
    """"Councillor Tamm voted for the harbour levy", "Ilves pleaded guilty to fraud": an
    unquoted content after a cue that is no verb of saying or thought, and that opens as the
    verb's object, reports what someone did, not what they said (:func:`.saying.reports_an_act`);
    so does a refusal to speak ("declined to comment", :func:`.saying.declines_to_comment`) and a
    cue in the passive ("is accused of", "was charged with"), whose subject is no speaker."""
    if f.cue is None or f.layout is not None or any(_has_quote_mark(text[a:b]) for a, b in f.content):
        return False
    cue = text[f.cue[0] : f.cue[1]]
    if _PASSIVE_CUE.fullmatch(cue.strip()) and not (f.source is not None and f.source[0] >= f.cue[1]):
        return True  # "Wahhaj is accused of fleeing …", "Morten was charged with …": done to the subject
        # (not by an agent after the cue, who speaks: "is accused by the victims of …", .passive)
    if f.source is None or len(f.content) != 1 or f.content[0][0] < f.cue[1]:
        return False
    a, b = f.content[0]
    if _FINDING_CUE.search(cue) and _FINDING_SOURCE.search(text[f.source[0] : f.source[1]]):
        return False  # "An OPP investigation found the officer acted lawfully": a finding, not "found the body"
    return reports_an_act(cue, text[a:b]) or declines_to_comment(cue, text[a:b]) or withholds_or_grants(cue, text[a:b])


#: a verb a study or an inquiry reports its result with, and the sources that report that way
_FINDING_CUE = re.compile(r"\b(?:found|finds|find|showed|shows|shown|concluded|concludes|determined|determines|"
                          r"estimated|estimates|suggested|suggests|indicated|indicates|revealed|reveals)\s*$",
                          re.IGNORECASE)
_FINDING_SOURCE = re.compile(r"\b(?:%s)s?\s*$" % "|".join(sorted(ISSUED_NOUNS | {
    "investigation", "inquiry", "probe", "autopsy", "research", "census", "test", "evaluation", "examination",
    "inquest", "analysis", "assessment"})), re.IGNORECASE)


def _without_title(text: str, f: Found) -> Found | None:
    """``f`` less a quoted title of a work opening its content ("had posted “9 Steps to
    Successfully Counter Jihad,”", "his new book, “Jihadist Psychopath …”": nobody says a title,
    :mod:`.titles`): None when the title is all it quotes, else ``f`` with the title cut ("wrote
    “The Dictator Pope,” “In fact …”": the quotation from the work stays)."""
    end = None if f.layout is not None else title_end(text, f.content[0])
    if end is None:
        return f
    rest = [p for p in [(end, f.content[0][1]), *f.content[1:]] if p[1] > p[0]]
    if not any(_has_quote_mark(text[a:b]) for a, b in rest):
        return None
    return replace(f, content=rest)


def _inverted_source_as_content(text: str, f: Found, sentences: list[Span], starts: list[int]) -> None:
    """"In the cold, brakes take longer to fill, said the winter report.": the tagger read the
    source after an inverted cue as its content and left no source.  When that "content" is all
    that follows the cue to the sentence end, a short noun phrase (the/a + at most eight words or a
    name), and a clause of its own stands before the cue's comma, the phrase is the source and the
    clause is what it said."""
    # for the inverted cue at a sentence end ("…, said the report."), whose source the tagger took for content
    if f.source is not None or f.cue is None or f.layout is not None or len(f.content) not in (1, 2):
        return
    a, b = f.content[-1]
    if len(f.content) == 2:  # "“…,” said WHO specialist … Dr. Ana Lind.": the quotation, then the source
        q = f.content[0]
        if text[q[1] : f.cue[0]].strip() or not re.search(r"[,?!][\"”]$", text[q[0] : q[1]]) or \
                text[q[0]] not in "\"“":
            return
    sent = _sentence_of(sentences, starts, f.cue[0])
    verb = text[f.cue[0] : f.cue[1]].strip()
    if sent is None or a < f.cue[1] or verb not in SPEECH_VERBS or verb.endswith("ing") or verb in _RELATIVE_NOT_SAYING:
        return  # one verb that inverts ("said", "wrote"), no participle ("…, noting the board lobbies …") or "calls"
    if text[f.cue[1] : a].strip() or _TAIL_END.fullmatch(text, b, sent.end) is None:
        return
    phrase = text[a:b]
    words = phrase.split()
    if not words or len(words) > 9 or not (words[0].lower() in ("the", "a", "an") or words[0][:1].isupper()):
        return
    if any(ch in phrase for ch in ",;:\"“”") or any(w.lower() in ("that", "to", "if", "whether") for w in words):
        return
    if any(w in _AUXILIARIES or (w.islower() and w.endswith("ed")) for w in words[1:]):
        return  # "…, said Mueller's inquiry was conducted properly": a clause, its subject before the cue
    if len(f.content) == 2:
        f.source, f.content = (a, b), [f.content[0]]
        return
    head = text[sent.start : f.cue[0]].rstrip()
    if not head.endswith(",") or len(_WORD.findall(head)) < 4:
        return
    start = sent.start + len(text[sent.start : f.cue[0]]) - len(text[sent.start : f.cue[0]].lstrip())
    f.source, f.content = (a, b), [(start, sent.start + len(head) - 1)]


def _that_said(text: str, f: Found) -> bool:
    """Whether ``f``'s source and cue are "That said," or "This being said,": a phrase that links
    two sentences (the writer's "even so"), no one saying anything."""
    if f.source is None or f.cue is None or f.layout is not None:
        return False
    if text[f.source[0] : f.source[1]].strip().lower() not in ("that", "this", "with that", "all that"):
        return False
    return re.match(r"\s*(?:being\s+)?said\s*,", text[f.source[1] : f.source[1] + 20]) is not None \
        and f.cue[0] < f.source[1] + 12


def _a_circumstance(text: str, f: Found) -> bool:
    """"Acosta continued to talk as the intern took the microphone": an unquoted content right
    after its cue that says when the source spoke (:func:`.saying.opens_a_circumstance`) is no
    attribution at all: the words are the outlet's narration, and their voice stays the outlet's."""
    if f.cue is None or f.layout is not None or len(f.content) != 1:
        return False
    a, b = f.content[0]
    return (a >= f.cue[1] and not text[f.cue[1] : a].strip() and not _has_quote_mark(text[a:b])
            and opens_a_circumstance(text[a:b]))


#: a phrase that frames a statement rather than states it ("In a statement on Friday", "On Twitter")
_FRAME = re.compile(r"(?:In|On|At|During|After|Before|Later|Earlier|Speaking|Writing|Asked|Responding|Via|Through|"
                    r"Over)\b[^\"“”]*")


def _frame_before_colon(text: str, f: Found) -> bool:
    """"In a statement on Friday, Ada Roe said: …": the words before the source frame what the
    colon introduces; they are no content of the cue (the statement after the colon is)."""
    # for "X said:" statements: attributed once, as what follows the colon
    if f.cue is None or f.source is None or f.layout is not None or len(f.content) != 1:
        return False
    a, b = f.content[0]
    colon = text[f.cue[0] : f.cue[1]].rstrip().endswith(":") or re.match(r"[ \t]*:", text[f.cue[1] :]) is not None
    if b > f.source[0] or text[b : f.source[0]].strip(" ,") or not colon:
        return False
    return _FRAME.fullmatch(text[a:b].strip()) is not None


#: a cue in the passive: its subject is the one accused, charged, told or asked, not a speaker
#: (quoted, cited, heard: the subject does speak; "quoted as saying" has rules of its own)
_PASSIVE_CUE = re.compile(r"(?:is|was|are|were|be|been|being|(?:has|have|had)\s+been)\s+(?!quoted\b|cited\b|heard\b|"
                          r"overheard\b|recorded\b|filmed\b)[a-z]+ed(?:\s+(?:of|with|for|over))?", re.IGNORECASE)


#: ", who spoke on condition of anonymity," at the end of a source
_SOURCE_ASIDE = re.compile(r",\s*(?:who|whose|which|speaking|asking|requesting)\b[^,]*,?\s*$|"
                           r"\s+who\s+(?:was|were|is|are|has\s+been|"
                           r"had\s+been)\s+(?:quoted|cited|interviewed)\b.*$|\s+in\s+(?:an?|his|her|their)\s+(?:article|"
                           r"op-ed|column|piece|interview|letter)\s+(?:for|in|with|to)\b.*$", re.IGNORECASE)


def _tidy_source(text: str, f: Found) -> None:
    """"Defence Minister Erik Halvorsen on Tuesday", "Kostel's party, the DCM,", "Western
    officials, who spoke on condition of anonymity,": a source ends at its last name word,
    without the time the tagger took with it, an aside about the speaker or a trailing comma;
    and it lies on one line: a span the tagger ran over list items above the name keeps the
    line next to the cue."""
    if f.source is None:
        return
    a, b = f.source
    if "\n" in text[a:b].strip():  # a name stands on one line: keep the line next to the cue
        if f.cue is not None and f.cue[1] <= a:
            b = text.find("\n", a, b)  # "…, said / The Washington Post": hardly ever; the first line
        else:
            a = text.rfind("\n", a, b) + 1  # "list item / The Washington Post reported": the last line
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            return
    aside = _SOURCE_ASIDE.search(text, a, b)
    if aside is not None and re.search(r"\w", text[a : aside.start()]):
        b = aside.start()
    m = _SOURCE_TAIL.search(text, a, b)
    if m is not None and m.start() > a and re.search(r"\w", text[a : m.start()]):
        b = m.start()
    f.source = (a, b)


#: a verb of saying that takes a gerund clause as its content: "denied knowing …", "admitted taking …"
_GERUND_CUE = re.compile(r"(?:den(?:y|ies|ied)|admit(?:s|ted)?|acknowledg(?:e|es|ed)|recall(?:s|ed)?|"
                         r"describ(?:e|es|ed))\s+(?=[a-z]+ing\b)")


def _gerund_content(text: str, f: Found) -> None:
    """"Saudi leaders denied knowing anything about the case": where the tagger took the gerund
    clause after a verb of saying into the cue, the cue is the verb and the clause is content."""
    if f.cue is None or not f.content:
        return
    m = _GERUND_CUE.match(text, f.cue[0], f.cue[1])
    a = f.content[0][0]
    if m is None or m.end() >= f.cue[1] or not f.cue[1] <= a or re.search(r"[^\w\s’'\-]", text[m.end() : a]):
        return
    if is_saying_word(_WORD.findall(text[m.end() : f.cue[1]])[0]):
        return  # "denied saying …": the tagger's cue is the whole verb chain
    f.cue = (f.cue[0], f.cue[0] + len(text[f.cue[0] : m.end()].rstrip()))
    f.content[0] = (m.end(), f.content[0][1])


#: "the head of the Northern Command, Terrence O’Shaughnessy" / "Former Speaker of the House, Newt Gingrich,":
#: a role, a comma and the person's name in apposition
_ROLE_THEN_NAME = re.compile(r"(?P<role>[A-Za-z][^,]{2,120}?),\s+(?P<name>[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){1,3})"
                             r"(?=\s*(?:,|$))")


#: titles a role before an appositive name may give beyond the person nouns ("Former Speaker of the House")
_TITLE_NOUNS = frozenset(["speaker", "leader", "director", "ambassador", "envoy", "governor", "general", "admiral",
                          "adviser", "advisor", "commissioner", "attorney-general", "prosecutor", "deputy"])


def _appositive_name(text: str, f: Found) -> None:
    """A source that gives a role and then, after a comma, the person's name ("the head of the
    Northern Command, Terrence O’Shaughnessy") is the name: the role's own nouns (a command, a
    house) name no speaker."""
    # for news: the role comes first, the name in apposition after it
    if f.source is None:
        return
    a, b = f.source
    if f.cue is not None and text[b : b + 2] in ("’s", "'s") and 0 < f.cue[0] - b < 160:
        # "Treasury's acting under secretary, Adam Szubin, claimed": the tagger kept only the owner
        gap = text[b : f.cue[0]].rstrip()
        if gap.endswith(",") and not any(ch in gap for ch in ";:\"“”()"):
            b = b + len(gap)
    m = _ROLE_THEN_NAME.match(text, a, b)
    if m is None or not any(w.lower() in PERSON_NOUNS | _TITLE_NOUNS for w in re.findall(r"[\w\-]+", m.group("role"))):
        return
    f.source = (m.start("name"), m.end("name"))


#: a source the tagger ran back over a comma into the reported clause: "economic migrants seeking
#: better lives, Hungarian PM Viktor Orban" (before "has said, adding that …")
_CLAUSE_THEN_NAME = re.compile(r"(?P<head>[a-z][^,]*?),\s+(?P<name>(?:[A-Z][\w’'.\-]*\s+|[a-z]+\s+(?=[A-Z])){0,4}"
                               r"[A-Z][\w’'\-]+)")


def _clause_before_source(text: str, f: Found, sentences: list[Span], starts: list[int],
                          others: list[tuple[int, int]]) -> None:
    """"CLAUSE, NAME has said, adding that …" where the tagger took "…CLAUSE, NAME" for the
    source: the source is the name, and the sentence up to the comma is reported too (a first
    content piece, when no other attribution holds it)."""
    # for the postposed cue with a second clause: both clauses are the speaker's
    if f.source is None or f.cue is None or f.cue[0] < f.source[1]:
        return
    m = _CLAUSE_THEN_NAME.fullmatch(text, f.source[0], f.source[1])
    if m is None:
        return
    sent = _sentence_of(sentences, starts, f.source[0])
    if sent is None:
        return
    head = (sent.start, m.end("head"))
    while head[0] < head[1] and text[head[0]].isspace():
        head = (head[0] + 1, head[1])
    if head[1] - head[0] < 10 or any(a < head[1] and head[0] < b for a, b in others + f.content):
        return
    f.source = (m.start("name"), m.end("name"))
    f.content.insert(0, head)


#: what closes a sentence after its reported content: ", the embassy said in an email." -- a source
#: (a name, a pronoun, a description of up to eight words), a verb of saying, at most a short adjunct
_TAIL_WORD = re.compile(r"[\w’'.\-]+")
_TAIL_END = re.compile(r"\s*[.!?]?[\s\"”’'»]*")
_TAIL_OPENERS = frozenset(["the", "a", "an", "he", "she", "they", "it"])
_QUOTE_CLOSERS = "\"”’'»"
#: what may follow the verb of a cue closing a sentence: where, when or how it was said ("in an email", "on Monday")
_ADJUNCT_OPENERS = frozenset(
    "in on at during via through after before last this earlier later yesterday today tonight late when while as "
    "according monday tuesday wednesday thursday friday saturday sunday again recently previously afterwards "
    "afterward then once by from".split())
_AUXILIARIES = frozenset(["is", "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "can",
                          "could", "should", "may", "might", "must", "does", "did", "do"])


def _tail_cue(text: str, c: int, end: int, *, comma: bool = True) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(source, cue)`` when ``text[c:end]`` is ", SOURCE VERB [adjunct]." with VERB a verb of saying
    (with ``comma`` false, the comma may be missing: it stood inside the quotation before ``c``)."""
    if comma and text[c] != ",":
        return None
    if not comma:
        c -= 1
    words = list(_TAIL_WORD.finditer(text, c + 1, end))
    if not words or _TAIL_END.fullmatch(text, words[-1].end(), end) is None:
        return None
    if any(text[x.end() : y.start()].strip(_QUOTE_CLOSERS + " ") for x, y in zip(words, words[1:])):
        return None  # a comma or a colon inside: no plain "source verb" tail
    if text[c + 1 : words[0].start()].strip(_QUOTE_CLOSERS + " "):
        return None
    first = words[0].group()
    if not (first[:1].isupper() or first in _TAIL_OPENERS):
        return None
    for k in range(1, min(len(words), 9)):
        w = words[k].group().rstrip(".")
        if len(words) - k - 1 > 6:
            continue
        if w.islower() and w not in ("has", "had", "have") and is_saying_word(w) and not w.endswith("ing"):
            if any(x.group().lower() in _MODALS for x in words[:k]):
                return None
            after = [x.group().rstrip(".") for x in words[k + 1 :]]
            if after and after[0].lower() not in _ADJUNCT_OPENERS and not after[0].endswith("ly") \
                    and not (w in ("told", "tells") and len(after) <= 3):
                return None  # "…, the officer admitted to killing him": a main clause, no cue after content
            src_end = words[k - 1].end()
            if words[k - 1].group() in ("has", "had", "have"):
                src_end = words[k - 2].end() if k >= 2 else src_end
            return (words[0].start(), src_end), (words[k].start(), words[k].start() + len(w))
        if w.islower() and w not in _TAIL_OPENERS and k == 1 and first in _TAIL_OPENERS - {"the", "a", "an"}:
            return None  # "he went on": a pronoun and another verb
    return None


def _own_tail_cue(text: str, f: Found, sentences: list[Span], starts: list[int],
                  cues: list[tuple[int, int]]) -> None:
    """"CONTENT, the embassy said in an email." where the tagger paired the content with a cue it
    does not reach -- the last sentence's "…, Lu said." or a verb inside the content itself ("was
    asked by the FBI") -- and so with that cue's source: the sentence names its own speaker after
    the content, and that one said it."""
    # for a content whose own sentence closes with a source and a verb of saying the tagger left unused
    if f.layout is not None or f.cue is None or not f.content:
        return
    a, b = f.content[0][0], f.content[-1][1]
    sent = _sentence_of(sentences, starts, b - 1)
    if sent is None or a < sent.start or f.cue[0] >= b:
        return
    if not (f.cue[1] <= sent.start or a <= f.cue[0] < b):
        return  # its cue stands before the content in its own sentence: the tagger's pairing holds
    for c in [i for i in range(sent.end - 1, a, -1) if text[i] == ","][:3]:
        if c < b and len(_WORD.findall(text, a, c)) < 3 or c > b and text[b:c].strip(_QUOTE_CLOSERS + " "):
            continue
        tail = _tail_cue(text, c, sent.end)
        if tail is None:
            continue
        src, cue = tail
        if any(x[0] < cue[1] and cue[0] < x[1] for x in cues):
            return  # another attribution holds that cue
        break
    else:
        return
    if c < b:  # the tagger's content ran over the cue: it ends at the comma (with a quotation's closing mark)
        cut = c + 1 + len(text[c + 1 : src[0]]) - len(text[c + 1 : src[0]].lstrip(_QUOTE_CLOSERS + " "))
        cut = cut if any(ch in _QUOTE_CLOSERS for ch in text[c + 1 : cut]) else c
        while cut > c + 1 and text[cut - 1] == " ":
            cut -= 1
        f.content = [p for p in f.content if p[0] < cut]
        f.content[-1] = (f.content[-1][0], min(f.content[-1][1], cut))
    f.cue, f.source = cue, src


def _content_before_tail_cue(text: str, f: Found, sentences: list[Span], starts: list[int],
                             others: list[tuple[int, int]]) -> None:
    """"CONTENT, he said.⏎Next heading." where the tagger gave the sentence-final cue the words after
    it, in a later sentence: the cue closes its own sentence, so what it reports is that sentence
    before the comma (when no other attribution holds it)."""
    # for a cue closing its sentence whose content was taken from the wrong side
    if f.layout is not None or f.cue is None or f.source is None or not f.content:
        return
    sent = _sentence_of(sentences, starts, f.cue[0])
    if sent is None or f.content[0][0] < sent.end or not sent.start <= f.source[0] < sent.end:
        return
    end = text.find("\n", f.cue[1], sent.end)  # a separator line glued to the sentence ("… he said.\n.")
    end = sent.end if end < 0 else end
    for c in [i for i in range(min(f.cue[0], f.source[0]) - 1, sent.start, -1) if text[i] == ","][:1]:
        tail = _tail_cue(text, c, end)
        if tail is None or tail != (f.source, f.cue):
            return
        start = sent.start + len(text[sent.start : c]) - len(text[sent.start : c].lstrip())
        if len(_WORD.findall(text, start, c)) < 4 or text[start] in _QUOTE_OPENERS:
            return
        if any(a < c and start < b for a, b in others):
            return
        f.content = [(start, c)]


#: a relative pronoun after a comma inside reported content (", who also said …", ", whom the couple claims …")
_RELATIVE_OPENER = re.compile(r",\s+(?P<rel>who|whom|which)\s+")
#: words between a relative pronoun or the clause's subject and its verb
_RELATIVE_ADVERBS = frozenset(["also", "later", "then", "once", "previously", "repeatedly", "has", "had", "have"])
#: verbs after a relative pronoun that say how a source spoke, or of whom, not what ("who asked not to be named")
_RELATIVE_NOT_SAYING = frozenset(["ask", "asked", "asks", "call", "called", "calls", "continue", "continued", "post",
                                  "posted", "report", "reported", "reports", "describe", "described"])
#: what opens no reported content after such a verb ("spoke on condition of anonymity", "told to leave")
_RELATIVE_NOT_CONTENT = re.compile(r"(?:to|not|on|for|in|at|with|about|of|by|from)\b|[.,;:!?]")


def _relative_clause_cue(text: str, a: int, b: int) -> tuple[re.Match[str], tuple[int, int] | None,
                                                               tuple[int, int], int, bool] | None:
    """The first relative clause in ``text[a:b]`` whose verb is one of saying: the opener, the
    clause's own subject (None after "who"), the verb, where its content starts, and whether
    that content is a that-clause (else it ends at the next comma)."""
    for m in _RELATIVE_OPENER.finditer(text, a, b):
        words = list(_WORD.finditer(text, m.end(), min(b, m.end() + 80)))
        k = 0
        src = None
        if m.group("rel") != "who":  # "whom the couple claims": the clause's subject, up to five words
            v = next((i for i, w in enumerate(words[:6]) if i and w.group() in SPEECH_VERBS), None)
            if v is None or not re.fullmatch(r"the|an?|his|her|their|its|[A-Z][\w’'\-]*", words[0].group()):
                continue
            e = v
            while e > 1 and words[e - 1].group() in _RELATIVE_ADVERBS:
                e -= 1
            src, k = (words[0].start(), words[e - 1].end()), v
        else:
            while k < len(words) and words[k].group() in _RELATIVE_ADVERBS:
                k += 1
        if k >= len(words):
            continue
        verb = words[k].group()
        if verb not in SPEECH_VERBS or verb.endswith("ing") or verb in _RELATIVE_NOT_SAYING:
            continue
        start = words[k].end()
        that = re.match(r"\s+that\b|\s+(?:[\w’'\-]+\s+){1,3}?that\b|"
                        r"\s+(?:in|on|at|during|before|to)\s+(?:[\w’'\-]+\s+){0,4}?that\b", text[start:b])
        if that is not None and (that.group().split()[0] in ("that", "in", "on", "at", "during", "before", "to")
                                 or verb in TELLING):
            start += that.end()
        else:
            that = None
        while start < b and text[start].isspace():
            start += 1
        if start >= b or _RELATIVE_NOT_CONTENT.match(text, start):
            continue
        return m, src, (words[k].start(), words[k].end()), start, that is not None
    return None


def _relative_speech(text: str, found: list[Found]) -> list[Found]:
    """"He would invite Kim, who also praised the deal" and "concerns about the boy, whom the couple
    claims they adopted": a relative clause inside one source's content holds another source's
    speech act, so the clause was given to the outer source (the sentence's subject, "the federal
    department"); the clause becomes an attribution of its own -- to the relative pronoun, which the
    resolver ties to its antecedent, or to the clause's own subject -- and leaves the outer content."""
    # for nested speech in a relative clause: the outer source did not say the clause
    out: list[Found] = []
    for f in found:
        out.append(f)
        if f.layout is not None or f.cue is None:
            continue
        for k, (a, b) in enumerate(f.content):
            found_cue = _relative_clause_cue(text, a, b)
            if found_cue is None:
                continue
            m, src, cue, start, clause = found_cue
            stop = b
            if not clause:  # "who also praised the deal, and …": the clause ends at the next comma
                comma = text.find(",", start, b)
                stop = comma if comma != -1 else b
            while stop > start and text[stop - 1] in " .":
                stop -= 1
            if len(_WORD.findall(text, start, stop)) < 2 or not _WORD.search(text, a, m.start()):
                continue
            src = src or (m.start("rel"), m.end("rel"))
            inner = Found([(start, stop)], cue, src)
            after = stop + 1 + len(text[stop + 1 : b]) - len(text[stop + 1 : b].lstrip())
            rest = [(after, b)] if len(_WORD.findall(text, after, b)) >= 3 else []
            f.content = [*f.content[:k], (a, m.start()), *rest, *f.content[k + 1 :]]
            out.append(inner)
            break
    return out


#: a coordinated clause opening inside reported content: "…, and", "… but", "; and"
_COORDINATOR = re.compile(r"(?:,\s*|\s+|;\s*)(?:and|but|while|whereas)\s+")


def _coordinated_speech(text: str, found: list[Found], mentions: list[Span]) -> list[Found]:
    """"The Greens posted their worst result and Mr. Wilkinson predicted that it could lead to an
    early vote": a clause joined by "and"/"but" inside one source's content, with a named subject
    of its own and a verb of saying, is that subject's speech act, not the outer source's; it
    becomes an attribution of its own and leaves the outer content."""
    # for a second subject and verb of saying coordinated inside content
    out: list[Found] = []
    for f in found:
        out.append(f)
        if f.layout is not None or f.cue is None or f.source is None:
            continue
        for k, (a, b) in enumerate(f.content):
            if any(a <= q < b for q in (f.cue[0], f.source[0])):
                continue
            hit = None
            for c in _COORDINATOR.finditer(text, a, b):
                m = next((x for x in mentions if c.end() <= x.start < c.end() + 30 and x.end < b
                          and x.label in ("PERSON", "ORG", "NORP")
                          and re.fullmatch(r"(?:(?:the\s+)?[A-Z][\w’'\-]*\.?\s+){0,3}", text[c.end() : x.start])), None)
                if m is None:
                    continue
                v = _INNER_SPEECH.match(text, m.end, b)
                if v is None or v.group("verb") not in SPEECH_VERBS or v.group("verb").endswith("ing"):
                    continue
                if v.group("verb") in ("call", "called", "calls", "continue", "continued", "post", "posted") \
                        or _RELATIVE_NOT_CONTENT.match(text, v.end()) or len(_WORD.findall(text, v.end(), b)) < 3:
                    continue
                if len(_WORD.findall(text, a, c.start())) < 3:
                    continue
                hit = (c, m, v)
                break
            if hit is None:
                continue
            c, m, v = hit
            out.append(Found([(v.end(), b)], (v.start("verb"), v.end("verb")), (c.end(), m.end)))
            f.content = [*f.content[:k], (a, c.start()), *f.content[k + 1 :]]
            break
    return out


#: "and", "but" or "or" (a comma before it, an adverb after) joining two verb phrases of one clause
_VP_COORDINATOR = re.compile(r"\s*,?\s*(?:and|but|or)\s+(?:[a-z]+ly\s+)?")


def _passive_in_content(text: str, found: list[Found]) -> list[Found]:
    """"She said often, pilots won't have time for lunch and are asked to work longer shifts": a
    cue in the passive ("are asked", "were told") joined by "and" right after another
    attribution's content goes on with that content's subject (the pilots, who are asked), not
    with a speech act of its own; the tagger read it as a second attribution of the same source,
    which speaks no words (:func:`_an_act`) and cut the first one's content short.  That content
    runs on over it, and it goes."""
    # for coordinated passive verb phrases inside reported speech
    out: list[Found] = []
    for g in found:
        prev = out[-1] if out else None
        if (prev is not None and g.layout is None and prev.layout is None and g.cue is not None
                and prev.cue is not None and prev.source is not None and len(g.content) == 1
                and _PASSIVE_CUE.fullmatch(text[g.cue[0] : g.cue[1]].strip())
                and g.content[0][0] >= g.cue[1] and prev.cue[1] <= prev.content[-1][0] < prev.content[-1][1] <= g.cue[0]
                and (g.source is None or g.source == prev.source)
                and _VP_COORDINATOR.fullmatch(text, prev.content[-1][1], g.cue[0])
                and not any(_has_quote_mark(text[a:b]) for a, b in (*prev.content, *g.content))):
            prev.content[-1] = (prev.content[-1][0], g.content[0][1])
            continue
        out.append(g)
    return out


#: a condition opening right before a source: "…, but if the president is now saying, “…”"
_CONDITION_BEFORE = re.compile(r"(?:,\s*|\s+)(?:(?:but|and|so)\s+)?(?:even\s+)?(?:if|unless)\s+$")


def _hypothetical_speech(text: str, found: list[Found], sentences: list[Span], starts: list[int]) -> list[Found]:
    """"X said that A, but if the president is now saying, “B,” that's not the way": a cue under
    "if" or "unless" reports no speech act of its source, only a condition X states; when it
    follows X's content in the same sentence, its content is X's too (one attribution from A to B)."""
    # for a conditional speech act inside another source's sentence: the outer speaker's words
    drop: set[int] = set()
    for k in range(1, len(found)):
        f, g = found[k], found[k - 1]
        if f.source is None or f.cue is None or f.layout is not None or g.layout is not None or not g.content:
            continue
        if id(g) in drop or g.source is None or g.cue is None:
            continue
        if f.source[0] > f.cue[0] or f.content[0][0] < f.cue[1]:
            continue
        head = text[g.content[-1][1] : f.source[0]]
        if len(head) > 30 or _CONDITION_BEFORE.fullmatch(head) is None:
            continue
        sent = _sentence_of(sentences, starts, g.content[-1][0])
        if sent is None or not (sent.start <= f.content[-1][1] <= sent.end + 1) or g.cue[0] > g.content[-1][0]:
            continue
        g.content[-1] = (g.content[-1][0], f.content[-1][1])
        drop.add(id(f))
    return [f for f in found if id(f) not in drop]


def _inside_furniture(text: str, found: list[Found], paragraphs: list[Span]) -> list[Found]:
    """An attribution whose cue stands in a caption, credit or promo line keeps only the
    content inside that line: "Kody Cook, left, had been planning …" is no source for the
    quote in the paragraph before it."""
    lines = furniture_lines(text, paragraphs)
    if not lines:
        return found
    out = []
    for f in found:
        line = next((x for x in lines if f.cue is not None and x.start <= f.cue[0] < x.end), None)
        if line is not None:
            f.content = [(a, b) for a, b in f.content if line.start <= a and b <= line.end]
            if not f.content:
                continue
        out.append(f)
    return out


def _parentheticals(text: str, found: list[Found], sentences: list[Span], starts: list[int],
                    mentions: list[Span]) -> list[Found]:
    """Attributions set inside their sentence (:mod:`.parenthetical`): the head before ", he
    says," joined to its content, "CLAUSE, argued NAME." given to the name, and such
    sentences the tagger left untouched added."""
    people = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
    for f in found:
        taken = [p for g in found for p in g.content + [g.cue, g.source] if p is not None and g is not f]
        sent = _sentence_of(sentences, starts, f.content[0][0])
        if sent is None:
            continue
        head = head_before(text, f.content, f.cue, f.source, (sent.start, sent.end), taken)
        if head is not None:
            f.content.insert(0, head)
            continue
        head = clause_before(text, f.content, f.cue, f.source, (sent.start, sent.end), taken)
        if head is not None:
            f.content[0] = (head[0], f.content[0][1])
            continue
        inv = inverted_name(text, f.content, f.cue, f.source, (sent.start, sent.end), people, taken)
        if inv is not None:
            f.content, f.source = [inv[0]], inv[1]
            continue
        inside = inverted_name_inside(text, f.content, f.cue, f.source, (sent.start, sent.end), people, taken)
        if inside is not None:
            f.content, f.source = inside
    # a tagged chunk with no source and no verb of saying for its cue ("are often rebuffed")
    # gives way to the parenthetical reading of its sentence
    weak = [f for f in found if f.source is None and not (f.cue and any(
        is_saying_word(w) for w in _WORD.findall(text[f.cue[0] : f.cue[1]])))]
    taken = _all_spans([f for f in found if not any(f is w for w in weak)])
    spans = [(x.start, x.end) for x in sentences]
    added = [Found(pieces, cue, src) for pieces, cue, src in uncovered(text, spans, taken)]
    taken = taken + [p for f in added for p in f.content]
    added += [Found(pieces, cue, src) for pieces, cue, src in plain_reports(text, spans, taken)]
    taken = taken + [p for f in added for p in f.content]
    added += [Found(pieces, cue, src) for pieces, cue, src in named_labels(text, spans, taken)]
    taken = taken + [p for f in added for p in f.content]
    added += [Found(pieces, cue, src) for pieces, cue, src in as_reports(text, spans, taken)]
    marks = [x for f in found + added for x in (f.cue, f.source) if x is not None]
    added += [Found(pieces, cue, src) for pieces, cue, src in as_urged(text, spans, marks)]
    if not added:
        return found
    spans = [(f.content[0][0], f.content[-1][1]) for f in added]
    kept = [f for f in found if not (any(f is w for w in weak) and any(
        a < f.content[-1][1] and f.content[0][0] < b for a, b in spans))]
    return sorted(kept + added, key=lambda f: f.content[0][0])


def attributions_of(
    article: Article,
    model: AttributionModel,
    entity_layer: Layer | None,
    *,
    add_quotes: bool = True,
    split_relays: bool = True,
    require_cue: bool = True,
    extend_content: bool = False,
    fallback_source: bool | str = True,
    complete_cues: bool = True,
    subject_source: bool | str = True,
    layout: bool = True,
) -> list[Found]:
    text = article.text
    paragraphs = list(article.paragraphs)
    sentences = list(article.sentences)
    if not paragraphs or not sentences:
        paragraphs, sentences = (list(x) for x in segment(text))
    quotes = find_quotes(text, paragraphs)
    mentions = list(entity_layer.spans) if entity_layer is not None else []
    nlp_out = None
    if model.use_pos or model.use_deps:
        from propscope.analyzers.entities.nlp import analyse, cached, load_spacy

        nlp_out = cached(text, parsed=model.use_deps) or analyse(load_spacy(parser=model.use_deps), text, paragraphs)
    decoded: list[Decoded] = model.predict(text, paragraphs, sentences, quotes, mentions, nlp_out)
    sent_starts = [x.start for x in sentences]
    taken = [p for d in decoded for p in d.content] + [d.cue for d in decoded if d.cue] + [
        d.source for d in decoded if d.source]
    found = []
    for d in decoded:
        content = list(d.content)
        if not content and d.cue is not None and complete_cues:
            content = _content_for_cue(text, d.cue, d.source, sentences, sent_starts, taken)
        content = clip_to_relative_clause(text, content, d.cue, d.source, nlp_out)
        if content and (d.cue is not None or not require_cue):
            found.append(Found(content, d.cue, d.source))
    if add_quotes:
        found.extend(_missed_quotes(text, quotes, found, sentences, model.cue_words))
    if layout:  # "X said:" or "Her message is simple: …" and the quotation paragraphs after it
        found = with_glued(text, paragraphs, sentences, quotes, mentions, found, Found,
                           lambda p: is_furniture(text[p.start : p.end]))
    if layout:
        found = _merge_layout(text, found, _layout_attributions(text, paragraphs))
    # "In Ash's view, the change would …": the possessor of a speech noun, no verb for the tagger
    found.extend(Found(c, cue, src) for c, cue, src in possessive_accounts(text, sentences, _all_spans(found)))
    found.sort(key=lambda f: f.content[0][0])
    if extend_content:
        spans_all = _all_spans(found)
        for f in found:
            others = [p for p in spans_all if p not in f.content and p != f.cue and p != f.source]
            _extend_content(text, f, sentences, sent_starts, others)
    if layout:
        for f in found:
            f.content[0] = medium_before_quote(text, f.content[0])
        _complete_quotations(text, found, quotes)
    taken = _all_spans(found)
    for f in found:
        _passive_quoted(text, f, sentences, sent_starts)
        _complete_parenthetical(text, f, sentences, sent_starts, taken)
        _according_to_source(text, f)
        _according_to_subject(text, f)
        _past_anonymity(text, f, model.cue_words)
    found = _parentheticals(text, found, sentences, sent_starts, mentions)
    found = _inside_furniture(text, found, paragraphs)
    found = _split_embedded(text, found, mentions)
    for f in found:
        _inverted_source_as_content(text, f, sentences, sent_starts)
    if subject_source:
        _subject_sources(text, found, mentions, sentences, sent_starts, participles_only=subject_source == "participle",
                         nlp_out=nlp_out)
    if fallback_source:
        ordered = sorted((m for m in mentions), key=lambda m: m.end)
        ends = [m.end for m in ordered]
        for f in found:
            quoted = text[f.content[0][0] : f.content[0][0] + 1] in "\"“„«" or text.startswith("''", f.content[0][0])
            if f.cue is not None and (quoted or fallback_source == "all"):
                _fallback_source(text, f, ordered, ends, _sentence_of(sentences, sent_starts, f.cue[0]))
    found = [f for f in (_without_title(text, g) for g in found) if f is not None
             and not _subject_of_its_cue(text, f) and not _a_circumstance(text, f) and not _frame_before_colon(text, f)
             and not (f.layout is None and expletive_source(text, f.source, f.cue))  # "It's all about …"
             and not determiner_source(text, f.source, f.cue)  # "The claims came …": a noun, not a cue
             and not _that_said(text, f)]
    found = [f for f in found if not writer_to_reader(text, f.source, f.cue, f.content, [
        c for g in found if g is not f for c in g.content])]  # "We told you about …": the outlet to its readers
    if split_relays:
        found = _quoted_as_apart(text, found, sentences, sent_starts)
    for f in found:
        _passive_agent(text, f, _sentence_of(sentences, sent_starts, f.cue[0]) if f.cue else None)
        _according_to_in_claim(text, f)
        _according_to_at_end(text, f, _sentence_of(sentences, sent_starts, f.content[0][0]))
        _titled_source_after(text, f)
        _tidy_source(text, f)
        _appositive_name(text, f)
        _gerund_content(text, f)
        _list_before_source(text, f)
        _cue_inside_content(text, f)
    for f in found:
        _clause_before_source(text, f, sentences, sent_starts, _all_spans([g for g in found if g is not f]))
    for f in found:
        _own_tail_cue(text, f, sentences, sent_starts, [g.cue for g in found if g.cue is not None and g is not f])
    for f in found:
        _content_before_tail_cue(text, f, sentences, sent_starts, _all_spans([g for g in found if g is not f]))
    found = _relative_speech(text, found)
    found = _passive_in_content(text, found)
    found = _coordinated_speech(text, found, mentions)
    found = _hypothetical_speech(text, found, sentences, sent_starts)
    if article.dateline is not None and article.dateline.span is not None:
        found = _outside_dateline(text, found, article.dateline.span.end)
    if layout:
        found = _with_blocks(text, found, paragraphs, credit_at_end=_credit_after_text(article))
    mask = quote_mask(len(text), [q for q in quotes if q.attrs.get("depth", 0) == 0])
    table = entity_layer.data.get("entities", []) if entity_layer is not None else []
    agencies = agencies_of(text, mentions, table, article.dateline.agency if article.dateline else None)
    resolver = AttributionSpeakers(text, mentions, table, agencies, paragraphs, sentences)
    acronyms = acronym_definitions(text)
    if layout:
        _transcript_speakers(text, found, table, resolver)
        _post_authors(text, found, resolver, table)
    out: list[Found] = []
    previous: EntityRef | None = None
    queue, accounts = deque(found), set()  # accounts: ids of witnesses' accounts added (no relay to split)
    while queue:
        f = queue.popleft()
        act = _an_act(text, f)  # resolved, so that it names the antecedent of a pronoun after it, then no speaker
        if split_relays and f.layout is None and id(f) not in accounts:
            # the outer source becomes the relay of the speaker inside
            inner = (_quoted_as_saying(text, f) or _relaying_split(text, f, mentions)
                     or _speaker_under_according_to(text, f) or _according_to_outlet(text, f)
                     or _speech_inside_outlet_report(text, f, mentions))
            if inner is not None:
                inner.relay = f.source
                f = inner
            elif f.relay is None and len(f.content) > 1 and relay_piece(text, f.content[-1]) is not None:
                f.relay = relay_piece(text, f.content[-1])  # "…, X said, as quoted by BelTA"
                f.content = f.content[:-1]
            elif f.relay is None:
                _according_to_tail(text, f)
                sent = _sentence_of(sentences, sent_starts, f.cue[0]) if f.cue else None
                f.relay = _trailing_relay(text, f, sent, mentions) or relay_in_sentence(
                    text, f.content, f.cue, f.source, (sent.start, sent.end) if sent else None,
                    others=[c for g in found if g is not f for c in g.content])
            account = _witness_account(text, f, mentions, sentences, sent_starts)
            if account is not None and not any(g.source == account.source for g in (*out, *queue)):
                # the witness's account, resolved right after the words it tells
                accounts.add(id(account))
                queue.appendleft(account)
        skip = None if f.named_in_content else (f.content[0][0], f.content[-1][1])
        if f.layout in ("transcript", "post") and f.speaker is not None:
            pass  # named by its label or signature (_transcript_speakers, _post_authors)
        elif f.source and out and _same_unnamed_source(text, out[-1], f, sent_starts):
            f.speaker = out[-1].speaker  # "The interior ministry said … It did not say …": still the ministry
        else:
            f.speaker = resolver.resolve(*f.source, previous=previous, skip=skip,
                                         words=() if f.named_in_content else f.content) if f.source else None
            if f.speaker is not None and f.source and _group_at_sentence_start(text, f.source):
                f.speaker = None
            pair = joint_names(text, f.source) if f.speaker is not None and f.speaker.type == "PERSON" \
                and f.source else None  # "Tanya and Jason Badger said": the pair speaks, not one of them
            if f.speaker is not None and f.source and (_quoted_title(text, f.source, f.speaker.name)
                                                       or _joint_source(text, f.source, f.speaker.name)
                                                       or _share_of_body(text, f.source)
                                                       or _unnamed_source(text, f.source, f.speaker.name)):
                f.speaker = None
            if f.source and (f.speaker is None or f.speaker.type == "PERSON") and (
                    f.speaker is None or " and " not in f.speaker.name):
                # "Jones and Brown said": both, under the names they were introduced by
                pair = joint_people(text, f.source, mentions, resolver.entities) or pair
            if pair is not None and (f.speaker is None or " and " not in f.speaker.name):
                # both speak, whether or not a joint form ruled the one resolved out: with roles
                # before the names ("deputy minister X and associate minister Y") no form does
                f.speaker = resolver.noted(named_ref("people", pair, "PERSON"), f.source[0])
            if f.speaker is not None and f.source:
                f.speaker = _body_in_place(text, f.source, _fuller_name(text, f.source, f.speaker))
                f.speaker = _coordinated_name(text, f.source, f.speaker)
            if f.speaker is None and f.source and _saying_cue(text, f):
                f.speaker = _described_body(text, f.source)
            if f.source:
                f.speaker = _document_speaker(text, f.source, resolver) or f.speaker
                f.speaker = _acronym_speaker(text, f.source, acronyms) or f.speaker
            if f.speaker is None and f.source and f.cue and text[f.cue[0] : f.cue[1]].strip() in _CREDIT_DASHES:
                f.speaker = _credited_speaker(text[f.source[0] : f.source[1]], resolver)  # "“…” –Natural News"
        if f.relay is not None and text[f.relay[0] : f.relay[1]].strip().lower() in _PRONOUNS:
            f.relay = None  # "…, he points out that …": a pronoun relays nothing (it is a speaker)
        if f.relay is not None:  # the relay's canonical name, else its words
            outer = resolver.resolve(*f.relay, previous=previous)
            words = re.sub(r"^(?:the|a|an)\s+", "", text[f.relay[0] : f.relay[1]].strip())
            mine, theirs = set(words.lower().split()), set(outer.name.lower().split()) if outer else set()
            if outer is not None and not (mine <= theirs or theirs <= mine):
                outer = None  # "Foreign Policy" is no "Washington Institute for Near East Policy"
            known = lookup_outlet(words)
            if known is not None and outer is not None and lookup_outlet(outer.name) is not known:
                outer, words = None, known.name  # "Fox News" is no "Fox News Sean Hannity" the tagger merged
            if outer is None and article.dateline is not None and article.dateline.agency and words.islower():
                words = article.dateline.agency  # "…, the news agency reported": the dateline's agency
            f.relayed_by = _relay_display(outer.name) if outer else relay_name(words)
            if lookup_outlet(f.relayed_by) is None:  # "the Beacon" after "the Washington Free Beacon"
                f.relayed_by = short_outlet(text, words, f.relay[0]) or f.relayed_by
            f.relayed_by_id = outer.id if outer else None
        f.kind = "direct" if f.layout in ("transcript", "post") else kind_of(f.content, mask, text)
        if f.speaker is not None and f.layout is None:
            previous = f.speaker
        if act:
            f.speaker = f.relayed_by = f.relayed_by_id = None
        out.append(f)
    _credit_lines(text, paragraphs, mentions, resolver, out, mask)
    if layout:
        def carry(span: tuple[int, int], last: Found) -> Found:
            return Found([span], None, last.source, kind=kind_of([span], mask, text), speaker=last.speaker,
                         relayed_by=last.relayed_by, relayed_by_id=last.relayed_by_id)

        out.extend(continued_quotes(text, paragraphs, quotes, out, carry,
                                    lambda p: is_furniture(text[p.start : p.end]), sentences))
        out.sort(key=lambda f: f.content[0][0])
        out.extend(carried_mixed(text, paragraphs, quotes, mentions, out, lambda c, last: carry(c[0], last),
                                 lambda p: is_furniture(text[p.start : p.end])))
        out.extend(past_a_question(text, sentences, quotes, out, carry))
        out.sort(key=lambda f: f.content[0][0])
        # a subtitle or pull quote: the speaker of the same words elsewhere, else an unknown one
        def lone(span: tuple[int, int], same: Found | None,
                 cue: tuple[tuple[int, int], tuple[int, int]] | None) -> Found:
            if cue is not None:  # 'He said:' on the line before
                return Found([span], cue[0], cue[1], kind="direct", speaker=resolver.resolve(*cue[1], words=[span]))
            if same is None:
                return Found([span], None, None, kind="direct")
            return Found([span], None, same.source, kind="direct", speaker=same.speaker,
                         relayed_by=same.relayed_by, relayed_by_id=same.relayed_by_id)

        out.extend(lone_quotations(text, paragraphs, quotes, out, lone))
        out.sort(key=lambda f: f.content[0][0])
        out = _one_per_source(text, out, mask)
    return out


def _credit_lines(text: str, paragraphs: Sequence[Span], mentions: Sequence[Span], resolver: AttributionSpeakers,
                  out: list[Found], mask: bytearray) -> None:
    """Words a line credits to a person named after them ("I'm still thankful for what it's
    brought me. Ana Roe.", :func:`.credited.credited_lines`) are that person's: the attributions
    inside them take the name as their source, and the words alone are one when none does."""
    # for pull quotes credited by name on their own line
    for (a, b), name, ent in credited_lines(text, paragraphs, mentions, resolver.entities):
        inside = [f for f in out if f.content and a <= f.content[0][0] and f.content[-1][1] <= b]
        for f in inside:
            f.source, f.cue, f.speaker, f.relayed_by, f.relayed_by_id = name, None, ent, None, None
        if inside:
            continue
        for f in out:  # a content run on into the line from the one before ends where the line begins
            if any(c < b and a < d for c, d in f.content):
                f.content = [(c, min(d, a)) for c, d in f.content if c < a] + [(max(c, b), d) for c, d in f.content
                                                                              if d > b]
                f.content = [(c, c + len(text[c:d].rstrip(" \n."))) for c, d in f.content if text[c:d].strip(" \n.")]
        out[:] = [f for f in out if f.content]
        out.append(Found([(a, b)], None, name, kind=kind_of([(a, b)], mask, text), speaker=ent))
    out.sort(key=lambda f: f.content[0][0])


def _one_per_source(text: str, found: list[Found], mask: bytearray) -> list[Found]:
    """Attributions that share their source mention and whose words overlap are one statement
    attributed twice ('X said that "A.<line break>B."': the clause to the line end, then the
    quotation carried on over the break; "Fox News reports:" and its block, then a cue inside
    the block's first paragraph given the marker's name): the first keeps the union of both
    contents, its cue, and the other's layout, relay and speaker where it has none."""
    # for statements a colon or a line break cut in two: one speech act, one attribution
    out: list[Found] = []
    for f in found:
        same = next((g for g in out if f.source is not None and g.source == f.source and any(
            a < d and c < b for a, b in g.content for c, d in f.content)), None)
        if same is None:
            out.append(f)
            continue
        spans = sorted(set(same.content) | set(f.content))
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        same.content = merged
        same.layout = same.layout or f.layout
        same.cue = same.cue or f.cue
        if same.speaker is None:
            same.speaker = f.speaker
        if same.relayed_by is None:
            same.relayed_by, same.relayed_by_id = f.relayed_by, f.relayed_by_id
        same.kind = "direct" if same.layout in ("transcript", "post") else kind_of(same.content, mask, text)
    return out


_NOT_FIRST_NAMES = frozenset("""president senator sen rep gov governor mr mrs ms dr host anchor attorney general
    minister secretary judge news network daily times post sir lord lady former the and of""".split())


def _transcript_speakers(text: str, found: list[Found], table: list[Mapping[str, Any]],
                         resolver: AttributionSpeakers) -> None:
    """Speakers and relay of transcript turns: a label names a person of the article by surname
    ("HANNITY:" → Sean Hannity, "SARAH CARTER, CIRCA NEWS:" → Sara Carter), else itself in title
    case; the outlet the host (the label with most turns) is introduced with ("Fox News' Sean
    Hannity") relays every turn."""
    turns = [f for f in found if f.layout == "transcript" and f.source is not None]
    if not turns:
        return
    people = [(e["id"], e["name"]) for e in table if e.get("type") == "PERSON"]
    by_label: dict[str, EntityRef | None] = {}
    for f in turns:
        assert f.source is not None
        label = text[f.source[0] : f.source[1]]
        if label not in by_label:
            by_label[label] = _label_speaker(text, label, people, resolver)
        f.speaker = by_label[label]
    counts: dict[str, int] = {}
    for f in turns:
        if f.speaker is not None:
            counts[f.speaker.name] = counts.get(f.speaker.name, 0) + 1
    if not counts:
        return
    host = max(counts, key=lambda n: counts[n])
    span = host_outlet(text, [host, host.split()[-1]])
    if span is not None:
        for f in turns:
            if f.relay is None:
                f.relay = span


def _name_key(name: str) -> frozenset[str]:
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return frozenset(re.findall(r"\w+", folded))


def _post_authors(text: str, found: list[Found], resolver: AttributionSpeakers,
                  table: Sequence[Mapping[str, Any]] = ()) -> None:
    """The author of each embedded post: the person its signature names (the article's person of
    the same name in another order or spelling of accents, "Orbán Viktor" → Viktor Orban), else
    the account."""
    people = {_name_key(str(e["name"])): e for e in table if e.get("type") == "PERSON" and e.get("name")}
    for f in found:
        if f.layout != "post" or f.source is None:
            continue
        raw = text[f.source[0] : f.source[1]]
        handle = re.search(r"\(@(\w+)\)", text[f.source[1] : f.source[1] + 40])
        author = post_author(raw, handle.group(1) if handle else None)
        if author is None:
            continue
        at = raw.find(author)
        same = people.get(_name_key(author)) if len(_name_key(author)) >= 2 else None
        if same is not None:  # a signature in the other name order ("Orbán Viktor"): the article's person
            f.speaker = EntityRef(str(same["id"]), str(same["name"]), "PERSON")
        elif at >= 0:
            f.speaker = resolver.person_named(f.source[0] + at, f.source[0] + at + len(author))
        else:
            f.speaker = EntityRef("account:" + author.lower(), author, "PERSON")


def _label_speaker(text: str, label: str, people: list[tuple[str, str]],
                   resolver: AttributionSpeakers) -> EntityRef | None:
    """The person a transcript label names: a person of the entity table, else a "First Surname"
    in the text, else the label itself in title case (a capitals label) or the resolver's answer."""
    pid = label_person(label, people)
    if pid is not None and pid in resolver.entities:
        return resolver.entities[pid]
    key = " ".join(w.capitalize() for w in label.split())
    if label.isupper() and len(key) > 2:
        for m in re.finditer(rf"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+{re.escape(key.split()[-1])}\b", text):
            if m.group(1).lower() not in _NOT_FIRST_NAMES and label_person(label, [("x", m.group(0))]):
                return resolver.person_named(m.start(), m.end())
    if label.isupper():
        return EntityRef("label:" + key.lower(), key, "PERSON")
    return None


def _saying_cue(text: str, f: Found) -> bool:
    """Whether ``f``'s cue is a verb of saying ("recognizes", "believes" report no words)."""
    return f.cue is not None and any(is_saying_word(w) for w in _WORD.findall(text[f.cue[0] : f.cue[1]]))


def _credit_after_text(article: Article) -> bool:
    """Whether the reader removed a closing credit ("Article posted with permission from …")
    after the last character of the article's text: a statement that runs to the end ends there."""
    if not article.text or not article.removed or article.offsets is None:
        return False
    end = article.offsets.char_to_raw(len(article.text) - 1)
    return any(b.raw_start > end and is_closing_credit(b.text) for b in article.removed)


#: an outlet's report named by its kind: inside the outlet's block, the outlet speaking
_THE_REPORT = re.compile(r"(?:the|this|that|its)\s+(?:report|article|story|piece|dispatch|post|outlet|website|site|"
                         r"magazine|newspaper|paper)", re.IGNORECASE)  # not "the statement": someone else's


def _with_blocks(text: str, found: list[Found], paragraphs: list[Span], *, credit_at_end: bool = False) -> list[Found]:
    """Blocks the layout marks ("RT reports:" and the passage after it; "Here's Ana Kell
    explaining:" and her statement): the block becomes one attribution to its source.  In an
    outlet's block every attribution inside is relayed by that outlet; a person's statement
    holds no attributions of its own (third parties in it speak in that person's voice)."""
    # for aggregator copy and statements running over paragraphs after a colon
    out = list(found)
    for marker, name, body, closed in blocks(text, paragraphs, lambda p: is_furniture(text[p.start : p.end]),
                                             credit_at_end):
        lo, hi = body[0][0], body[-1][1]
        told = told_marker(text, Span(*marker))  # "He told Sputnik:": the outlet relays the statement
        inside = [f for f in out if lo <= f.content[0][0] < hi]
        outlet = is_outlet_name(text[name[0] : name[1]]) or cites_an_article(text, Span(*marker))
        if outlet:
            # the outlet's own words inside its block are the block's: "The report said …" further down
            # (it was given to a body named nearby); only the voices it quotes stay apart
            own = [f for f in inside if f.layout is None and f.source is not None
                   and _THE_REPORT.fullmatch(text[f.source[0] : f.source[1]].strip())]
            out = [f for f in out if f not in own]
            inside = [f for f in inside if f not in own]
            for f in inside:
                if f.relay is None and f.layout in (None, "transcript", "post"):
                    f.relay = name
            # the marker's own attribution ("The Star Tribune reported:", "by Ana Kell, Daily Caller:"): the
            # copy is attributed once, to the outlet, or to the writer it names with the outlet as relay
            byline = [f for f in inside if f.layout is None and f.content[0][0] == lo and f.source is not None
                      and marker[0] <= f.source[0] < marker[1]]
            if byline:
                f = byline[0]
                said = re.sub(r"^(?:the|The)\s+", "", text[f.source[0] : f.source[1]].strip())
                if said != text[name[0] : name[1]].strip():
                    f.content = list(body)
                    f.relay = name
                    continue
                out = [g for g in out if g is not f]
        elif closed:
            out = [f for f in out if f not in inside]
        if closed or outlet:  # an outlet's copy ends where the writer speaks again (blocks() cuts it there)
            out.append(Found(list(body), None, name, layout="block", relay=told[1] if told else None))
    out.sort(key=lambda f: f.content[0][0])
    return out


def _same_unnamed_source(text: str, before: Found, f: Found, starts: list[int]) -> bool:
    """Whether ``f``'s source is "it" or "they" continuing the attribution just before it, whose
    source names nobody ("The interior ministry said …. It did not say …"): the pronoun is that
    source again, not an organisation named further back."""
    if f.source is None or f.cue is None or before.cue is None or before.source is None:
        return False
    if before.speaker is not None and not before.speaker.id.startswith("body:"):
        return False  # a named body: the resolver ties "it" to it; a body named by its kind continues here
    if text[f.source[0] : f.source[1]].lower() not in ("it", "they"):
        return False
    if text[before.source[0] : before.source[1]].lower() in _PRONOUNS:
        return False
    a = bisect.bisect_right(starts, before.cue[0]) - 1
    b = bisect.bisect_right(starts, f.cue[0]) - 1
    return 0 <= b - a <= 1


def _postposed_cue(tail: str) -> re.Match[str] | None:
    """ "NAME VERB" right after a quote, the verb any verb of saying ("Palvetzian argued")."""
    m = re.match(r"\s*,?\s*((?:[A-Z][\w’'\-.]*\s?){1,3}|he|she|they)\s+([a-z]+)\b", tail)
    return m if m and is_saying_word(m.group(2)) and not m.group(2).endswith("ing") else None


def _preposed_name_cue(tail: str) -> re.Match[str] | None:
    """ "VERB NAME" right after a quote ("echoes McMillen", "insists Wise"), any verb of saying."""
    m = re.match(r"\s*,?\s*([a-z]+)\s+((?:[A-Z][\w’'\-.]*\s?){1,3}|he|she)\b", tail)
    return m if m and is_saying_word(m.group(1)) and not m.group(1).endswith("ing") else None


_CLAUSE_REST = re.compile(r"[^.!?\n\"“”]*[.!?]?")

#: words that cannot open the description between an inverted cue's first capitalised word and
#: a name ("said Trump in an interview with Fox News" is Trump, in an interview)
_NOT_DESCRIPTION = frozenset(
    "in on at to with without during after before of from for as by about over under into since "
    "when while who whom whose which that and but or nor so then than the a an this these those "
    "last next earlier later recently yesterday today tonight also again once even still only just "
    "told asked added according adding saying noting while".split())
#: after the first capitalised words of an inverted cue's source: lower-case words of a
#: description, then the name closing the clause ("said WHO specialist in infectious diseases
#: Dr. Ana Lind.", "said UN envoy to Syria Ian Roe,")
_DESCRIBED_NAME = re.compile(r"(?P<desc>(?:\s+[a-z][\w’'\-]*){1,6}?)\s+"
                             r"(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gen|Col|Capt)\.\s+)?"
                             r"[A-Z][\w’'\-]*(?:\s+(?:[A-Z]\.|[A-Z][\w’'\-]*)){0,5})"
                             r"(?=\s*(?:[,;.!?](?:\s|$)|\n|$))")


def _described_name_end(text: str, end: int) -> int | None:
    """The end of the name that closes a source ``text[…:end]`` of capitalised words after an
    inverted cue when a description runs on to it ("said WHO specialist in infectious diseases
    Dr. Ana Lind."): the capitalised words were a modifier (a body), the name is who speaks.
    None when the words after ``end`` are no such description (a preposition, a time, a clause)."""
    # for state media and wire copy, which put a long title before the name after "said"
    m = _DESCRIBED_NAME.match(text, end, min(len(text), end + 160))
    if m is None or m.group("desc").split()[0] in _NOT_DESCRIPTION:
        return None
    if any(is_saying_word(w) for w in m.group("desc").split()):
        return None
    return m.end("name")


def _missed_quotes(text: str, quotes: list[Span], found: list[Found], sentences: list[Span],
                   cue_words: frozenset[str]) -> list[Found]:
    """Top-level quotes of five or more words that no attribution covers, next to a speech verb."""
    covered = [(a, b) for f in found for a, b in f.content]
    out: list[Found] = []
    for q in quotes:
        if q.attrs.get("depth", 0) or len(_WORD.findall(text[q.start : q.end])) < 5:
            continue
        if any(a < q.end and q.start < b for a, b in covered):
            continue
        tail = text[q.end : q.end + 40]
        m = re.match(r"\s*,?\s*((?:[A-Z][\w’'\-.]*\s?){1,3}|he|she|they)\s+(said|says|added|told|asked|wrote)\b", tail)
        if m is None:  # "…,” echoes McMillen.", "…,” insists the 16-year-old": any verb of saying
            m = _postposed_cue(tail)
        if m:
            src = (q.end + m.start(1), q.end + m.end(1))
            src = (src[0], src[1] - (1 if text[src[1] - 1] == " " else 0))
            out.append(Found([(q.start, q.end)], (q.end + m.start(2), q.end + m.end(2)), src))
            continue
        m2 = re.match(r"\s*,?\s*(said|says|added|told|asked|wrote)\s+((?:[A-Z][\w’'\-.]*\s?){1,3}|he|she)\b", tail)
        if m2 is None:
            m2 = _preposed_name_cue(tail)
        if m2:
            src = (q.end + m2.start(2), q.end + m2.end(2))
            src = (src[0], src[1] - (1 if text[src[1] - 1] == " " else 0))
            if m2.group(2).strip()[:1].isupper():
                src = (src[0], _described_name_end(text, src[1]) or src[1])
            out.append(Found([(q.start, q.end)], (q.end + m2.start(1), q.end + m2.end(1)), src))
            continue
        # "…,” the plan states.": a description (at most eight words) and a verb of saying
        end = _CLAUSE_REST.match(text, q.end).end()
        described = _tail_cue(text, q.end, end, comma=False) if text[q.end - 2 : q.end - 1] in (",", "?", "!") else None
        if described is not None and text[described[0][0] : described[0][0] + 1].islower():
            out.append(Found([(q.start, q.end)], described[1], described[0]))
    return out


class AttributionAnalyzer(BaseAnalyzer):
    """Attributions (quotes and reported speech) with resolved speakers.

    Settings: ``model_dir`` (default: the shipped model), ``add_quotes`` (rule-added direct
    quotes the tagger missed, default true), ``split_relays`` (default true),
    ``require_cue`` (drop content the tagger found without any cue, unless it continues a
    quote; default true), ``extend_content`` (unquoted reported speech after a verb of saying
    runs to the sentence end; default true: the tagger stops at commas and dashes), ``subject_source`` (a source-less cue takes the source of
    an earlier attribution in its sentence or the sentence's subject; ``"participle"`` only for
    "saying"-type cues; default true), ``fallback_source`` (then, a source-less cue of a direct
    quote takes the adjacent mention or pronoun, ``"all"`` for every cue; default true),
    ``languages`` (default ``["en"]``: an article detected as another language gets an empty
    layer whose ``data.skipped`` says why).
    """

    name = "attribution"
    version = "1"
    requires = ("entities",)
    produces = ("attributions",)
    description = "Who said what: quotes and reported speech, cue, source mention, resolved speaker, relays."

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.model: AttributionModel | None = None

    def load(self, model_dir: Path | None = None) -> None:
        if self.model is None:
            self.model = load_model(model_dir or self.settings.get("model_dir"))

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        why = self.unread_language(article, "the attribution tagger")
        if why is not None:
            return {"attributions": self.layer("attributions", [], {"speakers": [], "skipped": why}, label_key="kind")}
        if self.model is None:
            self.load()
        assert self.model is not None
        found = attributions_of(
            article, self.model, layers.get("entities"),
            add_quotes=bool(self.settings.get("add_quotes", True)),
            split_relays=bool(self.settings.get("split_relays", True)),
            require_cue=bool(self.settings.get("require_cue", True)),
            extend_content=bool(self.settings.get("extend_content", True)),
            fallback_source=self.settings.get("fallback_source", True),
            complete_cues=bool(self.settings.get("complete_cues", True)),
            subject_source=self.settings.get("subject_source", True),
            layout=bool(self.settings.get("layout", True)),
        )
        found = [_speaking(f) for f in found]
        spans = []
        for f in found:
            spans.append(Span(f.content[0][0], f.content[-1][1], f.kind, {
                "content": [list(c) for c in f.content],
                "cue": list(f.cue) if f.cue else None,
                "source": list(f.source) if f.source else None,
                "speaker": _speaker_display(f.speaker) if f.speaker else None,
                "speaker_id": f.speaker.id if f.speaker else None,
                "relayed_by": f.relayed_by,
            }))
        title = _title_attributions(article, layers.get("entities"))
        speakers: dict[str, dict[str, Any]] = {}
        for f in found:
            if f.speaker:
                s = speakers.setdefault(f.speaker.id,
                                        {"id": f.speaker.id, "name": _speaker_display(f.speaker), "count": 0})
                s["count"] += 1
        data: dict[str, Any] = {"speakers": list(speakers.values())}
        if title:
            data["title"] = title
        return {"attributions": self.layer("attributions", spans, data, label_key="kind")}
