"""`kg validate`: check the stored graph against the SHACL shapes in ontology/shapes.ttl.

Each graph of the store (a source file's, or any other) is checked on its own, so memory
stays bounded by the largest file rather than the corpus. A file's graph is self-contained:
it states every entity it mentions, and entities shared by files get the same IRI and names
from their canonical keys, so checking graph by graph sees what checking the union would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import rdflib
from pyoxigraph import DefaultGraph

from .store import GraphStore

# kg/ontology is the top-level ontology/ (a link to it), so an installed package carries it
ONTOLOGY_DIR = Path(__file__).parent / "ontology"
_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Validation:
    conforms: bool
    violations: int
    report: str


def validate(
    store: GraphStore,
    shapes: Path = ONTOLOGY_DIR / "shapes.ttl",
    progress: Callable[[Iterable], Iterable] = iter,
) -> Validation:
    from pyshacl import validate as shacl

    shapes_graph, ontology = rdflib.Graph().parse(shapes), rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl")
    violations, reports = 0, []
    for graph in progress(_graphs(store)):
        data = rdflib.Graph()
        for q in store.store.quads_for_pattern(None, None, None, graph):
            data.add(tuple(_term(x) for x in (q.subject, q.predicate, q.object)))
        # no RDFS inference: every node's type is stated, and a type derived from a property's domain
        # would hide a missing one; subclass axioms come with the ontology (and it is 3.5 times as fast)
        conforms, report, text = shacl(
            data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none", advanced=True
        )
        if not conforms:
            violations += len(set(report.subjects(rdflib.RDF.type, _SH.ValidationResult)))
            reports.append(f"in graph {graph}:\n{text}")
    return Validation(not violations, violations, "\n".join(reports))


def _graphs(store: GraphStore) -> list:
    """The named graphs in a stable order, then the default graph when anything is in it."""
    graphs = sorted(store.store.named_graphs(), key=str)
    has_default = next(iter(store.store.quads_for_pattern(None, None, None, DefaultGraph())), None)
    return graphs + ([DefaultGraph()] if has_default else [])


def _term(node):
    """pyoxigraph term -> rdflib term."""
    kind = type(node).__name__
    if kind == "NamedNode":
        return rdflib.URIRef(node.value)
    if kind == "BlankNode":
        return rdflib.BNode(node.value)
    return rdflib.Literal(
        node.value, lang=node.language, datatype=None if node.language else rdflib.URIRef(node.datatype.value)
    )
