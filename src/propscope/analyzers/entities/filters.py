"""Mentions that are not names, or not one name: filters applied before the types are voted.

Each class is a named function, called by :func:`.canonical.build_entities`:

* :func:`is_junk` — a "name" that is a contraction's piece ("n't", "'s"), begins with an
  apostrophe or has no letter or digit: tokenisation debris, never a person, organisation or place.
* :func:`is_imperative` — one capitalised word that opens a sentence and that the tagger reads
  as a verb's base form ("Subscribe to our newsletter", "Bookmark this page").
* :func:`split_coordination` — two names joined by "or" ("Facebook or Twitter"), or by "and"
  where one of them is also written alone in the text ("Gab and MeWe" beside "Gab"): two
  mentions, not one entity ("Procter and Gamble", never written apart, stays whole).
* :func:`acronym_kind` — an all-capital word is an organisation's acronym only when it is not
  an ordinary word shouted ("AGAINST", "DAY": the tagger reads it as a function word, or the
  article writes it in lower case and not as "the DAY"), not a common noun acronym ("URL",
  "PDF", "CEO"), not a word of a shouted run ("MAMA SAID NO"); a US state's postal code after a
  place and a comma ("WESTERVILLE, OH") is a place.
* :func:`retype` — a mention's own context: a page with its audience in brackets is an
  organisation ("Cop Block (1.7 million fans)"); a two- or three-word name whose first word is
  written alone as a person's ("Bharath Ganesh" beside "Bharath") is a person.
* :func:`is_time_zone` — a time zone's code ("12:30 p.m. CST", "GMT"; "ET" only after a clock
  time) labels a clock time: no entity.
* :func:`is_credit` — a caption's credit word ("(Submitted by Wendy Golden)", "Photo: Supplied"):
  who sent the picture, no entity.
* :func:`platform_spans` — a social platform of the word lists written with a capital where NER
  saw nothing ("Facebook" in ten sentences, found by NER in one) is an organisation's mention.
* :func:`is_office_word` — the department word of a person's office ("State" of "Secretary of
  State", "Justice" of "Minister of Justice"): part of a title, no body of its own.
* :func:`is_quantity` — numbers and lower-case words only ("60 and 80 degrees"): a measure.
* :func:`is_document_part` — a numbered part of a document ("Table A-7", "Chapter 8"): no body,
  person or place (a law's "Section 4" read as a LAW stays).
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Sequence

from propscope.article import Span

from .gazetteer import place_kind
from .registry import lookup
from .words import TITLE_WORDS, first_names, name_words

__all__ = ["acronym_kind", "clean_spans", "drop_family_plurals", "is_credit", "is_imperative", "is_junk", "is_document_part", "is_office_word", "is_quantity",
           "is_time_zone",
           "join_coordinated_bodies",
           "platform_spans", "retype", "shouted_line", "split_coordination", "trim_imperative", "trim_office_before_name"]

#: acronyms that are common nouns or units, not the name of anyone or anything
COMMON_ACRONYMS = frozenset(
    "URL URLS PDF HTML HTTP HTTPS FAQ FAQS CEO CEOS CFO COO CTO GDP TV DNA RNA ID IDS AM PM OK LOL "
    "OMG DIY ASAP RSVP FYI PS PC PCS SUV SUVS ATM ATMS VIP VIPS MP3 GPS SMS USB LED LCD IQ IT AI "
    "PR HR QR PIN RIP AKA ETA TBA TBD DM DMS BTW IMO IMHO PER VS".split())
#: time zones: a clock's label, never a body ("12:30 p.m. CST", "as of 10:15 EDT", "midnight GMT")
TIME_ZONES = frozenset(
    "EST EDT CST CDT MST MDT PST PDT AKST AKDT HST GMT UTC BST CET CEST EET EEST WET WEST AEST AEDT".split())
#: short zones that are also other words' letters ("D-CT"): a zone only after a clock time ("2:15 p.m. ET")
_SHORT_ZONES = frozenset("ET PT CT MT".split())
_CLOCK_BEFORE = re.compile(r"(?:\d|\b[ap]\.?m\.?|\bnoon|\bmidnight)\s*$", re.I)
#: US postal codes of states and territories ("WESTERVILLE, OH")
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI".split())
#: part-of-speech tags of function words, never a name, whatever NER says ("AGAINST", "NOT")
_FUNCTION_TAGS = frozenset("IN DT CC PRP PRP$ WDT WP WRB MD TO RB RBR RBS EX UH".split())
#: and of words the tagger reads as verbs or adjectives: not a name where NER saw none ("MANY")
_NOT_NAME_TAGS = _FUNCTION_TAGS | frozenset("JJ JJR JJS VB VBD VBG VBN VBP VBZ".split())
_NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART")
_APOS = "'’‘ʼ`´"


def tag_at(tags: Sequence[Span], start: int) -> str | None:
    """The part-of-speech tag of the token that starts at ``start`` (``tags`` sorted by start), or None."""
    lo, hi = 0, len(tags)
    while lo < hi:
        mid = (lo + hi) // 2
        if tags[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return tags[lo].label if lo < len(tags) and tags[lo].start == start else None


def is_junk(surface: str) -> bool:
    """"n't", "'s", "--": a contraction's piece, an apostrophe first, or no letter or digit
    ("the state department", lower case, stays: NER's organisation)."""
    s = surface.strip()
    return not any(c.isalnum() for c in s) or s[0] in _APOS or re.fullmatch(rf"[a-z]{{0,2}}[{_APOS}][a-z]{{0,2}}", s) is not None \
        or _CONTRACTION.fullmatch(s) is not None


#: a pronoun or a verb with its contracted ending ("I’m", "We're", "W e’re" of a broken line, "Don't"):
#: never a name, whatever NER read it as
_CONTRACTION = re.compile(rf"(?i)(?:i|y\s?ou|w\s?e|they|he|she|it|that|there|here|what|who|let)[{_APOS}](?:m|re|ve|ll|d|s)"
                          rf"|[a-z]{{1,6}}n[{_APOS}]t")


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start]
    return start == 0 or "\n" in before or re.search(r"[.!?:;\"“”]\s+$", before) is not None \
        or not before.strip()


