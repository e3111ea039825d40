"""The subject of the clause a participle cue hangs on: who says "…, saying …".

"The mayor criticised the plan on Friday, saying it would fail", "A county court judge
chastised the station, saying it had been playing games": the participle has no subject of
its own; it is said by the subject of the verb it modifies.  The tagger leaves such a cue
without a source, and a named mention at the sentence start is not always there to take
(a description heads the clause, or an adjunct opens the sentence: "At a rally in Ohio,
Mr. Trump struck a measured tone, saying …").  The dependency parse gives the subject: the
participle is an adverbial clause (``advcl``) on a verb, and that verb's ``nsubj`` with its
modifiers is the source: the one nearest the verb when the parser gives two ("In Salem, New
Hampshire, Trump went …"), the name before an appositive, the named appositive of a
description ("the other candidate, former Secretary of State X, drew …"), and no common noun
that names no one who can speak ("The criticism of X comes as …, mentioning …").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from propscope.article import Span

from .descriptions import BODY_HEADS, _is_person_noun
from .relative import _tokens_in
from .source_names import _BODY_NOUNS, _DOC_NOUNS, _PEOPLE_GROUPS

__all__ = ["participle_subject"]

#: bodies and the documents that speak for them ("the company", "the ministry", "the report")
_SPEAKING = BODY_HEADS | _BODY_NOUNS | _DOC_NOUNS

_SUBJECTS = frozenset({"nsubj"})
#: subjects that name nobody: expletives and relative words (their antecedent is the source)
_EMPTY = frozenset({"there", "that", "which", "who", "whom", "what", "this", "these", "those"})


def participle_subject(text: str, cue: tuple[int, int], lo: int, nlp_out: Any,
                       mentions: Sequence[Span] = ()) -> tuple[int, int] | None:
    """The span of the subject whose verb the participle ``cue`` modifies ("X criticised Y,
    saying …": X with its modifiers), when the parse has it between ``lo`` (the sentence
    start) and the cue; else None.  A subject whose head word lies in an entity mention is
    that mention ("The US Mission in China issued …": the body's name, as the entity layer
    cut it)."""
    if nlp_out is None or not getattr(nlp_out, "deps", ()):
        return None
    tags, deps, heads = nlp_out.tags, nlp_out.deps, nlp_out.heads
    if len(deps) != len(tags) or len(heads) != len(tags):
        return None
    toks = [i for i in _tokens_in(tags, *cue) if tags[i].label == "VBG"]
    if not toks or deps[toks[-1]] != "advcl":
        return None
    verb = heads[toks[-1]]
    if verb == toks[-1] or tags[verb].start >= cue[0]:
        return None
    # the subject nearest the verb: "In Salem, New Hampshire, Trump went …" parses with two
    subj = next((i for i in range(verb - 1, max(-1, verb - 60), -1) if heads[i] == verb and deps[i] in _SUBJECTS), None)
    if subj is None or tags[subj].start < lo or text[tags[subj].start : tags[subj].end].lower() in _EMPTY:
        return None
    # the subject's subtree, left of its verb: its determiners, modifiers and "of"-phrases
    inside = []
    for i in range(max(0, subj - 40), verb):
        j, steps = i, 0
        while j != subj and heads[j] != j and steps < 40:
            j, steps = heads[j], steps + 1
        if j == subj:
            inside.append(i)
    a, b = min(tags[i].start for i in inside), max(tags[i].end for i in inside)
    if tags[subj].label in ("NN", "NNS"):  # "the other candidate, former Secretary of State X, drew …": X
        for i in inside:
            if heads[i] == subj and deps[i] == "appos":
                named = next((m for m in mentions if m.start <= tags[i].start and tags[i].end <= m.end
                              and m.label in ("PERSON", "ORG")), None)
                if named is not None:
                    return (named.start, named.end)
    if any(ch in text[a:b] for ch in ",;:()"):  # "X, a top surrogate, …": the name before the appositive
        b = tags[subj].end
    if a < lo or any(ch in text[a:b] for ch in ",;:\"“”()"):
        return None  # a quotation or a clause inside: leave it to the other rules
    named = next((m for m in mentions if m.start <= tags[subj].start and tags[subj].end <= m.end), None)
    if named is not None and a <= named.start and named.end <= b:
        return (named.start, named.end)
    if tags[subj].label in ("NN", "NNS") and not _agent(text[tags[subj].start : tags[subj].end]):
        return None  # "The criticism of X comes as …, mentioning": a thing that says nothing
    return (a, b)


def _agent(noun: str) -> bool:
    """Whether a common noun heads a person, a group of people, a body or a document ("judge",
    "parents", "police", "company", "report"), which can say something; "criticism", "attack" cannot."""
    w = noun.lower()
    forms = {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w}
    return w in _PEOPLE_GROUPS or any(_is_person_noun(f) or f in _SPEAKING for f in forms)
