"""Verbs of saying: what makes a cue report speech rather than a belief, a wish or an act.

The attribution tagger, trained on PolNeAR, also marks cues such as "wants", "believes" or
"was imposed".  Rules that must tell speech from the rest (the ``voice`` analyzer, the
attribution analyzer's subject filter) ask :func:`is_saying_word`.  :data:`SPEECH_VERBS`, the
core list, is also what the attribution evaluation's speech-verb subset counts
(:mod:`propscope.evaluation.attribution` imports it from here).
"""

from __future__ import annotations

import re

__all__ = ["OBJECT_VERBS", "POSTPOSED_CUE", "SAYING", "SPEECH_VERBS", "TELLING",
           "declines_to_comment", "is_saying_word", "reports_an_act", "states_a_claim", "withholds_or_grants"]

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
    "conclude concluded dispute disputed reportedly defend defended issue issued scold scolded scolds"
    .split())


def is_saying_word(word: str) -> bool:
    """Whether ``word`` is a form of a verb of saying ("claiming", "citing", "slammed", "disputes")."""
    w = word.lower()
    forms = {w, w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-4]} if len(w) > 4 else {w}
    return bool(forms & SAYING)


#: Verbs of judging someone or something: with a noun object ("denounced Iran", "called out the
#: traitors", "praised the mayor") they state no claim, only the outlet's report of an act
#: verbs of telling someone something ("X told council members that …", "We told you about …")
TELLING = frozenset("tell tells told informed assured warned reminded promised confided".split())
#: a cue set after what was said, up to its verb: ", he said", ", Lind added" (callers add what may follow)
POSTPOSED_CUE = (r",\s*(?:(?:[A-Z][\w’'\-.]*\s+){1,4}|(?:he|she|they)\s+)"
                 r"(?:said|says|added|adds|stressed|told|tells|warned|insisted|wrote|writes|stated|noted|explained|"
                 r"declared|claimed)\b")


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


#: words of thought, feeling and intent: a cue with one of these reports a mind, not an act
_MIND = frozenset(
    "think thinks thought thinking believe believes believed believing feel feels felt feeling know knows knew known "
    "knowing realize realizes realized realise realises realised hope hopes hoped hoping fear fears feared worry "
    "worries worried want wants wanted wish wishes wished expect expects expected doubt doubts doubted remember "
    "remembers remembered recalls idea sure convinced understand understands understood understanding agree agrees "
    "agreed view views sees saw see believed suspect suspects suspected insists plan plans planned decide decides "
    "decided concerned concern worry aware refer refers referred referring allude alludes alluded alluding "
    "outline outlined detail detailed offer offered looking wondering wonder wonders seem seems seemed appear appears "
    "appeared"
    .split())
#: how a noun object (or an infinitive, a gerund) opens: "voted for the harbour levy", "pledged to fund it"
_OBJECT_OPENERS = frozenset(
    "a an the his her their its our my your any some no little much many few this these those to".split())


#: a content that is a name and nothing else ("couldn't care less about Karen Monahan"): an object, no claim
_NAME_ONLY = re.compile(r"(?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'.\-]*[.,]?")


