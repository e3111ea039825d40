"""Person descriptions as sources resolve to the person introduced with that role (issue 15 §1)."""

from __future__ import annotations

from propscope.analyzers.attribution.descriptions import noun_gender, person_description
from propscope.analyzers.attribution.speakers import AttributionSpeakers
from propscope.article import Span

from speaker_samples import speaker_resolver


def _resolver(text: str, names: dict[str, str]) -> AttributionSpeakers:
    """``names``: surface -> person name (gender unknown)."""
    return speaker_resolver(text, {surface: (name, None) for surface, name in names.items()})


def test_descriptions_person_description_tells_people_from_bodies_documents_and_names():
    assert person_description("the affable proprietor") == ("the", "proprietor")
    assert person_description("The former sergeant-at-arms of the House of Commons") == ("the", "sergeant-at-arms")
    assert person_description("the self-taught Lisbon resident, who sold copies of Grey Harbour") == ("the", "resident")
    assert person_description("his father") == ("his", "father")
    for not_a_person in ("the company", "the report", "her statement", "the government", "the residents",
                         "a senior official", "His father, Ernie Vole", "the Calgary-based railway"):
        assert person_description(not_a_person) is None, not_a_person


def test_descriptions_noun_gender_reads_gendered_nouns():
    assert noun_gender("father") == "m"
    assert noun_gender("spokeswoman") == "f"
    assert noun_gender("proprietor") is None


def test_descriptions_a_role_resolves_to_the_person_introduced_with_it_not_the_last_speaker():
    text = ("Dana Pell, the founder of Inkwell Press, opened the shop in 2017.\n"
            "\"We print anything,\" said Omar Reyes, a printer who works there.\n"
            "\"Even one copy,\" says the founder.")
    r = _resolver(text, {"Dana Pell": "Dana Pell", "Omar Reyes": "Omar Reyes"})
    reyes = r.entities["person:omar-reyes"]
    src = text.rindex("the founder")
    assert r.resolve(src, src + len("the founder"), previous=reyes).name == "Dana Pell"


def test_descriptions_a_premodifying_role_counts_as_an_introduction():
    text = ("League commissioner Ron Abel met the owners.\nCoach Tim Yew left early.\n"
            "The deal is close, the commissioner said.")
    r = _resolver(text, {"Ron Abel": "Ron Abel", "Tim Yew": "Tim Yew"})
    src = text.rindex("the commissioner")
    assert r.resolve(src, src + len("the commissioner")).name == "Ron Abel"


def test_descriptions_a_relative_clause_gives_no_name_to_the_source():
    text = ("Ana Tell draws comics at home.\n"
            "\"It takes months,\" says the self-taught artist, who sold copies of Iron Dawn.")
    r = _resolver(text, {"Ana Tell": "Ana Tell", "Iron Dawn": "Iron Dawn"})
    src = text.index("the self-taught")
    end = len(text) - 1
    assert r.resolve(src, end).name == "Ana Tell"


def test_descriptions_a_possessive_role_takes_only_a_role_holder():
    text = "Sam Orr died in May.\nHis father said he loved the sea."
    r = _resolver(text, {"Sam Orr": "Sam Orr"})
    src = text.index("His father")
    assert r.resolve(src, src + len("His father")) is None
    text = "Sam Orr died in May. Orr's father, Joseph, was at home.\nHis father said he loved the sea."
    r = _resolver(text, {"Sam Orr": "Sam Orr", "Joseph": "Joseph"})
    src = text.index("His father")
    assert r.resolve(src, src + len("His father")).name == "Joseph"


def test_descriptions_a_body_named_by_its_kind_is_a_body_description():
    from propscope.analyzers.attribution.descriptions import body_description
    assert body_description("The embassy in Lindor")[0] == "the embassy in Lindor"
    assert body_description("the Norvik state department")[1:3] == ("Norvik state", "department")
    assert body_description("the ministry, which oversees ports")[0] == "the ministry"
    assert body_description("the harbour master") is None  # a person
    assert body_description("the company's legal department") is None  # the possessor is the body
    assert body_description("Ana Kell") is None
    assert body_description("the Norvik regime")[0] == "the Norvik government"  # the neutral name of the body


