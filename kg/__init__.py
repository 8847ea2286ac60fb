"""Chinese newspaper pages -> an RDF knowledge graph.

Stages, one module each: source (decode) -> articles (clean, split, offsets) -> mentions
(NER, posts, figures) -> resolve (entities, aliases, keys) -> rdf (ontology) -> store ->
graph (query, traversal) / export.
"""

from .graph import KnowledgeGraph, Node

__all__ = ["KnowledgeGraph", "Node"]