#: words after a sentence-opening verb that make it an order ("Bookmark them", "Share this")
_OBJECTS = frozenset("them it us me him her this these those your our my".split())


def is_imperative(text: str, s: Span, tags: Sequence[Span]) -> bool:
    """One word opening a sentence, never written as a name inside one, that the tagger reads
    as a verb's base form ("Subscribe to"), or that an object pronoun follows ("Bookmark them")."""
    surface = text[s.start : s.end]
    if not surface.isalpha() or not surface[:1].isupper() or surface.isupper() or not _sentence_start(text, s.start):
        return False
    for m in re.finditer(rf"(?<![\w\-]){re.escape(surface)}(?![\w\-])", text):
        if not _sentence_start(text, m.start()):
            return False  # "Apple" inside a sentence too: a name
    nxt = re.match(r"\s+(\w+)", text[s.end : s.end + 20])
    return (bool(tags) and tag_at(tags, s.start) == "VB") or (nxt is not None and nxt.group(1) in _OBJECTS)


#: words an order puts between its verb and a name ("Release the Mueller report")
_DETERMINERS = frozenset("the a an this that these those our your their his her its my".split())


def trim_imperative(text: str, s: Span, tags: Sequence[Span]) -> Span | None:
    """A name span that opens a sentence with an order, a verb and its determiner ("Release
    the Mueller" of "Release the Mueller report", which NER may call a work or a person),
    without them, when the rest is a name the text also writes elsewhere; None when nothing
    of a name is left.  The opening word is an order when the tagger reads it as a verb's base
    form, or when a determiner follows it and it is no first name or title ("Alfred the Great"
    stays whole).  A name that holds an order and is written only whole stays whole ("Save
    the Children")."""
    surface = text[s.start : s.end]
    m = re.match(r"([A-Z][a-z]+)\s+(?:(\w+)\s+)?", surface)
    at = s.start
    while at > 0 and text[at - 1] in "“\"‘'«":
        at -= 1  # an order opening a quotation opens its sentence
    if m is None or s.label not in _NAME_LABELS or not _sentence_start(text, at):
        return s
    verb, det = m.group(1), (m.group(2) or "")
    by_tag = bool(tags) and tag_at(tags, s.start) == "VB"
    by_det = det.lower() in _DETERMINERS and verb.lower() not in first_names() and verb.lower() not in TITLE_WORDS
    if not (by_tag or by_det):
        return s
    pos = s.start + len(verb)
    pos += len(text[pos : s.end]) - len(text[pos : s.end].lstrip())
    if det.lower() in _DETERMINERS:
        pos = s.start + m.end()
    rest = text[pos : s.end]
    if not rest[:1].isupper():
        return None
    outside = text[: s.start] + " " * (s.end - s.start) + text[s.end :]
    if re.search(rf"(?<![\w\-]){re.escape(rest)}(?![\w\-])", outside) is None:
        return s
    return Span(pos, s.end, s.label, dict(s.attrs))