def test_descriptions_a_body_description_takes_the_fuller_name_given_before():
    from propscope.analyzers.attribution.descriptions import body_description, named_body
    text = ("The Norvik Mission in Lindor issued an alert. Later the Norvik embassy in Tarsk said it was calm. "
            "The mission said X. The embassy in Tarsk said Y. The embassy in Orvo said Z.")

    def name(mention: str) -> str | None:
        at = text.index(mention)
        return named_body(text, at, body_description(mention))

    assert name("The mission") == "Norvik Mission in Lindor"
    assert name("The embassy in Tarsk") == "Norvik embassy in Tarsk"
    assert name("The embassy in Orvo") is None  # another embassy: no fuller name


def test_attribution_an_unresolved_body_source_speaks_under_its_name():
    from propscope.analyzers.attribution.analyzer import Found, _described_body, _saying_cue
    text = "The Norvik Mission in Lindor issued an alert. The mission said the port was closed."
    src = (text.index("The mission"), text.index(" said"))
    f = Found([(text.index("the port"), len(text) - 1)], (src[1] + 1, src[1] + 5), src)
    assert _saying_cue(text, f)
    ref = _described_body(text, src)
    assert ref is not None and ref.name == "Norvik Mission in Lindor" and ref.type == "ORG"
    believes = Found(f.content, (src[1] + 1, src[1] + 5), src)
    assert not _saying_cue(text.replace(" said", " hopes"), believes)
    assert _described_body("Ana Kell said so.", (0, 8)) is None


def test_descriptions_a_role_written_as_an_acronym_describes_a_person():
    assert person_description("the PM") == ("the", "pm")
    assert person_description("The CEO") == ("the", "ceo")
    assert person_description("the BBC") is None  # an acronym that is no role is a name


def test_descriptions_a_document_speaks_for_the_author_the_text_named():
    from propscope.analyzers.attribution.descriptions import document_author, document_noun
    text = ("The plan, authored by the Harbour Policy Group, a think-tank, was leaked.\n"
            "The Norvik Port Authority unsealed a 12-page indictment on Friday.\n"
            "A memo released by Norvik senators on the ports panel was read out.\n"
            "The plan states X. The indictment says Y. The memo says Z.")

    def author(noun: str) -> str | None:
        span = document_author(text, text.index("The plan states"), noun)
        return None if span is None else text[span[0] : span[1]]

    assert document_noun("The plan") == "plan" and document_noun("the 12-page indictment") == "indictment"
    assert document_noun("the state department") is None and document_noun("Ana Kell") is None
    assert author("plan") == "Harbour Policy Group"
    assert author("indictment") == "Norvik Port Authority"
    assert author("memo") is None  # "by Norvik senators": the name only qualifies the authors
    assert author("letter") is None


def test_descriptions_a_later_document_has_no_older_author():
    from propscope.analyzers.attribution.descriptions import document_author
    text = ("In May the Budget Office released a report on ports. A new report from the Harbour Institute "
            "came out in June. The report says X.")
    span = document_author(text, text.index("The report says"), "report")
    assert span is not None and text[span[0] : span[1]] == "Harbour Institute"
    text2 = "In May the Budget Office released a report on ports. Another report came out in June. The report says X."
    assert document_author(text2, text2.index("The report says"), "report") is None


def test_descriptions_an_acronym_role_finds_the_person_introduced_with_its_words():
    from propscope.analyzers.attribution.descriptions import role_holder
    text = "Inspector General Ana Kell testified. Bo Lind spoke after her. The IG said so."
    people = [(Span(18, 26), "person:ana-kell"), (Span(38, 45), "person:bo-lind")]
    assert role_holder(text, people, "ig", text.index("The IG")) == "person:ana-kell"
    assert role_holder(text, people, "pm", text.index("The IG")) is None


