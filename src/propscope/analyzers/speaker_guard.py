"""Which speaker names are people or bodies: the guard of the claims and story views (issue 17).

The ``attribution`` layer names a speaker by the entity its source mention resolves to, and the
entity layer sometimes types page furniture or a heading as a name: "557 SHARES Facebook
Twitter" gives the organisation "SHARES", an AP heading "The Latest: Compound incident …" the
title "Latest Compound", "the British government" the group "British", a dateline-like
"London:" the person "London".  A claim "by SHARES" or a story outlet that "left out" British
is noise to an analyst.  :func:`is_speaker` says whether a name can be a speaker of a claim or
a quoted voice of a story, from what the layers give:

* the entity type, when the attribution gives its ``speaker_id`` (``"norp:british"``): a
  person, an organisation, a nominal body ("the state department"), a place standing for its
  government ("Moscow said"), a facility ("the White House"), an account or a product (a
  platform) can speak; a title of a work, a law, an event, a region or a date cannot; a nationality or religious *adjective* ("British",
  "Islamic") cannot, while a plural group can ("Democrats", "Republicans");
* a person or a transcript label whose whole name is a country or a city of the gazetteer
  ("London" typed a person, a dateline "BEIJING:" read as a label) is a place, not a person;
* the name's shape, whatever its type (also for stored claims, which keep the name only): it
  has a letter, is not a page-furniture word ("SHARES", "Tweet", "Comments") and does not start
  with a heading word ("Latest", "Breaking", "Update", "Watch").

    >>> is_speaker("Ilse Varn", "person:ilse-varn"), is_speaker("SHARES", "org:shares")
    (True, False)
    >>> is_speaker("British", "norp:british"), is_speaker("Democrats", "norp:democrats")
    (False, True)
"""

from __future__ import annotations

import re

__all__ = ["FURNITURE_WORDS", "HEADING_WORDS", "is_speaker", "speaker_type"]

#: words of page furniture (share bars, counters, menus, captions) that the entity layer can
#: read as a name when a page writes them in capitals; never a speaker on their own
FURNITURE_WORDS = frozenset({
    "share", "shares", "shared", "tweet", "tweets", "retweet", "retweets", "comment", "comments", "like", "likes",
    "view", "views", "email", "print", "subscribe", "subscribers", "follow", "followers", "advertisement",
    "sponsored", "related", "trending", "menu", "search", "home", "login", "click", "video", "videos", "photo",
    "photos", "image", "images", "credit", "caption", "source", "sources", "read", "more", "next", "previous",
    "top", "story", "stories", "news", "copyright", "reply", "replies", "pin", "save",
})
#: first words of a heading or a live-blog title ("The Latest: …", "BREAKING: …", "WATCH: …"):
#: a name that starts with one is the heading read as a name
HEADING_WORDS = frozenset({
    "latest", "breaking", "update", "updated", "updates", "watch", "exclusive", "opinion", "editorial", "analysis",
    "live", "listen", "explainer", "factbox", "timeline", "highlights", "recap", "developing", "urgent", "flash",
})
#: entity types that cannot speak (``speaker_id`` prefix): a title, a law, an event, a region, a
#: quantity; any other type can (a person, an organisation, a nominal body, a place standing for
#: its government, an account, a transcript label, and types the layers add later)
_MUTE_TYPES = frozenset({"work_of_art", "law", "event", "loc", "date", "time", "money", "percent", "quantity",
                         "ordinal", "cardinal", "language"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def speaker_type(speaker_id: object) -> str | None:
    """The entity type of a ``speaker_id`` ("person:ilse-varn" -> "person"), None when there is none."""
    if not isinstance(speaker_id, str) or ":" not in speaker_id:
        return None
    return speaker_id.split(":", 1)[0].strip().lower() or None


def is_speaker(name: object, speaker_id: object = None) -> bool:
    """Whether ``name`` (typed by ``speaker_id`` when given) names a person or a body that can speak."""
    if not isinstance(name, str):
        return False
    words = _WORD.findall(name.replace("@", " "))
    if not words:
        return bool(name.strip().startswith("@") and len(name.strip()) > 1)  # a bare handle
    low = [w.lower().strip(".'’") for w in words]
    if all(w in FURNITURE_WORDS for w in low) or low[0] in HEADING_WORDS:
        return False
    if low[0] == "the" and len(low) > 1 and low[1] in HEADING_WORDS:
        return False
    kind = speaker_type(speaker_id)
    if kind is None:
        return True  # the name only: its shape is all there is to judge
    if kind == "norp":
        return low[-1].endswith("s")  # "Democrats" (a group that speaks), not "British" (an adjective)
    if kind in _MUTE_TYPES:
        return False
    if kind in ("person", "label") and len(words) == 1:  # "London" typed a person, a dateline "BEIJING:"
        from propscope.analyzers.entities.gazetteer import place_kind

        return place_kind(name.strip()) not in ("country", "city")
    return True
