"""Tokens and CRF features for attribution tagging (shared by training and the analyzer).

Tokens come from a fast regex (words, a possessive ``'s`` apart, single punctuation marks);
features are lexical and positional only, no parser: the word and its shape, a cue lexicon
(learned from the training data and stored with the model), neighbouring words, whether the
token lies inside quotation marks (from :func:`propscope.analyzers.quotes.find_quotes`),
where it sits in its sentence relative to the nearest cue word and to quotes, and the
named-entity type of the token when an ``entities`` layer is given.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from propscope.article import Span

__all__ = ["Token", "Unit", "dependency_tree", "featurize", "quote_depths", "span_labels", "tokenize", "units"]

_TOKEN = re.compile(r"\w+(?=[’']s\b)|[’']s\b|\w+(?:[’'\-]\w+)*|[^\w\s]")
QUOTE_MARKS = frozenset("\"“”„«»‘’‹›")
PRONOUNS = frozenset(["he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "us", "me", "who", "which", "his", "their", "its", "our"])
TITLES = frozenset(["mr", "mrs", "ms", "dr", "gov", "sen", "rep", "president", "secretary", "minister", "senator", "governor", "chairman", "spokesman", "spokeswoman", "spokesperson", "candidate", "nominee", "leader"])


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Unit:
    """A tagging unit: the tokens of one paragraph (or a sentence-aligned slice of a long one)."""

    tokens: tuple[Token, ...]
    sent_starts: tuple[int, ...]  # token indices where a sentence begins


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(start + m.start(), start + m.end(), m.group()) for m in _TOKEN.finditer(text[start:end])]


def units(text: str, paragraphs: Sequence[Span], sentences: Sequence[Span], max_tokens: int = 250) -> list[Unit]:
    """Paragraph units, split at sentence boundaries when longer than ``max_tokens``."""
    sent_starts = [s.start for s in sentences]
    out: list[Unit] = []
    for para in paragraphs:
        toks = tokenize(text, para.start, para.end)
        if not toks:
            continue
        starts = [0]
        k = bisect.bisect_right(sent_starts, para.start)
        tok_starts = [t.start for t in toks]
        while k < len(sent_starts) and sent_starts[k] < para.end:
            i = bisect.bisect_left(tok_starts, sent_starts[k])
            if 0 < i < len(toks) and i not in starts:
                starts.append(i)
            k += 1
        # slice long paragraphs at sentence starts
        cut = 0
        for j, s in enumerate(starts + [len(toks)]):
            if s - cut > max_tokens and j > 0 and starts[j - 1] > cut:
                prev = starts[j - 1]
                out.append(Unit(tuple(toks[cut:prev]), tuple(x - cut for x in starts if cut <= x < prev)))
                cut = prev
        # very long sentences without boundaries: hard slices
        rest = toks[cut:]
        rest_starts = [x - cut for x in starts if x >= cut]
        while len(rest) > 4 * max_tokens:
            out.append(Unit(tuple(rest[: 2 * max_tokens]), tuple(x for x in rest_starts if x < 2 * max_tokens) or (0,)))
            rest = rest[2 * max_tokens :]
            rest_starts = [x - 2 * max_tokens for x in rest_starts if x >= 2 * max_tokens] or [0]
        out.append(Unit(tuple(rest), tuple(rest_starts) if rest_starts and rest_starts[0] == 0 else (0, *rest_starts)))
    return out


def _shape(w: str) -> str:
    out: list[str] = []
    for c in w[:6]:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7-12" if n < 13 else "13+"


def featurize(
    unit: Unit,
    inside_quote: Sequence[int],
    cue_words: frozenset[str],
    ents: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    tree: Sequence[tuple[str, int]] | None = None,
) -> list[dict[str, float]]:
    """One feature dict per token.

    ``inside_quote[i]`` is the quote depth of token i, ``ents[i]`` its NER type (or ""),
    ``tags[i]`` its part-of-speech tag (or ""), ``tree[i]`` its dependency label and the
    unit index of its head (-1 when the head is outside the unit or unknown).
    """
    toks = unit.tokens
    n = len(toks)
    lows = [t.text.lower() for t in toks]
    is_cue = [w in cue_words for w in lows]
    sent_id = [0] * n
    starts_list = sorted(set(unit.sent_starts) | {0})
    starts = set(starts_list)
    for k, s in enumerate(starts_list):
        end = starts_list[k + 1] if k + 1 < len(starts_list) else n
        for i in range(s, end):
            sent_id[i] = k
    # nearest cue word to the left/right within the sentence
    left_cue = [-1] * n
    last = -1
    for i in range(n):
        if i in starts:
            last = -1
        left_cue[i] = last
        if is_cue[i]:
            last = i
    right_cue = [-1] * n
    nxt = -1
    for i in range(n - 1, -1, -1):
        right_cue[i] = nxt
        if is_cue[i]:
            nxt = i
        if i in starts:
            nxt = -1
    sent_bounds: dict[int, tuple[int, int]] = {}
    for k, st in enumerate(starts_list):
        sent_bounds[k] = (st, starts_list[k + 1] if k + 1 < len(starts_list) else n)
    sent_has_quote = {}
    for i in range(n):
        if inside_quote[i]:
            sent_has_quote[sent_id[i]] = True
    feats: list[dict[str, float]] = []
    for i, t in enumerate(toks):
        w = lows[i]
        f: dict[str, float] = {
            "b": 1.0,
            "w=" + w: 1.0,
            "sh=" + _shape(t.text): 1.0,
            "suf3=" + w[-3:]: 1.0,
            "q=" + str(min(inside_quote[i], 2)): 1.0,
        }
        if t.text in QUOTE_MARKS or t.text in ("'", "''", "``"):
            f["qmark"] = 1.0
            f["qmark_in=" + str(min(inside_quote[i], 2))] = 1.0
        if is_cue[i]:
            f["cue"] = 1.0
        if w in PRONOUNS:
            f["pron"] = 1.0
        if w in TITLES:
            f["title"] = 1.0
        if t.text[:1].isupper():
            f["cap"] = 1.0
        if i in starts:
            f["sent_start"] = 1.0
        if i == 0:
            f["unit_start"] = 1.0
        if i == n - 1 or (i + 1) in starts:
            f["sent_end"] = 1.0
        if ents is not None and ents[i]:
            f["ent=" + ents[i]] = 1.0
        lc, rc = left_cue[i], right_cue[i]
        f["lcue=" + (_bucket(i - lc) if lc >= 0 else "none")] = 1.0
        f["rcue=" + (_bucket(rc - i) if rc >= 0 else "none")] = 1.0
        if lc >= 0:
            f["lcue_w=" + lows[lc]] = 1.0
            f["lcue_q=" + str(min(inside_quote[lc], 1))] = 1.0
        if rc >= 0:
            f["rcue_w=" + lows[rc]] = 1.0
        if sent_has_quote.get(sent_id[i]):
            f["sent_quote"] = 1.0
        s0, s1 = sent_bounds[sent_id[i]]
        f["sw=" + lows[s0]] = 1.0
        f["spos=" + _bucket(i - s0)] = 1.0
        f["send=" + _bucket(s1 - 1 - i)] = 1.0
        if tags is not None:
            tg = tags[i]
            f["t=" + tg] = 1.0
            if tg.startswith("VB"):
                f["verb"] = 1.0
                if is_cue[i]:
                    f["cue_verb"] = 1.0
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < n:
                    f[f"t{d}=" + tags[j]] = 1.0
            if i > 0:
                f["tb-=" + tags[i - 1] + "|" + tg] = 1.0
            if i + 1 < n:
                f["tb+=" + tg + "|" + tags[i + 1]] = 1.0
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            if 0 <= j < n:
                if abs(d) <= 2:
                    f[f"w{d}=" + lows[j]] = 1.0
                if is_cue[j]:
                    f[f"cue{d}"] = 1.0
                if abs(d) == 1:
                    f[f"q{d}=" + str(min(inside_quote[j], 2))] = 1.0
                    f[f"sh{d}=" + _shape(toks[j].text)] = 1.0
                    if ents is not None and ents[j]:
                        f[f"ent{d}=" + ents[j]] = 1.0
            else:
                f[f"pad{d}"] = 1.0
        if lc >= 0 and i - lc <= 3 and any(lows[k] == "that" for k in range(lc + 1, i)):
            f["after_cue_that"] = 1.0
        if i > 0 and lows[i - 1] == "that" and lc >= 0:
            f["that_after_cue"] = 1.0
        if lc >= 0 and any(lows[k] == "," for k in range(lc + 1, i)):
            f["comma_since_lcue"] = 1.0
        if rc >= 0 and any(lows[k] == "," for k in range(i + 1, rc)):
            f["comma_before_rcue"] = 1.0
        if toks[s0].text in QUOTE_MARKS:
            f["sent_opens_quote"] = 1.0
        if toks[s1 - 1].text in QUOTE_MARKS or (s1 - 2 >= s0 and toks[s1 - 2].text in QUOTE_MARKS):
            f["sent_ends_quote"] = 1.0
        if tags is not None:
            if lc >= 0:
                f["lcue_t=" + tags[lc]] = 1.0
            if rc >= 0:
                f["rcue_t=" + tags[rc]] = 1.0
        if i > 0:
            f["bi-=" + lows[i - 1] + "|" + w] = 1.0
        if i + 1 < n:
            f["bi+=" + w + "|" + lows[i + 1]] = 1.0
        if tree is not None:
            _tree_features(f, i, tree, is_cue)
        feats.append(f)
    return feats


def _tree_features(f: dict[str, float], i: int, tree: Sequence[tuple[str, int]], is_cue: Sequence[bool]) -> None:
    """Where the token hangs under the nearest cue word above it in the dependency tree.

    Content of reported speech is mostly the clausal complement of its cue (``ccomp``) and
    the source its subject (``nsubj``): the relation of the branch that leads from the cue
    down to the token, and which side of the cue it is on, say which role the token can take.
    """
    dep, head = tree[i]
    f["dep=" + dep] = 1.0
    if head >= 0 and head != i:
        f["hdep=" + dep + "|" + tree[head][0]] = 1.0
        if is_cue[head]:
            f["head_cue=" + dep] = 1.0
    if is_cue[i]:
        f["cue_dep=" + dep] = 1.0
    node, depth = i, 0
    while depth < 12:
        parent = tree[node][1]
        if parent < 0 or parent == node:
            break
        depth += 1
        if is_cue[parent]:
            side = "L" if i < parent else "R"
            branch = tree[node][0]
            f["acue=" + branch] = 1.0
            f["acue_side=" + branch + side] = 1.0
            f["acue_d=" + _bucket(depth)] = 1.0
            return
        node = parent
    else:
        f["deep"] = 1.0
    if depth:  # the token has ancestors, none of them a cue word
        f["acue=none"] = 1.0


def dependency_tree(tokens: Sequence[Token], tags: Sequence[Span], deps: Sequence[str],
                    heads: Sequence[int], tag_starts: Sequence[int] | None = None) -> list[tuple[str, int]]:
    """``(label, head index in tokens)`` for each token, from spaCy tokens ``tags``/``deps``/``heads``.

    A regex token takes the parse of the spaCy token covering its first character; its head
    is the regex token covering the first character of that spaCy head (-1 when none does).
    ``tag_starts`` (the start of each of ``tags``) saves rebuilding it for every unit of an article.
    """
    out: list[tuple[str, int]] = [("", -1)] * len(tokens)
    if not tags or not deps or not tokens:
        return out
    sp_starts = tag_starts if tag_starts is not None else [s.start for s in tags]
    tok_starts = [t.start for t in tokens]
    for i, t in enumerate(tokens):
        k = bisect.bisect_right(sp_starts, t.start) - 1
        if k < 0 or not (tags[k].start <= t.start < tags[k].end):
            continue
        h = heads[k]
        hs = tags[h].start
        j = bisect.bisect_right(tok_starts, hs) - 1
        if j >= 0 and tokens[j].start <= hs < tokens[j].end and j != i:
            out[i] = (deps[k], j)
        elif h == k:
            out[i] = (deps[k], i)
        else:
            out[i] = (deps[k], -1)
    return out


def quote_depths(tokens: Sequence[Token], quotes: Sequence[Span]) -> list[int]:
    """Quote depth of each token (a quote mark that opens or closes counts as inside)."""
    depth = [0] * len(tokens)
    if not quotes:
        return depth
    starts = [t.start for t in tokens]
    for q in quotes:
        i = bisect.bisect_left(starts, q.start)
        while i < len(tokens) and tokens[i].start < q.end:
            depth[i] += 1
            i += 1
    return depth


def span_labels(spans: Sequence[Span], tokens: Sequence[Token]) -> list[str]:
    """The label of the span covering each token's first character ("" where none does)."""
    out = [""] * len(tokens)
    if not spans or not tokens:
        return out
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    for i, t in enumerate(tokens):
        k = bisect.bisect_right(starts, t.start) - 1
        if k >= 0 and ordered[k].start <= t.start < ordered[k].end:
            out[i] = ordered[k].label
    return out


