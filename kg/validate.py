"""`kg validate`: check the stored graph against the SHACL shapes in ontology/shapes.ttl."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib

from .store import GraphStore

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True)
class Validation:
    conforms: bool
    violations: int
    report: str


def validate(store: GraphStore, shapes: Path = ONTOLOGY_DIR / "shapes.ttl") -> Validation:
    from pyshacl import validate as shacl

    data = rdflib.Graph()
    for t in store.triples():
        data.add(tuple(_term(x) for x in (t.subject, t.predicate, t.object)))
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl")
    conforms, report, text = shacl(data, shacl_graph=rdflib.Graph().parse(shapes), ont_graph=ontology,
                                   inference="rdfs", advanced=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return Validation(bool(conforms), len(set(report.subjects(rdflib.RDF.type, sh.ValidationResult))), text)


def _term(node):
    """pyoxigraph term -> rdflib term."""
    kind = type(node).__name__
    if kind == "NamedNode":
        return rdflib.URIRef(node.value)
    if kind == "BlankNode":
        return rdflib.BNode(node.value)
    return rdflib.Literal(node.value, lang=node.language,
                          datatype=None if node.language else rdflib.URIRef(node.datatype.value))
