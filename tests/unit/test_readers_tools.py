"""Records written by neighbouring tools (issue 16 §3): each recognised by its field names.

Every sample below is written for this test, in the record layout each tool documents:
trafilatura's ``--json`` output (``build_json_output``: the URL as ``source``, the site name
as ``source-hostname``), news-please's article JSON, a Media Cloud story-list CSV, and the
GDELT DOC 2.0 API's ``mode=ArtList&format=json`` answer.
"""

from __future__ import annotations

import json
from pathlib import Path

from propscope.errors import NoArticleError
from propscope.readers import read_file
from propscope.readers.tabular import ColumnMap, read_csv, read_json, read_jsonl
from propscope.readers.tools import detect_tool, language_tag, split_authors

BODY = ("The harbour authority said on Tuesday that the northern pier will close for repairs in May, "
        "and ferries will dock at the old fish market until the work is done.")
BODY2 = ("Farmers in the valley have asked the regional council for help after a late frost "
         "destroyed most of the apricot blossom in a single night.")


def _only(results: list) -> object:  # type: ignore[type-arg]
    assert len(results) == 1, results
    assert results[0].error is None, results[0].error
    return results[0].article


def test_tools_trafilatura_json_keeps_url_outlet_and_authors(tmp_path: Path) -> None:
    record = {
        "title": "Northern pier to close for repairs", "author": "Lena Ortiz; Sam Qureshi",
        "hostname": "harbour-gazette.example", "date": "2024-04-02", "fingerprint": "a1b2c3d4e5f6",
        "id": None, "license": None, "comments": "", "raw_text": BODY, "text": BODY, "language": "en",
        "image": None, "pagetype": "article", "filedate": "2024-04-03",
        "source": "https://harbour-gazette.example/news/pier", "source-hostname": "Harbour Gazette",
        "excerpt": "Repairs in May", "categories": "", "tags": "",
    }
    path = tmp_path / "trafilatura.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    a = _only(list(read_file(path)))
    assert a.url == "https://harbour-gazette.example/news/pier"  # not lost
    assert a.outlet == "Harbour Gazette"  # the site name, not the URL
    assert a.authors == ("Lena Ortiz", "Sam Qureshi")
    assert (a.title, a.published, a.language) == ("Northern pier to close for repairs", "2024-04-02", "en")
    assert a.metadata["source_tool"] == "trafilatura" and a.metadata["record_id"] == "a1b2c3d4e5f6"


def test_tools_trafilatura_without_site_name_uses_the_hostname() -> None:
    record = {"text": BODY, "source": "https://harbour-gazette.example/p", "hostname": "harbour-gazette.example",
              "filedate": "2024-04-03", "source-hostname": None}
    a = _only(list(read_json(json.dumps(record), source="t.json")))
    assert (a.outlet, a.url) == ("harbour-gazette.example", "https://harbour-gazette.example/p")


def test_tools_news_please_json_file() -> None:
    record = {
        "authors": ["Marta Novak", "Ivo Kral"], "date_download": "2024-05-01 08:00:00",
        "date_modify": None, "date_publish": "2024-04-30 17:45:00", "description": "Frost hits the valley",
        "filename": "https%3A%2F%2Fvalley-post.example%2Ffrost.json", "image_url": None, "language": "en",
        "localpath": None, "maintext": BODY2, "source_domain": "valley-post.example",
        "title": "Frost destroys apricot blossom", "title_page": None, "title_rss": None,
        "url": "https://valley-post.example/frost",
    }
    a = _only(list(read_json(json.dumps(record, indent=2), source="np.json")))
    assert a.text.startswith("Farmers in the valley")
    assert (a.outlet, a.published, a.url) == ("valley-post.example", "2024-04-30 17:45:00",
                                              "https://valley-post.example/frost")
    assert a.authors == ("Marta Novak", "Ivo Kral")
    assert a.metadata["source_tool"] == "news-please"


def test_tools_media_cloud_csv_gets_outlet_date_and_story_id() -> None:
    csv_text = ("stories_id,publish_date,title,url,language,ap_syndicated,themes,media_id,media_name,media_url,text\n"
                f'1830021,2024-03-04 09:15:00,Pier closes,https://harbour-gazette.example/pier,en,False,,4411,'
                f'Harbour Gazette,https://harbour-gazette.example,"{BODY}"\n')
    a = _only(list(read_csv(csv_text, source="mc.csv")))
    assert (a.outlet, a.published, a.url, a.title) == ("Harbour Gazette", "2024-03-04 09:15:00",
                                                       "https://harbour-gazette.example/pier", "Pier closes")
    assert a.metadata["record_id"] == "1830021" and a.metadata["source_tool"] == "Media Cloud"


