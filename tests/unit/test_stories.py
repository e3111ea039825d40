"""Story threads: placing articles (threader) and threading a store incrementally (no model: a
bag-of-words encoder stands in for the sentence encoder)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date

import numpy as np
import pytest

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span
from propscope.segment import segment
from propscope.store import Store
from propscope.stories import Features, StorySettings, Threader, get_story, list_stories, update_stories
from propscope.stories.threader import containment, overlap
from propscope.stories.threads import OutletFraming


class WordEncoder:
    """Unit vectors of hashed lowercase words: texts sharing words are close."""

    dim = 384

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z]{4,}", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            if n:
                out[i] /= n
        return out


def vec(*hot: int) -> np.ndarray:
    v = np.zeros(384, dtype=np.float32)
    v[list(hot)] = 1.0
    return v / np.linalg.norm(v)


# -- threader -------------------------------------------------------------------------------------

def _record_gets(store) -> list[str]:
    """Wrap ``store.get`` so that every key read back is recorded in the returned list."""
    fetched: list[str] = []
    real_get = store.get

    def counting_get(key: str):
        fetched.append(key)
        return real_get(key)

    store.get = counting_get  # type: ignore[method-assign]
    return fetched

def test_stories_overlap_is_share_of_smaller_set():
    assert overlap(frozenset("ab"), frozenset("abcd")) == 1.0
    assert overlap(frozenset("ab"), frozenset("bc")) == 0.5
    assert overlap(frozenset(), frozenset("a")) == 0.0


def test_stories_similar_articles_join_and_others_start_threads():
    t = Threader(StorySettings(threshold=0.6, window_days=7))
    a = t.add(Features("a", vec(1, 2, 3), day=date(2019, 3, 1)))
    b = t.add(Features("b", vec(1, 2, 3, 4), day=date(2019, 3, 2)))
    c = t.add(Features("c", vec(50, 51), day=date(2019, 3, 2)))
    assert (a.method, a.story_id) == ("first", "a")
    assert (b.method, b.story_id, b.joined_via) == ("embedding", "a", "a")
    assert (c.method, c.story_id) == ("first", "c")


def test_stories_shared_entities_tip_a_borderline_pair():
    s = StorySettings(threshold=0.6, entity_weight=0.2, speaker_weight=0.0, date_weight=0.0)
    v1, v2 = vec(1, 2), vec(1, 3)  # cosine 0.5
    with_names = Threader(s)
    with_names.add(Features("a", v1, frozenset({"person:x", "gpe:y"})))
    assert with_names.add(Features("b", v2, frozenset({"person:x", "gpe:y"}))).story_id == "a"
    without = Threader(s)
    without.add(Features("a", v1, frozenset({"person:x"})))
    assert without.add(Features("b", v2, frozenset({"person:z"}))).story_id == "b"


def test_stories_average_link_needs_the_whole_thread_not_one_member():
    members = [Features("a", vec(1, 2)), Features("b", vec(1, 2, 3))]
    newcomer = Features("c", vec(3, 4))  # close to b only
    single = Threader(StorySettings(threshold=0.35, entity_weight=0.0, speaker_weight=0.0, link="single"))
    average = Threader(StorySettings(threshold=0.35, entity_weight=0.0, speaker_weight=0.0, link="average"))
    for t in (single, average):
        for m in members:
            t.add(m)
    assert single.add(newcomer).story_id == "a"  # chained through b
    assert average.add(newcomer).story_id == "c"  # the thread as a whole is too far


def test_stories_thread_closes_after_window_and_memory_follows_window():
    t = Threader(StorySettings(threshold=0.6, window_days=3))
    t.add(Features("a", vec(1, 2), day=date(2019, 1, 1)))
    late = t.add(Features("b", vec(1, 2), day=date(2019, 1, 10)))
    assert late.story_id == "b"  # same words, but the first thread had closed
    for k in range(300):  # a long stream of distinct one-day stories
        t.add(Features(f"x{k}", vec(100 + k % 200, 300 + k % 80), day=date(2019, 2, 1 + k // 20)))
    assert t.held_articles <= 20 * 5  # only the last window's articles are held


def test_stories_copy_joins_its_original_whatever_the_vectors():
    from propscope.stories.threads import _minhash

    text = " ".join(f"word{i}" for i in range(60))
    mh1, n1, _ = _minhash(text)
    mh2, n2, _ = _minhash(text + " and a short credit line")
    t = Threader(StorySettings(threshold=0.99))
    t.add(Features("orig", vec(1), minhash=mh1, shingles=n1))
    f = Features("copy", vec(1, 2, 3, 4, 5, 6), minhash=mh2, shingles=n2)
    assert containment(f, Features("orig", vec(1), minhash=mh1, shingles=n1)) > 0.8
    m = t.add(f)
    assert (m.method, m.story_id, m.joined_via) == ("copy", "orig", "orig")


# -- store ------------------------------------------------------------------------------------------
def _analysis(text: str, outlet: str, published: str | None, *, entities: Sequence[str] = (),
              speakers: Sequence[str | tuple[str, str]] = (), relayed_by: str | None = None,
              techniques: Sequence[tuple[str, str, str]] = ()) -> Analysis:
    title, _, body = text.partition("\n")
    paragraphs, sentences = segment(body)
    art = Article(body, title=title, outlet=outlet, published=published, language="en", paragraphs=paragraphs,
                  sentences=sentences, url=f"https://{outlet.lower().replace(' ', '')}.example/{abs(hash(text))}")
    ents = [{"id": e, "name": e.split(":")[1], "type": e.split(":")[0].upper(), "mentions": 1} for e in entities]
    attrs = [Span(0, 1, "attribution", {"speaker": s if isinstance(s, str) else s[0], "kind": "direct",
                                        "relayed_by": relayed_by, "speaker_id": None if isinstance(s, str) else s[1]})
             for s in speakers]
    tech = [Span(body.index(w), body.index(w) + len(w), t, {"score": 0.8, "voice": v}) for w, t, v in techniques]
    layers = {"entities": Layer("entities", "entities", "1", (), {"entities": ents}),
              "attributions": Layer("attributions", "attribution", "1", tuple(attrs)),
              "techniques": Layer("techniques", "techniques", "1", tuple(tech), label_key="technique")}
    return Analysis(art, layers, (AnalyzerInfo("entities", "1"), AnalyzerInfo("attribution", "1"),
                                  AnalyzerInfo("techniques", "1")))


FLOOD = ("Floods swamp Velsk harbour\nFloodwater swamped the harbour district of Velsk overnight. "
         "Rescue crews evacuated residents from flooded streets near the harbour.")
FLOOD2 = ("Velsk harbour district evacuated after floods\nRescue crews evacuated residents of the Velsk harbour "
          "district after floodwater swamped streets overnight. Residents described flooded homes.")
VOTE = ("Parliament passes budget\nThe parliament passed the budget on Tuesday after a long debate. "
        "Opposition deputies voted against the spending plan.")


def test_stories_store_update_is_incremental_and_views_work(store: Store):
    first = _analysis(FLOOD, "Harbor Gazette", "2019-03-01T08:00:00Z", entities=["gpe:velsk"],
                      speakers=["Mira Tal"], techniques=[("swamped", "Loaded_Language", "outlet")])
    second = _analysis(FLOOD2, "Northern Star", "2019-03-01T15:00:00Z", entities=["gpe:velsk"],
                       speakers=["Aurel Dorran"], relayed_by="Harbor Gazette")
    vote = _analysis(VOTE, "Northern Star", "2019-03-02T09:00:00Z", entities=["org:parliament"])
    store.put(first)
    store.put(vote)
    enc = WordEncoder()
    s = StorySettings(threshold=0.4)
    r1 = update_stories(store, settings=s, encoder=enc)
    assert (r1.threaded, r1.new_stories, r1.embedded) == (2, 2, 2)
    store.put(second)
    calls = enc.calls
    r2 = update_stories(store, settings=s, encoder=enc)
    assert (r2.threaded, r2.joined, r2.embedded) == (1, 1, 1)  # only the new article is embedded and placed
    assert enc.calls - calls <= 3  # its title and lead, not the corpus
    assert update_stories(store, settings=s, encoder=enc).threaded == 0

    listed = list_stories(store)
    assert [x.story_id for x in listed] == [first.article.id]
    assert listed[0].outlets == ("Harbor Gazette", "Northern Star") and listed[0].first_outlet == "Harbor Gazette"
    assert len(list_stories(store, min_articles=1)) == 2
    assert list_stories(store, outlet="Northern Star", since="2019-03-02") == []

    story = get_story(store, second.article.id)  # an article id finds its story
    assert story is not None and story.story_id == first.article.id
    assert [m.article_id for m in story.members] == [first.article.id, second.article.id]
    assert [(r.article_id, r.source_id, r.kind) for r in story.relays] == [
        (second.article.id, first.article.id, "relayed_by")]
    framing = {f.outlet: f for f in story.framing}
    assert framing["Harbor Gazette"].rates()["outlet"]["Loaded_Language"] > 0
    assert framing["Northern Star"].left_out == ["Mira Tal"]
    assert story.to_json()["members"][1]["method"] == "embedding"
    assert get_story(store, "nosuchid") is None

    rebuilt = update_stories(store, settings=s, encoder=enc, rebuild=True)
    assert rebuilt.threaded == 3 and rebuilt.embedded == 0  # vectors are kept


def test_stories_never_read_vectors_another_model_stored(store: Store):
    from propscope.embeddings import EMBEDDING_KIND, STORY_EMBEDDING_KIND, to_bytes

    first = _analysis(FLOOD, "Harbor Gazette", "2019-03-01T08:00:00Z")
    store.put(first)
    # a vector of the sentence encoder's kind (another model) that would make a story of anything
    store.put_embeddings(EMBEDDING_KIND, 384, {first.article.id: to_bytes(np.ones(384) / np.sqrt(384))})
    r = update_stories(store, settings=StorySettings(threshold=0.4), encoder=WordEncoder())
    assert r.embedded == 1  # computed under the story encoder's own kind
    assert set(store.get_embeddings([first.article.id], STORY_EMBEDDING_KIND)) == {first.article.id}


@pytest.mark.parametrize("published", [None, "2019-03-01T08:00:00Z"])
def test_stories_undated_and_dated_articles_both_thread(store: Store, published):
    store.put(_analysis(FLOOD, "Harbor Gazette", published))
    store.put(_analysis(FLOOD2, "Northern Star", None))
    r = update_stories(store, settings=StorySettings(threshold=0.4), encoder=WordEncoder())
    # both are placed; an undated article joins only an undated thread
    assert (r.threaded, r.joined) == (2, 1 if published is None else 0)


def test_stories_cli_lists_and_shows_a_story(tmp_path):
    import json

    from typer.testing import CliRunner

    from propscope.cli import app
    from propscope.store import open_store

    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(url)
    a = _analysis(FLOOD, "Harbor Gazette", "2019-03-01T08:00:00Z", speakers=["Mira Tal"])
    b = _analysis(FLOOD2.replace("Residents", "<script>x</script> Residents"), "Northern\x1b[31m Star",
                  "2019-03-02T08:00:00Z")
    store.put(a)
    store.put(b)
    update_stories(store, settings=StorySettings(threshold=0.4), encoder=WordEncoder())
    store.close()
    runner = CliRunner()
    listed = runner.invoke(app, ["stories", "--db", url, "--json"])
    assert listed.exit_code == 0, listed.output
    assert [s["story_id"] for s in json.loads(listed.output)["stories"]] == [a.article.id]
    text = runner.invoke(app, ["stories", "--db", url, "--since", "2019-03-02"])
    assert text.exit_code == 0 and a.article.id in text.output and "\x1b" not in text.output
    shown = runner.invoke(app, ["story", b.article.id, "--db", url])
    assert shown.exit_code == 0 and "Harbor Gazette" in shown.output and "left out" in shown.output
    assert "\x1b" not in shown.output
    missing = runner.invoke(app, ["story", "nope", "--db", url])
    assert missing.exit_code == 2 and "no story" in missing.output
    bad = runner.invoke(app, ["stories", "--db", url, "--since", "March"])
    assert bad.exit_code == 2


def test_stories_late_article_joins_a_thread_that_goes_on_after_it(store: Store):
    later = _analysis(FLOOD, "Harbor Gazette", "2019-03-05T08:00:00Z", entities=["gpe:velsk"])
    old = _analysis(VOTE, "Northern Star", "2018-01-02T09:00:00Z")
    store.put(later)
    store.put(old)
    s = StorySettings(threshold=0.4)
    update_stories(store, settings=s, encoder=WordEncoder())
    early = _analysis(FLOOD2, "Northern Star", "2019-03-02T15:00:00Z", entities=["gpe:velsk"])
    store.put(early)
    fetched = _record_gets(store)
    r = update_stories(store, settings=s, encoder=WordEncoder())
    assert (r.threaded, r.joined) == (1, 1)
    assert store.story_members(article_ids=[early.article.id])[0].story_id == later.article.id
    assert old.article.id not in fetched  # a thread a year away is not read back


def test_stories_left_out_compares_canonical_names_not_surface_strings(store: Store):
    # one outlet quotes "Governor Varn", the other "Ilse Varn": the same person, never "left out";
    # a speaker only the first quoted is
    a = _analysis(FLOOD, "Harbor Gazette", "2019-03-01T08:00:00Z", speakers=["Ilse Varn", "Mira Tal"])
    b = _analysis(FLOOD2, "Northern Star", "2019-03-01T15:00:00Z", speakers=["Governor Varn"])
    store.put(a)
    store.put(b)
    update_stories(store, settings=StorySettings(threshold=0.4), encoder=WordEncoder())
    story = get_story(store, a.article.id)
    assert story is not None and len(story.members) == 2
    framing = {f.outlet: f for f in story.framing}
    assert framing["Northern Star"].left_out == ["Mira Tal"]
    assert framing["Harbor Gazette"].left_out == []
    assert framing["Northern Star"].quoted == {"Ilse Varn": 1}  # counted under the one name


def test_stories_undated_articles_never_join_dated_threads(store: Store):
    # the same story, dated and undated, in one run and in two: an undated article meets only
    # undated threads (it has no window), whatever else the run holds
    dated = _analysis(FLOOD, "Harbor Gazette", "2019-03-01T08:00:00Z")
    undated = _analysis(FLOOD2, "Northern Star", None)
    undated_too = _analysis(FLOOD2 + " Crews worked all night.", "Coast Courier", None)
    s = StorySettings(threshold=0.4)
    store.put(dated)
    store.put(undated)
    r = update_stories(store, settings=s, encoder=WordEncoder())
    assert (r.threaded, r.new_stories, r.joined) == (2, 2, 0)
    store.put(undated_too)
    r = update_stories(store, settings=s, encoder=WordEncoder())
    assert (r.threaded, r.new_stories) == (1, 0)  # joined (as a copy) the undated thread
    story = {m.article_id: m.story_id for m in store.story_members()}
    assert story[undated_too.article.id] == story[undated.article.id] != story[dated.article.id]
    later = _analysis(FLOOD + " More rain is due.", "Coast Courier", "2019-03-02T08:00:00Z")
    store.put(later)
    update_stories(store, settings=s, encoder=WordEncoder())
    assert store.story_members(article_ids=[later.article.id])[0].story_id == dated.article.id


def test_stories_undated_update_seeds_only_the_threads_near_the_new_articles(store: Store):
    # a corpus of many undated stories: a new undated article reads back the few threads nearest
    # it (undated_seeds), not every undated thread, and still joins the right one
    import random

    rng = random.Random(3)

    def words(n: int) -> str:
        return " ".join("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(7)) for _ in range(n))

    noise = [_analysis(f"{words(3)}\n{words(12)}. {words(12)}.", f"Outlet {i}", None) for i in range(30)]
    flood = _analysis(FLOOD, "Harbor Gazette", None)
    for a in [*noise, flood]:
        store.put(a)
    s = StorySettings(threshold=0.4, undated_seeds=3)
    assert update_stories(store, settings=s, encoder=WordEncoder()).new_stories == 31
    late = _analysis(FLOOD2, "Northern Star", None)
    store.put(late)
    fetched = _record_gets(store)
    r = update_stories(store, settings=s, encoder=WordEncoder())
    assert (r.threaded, r.joined) == (1, 1)
    assert store.story_members(article_ids=[late.article.id])[0].story_id == flood.article.id
    assert flood.article.id in fetched
    assert len(set(fetched) - {late.article.id}) <= 3  # 3 nearest threads of one article each, not 31
    # with the bound above the corpus, every undated thread is a seed (the behaviour before)
    again = _analysis(FLOOD2 + " Roads stayed closed.", "Coast Courier", None)
    store.put(again)
    fetched.clear()
    update_stories(store, settings=StorySettings(threshold=0.4), encoder=WordEncoder())
    assert len(set(fetched)) == 33  # all 32 threaded articles and the new one


def _framing_beside_ilse_varn(store: Store, a: Analysis) -> dict[str, OutletFraming]:
    """Thread ``a`` (Harbor Gazette) with a Northern Star report quoting Ilse Varn alone; the framing by outlet."""
    b = _analysis(FLOOD2, "Northern Star", "2019-03-01T15:00:00Z", speakers=[("Ilse Varn", "person:ilse-varn")])
    store.put(a)
    store.put(b)
    update_stories(store, settings=StorySettings(threshold=0.4), encoder=WordEncoder())
    story = get_story(store, a.article.id)
    assert story is not None and len(story.members) == 2
    return {f.outlet: f for f in story.framing}


def test_stories_framing_counts_no_page_furniture_or_group_adjective_as_quoted(store: Store):
    # "557 SHARES" read as an organisation, "the British government" as the group "British", an AP
    # heading as a title: none is quoted by an outlet, so none is "left out" by the others
    a = _analysis(FLOOD, "Harbor Gazette", "2019-03-01T08:00:00Z",
                  speakers=[("Ilse Varn", "person:ilse-varn"), ("SHARES", "org:shares"), ("British", "norp:british"),
                            ("Latest Flood", "work_of_art:latest-flood"), ("Harbour Council", "org:harbour-council")])
    framing = _framing_beside_ilse_varn(store, a)
    assert framing["Harbor Gazette"].quoted == {"Ilse Varn": 1, "Harbour Council": 1}
    assert framing["Northern Star"].left_out == ["Harbour Council"]


def test_stories_left_out_lists_the_most_quoted_voices_first(store: Store):
    # the thread's main voice, quoted by two other outlets, comes before a name one outlet quoted
    # once, whatever the alphabet ("Zora Quell" before "Anna Berg")
    a = _analysis(FLOOD, "Harbor Gazette", "2019-03-01T08:00:00Z", speakers=["Zora Quell", "Zora Quell", "Anna Berg"])
    b = _analysis(FLOOD2, "Northern Star", "2019-03-01T15:00:00Z", speakers=["Zora Quell"])
    c = _analysis(FLOOD2.replace("Residents described", "Neighbours described"), "Coast Courier",
                  "2019-03-01T18:00:00Z", speakers=["Ilse Varn"])
    for x in (a, b, c):
        store.put(x)
    update_stories(store, settings=StorySettings(threshold=0.4), encoder=WordEncoder())
    story = get_story(store, a.article.id)
    assert story is not None and len(story.members) == 3
    framing = {f.outlet: f for f in story.framing}
    assert framing["Coast Courier"].left_out == ["Zora Quell", "Anna Berg"]


def test_stories_relay_found_however_the_agency_is_written(store: Store):
    # the wire is the outlet "Associated Press"; the later article credits "AP": one agency
    a = _analysis(FLOOD, "Associated Press", "2019-03-01T08:00:00Z", speakers=["Ilse Varn"])
    b = _analysis(FLOOD2, "Northern Star", "2019-03-01T15:00:00Z", speakers=["Ilse Varn"], relayed_by="AP")
    c = _analysis(FLOOD2.replace("Residents described", "Neighbours described"), "Coast Courier",
                  "2019-03-01T18:00:00Z", speakers=["Ilse Varn"], relayed_by="The Associated Press")
    for x in (a, b, c):
        store.put(x)
    update_stories(store, settings=StorySettings(threshold=0.4), encoder=WordEncoder())
    story = get_story(store, a.article.id)
    assert story is not None and len(story.members) == 3
    assert sorted((r.article_id, r.source_id, r.name) for r in story.relays if r.kind == "relayed_by") == sorted([
        (b.article.id, a.article.id, "AP"), (c.article.id, a.article.id, "The Associated Press")])


def test_stories_a_credit_line_links_the_republished_copy_to_its_origin(store: Store):
    # "Reprinted from Harbor Gazette": cleaning removed the line, the sources table keeps it
    a = _analysis(FLOOD, "Harbor Gazette", "2019-03-01T08:00:00Z")
    b = _analysis(FLOOD2, "Northern Star", "2019-03-01T15:00:00Z")
    table = {"sources": [{"name": "Harbor Gazette", "kind": "cited_outlet", "relations": ["republished"],
                          "evidence": 1, "removed_line": True}]}
    b = b.with_layers({"sources": Layer("sources", "sources", "1", (), table)}, [AnalyzerInfo("sources", "1")])
    for x in (a, b):
        store.put(x)
    update_stories(store, settings=StorySettings(threshold=0.4), encoder=WordEncoder())
    story = get_story(store, a.article.id)
    assert story is not None
    assert [(r.article_id, r.source_id, r.kind, r.name) for r in story.relays] == [
        (b.article.id, a.article.id, "republished", "Harbor Gazette")]


def test_stories_framing_counts_two_people_speaking_together_as_each_of_them(store: Store):
    # "Ilse Varn and Bo Lind said" is quoted under a pair's id: each of them was quoted, so an
    # outlet that quoted Ilse Varn alone left no one out, and the other left out no pair
    a = _analysis(FLOOD, "Harbor Gazette", "2019-03-01T08:00:00Z",
                  speakers=[("Ilse Varn and Bo Lind", "people:ilse-varn-and-bo-lind")])
    framing = _framing_beside_ilse_varn(store, a)
    assert framing["Harbor Gazette"].quoted == {"Ilse Varn": 1, "Bo Lind": 1}
    assert framing["Northern Star"].left_out == ["Bo Lind"] and framing["Harbor Gazette"].left_out == []
