"""Page furniture inside an article: general rules for whole lines, wherever they stand.

Scraped pages leave the page's furniture in the text between paragraphs of the article:
photo credits and captions, embed ids, share and follow buttons, newsletter promos, the
site's donation and subscription pleas, ad slots, "Read more" links, agency and syndication
notes, a reporter's bio at the end.  Left in, they become people ("Luis Tato AFP Getty
Images"), fall inside quotes and get technique spans.  Each class has a named rule below;
:func:`furniture_reason` says which rule, if any, takes a whole line, and
:func:`closing_reason` adds the rules that hold only in the closing lines of an article (a
reporter's bio).

A rule takes only a whole line (a paragraph of scraped text) that is unmistakably
furniture: short, shaped like a credit, caption or promo, and not a sentence of prose
that merely mentions a photo, a newsletter or sharing.  Losing body text is the worst error
a cleaner makes, so each rule is narrow and a doubtful line stays.  The phrases each rule
knows are data (``furniture.json``), not code; the rules are general shapes around them.

Embedded posts ("… pic.twitter.com/x — Name (@handle) May 1, 2018") are not furniture:
their text is a quotation, and attribution reads that layout.  Only a line made of nothing
but links or embed ids goes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["RULES", "caption_text_span", "closing_reason", "furniture_reason", "phrases", "poll_widget", "relay_note",
           "is_wire", "price_widget", "wire_byline"]

#: the furniture classes, in the order :func:`furniture_reason` tries them
RULES = ("copyright", "credit", "caption", "embed_id", "form", "share", "contact", "newsletter", "appeal", "ad",
         "read_more", "source_note", "bio")

_MAX_LINE_CHARS = 600
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_QUOTE_MARKS = re.compile("[\"“”«»„]|(?:^|\\s)['‘]|['’](?:\\s|$|[.,;:!?])")
_BULLET = re.compile(r"^[\s|•·*►▶>»–—-]+")
#: bullets before a credit or caption; not a dash: "–Bloomberg" under a quoted excerpt names its source
_CREDIT_BULLET = re.compile(r"^[\s|•·*►▶]+")
_TRAILING_PUNCT = re.compile(r"[\s.:;!|•·,*-]+$")
_WORD = re.compile(r"\S+")
_URL_TOKEN = re.compile(r"^(?:https?://\S+|www\.\S+|pic\.twitter\.com/\S+|t\.co/\S+|youtu\.be/\S+|bit\.ly/\S+)$", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"^@\w{1,30}$")
#: a name word in a credit: "Tijana", "REUTERS", "O'Malley", "Jean-Pierre", "M."
_CAP = r"(?:[A-Z][\w.'’&-]*|[A-Z]\.)"
_SMALL = r"(?:of|the|de|da|del|der|van|von|la|le|for|and|&)"
#: a name phrase of a credit: up to six words, capitalised but for particles
_NAME_PHRASE = rf"{_CAP}(?:\s+(?:{_CAP}|{_SMALL}))*"
_CONTACT_LABEL = re.compile(r"^(?:e-?mail|twitter|facebook|instagram|telegram|linkedin|phone|tel|mobile|web|website|"
                            r"follow(?:\s+\w+)?(?:\s+on\s+\w+)?|x)\s*:\s*\S", re.I)
_CONTACT_PROMPT = re.compile(r"^(?:if you have|have a (?:story|tip)|got a (?:news )?tip|do you have|contact|e-?mail|"
                             r"send|tips?\b|know something)", re.I)
_CONTRIBUTED = re.compile(r"\bcontributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)\s*\.?$", re.I)
#: a video caption ending with its running time: "... in the opioid crisis. 10:43"
_DURATION_TAIL = re.compile(r"[.!?]\s+\d{1,2}:\d{2}(?::\d{2})?\s*\.?$")
_BIO = re.compile(rf"^{_NAME_PHRASE}\s+is\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,6}}?(?P<role>[\w-]+(?:\s+[\w-]+)?)\b")


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """The phrase lists of ``furniture.json``, by class."""
    data = json.loads(resources.files("propscope.readers").joinpath("furniture.json").read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _key(line: str) -> str:
    """A line as compared with the whole-line phrases: no bullet, no trailing punctuation."""
    return _fold(_TRAILING_PUNCT.sub("", _BULLET.sub("", line)))


@lru_cache(maxsize=1)
def _sets() -> dict[str, Any]:
    p = phrases()
    agencies = sorted({a.strip() for a in p["agencies"]}, key=len, reverse=True)
    return {
        "agencies": frozenset(_fold(a) for a in agencies),
        "wires": frozenset(_fold(a) for a in p["wires"]),
        "agency_re": re.compile(r"(?:" + "|".join(re.escape(a) for a in agencies) + r")(?![\w-])", re.I),
        "credit_words": frozenset(p["credit_words"]),
        "caption_prefixes": tuple(_fold(x) for x in p["caption_prefixes"]),
        "ad": frozenset(_fold(x) for x in p["ad_lines"]),
        "form": frozenset(_fold(x) for x in p["form_lines"]),
        "share": frozenset(_fold(x) for x in p["share_lines"]),
        "share_prefixes": tuple(_fold(x) for x in p["share_prefixes"]),
        "newsletter_prefixes": tuple(_fold(x) for x in p["newsletter_prefixes"]),
        "newsletter_markers": re.compile(r"\b(?:" + "|".join(re.escape(_fold(x)) for x in p["newsletter_markers"])
                                         + r")\b"),
        "read_more": tuple(sorted((_fold(x) for x in p["read_more_prefixes"]), key=len, reverse=True)),
        "source_notes": tuple(_fold(x) for x in p["source_note_patterns"]),
        "bio_roles": frozenset(_fold(x) for x in p["bio_roles"]),
        "appeal": tuple(sorted((_fold(x) for x in p["appeal_prefixes"]), key=len, reverse=True)),
        "appeal_markers": re.compile(r"\b(?:" + "|".join(re.escape(_fold(x)) for x in p["appeal_markers"]) + r")"),
    }


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def is_wire(name: str) -> bool:
    """Whether ``name`` is a news agency that signs datelines ("SANA", "IRNA", "Prensa Latina"; the
    furniture data's ``wires``): in "DAMASCUS, SANA –" it is the agency, not a region."""
    return _fold(name.strip(" .,")) in _sets()["wires"]


def _is_agency(item: str) -> bool:
    return _fold(item.strip(" .,()[]")) in _sets()["agencies"]


def _credit_items(text: str) -> list[str] | None:
    """The items of a bare credit ("Luis Tato/AFP/Getty Images", "Tom Dodge/The Columbus
    Dispatch via AP", "Niall Carson / PA Images via Getty Images"), or None if it is not one."""
    items = [i.strip() for i in re.split(r"\s*/\s*|\s+via\s+|\s*\|\s*", text.strip(" .()[]"))]
    if not items or any(not i for i in items):
        return None
    if not all(re.fullmatch(_NAME_PHRASE, i) and _words(i) <= 6 for i in items):
        return None
    return items


def _has_credit_item(items: list[str]) -> bool:
    words = _sets()["credit_words"]
    return any(_is_agency(i) or any(w.casefold().strip(".") in words for w in i.split()) for i in items)


def is_credit(line: str) -> bool:
    """A photo credit on a line of its own: "REUTERS/Chris Wattie", "Luis Tato AFP Getty Images",
    "(Steve Lawrence/CBC)", "[Photo/VCG]", "© Sputnik / Pavel Lisitsyn", "Getty Images"."""
    # photo credits: a bare agency, "© holder", and "name / agency" lists of capitalised names
    s = _CREDIT_BULLET.sub("", line).strip()
    if not s or _words(s) > 12:
        return False
    if s.startswith(("©", "℗")) and not re.match(r"^[©℗]\s*\d{4}", s):
        return _words(s) <= 6  # "© Sputnik / Pavel Lisitsyn"; with more, a caption follows the holder
    inner = s
    bracketed = re.fullmatch(r"[(\[]\s*(.+?)\s*[)\]]\.?", s)
    if bracketed:
        inner = bracketed.group(1)
        if re.match(r"(?i)(?:photo|image|picture|credit|courtesy|file)s?\b", inner):
            return True
    if _is_agency(inner):
        return True
    items = _credit_items(inner)
    if items is None:
        # "Luis Tato AFP Getty Images": a name run that ends with agencies
        m = _sets()["agency_re"].search(inner)
        if not m or _SENTENCE_END.search(inner) or not re.fullmatch(rf"{_NAME_PHRASE}", inner):
            return False
        tail = inner[m.start():]
        return _words(inner) <= 8 and bool(re.fullmatch(rf"(?:{_sets()['agency_re'].pattern}\s*)+", tail, re.I))
    return (len(items) >= 2 or bracketed is not None) and _has_credit_item(items)


def _credit_prefix(s: str) -> bool:
    """Whether ``s`` opens with a credit glued to its caption: "Tijana Martin / The Canadian
    Press Anne Marie Cerato at home.", "REUTERS/Moe Doiron Ice and snow cover branches"."""
    m = re.match(rf"^({_NAME_PHRASE})\s*/\s*({_NAME_PHRASE})", s)
    if not m:
        return False
    first, second = m.group(1), m.group(2)
    agency_re = _sets()["agency_re"]
    # "name / agency ..." or "AGENCY/name ...": one side an agency, the other a name of two words
    if _words(first) >= 2 and agency_re.match(second) and not _is_agency(first):
        return True
    return _is_agency(first) and _words(second) >= 2 and first.isupper()


def _trailing_credit(s: str) -> bool:
    """Whether ``s`` ends with a photo credit: "... (Steve Lawrence/CBC).", "... Scott
    Grant/The Canadian Press", "... after the blast. RONALD/AFP/Getty Images", "... province. Reuters"."""
    m = re.search(r"\(\s*([^()]{2,80}?)\s*\)?\s*\.?\s*$", s)
    if m and "/" in m.group(1):
        items = _credit_items(m.group(1))
        if items and len(items) >= 2:
            return True
    m = re.search(r"[.!?][\"'”’]?\s+([^.!?]{2,80}?)\s*\.?$", s)
    if m:
        tail = m.group(1).strip()
        if _is_agency(tail):
            return True
        items = _credit_items(tail)
        if items and len(items) >= 2 and _has_credit_item(items):
            return True
    return False


def is_caption(line: str) -> bool:
    """A photo or video caption: "© AFP Karadima was punished by the Vatican", "Open this
    photo in gallery …", "Photo: …", a caption that opens or ends with its credit."""
    # captions: shaped by a credit or a caption label, never a paragraph of prose
    s = _CREDIT_BULLET.sub("", line).strip()
    if not s or _words(s) > 70 or len(s) > _MAX_LINE_CHARS:
        return False
    folded = _fold(s)
    if s.startswith(("©", "℗")) and not re.match(r"^[©℗]\s*\d{4}", s):
        return True
    if folded.startswith(_sets()["caption_prefixes"]):
        return True
    if _credit_prefix(s):
        return True
    if _DURATION_TAIL.search(s) and _words(s) <= 50:
        return True
    return _trailing_credit(s)


_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|according\s+to|wrote|writes|added|asked|explained)\b", re.I)
_LEADING_CREDIT = re.compile(rf"^\s*(?:{_NAME_PHRASE})\s*/\s*(?:{_NAME_PHRASE})(?:\s*/\s*(?:{_NAME_PHRASE}))*")
_PAREN_CREDIT_TAIL = re.compile(r"\s*\(\s*[^()]{2,80}?/[^()]{1,80}?\s*\)?\s*\.?\s*$")
_BARE_CREDIT_TAIL = re.compile(r"(?<=[.!?\"'”’])\s+[^.!?]{2,80}?\s*\.?\s*$")