def reports_an_act(cue: str, content: str) -> bool:
    """Whether an indirect attribution reports an act rather than words or thoughts: its cue
    holds no verb of saying (:func:`is_saying_word`) and no word of thought or intent ("felt",
    "knew", "hopes"), and its content is the verb's object — it opens with a determiner, a
    possessive, "to" or a gerund ("voted for the harbour levy", "pleaded guilty to falsifying …",
    "had been planning a move to Tallinn"), or it is a name alone ("couldn't care less about
    Karen Monahan"), not a clause ("… that the plan failed"), and it
    holds no verb of saying itself ("failed to certify the deal, noting breaches")."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", cue)]
    if not words or any(is_saying_word(w) or w in _MIND for w in words):
        return False
    first = re.findall(r"[A-Za-z’']+", content)[:1]
    if not first or any(is_saying_word(w) for w in re.findall(r"[A-Za-z]+", content)):
        return False  # "took an interest in the parade, insisting it showed …": speech inside
    w = first[0].lower()
    return (w in _OBJECT_OPENERS or w.endswith(("'s", "’s")) or (w.endswith("ing") and len(w) > 5)
            or _NAME_ONLY.fullmatch(content.strip()) is not None)


#: a verb that grants or withholds something ("denied him bail", "refused the request")
_GRANTING = re.compile(r"\b(?:den(?:y|ies|ied|ying)|refus(?:e|es|ed|ing)|grant(?:s|ed|ing)?|reject(?:s|ed|ing)?)\s*$",
                       re.IGNORECASE)
#: what is granted or withheld: a thing a court, an office or a border gives, not a claim
_GRANTED = re.compile(
    r"\W*(?:(?:him|her|them|us|me|you|it)\s+)?(?:(?:a|an|the|his|her|their|its|our|any|further)\s+)?"
    r"(?:[\w\-’']+\s+){0,2}?(?:bail|parole|entry|access|visas?|permits?|permission|requests?|applications?|appeals?|"
    r"motions?|petitions?|asylum|leave|licen[cs]es?|extensions?|stay|admission|service|treatment|pardons?|"
    r"clemency|custody|passage|boarding|citizenship|residency|funding|approval|bids?)\b", re.IGNORECASE)
#: a pronoun right after the verb, then a noun: the verb's two objects ("denied him entry")
_TWO_OBJECTS = re.compile(r"\W*(?:him|her|them|us|me)\s+(?:(?:a|an|the|any)\s+)?[a-z][\w\-]*\b(?!\s+(?:that|of)\b)")


def withholds_or_grants(cue: str, content: str) -> bool:
    """Whether a cue of denying, refusing or granting acts on a thing given rather than on a
    claim: "A judge denied him bail", "The court denied his request for bail", "refused
    entry", "granted the appeal" report a decision; "Gray denied the allegations" reports words."""
    if not _GRANTING.search(cue):
        return False
    return _GRANTED.match(content) is not None or _TWO_OBJECTS.match(content) is not None


#: a clause of time right after a verb of saying is when one spoke, not what: "continued to talk as the
#: intern took the microphone"; a phrase ("insisted during a news conference the deal …") may open what
#: was said, so only the conjunctions count
_CIRCUMSTANCE = re.compile(r"^\W*(?:while|when|whenever|before|after|until|as(?!\s+(?:much|well|follows|"
                           r"saying|such|a\b|an\b|the\s+\w+\s+(?:of|for)\b)))\b", re.IGNORECASE)


def opens_a_circumstance(content: str) -> bool:
    """Whether an unquoted content that follows its cue says when the source spoke ("as the
    intern was seen …", "while the crowd booed") rather than what.
    A clause set off by a comma opens what was said ("said [as police entered the camp, one
    person locked himself to the gate]"), so a content with a comma or a semicolon is kept."""
    return bool(_CIRCUMSTANCE.match(content)) and not re.search(r"[,;]", content)


#: "declined to comment", "has not responded to requests for comment", "refused to comment further"
_NO_COMMENT_CUE = re.compile(r"\b(?:declin|refus|respond|repl)\w*\b", re.IGNORECASE)
_NO_COMMENT = re.compile(r"^\W*to\s+(?:(?:an?|the|our|several|repeated|multiple)\s+)?(?:comment|requests?\s+for\s+"
                         r"comments?|(?:e-?mails?|calls?|messages?|inquiries|questions)\b)", re.IGNORECASE)


def declines_to_comment(cue: str, content: str) -> bool:
    """Whether a cue and its content report a refusal to speak ("declined to comment after the
    hearing", "has not responded to requests for comment"): no words of the source are quoted."""
    return bool(_NO_COMMENT_CUE.search(cue)) and bool(_NO_COMMENT.match(content))
