"""Attribution: who said what (CRF tagger trained on PolNeAR, decoding rules, speaker resolution)."""

from propscope.analyzers.attribution.analyzer import AttributionAnalyzer, attributions_of
from propscope.analyzers.attribution.model import DEFAULT_MODEL_DIR, AttributionModel, load_model

__all__ = ["DEFAULT_MODEL_DIR", "AttributionAnalyzer", "AttributionModel", "attributions_of", "load_model"]