def caption_text_span(line: str) -> tuple[int, int] | None:
    """For a caption that reports speech (quote marks, "said"), the part to keep: the caption
    without its label and credit, as ``(start, end)`` in ``line``; None when the whole line goes.

    A caption is not the article's prose, but one that quotes a person is read by annotators
    and readers as a statement; its label ("Open this photo in gallery") and credit
    ("(Muriel Draaisma/CBC)") still go, so no photographer becomes a speaker.
    """
    s = line.strip()
    if not is_caption(s) or s.startswith(("©", "℗")) or not (_SPEECH.search(s) or _QUOTE_MARKS.search(s)):
        return None
    start = len(line) - len(line.lstrip())
    end = start + len(s)
    folded = _fold(s)
    for prefix in _sets()["caption_prefixes"]:
        if folded.startswith(prefix) and " ".join(s[: len(prefix)].split()).casefold() == prefix:
            start += len(prefix)
            break
    else:
        m = _LEADING_CREDIT.match(line, start)
        if m and _credit_prefix(line[start:]):
            # the credit's last item runs into the caption: cut at the agency's end
            agency = _sets()["agency_re"].search(line, start, m.end())
            if agency is None:
                return None
            start = agency.end()
    body = line[start:end]
    m = _PAREN_CREDIT_TAIL.search(body)
    if m and (items := _credit_items(m.group(0).strip(" .()"))) and len(items) >= 2:
        end = start + m.start()
    else:
        m = _BARE_CREDIT_TAIL.search(body)
        if m and (_is_agency(m.group(0).strip(" .")) or ((items := _credit_items(m.group(0).strip(" ."))) and
                                                          len(items) >= 2 and _has_credit_item(items))):
            end = start + m.start()
    while start < end and not line[start].isalnum() and line[start] not in "\"“‘'(«":
        start += 1
    if end - start < 2:
        return None
    return start, end


