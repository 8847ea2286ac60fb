"""Every export format, read back by an independent parser."""

import itertools

import igraph
import networkx as nx
import pytest
import rdflib
from conftest import run

RDF_FORMATS = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_formats_parse_back(seeds_build, tmp_path, fmt):
    out = tmp_path / f"kg.{fmt}"
    run("export", "--format", fmt, "-o", str(out), "--store", str(seeds_build["store"]))
    if fmt in ("trig", "nquads", "jsonld"):
        dataset = rdflib.Dataset()
        dataset.parse(out, format=RDF_FORMATS[fmt])
        assert len(list(dataset.graphs())) >= 5  # one named graph per source file (+ default)
        n = len(dataset)
    else:
        graph = rdflib.Graph().parse(out, format=RDF_FORMATS[fmt])
        n = len(graph)
        kg = rdflib.Namespace("https://w3id.org/zhnews-kg/ontology#")
        assert set(graph.subjects(rdflib.RDF.type, kg.Person))
    assert n > 5000


def _check_gephi_graph(g: nx.Graph):
    assert g.number_of_nodes() > 100 and g.number_of_edges() > 100
    for _, data in g.nodes(data=True):
        assert data["label"] and data["type"]
        assert all(v not in ("", None, "None") and not isinstance(v, list) for v in data.values())
    for _, _, data in g.edges(data=True):
        assert data["label"]
    assert {"Person", "Organization", "Region", "Article", "Figure"} <= {
        d["type"] for _, d in g.nodes(data=True)
    }


def _check_sizes_and_colours(g: nx.Graph, size, colour):
    """Sizes grow with degree, one colour per type; the region hierarchy is there as edges."""
    by_degree = sorted(g.nodes, key=g.degree)
    assert size(by_degree[0]) < size(by_degree[-1])
    assert all(size(a) <= size(b) for a, b in itertools.pairwise(by_degree))
    colours: dict[str, set] = {}
    for n, data in g.nodes(data=True):
        colours.setdefault(data["type"], set()).add(colour(n))
    assert all(len(c) == 1 for c in colours.values()) and len({c.pop() for c in colours.values()}) == len(
        colours
    )
    part_of = [(a, b) for a, b, d in g.edges(data=True) if d["label"] == "kg:partOf"]
    assert (
        "https://w3id.org/zhnews-kg/id/region/150200",
        "https://w3id.org/zhnews-kg/id/region/150000",
    ) in part_of


def test_graphml_opens_in_networkx_and_igraph(seeds_build):
    path = seeds_build["exports"] / "kg.graphml"
    _check_gephi_graph(nx.read_graphml(path))
    g = nx.read_graphml(path)
    _check_sizes_and_colours(g, lambda n: g.nodes[n]["size"], lambda n: tuple(g.nodes[n][c] for c in "rgb"))
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() > 100 and all(g.vs["label"]) and all(g.vs["type"]) and all(g.es["label"])


def test_gexf_opens_in_networkx(seeds_build):
    g = nx.read_gexf(seeds_build["exports"] / "kg.gexf")
    _check_gephi_graph(g)
    _check_sizes_and_colours(
        g, lambda n: g.nodes[n]["viz"]["size"], lambda n: tuple(g.nodes[n]["viz"]["color"][c] for c in "rgb")
    )


def test_turtle_export_matches_the_store(seeds_build):
    graph = rdflib.Graph().parse(seeds_build["exports"] / "kg.ttl")
    from kg.store import GraphStore

    assert len(graph) == GraphStore(seeds_build["store"], read_only=True).count_triples()
