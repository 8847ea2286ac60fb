"""Every export format, read back by an independent parser."""
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
        assert len(list(dataset.graphs())) >= 5          # one named graph per source file (+ default)
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
    assert {"Person", "Organization", "Region", "Article", "Figure"} <= {d["type"] for _, d in g.nodes(data=True)}


def test_graphml_opens_in_networkx_and_igraph(seeds_build):
    path = seeds_build["exports"] / "kg.graphml"
    _check_gephi_graph(nx.read_graphml(path))
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() > 100 and all(g.vs["label"]) and all(g.vs["type"]) and all(g.es["label"])


def test_gexf_opens_in_networkx(seeds_build):
    _check_gephi_graph(nx.read_gexf(seeds_build["exports"] / "kg.gexf"))


def test_turtle_export_matches_the_store(seeds_build):
    graph = rdflib.Graph().parse(seeds_build["exports"] / "kg.ttl")
    from kg.store import GraphStore
    assert len(graph) == GraphStore(seeds_build["store"], read_only=True).count_triples()