def is_embed_id(line: str) -> bool:
    """A line of nothing but links or embed ids ("pic.twitter.com/x1Y2", "https://youtu.be/…")."""
    # embed ids and bare links: no words of the article
    tokens = line.split()
    return bool(tokens) and len(tokens) <= 6 and all(_URL_TOKEN.match(t) for t in tokens)


def is_share(line: str) -> bool:
    """Share and follow buttons: "Share this story", "Share on Facebook", "Follow us on Telegram"."""
    # share/follow widgets: whole-line button labels, or a short line led by one
    key = _key(line)
    if not key:
        return False
    if key in _sets()["share"]:
        return True
    return key.startswith(_sets()["share_prefixes"]) and _words(key) <= 12 and not _SENTENCE_END.search(line.strip())


def is_contact(line: str) -> bool:
    """A reporter's contact line: "• Email: x@post.com | Twitter: xy", "x@post.com", "If you
    have a story … contact x@cbc.ca"."""
    # contact lines of the reporter or the desk: labels and addresses, no prose
    s = _BULLET.sub("", line).strip()
    if not s or _words(s) > 40:
        return False
    parts = [p.strip() for p in re.split(r"\s*[|•·]\s*", s) if p.strip()]
    if parts and all(_CONTACT_LABEL.match(p) or _EMAIL.fullmatch(p.rstrip(".")) or _HANDLE.match(p) for p in parts):
        return True
    return bool(_EMAIL.search(s)) and bool(_CONTACT_PROMPT.match(s)) and _words(s) <= 30


