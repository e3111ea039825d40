"""The Markdown report: the same information as the HTML report, as plain text.

Every string from an analysis is escaped: Markdown and HTML punctuation gets a backslash
(CommonMark renders ``\\<script>`` as the literal text ``<script>``), block markers at the
start of a line are neutralised, and removed boilerplate and layer data go into fenced code
blocks whose fence is longer than any backtick run inside.  URLs are text, never links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from propscope.analysis import Analysis
from propscope.report.registry import in_marks
from propscope.report.view import ArticleView, LayerView, build_report
from propscope.version import __version__

__all__ = ["md_escape", "render_markdown"]

_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def md_escape(text: str, *, block: bool = True) -> str:
    """``text`` as literal Markdown, one line per input line.

    With ``block`` (text that may start a line), a leading list, quote or heading marker
    is escaped too.
    """
    lines = []
    for line in str(text).splitlines() or [""]:
        line = _INLINE.sub(r"\\\1", line)
        if block:
            line = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(2)[0] in "-+=>"
                                    else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line)
        lines.append(line)
    return "\n".join(lines)


def _inline(text: str, *, block: bool = False) -> str:
    """Escaped, on one line (``block``: it starts the line)."""
    return md_escape(" ".join(str(text).split()), block=block)


def _fenced(text: str, info: str = "") -> list[str]:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{info}", text.rstrip("\n"), fence]


def _article(a: ArticleView, text_paragraphs: list[str]) -> list[str]:
    out = [f"## {_inline(a.heading)}", ""]
    for name, value in a.meta:
        out.append(f"- **{md_escape(name)}:** {_inline(value)}")
    if a.url:
        out.append(f"- **URL:** {_inline(a.url)}")
    if a.analyzers:
        out.append(f"- **Analyzers:** {_inline(', '.join(a.analyzers))}")
    out.append("")
    for panel in a.panels:
        out += [f"### {_inline(panel.title)}", ""]
        if panel.note:
            out += [_inline(panel.note, block=True), ""]
        for group in panel.groups:
            heading = _inline(group.heading) + (f" ({_inline(group.note)})" if group.note else "")
            out.append(f"- **{heading}**")
            for item in group.items:
                note = f" ({_inline(item.note)})" if item.note else ""
                out.append(f"  - {_inline(in_marks(item.text))}{note}")
        out.append("")
    out += ["### Text", ""]
    for para in text_paragraphs:
        # a hard line break (backslash) keeps the paragraph's own line breaks
        out += ["\\\n".join(md_escape(line) for line in para.splitlines()), ""]
    for layer in a.layers:
        out += _layer(layer)
    if a.removed:
        out += ["### Removed from the input", ""]
        for reason, text in a.removed:
            out += [f"**{_inline(reason)}**", "", *_fenced(text), ""]
    return out


def _layer(layer: LayerView) -> list[str]:
    count = len(layer.spans)
    out = [
        f"### {_inline(layer.title)}",
        "",
        f"{_inline(layer.analyzer)} v{_inline(layer.version)} · {count} span{'s' if count != 1 else ''}"
        + (f" · {_inline(layer.description)}" if layer.description else ""),
        "",
    ]
    if layer.labels:
        out.append("Labels:")
        out.append("")
        for lv in layer.labels:
            definition = f" — {_inline(lv.definition)}" if lv.definition else ""
            out.append(f"- **{_inline(lv.display)}** ({lv.count}){definition}")
        out.append("")
    for i, s in enumerate(layer.spans, 1):
        attrs = "; ".join(f"{_inline(name)}: {_inline(value)}" for name, value in s.rows[1:])
        shown = {str(value) for _name, value in s.rows[1:]}
        if s.flag and not any(value and s.flag.endswith(f": {value}") for value in shown):
            # the flag is said once: "voice: X" already tells whose words they are
            attrs = f"{attrs}; {_inline(s.flag)}" if attrs else _inline(s.flag)
        out.append(f"{i}. **{_inline(s.display)}** {_inline(in_marks(s.fragment))} \\[{s.start}, {s.end})"
                   + (f" — {attrs}" if attrs else ""))
    if layer.spans:
        out.append("")
    for name, value in layer.summary:
        out.append(f"- {_inline(name)}: {_inline(value)}")
    if layer.summary:
        out.append("")
    if layer.data_json:
        out += _fenced(layer.data_json, "json") + [""]
    return out


def render_markdown(analyses: Sequence[Analysis]) -> str:
    """A Markdown report over ``analyses``: metadata, text, every layer's spans, removed text."""
    analyses = list(analyses)
    report = build_report(analyses)
    n = len(report.articles)
    out = ["# propscope report", "", f"{n} article{'s' if n != 1 else ''}, generated by propscope {__version__}.", ""]
    for view, analysis in zip(report.articles, analyses, strict=True):
        text = analysis.article.text
        paragraphs = ["".join(p.text for p in block) for block in view.blocks]
        if not paragraphs and text.strip():
            paragraphs = [text]
        out += _article(view, paragraphs)
    return "\n".join(out).rstrip("\n") + "\n"
