"""The narrative catalogue: a plain YAML file that users edit and extend.

    format: propscope.narratives/1
    narratives:
      - id: colour_revolution            # lower_snake_case, unique
        name: Protests are foreign-orchestrated
        parent: conflict                 # optional: another id, for taxonomies
        description: Street protests are paid or steered from abroad ...
        threshold: 0.7                   # optional, 0-1: overrides the calibrated default
        sources: [euvsdisinfo]           # optional: what inspired the entry
        examples:                        # statements that carry it; none: a category
          - The crowds were trained and paid by foreign embassies.
          - {text: "Эти протесты оплачены из-за рубежа.", lang: ru}
        negatives:                       # optional: the same actors, no narrative
          - Thousands marched in the capital against the new pension law.

Negatives are statements about the same actors that do *not* carry the narrative (a
protest reported, not called foreign-run); the scorer contrasts a sentence's similarity to
the examples with its similarity to them.  An entry with examples is matched; one without examples is a category that only groups its
children.  A bad file raises :class:`~propscope.errors.ConfigError` with one line naming the
file and the entry (``catalogue.yaml: entry 3 ('foo'): 'name' is missing``).

    >>> cat = load_catalogue()
    >>> cat.get("deep_state_plot").parent
    'hidden_plots'
    >>> cat.ancestors("false_flag")
    ['hidden_plots']
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from propscope.errors import ConfigError

__all__ = ["FORMAT", "Catalogue", "Example", "Narrative", "default_catalogue_path", "load_catalogue",
           "parse_catalogue"]

FORMAT = "propscope.narratives/1"
_ID = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
_KEYS = {"id", "name", "description", "examples", "negatives", "parent", "threshold", "sources"}


@dataclass(frozen=True)
class Example:
    text: str
    lang: str = "en"


@dataclass(frozen=True)
class Narrative:
    id: str
    name: str
    description: str = ""
    examples: tuple[Example, ...] = ()
    parent: str | None = None
    threshold: float | None = None
    sources: tuple[str, ...] = ()
    negatives: tuple[Example, ...] = ()

    @property
    def is_category(self) -> bool:
        return not self.examples

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description, "parent": self.parent,
                "threshold": self.threshold, "sources": list(self.sources),
                "examples": [{"text": e.text, "lang": e.lang} for e in self.examples],
                "negatives": [{"text": e.text, "lang": e.lang} for e in self.negatives]}


@dataclass(frozen=True)
class Catalogue:
    narratives: tuple[Narrative, ...]
    source: str = ""
    fingerprint: str = ""
    _by_id: dict[str, Narrative] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({n.id: n for n in self.narratives})

    def __len__(self) -> int:
        return len(self.narratives)

    def get(self, narrative_id: str) -> Narrative:
        return self._by_id[narrative_id]

    def __contains__(self, narrative_id: object) -> bool:
        return narrative_id in self._by_id

    @property
    def matchable(self) -> tuple[Narrative, ...]:
        """The narratives with examples, in file order: what the analyzer scores."""
        return tuple(n for n in self.narratives if not n.is_category)

    def ancestors(self, narrative_id: str) -> list[str]:
        out, seen = [], {narrative_id}
        parent = self._by_id[narrative_id].parent
        while parent and parent not in seen:
            out.append(parent)
            seen.add(parent)
            parent = self._by_id[parent].parent
        return out


def default_catalogue_path() -> Path:
    return Path(str(resources.files("propscope") / "analyzers" / "narratives" / "data" / "catalogue.yaml"))


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read and check a catalogue file (the shipped default when ``path`` is None)."""
    p = Path(path) if path is not None else default_catalogue_path()
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the narrative catalogue: {exc.strerror or exc}", source=str(p),
                          code="config.catalogue") from exc
    return parse_catalogue(raw.decode("utf-8", errors="replace"), source=str(p),
                           fingerprint=hashlib.sha256(raw).hexdigest()[:16])


def _fail(source: str, message: str) -> ConfigError:
    return ConfigError(message, source=source, code="config.catalogue")


def parse_catalogue(text: str, *, source: str = "<catalogue>", fingerprint: str = "") -> Catalogue:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise _fail(source, f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from exc
    if isinstance(data, dict):
        fmt = data.get("format", FORMAT)
        if fmt != FORMAT:
            raise _fail(source, f"format {fmt!r} is not {FORMAT!r}")
        entries = data.get("narratives")
    else:
        entries = data
    if not isinstance(entries, list) or not entries:
        raise _fail(source, "expected a non-empty list under 'narratives'")
    out: list[Narrative] = []
    for k, entry in enumerate(entries, 1):
        out.append(_entry(source, k, entry))
    ids = [n.id for n in out]
    for n in out:
        if ids.count(n.id) > 1:
            raise _fail(source, f"entry {ids.index(n.id) + 1} ({n.id!r}): the id is used twice")
        if n.parent is not None and n.parent not in ids:
            raise _fail(source, f"entry {ids.index(n.id) + 1} ({n.id!r}): parent {n.parent!r} is not in the file")
    cat = Catalogue(tuple(out), source, fingerprint or hashlib.sha256(text.encode()).hexdigest()[:16])
    for n in out:  # a parent chain that loops is a mistake, not a taxonomy
        seen, p = {n.id}, n.parent
        while p is not None:
            if p in seen:
                raise _fail(source, f"entry {ids.index(n.id) + 1} ({n.id!r}): its parents form a loop")
            seen.add(p)
            p = cat.get(p).parent
    if not cat.matchable:
        raise _fail(source, "no entry has examples, so nothing can be matched")
    return cat


def _entry(source: str, k: int, entry: Any) -> Narrative:
    if not isinstance(entry, dict):
        raise _fail(source, f"entry {k}: expected a mapping with id, name, description, examples")
    nid = entry.get("id")
    label = f"entry {k} ({nid!r})" if nid is not None else f"entry {k}"
    if not isinstance(nid, str) or not _ID.match(nid):
        raise _fail(source, f"{label}: 'id' must be lower_snake_case letters, digits and _ (2-64)")
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise _fail(source, f"{label}: unknown key {unknown[0]!r}; known: {', '.join(sorted(_KEYS))}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, f"{label}: 'name' is missing")
    desc = entry.get("description") or ""
    if not isinstance(desc, str):
        raise _fail(source, f"{label}: 'description' must be text")
    examples = _examples(source, label, entry, "examples")
    negatives = _examples(source, label, entry, "negatives")
    threshold = entry.get("threshold")
    if threshold is not None:
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
            raise _fail(source, f"{label}: 'threshold' must be a number from 0 to 1")
        threshold = float(threshold)
    parent = entry.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise _fail(source, f"{label}: 'parent' must be an id")
    sources = entry.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    return Narrative(nid, " ".join(name.split()), " ".join(desc.split()), examples, parent, threshold,
                     tuple(str(s) for s in sources), negatives)


def _examples(source: str, label: str, entry: dict[str, Any], key: str) -> tuple[Example, ...]:
    raw = entry.get(key) or []
    if not isinstance(raw, list):
        raise _fail(source, f"{label}: '{key}' must be a list")
    out = []
    for j, ex in enumerate(raw, 1):
        if isinstance(ex, str) and ex.strip():
            out.append(Example(" ".join(ex.split())))
        elif isinstance(ex, dict) and isinstance(ex.get("text"), str) and ex["text"].strip():
            out.append(Example(" ".join(ex["text"].split()), str(ex.get("lang") or "en").lower()))
        else:
            raise _fail(source, f"{label}: {key[:-1]} {j} must be text or {{text, lang}}")
    return tuple(out)
