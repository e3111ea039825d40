"""A description names the person introduced in its role under another word for it ("an
attorney, X" … "the lawyer"; "Sen. X" … "the senator"), and no one where someone unnamed was
given the role since; texts written for these tests."""

from __future__ import annotations

import pytest

from speaker_samples import speaker_resolver


def _speaker(text: str, names: list[str], description: str) -> str | None:
    r = speaker_resolver(text, {n: (n, None) for n in names})
    src = text.rindex(description)
    ent = r.resolve(src, src + len(description))
    return ent.name if ent is not None else None


@pytest.mark.parametrize("text, description", [
    ("The family hired an attorney, Vera Tolan, last week.\nThe deal was approved in 2010, the lawyer said.",
     "the lawyer"),
    ("Sen. Carl Pope of Utah joined the committee in March.\nThe bill is fair, the senator said.", "the senator"),
    ("Rep. Mara Lind of Ohio introduced the bill.\nIt would save money, the lawmaker said.", "the lawmaker"),
    ("Liberal MP Ana Roe voted against it.\nIt is a giveaway, the lawmaker said.", "the lawmaker"),
])
def test_role_words_another_word_or_a_title_for_the_role_introduces_its_holder(text, description):
    name = next(n for n in ("Vera Tolan", "Carl Pope", "Mara Lind", "Ana Roe") if n in text)
    assert _speaker(text, [name], description) == name


def test_role_words_two_holders_of_the_role_name_no_one():
    text = "Rep. Mara Lind filed the bill with Sen. Carl Pope.\nIt would save money, the lawmaker said."
    assert _speaker(text, ["Mara Lind", "Carl Pope"], "the lawmaker") is None


def test_role_words_someone_unnamed_given_the_role_since_is_no_holder():
    text = ("The witness hired an attorney, Vera Tolan, last year.\n"
            "Emails show that a civil attorney working with the witness described the pressure.\n"
            "The position was harsh, the civil lawyer wrote.")
    assert _speaker(text, ["Vera Tolan"], "the civil lawyer") is None


def test_role_words_of_two_holders_the_speaker_quoted_last_and_named_last_is_meant():
    text = ("Sen. Rand Paul said he would block the nominees.\n"
            "Sen. John McCain said he wanted answers.\n"
            "Paul contends that the nominations break promises.\n"
            "The lawmaker added that he cannot support them.")
    r = speaker_resolver(text, {"Rand Paul": ("Rand Paul", "m"), "John McCain": ("John McCain", "m"),
                                "Paul": ("Rand Paul", "m")})
    paul = r.entities["person:rand-paul"]
    src = text.rindex("The lawmaker")
    assert r.resolve(src, src + len("The lawmaker"), previous=paul).name == "Rand Paul"
    mccain = r.entities["person:john-mccain"]  # the last speaker, but not the holder named last: no one
    assert r.resolve(src, src + len("The lawmaker"), previous=mccain) is None
