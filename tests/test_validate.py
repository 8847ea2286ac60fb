"""kg validate: SHACL shapes against the store."""

from conftest import run
from pyoxigraph import Literal, NamedNode, Quad

from kg.store import GraphStore
from kg.validate import validate


def test_seeds_graph_conforms(seeds_build):
    assert "conforms" in run("validate", "--store", str(seeds_build["store"])).output


def test_violations_are_reported(tmp_path, page_file):
    store = tmp_path / "store"
    run("build", str(page_file), "--store", str(store), "--exports", str(tmp_path / "ex"))
    s = GraphStore(store)
    bad = NamedNode("https://w3id.org/zhnews-kg/id/person/nobody")
    graph = NamedNode("urn:test")
    s.store.add(
        Quad(
            bad,
            NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            NamedNode("https://w3id.org/zhnews-kg/ontology#Person"),
            graph,
        )
    )
    s.store.add(
        Quad(
            bad,
            NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            Literal("x", language="en"),
            graph,
        )
    )
    del s
    result = run("validate", "--store", str(store), expect=1)
    assert "violations" in result.output and "nobody" in result.output


def test_each_graph_is_validated_on_its_own_with_progress(seeds_build):
    store = GraphStore(seeds_build["store"], read_only=True)
    seen = []

    def progress(graphs):
        for g in graphs:
            seen.append(g)
            yield g

    assert validate(store, progress=progress).conforms
    assert sorted(map(str, seen)) == sorted(map(str, store.graphs())) and len(seen) == 5
