"""Narratives: a user-editable catalogue (:mod:`.catalogue`), similarity scoring with a
calibrated logistic (:mod:`.scoring`) and the ``narratives`` analyzer (:mod:`.analyzer`)."""

from propscope.analyzers.narratives.analyzer import NarrativesAnalyzer
from propscope.analyzers.narratives.catalogue import Catalogue, Narrative, load_catalogue
from propscope.analyzers.narratives.scoring import Calibration, NarrativeScorer

__all__ = ["Calibration", "Catalogue", "Narrative", "NarrativeScorer", "NarrativesAnalyzer", "load_catalogue"]
