"""Verbs of saying: what makes a cue report speech rather than a belief, a wish or an act.

The attribution tagger, trained on PolNeAR, also marks cues such as "wants", "believes" or
"was imposed".  Rules that must tell speech from the rest (the ``voice`` analyzer, the
attribution analyzer's subject filter) ask :func:`is_saying_word`.  :data:`SPEECH_VERBS`, the
core list, is also what the attribution evaluation's speech-verb subset counts
(:mod:`propscope.evaluation.attribution` imports it from here).
"""

from __future__ import annotations

__all__ = ["OBJECT_VERBS", "SAYING", "SPEECH_VERBS", "is_saying_word", "states_a_claim"]

#: Verbs of saying and their common inflections: the core list, which the evaluation's speech-verb
#: subset counts too
SPEECH_VERBS = frozenset(
    "say said says saying tell told tells telling ask asked asks asking add added adds adding state stated states "
    "statement claim claimed claims argue argued argues explain explained explains note noted notes write wrote "
    "writes written warn warned warns announce announced announces declare declared declares insist insisted insists "
    "reply replied replies respond responded responds stress stressed stresses suggest suggested suggests acknowledge "
    "acknowledged acknowledges admit admitted admits deny denied denies comment commented comments report reported "
    "reports quip quipped joke joked complain complained remark remarked recall recalled tweet tweeted tweets posted "
    "post continue continued emphasize emphasized emphasised underscore underscored urge urged contend contended "
    "assert asserted predict predicted promise promised vow vowed pledge pledged concede conceded confirm confirmed "
    "maintain maintained mention mentioned describe described call called accuse accused charge charged testify "
    "testified according"
    .split())

#: Verbs (and nouns) of saying beyond :data:`SPEECH_VERBS`: a cue with one of these reports speech
SAYING = SPEECH_VERBS | frozenset(
    "allege alleged alleges demand demanded demands condemn condemned condemns criticise criticised criticises "
    "criticize criticized criticizes blame blamed blames reject rejected rejects dismiss dismissed dismisses slam "
    "slammed slams praise praised praises welcome welcomed welcomes quote quoted quotes cite cited cites threaten "
    "threatened threatens proclaim proclaimed agree agreed disagree disagreed propose proposed recommend "
    "recommended advise advised inform informed reveal revealed disclose disclosed publish published broadcast "
    "speak spoke spoken talk talked address addressed question questioned rebuke rebuked retort retorted counter "
    "countered lament lamented hail hailed appeal appealed order ordered point pointed label labelled labeled dub "
    "dubbed brand branded term termed interview remarks speech express expressed expresses voice voiced indicate "
    "indicated signal signalled signaled reiterate reiterated assure assured underline underlined highlight "
    "highlighted echo echoed repeat repeated brief briefed boast boasted lash lashed blast blasted decry decried "
    "denounce denounced mock mocked ridicule ridiculed scoff scoffed summarise summarised summarize summarized "
    "conclude concluded dispute disputed reportedly defend defended issue issued"
    .split())


def is_saying_word(word: str) -> bool:
    """Whether ``word`` is a form of a verb of saying ("claiming", "citing", "slammed", "disputes")."""
    w = word.lower()
    forms = {w, w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-4]} if len(w) > 4 else {w}
    return bool(forms & SAYING)


#: Verbs of judging someone or something: with a noun object ("denounced Iran", "called out the
#: traitors", "praised the mayor") they state no claim, only the outlet's report of an act
OBJECT_VERBS = frozenset(
    "criticise criticised criticises criticising criticize criticized criticizes criticizing denounce denounced "
    "denounces denouncing condemn condemned condemns condemning slam slammed slams slamming blast blasted blasts "
    "blasting praise praised praises praising hail hailed hails hailing attack attacked attacks attacking decry "
    "decried decries mock mocked mocks ridicule ridiculed rebuke rebuked rebukes welcome welcomed welcomes reject "
    "rejected rejects dismiss dismissed dismisses applaud applauded applauds thank thanked thanks lambast "
    "lambasted lambaste"
    .split())
#: "called out X", "lashed out at X": a particle verb of judging
_OBJECT_PARTICLE = frozenset([("called", "out"), ("call", "out"), ("calls", "out"), ("calling", "out"),
                              ("lashed", "out"), ("lash", "out"), ("lashes", "out"), ("lashing", "out")])
#: how reported content opens when it is a claim ("that …", "how …") rather than a noun object
_CLAUSE_OPENERS = frozenset("that how why whether what when if".split())


def states_a_claim(cue: str, content: str) -> bool:
    """Whether a cue and its content report a claim: not when the cue is a verb of judging
    (:data:`OBJECT_VERBS`, "called out", "lashed out at") and the content is its noun object
    (it does not open with "that", "how", "whether" …): "criticised the plan" states nothing,
    "criticised that the plan came late" does."""
    words = [w.lower() for w in cue.split() if w.isalpha()]
    if not words:
        return True
    judging = words[-1] in OBJECT_VERBS or any(p in _OBJECT_PARTICLE for p in zip(words, words[1:]))
    if not judging:
        return True
    first = content.strip().split()[:1]
    return bool(first) and first[0].lower().strip(",:") in _CLAUSE_OPENERS