def test_descriptions_the_top_diplomat_is_the_foreign_minister_named_before():
    from propscope.analyzers.attribution.descriptions import role_holder
    text = "Foreign Minister Ivo Marr spoke in Norvik. Bo Lind, a banker, listened. The top diplomat said so."
    people = [(Span(17, 25), "person:ivo-marr"), (Span(43, 50), "person:bo-lind")]
    assert text[17:25] == "Ivo Marr" and text[43:50] == "Bo Lind"
    assert role_holder(text, people, "diplomat", text.index("The top diplomat")) == "person:ivo-marr"
    other = "Finance Minister Ivo Marr spoke in Norvik. Bo Lind, a banker, listened. The top diplomat said so."
    assert role_holder(other, people, "diplomat", other.index("The top diplomat")) is None  # no one holds it


def test_descriptions_a_document_a_common_noun_owns_is_not_the_nearest_body():
    text = ('He liked his Harbour Lager, but the county coroner\'s report would later call him a "naive" user.\n'
            "The company's report said sales fell.")
    res = _resolver(text, {})
    lager = text.index("Harbour Lager")
    ref = {"id": "org:harbour-lager", "name": "Harbour Lager", "type": "ORG", "gender": None, "aliases": []}
    res = AttributionSpeakers(text, [Span(lager, lager + 13, "ORG", {"entity": ref["id"]})], [ref], None,
                              res.paragraphs, res.sentences)
    src = text.index("the county coroner's report")
    assert res.resolve(src, src + len("the county coroner's report")) is None
    src = text.index("The company's report")
    found = res.resolve(src, src + len("The company's report"))
    assert found is not None and found.name == "Harbour Lager"  # a body's own report: the nearest body still


def test_descriptions_a_suit_speaks_for_who_brought_it_by_any_name_of_the_filing():
    # a lawsuit quoted as "the suit" / "the civil claim" spoke for the nearest body (a defendant)
    from propscope.analyzers.attribution.descriptions import document_author, document_noun
    text = ("A class-action lawsuit by Norvik Ferry League players against the Norvik Ferry League and Orvex "
            "was filed.\n"
            "Dan Kell is the proposed representative plaintiff.\n"
            "The suit says X. The civil claim said Y.")
    assert document_noun("The suit") == "suit" and document_noun("the civil claim") == "claim"
    for src in ("The suit", "The civil claim"):
        span = document_author(text, text.index(src), document_noun(src))
        assert span is not None and text[span[0] : span[1]] == "Dan Kell"
    text2 = "Ada Roe filed a lawsuit against Orvex in March. The complaint says the firm lied."
    span = document_author(text2, text2.index("The complaint"), "complaint")
    assert span is not None and text2[span[0] : span[1]] == "Ada Roe"
    text3 = "A lawsuit by Norvik Ferry League players was filed. The suit says X."
    assert document_author(text3, text3.index("The suit"), "suit") is None  # the players, not the league
    text4 = "Dan Kell played ten years. A lawsuit was filed in May. Kell is the plaintiff. The suit says X."
    span = document_author(text4, text4.index("The suit"), "suit")
    assert span is not None and text4[span[0] : span[1]] == "Kell"  # a surname, its verb after it


def test_descriptions_a_pair_description_takes_the_two_people_named_together():
    text = ("Ada Roe and Ian Lind received a letter from the ministry.\n"
            "The letter questions the adoption, which the couple says was legal.\n"
            "Omar Reyes, a neighbour, was not surprised.\n"
            "The pair said they would appeal.")
    r = _resolver(text, {"Ada Roe": "Ada Roe", "Ian Lind": "Ian Lind", "Omar Reyes": "Omar Reyes"})
    src = text.index("the couple")
    assert r.resolve(src, src + len("the couple")).name == "Ada Roe and Ian Lind"
    src = text.index("The pair")
    assert r.resolve(src, src + len("The pair")).name == "Ada Roe and Ian Lind"
    alone = "Omar Reyes met the buyers.\nThe couple said they would appeal."
    r = _resolver(alone, {"Omar Reyes": "Omar Reyes"})
    src = alone.index("The couple")
    assert r.resolve(src, src + len("The couple")) is None
    shared = "Kim and Clark Moran received a letter.\nThe couple said they would appeal."
    r = _resolver(shared, {"Kim": "Kim", "Clark Moran": "Clark Moran"})
    src = shared.index("The couple")
    assert r.resolve(src, src + len("The couple")).name == "Kim and Clark Moran"


