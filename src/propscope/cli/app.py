"""The typer application and the one place that turns core errors into exit codes."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from propscope.cli.help import PropscopeGroup
from propscope.errors import PropscopeError
from propscope.version import __version__

__all__ = [
    "EXIT_FAILED_ITEMS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "app",
    "clean_line",
    "err_console",
    "fail",
    "user_errors",
]

EXIT_OK = 0
EXIT_FAILED_ITEMS = 1  # the run finished, but some inputs failed
EXIT_USAGE = 2  # bad arguments or unusable input; nothing was done
EXIT_INTERNAL = 3  # a bug: please report it

err_console = Console(stderr=True, highlight=False, soft_wrap=True)

app = typer.Typer(
    name="propscope",
    cls=PropscopeGroup,  # placeholders instead of type names, an example per command
    help="Analyse news for information manipulation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"propscope {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Analyse news for information manipulation."""
    quiet_library_logs()


def quiet_library_logs() -> None:
    """Extraction libraries log per-page warnings; our own one-line errors say what matters."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext", "warcio", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.ERROR)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_line(text: str) -> str:
    """One terminal-safe line: control characters (newlines, ESC) shown as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    err_console.print(f"error: {clean_line(message)}", markup=False, emoji=False, highlight=False)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a PropscopeError into one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except PropscopeError as exc:
        fail(exc.one_line())


CATALOGUE_HELP = ("A narrative catalogue (YAML, see docs) for the narratives analyzer instead of the shipped one; "
                  "adds that analyzer when --analyzers does not name it.")


def catalogue_settings(path: str | None, names: list[str]) -> dict[str, dict[str, Any]]:
    """``--catalogue PATH``: check the file now (one line naming it when it is bad), add the
    ``narratives`` analyzer to ``names`` when missing, and return the pipeline settings."""
    if not path:
        return {}
    from propscope.analyzers.narratives.catalogue import load_catalogue

    with user_errors():
        load_catalogue(path)
    if "narratives" not in names:
        names.append("narratives")
    return {"narratives": {"catalogue": str(Path(path).resolve())}}


def run(fn: Callable[[], None]) -> None:
    """Run ``fn``; an unexpected exception is an internal error with a short message."""
    try:
        fn()
    except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
        raise
    except PropscopeError as exc:
        fail(exc.one_line())
    except Exception as exc:  # pragma: no cover - a bug
        err_console.print(f"internal error: {type(exc).__name__}: {clean_line(str(exc))} (please report this)",
                          markup=False, emoji=False, highlight=False)
        sys.exit(EXIT_INTERNAL)
