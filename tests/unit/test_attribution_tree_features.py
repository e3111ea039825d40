"""Dependency-tree features of the attribution tagger: the branch under the nearest cue word."""

from __future__ import annotations

from propscope.analyzers.attribution.features import Unit, dependency_tree, featurize, tokenize
from propscope.article import Span

TEXT = "He said the plan failed."
# spaCy-style parse: tokens, tags, dependency labels and head indices (into the token list)
SPACY = [("He", "PRP", "nsubj", 1), ("said", "VBD", "ROOT", 1), ("the", "DT", "det", 3),
         ("plan", "NN", "nsubj", 4), ("failed", "VBD", "ccomp", 1), (".", ".", "punct", 1)]


def _spacy_parts() -> tuple[list[Span], list[str], list[int]]:
    tags, deps, heads = [], [], []
    pos = 0
    for word, tag, dep, head in SPACY:
        start = TEXT.index(word, pos)
        pos = start + len(word)
        tags.append(Span(start, pos, tag))
        deps.append(dep)
        heads.append(head)
    return tags, deps, heads


def test_dependency_tree_maps_spacy_heads_onto_regex_tokens() -> None:
    tokens = tokenize(TEXT)
    tree = dependency_tree(tokens, *_spacy_parts())
    words = [t.text for t in tokens]
    assert words == ["He", "said", "the", "plan", "failed", "."]
    assert tree[0] == ("nsubj", 1)
    assert tree[1] == ("ROOT", 1)  # a root is its own head
    assert tree[3] == ("nsubj", 4)


def test_dependency_tree_without_a_parse_is_empty() -> None:
    tokens = tokenize(TEXT)
    assert dependency_tree(tokens, [], [], []) == [("", -1)] * len(tokens)


def test_content_clause_and_subject_are_told_apart_by_the_branch_under_the_cue() -> None:
    tokens = tokenize(TEXT)
    unit = Unit(tuple(tokens), (0,))
    tree = dependency_tree(tokens, *_spacy_parts())
    feats = featurize(unit, [0] * len(tokens), frozenset({"said"}), tree=tree)
    # "He" hangs under the cue as its subject, on the left
    assert feats[0].get("acue_side=nsubjL") == 1.0
    # every word of "the plan failed" hangs under the cue through its ccomp branch, on the right
    for i in (2, 3, 4):
        assert feats[i].get("acue_side=ccompR") == 1.0, tokens[i].text
        assert "acue_side=nsubjL" not in feats[i]
    assert feats[4].get("head_cue=ccomp") == 1.0
    assert feats[1].get("cue_dep=ROOT") == 1.0


def test_tree_features_are_absent_without_a_tree() -> None:
    tokens = tokenize(TEXT)
    feats = featurize(Unit(tuple(tokens), (0,)), [0] * len(tokens), frozenset({"said"}))
    assert not any(k.startswith(("acue", "dep=")) for f in feats for k in f)
