from __future__ import annotations

import propscope


def test_public_api_all_names_exist_and_nothing_else_public_is_exported():
    for name in propscope.__all__:
        assert hasattr(propscope, name), name
    public_modules_or_names = {n for n in dir(propscope) if not n.startswith("_")}
    # submodules are importable, but the names exported at package level are exactly __all__
    exported = {n for n in public_modules_or_names if not isinstance(getattr(propscope, n), type(propscope))}
    assert exported == set(propscope.__all__) - {"__version__"}


def test_public_api_analyze_a_string_end_to_end():
    analysis = propscope.analyze(
        "Army denies 'massacre' claims\n\nKYIV — The army called the report “a shameless lie”.\n",
        analyzers=["quotes"],
    )
    assert analysis.article.title == "Army denies 'massacre' claims"
    assert analysis.article.dateline.place == "KYIV"
    quotes = analysis["quotes"].spans
    assert [analysis.article.text[s.start : s.end] for s in quotes] == ["“a shameless lie”"]


# The first line is the title only when no title is given (issue 14 §3): a given title must not
# cost the body its first sentence.
FIRST_IS_PROSE = "The army said on Monday that the drills were over.\nIt left the town on Tuesday.\n"


def test_public_api_given_title_keeps_the_first_line_in_the_body():
    article = propscope.analyze(FIRST_IS_PROSE, title="My title", analyzers=["quotes"]).article
    assert article.title == "My title"
    assert article.text.startswith("The army said on Monday")
    assert not any(b.reason == "title" for b in article.removed)


def test_public_api_no_title_takes_the_first_line():
    article = propscope.read(FIRST_IS_PROSE)
    assert article.title == "The army said on Monday that the drills were over."
    assert article.text == "It left the town on Tuesday."


def test_public_api_blank_title_counts_as_none_and_explicit_title_line_is_honoured():
    assert propscope.read(FIRST_IS_PROSE, title="  ").text == "It left the town on Tuesday."
    forced = propscope.read(FIRST_IS_PROSE, title="My title", has_title_line=True)
    assert forced.title == "My title" and forced.text == "It left the town on Tuesday."
    kept = propscope.read(FIRST_IS_PROSE, has_title_line=False)
    assert kept.title is None and kept.text.startswith("The army said")


def test_public_api_given_title_still_drops_its_repetition_at_the_top():
    article = propscope.read("My title\n\n" + FIRST_IS_PROSE, title="My title")
    assert article.title == "My title" and article.text.startswith("The army said")
    assert [b.reason for b in article.removed] == ["repeated_title"]