def stack_features(feats: list[dict[str, float]], unit: Unit, tagger: object) -> list[dict[str, float]]:
    """Level-2 features: the level-1 CRF's tags around each token and in its sentence.

    ``tagger`` is a ``pycrfsuite.Tagger`` already opened on the level-1 model; it tags
    ``feats`` here and its output is added to copies of them.
    """
    n = len(feats)
    pred = tagger.tag(feats)  # type: ignore[attr-defined]
    roles = [p[2:] if p != "O" else "O" for p in pred]
    starts = sorted(set(unit.sent_starts) | {0})
    sent_of = [0] * n
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else n
        for i in range(s, e):
            sent_of[i] = k
    sent_roles: dict[int, set[str]] = {}
    for i, r in enumerate(roles):
        sent_roles.setdefault(sent_of[i], set()).add(r)
    cue_pos = [i for i, r in enumerate(roles) if r == "CUE"]
    out = []
    for i, f in enumerate(feats):
        g = dict(f)
        g["p=" + pred[i]] = 1.0
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            g[f"p{d}=" + (pred[j] if 0 <= j < n else "PAD")] = 1.0
        rs = sent_roles.get(sent_of[i], set())
        for r in ("CUE", "SRC", "CON"):
            if r in rs:
                g["sent_has_" + r] = 1.0
        left = [c for c in cue_pos if c < i]
        right = [c for c in cue_pos if c > i]
        g["pcue_l=" + (_bucket(i - left[-1]) if left else "none")] = 1.0
        g["pcue_r=" + (_bucket(right[0] - i) if right else "none")] = 1.0
        if left and sent_of[left[-1]] == sent_of[i]:
            g["pcue_l_same_sent"] = 1.0
        if right and sent_of[right[0]] == sent_of[i]:
            g["pcue_r_same_sent"] = 1.0
        out.append(g)
    return out
