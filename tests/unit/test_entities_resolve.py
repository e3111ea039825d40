"""Speaker resolution over a hand-made entities layer (no spaCy model; issue 4)."""

from __future__ import annotations

import re

from propscope.analyzers.entities import EntityAnalyzer, SpeakerResolver
from propscope.article import Article, Span
from propscope.segment import segment

TEXT = ("German Chancellor Angela Merkel met French President Emmanuel Macron on Monday. "
        "Merkel said she was hopeful. Macron said his team was ready, and he added more. "
        "The French president left early. The European Commission, which said it agreed, "
        "published a note. They said nothing else.")


def _ner(article: Article) -> list[Span]:
    out = []
    for surface, label in (("Angela Merkel", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Merkel", "PERSON"),
                           ("Macron", "PERSON"), ("French", "NORP"), ("German", "NORP"),
                           ("The European Commission", "ORG")):
        for m in re.finditer(re.escape(surface), article.text):
            if not any(s.start <= m.start() < s.end for s in out):
                out.append(Span(m.start(), m.end(), label))
    return out


def _resolver() -> tuple[SpeakerResolver, Article]:
    paragraphs, sentences = segment(TEXT)
    article = Article(TEXT, paragraphs=paragraphs, sentences=sentences)
    analyzer = EntityAnalyzer()
    analyzer.ner_fn = _ner
    layer = analyzer.annotate(article, {})["entities"]
    return SpeakerResolver(TEXT, layer.spans, layer.data["entities"]), article


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    hits = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", TEXT)]
    return hits[nth], hits[nth] + len(word)


def test_entities_resolve_surname_and_description():
    r, _ = _resolver()
    assert r.resolve(*_at("Merkel", 1)).name == "Angela Merkel"
    assert r.resolve(*_at("The French president")).name == "Emmanuel Macron"


def test_entities_resolve_pronoun_uses_gender_learned_from_the_text():
    r, _ = _resolver()
    # "she" after Merkel, "he" after Macron; Merkel is the nearer person before "he" only via "Merkel said"
    assert r.resolve(*_at("she")).name == "Angela Merkel"
    assert r.resolve(*_at("he")).name == "Emmanuel Macron"


def test_entities_resolve_relative_pronoun_and_group_pronoun():
    r, _ = _resolver()
    assert r.resolve(*_at("which")).name == "European Commission"
    assert r.resolve(*_at("They")).name == "European Commission"


def test_entities_resolve_unknown_mention_is_none():
    r, _ = _resolver()
    assert r.resolve(*_at("note")) is None


AGENCY_TEXT = ("The Environmental Protection Agency fined the plant, Norvik reported. The agency said the fine "
               "was final. The news agency said the plant would appeal. The space agency said nothing.")


def _agency_resolver(agencies):
    spans, table = [], []
    for surface, eid in (("The Environmental Protection Agency", "org:epa"), ("Norvik", "org:norvik")):
        i = AGENCY_TEXT.index(surface)
        spans.append(Span(i, i + len(surface), "ORG", {"entity": eid}))
        table.append({"id": eid, "name": surface.removeprefix("The "), "type": "ORG"})
    return SpeakerResolver(AGENCY_TEXT, spans, table, agencies)


def _in_agency_text(phrase):
    i = AGENCY_TEXT.index(phrase)
    return i, i + len(phrase)


def test_entities_resolve_the_agency_to_the_nearest_agency_and_the_news_agency_to_a_news_agency():
    r = _agency_resolver({"org:epa": False, "org:norvik": True})
    assert r.resolve(*_in_agency_text("The agency")).id == "org:norvik"  # the nearest agency before it
    norvik = _in_agency_text("Norvik")
    assert r.resolve(*_in_agency_text("The agency"), skip=norvik).id == "org:epa"  # Norvik inside the content
    assert r.resolve(*_in_agency_text("The news agency")).id == "org:norvik"
    only_epa = _agency_resolver({"org:epa": False})
    assert only_epa.resolve(*_in_agency_text("The news agency")) is None  # the EPA is no news agency
    assert only_epa.resolve(*_in_agency_text("The space agency")) is None  # not "the agency" of this article
    assert _agency_resolver({}).resolve(*_in_agency_text("The agency")) is None  # no agency known


def test_entities_resolve_generic_words_name_people_but_not_organisations():
    text = "Margaret Court met the Supreme Court. Court said it went well. The court said nothing."
    spans = [Span(0, 14, "PERSON", {"entity": "person:court"}), Span(19, 36, "ORG", {"entity": "org:supreme"})]
    table = [{"id": "person:court", "name": "Margaret Court", "type": "PERSON"},
             {"id": "org:supreme", "name": "Supreme Court", "type": "ORG"}]
    r = SpeakerResolver(text, spans, table)
    i = text.index("Court said")
    assert r.resolve(i, i + 5).id == "person:court"  # a name NER missed: still hers
    i = text.index("The court")
    assert r.resolve(i, i + 9) is None  # "court" in lower case names nobody


def test_entities_resolve_a_role_of_a_country_to_its_holder_not_to_the_country():
    text = "Karvinia's president said order was restored. President Aurel Dorran spoke on TV."
    spans = [Span(0, 8, "GPE", {"entity": "gpe:karvinia"}), Span(56, 68, "PERSON", {"entity": "person:dorran"})]
    table = [{"id": "gpe:karvinia", "name": "Karvinia", "type": "GPE"},
             {"id": "person:dorran", "name": "Aurel Dorran", "type": "PERSON", "roles": ["president"]}]
    mention = (0, len("Karvinia's president"))
    assert SpeakerResolver(text, spans, table).resolve(*mention).id == "person:dorran"
    table.append({"id": "person:other", "name": "Ana Rell", "type": "PERSON", "roles": ["vice president"]})
    assert SpeakerResolver(text, spans, table).resolve(*mention) is None  # two presidents: nobody, not Karvinia


def test_entities_resolve_a_persons_party_or_spokesman_is_not_the_person():
    text = "Mira Kostel spoke. Kostel's party, the Democratic Choice Movement, said no. Kostel's spokesman said yes."
    kostel = [m.start() for m in re.finditer("Kostel", text)]
    spans = [Span(0, 11, "PERSON", {"entity": "person:kostel"}),
             Span(kostel[1], kostel[1] + 6, "PERSON", {"entity": "person:kostel"}),
             Span(text.index("the Democratic"), text.index(", said"), "ORG", {"entity": "org:dcm"}),
             Span(kostel[2], kostel[2] + 6, "PERSON", {"entity": "person:kostel"})]
    table = [{"id": "person:kostel", "name": "Mira Kostel", "type": "PERSON"},
             {"id": "org:dcm", "name": "Democratic Choice Movement", "type": "ORG"}]
    r = SpeakerResolver(text, spans, table)
    party = (kostel[1], text.index(", said"))
    assert r.resolve(*party).id == "org:dcm"
    assert r.resolve(kostel[2], kostel[2] + len("Kostel's spokesman")) is None  # someone else, unnamed
    assert r.resolve(kostel[1], kostel[1] + 6).id == "person:kostel"  # the name alone is still hers


def test_entities_resolve_a_pronoun_passes_over_a_person_named_as_a_possessor():
    text = "Eva Sandor criticised it. Ilona Varga dismissed that. Asked about Sandor's remarks, she said no."
    sandor, varga = text.index("Eva Sandor"), text.index("Ilona Varga")
    poss = text.index("Sandor's")
    spans = [Span(sandor, sandor + 10, "PERSON", {"entity": "person:sandor"}),
             Span(varga, varga + 11, "PERSON", {"entity": "person:varga"}),
             Span(poss, poss + 6, "PERSON", {"entity": "person:sandor"})]
    table = [{"id": "person:sandor", "name": "Eva Sandor", "type": "PERSON", "gender": "f"},
             {"id": "person:varga", "name": "Ilona Varga", "type": "PERSON", "gender": "f"}]
    she = text.index("she said")
    assert SpeakerResolver(text, spans, table).resolve(she, she + 3).id == "person:varga"
    alone = "Asked about Sandor's remarks, she said no."  # no one else: the possessor it is
    spans = [Span(12, 18, "PERSON", {"entity": "person:sandor"})]
    she = alone.index("she")
    assert SpeakerResolver(alone, spans, table[:1]).resolve(she, she + 3).id == "person:sandor"


def test_entities_and_attribution_leave_an_article_they_cannot_read_empty_and_say_why():
    from propscope.analyzers.attribution import AttributionAnalyzer

    text = "Президент Владимир Путин заявил, что Запад пытается уничтожить страну."
    paragraphs, sentences = segment(text)
    russian = Article(text, paragraphs=paragraphs, sentences=sentences, language="ru")
    entities = EntityAnalyzer()
    names = [("Владимир Путин", "PERSON"), ("Запад", "LOC")]
    entities.ner_fn = lambda a: [Span(text.index(n), text.index(n) + len(n), label) for n, label in names]
    layer = entities.annotate(russian, {})["entities"]
    assert layer.spans == () and layer.data["entities"] == []
    assert layer.data["skipped"] == "the spaCy English pipeline reads English only; this article's language is Russian"
    attributions = AttributionAnalyzer().annotate(russian, {"entities": layer})["attributions"]
    assert attributions.spans == () and "Russian" in attributions.data["skipped"]
    english = Article(text, paragraphs=paragraphs, sentences=sentences, language=None)  # not told: read
    assert len(entities.annotate(english, {})["entities"].spans) == 2


def test_entities_resolve_a_nationality_qualifying_a_body_is_not_the_speaker():
    text = "The Vostranian foreign ministry said no. Vostranian officials said yes."
    spans = [Span(4, 14, "NORP", {"entity": "norp:vostranian"}), Span(41, 51, "NORP", {"entity": "norp:vostranian"})]
    table = [{"id": "norp:vostranian", "name": "Vostranian", "type": "NORP"}]
    r = SpeakerResolver(text, spans, table)
    assert r.resolve(0, len("The Vostranian foreign ministry")) is None
    assert r.resolve(41, 61).id == "norp:vostranian"  # "Vostranian officials": the group, as before
    media = "Western media called them activists."
    r = SpeakerResolver(media, [Span(0, 7, "NORP", {"entity": "norp:western"})],
                        [{"id": "norp:western", "name": "Western", "type": "NORP"}])
    assert r.resolve(0, len("Western media")) is None


def test_entities_resolve_a_place_qualifying_a_body_is_not_the_speaker_unless_it_owns_it():
    text = "An Oregon jury found them guilty. Russia's foreign ministry said no. Oregon officials agreed."
    o1, r, o2 = text.index("Oregon jury"), text.index("Russia"), text.index("Oregon officials")
    spans = [Span(o1, o1 + 6, "GPE", {"entity": "gpe:oregon"}), Span(r, r + 6, "GPE", {"entity": "gpe:russia"}),
             Span(o2, o2 + 6, "GPE", {"entity": "gpe:oregon"})]
    table = [{"id": "gpe:oregon", "name": "Oregon", "type": "GPE"}, {"id": "gpe:russia", "name": "Russia", "type": "GPE"}]
    res = SpeakerResolver(text, spans, table)
    assert res.resolve(0, len("An Oregon jury")) is None
    assert res.resolve(r, r + len("Russia's foreign ministry")).id == "gpe:russia"
    assert res.resolve(o2, o2 + len("Oregon officials")).id == "gpe:oregon"


def test_entities_resolve_a_number_word_is_no_name():
    text = "He flew on Air Force One. One official said it was fine."
    spans = [Span(11, 24, "ORG", {"entity": "org:af1"})]
    table = [{"id": "org:af1", "name": "Air Force One", "type": "ORG"}]
    i = text.index("One official")
    assert SpeakerResolver(text, spans, table).resolve(i, i + len("One official")) is None


def _people(text: str, names: dict[str, str], others: dict[str, str] | None = None) -> SpeakerResolver:
    """A resolver over every occurrence of each surface: ``names`` people, ``others`` -> type."""
    mentions, table = [], {}
    for surface, label in [*((n, "PERSON") for n in names), *(others or {}).items()]:
        eid = label.lower() + ":" + (names.get(surface) or surface).lower().replace(" ", "-")
        table[eid] = {"id": eid, "name": names.get(surface) or surface, "type": label}
        for m in re.finditer(re.escape(surface), text):
            mentions.append(Span(m.start(), m.end(), label, {"entity": eid}))
    return SpeakerResolver(text, mentions, list(table.values()))


def test_entities_resolve_gender_vote_reads_past_a_place_to_the_pronoun():
    text = "For Ada Roe in Lyon, the news came a month before she turned 25."
    r = _people(text, {"Ada Roe": "Ada Roe"}, {"Lyon": "GPE"})
    assert r.gender["person:ada-roe"] == "f"


def test_entities_resolve_gender_vote_skips_a_person_named_after_the_subject():
    text = "When Ada Roe met Kim Lind at a bar, she felt a jolt."
    r = _people(text, {"Ada Roe": "Ada Roe", "Kim Lind": "Kim Lind", "Lind": "Kim Lind"})
    assert r.gender["person:kim-lind"] is None  # the pronoun stands for Roe, the subject


def test_entities_resolve_gender_vote_stops_at_a_plural_and_weighs_said_he():
    text = ("Kim Lind said he was ready. Lind said they had to ask whether she could stay. "
            "Lind, 41, spoke to her later.")
    r = _people(text, {"Kim Lind": "Kim Lind", "Lind": "Kim Lind"})
    assert r.gender["person:kim-lind"] == "m"


def test_entities_resolve_the_pm_is_the_one_prime_minister_named():
    text = "Hungarian Prime Minister Viktor Orban spoke on Monday. The PM said the border would stay shut."
    paragraphs, sentences = segment(text)
    article = Article(text, paragraphs=paragraphs, sentences=sentences)
    analyzer = EntityAnalyzer()
    analyzer.ner_fn = lambda a: [Span(text.index("Viktor Orban"), text.index("Viktor Orban") + 12, "PERSON"),
                                 Span(0, 9, "NORP")]
    layer = analyzer.annotate(article, {})["entities"]
    r = SpeakerResolver(text, layer.spans, layer.data["entities"])
    pm = text.index("The PM")
    assert r.resolve(pm, pm + len("The PM")).name == "Viktor Orban"


def test_entities_resolve_gender_vote_skips_a_pronoun_whose_clause_names_the_person_as_him():
    text = "She worked where Kim Lind was treated, so she visited him daily."
    r = _people(text, {"Kim Lind": "Kim Lind"})
    assert r.gender["person:kim-lind"] is None
