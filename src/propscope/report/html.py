"""The HTML report: one self-contained file, safe to open with hostile article text in it.

* No network: the stylesheet and script are inlined; nothing loads from a URL.  A
  Content-Security-Policy ``<meta>`` allows exactly that one inline style and that one
  inline script (by their sha256), no other script, style, image, font, frame or connection.
* Every piece of article data (text, title, metadata, labels, attributes, layer data) goes
  through Jinja2 autoescaping; nothing from an analysis is ever marked safe.  The data the
  hover card reads is embedded as JSON whose ``<``, ``>``, ``&`` and U+2028/9 are ``\\u``
  escapes, so it cannot close its ``<script>`` element or open a comment.  The script builds
  the card with ``textContent`` only.
* The article URL is a live link only when it is an absolute http(s) URL, with
  ``rel="noopener noreferrer nofollow"``; anything else (``javascript:``…) is shown as text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from propscope.analysis import Analysis
from propscope.report.registry import in_marks
from propscope.report.table import report_table
from propscope.report.view import ReportView, build_report
from propscope.version import __version__

__all__ = ["json_for_script", "label_css", "layer_toggles", "render_html"]

_PACKAGE = "propscope.report"


def _resource(*parts: str) -> str:
    return files(_PACKAGE).joinpath(*parts).read_text(encoding="utf-8")


def _load_template(name: str) -> str:
    return _resource("templates", name)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_load_template),
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml", "j2"), default_for_string=True,
                                     default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["in_marks"] = in_marks  # returns plain text: still escaped
    return env


def json_for_script(value: Any) -> Markup:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc. (so ``</script>`` and ``<!--`` cannot occur)
    and U+2028/U+2029 are escaped; ``JSON.parse`` reads back the same value.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    text = (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return Markup(text)  # every character that could end the element is escaped above


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def label_css(report: ReportView) -> str:
    """One rule per label colour and per overlap of labels (colours are checked ``#rrggbb``).

    The web pages use this too, so a page and a report colour spans alike.
    """
    rules = []
    colour_of = {}
    for view in report.labels.values():
        colour = view.colour if _COLOUR.match(view.colour) else "#dee2e6"
        colour_of[view.css] = colour
        rules.append(f".{view.css}{{background:{colour}}}")
    for classes, name in report.combos.items():
        colours = [colour_of[c] for c in classes]
        if len(colours) == 1:
            rules.append(f".seg.{name}{{background:{colours[0]}}}")
        else:
            step = 100 / len(colours)
            stops = ",".join(f"{c} {i * step:.1f}% {(i + 1) * step:.1f}%" for i, c in enumerate(colours))
            rules.append(f".seg.{name}{{background:linear-gradient(to bottom,{stops})}}")
    return "\n".join(rules)


def layer_toggles(report: ReportView) -> list[tuple[str, str]]:
    """(layer name, title) of each layer with highlighted spans: one show/hide switch each."""
    seen: dict[str, str] = {}
    for article in report.articles:
        for layer in article.layers:
            if layer.highlight and any(s.in_text for s in layer.spans):
                seen.setdefault(layer.name, layer.title)
    return list(seen.items())


def _css(report: ReportView) -> str:
    """The static stylesheet plus the label colours."""
    return _resource("static", "report.css") + "\n" + label_css(report) + "\n"


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _csp(css: str, js: str) -> str:
    return (
        "default-src 'none'; "
        f"style-src {_sha256(css)}; "
        f"script-src {_sha256(js)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; base-uri 'none'; form-action 'none'"
    )


def render_html(analyses: Sequence[Analysis], *, title: str | None = None) -> str:
    """One self-contained HTML page showing every article of ``analyses`` and its layers."""
    report = build_report(list(analyses))
    css = _css(report)
    js = _resource("static", "report.js")
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover - our own files
        raise RuntimeError("report assets must not close their own element")
    if title is None:
        title = (
            f"propscope report: {report.articles[0].heading}" if len(report.articles) == 1
            else f"propscope report: {len(report.articles)} articles"
        )
    template = _environment().get_template("report.html.j2")
    table = report_table(list(analyses), [a.heading for a in report.articles])
    return template.render(
        table=table,
        toggles=layer_toggles(report),
        has_scores=any(s.score is not None and s.in_text for s in report.spans.values()),
        title=title,
        report=report,
        articles=report.articles,
        version=__version__,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        csp=_csp(css, js),
        css=Markup(css),  # our stylesheet; colours are validated #rrggbb
        js=Markup(js),  # our script file
        data=json_for_script(report.card_data()),
    )
