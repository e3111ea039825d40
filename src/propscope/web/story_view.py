"""What the story, narrative and claim pages show: core objects turned into view data and escaped SVG.

Nothing here is marked safe but the SVG, whose every text (outlet names, titles: hostile
corpus text) goes through :func:`markupsafe.escape`; the templates autoescape the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from propscope.corpus.narrative_matches import NarrativeOverTime, narrative_over_time
from propscope.report.dates import show_date
from propscope.report.registry import get_layer_style
from propscope.store.base import ArticleFilter
from propscope.stories.threads import Story
from propscope.web.charts import VOICE_COLOURS, WIDTH, Series, line_chart, week_axis, weekly_points

__all__ = ["NarrativePage", "StoryPage", "catalogue_rows", "narrative_page", "story_page", "story_timeline_svg"]

TOP_TECHNIQUES = 5
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


# -- story -----------------------------------------------------------------------------------------
@dataclass
class TimelineRow:
    article_id: str
    outlet: str
    published: str | None
    after_days: int | None  # days after the first dated article
    title: str
    url: str | None
    method: str
    joined_via: str | None
    #: the article it joined through, as a reader knows it ("Capital Herald, 5 Nov 2018"), when in the story
    joined_label: str | None
    score: float | None
    relays: list[dict[str, Any]]  # links from this article to earlier members: kind, source_id, name, source_label


@dataclass
class FramingColumn:
    outlet: str
    articles: int
    words: int
    first: bool  # the outlet that carried the story first
    rates: dict[str, list[tuple[str, float]]]  # voice -> [(technique name, per 1,000 words)], top first
    quoted: list[tuple[str, int]]
    left_out: list[str]


@dataclass
class StoryPage:
    story_id: str
    title: str
    first_outlet: str | None
    first_published: str | None
    last_published: str | None
    timeline: list[TimelineRow]
    framing: list[FramingColumn]
    relays: list[dict[str, Any]]
    outlets: list[str]
    timeline_svg: Markup = Markup("")


def story_page(story: Story, label_name: Callable[[str], str] | None = None) -> StoryPage:
    label_name = label_name or get_layer_style("techniques").label_name
    data = story.to_json()
    days = [d for d in (_day(m.published_at) for m in story.members) if d]
    start = min(days) if days else None
    into: dict[str, list[dict[str, Any]]] = {}
    for r in story.relays:
        into.setdefault(r.article_id, []).append(r.to_json())
    known = {m.article_id: m for m in story.members}

    def label_of(article_id: str | None) -> str | None:
        via = known.get(article_id or "")
        if via is None:
            return None
        return ", ".join(x for x in (via.outlet or "(unknown outlet)", show_date(_day(via.published_at), undated=""))
                         if x)

    for links in into.values():
        for link in links:
            link["source_label"] = label_of(link.get("source_id"))
    rows = []
    for m in story.members:
        d = _day(m.published_at)
        label = label_of(m.joined_via)
        rows.append(TimelineRow(m.article_id, m.outlet or "(unknown outlet)", m.published_at,
                                (d - start).days if d and start else None, m.title or "(no title)", m.url,
                                m.method, m.joined_via, label, m.score, into.get(m.article_id, [])))
    first_outlet = story.members[0].outlet or "(unknown outlet)"
    columns = []
    for f in story.framing:
        rates = {v: sorted(((label_name(t), r) for t, r in ts.items()), key=lambda x: (-x[1], x[0]))[:TOP_TECHNIQUES]
                 for v, ts in f.rates().items()}
        columns.append(FramingColumn(f.outlet, len(f.articles), f.words, f.outlet == first_outlet, rates,
                                     f.quoted.most_common(8), f.left_out[:8]))
    page = StoryPage(story.story_id, data["title"] or "(no title)", data["first_outlet"], data["first_published"],
                     data["last_published"], rows, columns, data["relays"],
                     list(dict.fromkeys(r.outlet for r in rows)))
    page.timeline_svg = story_timeline_svg(page)
    return page


def story_timeline_svg(page: StoryPage, width: int = WIDTH) -> Markup:
    """One lane per outlet (in order of first appearance), one dot per article at its day; the first
    sighting is ringed, a copy is a square, relay links are drawn from the relayed article."""
    dated = [r for r in page.timeline if r.after_days is not None]
    if not dated:
        return Markup("")
    lanes = page.outlets
    left, right, top, lane_h = 170, 30, 30, 28
    height = top + lane_h * len(lanes) + 30
    span = max(1, max(r.after_days or 0 for r in dated))
    plot_w = width - left - right

    def x(r: TimelineRow) -> float:
        return left + plot_w * (r.after_days or 0) / span

    def y(r: TimelineRow) -> float:
        return top + lane_h * lanes.index(r.outlet) + lane_h / 2

    out = [f'<svg class="chart timeline" role="img" viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" '
           f'xmlns="http://www.w3.org/2000/svg" {_FONT}><title>{escape("Articles of the story by outlet and day")}</title>']
    for i, lane in enumerate(lanes):
        ly = top + lane_h * i + lane_h / 2
        out.append(f'<line x1="{left}" y1="{ly:.1f}" x2="{left + plot_w}" y2="{ly:.1f}" stroke="#e9ecef"/>'
                   f'<text x="{left - 8}" y="{ly + 4:.1f}" text-anchor="end">{escape(_clip(lane, 24))}</text>')
    base = top + lane_h * len(lanes) + 16
    first_day = _day(page.first_published)
    for k in sorted({0, span} | ({span // 2} if span >= 4 else set())):
        label = f"day {k}" if not first_day else show_date((first_day.fromordinal(first_day.toordinal() + k)).isoformat())
        anchor = "start" if k == 0 else "end" if k == span else "middle"
        out.append(f'<text class="x-tick" x="{left + plot_w * k / span:.1f}" y="{base}" text-anchor="{anchor}">'
                   f'{escape(label)}</text>')
    pos = {r.article_id: r for r in dated}
    for r in dated:
        for link in r.relays:
            src = pos.get(link["source_id"])
            if src is not None:
                out.append(f'<line class="relay" x1="{x(src):.1f}" y1="{y(src):.1f}" x2="{x(r):.1f}" y2="{y(r):.1f}" '
                           f'stroke="#868e96" stroke-dasharray="4 3"/>')
    for r in dated:
        colour = VOICE_COLOURS[lanes.index(r.outlet) % len(VOICE_COLOURS)]
        tip = escape(f"{r.outlet} · {show_date(r.published)} · {r.method} · {_clip(r.title, 90)}")
        if r.method == "copy":
            out.append(f'<rect x="{x(r) - 5:.1f}" y="{y(r) - 5:.1f}" width="10" height="10" fill="{colour}">'
                       f'<title>{tip}</title></rect>')
        else:
            ring = ' stroke="#212529" stroke-width="2"' if r.method == "first" else ""
            out.append(f'<circle cx="{x(r):.1f}" cy="{y(r):.1f}" r="6" fill="{colour}"{ring}><title>{tip}</title></circle>')
    out.append("</svg>")
    return Markup("".join(out))


# -- narratives --------------------------------------------------------------------------------------
@dataclass
class NarrativePage:
    data: NarrativeOverTime
    description: str = ""
    parent: str | None = None
    weeks: list[str] = field(default_factory=list)
    voice_svg: Markup = Markup("")
    outlets_svg: Markup = Markup("")


def _catalogue() -> Any:
    from propscope.analyzers.narratives.catalogue import load_catalogue

    try:
        return load_catalogue()
    except Exception:  # noqa: BLE001 - a page still shows the stored sightings without the catalogue
        return None


def catalogue_rows(store: Any, where: ArticleFilter | None = None) -> list[dict[str, Any]]:
    """Every narrative of the default catalogue and every one seen in the corpus, with its figures."""
    from propscope.corpus.narratives import narrative_table

    totals: dict[str, dict[str, Any]] = {}
    for row in narrative_table(store, where):
        t = totals.setdefault(row.narrative, {"narrative": row.narrative, "name": row.name, "outlets": 0,
                                              "articles": 0, "sightings": 0, "outlet_voice": 0, "quoted_voice": 0,
                                              "parent": None, "description": ""})
        t["outlets"] += 1
        t["articles"] += row.articles
        t["sightings"] += row.sightings
        t["outlet_voice"] += row.outlet_voice
        t["quoted_voice"] += row.speaker_voice
    cat = _catalogue()
    if cat is not None:
        for n in cat.matchable:
            t = totals.setdefault(n.id, {"narrative": n.id, "name": n.name, "outlets": 0, "articles": 0,
                                         "sightings": 0, "outlet_voice": 0, "quoted_voice": 0})
            t.update(name=t["name"] or n.name, parent=n.parent, description=n.description)
    return sorted(totals.values(), key=lambda t: (-t["articles"], t["name"].lower(), t["narrative"]))


def narrative_page(store: Any, narrative: str, where: ArticleFilter | None = None, *, top_outlets: int = 6
                   ) -> NarrativePage | None:
    """None when the narrative is neither in the catalogue nor seen in the corpus."""
    data = narrative_over_time(store, narrative, where)
    cat = _catalogue()
    entry = cat.get(narrative) if cat is not None and narrative in cat else None
    if entry is None and not data.outlets:
        return None
    if entry is not None:
        data.name = data.name or entry.name
    page = NarrativePage(data, entry.description if entry else "", entry.parent if entry else None)
    page.weeks = week_axis(list(data.weekly_voice))
    if page.weeks:
        labels = [show_date(w) for w in page.weeks]
        series = [Series(label, weekly_points(page.weeks, {w: v.get(key, 0) for w, v in data.weekly_voice.items()}))
                  for key, label in (("outlet", "outlet's own voice"), ("quoted", "quoted speakers"))]
        page.voice_svg = line_chart(labels, series, title="Sightings per week, by voice", unit=" sightings",
                                    y_label="sightings per week")
        outlets = [o.outlet for o in data.outlets[:top_outlets]]
        page.outlets_svg = line_chart(
            labels, [Series(o, weekly_points(page.weeks, {w: v.get(o, 0) for w, v in data.weekly_outlets.items()}))
                     for o in outlets], title="Articles carrying it per week, by outlet", unit=" articles",
            y_label="articles per week")
    return page
