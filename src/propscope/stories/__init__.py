"""Story threads: articles that report the same story, across outlets, in time order.

    from propscope.stories import update_stories, list_stories, get_story
    update_stories(store)                 # thread what is new (incremental)
    list_stories(store, since="2019-01-01")
    get_story(store, story_or_article_id).to_json()

See :mod:`propscope.stories.threader` for how an article is placed and
:mod:`propscope.stories.threads` for the store-level functions.
"""

from __future__ import annotations

from propscope.stories.threader import Features, StorySettings, Threader
from propscope.stories.threads import Story, StorySummary, UpdateReport, get_story, list_stories, update_stories

__all__ = ["Features", "Story", "StorySettings", "StorySummary", "Threader", "UpdateReport", "get_story",
           "list_stories", "update_stories"]
