"""The story-threading defaults a user gets are the settings the benchmark tuned and measured."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from propscope.stories.threader import StorySettings

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results" / "stories.json"


def test_story_settings_defaults_are_the_tuned_and_measured_ones():
    result = json.loads(RESULTS.read_text(encoding="utf-8"))
    tuned = result["settings"]
    shipped = asdict(StorySettings())
    for key in ("threshold", "entity_weight", "speaker_weight", "link", "lead_sentences", "window_days",
                "copy_containment"):
        assert shipped[key] == tuned[key], key
    # and the figures recorded for the defaults are those of the tuned settings
    assert result["shipped_defaults"]["pairwise_all"] == result["pairwise_in_sample"]["all"]
    # and the held-out figure is the two-fold cross-validation over the halves, both ways
    cv = result["cross_validation"]
    folds = [cv["tuned_on_A"], cv["tuned_on_B"]]
    assert [f["held_out"] for f in folds] == ["B", "A"]
    assert abs(cv["mean_held_out_f1"] - sum(f["pairwise"]["f1"] for f in folds) / 2) < 1e-4
