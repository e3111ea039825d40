"""Verbs of saying: what makes a cue report speech rather than a belief, a wish or an act.

The attribution tagger, trained on PolNeAR, also marks cues such as "wants", "believes" or
"was imposed".  Rules that must tell speech from the rest (the ``voice`` analyzer, the
attribution analyzer's subject filter) ask :func:`is_saying_word`.
"""

from __future__ import annotations

from propscope.evaluation.attribution import SPEECH_VERBS

__all__ = ["SAYING", "is_saying_word"]

#: Verbs (and nouns) of saying beyond the evaluation's list: a cue with one of these reports speech
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
