"""The store's two ways in: a new file's graph through the bulk loader, a stored one replaced."""

from pyoxigraph import Literal, NamedNode, Quad

from kg.rdf import PREFIXES
from kg.store import GraphStore

GRAPH = NamedNode("https://example.org/corpus/a.txt")
SHA = NamedNode(PREFIXES["kg"] + "sha256")
LABEL = NamedNode(PREFIXES["rdfs"] + "label")


def graph_quads(label: str, sha: str) -> list[Quad]:
    return [Quad(GRAPH, LABEL, Literal(label), GRAPH), Quad(GRAPH, SHA, Literal(sha), GRAPH)]


def test_a_new_graph_waits_for_the_bulk_loader_and_its_content_hash_goes_in_last(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.replace_graph(GRAPH, graph_quads("a.txt", "1"))
    assert store.stored_state(GRAPH) == (None, None) and not store.graphs()  # waiting, not marked stored
    store.load()
    assert store.stored_state(GRAPH)[0] == "1"
    assert len(list(store.store.quads_for_pattern(None, None, None, GRAPH))) == 2


def test_a_stored_graph_is_replaced_not_added_to(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.replace_graph(GRAPH, graph_quads("a.txt", "1"))
    store.flush()
    store.replace_graph(GRAPH, graph_quads("b.txt", "2"))  # the store holds it: no waiting
    labels = {q.object.value for q in store.store.quads_for_pattern(GRAPH, LABEL, None, GRAPH)}
    assert labels == {"b.txt"} and store.stored_state(GRAPH)[0] == "2"


def test_the_union_gives_an_entity_named_by_two_files_once_and_every_file_triple(tmp_path):
    store = GraphStore(tmp_path / "store")
    entity = NamedNode(PREFIXES["id"] + "region/150200")
    other = NamedNode("https://example.org/corpus/b.txt")
    for graph in (GRAPH, other):
        store.replace_graph(
            graph,
            [Quad(entity, LABEL, Literal("包头市"), graph), Quad(graph, LABEL, Literal(graph.value), graph)],
        )
    store.flush()
    triples = list(store.triples())
    assert len(triples) == 3 == len(set(triples))
    assert {(t.subject, t.object.value) for t in triples} == {
        (entity, "包头市"),
        (GRAPH, GRAPH.value),
        (other, other.value),
    }