def is_newsletter(line: str) -> bool:
    """A newsletter or subscription promo: "Sign up for our free newsletter", "Subscribe Today!",
    "By signing up you agree to …"; "Subscribe to the newsletters you enjoy." (advice) stays."""
    # subscription promos: led by a sign-up phrase and naming the outlet's own offer
    return _led_and_marked(line, "newsletter_prefixes", "newsletter_markers", 40)


def is_appeal(line: str) -> bool:
    """The site's plea for money or support: "Please help support us with cryptocurrency donations.",
    "Support our journalism Please consider subscribing today …", "Become a patron on Patreon";
    "Please support the families of the victims." (no donation, site or subscription word) stays."""
    # donation and support pleas: led by a plea phrase and naming money, the site or a subscription
    return _led_and_marked(line, "appeal", "appeal_markers", 35)


def _led_and_marked(line: str, prefixes: str, markers: str, max_words: int) -> bool:
    """A short line opening with one of the phrases ``prefixes`` (a set of furniture.json) and
    then ending, or naming one of ``markers`` (a pattern of it) after the phrase."""
    s = _BULLET.sub("", line).strip()
    if not s or _words(s) > max_words:
        return False
    folded = _fold(s)
    for prefix in _sets()[prefixes]:
        if folded.startswith(prefix) and (len(folded) == len(prefix) or not folded[len(prefix)].isalnum()):
            rest = folded[len(prefix):]
            return bool(_sets()[markers].search(rest)) or _words(rest.strip(" .:!?|»›>–—-")) == 0
    return False


