"""GraphML and GEXF for Gephi, from the networkx view of the graph.

Gephi needs plain values: every node has id, label and type, every edge a label; no
empty, None or list values (aliases are flattened to one string, empty ones dropped).
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..graph import KnowledgeGraph


def gephi_graph(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    g = graph.to_networkx()
    for _, data in g.nodes(data=True):
        for key in [k for k, v in data.items() if v in ("", None)]:
            del data[key]
    return g


def write_graphml(graph: KnowledgeGraph, path: Path) -> None:
    nx.write_graphml(gephi_graph(graph), path, encoding="utf-8")


def write_gexf(graph: KnowledgeGraph, path: Path) -> None:
    nx.write_gexf(gephi_graph(graph), path, encoding="utf-8")
