"""The Python API: a thin facade over the store for traversal and queries.

from kg import KnowledgeGraph
kg = KnowledgeGraph.open("exports/store")
kg.get("孙绍骋").posts()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from pyoxigraph import Literal, NamedNode

from .rdf import RELATIONS, term
from .store import DEFAULT_STORE, GraphStore

# The kinds of node of the networkx view (and of Node.type).
NODE_TYPES = "kg:Person kg:Organization kg:Region kg:Project kg:Article kg:Figure org:Post org:Role"
# Edges of the networkx view: the relations between entities plus where figures point.
EDGE_PREDICATES = RELATIONS + ("sdmx-dimension:refArea", "org:role", "kg:investment")


@dataclass(frozen=True)
class NodeRow:
    """A node of the graph's network view, as plain values."""

    iri: str
    label: str
    type: str
    aliases: str  # joined with 、, empty when there are none


@dataclass(frozen=True)
class Node:
    """An entity of the graph: IRI, type and labels, with its store for traversal."""

    iri: str
    type: str
    label: str
    aliases: tuple[str, ...]
    graph: KnowledgeGraph = field(repr=False, compare=False)

    def neighbours(self, relation: str | None = None, direction: str = "both") -> list[Node]:
        """Nodes linked to this one by `relation` (a CURIE such as "kg:partOf"; default: any relation
        between entities), following edges "out" of this node, "in" to it, or "both"."""
        values = f"VALUES ?p {{ {relation or ' '.join(RELATIONS)} }}"
        patterns = {"out": f"<{self.iri}> ?p ?n", "in": f"?n ?p <{self.iri}>"}
        if direction not in (*patterns, "both"):
            raise ValueError(f"direction must be out, in or both, not {direction!r}")
        chosen = list(patterns.values()) if direction == "both" else [patterns[direction]]
        union = " UNION ".join(f"{{ {p} }}" for p in chosen)
        rows = self.graph.query(f"SELECT DISTINCT ?n WHERE {{ {values} {union} }} ORDER BY ?n")
        return [n for n in (self.graph.node(r["n"].value) for r in rows) if n]

    def posts(self) -> list[str]:
        rows = self.graph.query(
            f"SELECT DISTINCT ?role WHERE {{ <{self.iri}> org:holds/skos:prefLabel ?role }} ORDER BY ?role"
        )
        return [r["role"].value for r in rows]

    def figures(self) -> list[dict]:
        """Figures whose subject is this entity: value, unit, indicator, period, text."""
        rows = self.graph.query(f"""
            SELECT DISTINCT ?f ?value ?unit ?indicator ?period ?text WHERE {{
              ?f kg:subject <{self.iri}> ; sdmx-measure:obsValue ?value ;
                 sdmx-attribute:unitMeasure ?unit ; kg:text ?text .
              OPTIONAL {{ ?f kg:indicator ?indicator }} OPTIONAL {{ ?f sdmx-dimension:refPeriod ?period }}
            }} ORDER BY ?f""")
        return [
            {
                "value": float(r["value"].value),
                "unit": r["unit"].value,
                "text": r["text"].value,
                "indicator": r["indicator"].value if r["indicator"] else None,
                "period": r["period"].value if r["period"] else None,
            }
            for r in rows
        ]

    def mentions(self) -> list[dict]:
        """Where the text names this entity: file, start, end, exact text, sentence, article headline,
        and why the mention is this entity (`resolution`)."""
        rows = self.graph.query(f"""
            SELECT DISTINCT ?file ?start ?end ?exact ?why ?sentence ?headline WHERE {{
              GRAPH ?g {{ ?m oa:hasBody <{self.iri}> ; kg:exact ?exact ; kg:start ?start ; kg:end ?end .
                          OPTIONAL {{ ?m kg:resolution ?why }}
                          OPTIONAL {{ ?m oa:hasTarget ?s . ?s rdf:value ?sentence ; kg:inArticle ?a .
                                      OPTIONAL {{ ?a schema:headline ?headline }} }}
                          ?g rdfs:label ?file }}
            }} ORDER BY ?file ?start""")
        return [
            {
                "file": r["file"].value,
                "start": int(r["start"].value),
                "end": int(r["end"].value),
                "exact": r["exact"].value,
                "why": r["why"].value if r["why"] else None,
                "sentence": r["sentence"].value if r["sentence"] else None,
                "headline": r["headline"].value if r["headline"] else None,
            }
            for r in rows
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.type})"


