"""RDF serializations, written by Oxigraph from the store.

Triple formats (Turtle, N-Triples) hold the union of all source graphs; dataset formats
(TriG, N-Quads, JSON-LD) keep one named graph per source file.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from ..graph import KnowledgeGraph
from ..rdf import PREFIXES

EXTENSIONS = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld", "trig": ".trig", "nquads": ".nq"}
_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
}


def writer(name: str):
    fmt = _FORMATS[name]

    def write(graph: KnowledgeGraph, path: Path) -> None:
        prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
        if fmt.supports_datasets:
            graph.store.store.dump(str(path), format=fmt, prefixes=prefixes)
        else:
            serialize(graph.store.triples(), str(path), format=fmt, prefixes=prefixes)

    write.__name__ = f"write_{name}"
    return write
