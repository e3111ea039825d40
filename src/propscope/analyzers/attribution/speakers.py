"""Speaker resolution for attributions: personal pronouns ranked over their candidates by a learned scorer.

:class:`AttributionSpeakers` extends the entities analyzer's :class:`SpeakerResolver` for
one case, the commonest source of wrong speakers on real articles: a "he"/"she" source.
The base resolver takes the nearest preceding person of compatible gender; news text names
people in passing (a reporter in a video promo, a photographer in a credit line, a place
or a bill the small NER model typed as a person) between a speaker and the pronoun that
continues them.  Here every person mentioned before the pronoun is a candidate and gets a
score from features news attribution follows (issue 15 §1):

- ``last_speaker``: the candidate spoke the previous attribution (news quotes one person for
  several paragraphs); ``was_speaker``: the candidate spoke any earlier attribution;
- gender: a title, else a first-name table (:data:`NAMES_FILE`), else the first pronoun
  after the person's own mentions or an earlier pronoun resolved to them; a known mismatch
  rules a candidate out before scoring.  It is no scored feature: the training examples are the
  people whose gender is known (the pronoun must take one), so a learned weight for
  "gender known" would only learn that selection;
- ``recency`` / ``same_paragraph``: lines of story text (paragraphs cut at line breaks; not
  separators, captions, promos) between the candidate's last mention and the pronoun; ``sentences_back``;
  ``nearest``: no other candidate is mentioned after it; ``introduced``: story paragraphs since
  the candidate's first mention (the person just introduced);
- ``subject``: the candidate's last mention opens its sentence (the grammatical subject);
- ``same_sentence``: the candidate is the subject of the pronoun's own sentence;
- ``recent_subject``: the candidate is the subject of the sentence of story text just before
  the pronoun's (the person a writer has just introduced: "Matlow told HuffPost …. "…," he said");
- ``salience``: how often the article names the candidate (log);
- ``furniture``: the candidate's last mention stands in a caption, photo credit or video
  promo line (no sentence of the story);
- ``one_word``: a one-word name that no title ties to a person (towns, volcanoes and bills
  the NER model calls PERSON).

The weights are learned (:mod:`propscope.training.speakers`: "Full Name said" in PolNeAR train
with the name replaced by the pronoun it would take, and real pronouns that gender agreement
labels; two weights the examples cannot teach are held at hand-set values) and shipped as data,
``propscope/models/speakers/speakers.json``, checked against its ``MANIFEST.sha256`` at load
and applied with numpy: a conditional logit (softmax over the candidates of one mention).
Below the calibrated ``threshold`` on the top candidate's probability the answer is
"unresolved" (a wrong name is worse than none).

Two rules come before the ranking, for what news writing makes near certain: the person the
story sentence just before introduces as its subject, named there for the first time and alone
(:meth:`AttributionSpeakers.just_introduced`), and the person the same pronoun stood for at
most a paragraph before with no one of that gender named between
(:meth:`AttributionSpeakers.same_pronoun_before`).  Descriptions have rules of their own: an
indefinite one ("A Vancouver hockey coach says") is the person the next sentence introduces
(:meth:`AttributionSpeakers.named_next`); a document ("a document titled …", "the white
paper") speaks for the body named after it in its sentence, then for the body the last
document spoke for; "the railway" is the one body whose name holds the noun; titles, laws and
products never speak.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.attribution.descriptions import _DESCRIPTION as _PERSON_DESCRIPTION
from propscope.analyzers.attribution.descriptions import (
    _is_person_noun,
    noun_gender,
    other_family,
    person_description,
    role_holder,
)
from propscope.analyzers.entities.canonical import ROLE_NOUNS, name_form, strip_titles
from propscope.analyzers.entities.resolve import EntityRef, SpeakerResolver
from propscope.article import Span
from propscope.errors import ModelError
from propscope.manifest import check_manifest

from .addressee import asked_in, asks_again
from .fronted import fronted_topic
from .pairs import joint_names, named_ref
from .places import city_before, city_source
from .unnamed import pronoun_after_unnamed, unnamed_person
from .source_names import (  # noqa: F401 (re-exported: head_name, is_furniture, furniture_lines)
    _AGE,
    _BODY_NOUNS,
    _DESCRIPTION,
    _DOC_FROM,
    _DOC_NOUNS,
    _DOC_OF_BODY,
    _INDEFINITE_PERSON,
    _ISSUER,
    _NAMED_BODY_HEADS,
    _NAME_JOINERS,
    _NAME_WORD,
    _OF_DESCRIPTION,
    _PAIR,
    _PEOPLE_GROUPS,
    _SILENT_TYPES,
    _TITLED_DOCUMENT,
    ISSUED_NOUNS,
    _group_of_people,
    _lines,
    _name_heads,
    furniture_lines,
    head_name,
    is_furniture,
)

__all__ = ["AttributionSpeakers", "FEATURES", "SpeakerScorer", "furniture_lines", "is_furniture", "head_name", "load_first_names",
           "load_scorer"]

_HE_SHE = {"he": "m", "she": "f"}
#: a document a name owns ("Lind's report", "Toronto's Street Needs Assessment"): it speaks for the owner
_NAMED_DOC = re.compile(r"(?P<owner>(?:[A-Z][\w.’'\-]*\s+){0,3}[A-Z][\w.’'\-]*?)[’']s\s+(?:[\w\-]+\s+){0,4}"
                        r"(?i:%s|assessment|plan|strategy|census)s?"
                        % "|".join(sorted(ISSUED_NOUNS)))
#: role nouns a story uses for one person running a business ("the founder of X" …. "the proprietor")
_SAME_ROLE = {w: "owner" for w in ("owner", "co-owner", "proprietor", "founder", "co-founder", "cofounder",
                                   "shopkeeper", "storekeeper")}
#: a description of someone by a role they held ("the former lawmaker", "the ex-minister")
_FORMER = re.compile(r"the\s+(?:former|ex-|one-?time|retired)\s*", re.IGNORECASE)
#: an inverted cue right before a name, a few words of description between ("insists 16-year-old")
_SAYS_BEFORE = re.compile(r",\s*(?:says|said|insists|insisted|adds|added|explains|explained|notes|noted|recalls|"
                          r"recalled|argues|argued|admits|admitted)\s+(?:[\w\-]+\s+){0,3}$")
#: words the sentence gives to a person named after "from" ("It was a similar sentiment on Twitter from
#: former Rep. X", "A statement from Sen. X came later"): X is their source, whom a "he wrote" then quotes
_WORDS_FROM = re.compile(r"\b(?:sentiments?|statements?|message|words|comments?|remarks|reaction|response|"
                         r"tweets?|posts?|note|letter|plea|warning|criticism|praise|rebuke|appeal|call)\b"
                         r"(?:\s+(?:on|in|via|at)(?:\s+[\w’'\-]+){1,3}?)?\s+from\s+"
                         r"(?:(?:the|former|then|[A-Z][\w’'\-]*\.?)\s+)*$", re.IGNORECASE)
#: a clause fronted before the subject ("When asked which is harder, Mulder didn't hesitate")
_FRONTED_CLAUSE = re.compile(r"\s*(?:When|After|As|While|Before|Asked|Although|Though|If|Since|Once|During|Despite|"
                             r"Like|Unlike|For|Still|Yet|But|And|Now|Then)\b[^.!?;:\"“”]*,\s*")
#: the writer meeting a person, whom a "he said" then quotes ("I asked all-pro barber Robert McMillen")
_WRITER_MEETS = re.compile(r"(?:^|[.?!]\s+|\b)(?:I|We)(?:[’']m|[’']re|\s+am|\s+are|\s+was|\s+were)?\s+"
                           r"(?:asked|called|met|spoke\s+(?:to|with)|talked\s+(?:to|with)|talking\s+(?:about|to|with)|"
                           r"interviewed|reached|contacted|visited|caught\s+up\s+with|turned\s+to)\b")
#: a description of two people as one source ("the couple", "the pair", "both men"): the two the text named together
_PAIR_DESCRIPTION = re.compile(r"(?:the|both)\s+(?:couple|pair|duo|two|men|women|spouses)", re.IGNORECASE)
#: what joins two people named as a pair ("Kim and Clark Moran", "Ada Roe and her husband, Ian Lind")
_PAIR_JOIN = re.compile(r"\s+(?:and|&)\s+(?:(?:his|her)\s+(?:wife|husband|partner|spouse),?\s+)?")
#: pronouns a body speaks through
_BODY_PRONOUNS = frozenset(["it", "they"])
#: relative pronouns a tagged source can be ("a rally by those who say …")
_RELATIVE_SOURCES = frozenset(["who", "which", "that", "whom"])
#: what may stand between a mention and the relative pronoun that refers to it: nothing, a comma,
#: or an appositive of at most six words ("Ana Lind, a lawyer who", "the EU, the bloc that")
_CLOSE_GAP = re.compile(r"[\s,]*|,\s*(?:an?|the|its|his|her|their)\s+[^\W\d][^,.;:!?()\"“”]*?[\s,]*",
                        re.DOTALL)

#: the ranking features of one candidate, in the order of the weight vector (see module doc)
FEATURES = ("last_speaker", "was_speaker", "recency", "same_paragraph",
            "sentences_back", "nearest", "introduced", "subject", "same_sentence", "recent_subject", "salience",
            "furniture", "one_word")
#: a common noun and what follows it to say what or where it is ("study that looked at …", "officials in …")
_HEAD_MODIFIED = re.compile(r"\b(?P<head>[a-z][\w\-]*)\s+(?:in|of|from|at|across|throughout|around|near|inside|"
                            r"within|on|that|which|who)\s")
#: people a place can qualify after the noun; not the bodies among :data:`_PEOPLE_GROUPS` ("the government in Ottawa")
_PLACED_GROUPS = _PEOPLE_GROUPS - {"government", "administration", "campaign"}
#: descriptions of a business ("the social media platform", "the airline"): no public body answers them
_COMMERCIAL_NOUNS = frozenset([
    "company", "firm", "business", "corporation", "retailer", "carrier", "airline", "broadcaster", "restaurant",
    "chain", "developer", "manufacturer", "automaker", "insurer", "lender", "giant", "startup", "platform",
    "network", "site", "website", "app", "brewery"])
#: last words of the names of public bodies and institutions ("National Security Council", "Justice Department")
_PUBLIC_HEADS = frozenset([
    "council", "commission", "committee", "ministry", "department", "agency", "bureau", "office", "court",
    "tribunal", "university", "college", "school", "hospital", "police", "party", "government", "parliament",
    "senate", "congress", "assembly", "administration", "authority", "board", "union", "association", "federation",
    "foundation", "society", "institute", "church", "museum", "library", "coalition", "campaign", "army", "navy",
    "force", "forces", "service", "embassy", "consulate", "house", "legislature", "cabinet", "secretariat"])


def _public_body(name: str) -> bool:
    """Whether an organisation's name ends in a public body's or an institution's noun."""
    words = re.findall(r"[A-Za-z][\w\-]*", name)
    return bool(words) and words[-1].lower() in _PUBLIC_HEADS


