"""``propscope attribution predict`` and speaker resolution on our own sets (issue 4)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from propscope.cli import app
from propscope.evaluation.attribution import evaluate_resolution, read_resolution_set


def test_attribution_predict_offsets_index_the_raw_file(tmp_path, data_dir):
    texts = tmp_path / "texts"
    texts.mkdir()
    raw = ("\ufeffSenate vote delayed\r\n\r\n"
           "Senator Laura Bennett said on Tuesday that the vote would be delayed. "
           "\u201cWe need more time,\u201d she told reporters.\r\n")
    (texts / "a1.txt").write_bytes(raw.encode("utf-8"))
    (texts / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["attribution", "predict", str(texts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a1", "empty"]
    quotes = lines[0]["quotes"]
    contents = {raw[a:b] for q in quotes for a, b in q["content"]}
    assert "\u201cWe need more time,\u201d" in contents
    direct = next(q for q in quotes if raw[q["content"][0][0] : q["content"][0][1]].startswith("\u201c"))
    assert raw[direct["source"][0] : direct["source"][1]] == "she"
    assert direct["speaker"] == "Laura Bennett" and direct["kind"] == "direct"
    assert raw[direct["cue"][0] : direct["cue"][1]] == "told"
    assert lines[1]["quotes"] == []


def test_attribution_resolution_set_reader(data_dir):
    items = read_resolution_set(data_dir / "attribution" / "resolution_set.txt")
    gold = [g for item in items for g in item["gold"]]
    assert len(gold) >= 60
    for item in items:
        for start, end, _ in item["gold"]:
            assert "[[" not in item["text"] and item["text"][start:end].strip()


def test_attribution_speaker_resolution_share(data_dir):
    result = evaluate_resolution(data_dir / "attribution" / "resolution_set.txt")
    assert result["items"] >= 60
    assert result["given_mention"] >= 0.9, result["errors"]
    assert result["end_to_end"] >= 0.85, result["errors"]