def is_ad(line: str) -> bool:
    """An ad slot: "Advertisement", "Story continues below advertisement", "Article Continued Below"."""
    # ad slots left by the page: whole-line labels only
    return _key(line) in _sets()["ad"]


def is_form(line: str) -> bool:
    """Fields and notes of a form or poll widget: "Email *", "This field is for validation purposes…",
    and the fine print after the label of the field it sits under ("Phone This field is for …")."""
    # form and poll widgets: their field labels and fine print
    key = _key(line)
    whole = _fold(line.strip())
    forms = _sets()["form"]
    if bool(key) and any(key == f or whole == f or (len(f) > 20 and key.startswith(f)) for f in forms):
        return True
    # a field's label of one or two capitalised words glued before the fine print, which opens
    # with a capital as a line of its own would: "Phone This field …", "Zip Code * This field …"
    words = _BULLET.sub("", line).split()
    for n in (1, 2):
        label, rest = words[:n], " ".join(words[n:]).lstrip(" *:")
        if (len(words) > n and all(w.rstrip("*:").isalpha() and w[0].isupper() for w in label)
                and rest[:1].isupper() and any(len(f) > 20 and _key(rest).startswith(f) for f in forms)):
            return True
    return False


def is_read_more(line: str) -> bool:
    """A link to other stories: "READ MORE: …", "Also on HuffPost:", "More from CBC Manitoba:",
    "WATCH: …", "Read the Whole Article"; "Related: a whole sentence of prose." stays."""
    # links to other stories and videos: a link label, then at most a headline
    s = _BULLET.sub("", line).strip()
    if not s or _words(s) > 40:
        return False
    folded = _fold(s)
    for prefix in _sets()["read_more"]:
        if not folded.startswith(prefix):
            continue
        rest = folded[len(prefix):]
        if not rest.strip(" .:!|»›>–—-"):
            return True  # the label alone: "Read More", "[More]", "Watch:"
        if re.match(r"^\s*[:：|»›>–—-]", rest) and _words(rest) <= 30:
            # a headline after the label; a sentence of prose ends with its full stop
            return not _SENTENCE_END.search(s)
        if re.match(r"^\s+(?:on|from|about|here)\b", rest) and s.endswith(":") and _words(s) <= 12:
            return True  # "Also on HuffPost:", "More from CBC Manitoba:", "Read more here about Ebola:"
    return False


