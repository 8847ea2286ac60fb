"""The Python API over the real store built from the seeds."""

import networkx as nx
import pytest

from kg import KnowledgeGraph


@pytest.fixture(scope="module")
def kg(seeds_build):
    return KnowledgeGraph.open(seeds_build["store"])


def test_typed_accessors(kg):
    assert len(kg.people()) > 50
    assert all(n.type == "Region" for n in kg.regions())
    assert kg.organizations() and kg.projects()
    n_figures = int(
        next(iter(kg.query("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a kg:Figure }")))["n"].value
    )
    assert len(kg.figures()) == n_figures > 100  # each figure once


def test_get_by_name_or_alias(kg):
    region = kg.get("包头市")
    assert region.type == "Region"
    assert kg.get("包头").iri == region.iri  # short form is an alias
    assert kg.get("no such entity") is None


def test_posts_figures_and_neighbours(kg):
    holders = [p for p in kg.people() if p.posts()]
    assert holders and all(isinstance(r, str) and r for p in holders for r in p.posts())
    region = kg.get("内蒙古自治区")
    assert any(f["unit"] == "元" for f in region.figures())
    parts = kg.get("包头市").neighbours("kg:partOf")
    assert "内蒙古自治区" in {n.label for n in parts}


def test_to_networkx_and_shortest_path(kg):
    g = kg.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert all(d["label"] and d["type"] for _, d in g.nodes(data=True))
    path = kg.shortest_path("包头市", "呼和浩特市")
    assert path[0].label == "包头市" and path[-1].label == "呼和浩特市"
    with pytest.raises(KeyError):
        kg.shortest_path("包头市", "no such entity")


def test_query_returns_oxigraph_solutions(kg):
    rows = list(kg.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }"))
    assert int(rows[0]["n"].value) >= 30
