"""From BIO tags to attributions, and the tokens and features behind them (no model; issue 4)."""

from __future__ import annotations

from propscope.analyzers.attribution.decode import chunks_from_tags, decode, kind_of, quote_mask
from propscope.analyzers.attribution.features import featurize, quote_depths, tokenize, units
from propscope.analyzers.attribution.model import decode_units
from propscope.analyzers.quotes import find_quotes
from propscope.article import Span
from propscope.segment import segment


def _decode(text: str, tagged: list[tuple[str, str]]):
    """``tagged`` lists (token text, tag) for the tokens of ``text`` in order."""
    toks = tokenize(text)
    assert [t.text for t in toks] == [w for w, _ in tagged]
    paragraphs, sentences = segment(text)
    us = units(text, paragraphs, sentences)
    flat = [tag for _, tag in tagged]
    tags, k = [], 0
    for u in us:
        tags.append(flat[k : k + len(u.tokens)])
        k += len(u.tokens)
    return decode_units(text, us, tags, find_quotes(text, paragraphs))


def _texts(text, spans):
    return [text[a:b] for a, b in spans]


def test_attribution_tokenize_splits_possessive_and_punctuation():
    assert [t.text for t in tokenize("Macron’s “plan,” he said.")] == ["Macron", "’s", "“", "plan", ",", "”", "he",
                                                                     "said", "."]


def test_attribution_decode_discontinuous_quote_around_cue():
    text = '"We will win," Smith said, "and soon."'
    tags = [('"', "B-CON"), ("We", "I-CON"), ("will", "I-CON"), ("win", "I-CON"), (",", "I-CON"), ('"', "I-CON"),
            ("Smith", "B-SRC"), ("said", "B-CUE"), (",", "O"), ('"', "B-CON"), ("and", "I-CON"), ("soon", "I-CON"),
            (".", "I-CON"), ('"', "I-CON")]
    (d,) = _decode(text, tags)
    assert _texts(text, d.content) == ['"We will win,"', '"and soon."']
    assert text[d.cue[0] : d.cue[1]] == "said" and text[d.source[0] : d.source[1]] == "Smith"


def test_attribution_decode_two_speakers_in_one_sentence():
    text = "Smith said taxes rise and Jones said they fall."
    tags = [("Smith", "B-SRC"), ("said", "B-CUE"), ("taxes", "B-CON"), ("rise", "I-CON"), ("and", "O"),
            ("Jones", "B-SRC"), ("said", "B-CUE"), ("they", "B-CON"), ("fall", "I-CON"), (".", "O")]
    a, b = _decode(text, tags)
    assert _texts(text, a.content) == ["taxes rise"] and text[a.source[0] : a.source[1]] == "Smith"
    assert _texts(text, b.content) == ["they fall"] and text[b.source[0] : b.source[1]] == "Jones"


def test_attribution_decode_quote_running_into_next_paragraph():
    text = '"The first part," she said.\n\n"The second part."'
    tags = [('"', "B-CON"), ("The", "I-CON"), ("first", "I-CON"), ("part", "I-CON"), (",", "I-CON"), ('"', "I-CON"),
            ("she", "B-SRC"), ("said", "B-CUE"), (".", "O"),
            ('"', "B-CON"), ("The", "I-CON"), ("second", "I-CON"), ("part", "I-CON"), (".", "I-CON"), ('"', "I-CON")]
    (d,) = _decode(text, tags)
    assert _texts(text, d.content) == ['"The first part,"', '"The second part."']


def test_attribution_decode_content_without_cue_stands_alone():
    text = "The plan failed."
    tags = [("The", "B-CON"), ("plan", "I-CON"), ("failed", "I-CON"), (".", "O")]
    (d,) = _decode(text, tags)
    assert d.cue is None and d.source is None


def test_attribution_decode_no_tags_no_attributions():
    assert decode(chunks_from_tags([], [], [], [], [])) == []


def test_attribution_kind_of_direct_mixed_indirect():
    text = 'He called it "a coup" and said "we will not stop." Then he left.'
    quotes = find_quotes(text, [Span(0, len(text))])
    mask = quote_mask(len(text), quotes)
    direct = (text.index('"we'), text.index('stop."') + 6)
    mixed = (text.index("it"), text.index('coup"') + 5)
    indirect = (text.index("Then"), len(text))
    assert kind_of([direct], mask, text) == "direct"
    assert kind_of([mixed], mask, text) == "mixed"
    assert kind_of([indirect], mask, text) == "indirect"


def test_attribution_features_quote_state_and_cue_neighbours():
    text = '"Go home," he said.'
    paragraphs, sentences = segment(text)
    (u,) = units(text, paragraphs, sentences)
    depths = quote_depths(u.tokens, find_quotes(text, paragraphs))
    assert depths == [1, 1, 1, 1, 1, 0, 0, 0]
    feats = featurize(u, depths, frozenset({"said"}))
    assert feats[6]["cue"] == 1.0 and feats[5]["cue1"] == 1.0
    assert feats[0]["qmark"] == 1.0 and feats[1]["q=1"] == 1.0