class KnowledgeGraph:
    def __init__(self, store: GraphStore):
        self.store = store

    @classmethod
    def open(cls, path: str | Path = DEFAULT_STORE) -> KnowledgeGraph:
        return cls(GraphStore(path, read_only=True))

    def query(self, sparql: str):
        """Run SPARQL on Oxigraph (common prefixes predeclared, all graphs as the default graph)."""
        return self.store.query(sparql)

    def node(self, iri: str) -> Node | None:
        rows = list(
            self.query(f"""
            SELECT ?type (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?alts) WHERE {{
              VALUES ?type {{ {NODE_TYPES} }}
              <{iri}> a ?type ; skos:prefLabel|schema:headline|rdfs:label ?l .
              OPTIONAL {{ <{iri}> skos:altLabel ?alt }}
            }} GROUP BY ?type""")
        )
        if not rows:
            return None
        r = rows[0]
        aliases = tuple(sorted(a for a in r["alts"].value.split("|") if a)) if r["alts"] else ()
        return Node(iri, _local_name(r["type"].value), r["label"].value, aliases, self)

    def entities(self, kind: str) -> list[Node]:
        rows = self.query(f"SELECT DISTINCT ?e WHERE {{ ?e a kg:{kind} }} ORDER BY ?e")
        return [n for n in (self.node(r["e"].value) for r in rows) if n]

    def people(self) -> list[Node]:
        return self.entities("Person")

    def organizations(self) -> list[Node]:
        return self.entities("Organization")

    def regions(self) -> list[Node]:
        return self.entities("Region")

    def projects(self) -> list[Node]:
        return self.entities("Project")

    def figures(self) -> list[dict]:
        rows = self.query("""
            SELECT DISTINCT ?f ?value ?unit ?text ?indicator ?period ?subject WHERE {
              ?f a kg:Figure ; sdmx-measure:obsValue ?value ;
                 sdmx-attribute:unitMeasure ?unit ; kg:text ?text .
              OPTIONAL { ?f kg:indicator ?indicator } OPTIONAL { ?f sdmx-dimension:refPeriod ?period }
              OPTIONAL { ?f kg:subject/skos:prefLabel ?subject }
            } ORDER BY ?f""")
        return [
            {
                k: (r[k].value if r[k] is not None else None)
                for k in ("f", "value", "unit", "text", "indicator", "period", "subject")
            }
            for r in rows
        ]

    def find(self, name: str) -> list[Node]:
        """Every entity whose IRI is `name` or that is called `name` (canonical label or alias)."""
        by_iri = f"UNION {{ VALUES ?e {{ {_iri(name)} }} }}" if _iri(name) else ""
        rows = self.query(f"""
            SELECT DISTINCT ?e WHERE {{
              VALUES ?type {{ kg:Person kg:Organization kg:Region kg:Project }}
              {{ ?e skos:prefLabel|skos:altLabel ?l FILTER(STR(?l) = {Literal(name)}) }} {by_iri}
              ?e a ?type .
            }} ORDER BY ?e""")
        return [n for n in (self.node(r["e"].value) for r in rows) if n]

    def get(self, name: str, kind: str | None = None) -> Node | None:
        """The entity called `name` (its canonical label or any alias), optionally of one type.

        When several entities share the name, the one mentioned most often wins."""
        type_filter = f"?e a kg:{kind} ." if kind else ""
        rows = list(
            self.query(f"""
            SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE {{
              {type_filter} {{ ?e skos:prefLabel ?l }} UNION {{ ?e skos:altLabel ?l }}
              FILTER(STR(?l) = {Literal(name)}) OPTIONAL {{ ?m oa:hasBody ?e }}
            }} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1""")
        )
        return self.node(rows[0]["e"].value) if rows else None

    def node_rows(self) -> list[NodeRow]:
        """Entities, articles, posts and figures, in IRI order (so that traversals and exports break ties
        the same way every build)."""
        rows = self.query(f"""
            SELECT ?n ?type (SAMPLE(?l) AS ?label) WHERE {{
              {{ SELECT DISTINCT ?n ?type WHERE {{ VALUES ?type {{ {NODE_TYPES} }} ?n a ?type }} }}
              OPTIONAL {{ ?n skos:prefLabel|schema:headline|rdfs:label ?l }}
            }} GROUP BY ?n ?type""")
        aliases = {
            r["n"].value: r["aliases"].value
            for r in self.query("""SELECT ?n (GROUP_CONCAT(DISTINCT ?alt; separator="、") AS ?aliases)
                WHERE { ?n skos:altLabel ?alt } GROUP BY ?n""")
        }
        out = []
        for r in rows:
            iri = r["n"].value
            label = r["label"].value if r["label"] else iri.rsplit("#", 1)[-1]
            out.append(NodeRow(iri, label, _local_name(r["type"].value), aliases.get(iri, "")))
        return sorted(out, key=lambda n: (n.iri, n.type))

    def edge_rows(self, nodes: list[NodeRow]) -> list[tuple[str, str, str]]:
        """(source, relation, target) between `nodes`, in IRI order; the relation as a CURIE.
        (Sorted here: Oxigraph's ORDER BY took 6 of the 6.6 s the edges of 1,000 files took.)"""
        iris = {n.iri: n.iri for n in nodes}  # one string per IRI, however many edges it has
        relations = {term(c).value: c for c in EDGE_PREDICATES}
        values = " ".join(EDGE_PREDICATES)
        edges = set()
        for r in self.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"):
            s, o = r["s"].value, r["o"].value
            if s in iris and o in iris:
                edges.add((iris[s], r["p"].value, iris[o]))
        return [(s, relations[p], o) for s, p, o in sorted(edges)]

    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities, articles, posts and figures as nodes (label, type); relations as edges (label),
        in IRI order."""
        g = nx.MultiDiGraph()
        nodes = self.node_rows()
        for n in nodes:
            g.add_node(n.iri, label=n.label, type=n.type, iri=n.iri, aliases=n.aliases)
        for s, relation, o in self.edge_rows(nodes):
            g.add_edge(s, o, key=relation, label=relation, relation=relation)
        return g

    def shortest_path(self, source: str, target: str) -> list[Node]:
        """Entities on a shortest path between the entities named `source` and `target` (edges either way)."""
        a, b = self.get(source), self.get(target)
        if a is None or b is None:
            missing = source if a is None else target
            raise KeyError(f"no entity named {missing!r}")
        # a copy, not a view: a view walks neighbours in set order, which changes from run to run
        path = nx.shortest_path(self.to_networkx().to_undirected(), a.iri, b.iri)
        return [self.node(iri) for iri in path]


def _iri(text: str) -> str | None:
    """`text` as a SPARQL IRI term when it is an absolute IRI, else None."""
    if ":" not in text:
        return None
    try:
        return str(NamedNode(text))
    except ValueError:
        return None


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