def is_source_note(line: str) -> bool:
    """A note on where the story came from: "With files from …", "Article posted with permission
    from …", "X contributed to this report.", "Annabelle Liang, The Associated Press", "Via
    Zerohedge…", "H/T Gateway Pundit"."""
    # agency and syndication notes: who wrote or supplied the story, not what it says
    s = _BULLET.sub("", line).strip()
    if not s or _words(s) > 30:
        return False
    folded = _fold(s)
    if folded.startswith(_sets()["source_notes"]):
        return True
    if _CONTRIBUTED.search(s) and _words(s) <= 25:
        return True
    if relay_note(s) is not None:
        return True
    m = re.fullmatch(rf"({_NAME_PHRASE}(?:\s*(?:,|\band\b)\s*{_NAME_PHRASE})*),\s*(.+?)\.?", s)
    return bool(m) and _is_agency(m.group(2)) and _words(m.group(1)) <= 12


#: a writer's name in a byline: two to four capitalised words ("Amy Forliti", "Jean-Pierre de la Rosa")
_BYLINE_NAME = re.compile(r"[A-Z][\w.'’-]+(?:\s+(?:(?:de|da|del|van|von|la|le)\s+)?[A-Z][\w.'’-]+){1,3}")
#: "Amy Forliti and Todd Richmond, The Associated Press", "By Ana Rell | Reuters": the writers, then
#: after a comma, bar or dash, whom they write for
_WIRE_BYLINE = re.compile(rf"^(?:(?i:by)\s+)?(?P<names>.+?)\s*(?:,|\||—|–)\s*"
                          rf"(?P<credit>(?:[Tt]he\s+)?{_NAME_PHRASE})\.?$")
#: the last word of a credit that names a news medium, where the credit is no agency of the furniture
#: data ("Star Tribune", "Norvik News Agency"; not "White House Press Secretary")
_NEWS_WORD = re.compile(r"\b(?:news|press|times|post|journal|herald|tribune|gazette|telegraph|chronicle|observer|"
                        r"wire|agency)$", re.I)
#: credits of pictures, not of writing ("Getty Images", "Pool", "Twitter")
_PICTURE_CREDIT = re.compile(r"\b(?:images?|photos?|pictures?|getty|shutterstock|alamy|istock\w*|pool|handout|file|"
                             r"staff|contributor|wikimedia|commons|flickr|twitter|facebook|instagram|youtube)\b", re.I)


def wire_byline(line: str) -> tuple[tuple[str, ...], str] | None:
    """The writers and the medium of a byline that credits one: ``(("Amy Forliti", "Todd
    Richmond"), "The Associated Press")`` for "Amy Forliti and Todd Richmond, The Associated
    Press", ``(("Ana Rell",), "Reuters")`` for "By Ana Rell | Reuters"; None for any other line.
    The medium is an agency of the furniture data or a name with a word of the news media
    ("Star Tribune"), never a picture credit ("Jane Roe, Getty Images" is a photo's) or a title
    ("Gina Haspel, New CIA Director")."""
    s = _BULLET.sub("", line).strip()
    if not s or _words(s) > 16:
        return None
    m = _WIRE_BYLINE.match(s)
    if m is None:
        return None
    credit = m.group("credit").strip().rstrip(".")
    if _PICTURE_CREDIT.search(credit) or not (_is_agency(credit) or _NEWS_WORD.search(credit)):
        return None
    names = tuple(n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if n.strip())
    if not names or not all(_BYLINE_NAME.fullmatch(n) and not re.match(r"(?i:the|a|an)\s", n)
                            and not _NEWS_WORD.search(n) and not _is_agency(n) for n in names):
        return None
    return names, credit


#: a shop widget's offer: "Best Price: $5.64 Buy New $5.00 (as of 10:35 EDT - Details)"
_PRICE_OFFER = re.compile(r"(?:Best\s+Price:\s*\$[\d.,]+\s+)?Buy\s+New\s+\$[\d.,]+\s*"
                          r"\(as\s+of\s+\d{1,2}:\d{2}\s+[A-Z]{2,5}\s*-\s*Details\)")
