from propscope.analyzers.entities.registry import find_outlets, lookup, outlets


def test_every_entry_has_its_facts_and_a_public_source():
    rows = outlets()
    assert len(rows) >= 60
    for o in rows:
        assert o.name and o.type in ("outlet", "agency") and len(o.country) == 2
        assert o.source.startswith("https://")


def test_lookup_names_aliases_and_capitals():
    assert lookup("the Telegraph").name == "The Daily Telegraph"
    assert lookup("REUTERS").name == "Reuters"
    assert lookup("AP").name == "Associated Press"
    assert lookup("Sputnik’s").state_affiliated
    assert lookup("RT").state_affiliated and lookup("RT").country == "RU"
    assert not lookup("Interfax").state_affiliated
    assert lookup("Ap") is None  # short aliases only in capitals
    assert lookup("Times") is None and lookup("The Times").name == "The Times"
    assert lookup("Bloomberg.com").name == "Bloomberg" and lookup("www.Reuters.com").name == "Reuters"
    assert lookup("example.com") is None


def test_find_outlets_in_credits_without_common_words():
    text = "(Luis Tato/AFP/Getty Images) It rained three times, RT and the Daily Telegraph said; see cbc.ca."
    found = [(text[a:b], o.name) for a, b, o in find_outlets(text)]
    assert ("AFP", "Agence France-Presse") in found and ("Getty Images", "Getty Images") in found
    assert ("RT", "RT") in found and ("the Daily Telegraph", "The Daily Telegraph") in found
    assert not any(n == "The Times" for _, n in found) and not any(s == "cbc" for s, _ in found)


def test_state_media_and_wires_carry_their_affiliation():
    state = ["RT", "Sputnik", "TASS", "RIA Novosti", "Xinhua", "CGTN", "PressTV", "BelTA", "KCNA", "Anadolu",
             "Al Jazeera", "SANA", "Ruptly"]
    independent = ["AP", "Reuters", "AFP", "BBC", "the Telegraph", "Breitbart", "Meduza"]
    for name in state:
        assert lookup(name) is not None and lookup(name).state_affiliated, name
    for name in independent:
        assert lookup(name) is not None and not lookup(name).state_affiliated, name
    names = [n for o in outlets() for n in (o.name, *o.aliases)]
    assert len(names) == len(set(names))  # one entry per name


def test_entities_registry_a_name_in_capitals_matches_with_one_capital():
    assert lookup("Tass").name == "TASS" and lookup("Itar-Tass").name == "TASS"
    assert lookup("Ria Novosti").name == "RIA Novosti"
    assert lookup("Ria") is None and lookup("Sana") is None  # a short word, a woman's name
    text = "Moscow will respond, Tass reported, and Ria Novosti quoted the minister."
    found = [(text[a:b], o.name) for a, b, o in find_outlets(text)]
    assert found == [("Tass", "TASS"), ("Ria Novosti", "RIA Novosti")]
