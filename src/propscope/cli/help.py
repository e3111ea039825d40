"""Help texts that read like a manual: placeholders instead of type names, one example each.

Typer writes a parameter's Python type where the reader expects a placeholder
(``--db <str>``, ``--limit <int range>``, ``PATH <list[str]>``).  :class:`PropscopeGroup`, the
application's command class, tidies every command it hands out, whichever module defined
it: a parameter without a metavar gets one from its name or its type (``--db URL``,
``--limit N``, ``--since DATE``), an argument shows only its placeholder, a number range reads
``[1 to 256]`` rather than ``[1<=x<=256]``, and each command's help ends with an example from
:data:`EXAMPLES`.  A test checks that no help text shows a
type name and that every command has an example.
"""

from __future__ import annotations


from typing import Any

from typer.core import TyperGroup

__all__ = ["EXAMPLES", "PropscopeGroup", "tidy_command"]

#: One example per command (its path after ``propscope``), shown at the end of its help.
EXAMPLES: dict[str, str] = {
    "analyze": "propscope analyze articles/ -o report.html",
    "analyzers": "propscope analyzers --json",
    "ingest": "propscope ingest stories.csv --db sqlite:///corpus.db",
    "search": "propscope search 'police' --db sqlite:///corpus.db --technique Loaded_Language",
    "profile": "propscope profile 'Harbour Gazette' --db sqlite:///corpus.db --since 2024-01-01",
    "export": "propscope export --db sqlite:///corpus.db --table techniques -f csv -o techniques.csv",
    "datasette-metadata": "propscope datasette-metadata --db sqlite:///corpus.db -o metadata.json",
    "syndication": "propscope syndication --db sqlite:///corpus.db --min-reuse 0.5",
    "serve": "propscope serve --db sqlite:///corpus.db --port 8000",
    "schema": "propscope schema techniques",
    "narratives": "propscope narratives --db sqlite:///corpus.db --outlet RT --since 2026-01-01",
    "stories": "propscope stories --db sqlite:///corpus.db --since 2026-01-01",
    "claims": "propscope claims --update --db sqlite:///corpus.db --speaker Lavrov --since 2026-01-01",
    "claim": "propscope claim 3f2a9c01d4e5b6a7 --db sqlite:///corpus.db",
    "story": "propscope story 12 --db sqlite:///corpus.db",
    "attribution": "propscope attribution predict texts/ -o attributions.jsonl",
    "attribution eval": "propscope attribution eval",
    "attribution predict": "propscope attribution predict texts/ -o attributions.jsonl",
    "ptc": "propscope ptc predict-spans articles/ -o spans.txt",
    "ptc predict-spans": "propscope ptc predict-spans articles/ -o spans.txt",
    "ptc classify": "propscope ptc classify articles/ template.txt -o labels.txt",
    "ptc eval": "propscope ptc eval",
    "train": "propscope train techniques",
    "train techniques": "propscope train techniques",
    "train attribution": "propscope train attribution",
}

#: Placeholders by parameter name, for parameters that set none.
_BY_NAME: dict[str, str] = {
    "db": "URL", "scheduler": "URL", "since": "DATE", "until": "DATE", "outlet": "NAME", "speaker": "NAME",
    "technique": "LABEL", "voice": "VOICE", "analyzers": "NAMES", "columns": "FIELD=COLUMN,...",
    "input_format": "FORMAT", "host": "HOST", "token": "TOKEN", "output": "FILE", "model": "DIR",
    "split": "SPLIT", "data": "DIR", "corpus": "DIR", "seed": "N", "allow_host": "HOST",
    "analysis_timeout": "SECONDS", "analysis_wait": "SECONDS",
}


def _placeholder(param: Any) -> str:
    if param.name and param.name in _BY_NAME:
        return _BY_NAME[param.name]
    desc = getattr(param, "type_descriptor", None)  # typer's parameters describe their annotation
    if desc is not None:
        if desc.is_choice:
            return "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
        annotation = desc.annotation
        if desc.is_path:
            return "PATH"
        if desc.is_datetime:
            return "DATE"
        if annotation is int or annotation == list[int]:
            return "N"
        if annotation is float:
            return "NUMBER"
    return str(param.name or "value").upper()


def _no_type(ctx: Any = None) -> None:
    return None


def _range_words(param: Any) -> str | None:
    """A parameter's number range in words: ``1 to 256``, ``at least 1``, not ``1<=x<=256``."""
    lo, hi = getattr(param, "min", None), getattr(param, "max", None)
    if getattr(param, "count", False) and lo == 0 and hi is None:
        return None
    def num(v: float) -> str:  # 1,000,000,000 but 65535 (a port) and 10000
        return f"{v:,}" if abs(v) >= 100_000 else f"{v}"

    if lo is not None and hi is not None:
        return f"{num(lo)} to {num(hi)}"
    if lo is not None:
        return f"at least {num(lo)}"
    if hi is not None:
        return f"at most {num(hi)}"
    return None


def tidy_command(command: Any, path: str) -> Any:
    """Give ``command`` (and its subcommands) placeholders and its example; idempotent."""
    if getattr(command, "_propscope_tidy", False):
        return command
    for param in command.params:
        kind = getattr(param, "param_type_name", "")
        if kind == "option" and not param.is_flag and not param.count and param.metavar is None:
            param.metavar = _placeholder(param)
        elif kind == "argument":
            if param.metavar is None:
                param.metavar = str(param.name or "arg").upper()
            param.display_type_rich = _no_type  # the placeholder says it
        if hasattr(param, "_get_number_range_help_str"):  # typer writes "1<=x<=256"; words read better
            param._get_number_range_help_str = lambda p=param: _range_words(p)
    example = EXAMPLES.get(path)
    if example and not command.epilog:
        command.epilog = f"\b\nExample:\n  {example}"
    for name, sub in getattr(command, "commands", {}).items():
        tidy_command(sub, f"{path} {name}")
    command._propscope_tidy = True
    return command


class PropscopeGroup(TyperGroup):
    """The application's command class: every command it returns is tidied (see above)."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        return tidy_command(command, cmd_name) if command is not None else None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for name, sub in self.commands.items():
            tidy_command(sub, name)
        super().format_help(ctx, formatter)
