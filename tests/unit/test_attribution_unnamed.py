"""A "he"/"she" right after a source that names no one ("a security guard told Reuters") is that
unnamed person, not someone the story named earlier; texts written for these tests."""

from __future__ import annotations

from propscope.analyzers.attribution.unnamed import unnamed_person

from speaker_samples import speaker_resolver

TEXT = ("President Ian Lind said the siege was over.\n"
        "Gunmen left a grenade in the lobby, a private security guard present during the attack told reporters.\n"
        "Eventually the gunmen reached the top floor, he said.\n")


def _resolve(r, text: str, source: str, after: int = 0) -> str | None:
    a = text.index(source, after)
    ent = r.resolve(a, a + len(source))
    return ent.name if ent is not None else None


def test_unnamed_a_pronoun_after_an_unnamed_source_is_that_person():
    r = speaker_resolver(TEXT, {"Ian Lind": ("Ian Lind", "m")})
    assert _resolve(r, TEXT, "President Ian Lind") == "Ian Lind"
    assert _resolve(r, TEXT, "a private security guard present during the attack") is None
    assert _resolve(r, TEXT, "he", TEXT.index("top floor")) is None


def test_unnamed_a_person_named_or_quoted_since_takes_the_pronoun_back():
    text = TEXT.replace("Eventually", "Lind nodded. Eventually")
    r = speaker_resolver(text, {"Ian Lind": ("Ian Lind", "m"), "Lind": ("Ian Lind", "m")})
    _resolve(r, text, "President Ian Lind")
    _resolve(r, text, "a private security guard present during the attack")
    assert _resolve(r, text, "he", text.index("top floor")) == "Ian Lind"


def test_unnamed_a_pronoun_of_the_other_gender_is_someone_else():
    text = TEXT.replace("security guard", "spokeswoman")
    r = speaker_resolver(text, {"Ian Lind": ("Ian Lind", "m")})
    _resolve(r, text, "President Ian Lind")
    _resolve(r, text, "a private spokeswoman present during the attack")
    assert _resolve(r, text, "he", text.index("top floor")) == "Ian Lind"


def test_unnamed_person_reads_one_person_by_a_common_noun():
    assert unnamed_person("a witness who saw the crash") == (True, None)
    assert unnamed_person("the spokesman for the ministry") == (True, "m")
    for other in ("one of the witnesses", "a study", "the residents", "Ian Lind"):
        assert unnamed_person(other) is None, other
