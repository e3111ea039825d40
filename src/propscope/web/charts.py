"""Small SVG charts, drawn on the server: no script, no CDN, no font files.

Every text in a chart (technique, speaker and source names come from the corpus) is
escaped by :func:`markupsafe.escape`; colours are from a fixed palette.  Each bar carries a
``<title>`` so the browser shows the exact figure on hover.

A chart is as wide as its card: the SVG has a ``viewBox`` and no fixed size, and the
stylesheet makes it ``width: 100%`` (its text is drawn at 12 units for a card about
:data:`WIDTH` pixels wide).  Time charts have a real time axis: :func:`week_axis` gives every
week from the first to the last, so a week without articles is a zero, not a gap that the
line jumps over.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

__all__ = ["WIDTH", "Bar", "Series", "bar_chart", "line_chart", "stacked_bars", "week_axis", "weekly_points"]

VOICE_COLOURS = ("#1c7ed6", "#f76707", "#37b24d", "#ae3ec9", "#f59f00", "#0ca678", "#e03131", "#495057")
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'
#: The drawing width (viewBox units); pages scale it to the card's width.
WIDTH = 900


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[float]


def _open_svg(width: int, height: int, title: str) -> str:
    return (f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" '
            f'xmlns="http://www.w3.org/2000/svg" {_FONT}><title>{escape(title)}</title>')


def week_axis(weeks: Sequence[str]) -> list[str]:
    """Every week (its Monday, ``YYYY-MM-DD``) from the earliest of ``weeks`` to the latest.

    >>> week_axis(["2026-01-19", "2026-01-05"])
    ['2026-01-05', '2026-01-12', '2026-01-19']
    """
    days = sorted(date.fromisoformat(w) for w in weeks)
    if not days:
        return []
    first, last = days[0], days[-1]
    out, d = [], first
    while d <= last:
        out.append(d.isoformat())
        d += timedelta(days=7)
    return out


def weekly_points(axis: Sequence[str], values: Mapping[str, float]) -> list[float]:
    """``values`` (week -> figure) along ``axis``; a week with no figure is 0."""
    return [float(values.get(w, 0.0)) for w in axis]


def _nice(peak: float) -> float:
    """A round top for the y axis at or above ``peak`` (1, 2, 2.5 or 5 times a power of ten)."""
    if peak <= 0:
        return 1.0
    from math import floor, log10

    base = 10 ** floor(log10(peak))
    for m in (1, 2, 2.5, 5, 10):
        if peak <= m * base + 1e-9:
            return m * base
    return 10 * base  # pragma: no cover - the loop always returns


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value):,}"


def _clip(text: str, n: int = 38) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_chart(bars: Sequence[Bar], *, title: str, unit: str = "", width: int = WIDTH, colour: str = "#1c7ed6"
              ) -> Markup:
    """Horizontal bars, largest first as given."""
    if not bars:
        return Markup("")
    label_w, row, top = 250, 22, 8
    plot_w = width - label_w - 70
    peak = max(b.value for b in bars) or 1.0
    height = top * 2 + row * len(bars)
    out = [_open_svg(width, height, title)]
    for i, b in enumerate(bars):
        y = top + i * row
        w = max(1.0, plot_w * b.value / peak)
        tip = f"{b.label}: {_fmt(b.value)}{unit}" + (f" ({b.note})" if b.note else "")
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(_clip(b.label))}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{colour}">'
                   f'<title>{escape(tip)}</title></rect>')
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{escape(_fmt(b.value))}</text>')
    out.append("</svg>")
    return Markup("".join(out))  # every interpolated text went through escape()


def stacked_bars(rows: Sequence[tuple[str, dict[str, float]]], keys: Sequence[str], *, title: str, unit: str = "",
                 width: int = WIDTH) -> Markup:
    """One horizontal bar per row, split by ``keys`` (e.g. technique rates by voice), with a legend."""
    if not rows:
        return Markup("")
    label_w, row, top, legend_h = 250, 22, 8, 24
    plot_w = width - label_w - 70
    peak = max(sum(v.values()) for _, v in rows) or 1.0
    height = legend_h + top * 2 + row * len(rows)
    out = [_open_svg(width, height, title)]
    x = label_w
    for k, key in enumerate(keys):
        colour = VOICE_COLOURS[k % len(VOICE_COLOURS)]
        out.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{x + 16}" y="14">{escape(_clip(key, 20))}</text>')
        x += 30 + 7 * min(len(key), 20)
    for i, (label, values) in enumerate(rows):
        y = legend_h + top + i * row
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(_clip(label))}</text>')
        x0 = float(label_w)
        for k, key in enumerate(keys):
            v = values.get(key, 0.0)
            if v <= 0:
                continue
            w = plot_w * v / peak
            colour = VOICE_COLOURS[k % len(VOICE_COLOURS)]
            out.append(f'<rect x="{x0:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{colour}">'
                       f'<title>{escape(f"{label}, {key}: {_fmt(v)}{unit}")}</title></rect>')
            x0 += w
        out.append(f'<text x="{x0 + 4:.1f}" y="{y + 15}">{escape(_fmt(sum(values.values())))}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def line_chart(xs: Sequence[str], series: Sequence[Series], *, title: str, unit: str = "", width: int = WIDTH,
               height: int = 240, y_label: str = "", integer: bool | None = None) -> Markup:
    """Lines over ordered x labels (every week, see :func:`week_axis`); points carry their value as a tooltip.

    ``y_label`` names the y axis's unit ("technique spans per 1,000 words"); the first and the
    last x labels are anchored inside the chart, so neither is cut.  Counts (every point a whole
    number, or ``integer=True``) get whole-number ticks only: no "0.5 articles".
    """
    if not xs or not series:
        return Markup("")
    left, right, top, bottom = 56, 24, 44, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice(max((max(s.points, default=0.0) for s in series), default=0.0))
    step = plot_w / max(1, len(xs) - 1)
    out = [_open_svg(width, height, title)]
    if y_label:
        out.append(f'<text class="y-unit" x="{left - 6}" y="{top - 10}" text-anchor="start">{escape(y_label)}</text>')
    if integer is None:
        integer = all(float(v).is_integer() for s in series for v in s.points)
    for frac in (0.0, 0.5, 1.0):
        if integer and not float(peak * frac).is_integer():
            continue  # a count's axis has no "0.5" or "2.5"
        y = top + plot_h - plot_h * frac
        colour = "#adb5bd" if frac == 0 else "#e9ecef"
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{colour}"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(_fmt(peak * frac))}</text>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#adb5bd"/>')
    every = max(1, -(-len(xs) // 8))
    shown = [i for i in range(len(xs)) if i % every == 0 and len(xs) - 1 - i >= every / 2] + [len(xs) - 1]
    for i in dict.fromkeys(shown):
        anchor = "start" if i == 0 and len(xs) > 1 else "end" if i == len(xs) - 1 and len(xs) > 1 else "middle"
        out.append(f'<text class="x-tick" x="{left + i * step:.1f}" y="{top + plot_h + 18}" '
                   f'text-anchor="{anchor}">{escape(xs[i])}</text>')
    lx = left
    for k, s in enumerate(series):
        colour = VOICE_COLOURS[k % len(VOICE_COLOURS)]
        out.append(f'<rect x="{lx}" y="4" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{lx + 16}" y="14">{escape(_clip(s.name, 20))}</text>')
        lx += 30 + 7 * min(len(s.name), 20)
        pts = [(left + i * step, top + plot_h - plot_h * v / peak) for i, v in enumerate(s.points)]
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), v, x_label in zip(pts, s.points, xs, strict=False):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                       f'<title>{escape(f"week of {x_label} · {s.name}: {_fmt(v)}{unit}")}</title></circle>')
    out.append("</svg>")
    return Markup("".join(out))