def test_tools_media_cloud_csv_without_text_is_one_clear_error() -> None:
    csv_text = ("id,indexed_date,language,media_name,media_url,publish_date,title,url\n"
                "abc,2024-03-05,en,Harbour Gazette,harbour-gazette.example,2024-03-04,Pier,https://h.example/p\n")
    (result,) = read_csv(csv_text, source="mc.csv")
    assert isinstance(result.error, NoArticleError)
    assert "Media Cloud" in result.error.message and "--fetch" in result.error.message


def test_tools_gdelt_article_list_with_text() -> None:
    answer = {"articles": [
        {"url": "https://valley-post.example/frost", "url_mobile": "", "title": "Frost destroys blossom",
         "seendate": "20240430T174500Z", "socialimage": "", "domain": "valley-post.example",
         "language": "English", "sourcecountry": "United States", "text": BODY2},
        {"url": "https://harbour-gazette.example/pier", "url_mobile": "", "title": "Pier to close",
         "seendate": "20240402T080000Z", "socialimage": "", "domain": "harbour-gazette.example",
         "language": "English", "sourcecountry": "United Kingdom", "text": BODY},
    ]}
    results = list(read_json(json.dumps(answer), source="gdelt.json"))
    assert [r.source for r in results] == ["gdelt.json#1", "gdelt.json#2"] and all(r.ok for r in results)
    a = results[0].article
    assert a is not None
    assert (a.outlet, a.published, a.url) == ("valley-post.example", "20240430T174500Z",
                                              "https://valley-post.example/frost")
    assert a.language == "en"  # "English" is a name, not a tag: detected from the text instead
    assert a.metadata["source_tool"] == "GDELT"


def test_tools_gdelt_url_only_list_is_one_error_saying_so() -> None:
    answer = {"articles": [
        {"url": f"https://e.example/{n}", "url_mobile": "", "title": f"T{n}", "seendate": "20240430T174500Z",
         "socialimage": "", "domain": "e.example", "language": "English", "sourcecountry": "France"}
        for n in range(3)]}
    (result,) = read_json(json.dumps(answer), source="gdelt.json")
    assert isinstance(result.error, NoArticleError)
    assert result.error.one_line().startswith("gdelt.json: a GDELT article list carries only URLs")
    assert "3 records" in result.error.message
    # a JSONL of the same records: each line says it, in the same words
    lines = "\n".join(json.dumps(r) for r in answer["articles"])
    errors = [r.error for r in read_jsonl(lines, source="g.jsonl")]
    assert all(isinstance(e, NoArticleError) and "only URLs" in e.message for e in errors)


def test_tools_explicit_columns_win_over_a_tools_fields() -> None:
    record = {"text": BODY, "source": "https://h.example/p", "source-hostname": "Harbour Gazette", "site": "HG"}
    a = _only(list(read_json(json.dumps(record), source="t.json", column_map=ColumnMap(outlet="site"))))
    assert (a.outlet, a.url) == ("HG", "https://h.example/p")


def test_tools_generic_rows_are_not_taken_for_a_tool() -> None:
    assert detect_tool(["text", "source", "title", "date"]) is None  # "source" alone is an outlet column
    assert detect_tool(["Text", "Source-Hostname"]).name == "trafilatura"  # type: ignore[union-attr]
    a = _only(list(read_json(json.dumps({"text": BODY, "source": "Harbour Gazette"}), source="g.json")))
    assert a.outlet == "Harbour Gazette" and "source_tool" not in a.metadata


def test_tools_language_names_and_author_strings() -> None:
    assert [language_tag(v) for v in ("en", "pt-BR", "zh_Hant", "English", "", None)] == [
        "en", "pt-BR", "zh-Hant", None, None, None]
    assert split_authors("Smith, Jane; Doe, John | Ann Lee") == ("Smith, Jane", "Doe, John", "Ann Lee")
    assert split_authors(["A", " A ", 3, ""]) == ("A",)
    assert split_authors(7) == ()