#: names that say what kind of body they are without its noun: a union's local ("UFCW Local 832",
#: "Teamsters Local 120", "the Writers Guild"), a company's legal form ("Acme Inc.", "Orell Ltd")
_KIND_MARKS = {
    "union": re.compile(r"\bLocal\s+\d+\b|\b(?:Teamsters|Guild|Brotherhood|Workers|Employees|Labou?r)\b"),
    "company": re.compile(r"\b(?:Inc|Corp|Corporation|Ltd|LLC|plc|PLC|GmbH|AG|SA|NV|Co)\b\.?"),
}


def _name_of_kind(name: str, head: str) -> bool:
    """Whether an organisation's name holds the noun ``head`` ("the railway": the Ardent Pacific
    Railway) or a mark of that kind of body ("the union": UFCW Local 832)."""
    mark = _KIND_MARKS.get(head)
    return head in _name_heads(name) or (mark is not None and mark.search(name) is not None)


#: the shipped scorer's folder
SCORER_DIR = Path(__file__).resolve().parent.parent.parent / "models" / "speakers"
SCORER_FILE = "speakers.json"
#: the fallback name–gender table (``name<TAB>m|f``, lower-cased first names)
NAMES_FILE = "first_names.tsv"


@dataclass(frozen=True)
class SpeakerScorer:
    """A linear score over standardised :data:`FEATURES`, softmax over one mention's candidates."""

    weights: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    threshold: float

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SpeakerScorer:
        feats = tuple(data["features"])
        if feats != FEATURES:
            raise ModelError(f"speaker scorer features {feats} do not match this version's {FEATURES}",
                             analyzer="attribution")
        return cls(np.asarray(data["weights"], dtype=float), np.asarray(data["mean"], dtype=float),
                   np.asarray(data["scale"], dtype=float), float(data["threshold"]))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Softmax over the rows (candidates) of the feature matrix ``x``."""
        s = ((x - self.mean) / self.scale) @ self.weights
        e = np.exp(s - s.max())
        return np.asarray(e / e.sum())


@functools.lru_cache(maxsize=4)
def load_first_names(model_dir: str | None = None) -> Mapping[str, str]:
    """The first-name gender table in ``model_dir`` (default: the shipped one); empty when the
    folder has none.  A title in the text comes first; the table beats a pronoun vote."""
    folder = Path(model_dir) if model_dir else SCORER_DIR
    listed = check_manifest(folder, [], analyzer="attribution")
    if NAMES_FILE not in listed:
        return {}
    out: dict[str, str] = {}
    for line in (folder / NAMES_FILE).read_text(encoding="utf-8").splitlines():
        name, _, g = line.partition("\t")
        if g in ("m", "f"):
            out[name] = g
    return out


@functools.lru_cache(maxsize=4)
def load_scorer(model_dir: str | None = None) -> SpeakerScorer:
    """The scorer in ``model_dir`` (default: the shipped one), its manifest checked; once per process."""
    folder = Path(model_dir) if model_dir else SCORER_DIR
    check_manifest(folder, [SCORER_FILE], analyzer="attribution")
    try:
        data = json.loads((folder / SCORER_FILE).read_text(encoding="utf-8"))
        return SpeakerScorer.from_json(data)
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{folder / SCORER_FILE}: not a speaker scorer ({exc})", analyzer="attribution") from exc


#: a common noun owning a document ("the medical examiner's report", "the coroner's findings")
_COMMON_POSSESSOR = re.compile(r"\b([a-z][\w\-]*)[’']s\s")


def _someone_else(head: str) -> bool:
    """Whether "X's <head>" is a person other than X who speaks for themselves: a relative or a
    gendered person noun ("daughter", "wife", "right-hand woman", "chairman"), not a spokesman,
    who speaks for X, and not a thing a suffix makes look like a person ("tracker", "manner")."""
    return (noun_gender(head) is not None or head in ("friend", "friends")) and not head.startswith("spokes")


#: a named possessor and a lower-case description of a person: "Donald Trump's eldest daughter"
_NAMED_POSSESSOR = re.compile(r"(?:[A-Z][\w.’'\-]*\s+){0,3}[A-Z][\w’'\-]*?[’']s\s+(?:[a-z][\w\-]*\s+){0,3}"
                              r"(?P<head>[a-z][\w\-]*)")


class AttributionSpeakers(SpeakerResolver):
    """:class:`SpeakerResolver` with "he"/"she" ranked over all preceding people."""

    def __init__(self, text: str, mentions: Sequence[Span], table: Sequence[Mapping[str, Any]],
                 agencies: Mapping[str, bool] | None = None, paragraphs: Sequence[Span] = (),
                 sentences: Sequence[Span] = (), scorer: SpeakerScorer | None = None,
                 first_names: Mapping[str, str] | None = None) -> None:
        """``scorer``: the pronoun ranking's weights (default: :func:`load_scorer`, the shipped
        ones); ``first_names``: first name -> "m"/"f", the fallback for people whose gender the
        text does not give (default: :func:`load_first_names`)."""
        super().__init__(text, mentions, table, agencies)
        self.scorer = scorer if scorer is not None else load_scorer()
        self.spoke: dict[str, int] = {}  # entity id -> attributions resolved to it so far
        self.spoke_at: dict[str, int] = {}  # entity id -> where its last source mention stands
        self.first_names = first_names if first_names is not None else load_first_names()
        self.pronoun_at: dict[str, tuple[int, EntityRef]] = {}  # "m"/"f" -> where "he"/"she" last stood, and for whom
        self.documents: dict[str, EntityRef] = {}  # document noun -> the body it was issued by ("paper", "report")
        self.described: dict[str, EntityRef] = {}  # a business role (_SAME_ROLE) -> the person it was resolved to
        self.unnamed: tuple[int, int, str | None] | None = None  # the last source naming no one ("a witness")
        self.paragraphs = _lines(text, paragraphs)
        self.par_starts = [p.start for p in self.paragraphs]
        self.sentences = list(sentences)
        self.sent_starts = [s.start for s in self.sentences]
        self._furniture = [is_furniture(text[p.start : p.end]) for p in self.paragraphs]
        # paragraphs of story text before each paragraph: separators ("."), captions and
        # "Story continues below" lines put no distance between a speaker and their pronoun
        self._story_index, n = [], 0
        for p, furniture in zip(self.paragraphs, self._furniture):
            self._story_index.append(n)
            if not furniture and re.search(r"[^\W\d_]", text[p.start : p.end]):
                n += 1
        self.titled: set[str] = set()  # people named with a title or a first name + surname
        for m in self.mentions:
            ent = self.entities[m.attrs["entity"]]
            if ent.type == "PERSON" and (len(ent.name.split()) > 1 or re.search(
                    r"\b(?:Mr|Mrs|Ms|Dr|Sir|Lady|Lord)\.?\s*$", text[max(0, m.start - 6) : m.start])):
                self.titled.add(ent.id)
        for ent in self.entities.values():
            # a title ("Mrs", "Sir", entity table) beats the name table, which beats the vote of
            # the first pronoun after a mention ("When Easley met Randy Cable, she felt": not Cable)
            if ent.type == "PERSON" and ent.gender is None:
                g = self._gender_by_name(ent.name)
                if g is not None:
                    self.gender[ent.id] = g

    def _gender_by_name(self, name: str) -> str | None:
        """The gender the table gives a person's first name ("Wendy Golden": f), when the name
        has a first name and a surname; None for one-word names (a surname, a town)."""
        # fallback for people the text never ties to a title or a pronoun before "he"/"she"
        words = [w for w in name.split() if not re.fullmatch(r"(?:Mr|Mrs|Ms|Dr|Sir|Lady|Lord)\.?", w)]
        if len(words) < 2 or not _NAME_WORD.match(words[0]):
            return None
        return self.first_names.get(words[0].lower())

    def _par(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.par_starts, pos) - 1)

    def _sent(self, pos: int) -> Span | None:
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sentences[k] if k >= 0 else None

    def resolve(self, start: int, end: int, *, previous: EntityRef | None = None,
                skip: tuple[int, int] | None = None,
                words: Sequence[tuple[int, int]] = ()) -> EntityRef | None:
        """The entity the source mention ``text[start:end]`` names; ``words``: the spans of what
        it said (a person they name by name is not the "he" who says them)."""
        ent = self._resolve(start, end, previous=previous, skip=skip, words=words)
        unnamed = unnamed_person(self.text[start:end]) if ent is None else None
        if unnamed is not None:
            self.unnamed = (start, end, unnamed[1])
        if ent is not None:
            self.noted(ent, start)
            described = person_description(self.text[start:end].strip()) if ent.type == "PERSON" else None
            if described is not None and described[1] in _SAME_ROLE:
                self.described[_SAME_ROLE[described[1]]] = ent  # the person a business role was resolved to
        return ent

    def noted(self, ent: EntityRef, start: int) -> EntityRef:
        """Record that ``ent`` spoke from a source at ``start`` (a speaker the caller set in place
        of the resolver's answer, such as a pair of people, is continued like a resolved one)."""
        self.spoke[ent.id] = self.spoke.get(ent.id, 0) + 1
        self.spoke_at[ent.id] = start
        return ent

    def _resolve(self, start: int, end: int, *, previous: EntityRef | None = None,
                 skip: tuple[int, int] | None = None,
                 words: Sequence[tuple[int, int]] = ()) -> EntityRef | None:
        raw = self.text[start:end]
        word = raw.strip().lower()
        if word in _HE_SHE and self.paragraphs:
            if pronoun_after_unnamed(self, start, _HE_SHE[word], skip):
                return None  # "…, a security guard told Reuters. …, he said": the guard, whom no name names
            return self.rank_pronoun(start, _HE_SHE[word], previous, skip, words=words)
        if word in _RELATIVE_SOURCES and not self._relative_follows_a_mention(start):
            return None  # "…, by those who say": "who" stands for "those", not a name further back
        if word in _BODY_PRONOUNS and self.paragraphs and self._body_continues(start, previous, skip) and not (
                previous is not None and previous.type == "NORP" and self._qualifies_last(start, previous, skip)):
            return previous  # "Facebook told staff … It also told workers": the body quoted last, not "Apple"
        if word == "they" and self.paragraphs and self._people_continue(start, previous):
            return previous  # "owners Ada Roe and Ian Lind said …. "…," they said": the pair quoted last
        if _PAIR_DESCRIPTION.fullmatch(raw.strip()) and self.paragraphs:
            return self.pair_before(start, skip)  # "Kim and Clark Moran … the couple claims": the pair, else no one
        if city_source(raw) and self.paragraphs:
            return city_before(self, start)  # "The city said": the city named last, not the nearest body
        described = self._description(start, end, previous, skip)
        if described is not None:
            if described[0] is None and self.sentences and self._opening_description(start, end):
                return self.named_next(end)  # "The veteran referee said …. Dana Pell has …": no one before
            return described[0]
        doc = self._document_of_body(start, end, previous, skip)
        if doc is not None:
            return doc
        if _group_of_people(raw):
            return None  # "Finance officials", "Brexit backers": people the name qualifies, not the name
        if self._place_qualifies(start, end, _DOC_NOUNS):
            return None  # "Another study that looked at deaths in Ontario": the study's subject, not its author
        if self._place_qualifies(start, end, _PLACED_GROUPS):
            return None  # "Federal officials in the U.S.", "residents of Halifax": people there, not the place
        if re.search(r"[’']s?\s*$", raw) and re.match(r"\s+[a-z]", self.text[end : end + 3]):
            return None  # "Norman’s" cut from "Norman’s lawyers": what the name owns spoke, not the name
        kin = _NAMED_POSSESSOR.fullmatch(raw.strip())
        if kin is not None and _someone_else(kin.group("head").lower()) and self.paragraphs:
            # "Donald Trump's eldest daughter", "Hillary Clinton's right-hand woman": the person the
            # role was given to before, else no one; never the possessor, who is someone else
            return self._role_holder_before(start, kin.group("head").lower(), skip)
        base = super().resolve(start, end, previous=previous, skip=skip)
        if base is not None and base.type == "PERSON" and re.fullmatch(r"[A-Z][\w’'\-]+", raw.strip()):
            base = self._namesake(start, raw.strip(), base, skip)
        if word == "they" and base is not None and base.type == "NORP" and self._qualifies_last(start, base, skip):
            return None  # "Republican senators … they said": the senators, whom no name names
        named = head_name(raw)
        if named is not None and (base is None or base.type != "PERSON" or not self._same_name(
                base.name, self.text[start + named[0] : start + named[1]])):
            return self.person_named(start + named[0], start + named[1])
        if base is not None and base.type in ("GPE", "NORP", "LOC", "ORG") and _OF_DESCRIPTION.match(raw.strip()):
            return None  # "the 39-year-old founder of Studiocomix Press" is no press
        if base is not None and base.type in _SILENT_TYPES:
            return None  # a title, a law, a product: no one who speaks
        if base is None and self.sentences and self._opening_description(start, end):
            return self.named_next(end)  # "The most popular punching bag in golf said …. Mike Davis has …"
        return base

    def _opening_description(self, start: int, end: int) -> bool:
        """Whether the source ``text[start:end]`` is a definite description of one, in lower-case
        words ("The most popular punching bag in golf"; not a body, a document or a group), that
        no one named before it can answer: no person is named in story text before it.  A lede
        that describes its subject before naming them names them in the next sentence."""
        raw = self.text[start:end].strip()
        m = re.fullmatch(r"(?i:the)\s+(?P<words>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,8})", raw)
        if m is None:
            return False
        d = _PERSON_DESCRIPTION.fullmatch(raw)
        head = (d.group("head") if d is not None else raw.split()[-1]).lower()
        if head in _BODY_NOUNS or head in _NAMED_BODY_HEADS or head in _DOC_NOUNS or head in _PEOPLE_GROUPS or (
                head.endswith("s") and not head.endswith(("ss", "us"))):
            return False
        return not any(self.entities[x.attrs["entity"]].type == "PERSON" and not (
            self.paragraphs and self._furniture[self._par(x.start)])
            for x in self.mentions[: bisect.bisect_left(self.starts, start)])

    def _place_qualifies(self, start: int, end: int, heads: frozenset[str]) -> bool:
        """Whether the source ``text[start:end]`` is a common noun of ``heads`` whose only names
        stand in what follows it, and are places ("Another study that looked at deaths in
        Ontario"): the place tells what the noun is about or where it is, not who speaks."""
        raw = self.text[start:end]
        m = _HEAD_MODIFIED.search(raw)
        if m is None or m.group("head").lower() not in heads:
            return False
        k = bisect.bisect_left(self.starts, end)
        named = [m2 for m2 in self.mentions[max(0, k - 8) : k] if m2.start < end and start < m2.end]
        return bool(named) and all(x.start >= start + m.end("head") and self.entities[x.attrs["entity"]].type in (
            "GPE", "LOC") for x in named)

    def _relative_follows_a_mention(self, start: int) -> bool:
        """Whether a relative pronoun at ``start`` follows an entity mention closely enough to
        stand for it: right after it ("Ana Lind, who"), or after a short appositive ("Ana Lind, a
        lawyer who"); not across a sentence, a clause or another noun ("politicians, who")."""
        k = bisect.bisect_left(self.starts, start) - 1
        if k < 0:
            return False
        gap = self.text[self.mentions[k].end : start]
        return len(gap.split()) <= 6 and bool(_CLOSE_GAP.fullmatch(gap))

    def _body_continues(self, start: int, previous: EntityRef | None, skip: tuple[int, int] | None,
                        within: int = 1) -> bool:
        """Whether ``previous`` is a body (not a news agency, which relays) last named at most
        ``within`` story paragraphs before ``start``: an "it"/"they" source then continues it."""
        if previous is None or previous.type not in ("ORG", "NORP") or self.agencies.get(previous.id):
            return False
        here = self._story_index[self._par(start)]
        last = self.spoke_at.get(previous.id, -1)  # its source mention, which NER may have missed
        for m in reversed(self.mentions[: bisect.bisect_left(self.starts, start)]):
            if m.attrs.get("entity") == previous.id and not (skip and skip[0] <= m.start < skip[1]):
                last = max(last, m.start)
                break
        return 0 <= last < start and here - self._story_index[self._par(last)] <= within

    def _qualifies_last(self, start: int, ent: EntityRef, skip: tuple[int, int] | None) -> bool:
        """Whether the last mention of ``ent`` before ``start`` only qualifies a plural noun
        after it ("Republican senators", "Liberal MPs"): the group is the noun's, not the name's."""
        for m in reversed(self.mentions[: bisect.bisect_left(self.starts, start)]):
            if m.attrs.get("entity") == ent.id and not (skip and skip[0] <= m.start < skip[1]):
                return re.match(r"\s+(?:[a-z][\w\-]*\s+)?[a-z][\w\-]*s\b", self.text[m.end : m.end + 40]) is not None
        return False

    def _other_body_holds(self, start: int, head: str, previous: EntityRef) -> bool:
        """Whether another body named before ``start`` has ``head`` in its name ("the union"
        after "Unifor" was quoted, while "the Teamsters Union" is named too)."""
        return any(e != previous.id and head in _name_heads(self.entities[e].name) for e in self._orgs_before(start, None))

    def _people_continue(self, start: int, previous: EntityRef | None, within: int = 1) -> bool:
        """Whether the previous attribution's source, at most ``within`` story paragraphs back,
        named two people or more joined by "and" ("Stella's owners Tore Lind and Ada Roe said"):
        a "they" then continues them (the first named speaks for the pair)."""
        if previous is None or previous.type != "PERSON" or previous.id not in self.spoke_at:
            return False
        at = self.spoke_at[previous.id]
        if not 0 <= at < start or self._story_index[self._par(start)] - self._story_index[self._par(at)] > within:
            return False
        return _PAIR.match(self.text, at, min(len(self.text), at + 120)) is not None

    def pair_before(self, start: int, skip: tuple[int, int] | None, within: int = 3) -> EntityRef | None:
        """The two people a description of a pair at ``start`` refers to ("the couple"): the last
        two named together, joined by "and" ("Kim and Clark Moran received a letter …, whom the
        couple claims …"), in story text at most ``within`` story paragraphs back: the pair as
        written, as for a source that joins them ("Tanya and Jason Badger said"), or the first
        where the pair could be one body's name ("Marks and Spencer").  None when no pair was named."""
        k = bisect.bisect_left(self.starts, start)
        here = self._story_index[self._par(start)]
        for i in range(k - 1, 0, -1):
            a, b = self.mentions[i - 1], self.mentions[i]
            if here - self._story_index[self._par(b.start)] > within:
                break
            if skip and (skip[0] <= a.start < skip[1] or skip[0] <= b.start < skip[1]):
                continue
            ea, eb = self.entities[a.attrs["entity"]], self.entities[b.attrs["entity"]]
            if ea.type == eb.type == "PERSON" and ea.id != eb.id and _PAIR_JOIN.fullmatch(self.text[a.end : b.start]):
                pair = joint_names(self.text, (a.start, b.end))
                return named_ref("people", pair, "PERSON") if pair is not None else ea
        return None

    def _document_of_body(self, start: int, end: int, previous: EntityRef | None = None,
                          skip: tuple[int, int] | None = None) -> EntityRef | None:
        """The body that issued a document named as the source: "a release sent to media from
        UFCW Local 832", "the most recent numbers from Statistics Canada" (the body after
        "from"/"by"/"of"), "the union's Friday release" (the body the possessor describes)."""
        raw = self.text[start:end]
        m = _DOC_FROM.match(raw)
        if m is not None:
            hit = self.overlapping(start + m.start("body"), end)
            return hit if hit is not None and hit.type == "ORG" else None
        m = _NAMED_DOC.fullmatch(raw.strip())
        if m is not None:  # "Lind's report", "Toronto's Street Needs Assessment": whose document it is
            lead = len(raw) - len(raw.lstrip())
            a, b = start + lead, start + lead + m.end("owner")
            owner = next((self.entities[x.attrs["entity"]] for x in self.mentions[
                bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]), None)
            if owner is not None and owner.type in ("PERSON", "ORG", "GPE"):
                return owner
        m = _DOC_OF_BODY.fullmatch(raw.strip())
        if m is not None and m.group("noun").lower() in _BODY_NOUNS:
            lead = len(raw) - len(raw.lstrip())
            described = self._description(start + lead, start + lead + m.end("noun"), previous, skip)
            return described[0] if described is not None else None
        return None

    @staticmethod
    def _same_name(name: str, run: str) -> bool:
        return set(run.split()) <= set(name.split())

    def _description(self, start: int, end: int, previous: EntityRef | None,
                     skip: tuple[int, int] | None) -> tuple[EntityRef | None] | None:
        """A definite description as a source: "her statement" (her), "the company" (the
        nearest organisation), "the report" (the body quoted last or named nearest), "the
        32-year-old labourer" (the person ranked first), "a Vancouver hockey coach" (not the
        place).  None when the mention is no such description (the caller resolves it)."""
        # for news: bodies and documents named once, then referred to by a common noun
        raw = self.text[start:end].strip()
        if _INDEFINITE_PERSON.fullmatch(raw) and _is_person_noun(raw.split()[-1]) and self.sentences \
                and not _TITLED_DOCUMENT.match(raw):
            # "A Vancouver hockey coach says …. Stephen Gillis said …", else the one person introduced
            # before with that role ("Justice Ann Dow …. A Supreme Court justice wrote"), else no one:
            # the body or place among its modifiers does not speak
            return (self.named_next(end) or self._role_holder_before(start, raw.split()[-1].lower(), skip),)
        person = person_description(raw)
        if person is not None and self.paragraphs:
            described = self.describe_person(start, person, previous, skip)
            if described is not None or person[1] not in ROLE_NOUNS:
                return (described,)
        if _AGE.match(raw) and self.paragraphs:
            return (self.rank_pronoun(start, None, previous, skip),)
        titled = _TITLED_DOCUMENT.match(raw)
        m = _DESCRIPTION.fullmatch(raw[: titled.end("head")] if titled else raw)
        if m is None or ("," in raw and not titled):
            return None
        det, head = m.group("det").lower(), m.group("head").lower()
        if head + "s" in _DOC_NOUNS and head not in _DOC_NOUNS:
            head += "s"  # "the preliminary findings": the regex took the plural's "s" off
        if det in ("his", "her") and head in _DOC_NOUNS and self.paragraphs:
            return (self.rank_pronoun(start, "m" if det == "his" else "f", previous, skip),)
        if head in _BODY_NOUNS or head in _NAMED_BODY_HEADS:
            hit = self.overlapping(start, end)
            if hit is not None and hit.type == "ORG":
                return (hit,)
            if head in _BODY_NOUNS and previous is not None and self.paragraphs and self._body_continues(
                    start, previous, skip) and not self._other_body_holds(start, head, previous):
                return (previous,)  # "Google said …. "…," the company said": the body quoted just before
            body = self.nearest_body(start, skip, previous, head=head)
            if head in _BODY_NOUNS or (body is not None and head in _name_heads(body.name)):
                return (body,)
            return None
        if head in _DOC_NOUNS:
            for word in reversed(m.group("mods").split()):  # "the IG report", "the coroner report": the role's holder
                role = re.sub(r"['’]s?$", "", word).lower()
                if (role in ROLE_NOUNS or (word.isupper() and _is_person_noun(role))) and self.paragraphs:
                    holder = self._role_holder_before(start, role, skip)
                    if holder is not None:
                        return (holder,)
            hit = self.overlapping(start, end)
            if hit is not None and hit.type not in _SILENT_TYPES:
                return None
            issuer = self._issuer_after(end)
            if issuer is not None:
                self.documents[head] = self.documents[""] = issuer
                return (issuer,)
            owner = _COMMON_POSSESSOR.search(raw)
            if owner is not None and owner.group(1).lower() not in _BODY_NOUNS:
                return (None,)  # "the medical examiner's report": its owner is described, not the nearest body
            if owner is not None:  # "the union's Friday release": the union, resolved as "the union" would be
                body = self._document_of_body(start, end, previous, skip)
                if body is not None:
                    return (body,)
            known = self.documents.get(head) or self.documents.get("")
            if det == "the" and known is not None:
                return (known,)  # "the white paper", "the report" again: the body the last one was quoted for
            if previous is not None and previous.type == "ORG":
                return (previous,)
            return (self.nearest_body(start, skip, previous),)
        hit = self.overlapping(start, end)
        if hit is not None and hit.type in ("GPE", "NORP", "LOC") and m.group("mods"):
            return (None,)  # "a Vancouver peewee hockey coach": the place does not speak
        word = m.group(0)[m.start("head") :].strip().lower()  # the regex leaves a plural's "s" out of the head
        plural = word.endswith("s") and not word.endswith(("ss", "us")) and word[:-1] == head
        if hit is not None and hit.type == "ORG" and m.group("mods") and _is_person_noun(head if plural else word) \
                and self._org_modifies(start, end, m.start("head")):
            # "the White House hopeful", "the Kremlin critic": a person the body's name qualifies, who
            # is no voice of the body; the one introduced with the role, else the person ranked first;
            # "the White House hopefuls", "the two Democratic Party contenders": people no name names
            if plural or det != "the" or re.search(r"\b(?:two|three|four|both)\b", m.group("mods"), re.IGNORECASE):
                return (None,)
            return (self.describe_person(start, (det, word), previous, skip),)
        return None

    def _org_modifies(self, start: int, end: int, head: int) -> bool:
        """Whether the organisation mentions in the source ``text[start:end]`` all end before the
        head noun, which starts ``head`` characters into its stripped text."""
        lead = len(self.text[start:end]) - len(self.text[start:end].lstrip())
        at = start + lead + head
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        inside = [x for x in self.mentions[lo:hi] if x.end <= end]
        return bool(inside) and all(x.end <= at for x in inside)

    def _role_holder_before(self, start: int, head: str, skip: tuple[int, int] | None) -> EntityRef | None:
        """The one person named before ``start`` with the role ``head`` attached (:func:`role_holder`)."""
        people = [(m, m.attrs["entity"]) for m in self.mentions[: bisect.bisect_left(self.starts, start)]
                  if self.entities[m.attrs["entity"]].type == "PERSON" and not (skip and skip[0] <= m.start < skip[1])]
        eid = role_holder(self.text, people, head, start)
        return self.entities[eid] if eid is not None else None

    def describe_person(self, start: int, description: tuple[str, str], previous: EntityRef | None,
                        skip: tuple[int, int] | None) -> EntityRef | None:
        """The person a description at ``start`` refers to (:mod:`.descriptions`): the one
        introduced with its role, else (not for "his father") the best-ranked person."""
        det, head = description
        people = []
        for m in self.mentions[: bisect.bisect_left(self.starts, start)]:
            ent = self.entities[m.attrs["entity"]]
            if ent.type == "PERSON" and not (skip and skip[0] <= m.start < skip[1]) and not self._possessor(
                    m.end, len(self.text)):
                people.append((m, ent.id))
        eid = role_holder(self.text, people, head, start, previous.id if previous is not None else None)
        if eid is not None:
            return self.entities[eid]
        if det == "the" and _SAME_ROLE.get(head) in self.described:
            return self.described[_SAME_ROLE[head]]  # "the 39-year-old founder of X" said …. "the affable proprietor"
        if head in ROLE_NOUNS:
            if det == "the" and _FORMER.match(self.text, start):
                # "Paul Hart served three terms in Congress …. "…," the former lawmaker said": a past
                # role the story gives its person as an epithet, though it never named him by it
                return self.rank_pronoun(start, noun_gender(head), previous, skip)
            return None  # "the president": the entity layer's role rule (or nobody)
        if det in ("his", "her"):
            return None  # "his father" is not he: only a role holder answers
        ent = self.rank_pronoun(start, noun_gender(head), previous, skip)
        if ent is not None and other_family(self.text, head, self.candidates(start, skip)[ent.id][1].end, start):
            return None  # "Joseph …. the family of a 35-year-old man …. the father said": a father there
        return ent

    def _issuer_after(self, end: int) -> EntityRef | None:
        """The body a document source is said to come from later in its sentence ("says a
        document titled … on the Ardent Railway's website", "the report, by the Lyle
        Institute, …"): the first organisation named after "on", "from", "by" or "of"."""
        # for documents named before their issuer: the document speaks for the body
        sent = self._sent(end)
        stop = sent.end if sent is not None and sent.end > end else min(len(self.text), end + 200)
        m = _ISSUER.match(self.text, end, min(stop, end + 160))
        if m is None:
            return None
        hit = self.overlapping(m.end(), m.end() + 1)
        return hit if hit is not None and hit.type == "ORG" and not self.agencies.get(hit.id) else None

    def nearest_body(self, start: int, skip: tuple[int, int] | None, previous: EntityRef | None,
                     within: int = 6, head: str | None = None) -> EntityRef | None:
        """The organisation a common noun most likely names: among those named in the last
        ``within`` story paragraphs before ``start`` (not news agencies, which relay, and not in
        furniture), the one with the best score of salience (mentions in the article so
        far, log) less distance (story paragraphs, 0.3 each), plus 1 for the speaker of the
        previous attribution and 2 for a name that holds ``head``; the one body named before
        whose name holds ``head`` wins outright."""
        def story(pos: int) -> int:  # story paragraphs: separator lines and captions put no distance
            return self._story_index[self._par(pos)] if self.paragraphs else 0

        here = story(start)
        counts: dict[str, int] = {}
        near: dict[str, int] = {}
        for m in self.mentions[: bisect.bisect_left(self.starts, start)]:
            ent = self.entities[m.attrs["entity"]]
            if ent.type != "ORG" or self.agencies.get(ent.id) or (skip and skip[0] <= m.start < skip[1]):
                continue
            if self.paragraphs and self._furniture[self._par(m.start)]:
                continue
            if head in _COMMERCIAL_NOUNS and _public_body(ent.name):
                continue  # "the social media platform" is no "National Security Council"
            ent = self._uncut_body(ent)
            counts[ent.id] = counts.get(ent.id, 0) + 1
            near[ent.id] = here - story(m.start)
        if previous is not None and previous.type == "ORG" and not self.agencies.get(previous.id) \
                and 0 <= self.spoke_at.get(previous.id, -1) < start and self.paragraphs:
            at = story(self.spoke_at[previous.id])  # its source mention, which NER may have missed
            near[previous.id] = min(near.get(previous.id, here), here - at)
            counts[previous.id] = counts.get(previous.id, 0) + 1
        # the body quoted last is what "the company" most likely continues ("Facebook said … The company noted")
        # a head noun the body's own name holds ("the railway": the Ardent Pacific Railway) names it
        if head is not None:  # the one body named before whose name holds the noun, however far back
            named = {e for e in self._orgs_before(start, skip) if _name_of_kind(self.entities[e].name, head)
                     and re.search(r"\b[A-Z]", self.entities[e].name)}  # a name, not "federal department"
            if len(named) == 1:
                return self.entities[next(iter(named))]
        def ref(e: str) -> EntityRef:  # the previous speaker may be a body named by its kind, no entity
            return self.entities[e] if e in self.entities else previous  # type: ignore[return-value]

        scored = [(math.log1p(counts[e]) - 0.3 * near[e] + (1.0 if previous is not None and previous.id == e else 0.0)
                   + (2.0 if head is not None and _name_of_kind(ref(e).name, head) else 0.0),
                   e) for e in near if near[e] <= within]
        return ref(max(scored)[1]) if scored else None

    def _uncut_body(self, ent: EntityRef) -> EntityRef:
        """For an organisation name cut mid-phrase ("Facebook Head of", from "Facebook Head of
        Cybersecurity Jane Roe"): the body named by the longest run of its first words that is
        another organisation's whole name ("Facebook"); else ``ent``."""
        words = ent.name.split()
        if len(words) < 2 or words[-1].lower() not in _NAME_JOINERS:
            return ent
        orgs = {e.name: e for e in self.entities.values() if e.type == "ORG" and e.id != ent.id}
        for k in range(len(words) - 1, 0, -1):
            if " ".join(words[:k]) in orgs:
                return orgs[" ".join(words[:k])]
        return ent

    def _orgs_before(self, start: int, skip: tuple[int, int] | None) -> set[str]:
        """The organisations (not news agencies) named in story text before ``start``."""
        out = set()
        for m in self.mentions[: bisect.bisect_left(self.starts, start)]:
            ent = self.entities[m.attrs["entity"]]
            if ent.type == "ORG" and not self.agencies.get(ent.id) and not (skip and skip[0] <= m.start < skip[1]) \
                    and not (self.paragraphs and self._furniture[self._par(m.start)]):
                out.add(ent.id)
        return out

    def person_named(self, a: int, b: int) -> EntityRef:
        """The person the name ``text[a:b]`` names: a known person with that name (or the
        fuller name, when the known one was cut: "Ali Khan" of "Azfar Ali Khan"), else a new
        person, remembered so that later pronouns and surnames can find them.  A title is no part
        of the name ("Mr Salama" is the Salama named before, not a person "Mr Salama")."""
        words = self.text[a:b].split()
        while len(words) > 1 and strip_titles(" ".join(words[:2])) == words[1]:
            words = words[1:]  # a leading title or lower-case word, and only that: "(R-Iowa)" stays
        run = " ".join(words)
        for m in self.mentions[max(0, bisect.bisect_left(self.starts, a) - 4) : bisect.bisect_left(self.starts, b)]:
            ent = self.entities[m.attrs["entity"]]
            if m.start < b and a < m.end and ent.type == "PERSON":
                if self._same_name(ent.name, run):
                    return ent
                if self._same_name(run, ent.name):
                    return EntityRef(ent.id, run, "PERSON", self.gender.get(ent.id))
        eid = self.names.get(name_form(words[-1]))
        if eid is not None and self.entities[eid].type == "PERSON":
            ent = self.entities[eid]
            if self._same_name(ent.name, run) and ent.name.split()[-1] == words[-1]:
                return ent
            if len(ent.name.split()) == 1 and ent.name == words[-1]:
                return EntityRef(ent.id, run, "PERSON", self.gender.get(ent.id))
        eid = "person:" + re.sub(r"[^\w]+", "-", run.lower()).strip("-")
        ent = self.entities.get(eid) or EntityRef(eid, run, "PERSON")
        if eid not in self.entities:
            self.entities[eid] = ent
            self.gender.setdefault(eid, self._gender_by_name(run))
            if len(words) > 1:
                self.titled.add(eid)
            for w in words:
                if len(w) > 2:
                    self.names.setdefault(name_form(w), eid)
            k = bisect.bisect_left(self.starts, a)
            self.mentions.insert(k, Span(a, b, "PERSON", {"entity": eid}))
            self.starts.insert(k, a)
        return ent

    def features(self, start: int, gender: str | None, ent: EntityRef, first: Span, last: Span, count: int,
                 previous: EntityRef | None, nearest: bool) -> list[float] | None:
        """The ranking features of one candidate, in :data:`FEATURES` order (None: ruled out by gender)."""
        g = self.gender.get(ent.id)
        if g is not None and gender is not None and g != gender:
            return None
        sent = self._sent(start)
        last_sent = self._sent(last.start)
        opens = last_sent is not None and not re.search(r"\w", re.sub(
            r"\b(?:[A-Z][\w’'.\-]*|the|a|an|former|then)\b", "", self.text[last_sent.start : last.start]))
        here = self._story_index[self._par(start)]
        recency = min(6, here - self._story_index[self._par(last.start)])
        sents_back = bisect.bisect_right(self.sent_starts, start) - bisect.bisect_right(self.sent_starts, last.start)
        return [
            1.0 if previous is not None and previous.id == ent.id else 0.0,
            1.0 if self.spoke.get(ent.id) else 0.0,
            float(recency),
            1.0 if recency == 0 else 0.0,
            math.log1p(max(0, sents_back)),
            1.0 if nearest else 0.0,
            float(min(6, here - self._story_index[self._par(first.start)])),
            1.0 if opens else 0.0,
            1.0 if opens and sent is not None and sent.start <= last.start else 0.0,
            1.0 if opens and self._sentence_before(start, last.start) else 0.0,
            math.log1p(count),
            1.0 if self._furniture[self._par(last.start)] else 0.0,
            1.0 if ent.id not in self.titled else 0.0,
        ]

    def named_next(self, end: int) -> EntityRef | None:
        """The person an indefinite description stands for when the next story sentence names
        them for the first time as its subject ("A Superior Court judge chastised the station
        …. Justice Sean Dunphy directed …"): that person, else None ("a senior official")."""
        # for ledes that give the role first and the name a sentence later
        k = bisect.bisect_right(self.sent_starts, end - 1)  # the sentence after the source's
        while k < len(self.sentences):
            sent = self.sentences[k]
            if re.search(r"[^\W\d_]", self.text[sent.start : sent.end]) and not (
                    self.paragraphs and self._furniture[self._par(sent.start)]):
                break
            k += 1
        if k >= len(self.sentences):
            return None
        sent = self.sentences[k]
        i = bisect.bisect_left(self.starts, sent.start)
        if i >= len(self.mentions) or self.mentions[i].start >= sent.end:
            return None
        m = self.mentions[i]
        ent = self.entities[m.attrs["entity"]]
        lead = self.text[sent.start : m.start]
        if ent.type != "PERSON" or re.search(r"\w", re.sub(r"\b[A-Z][\w’'.\-]*", "", lead)):
            return None  # not the subject that opens it, under its title at most ("Justice", "Coach")
        for x in self.mentions[:i]:
            if x.attrs["entity"] == ent.id and not (self.paragraphs and self._furniture[self._par(x.start)]):
                return None  # named before: no introduction
        return ent

    def just_introduced(self, start: int, gender: str | None, skip: tuple[int, int] | None) -> EntityRef | None:
        """The person a writer has just introduced: the story sentence before the pronoun's
        opens with the first mention of a person, the only person it names, and the pronoun's
        own sentence names no one before it ("Mamadou Dia was on a business trip when he ended
        up trapped. / "They told us by text …," he said.": Dia, not the last speaker)."""
        # for news that brings in a new voice with a sentence about them, then quotes them
        k = bisect.bisect_right(self.sent_starts, start) - 1
        if k < 0:
            return None
        own = self.sentences[k]
        par_start = self.paragraphs[self._par(start)].start if self.paragraphs else own.start
        while k > 0 and self.sentences[k].start > par_start:
            seg = self.text[self.sentences[k].start : start]
            if seg.count("“") >= seg.count("”") and seg.count('"') % 2 == 0:
                break
            k -= 1  # a quotation the segmenter cut into sentences: back to where it opens
        if self.sentences[k].start < par_start and self.sentences[k].end <= par_start and k + 1 < len(self.sentences):
            k += 1
        own = Span(min(own.start, self.sentences[k].start), own.end)
        j = k - 1
        pronoun = {"m": r"\b[Hh](?:e|is|im)\b", "f": r"\b[Ss]he\b|\b[Hh]er\b"}.get(gender or "", r"(?!)")
        hops = 0
        while j >= 0:
            sent = self.sentences[j]
            body = self.text[sent.start : sent.end]
            if re.search(r"[^\W\d_]", body) and not (self.paragraphs and self._furniture[self._par(sent.start)]):
                names = bisect.bisect_left(self.starts, sent.end) - bisect.bisect_left(self.starts, sent.start)
                if names or not re.search(pronoun, body) or hops:
                    break
                hops = 1  # "(He, of course, looks the part.)": a sentence the same pronoun already carries
            j -= 1
        if j < 0:
            return None
        prev = self.sentences[j]
        in_prev, in_own = [], []
        for m in self.mentions[bisect.bisect_left(self.starts, prev.start) : bisect.bisect_left(self.starts, start)]:
            ent = self.entities[m.attrs["entity"]]
            if ent.type != "PERSON" or (skip and skip[0] <= m.start < skip[1]):
                continue
            if re.search(r"\b(?:his|her|their)\s+(?:\w+\s+)?(?:grandmother|grandfather|mother|father|wife|husband|son|"
                         r"daughter|brother|sister|friend|partner)\s+$", self.text[max(0, m.start - 40) : m.start]):
                continue  # "named after his grandmother Mildred": a relative in passing
            (in_own if m.start >= own.start else in_prev if m.start < prev.end else []).append((m, ent))
        if in_own or not in_prev:
            return None
        if len({e.id for _, e in in_prev}) != 1:
            # others the story named before may stand beside the one it introduces here
            fresh = [(x, e) for x, e in in_prev if self._first_story_mention(e.id) >= prev.start]
            if len({e.id for _, e in fresh}) != 1 or fresh[0][0].start != in_prev[0][0].start and not \
                    _WRITER_MEETS.search(self.text[prev.start : fresh[0][0].start]):
                return None
            in_prev = fresh
        m, ent = in_prev[0]
        lead = self.text[prev.start : m.start]
        if re.search(r"\w", re.sub(r"\b(?:[A-Z][\w’'.\-]*|the|a|an|former|then)\b", "", lead)) and not (
                _WRITER_MEETS.search(lead) and not re.search(r"[,;:]", lead[_WRITER_MEETS.search(lead).end() :])) \
                and not _SAYS_BEFORE.search(lead) and not _FRONTED_CLAUSE.fullmatch(lead) \
                and not _WORDS_FROM.search(lead):
            return None  # not the subject that opens the sentence, whom the writer met ("I asked barber X"), nor
            # the one an inverted cue names ("There is a satisfaction, insists 16-year-old X, in …"), nor the one
            # words are "from" ("a similar sentiment on Twitter from former Rep. X")
        if self._first_story_mention(ent.id) < prev.start:
            return None  # named before (captions aside): the ranking weighs them
        g = self.gender.get(ent.id)
        return ent if g is None or gender is None or g == gender else None

    def _namesake(self, start: int, surname: str, base: EntityRef, skip: tuple[int, int] | None) -> EntityRef:
        """For a surname two people named in full share ("Ernie LeBlanc", his son "Jason
        LeBlanc"): the one of them quoted most so far (then last), else ``base``."""
        # for family members quoted in one story: the entity layer ties a lone surname to one of them
        sharers = [e for e in self.entities.values() if e.type == "PERSON" and len(e.name.split()) > 1
                   and e.name.split()[-1] == surname]
        if len(sharers) < 2 or base.id not in {e.id for e in sharers}:
            return base
        def quoted(e: EntityRef) -> tuple[int, int]:
            return self.spoke.get(e.id, 0), self.spoke_at.get(e.id, -1)
        best = max(sharers, key=quoted)
        return best if quoted(best)[0] > 0 else base

    def _first_story_mention(self, eid: str) -> int:
        """Where the story (captions, credits and promos aside) first names entity ``eid``."""
        for x in self.mentions:
            if x.attrs["entity"] == eid and not (self.paragraphs and self._furniture[self._par(x.start)]):
                return x.start
        return len(self.text)

    def same_pronoun_before(self, start: int, gender: str | None, skip: tuple[int, int] | None,
                            within: int = 1) -> EntityRef | None:
        """The person the same pronoun stood for at most ``within`` story paragraphs before, when no
        other person who could be "he"/"she" is named between ("… hours later, the police came,"
        he said. / As officers escorted them out, … he said": the same "he")."""
        # for a speaker quoted over several paragraphs whose earlier "he said" was resolved
        if gender is None or gender not in self.pronoun_at:
            return None
        pos, ent = self.pronoun_at[gender]
        if pos >= start or self._story_index[self._par(start)] - self._story_index[self._par(pos)] > within:
            return None
        for m in self.mentions[bisect.bisect_right(self.starts, pos) : bisect.bisect_left(self.starts, start)]:
            other = self.entities[m.attrs["entity"]]
            if other.type == "PERSON" and other.id != ent.id and self.gender.get(other.id) in (None, gender) \
                    and not (skip and skip[0] <= m.start < skip[1]):
                return None
        return ent

    def addressee_asked(self, start: int, gender: str | None, skip: tuple[int, int] | None) -> EntityRef | None:
        """The person the story sentence just before a pronoun's quotation put a question to, when
        no other person is named between ("Reed asked Holt in an interview if he regretted it. /
        “Never,” he said.": Holt, who answers, not Reed, who asked); None for a pronoun whose own
        verb asks ("he pressed"), or when the gender the person is known by is not the pronoun's."""
        # for interview write-ups, where the interviewer is the subject named nearest the answer
        if not self.sentences or asks_again(self.text, start):
            return None
        anchor = min(start, skip[0]) if skip else start  # where the quotation the pronoun says opens
        k = bisect.bisect_right(self.sent_starts, anchor) - 1
        if k < 0:
            return None

        def people(a: int, b: int) -> list[Span]:
            return [m for m in self.mentions[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]
                    if self.entities[m.attrs["entity"]].type == "PERSON"
                    and not (skip and skip[0] <= m.start < skip[1])]
        region = Span(self.sentences[k].start, anchor)
        if not people(region.start, region.end):
            j = k - 1  # the question stands in the story sentence before the quotation's
            while j >= 0 and not (re.search(r"[^\W\d_]", self.text[self.sentences[j].start : self.sentences[j].end])
                                  and not (self.paragraphs and self._furniture[self._par(self.sentences[j].start)])):
                j -= 1
            if j < 0 or people(self.sentences[j].end, region.start):
                return None
            region = Span(self.sentences[j].start, min(self.sentences[j].end, anchor))
        named = people(region.start, region.end)
        hit = asked_in(self.text, region.start, region.end, [(m.start, m.end) for m in named])
        if hit is None:
            return None
        ent = self.entities[next(m for m in named if m.start == hit[0]).attrs["entity"]]
        g = self.gender.get(ent.id)
        return ent if g is None or gender is None or g == gender else None

    def _sentence_before(self, start: int, pos: int) -> bool:
        """Whether ``pos`` stands in the last sentence of story text before the one holding
        ``start`` (captions, credits, promos and separator lines between them skipped)."""
        k = bisect.bisect_right(self.sent_starts, start) - 2  # the sentence before the pronoun's
        while k >= 0:
            s = self.sentences[k]
            text = self.text[s.start : s.end]
            if re.search(r"[^\W\d_]", text) and not (self.paragraphs and self._furniture[self._par(s.start)]):
                return s.start <= pos < s.end
            k -= 1
        return False

    def candidates(self, start: int, skip: tuple[int, int] | None) -> dict[str, tuple[Span, Span, int]]:
        """Each person mentioned before ``start`` (outside ``skip``, not only as a possessor):
        their first and last such mention (the last in story text, when they have one outside
        captions, credits and promos) and how many mentions they have before ``start``."""
        out: dict[str, tuple[Span, Span, int]] = {}
        k = bisect.bisect_left(self.starts, start)
        for m in self.mentions[:k]:
            if skip and skip[0] <= m.start < skip[1]:
                continue
            ent = self.entities[m.attrs["entity"]]
            if ent.type != "PERSON" or self._possessor(m.end, len(self.text)):
                continue
            first, last, n = out.get(ent.id, (m, m, 0))
            if n == 0 or not self.paragraphs or not self._furniture[self._par(m.start)] or self._furniture[
                    self._par(last.start)]:
                last = m  # a caption naming a person who speaks in the story moves them no nearer
            out[ent.id] = (first, last, n + 1)
        return out

    def candidate_matrix(self, start: int, gender: str | None, previous: EntityRef | None,
                         skip: tuple[int, int] | None) -> tuple[list[EntityRef], np.ndarray]:
        """The candidates of a pronoun at ``start`` (gender-compatible people named before it)
        and their feature rows; what the scorer ranks and what training learns from."""
        found = sorted(self.candidates(start, skip).items(), key=lambda kv: -kv[1][1].start)
        ents: list[EntityRef] = []
        rows: list[list[float]] = []
        for eid, (first, last, count) in found:
            ent = self.entities[eid]
            feats = self.features(start, gender, ent, first, last, count, previous, nearest=not rows)
            if feats is not None:
                ents.append(ent)
                rows.append(feats)
        return ents, np.asarray(rows, dtype=float).reshape(len(rows), len(FEATURES))

    def _named_inside(self, words: Sequence[tuple[int, int]]) -> set[str]:
        """The people ``words`` (the spans of an attribution's content) name by a name of theirs,
        as the third person: a "he" who says them is someone else (one says "I" of oneself)."""
        out = set()
        for a, b in words:
            for m in self.mentions[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]:
                ent = self.entities[m.attrs["entity"]]
                if ent.type == "PERSON" and not self._possessor(m.end, len(self.text)):
                    out.add(ent.id)
        return out

    def rank_pronoun(self, start: int, gender: str | None, previous: EntityRef | None,
                     skip: tuple[int, int] | None, words: Sequence[tuple[int, int]] = ()) -> EntityRef | None:
        """The best-ranked person for a "he"/"she" source at ``start``, or None when no
        candidate reaches the scorer's threshold.  ``words``: the spans of what the pronoun's
        person said; a person those words name by name is not it."""
        ents, x = self.candidate_matrix(start, gender, previous, skip)
        if not ents:
            return None
        ent = (self.addressee_asked(start, gender, skip) or self.just_introduced(start, gender, skip)
               or fronted_topic(self, start, gender, skip) or self.same_pronoun_before(start, gender, skip))
        if ent is None or not any(e.id == ent.id for e in ents):
            p = self.scorer.probabilities(x)
            k = int(np.argmax(p))
            if p[k] < self.scorer.threshold:
                return None
            ent = ents[k]
            if gender is not None and self.gender.get(ent.id) is None:
                # "Harris [gender unknown] said …. Booker [he] also … . "…," he tweeted": the subject of
                # the sentence just before, whose gender the pronoun's matches, beats one whose gender
                # is unknown (the scorer weighs no gender; it only rules mismatches out)
                col = FEATURES.index("recent_subject")
                ent = next((e for e, row in zip(ents, x) if row[col] and self.gender.get(e.id) == gender), ent)
        if ent.id in self._named_inside(words):
            return None  # "Lind and his crew hid below deck, he said": he is not Lind, and who he is stays open
        if gender is not None:
            self.pronoun_at[gender] = (start, ent)
        if self.gender.get(ent.id) is None and gender is not None:
            self.gender[ent.id] = gender  # "he said" -> X: X is referred to as "he" from now on
        return ent