def test_attribution_units_split_long_paragraphs_at_sentences():
    text = " ".join(f"Sentence number {i} is here." for i in range(400))
    paragraphs, sentences = segment(text)
    us = units(text, paragraphs, sentences, max_tokens=50)
    assert len(us) > 10
    assert all(len(u.tokens) <= 60 for u in us)
    assert sum(len(u.tokens) for u in us) == len(tokenize(text))


def test_attribution_decode_content_stops_where_the_next_sentence_has_its_own_cue():
    text = 'Vorel called it "a coup." Only decisive action, he said, saved us.'
    toks = [t.text for t in tokenize(text)]
    tags = ["O"] * len(toks)
    tags[toks.index("Vorel")], tags[toks.index("called")] = "B-SRC", "B-CUE"
    for i in range(toks.index("it"), toks.index("action") + 1):  # the tagger ran on past the quote
        tags[i] = "B-CON" if i == toks.index("it") else "I-CON"
    tags[toks.index("he")], tags[toks.index("said")] = "B-SRC", "B-CUE"
    a, b = _decode(text, list(zip(toks, tags, strict=True)))
    assert _texts(text, a.content) == ['it "a coup."'] and text[a.source[0] : a.source[1]] == "Vorel"
    assert _texts(text, b.content) == ["Only decisive action"] and text[b.source[0] : b.source[1]] == "he"


def test_attribution_decode_a_quotation_across_sentences_stays_whole():
    text = '"We won. We will win again," he said.'
    toks = [t.text for t in tokenize(text)]
    tags = ["B-CON"] + ["I-CON"] * (toks.index("he") - 1) + ["B-SRC", "B-CUE", "O"]
    (d,) = _decode(text, list(zip(toks, tags, strict=True)))
    assert _texts(text, d.content) == ['"We won. We will win again,"']


def test_attribution_decode_source_beside_its_cue_beats_one_from_an_earlier_sentence():
    text = 'Western capitals were quick to act. The ministry called for "calm on all sides" today.'
    toks = [t.text for t in tokenize(text)]
    tags = ["O"] * len(toks)
    tags[0], tags[1] = "B-SRC", "I-SRC"  # a source with no cue of its own in its sentence
    i = toks.index("The")
    tags[i], tags[i + 1] = "B-SRC", "I-SRC"
    tags[toks.index("called")], tags[toks.index("for")] = "B-CUE", "I-CUE"
    q = toks.index("calm") - 1
    for j in range(q, toks.index("sides") + 2):
        tags[j] = "B-CON" if j == q else "I-CON"
    (d,) = _decode(text, list(zip(toks, tags, strict=True)))
    assert text[d.source[0] : d.source[1]] == "The ministry"


def test_attribution_decode_a_long_paragraph_pairs_as_a_full_search_would():
    """The two shortcuts that keep a long paragraph from being cubic are exact: the chunks
    between two chunks counted by binary search, and only cues within reach tried."""
    import random

    from propscope.analyzers.attribution.decode import Chunk, _between, _ParaCues

    rng = random.Random(7)
    for _ in range(40):
        chunks, pos = [], 0
        for _ in range(rng.randint(2, 40)):
            pos += rng.randint(0, 6)
            length = rng.randint(0, 4)
            chunks.append(Chunk(rng.choice(["CUE", "CON", "SRC"]), pos, pos + length, pos, pos + length, 0, 0))
            pos += length + 1
        firsts = sorted(c.first for c in chunks if c.role in ("CUE", "CON"))
        for a in chunks:
            for b in chunks:
                if a is b:
                    continue
                lo, hi = (a, b) if a.first < b.first else (b, a)
                full = sum(1 for c in chunks if c is not a and c is not b and c.role in ("CUE", "CON")
                           and c.first > lo.last and c.last < hi.first)
                assert _between(firsts, a, b) == full
        cues = [c for c in chunks if c.role == "CUE"]
        para = _ParaCues(cues, list(range(len(cues))))
        reach = rng.randint(1, 12)
        for c in chunks:
            near = set(para.near(c, reach))
            for k, cue in enumerate(cues):
                gap = cue.first - c.last - 1 if cue.first > c.last else c.first - cue.last - 1
                if gap < reach:
                    assert k in near


def test_attribution_decode_a_that_clause_belongs_to_the_cue_before_it():
    """'Lavrin said on Wednesday that the sanctions would fail and accused Brussels of banditry.'"""
    from propscope.analyzers.attribution.decode import Chunk

    src = Chunk("SRC", 0, 1, 0, 14, 0, 0)
    said = Chunk("CUE", 2, 2, 15, 19, 0, 0)
    that = Chunk("CON", 5, 9, 33, 60, 0, 0)  # "on Wednesday" lies between: a gap of two tokens
    accused = Chunk("CUE", 11, 11, 65, 72, 0, 0)  # one token ("and") away
    whom = Chunk("CON", 12, 15, 73, 100, 0, 0)
    chunks = [src, said, that, accused, whom]
    plain = {d.cue: d.content for d in decode(chunks)}
    assert plain[(65, 72)] == [(33, 60), (73, 100)]  # nearest cue wins without the flag
    flagged = {d.cue: (d.content, d.source) for d in decode(chunks, None, [False, False, True, False, False])}
    assert flagged[(15, 19)] == ([(33, 60)], (0, 14)) and flagged[(65, 72)][0] == [(73, 100)]
