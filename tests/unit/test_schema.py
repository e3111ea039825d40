"""``propscope schema`` and the analysis JSON Schema (issue 16 §4): every layer's fields are
described, real ``analyze`` output validates, and the OpenAPI document shows the same fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from propscope.cli import app
from propscope.errors import ConfigError
from propscope.schema import LAYERS, analysis_schema, inline_schema, layer_schema

# written for this test: a mixed quote relayed by an agency, a direct quote with a named speaker
SAMPLE = ("Harbour plan put on hold\n\n"
          "The port director said the \"reckless and shameful\" plan would ruin the waterfront, according to Reuters. "
          "\"We will never accept this disgrace,\" said Lena Ortiz, the dockers' union spokeswoman. "
          "Shop owners told AP the plan was a betrayal of every family on the quay.\n")
ANALYZERS = "quotes,entities,attribution,sources,techniques_baseline,voice"


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("schema")
    (folder / "a.txt").write_text(SAMPLE, encoding="utf-8")
    out = folder / "a.json"
    result = CliRunner().invoke(app, ["analyze", str(folder / "a.txt"), "-a", ANALYZERS, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return doc


def _span_props(layer: str) -> set[str]:
    part = analysis_schema()["$defs"][f"{layer}_layer"]["allOf"][1]
    return set(part["properties"]["spans"]["items"]["properties"])


def test_schema_describes_every_layers_fields() -> None:
    assert {"technique", "score", "explanation", "voice"} <= _span_props("techniques")
    assert {"kind", "speaker", "speaker_id", "relayed_by", "content", "cue", "source"} <= _span_props("attributions")
    assert {"label", "entity"} <= _span_props("entities")
    assert {"name", "kind", "relation"} <= _span_props("sources")
    article = analysis_schema()["$defs"]["article"]["properties"]
    assert {"title", "outlet", "url", "published", "language", "authors", "metadata"} <= set(article)


def test_schema_validates_real_analyze_output(analysis: dict[str, Any]) -> None:
    assert {"techniques", "attributions", "entities", "sources", "quotes"} <= set(analysis["layers"])
    jsonschema.validate(analysis, analysis_schema())
    for name in LAYERS:  # each part's own schema validates its part (narratives: test_narratives.py)
        if name != "article" and name not in analysis["layers"]:
            continue
        part = analysis["article"] if name == "article" else analysis["layers"][name]
        jsonschema.validate(part, layer_schema(name))


def test_schema_rejects_a_wrong_field_type(analysis: dict[str, Any]) -> None:
    bad = json.loads(json.dumps(analysis))
    spans = bad["layers"]["techniques"]["spans"]
    assert spans, "the sample should carry at least one technique"
    spans[0]["score"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, analysis_schema())
    bad = json.loads(json.dumps(analysis))
    bad["layers"]["attributions"]["spans"][0]["kind"] = "rumour"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, analysis_schema())


def test_schema_command_prints_the_schema_and_one_layer() -> None:
    whole = CliRunner().invoke(app, ["schema"])
    assert whole.exit_code == 0 and json.loads(whole.stdout) == analysis_schema()
    one = CliRunner().invoke(app, ["schema", "attributions"])
    assert json.loads(one.stdout)["$ref"] == "#/$defs/attributions_layer"
    bad = CliRunner().invoke(app, ["schema", "atributions"])
    assert bad.exit_code == 2 and "did you mean 'attributions'?" in bad.stderr
    with pytest.raises(ConfigError):
        layer_schema("nope")


def test_schema_inline_has_no_references_and_validates_the_same(analysis: dict[str, Any]) -> None:
    inlined = inline_schema()
    assert "$ref" not in json.dumps(inlined)
    jsonschema.validate(analysis, inlined)


def test_schema_openapi_shows_the_analysis_fields() -> None:
    from test_web_fakes import make_client

    with make_client() as client:
        spec = client.get("/openapi.json").json()
    doc = json.dumps(spec)
    response = spec["components"]["schemas"]["AnalyzeResponse"]["properties"]["analysis"]
    layers = response["properties"]["layers"]["properties"]
    assert "relayed_by" in json.dumps(layers["attributions"]) and "score" in json.dumps(layers["techniques"])
    article = spec["paths"]["/api/v1/articles/{article_id}"]["get"]["responses"]["200"]["content"]
    assert "voice" in json.dumps(article["application/json"]["schema"])
    assert "#/$defs/" not in doc  # every reference resolves inside the OpenAPI document


def test_schema_file_is_packaged() -> None:
    import propscope

    assert (Path(propscope.__file__).parent / "schemas" / "analysis.schema.json").is_file()
