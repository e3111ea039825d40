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
