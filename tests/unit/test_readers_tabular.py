"""JSONL, JSON and CSV/TSV corpora with a column mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from propscope.errors import ConfigError, EmptyInputError, MalformedInputError
from propscope.readers import read_file
from propscope.readers.tabular import ColumnMap, read_csv, read_json, read_jsonl

DATA = Path(__file__).parent.parent / "data" / "readers"
STRIKE = ("Bus drivers at the city's largest depot voted on Friday to strike for 48 hours next month "
          "in a dispute over new shift rotas.")


def test_tabular_jsonl_rows_with_default_columns() -> None:
    results = list(read_file(DATA / "corpus.jsonl"))
    src = str(DATA / "corpus.jsonl")
    assert [r.source for r in results] == [f"{src}#{n}" for n in (1, 2, 3, 4, 5, 6)]
    assert [r.ok for r in results] == [True, True, False, False, False, True]
    first = results[0].article
    assert first is not None
    assert first.text.startswith(STRIKE)
    assert (first.title, first.url, first.outlet, first.published) == (
        "Bus drivers vote to strike over rota changes", "https://metro-wire.example/bus-strike",
        "Metro Wire", "2024-02-09")
    assert first.metadata["record_id"] == "a1"
    assert first.source_format == "jsonl"


def test_tabular_html_row_goes_through_the_html_reader() -> None:
    second = list(read_file(DATA / "corpus.jsonl"))[1].article
    assert second is not None
    assert second.text.startswith("The city museum handed back four carved wooden panels")
    assert "<p>" not in second.text
    assert second.title == "Museum returns carved panels"


def test_tabular_bad_rows_are_error_results_naming_the_line() -> None:
    results = list(read_file(DATA / "corpus.jsonl"))
    src = str(DATA / "corpus.jsonl")
    missing, invalid, not_object = results[2].error, results[3].error, results[4].error
    assert isinstance(missing, EmptyInputError) and missing.source == f"{src}#3"
    assert isinstance(invalid, MalformedInputError) and invalid.one_line().startswith(f"{src}#4: invalid JSON")
    assert isinstance(not_object, MalformedInputError) and "not an object" in not_object.message


def test_tabular_csv_multiline_fields_and_line_numbers() -> None:
    results = list(read_file(DATA / "corpus.csv"))
    src = str(DATA / "corpus.csv")
    assert [r.source for r in results] == [f"{src}#2", f"{src}#5", f"{src}#6"]
    assert [r.ok for r in results] == [True, False, True]
    ferry = results[0].article
    assert ferry is not None
    assert ferry.text.count("\n") >= 1 and "backlog of freight" in ferry.text
    assert (ferry.title, ferry.outlet, ferry.published, ferry.metadata["record_id"]) == (
        "Ferry service resumes after storm", "Island Herald", "2024-01-14", "c1")
    assert ferry.source_format == "csv"


def test_tabular_tsv_and_explicit_column_map(tmp_path: Path) -> None:
    path = tmp_path / "corpus.tsv"
    path.write_text("story\tkop\nThe dockworkers' union called off Monday's strike after a late offer.\tStrike off\n",
                    encoding="utf-8")
    (result,) = read_file(path, column_map=ColumnMap(text="story", title="kop"))
    assert result.article is not None
    assert result.article.title == "Strike off"
    assert result.source == f"{path}#2"


def test_tabular_explicit_column_missing_from_header_is_one_error() -> None:
    (result,) = read_csv("a,b\n1,2\n", source="x.csv", column_map=ColumnMap(text="story"))
    assert isinstance(result.error, MalformedInputError)
    assert result.error.message == "column(s) 'story' not in the CSV header (columns: a, b)"


def test_tabular_csv_without_text_column_is_one_error() -> None:
    (result,) = read_csv("headline,url\nA,b\n", source="x.csv")
    assert isinstance(result.error, MalformedInputError)
    assert "no text column" in result.error.message


def test_tabular_semicolon_csv_is_detected() -> None:
    (result,) = read_csv("title;text\nRates held;The central bank left rates unchanged on Thursday.\n", source="s.csv")
    assert result.article is not None and result.article.title == "Rates held"


def test_tabular_json_array(tmp_path: Path) -> None:
    rows = [{"title": "One", "text": "The first article says something useful."},
            {"title": "Two", "content": "The second article says something else entirely."}]
    results = list(read_json(json.dumps(rows), source="a.json"))
    assert [r.source for r in results] == ["a.json#1", "a.json#2"]
    assert all(r.ok for r in results)


def test_tabular_json_lines_in_a_json_file() -> None:
    text = '{"text": "A line of JSON that is an article of sorts."}\n{"text": "And another one follows it here."}\n'
    assert [r.source for r in read_json(text, source="l.json")] == ["l.json#1", "l.json#2"]


@pytest.mark.parametrize(("value", "said"), [("42", "a number"), ("true", "true or false"), ('["a"]', "a list"),
                                             ('{"a": 1}', "an object")])
def test_tabular_non_string_text_is_malformed(value: str, said: str) -> None:
    (result,) = read_jsonl(f'{{"text": {value}}}\n', source="n.jsonl")
    assert isinstance(result.error, MalformedInputError)
    assert f"the row's text field is {said}, not a string" in result.error.one_line()


def test_tabular_column_map_parse() -> None:
    assert ColumnMap.parse("text=body, title=headline") == ColumnMap(text="body", title="headline")
    with pytest.raises(ConfigError):
        ColumnMap.parse("body")
    with pytest.raises(ConfigError):
        ColumnMap.parse("colour=red")


def test_tabular_column_map_resolve_is_case_insensitive() -> None:
    assert ColumnMap().resolve(["Headline", "Body", "Link"]) == {"title": "Headline", "text": "Body", "url": "Link"}


def test_tabular_a_cut_off_line_and_an_analysis_are_named_for_what_they_are():
    from propscope.readers.tabular import read_jsonl

    text = '{"text": "The minister spoke on Monday about the plan.", "title": "A cut\n' + \
        '{"schema": "propscope.analysis/1", "article": {"text": "x"}}\n'
    first, second = list(read_jsonl(text, source="c.jsonl"))
    assert "Unterminated string" in str(first.error) and "control character" not in str(first.error)
    assert "is a propscope analysis" in str(second.error)
