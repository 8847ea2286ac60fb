"""GraphML and GEXF for Gephi, written as the graph's nodes and edges come: the file never waits for a
graph in memory (networkx's writers hold one, several times the size of the rows).

Gephi needs plain values: every node has id, label and type, every edge a label; no empty, None or
list values (aliases are flattened to one string, empty ones dropped). Every edge has its own id
(e0, e1... in IRI order): Gephi drops an edge whose id it has already read and graphology (Gephi
Lite) refuses the file, so the relation is the edge's label. Nodes open sized by their degree and
coloured by their type: GraphML as the size, r, g, b attributes that Gephi's importer reads, GEXF as
its viz:size and viz:color.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from ..graph import KnowledgeGraph, NodeRow

# One colour per node type (a qualitative palette: ColorBrewer Set1 and grey for the text's own nodes).
COLOURS = {
    "Person": (228, 26, 28),
    "Organization": (55, 126, 184),
    "Region": (77, 175, 74),
    "Project": (255, 127, 0),
    "Post": (152, 78, 163),
    "Role": (166, 86, 40),
    "Figure": (247, 129, 191),
    "Article": (153, 153, 153),
}


def node_size(degree: int) -> float:
    """Grows with the square root of the degree, so hubs stand out without hiding the rest."""
    return round(4 + 4 * math.sqrt(degree), 1)


def gephi_graph(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    """The graph as the exports draw it, in networkx (for the explorer's neighbourhoods)."""
    nodes, edges = _drawing(graph)
    g = nx.MultiDiGraph()
    for node, size, _ in nodes:
        g.add_node(node.iri, **_node_values(node), size=size)
    for k, (s, relation, o) in enumerate(edges):
        g.add_edge(s, o, key=f"e{k}", label=relation, relation=relation)
    return g


Drawn = tuple[NodeRow, float, tuple[int, int, int]]  # a node, its size and its colour


def _drawing(graph: KnowledgeGraph) -> tuple[Iterator[Drawn], list[tuple[str, str, str]]]:
    """The nodes with their sizes and colours, as they come, and the edges (source, relation, target)."""
    nodes = graph.node_rows()
    edges = graph.edge_rows(nodes)
    degree = Counter(end for s, _, o in edges for end in (s, o))
    drawn = ((n, node_size(degree[n.iri]), COLOURS.get(n.type, (0, 0, 0))) for n in nodes)
    return drawn, edges


def _node_values(node: NodeRow) -> dict[str, str]:
    values = {"label": node.label, "type": node.type, "iri": node.iri, "aliases": node.aliases}
    return {k: v for k, v in values.items() if v}


_GRAPHML_HEAD = """<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="label" for="node" attr.name="label" attr.type="string" />
  <key id="type" for="node" attr.name="type" attr.type="string" />
  <key id="iri" for="node" attr.name="iri" attr.type="string" />
  <key id="aliases" for="node" attr.name="aliases" attr.type="string" />
  <key id="size" for="node" attr.name="size" attr.type="double" />
  <key id="r" for="node" attr.name="r" attr.type="long" />
  <key id="g" for="node" attr.name="g" attr.type="long" />
  <key id="b" for="node" attr.name="b" attr.type="long" />
  <key id="edge_label" for="edge" attr.name="label" attr.type="string" />
  <key id="relation" for="edge" attr.name="relation" attr.type="string" />
  <graph edgedefault="directed">
"""


def write_graphml(graph: KnowledgeGraph, path: Path) -> None:
    nodes, edges = _drawing(graph)
    with open(path, "w", encoding="utf-8") as out:
        out.write(_GRAPHML_HEAD)
        for node, size, (r, g, b) in nodes:
            out.write(f"    <node id={quoteattr(node.iri)}>\n")
            values = {**_node_values(node), "size": size, "r": r, "g": g, "b": b}
            out.writelines(f'      <data key="{k}">{escape(str(v))}</data>\n' for k, v in values.items())
            out.write("    </node>\n")
        for k, (s, relation, o) in enumerate(edges):
            out.write(
                f'    <edge source={quoteattr(s)} target={quoteattr(o)} id="e{k}">\n'
                f'      <data key="edge_label">{escape(relation)}</data>\n'
                f'      <data key="relation">{escape(relation)}</data>\n    </edge>\n'
            )
        out.write("  </graph>\n</graphml>\n")


_GEXF_HEAD = """<?xml version='1.0' encoding='utf-8'?>
<gexf xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns="http://www.gexf.net/1.2draft" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">
  <meta>
    <creator>kg</creator>
  </meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes mode="static" class="node">
      <attribute id="type" title="type" type="string" />
      <attribute id="iri" title="iri" type="string" />
      <attribute id="aliases" title="aliases" type="string" />
    </attributes>
    <attributes mode="static" class="edge">
      <attribute id="relation" title="relation" type="string" />
    </attributes>
    <nodes>
"""


def write_gexf(graph: KnowledgeGraph, path: Path) -> None:
    nodes, edges = _drawing(graph)
    with open(path, "w", encoding="utf-8") as out:
        out.write(_GEXF_HEAD)
        for node, size, (r, g, b) in nodes:
            out.write(
                f"      <node id={quoteattr(node.iri)} label={quoteattr(node.label)}>\n"
                f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'
                f'        <viz:size value="{size}" />\n        <attvalues>\n'
            )
            values = {k: v for k, v in _node_values(node).items() if k != "label"}
            out.writelines(
                f'          <attvalue for="{k}" value={quoteattr(v)} />\n' for k, v in values.items()
            )
            out.write("        </attvalues>\n      </node>\n")
        out.write("    </nodes>\n    <edges>\n")
        for k, (s, relation, o) in enumerate(edges):
            out.write(
                f'      <edge source={quoteattr(s)} target={quoteattr(o)} id="e{k}" label={quoteattr(relation)}>\n'
                f'        <attvalues>\n          <attvalue for="relation" value={quoteattr(relation)} />\n'
                "        </attvalues>\n      </edge>\n"
            )
        out.write("    </edges>\n  </graph>\n</gexf>\n")