#: where a sentence ends inside a line (an ellipsis, "Good In...", an initial or "Dr." ends none): a widget
#: starts after the last one
_SENTENCE_BREAK = re.compile(r"(?<!\.)(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bMrs)"
                             r"[.!?][\"”’)\]]*\s+")


#: a widget's cut title and its author take this many words at most
_MAX_WIDGET_TITLE_WORDS = 14


def price_widget(line: str) -> tuple[int, int] | None:
    """Where a shop widget sits in ``line`` (a book's cut title, its author, "Best Price: $5.64
    Buy New $5.00 (as of 10:35 EDT - Details)"), glued to the body's sentence before or after it
    as scraped pages leave it; None when there is none.  The widget starts after the last sentence
    end before its offer; the "..." that cut its title and author ends no sentence.  Where more
    words than a title and an author lie between (the body ran into it), the offer alone."""
    m = _PRICE_OFFER.search(line)
    if m is None:
        return None
    start = max((b.end() for b in _SENTENCE_BREAK.finditer(line, 0, m.start())), default=0)
    if _words(line[start : m.start()]) > _MAX_WIDGET_TITLE_WORDS:
        start = m.start()  # no sentence end near it: the body runs into the title; the offer alone goes
    return start, m.end()


#: a relay note: "Via Zerohedge…", "via ZeroHedge.com", "H/T Gateway Pundit", "Hat tip: @handle" — the
#: marker, then nothing but the name of where the text or the tip came from
_RELAY_NOTE = re.compile(
    rf"^(?P<marker>(?i:via|h/t|h\.t\.|hat[\s-]?tip))\s*:?\s+(?i:to\s+)?"
    rf"(?P<name>(?:[Tt]he\s+)?{_NAME_PHRASE}|@\w{{1,30}}|(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+\S*)"
    r"\s*(?:[.…:]+|\s*\.\.\.)?$")


def relay_note(line: str) -> tuple[str, str] | None:
    """A relay note's kind and name: ``("via", "Zerohedge")`` for "Via Zerohedge…" (the text
    below is another outlet's), ``("hat_tip", "Gateway Pundit")`` for "H/T Gateway Pundit" (who
    pointed to the story); None for any other line ("Via Rail said on Monday …" is prose)."""
    s = _BULLET.sub("", line).strip()
    if not s or _words(s) > 9:
        return None
    m = _RELAY_NOTE.match(s)
    if not m:
        return None
    kind = "via" if m.group("marker").lower() == "via" else "hat_tip"
    return kind, m.group("name").rstrip(".…:")


def is_copyright(line: str) -> bool:
    """A copyright notice anywhere: "©2018 Los Angeles Times, Distributed by …", "COPYRIGHT 2018 X"."""
    # copyright notices: "© year holder" / "Copyright year holder", short, also mid-article
    s = _BULLET.sub("", line).strip()
    return (bool(re.match(r"(?i)^(?:[©℗]|\(c\)|copyright)\s*(?:©\s*)?\d{4}\b", s)) and len(s) <= 200
            and _words(s) <= 25)


def is_bio(line: str) -> bool:
    """A reporter's bio: "Richard Cuthbertson is a reporter with CBC News in Halifax." (closing lines only)."""
    # author bios: "Name is a <role> with/for/at …", short; a closing line only (see closing_reason)
    s = _BULLET.sub("", line).strip()
    if not s or _words(s) > 50 or _QUOTE_MARKS.search(s):
        return False
    m = _BIO.match(s)
    if not m:
        return False
    head = _fold(s[: m.end()])
    return any(re.search(rf"\b{re.escape(role)}s?\b", head) for role in _sets()["bio_roles"])


