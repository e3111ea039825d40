"""The shipped story encoder: its own model and stored kind, unit vectors, and a lead's story over its people."""

from __future__ import annotations

import numpy as np

from propscope.embeddings import (DIM, EMBEDDING_KIND, STORY_EMBEDDING_KIND, default_encoder, default_model_dir,
                                  story_encoder, story_model_dir)
from propscope.stories.features import document_vectors

# three invented leads: two outlets on one event, and the same people in another event
SAME_A = ["Governor Reyes signs flood relief bill after week of rain",
          "Governor Ana Reyes signed a $2 billion flood relief package on Friday.",
          "The bill funds repairs to levees that failed during last week's storms.",
          "Lawmakers passed it unanimously on Thursday night."]
SAME_B = ["Reyes approves emergency money for flooded towns",
          "Towns swamped by last week's floods will get state money to rebuild levees, after Governor Reyes "
          "put her signature on the relief measure.",
          "The package, worth two billion dollars, cleared the legislature without a single no vote."]
OTHER = ["Governor Reyes defends pick for state supreme court",
         "Governor Ana Reyes on Friday defended her nominee to the state supreme court.",
         "Critics say the judge lacks experience on appeals.",
         "Lawmakers will vote on the nomination next month."]


def test_story_encoder_is_its_own_model_with_its_own_stored_kind():
    enc = story_encoder()
    assert enc is story_encoder() and enc is not default_encoder()
    assert story_model_dir() != default_model_dir() and STORY_EMBEDDING_KIND != EMBEDDING_KIND
    v = enc.encode(["Troops withdrew from the border region.", ""])
    assert v.shape == (2, DIM) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ default_encoder().encode(["Troops withdrew from the border region."])[0]) < 0.999


def test_story_encoder_puts_one_event_closer_than_the_same_people_in_another():
    a, b, c = document_vectors(story_encoder(), [SAME_A, SAME_B, OTHER])
    assert a @ b > a @ c + 0.05
    # and it tells the two apart better than the sentence encoder it was trained from
    x, y, z = document_vectors(default_encoder(), [SAME_A, SAME_B, OTHER])
    assert (a @ b - a @ c) > (x @ y - x @ z)
