"""The 14 persuasion techniques of the Propaganda Techniques Corpus, in plain English.

Label names are the corpus's own (SemEval-2020 Task 11); the definitions are ours, short
enough for a tooltip in the HTML report.
"""

from __future__ import annotations

__all__ = ["DEFINITIONS", "DISPLAY_NAMES", "TECHNIQUES"]

#: The label set, in the corpus's alphabetical order; model outputs follow this order.
TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

DISPLAY_NAMES: dict[str, str] = {
    "Appeal_to_Authority": "Appeal to authority",
    "Appeal_to_fear-prejudice": "Appeal to fear or prejudice",
    "Bandwagon,Reductio_ad_hitlerum": "Bandwagon / reductio ad Hitlerum",
    "Black-and-White_Fallacy": "Black-and-white fallacy",
    "Causal_Oversimplification": "Causal oversimplification",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration or minimisation",
    "Flag-Waving": "Flag-waving",
    "Loaded_Language": "Loaded language",
    "Name_Calling,Labeling": "Name calling or labelling",
    "Repetition": "Repetition",
    "Slogans": "Slogans",
    "Thought-terminating_Cliches": "Thought-terminating cliché",
    "Whataboutism,Straw_Men,Red_Herring": "Whataboutism / straw man / red herring",
}

DEFINITIONS: dict[str, str] = {
    "Appeal_to_Authority": (
        "Treats a claim as true because a famous, powerful or expert person or body said it, "
        "instead of giving the evidence."
    ),
    "Appeal_to_fear-prejudice": (
        "Builds support for an idea by frightening the reader about what will happen otherwise, "
        "or by playing on existing prejudice against a group."
    ),
    "Bandwagon,Reductio_ad_hitlerum": (
        "Urges the reader to join in because 'everyone' already agrees, or rejects an idea because "
        "a despised person or group is linked to it."
    ),
    "Black-and-White_Fallacy": (
        "Offers only two options, as if nothing else were possible, when more exist."
    ),
    "Causal_Oversimplification": (
        "Blames one single cause for an outcome that has many, or draws a cause from mere coincidence."
    ),
    "Doubt": (
        "Questions the credibility or honesty of a person or institution to undermine them, "
        "rather than engaging with their argument."
    ),
    "Exaggeration,Minimisation": (
        "Makes something look much bigger, better or worse than it is, or plays down something "
        "that matters."
    ),
    "Flag-Waving": (
        "Justifies an idea by appealing to patriotism or group identity: 'for our country', "
        "'as real Americans'."
    ),
    "Loaded_Language": (
        "Uses words chosen for their emotional charge (strongly positive or negative) to sway the "
        "reader."
    ),
    "Name_Calling,Labeling": (
        "Attaches a label to a person or group that the audience is meant to fear, hate or admire, "
        "in place of argument."
    ),
    "Repetition": (
        "Says the same word, phrase or message again and again so that it sticks and feels true."
    ),
    "Slogans": (
        "A short, catchy phrase, often a call to action, that packs a stance into a memorable line."
    ),
    "Thought-terminating_Cliches": (
        "A stock phrase that shuts down further thought or discussion: 'it is what it is', "
        "'enough said'."
    ),
    "Whataboutism,Straw_Men,Red_Herring": (
        "Deflects criticism by pointing at someone else's faults, attacks a distorted version of an "
        "opposing view, or drags in an irrelevant topic to distract."
    ),
}
