"""GraphML and GEXF for Gephi, from the networkx view of the graph.

Gephi needs plain values: every node has id, label and type, every edge a label; no
empty, None or list values (aliases are flattened to one string, empty ones dropped).
Every edge has its own id (e0, e1... in the view's order): Gephi drops an edge whose id it has
already read and graphology (Gephi Lite) refuses the file, so the relation is the edge's label.
Nodes open sized by their degree and coloured by their type: GraphML as the size, r, g, b
attributes that Gephi's importer reads, GEXF as its viz:size and viz:color.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from ..graph import KnowledgeGraph

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


def gephi_graph(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    view = graph.to_networkx()
    g = nx.MultiDiGraph()
    g.add_nodes_from(view.nodes(data=True))
    # the view keys each edge by its relation, and GraphML writes a multigraph's keys as edge ids
    g.add_edges_from((s, o, f"e{i}", data) for i, (s, o, data) in enumerate(view.edges(data=True)))
    for node, data in g.nodes(data=True):
        for key in [k for k, v in data.items() if v in ("", None)]:
            del data[key]
        data["size"] = node_size(g.degree(node))
        data["r"], data["g"], data["b"] = COLOURS.get(data.get("type"), (0, 0, 0))
    return g


def node_size(degree: int) -> float:
    """Grows with the square root of the degree, so hubs stand out without hiding the rest."""
    return round(4 + 4 * math.sqrt(degree), 1)


def write_graphml(graph: KnowledgeGraph, path: Path) -> None:
    nx.write_graphml(gephi_graph(graph), path, encoding="utf-8")


def write_gexf(graph: KnowledgeGraph, path: Path) -> None:
    g = gephi_graph(graph)
    for _, data in g.nodes(data=True):
        r, gr, b, size = data.pop("r"), data.pop("g"), data.pop("b"), data.pop("size")
        data["viz"] = {"size": size, "color": {"r": r, "g": gr, "b": b, "a": 1.0}}
    writer = GEXFWriter(g, encoding="utf-8")
    # networkx always writes <graph name="...">, an attribute that GEXF's schema does not have
    del writer.graph_element.attrib["name"]
    with open(path, "wb") as out:
        writer.write(out)