_CHECKS = (
    ("copyright", is_copyright),
    ("credit", is_credit),
    ("caption", is_caption),
    ("embed_id", is_embed_id),
    ("form", is_form),
    ("share", is_share),
    ("contact", is_contact),
    ("newsletter", is_newsletter),
    ("appeal", is_appeal),
    ("ad", is_ad),
    ("read_more", is_read_more),
    ("source_note", is_source_note),
)


def furniture_reason(line: str) -> str | None:
    """The furniture class of a whole line (one of :data:`RULES`), or None for a line to keep."""
    s = line.strip()
    if not s or len(s) > _MAX_LINE_CHARS:
        return None
    for name, check in _CHECKS:
        if check(s):
            return name
    return None


def closing_reason(line: str) -> str | None:
    """The furniture class of a line among an article's closing lines: any class, or a bio."""
    reason = furniture_reason(line)
    if reason is None and is_bio(line):
        return "bio"
    return reason


def is_poll_question(line: str) -> bool:
    """A poll's question or options right after a poll marker ("Whom do you consider…?", "* A B C")."""
    # poll widgets: the question (short, ends with "?") and the "* option option" row under the marker
    s = line.strip()
    return (s.endswith("?") and _words(s) <= 25) or (s.startswith("* ") and _words(s) <= 30 and not _SENTENCE_END.search(s))


_POLL_OPTIONS_MAX = 8  # a poll's answers between its question and its form
_POLL_OPTION_WORDS = 20


def poll_widget(lines: Sequence[str]) -> tuple[list[int], dict[int, int]]:
    """The lines of poll widgets (whole lines, by index) and where a widget opener glued to the
    end of a body line starts (line index -> character offset in it).

    A poll widget leaves its question repeated on consecutive lines ("Should X resign?" two or
    three times), its answers ("* Yes, he should.", "No.", "Maybe?"), and then its form ("Email
    *", "Completing this poll grants you access to …").  The question run and the lines up to
    the form count only when the form comes within a few short lines, so a question the article
    asks twice stays.  The opener ("take our poll - story continues below") is a line of its own
    (the ``ad`` rule) or glued to the end of the line before the question, followed there by the
    question itself; that tail is cut (offset 0: the whole line goes)."""
    # for scraped blog pages: a vote widget between two paragraphs, and nothing of it is prose
    texts = [t.strip() for t in lines]
    nonblank = [i for i, t in enumerate(texts) if t]
    whole: list[int] = []
    cuts: dict[int, int] = {}
    k = 0
    while k < len(nonblank) - 1:
        i = nonblank[k]
        q = texts[i]
        if not (q.endswith("?") and _words(q) <= 25 and texts[nonblank[k + 1]] == q):
            k += 1
            continue
        run_end = k + 1
        while run_end + 1 < len(nonblank) and texts[nonblank[run_end + 1]] == q:
            run_end += 1
        form = None
        for j in range(run_end + 1, min(len(nonblank), run_end + 2 + _POLL_OPTIONS_MAX)):
            t = texts[nonblank[j]]
            if furniture_reason(t) == "form":
                form = j
                break
            if _words(t) > _POLL_OPTION_WORDS:
                break
        if form is None:
            k = run_end + 1
            continue
        whole.extend(nonblank[k:form])
        if k > 0:
            prev = lines[nonblank[k - 1]]
            cut = _glued_opener(prev, q)
            if cut is not None:
                cuts[nonblank[k - 1]] = cut
        k = form
    return whole, cuts


def _glued_opener(line: str, question: str) -> int | None:
    """Where a poll opener and its question, glued to the end of ``line``, start (0: the line
    is only the opener and the question); else None."""
    body = line.rstrip()
    if not body.endswith(question) or len(body) == len(question):
        return None
    head = body[: len(body) - len(question)].rstrip()
    folded = head.casefold()
    for phrase in sorted(_sets()["ad"], key=len, reverse=True):
        if len(phrase.split()) >= 3 and folded.endswith(phrase):
            start = len(head) - len(phrase)
            return start if head[:start].strip() else 0
    return None