def test_descriptions_a_lede_description_is_the_person_the_next_sentence_introduces():
    text = ("The most talked-about referee in curling finally said enough.\n"
            "Dana Pell has announced that she will retire after the season.")
    r = _resolver(text, {"Dana Pell": "Dana Pell"})
    src = (0, len("The most talked-about referee in curling"))
    assert r.resolve(*src).name == "Dana Pell"
    # someone named before may answer it: no looking ahead
    later = "Omar Reyes met the press.\n" + text
    r = _resolver(later, {"Dana Pell": "Dana Pell", "Omar Reyes": "Omar Reyes"})
    at = later.index("The most")
    resolved = r.resolve(at, at + src[1])
    assert resolved is None or resolved.name != "Dana Pell"
    # a body or a document is no lede's person
    body = "The union finally said enough.\nDana Pell has announced that she will retire."
    r = _resolver(body, {"Dana Pell": "Dana Pell"})
    resolved = r.resolve(0, len("The union"))
    assert resolved is None or resolved.name != "Dana Pell"


def test_descriptions_a_named_possessors_relative_is_someone_else():
    # "X's eldest daughter" is not X: the person given that role before, else no one; a
    # spokesman still speaks for X
    text = ("Senator Mark Kask opened the harbour.\n"
            "Kask's eldest daughter said the ceremony was moving.\n"
            "Anna Lind, the daughter of the senator, spoke first.\n"
            "Later, Kask's daughter said the harbour would change the town.\n"
            "Kask's spokesman said the senator was pleased.\n")
    res = _resolver(text, {"Mark Kask": "Mark Kask", "Kask": "Mark Kask", "Anna Lind": "Anna Lind"})
    first = text.index("Kask's eldest daughter")
    assert res.resolve(first, first + len("Kask's eldest daughter")) is None
    later = text.index("Kask's daughter said")
    got = res.resolve(later, later + len("Kask's daughter"))
    assert got is not None and got.name == "Anna Lind"
    spokes = text.index("Kask's spokesman")
    got = res.resolve(spokes, spokes + len("Kask's spokesman"))
    assert got is None or got.name != "Anna Lind"


def test_descriptions_a_kinship_role_follows_the_family_spoken_of_last():
    from propscope.analyzers.attribution.descriptions import other_family
    text = ("Sam Orr died in the flood. Orr's father, Joseph, says his son loved the sea.\n"
            "At the shelter, the family of a 40-year-old fisherman waited for news.\n"
            "\"He is lost,\" the father said.")
    r = _resolver(text, {"Sam Orr": "Sam Orr", "Orr": "Sam Orr", "Joseph": "Joseph"})
    src = text.rindex("the father")
    assert r.resolve(src, src + len("the father")) is None  # a father in the other family, not Joseph
    same = text.replace("the family of a 40-year-old fisherman", "a family friend")
    r = _resolver(same, {"Sam Orr": "Sam Orr", "Orr": "Sam Orr", "Joseph": "Joseph"})
    src = same.rindex("the father")
    assert r.resolve(src, src + len("the father")).name == "Joseph"  # a friend of the family is no family
    assert other_family("relatives of one victim met", "mother", 0, 27)
    assert not other_family("relatives of one victim met", "lawyer", 0, 27)  # not a kinship role


def test_descriptions_a_former_role_is_the_storys_person_though_never_named_by_it():
    text = ("Paul Hart served three terms in Congress before he resigned in 2016.\n"
            "\"I have no regrets,\" the former lawmaker said on Monday.\n"
            "\"We will see,\" the lawmaker added.")
    r = _resolver(text, {"Paul Hart": "Paul Hart"})
    src = text.index("the former lawmaker")
    assert r.resolve(src, src + len("the former lawmaker")).name == "Paul Hart"
    src = text.index("the lawmaker")
    assert r.resolve(src, src + len("the lawmaker")) is None  # a present role stays with its holder, here no one
