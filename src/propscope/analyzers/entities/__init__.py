"""Entities: spaCy NER mentions clustered into canonical people, organisations and places."""

from propscope.analyzers.entities.analyzer import EntityAnalyzer, entity_layer_parts
from propscope.analyzers.entities.canonical import acronym_of, build_entities, is_acronym_misspelling, strip_titles
from propscope.analyzers.entities.resolve import EntityRef, SpeakerResolver

__all__ = [
    "EntityAnalyzer",
    "EntityRef",
    "SpeakerResolver",
    "acronym_of",
    "build_entities",
    "entity_layer_parts",
    "is_acronym_misspelling",
    "strip_titles",
]
