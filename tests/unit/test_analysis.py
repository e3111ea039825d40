from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest

from propscope.analysis import SCHEMA, Analysis, AnalyzerInfo, Layer
from propscope.article import Span
from propscope.errors import InputError
from propscope.readers.text import read_text

RAW = (
    "Ministry condemns 'provocation'\n"
    "Ministry condemns 'provocation'\n\n"
    "ANKARA, March 3 (Anadolu) – The ministry  called the drills a “reckless provocation”.\n"
    "It said the region would answer.\n\n"
    "Related\nShare this\n"
)


def _analysis() -> Analysis:
    article = read_text(RAW, source="mem.txt", outlet="Example Daily", url="https://example.org/a")
    start = article.text.index("reckless")
    techniques = Layer(
        "techniques",
        "techniques",
        "1",
        (Span(start, start + 20, "Loaded_Language", {"score": 0.91, "voice": "outlet"}),),
        {"summary": {"Loaded_Language": {"count": 1, "per_1000_words": 40.0}}},
        label_key="technique",
    )
    return Analysis(article, {"techniques": techniques}, (AnalyzerInfo("techniques", "1"),))


def _schema() -> dict:
    return json.loads(files("propscope").joinpath("schemas/analysis.schema.json").read_text())


def test_analysis_json_round_trip_is_lossless():
    a = _analysis()
    data = json.loads(a.dumps())
    assert data["schema"] == SCHEMA
    back = Analysis.loads(a.dumps())
    assert back.to_json() == a.to_json()
    assert back.article == a.article
    assert back["techniques"].spans[0].attrs["score"] == 0.91
    assert back.article.offsets == a.article.offsets


def test_analysis_json_validates_against_shipped_schema():
    jsonschema.validate(json.loads(_analysis().dumps()), _schema())
    jsonschema.validate(json.loads(_analysis().dumps(include_raw=False)), _schema())


def test_analysis_schema_rejects_wrong_schema_tag():
    data = json.loads(_analysis().dumps())
    data["schema"] = "propscope.analysis/0"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _schema())
    with pytest.raises(InputError, match="not a propscope analysis"):
        Analysis.from_json(data)


def test_analysis_technique_spans_serialise_with_technique_key():
    spans = json.loads(_analysis().dumps())["layers"]["techniques"]["spans"]
    assert set(spans[0]) == {"start", "end", "technique", "score", "voice"}


def test_analysis_raw_offsets_point_at_equal_text():
    a = _analysis()
    s = a["techniques"].spans[0]
    rs, re_ = a.article.raw_span(s)
    assert RAW[rs:re_] == a.article.text[s.start : s.end]
