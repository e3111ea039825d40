"""One row per speaker or agency in ranked lists (issue 16 §5): names folded where lists are built."""

from __future__ import annotations

from propscope.corpus.names import canonical_names, merge_names
from propscope.corpus.profile import build_profile
from propscope.store import open_store
from test_corpus_profile import build


def test_names_surname_joins_the_one_full_name() -> None:
    assert merge_names([("Trump", 3), ("Donald Trump", 2), ("President Trump", 1)]) == [("Donald Trump", 6)]


def test_names_agency_aliases_become_the_registry_name() -> None:
    rows = dict(merge_names([("AP", 2), ("Associated Press", 1), ("REUTERS", 1), ("Reuters", 1)]))
    assert rows == {"Associated Press": 3, "Reuters": 2}


def test_names_ambiguous_surname_stays_apart() -> None:
    rows = dict(merge_names([("Clinton", 2), ("Bill Clinton", 1), ("Hillary Clinton", 1)]))
    assert rows == {"Clinton": 2, "Bill Clinton": 1, "Hillary Clinton": 1}


def test_names_initials_case_and_chains_fold_into_one() -> None:
    names = canonical_names(["V. Putin", "Putin", "vladimir putin", "Vladimir Putin"])
    assert set(names.values()) == {"Vladimir Putin"}


def test_names_a_name_alone_keeps_its_form_and_others_are_untouched() -> None:
    assert canonical_names(["Minister Ivanov", "Expert Petrova"]) == {
        "Minister Ivanov": "Minister Ivanov", "Expert Petrova": "Expert Petrova"}
    # a surname never joins an agency, nor an agency a person
    assert set(canonical_names(["Press", "Associated Press"]).values()) == {"Press", "Associated Press"}


def test_names_profile_top_speakers_and_agencies_have_one_row_each() -> None:
    store = open_store("memory://")
    store.put_many([
        build(300, "2026-03-02", [], ["Donald Trump", "Trump"], [("AP", "agency")], n=1),
        build(300, "2026-03-03", [], ["Trump"], [("Associated Press", "agency")], agency="AP", n=2),
        build(300, "2026-03-04", [], ["Ivanov"], [("Associated Press", "outlet")], agency="Associated Press", n=3),
    ])
    data = build_profile(store, "Pravda Daily").to_json()
    assert data["top_speakers"] == [{"name": "Donald Trump", "count": 3}, {"name": "Ivanov", "count": 1}]
    # one row even when the sources analyzer typed the name two ways: its most frequent kind
    assert data["top_sources"] == [{"name": "Associated Press", "count": 3, "kind": "agency"}]
    assert data["top_agencies"] == [{"name": "Associated Press", "count": 2}]


def test_names_a_middle_name_or_initial_left_out_is_the_same_person() -> None:
    names = canonical_names(["John F. Kennedy", "John Kennedy", "Kennedy", "President Kennedy"])
    assert set(names.values()) == {"John F. Kennedy"}
    rows = dict(merge_names([("Maria Elena Sova", 2), ("Maria Sova", 1), ("Sova", 1)]))
    assert rows == {"Maria Elena Sova": 4}
    # the first name must agree; the middle words keep their order
    assert canonical_names(["Ivan Sova", "Maria Elena Sova"])["Ivan Sova"] == "Ivan Sova"
    assert canonical_names(["Anna Lee Ruth Bo", "Anna Ruth Kay Lee Bo"])["Anna Lee Ruth Bo"] == "Anna Lee Ruth Bo"
    assert canonical_names(["Anna Ruth Lee Bo", "Anna Ruth Kay Lee Bo"])["Anna Ruth Lee Bo"] == "Anna Ruth Kay Lee Bo"


def test_names_a_short_name_two_middle_names_fit_stays_apart() -> None:
    names = canonical_names(["John Kennedy", "John F. Kennedy", "John Kenneth Kennedy"])
    assert names["John Kennedy"] == "John Kennedy"
    assert names["John F. Kennedy"] == "John F. Kennedy" and names["John Kenneth Kennedy"] == "John Kenneth Kennedy"


def test_corpus_names_accents_are_not_part_of_a_name():
    # one outlet writes the accent, the next does not: one row, in the accented form
    from propscope.corpus.names import canonical_names, merge_names

    assert merge_names([("Ilse Várn", 2), ("Ilse Varn", 1), ("Varn", 1)]) == [("Ilse Várn", 4)]
    assert canonical_names(["Oskar Varn", "Ilse Várn"]) == {"Oskar Varn": "Oskar Varn", "Ilse Várn": "Ilse Várn"}
