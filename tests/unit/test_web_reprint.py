"""An article page's copy note reads a bounded part of the corpus (issue 16 gap 4).

The note is checked against the labels of the synthetic syndication benchmark (copies, partial
reprints, translations and independent reports of one event), and its reads are counted on
corpora of two sizes: they do not grow with the corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from propscope.analysis import Analysis
from propscope.article import Article
from propscope.corpus.synth import SynthItem, register_synthetic, syndication_benchmark
from propscope.pipeline import Pipeline
from propscope.store import Store, open_store
from propscope.store.base import ArticleFilter, ArticleRow
from propscope.web.reprint import NEIGHBOURS, copy_info


def _fill(store: Store, items: list[SynthItem]) -> dict[str, Analysis]:
    register_synthetic()
    pipe = Pipeline.build(["synthetic"])
    out = {}
    for item in items:
        a = pipe.run(item.article)
        store.put(a)
        out[item.article.id] = a
    return out


@pytest.fixture(scope="module")
def bench() -> tuple[Store, list[SynthItem], dict[str, Analysis]]:
    store = open_store("memory://")
    items = syndication_benchmark(12, seed=5)
    return store, items, _fill(store, items)


def test_web_reprint_copies_point_at_their_original(bench: tuple[Store, list[SynthItem], dict[str, Analysis]]
                                                    ) -> None:
    store, items, analyses = bench
    copies = [i for i in items if i.kind in ("light", "partial")]
    found = {i.article.id: copy_info(store, analyses[i.article.id]) for i in copies}
    right = [i for i in copies if found[i.article.id].original is not None
             and found[i.article.id].original.article_id == i.original]
    assert len(right) >= 0.9 * len(copies), [(i.kind, found[i.article.id].original) for i in copies]
    for i in items:  # an original lists its copies; translations and independent reports are no copies
        info = copy_info(store, analyses[i.article.id])
        if i.kind in ("translation", "negative"):
            assert info.original is None, i
        if i.kind == "original":
            expected = {c.article.id for c in copies if c.original == i.article.id}
            assert expected - {m.article_id for m in info.copies} <= {c.article.id for c in copies
                                                                      if c.article.id not in
                                                                      {r.article.id for r in right}}


def test_web_reprint_credits_link_the_credited_article(bench: tuple[Store, list[SynthItem], dict[str, Analysis]]
                                                       ) -> None:
    store, items, analyses = bench
    relayed = [i for i in items if i.relay_to]
    assert relayed
    linked = [i for i in relayed if i.relay_to in {r.original_id for r in copy_info(store, analyses[i.article.id])
                                                   .credits}]
    assert len(linked) >= 0.9 * len(relayed)
    back = [i for i in relayed if i.article.id in {r.article_id for r in copy_info(store, analyses[i.relay_to])
                                                   .credited_by}]
    assert len(back) >= 0.8 * len(relayed)


class Counting:
    """A store that counts the article rows read through it."""

    def __init__(self, store: Store) -> None:
        self.store, self.rows = store, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def _count(self, rows: Sequence[ArticleRow] | Iterator[ArticleRow]) -> Iterator[ArticleRow]:
        for r in rows:
            self.rows += 1
            yield r

    def iter_articles(self, where: ArticleFilter | None = None, **kw: Any) -> Iterator[ArticleRow]:
        return self._count(self.store.iter_articles(where, **kw))

    def articles_near(self, *args: Any, **kw: Any) -> list[ArticleRow]:
        rows = self.store.articles_near(*args, **kw)
        self.rows += len(rows)
        return rows

    def iter_analyses(self, *args: Any, **kw: Any) -> Any:
        raise AssertionError("a page view reads no analyses")


def _fillers(n: int, seed: int) -> list[Analysis]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    words = ["word" + str(i) for i in range(3000)]
    out = []
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(60)) + "."
        art = Article(text=text, title=f"Filler {i}", outlet=f"Filler outlet {i % 7}", language="en",
                      published=(start + timedelta(minutes=rng.randint(0, 60 * 24 * 70))).isoformat(),
                      url=f"https://example.org/f/{seed}/{i}")
        out.append(Analysis(art, {}, ()))
    return out


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_web_reprint_reads_do_not_grow_with_the_corpus(kind: str, tmp_path: Path) -> None:
    reads = []
    for size in (600, 1800):
        store = open_store("memory://" if kind == "memory" else f"sqlite:///{tmp_path / f'c{size}.db'}")
        items = syndication_benchmark(3, seed=9)
        analyses = _fill(store, items)
        store.put_many(_fillers(size, seed=size))
        counting = Counting(store)
        for item in items[:6]:
            copy_info(counting, analyses[item.article.id])  # type: ignore[arg-type]
        reads.append(counting.rows / 6)
        store.close()
    assert reads[0] <= NEIGHBOURS + 20 and reads[1] <= NEIGHBOURS + 20, reads
    assert reads[1] <= reads[0] * 1.1, reads  # three times the corpus, the same reads
