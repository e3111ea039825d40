"""Highlight colours a reader can tell apart (issue 16 §5: "check the two pinks"), with legible ink on each."""

from __future__ import annotations

import itertools

from propscope.report.styles import ATTRIBUTIONS, QUOTES, TECHNIQUES

INK = "#212529"  # the report's text colour (report.css --ink)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[float, float, float]:
    r, g, b = (_linear(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return r, g, b


def luminance(colour: str) -> float:
    r, g, b = _rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(colour: str) -> tuple[float, float, float]:
    r, g, b = _rgb(colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return float(t ** (1 / 3)) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def highlight_colours() -> dict[str, str]:
    out = {f"techniques:{k}": v for k, v in TECHNIQUES.colours.items()}
    out.update({f"quotes:{k}": v for k, v in QUOTES.colours.items()})
    out["attributions"] = ATTRIBUTIONS.colours["direct"]  # its kinds are one layer, meant to look alike
    return out


def test_report_colours_every_pair_is_distinguishable() -> None:
    colours = highlight_colours()
    assert len(colours) >= 16
    close = [(round(delta_e(colours[a], colours[b]), 1), a, b) for a, b in itertools.combinations(colours, 2)
             if delta_e(colours[a], colours[b]) < 20]
    assert close == [], f"colours too alike (CIELAB distance < 20): {close}"


def test_report_colours_the_two_pinks_are_apart() -> None:
    c = TECHNIQUES.colours
    assert delta_e(c["Name_Calling,Labeling"], c["Appeal_to_fear-prejudice"]) >= 20


def test_report_colours_ink_is_legible_on_every_highlight() -> None:
    low = {k: round(contrast(v, INK), 2) for k, v in highlight_colours().items() if contrast(v, INK) < 6.5}
    assert low == {}, f"text contrast under 6.5:1 on {low}"


def test_report_colours_the_checks_can_fail() -> None:
    assert delta_e("#ffa8a8", "#faa2c1") < 20  # the old pair
    assert contrast("#4dabf7", INK) < 6.5