#: function words that open a sentence before a name ("On Gab", "And Twitter"): no part of the name
_OPENERS = frozenset("on in at for from to with by and but or the a an of as via like after before when while if so "
                     "then also even only".split())


def _initials(surface: str) -> str:
    """"Enforcement and Removal Operations" -> "ERO": the initials of its capitalised words."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'\-]*", surface) if w[0].isupper())


def split_coordination(text: str, s: Span) -> list[Span]:
    """"Facebook or Twitter" -> "Facebook", "Twitter"; "Gab and MeWe" -> two when either part
    is also written alone in the text; otherwise the span unchanged.  A part is written alone
    only where no capitalised word inside its sentence is glued before it ("Customs
    Enforcement" is no "Enforcement" alone); a name whose bracketed acronym spells the whole
    ("Enforcement and Removal Operations (ERO)") is one name."""
    surface = text[s.start : s.end]
    m = re.fullmatch(r"(.+?) (or|and|nor) (.+)", surface)
    if m is None or s.label not in _NAME_LABELS:
        return [s]
    left, word, right = m.group(1), m.group(2), m.group(3)
    if not (left[:1].isupper() and right[:1].isupper()) or left.lower() in ("the", "a"):
        return [s]
    if word == "and":
        outside = text[: s.start] + " " * len(surface) + text[s.end :]
        bracket = re.match(r"\s*\(([A-Z]{3,8})\)", text[s.end : s.end + 14])
        if bracket and bracket.group(1) == _initials(surface):
            return [s]  # "Enforcement and Removal Operations (ERO)": the acronym names the whole

        def alone(part: str) -> bool:
            for hit in re.finditer(rf"(?<![\w&])({re.escape(part)})(?! (?:and|&) )(?![\w&])", outside):
                glued = re.search(r"([A-Z][\w’'\-]*)[ \t]+$", outside[max(0, hit.start() - 30) : hit.start()])
                if glued is None or glued.group(1).lower() in _OPENERS \
                        and _sentence_start(outside, hit.start() - len(glued.group(0))):
                    return True  # not the tail of a longer name ("Customs Enforcement"); "On Gab" is alone
            return False

        def known(part: str) -> bool:  # a platform or an outlet of the registry ("Gab and MeWe")
            return part.lower() in name_words()["platforms"] or lookup(part) is not None

        if not (alone(left) or alone(right) or known(left) or known(right)):
            return [s]
    b = s.start + m.start(3)
    return [Span(s.start, s.start + len(left), s.label, dict(s.attrs)), Span(b, s.end, s.label, dict(s.attrs))]


#: capital words up to a colon: the rubric heading a paragraph of a roundup ("ENERGY:", "BREXIT VOTE:")
_RUBRIC = re.compile(r"[A-Z]+(?:[’']S)?(?:[ \t]+[A-Z]+(?:[’']S)?){0,3}[ \t]*:")


def _in_rubric(text: str, start: int) -> bool:
    """Whether ``start`` lies in capital words that open a line and end in a colon, one of five
    letters or more among them (a rubric, not a transcript's "DB:" or "NATO:")."""
    line = text.rfind("\n", 0, start) + 1
    lead = len(text[line:start]) - len(text[line:start].lstrip(" \t"))
    m = _RUBRIC.match(text, line + lead)
    return m is not None and m.end() > start and any(len(x) >= 5 for x in re.findall(r"[A-Z]+", m.group()))


def is_time_zone(text: str, start: int, end: int) -> bool:
    """A time zone's code ("EST", "GMT"; "ET" or "PT" only after a clock time: "2:15 p.m. ET"),
    the label of a clock time, never an organisation's acronym."""
    w = text[start:end].replace(".", "")
    if w in TIME_ZONES:
        return True
    return w in _SHORT_ZONES and _CLOCK_BEFORE.search(text[max(0, start - 12) : start]) is not None


#: function words of English in capitals: a run holding one is shouted prose, not a list of acronyms
_SHOUTED_FUNCTION = frozenset("THE A AN ON IN OF TO AND OR FOR AT BY WITH FROM IS ARE WAS WERE NOT NO IT".split())


def _shouted_prose(text: str, start: int, end: int) -> bool:
    """Whether the capital word at ``start`` is one of a run of three capital words or more on its
    line holding a function word ("PUT BRAKES ON INFORMATION FLOW", "BUILD THE WALL!"): a shouted
    headline or slogan, whose common nouns and verbs are not acronyms."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    before = re.findall(r"[A-Za-z]+|[^\sA-Za-z]+", text[a:start])
    after = re.findall(r"[A-Za-z]+|[^\sA-Za-z]+", text[end : b if b >= 0 else len(text)])
    run: list[str] = []
    for tok in reversed(before):
        if not tok.isalpha() or not tok.isupper():
            break
        run.append(tok)
    for tok in after:
        if not tok.isalpha() or not tok.isupper():
            break
        run.append(tok)
    return len(run) >= 2 and any(t in _SHOUTED_FUNCTION for t in run)


def acronym_kind(text: str, start: int, end: int, tags: Sequence[Span] = (), ner: bool = False) -> str | None:
    """What the all-capital word ``text[start:end]`` names: "ORG" (an acronym), "GPE" (a US
    state's code after "PLACE, "), or None (an ordinary word, shouted or abbreviated).
    ``ner``: NER read it as a name, so only a function word's tag overrules it (the tagger
    reads capitals as verbs: "from Muhammad to ISIS")."""
    w = text[start:end].replace(".", "")
    if w in US_STATES and (re.search(r"[A-Z][\w.’'\-]*,\s?$", text[max(0, start - 40) : start])
                           or re.search(r"(?<![\w-])[DRI]-$", text[max(0, start - 3) : start])):
        return "GPE"  # "Westerville, OH"; "Rep. Dana Voss (D-MN)": a member's party and state
    if w in COMMON_ACRONYMS or is_time_zone(text, start, end):
        return None
    nw = name_words()
    if w.lower() in nw["person_titles"]:
        return None  # "Liberal MP Dana Voss", "UCP MLA": a title in capitals, not a body's acronym
    if w.lower() in nw.get("religions", frozenset()) | nw.get("scriptures", frozenset()) | nw["concepts"]:
        return None  # "ISLAM", "KORAN", "SHARIA" shouted: a creed, a book, a concept, never a body's acronym
    if len(w) >= 4 and _in_rubric(text, start):
        return None  # "ENERGY: crude fell", "ANALYST'S TAKE: …": a roundup's rubric, words in capitals
    tag = tag_at(tags, start) if tags else None
    if tag in (_FUNCTION_TAGS if ner else _NOT_NAME_TAGS):
        return None
    # a run of shouted words: the neighbouring words are capitals too ("MAMA SAID NO")
    prev = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, start - 30) : start])
    nxt = re.match(r"[ \t]+([A-Za-z]+)", text[end : end + 30])
    shouted = [x.group(1) for x in (prev, nxt) if x and len(x.group(1)) >= 3 and x.group(1).isupper()]
    if len(shouted) == 2 or tag in _NOT_NAME_TAGS | {"NN", "NNS"} and _shouted_prose(text, start, end):
        return None  # "PUT BRAKES ON INFORMATION FLOW": common nouns of a shouted headline; not its "NATO"
    if len(w) >= 3:
        low = w.lower()
        the = re.search(r"\b(?:the|The)\s+$", text[max(0, start - 5) : start]) is not None
        bracketed = f"({w})" in text
        if not the and not bracketed and re.search(rf"(?<![\w’'.\-]){low}(?![\w’'\-])", text) is not None:
            return None  # "day" and "DAY", "against" and "AGAINST": the word, in capitals
    return "ORG"


#: "(1.7 million fans)", "(350K likes)": the audience of a page or a channel
_AUDIENCE = re.compile(r"\s*\(\s*[\d.,]+\s*(?:[KkMm]\b|thousand|million|billion)?\s*(?:fans|likes|subscribers|members)\s*\)")


def retype(text: str, s: Span, spans: Sequence[Span]) -> str:
    """The label a mention's own context gives it, else its label: a page with its audience in
    brackets is an organisation ("Cop Block (1.7 million fans)"); a name of two or three words
    that NER did not read as a person, whose first word the article writes alone as a person
    and whose last word it writes alone too ("Bharath Ganesh" beside "Bharath" and "Ganesh"),
    is that person ("Border Patrol" beside a stray "Border" is not)."""
    if _AUDIENCE.match(text, s.end):
        return "ORG"
    words = text[s.start : s.end].split()
    if s.label in ("ORG", "PRODUCT", "WORK_OF_ART") and 2 <= len(words) <= 3 \
            and all(w[:1].isupper() and w.isalpha() for w in words) \
            and not {w.lower() for w in words} & (name_words()["org_heads"] | name_words()["place_heads"]) \
            and lookup(" ".join(words)) is None and lookup(words[0]) is None \
            and words[0].lower() not in name_words()["platforms"] \
            and place_kind(" ".join(words)) is None \
            and any(o.label == "PERSON" and text[o.start : o.end] == words[0]  # alone, not a fragment ("Nova")
                    and not text.startswith(" " + words[1], o.end) for o in spans) \
            and any(text[o.start : o.end] == words[-1] for o in spans):  # the surname too ("Ganesh")
        return "PERSON"
    return s.label


@lru_cache(maxsize=1)
def _platform_pattern() -> re.Pattern[str] | None:
    """One pattern for the platforms of the word lists, longest first (built once, not per article)."""
    words = [w for w in name_words()["platforms"] if "." not in w]
    if not words:
        return None
    return re.compile(r"(?<![\w@#/.\-])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?![\w\-]|\.com)", re.I)


def platform_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """The social platforms of the word lists ("Facebook", "YouTube") written with a capital
    where no mention covers them: NER finds a platform in one sentence and misses it in ten."""
    pattern = _platform_pattern()
    if pattern is None:
        return []
    found: list[Span] = []
    for m in pattern.finditer(text):
        if not m.group()[:1].isupper() or m.group().isupper() and len(m.group()) > 3:
            continue  # "google it", a shouted headline
        if any(o.start < m.end() and m.start() < o.end for o in spans):
            continue
        found.append(Span(m.start(), m.end(), "ORG", {"source": "ner"}))
    return found


#: the text last asked about and its lines' answers by line start: every mention of a line asks
#: again, and reading a 200,000-character paragraph once per mention was quadratic
_SHOUTED: tuple[str | None, dict[int, bool]] = (None, {})


def shouted_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is written in capitals (five words or more, nine letters
    in ten upper case): a shouted headline or cross-link ("BREAKING NEWS: X TELLS Y TO …"),
    whose words are not names and whose cut-outs are not entities."""
    global _SHOUTED
    memo = _SHOUTED
    if memo[0] is not text:
        memo = _SHOUTED = (text, {})
    a = text.rfind("\n", 0, pos) + 1
    known = memo[1].get(a)
    if known is not None:
        return known
    b = text.find("\n", pos)
    line = text[a : b if b >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    shouted = (len(line.split()) >= 5 and len(letters) >= 20
               and sum(c.isupper() for c in letters) >= 0.9 * len(letters))
    memo[1][a] = shouted
    return shouted


#: words a caption credits a photo with when no photographer is named ("(Submitted)", "Photo: Supplied")
_CREDIT_WORDS = frozenset(["submitted", "supplied", "handout", "contributed", "courtesy", "file"])
#: a credit's opening: a bracket, a "Photo:" label or a separator
_CREDIT_BEFORE = re.compile(r"(?:\(|(?:photo|photograph|image|picture|credit|source)s?\s*[:/|]|[/|])\s*$", re.I)
#: a credit's close: the bracket, "by" and who sent it, a separator or "photo"
_CREDIT_AFTER = re.compile(r"\s*\)|\s+(?:by|of)\s|\s*[/|]|\s+(?:photo|image|picture)\b", re.I)


def is_credit(text: str, s: Span) -> bool:
    """A photo caption's credit word ("(Submitted by Wendy Golden)", "Photo: Supplied", "(Handout)"):
    who sent the picture, never a person, body or place."""
    w = text[s.start : s.end].strip()
    if w.lower() not in _CREDIT_WORDS or not w[:1].isupper():
        return False
    return _CREDIT_BEFORE.search(text[max(0, s.start - 14) : s.start]) is not None \
        or _CREDIT_AFTER.match(text, s.end) is not None and text[max(0, s.start - 2) : s.start].strip() in ("", ".")


#: a person's office named by its department: "Secretary of", "Minister of the", right before the department word
_OFFICE_OF = re.compile(r"\b(?:[Ss]ecretary|[Uu]nder[ \t-]?[Ss]ecretary|[Mm]inister)[ \t]+of[ \t]+(?:the[ \t]+)?$")


def is_office_word(text: str, s: Span) -> bool:
    """The department word of a person's office ("State" of "Secretary of State", "Defense" of
    "the U.S. Secretary of Defense", "Justice" of "Minister of Justice"): one capitalised word
    that names no place, outlet or acronym, part of a title, not a body of its own."""
    w = text[s.start : s.end].strip()
    if not w.isalpha() or not w[:1].isupper() or w.isupper() or place_kind(w) is not None or lookup(w) is not None:
        return False
    return _OFFICE_OF.search(text[max(0, s.start - 30) : s.start]) is not None


#: a numbered part of a document ("Table A-7", "Figure 2", "Chapter VIII", "Appendix B"): no body, person or place
_DOC_PART = re.compile(r"(?:Tables?|Figures?|Fig\.|Charts?|Graphs?|Appendix|Annex|Exhibit|Chapters?|Sections?|Pages?|"
                       r"Paragraphs?)\s+(?:[A-Z]{0,2}-?\d+[a-z]?(?:\.\d+)*|[IVXLC]+|[A-Z])(?:\s+of)?")


def is_document_part(surface: str) -> bool:
    """"Table A-7", "Chapter 8 of", "Figure 2": a numbered part of a document, never a body, person or place."""
    return _DOC_PART.fullmatch(surface.strip()) is not None


def is_quantity(surface: str) -> bool:
    """Numbers and lower-case words only ("60 and 80 degrees", "32135", "2.5 million"): a quantity,
    never a name, which has a capital ("AR-15", "F-16", "Route 91" stay)."""
    return any(c.isdigit() for c in surface) and not any(c.isupper() for c in surface) \
        and all(re.fullmatch(r"[\d.,%\-]+", w) or w.islower() for w in surface.split())


#: kinds of entity whose name a cased script writes with a capital: a person always, a one-word
#: body or thing too (a house style may write "the state department"; places and groups are written
#: in lower case often enough, "middle east", "democrats", to keep)
_NAMED_KINDS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


#: a web address or a shortened link inside a span ("pic.twitter.com/ISMg", "https://t.co/43oX")
_WEB = re.compile(r"(?:\bpic\.twitter\.com|\bhttps?://|\bwww\.|\bt\.co/)")


def _all_lower(surface: str) -> bool:
    """Lower-case letters and no capital: in a script without case (Arabic, Chinese) both are false."""
    return any(c.islower() for c in surface) and not any(c.isupper() for c in surface)


def clean_spans(text: str, spans: Sequence[Span], tags: Sequence[Span] = ()) -> list[Span]:
    """NER spans without junk and imperatives, coordinations split, ordinary words in capitals
    dropped (an ORG that :func:`acronym_kind` does not read as one)."""
    out: list[Span] = []
    for s in spans:
        for p in split_coordination(text, s):
            surface = text[p.start : p.end]
            if p.attrs.get("source") != "dateline":
                if is_junk(surface) or is_imperative(text, p, tags) or shouted_line(text, p.start) \
                        or is_credit(text, p) or is_time_zone(text, p.start, p.end) or is_office_word(text, p):
                    continue
                if text[max(0, p.start - 1) : p.start] in ("#", "@") or surface[:1] in ("#", "@"):
                    continue  # a hashtag ("#FreeTommy Robinson rally") is a slogan, a handle ("@ggreenwald") no name
                if p.label in _NAMED_KINDS and _all_lower(surface) and (p.label == "PERSON" or " " not in surface.strip()):
                    continue  # "marijuana" PERSON, "rendition" ORG: a name has a capital ("the state department" may not)
                if is_quantity(surface):
                    continue  # "between 60 and 80 degrees" read as a product: a measure, no name
                if p.label not in ("LAW", "WORK_OF_ART") and is_document_part(surface):
                    continue  # "Table A-7", "Chapter 8" read as a body: a part of a document, no name
                web = _WEB.search(surface)
                if web is not None:  # "AT&T Stadium pic.twitter.com/lu5V": a name runs into a link; the link is none
                    cut = len(surface[: web.start()].rstrip())
                    if len(surface[:cut].split()) < 2:
                        continue  # "Robinson's Release https://t.co/…": a headline's last word before its link
                    p, surface = Span(p.start, p.start + cut, p.label, dict(p.attrs)), surface[:cut]
                dangling = re.search(r"\s+(?:&|and)$", surface)
                if dangling is not None and dangling.start() > 0:  # "MN &", "Facebook and": NER ran into a list
                    cut = dangling.start()
                    p, surface = Span(p.start, p.start + cut, p.label, dict(p.attrs)), surface[:cut]
                trimmed = trim_imperative(text, p, tags)
                if trimmed is None:
                    continue
                if trimmed is not p:
                    p, surface = trimmed, text[trimmed.start : trimmed.end]
                core = surface.replace(".", "")
                if p.label == "ORG" and 2 <= len(core) <= 8 and core.isalpha() and core.isupper():
                    kind = acronym_kind(text, p.start, p.end, tags, ner=True)
                    if kind is None:
                        continue
                    if kind != p.label:
                        p = Span(p.start, p.end, kind, dict(p.attrs))
            out.append(p)
    for k, p in enumerate(out):
        label = retype(text, p, out) if p.attrs.get("source") != "dateline" else p.label
        if label != p.label:
            out[k] = Span(p.start, p.end, label, dict(p.attrs))
    out.extend(platform_spans(text, out))
    out.sort(key=lambda x: (x.start, x.end))
    return out


_CAP = r"[A-Z][\w’'&\-]*"
#: a capitalised list ("Children, Youth and") just before a body's last part ("Families Department")
_LIST_BEFORE = re.compile(rf"(?:{_CAP}\s+)*{_CAP}(?:,\s+(?:{_CAP}\s+)*{_CAP})*,?\s+(?:and|&)\s+$")


def join_coordinated_bodies(text: str, spans: Sequence[Span]) -> list[Span]:
    """A body whose name holds a list ("the New Mexico Children, Youth and Families
    Department"), which NER splits at the commas, is one organisation when the last part ends in
    an organisation's head noun: the parts inside are dropped and one ORG span covers the name."""
    heads = name_words()["org_heads"]
    out = list(spans)
    for s in spans:
        words = text[s.start : s.end].split()
        if s.label not in ("ORG", "FAC") or not words or words[-1].lower() not in heads:
            continue
        line_start = max(text.rfind("\n", 0, s.start) + 1, s.start - 120)
        m = _LIST_BEFORE.search(text, line_start, s.start)
        if m is None or "," not in m.group(0):
            continue
        a = m.start()
        inside = [p for p in out if a <= p.start and p.end <= s.end]
        first = min((p.start for p in inside), default=a)
        a = min(a, first)
        if text[a : a + 4].lower() == "the ":
            a += 4
        out = [p for p in out if not (a <= p.start and p.end <= s.end) and not (p.start < a < p.end <= s.end)]
        out.append(Span(a, s.end, "ORG", dict(s.attrs)))
    return sorted(out, key=lambda p: (p.start, p.end))


#: words that open a two-word office before its title word ("District Attorney", "State's
#: Attorney", "Circuit Judge"): the office's, not the place's, when a title word follows
_OFFICE_OPENERS = frozenset(["district", "state's", "circuit", "county's", "city's", "assistant",
                             "deputy", "chief", "acting", "probate", "magistrate", "solicitor"])
_TITLE_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)(?:[’']s)?\b(?!-)")


def _office_start(text: str, s: Span, titles: frozenset[str]) -> int | None:
    """Where a title that NER ran into the place or body ``s`` begins: its last word when that is a
    title word before a person's name, or the word that opens an office ("District" of "Dallas
    County District Attorney Ellen Price", NER's "Dallas County District") when a title word
    follows the mention."""
    m = re.search(r"\s+([A-Z][a-z]+(?:[’']s)?)\.?$", text[s.start : s.end])
    if m is None:
        return None
    word = m.group(1).lower().replace("’", "'")
    after = _TITLE_AFTER.match(text, s.end)
    if word in _OFFICE_OPENERS and after and after.group(1).lower() in TITLE_WORDS | titles:
        return s.start + m.start()
    return None


def trim_office_before_name(text: str, spans: Sequence[Span]) -> list[Span]:
    """A place or body read together with a title just before a person's name ("Taos County
    Sheriff Jerry Hogrefe" as a facility) is the place of the office: the title word is cut off
    ("Taos County", a place), or the mention is dropped when only the title is left. So is the
    first word of a two-word office that NER gave the place ("Dallas County District" of "Dallas
    County District Attorney Ellen Price"), whatever follows the title."""
    starts = {p.start for p in spans if p.label == "PERSON"}
    titles = name_words()["person_titles"] | {"sheriff", "mayor", "governor", "chief", "judge", "commissioner",
                                              "prosecutor", "coroner", "superintendent"}
    out: list[Span] = []
    for s in spans:
        m = re.search(r"\s+([A-Z][a-z]+)\.?$", text[s.start : s.end])
        nxt = re.match(r"\s+", text[s.end :])
        cut = _office_start(text, s, titles) if s.label in ("FAC", "ORG", "GPE", "LOC") else None
        if cut is None and s.label in ("FAC", "ORG", "GPE", "LOC") and m and m.group(1).lower() in titles and nxt \
                and s.end + nxt.end() in starts:
            cut = s.start + m.start()
        if cut is not None:
            end = cut
            if end > s.start:
                out.append(Span(s.start, end, "GPE" if s.label in ("FAC", "GPE") else s.label, dict(s.attrs)))
            continue
        out.append(s)
    return out


def drop_family_plurals(text: str, spans: Sequence[Span]) -> list[Span]:
    """A one-word plural that is the surname of a person the article names ("the Badgers" beside
    "Tanya Badger") is the family, not an organisation: dropped (a family is not one person)."""
    surnames = {text[p.start : p.end].split()[-1] for p in spans
                if p.label == "PERSON" and " " in text[p.start : p.end]}
    out: list[Span] = []
    for s in spans:
        w = text[s.start : s.end]
        if s.label != "PERSON" and " " not in w and w[:1].isupper():
            base = w[:-2] if w.endswith("es") and w[:-2] in surnames else w[:-1] if w.endswith("s") else None
            if base and base in surnames:
                continue
        out.append(s)
    return out
