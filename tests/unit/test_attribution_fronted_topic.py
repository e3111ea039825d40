"""A name fronted as a sentence's topic ("For Lind, … he's …") is the "he" who speaks next
(`attribution/fronted.py`); sentences written for these tests, one per line."""

from __future__ import annotations

from speaker_samples import speaker_resolver


def _resolve(text: str, names: dict[str, tuple[str, str | None]], at: str) -> str | None:
    r = speaker_resolver(text, names)
    start = text.rindex(at)
    ent = r.resolve(start, start + len(at.split()[0]))
    return ent.name if ent is not None else None


PEOPLE = {"Omar Lind": ("Omar Lind", "m"), "Lind": ("Omar Lind", "m"), "Tom Reyes": ("Tom Reyes", "m"),
          "Reyes": ("Tom Reyes", "m")}


def test_fronted_topic_for_a_name_then_he_is_that_person():
    text = ("Omar Lind runs a small press in town.\n"
            "\"He never gave up,\" said Tom Reyes, a printer.\n"
            "For Lind, who has no backers, he's simply filling a niche.\n"
            "\"You gotta start somewhere,\" he says.")
    assert _resolve(text, PEOPLE, "he says") == "Omar Lind"


def test_fronted_topic_a_contrast_names_someone_else():
    text = ("Omar Lind runs a small press in town.\n"
            "\"He never gave up,\" said Tom Reyes, a printer.\n"
            "Unlike Lind, he's been unable to find work.\n"
            "\"You gotta start somewhere,\" he says.")
    from propscope.analyzers.attribution.fronted import fronted_topic
    assert fronted_topic(speaker_resolver(text, PEOPLE), text.rindex("he says"), "m", None) is None


def test_fronted_topic_another_person_named_between_breaks_it():
    text = ("Omar Lind runs a small press in town.\n"
            "\"He never gave up,\" said Tom Reyes, a printer.\n"
            "For Lind, he's simply filling a niche, and Reyes agrees.\n"
            "\"You gotta start somewhere,\" he says.")
    r = speaker_resolver(text, PEOPLE)
    from propscope.analyzers.attribution.fronted import fronted_topic
    start = text.rindex("he says")
    assert fronted_topic(r, start, "m", None) is None
    assert fronted_topic(r, start, "f", None) is None  # "he" there: not a "she"
