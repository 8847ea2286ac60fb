"""`kg serve`'s SPARQL endpoint over real HTTP: the server is the real CLI in a process of its own, the
clients are SPARQLWrapper, rdflib and csv, the store is the seeds' on-disk store."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time

import httpx
import pytest
from conftest import build_pages, run
from pyoxigraph import Store
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from serving import kg_serve
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

PEOPLE = "SELECT DISTINCT ?p ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name } ORDER BY ?name"
LABELS = "CONSTRUCT { ?p skos:prefLabel ?name } WHERE { ?p a kg:Person ; skos:prefLabel ?name }"
# every triple thrice over: far more rows than a 3-second limit allows
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint(seeds_build, tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with kg_serve(seeds_build["store"], "--timeout", "3", "--max-rows", "1000", "--cors", log=log) as base:
        yield f"{base}/sparql"


@pytest.fixture(scope="module")
def people(seeds_build) -> set[str]:
    """The persons' names, read from the store itself."""
    rows = Store.read_only(str(seeds_build["store"])).query(
        "SELECT DISTINCT ?name WHERE { GRAPH ?g { ?p a <https://w3id.org/zhnews-kg/ontology#Person> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name } }"
    )
    return {r["name"].value for r in rows}


def client(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_select_in_every_results_format_parses_back_to_the_same_rows(endpoint, people):
    answers = {}
    as_json = client(endpoint, PEOPLE, JSON).queryAndConvert()
    answers["json"] = [b["name"]["value"] for b in as_json["results"]["bindings"]]
    as_xml = client(endpoint, PEOPLE, XML).queryAndConvert()  # a DOM of SPARQL Results XML
    answers["xml"] = [
        b.getElementsByTagName("literal")[0].firstChild.data
        for b in as_xml.getElementsByTagName("binding")
        if b.getAttribute("name") == "name"
    ]
    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        text = client(endpoint, PEOPLE, fmt).queryAndConvert().decode("utf-8")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert rows[0] == (["p", "name"] if fmt == CSV else ["?p", "?name"])
        # TSV writes terms as in Turtle: "name"@zh
        answers[fmt] = [r[1] if fmt == CSV else r[1].rsplit("@", 1)[0].strip('"') for r in rows[1:]]
    assert len(set(map(tuple, answers.values()))) == 1, answers
    assert set(answers["json"]) == people
    assert len(answers["json"]) == len(people) <= 1000  # within --max-rows: nothing cut


def test_rdflib_sparqlstore_reads_the_endpoint_with_the_projects_prefixes_known(endpoint, people):
    graph = Graph(SPARQLStore(endpoint, returnFormat="json"))
    names = {str(r.name) for r in graph.query(PEOPLE)}  # kg: and skos: are not declared in the query
    assert names == people


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD])
def test_construct_as_turtle_and_json_ld_parses_into_rdflib(endpoint, people, fmt):
    answer = client(endpoint, LABELS, fmt).queryAndConvert()  # SPARQLWrapper leaves Turtle as bytes
    graph = answer if isinstance(answer, Graph) else Graph().parse(data=answer, format="turtle")
    assert {str(o) for o in graph.objects()} == people


def test_construct_as_n_triples_and_by_post_of_a_sparql_query_body(endpoint, people):
    response = httpx.post(
        endpoint,
        content=LABELS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/n-triples")
    graph = Graph().parse(data=response.text, format="nt")
    assert {str(o) for o in graph.objects()} == people


def test_the_union_is_the_default_graph_and_graph_reaches_each_file(endpoint, seeds_build):
    files = client(
        endpoint, "SELECT ?g ?name WHERE { GRAPH ?g { ?g a kg:SourceFile ; rdfs:label ?name } }", JSON
    )
    rows = files.queryAndConvert()["results"]["bindings"]
    assert sorted(r["name"]["value"] for r in rows) == sorted(p.name for p in seeds_build["corpus"].iterdir())
    one = rows[0]["g"]["value"]
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ {} }}"
    in_one = client(endpoint, count.format(f"GRAPH <{one}> {{ ?a a kg:Article }}"), JSON).queryAndConvert()
    in_all = client(endpoint, count.format("?a a kg:Article"), JSON).queryAndConvert()
    n_one, n_all = (int(r["results"]["bindings"][0]["n"]["value"]) for r in (in_one, in_all))
    assert 0 < n_one < n_all == 45  # the seeds' 45 articles, in five files
    only_one = httpx.post(endpoint, data={"query": count.format("?a a kg:Article"), "default-graph-uri": one})
    assert only_one.json()["results"]["bindings"][0]["n"]["value"] == str(n_one)  # the protocol's dataset


def test_a_result_past_max_rows_is_cut_and_says_so(endpoint):
    response = httpx.get(
        endpoint, params={"query": "SELECT ?s WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 200
    assert len(response.text.strip().splitlines()) == 1 + 1000
    assert "1000" in response.headers["x-kg-truncated"]


def test_cors_lets_a_page_of_another_origin_read_answers(endpoint):
    response = httpx.get(endpoint, params={"query": "ASK {}"}, headers={"Origin": "http://example.org"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"


def quads(seeds_build) -> int:
    return len(Store.read_only(str(seeds_build["store"])))


def test_updates_are_refused_with_403_and_the_store_is_unchanged(endpoint, seeds_build):
    before = quads(seeds_build)
    insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    attempts = [
        httpx.post(endpoint, data={"update": insert}),
        httpx.post(endpoint, content=insert, headers={"Content-Type": "application/sparql-update"}),
        httpx.post(endpoint, data={"query": "PREFIX x: <urn:x> DROP ALL"}),
        httpx.get(endpoint, params={"query": insert}),
    ]
    for response in attempts:
        assert response.status_code == 403, response.text
        assert "only reads" in response.text
    assert quads(seeds_build) == before
    ask = client(endpoint, "ASK { GRAPH ?g { <urn:a> ?p ?o } }", JSON).queryAndConvert()
    assert ask["boolean"] is False


def test_a_malformed_query_is_answered_400_with_the_parsers_message(endpoint):
    response = httpx.get(endpoint, params={"query": "SELECT ?x WHERE { ?x kg:holds "})
    assert response.status_code == 400
    assert response.text.startswith("malformed SPARQL query: error at 1:")


def test_a_runaway_query_is_stopped_by_the_timeout_and_the_server_goes_on(endpoint):
    started = time.monotonic()
    response = httpx.get(endpoint, params={"query": RUNAWAY}, timeout=30)
    assert response.status_code == 503
    assert "stopped after 3 s" in response.text
    assert time.monotonic() - started < 8
    assert client(endpoint, "ASK { ?s a kg:Person }", JSON).queryAndConvert()["boolean"] is True


def test_serve_refuses_a_missing_store_or_a_folder_that_is_none_and_warns_when_bound_wider(tmp_path):
    missing = tmp_path / "nowhere"
    result = run("serve", "--store", str(missing), "--host", "0.0.0.0", expect=1)
    assert f"error: {missing}: no store here" in result.output
    assert "warning: listening on 0.0.0.0" in result.output
    missing.mkdir()
    result = run("serve", "--store", str(missing), expect=1)
    assert f"error: {missing}: not a store" in result.output
    assert list(missing.iterdir()) == []  # nothing made there


PAGE_A = "本报3月5日讯（记者 孙海燕）青山市市长赵文斌出席会议。\n"
PAGE_B = "本报3月6日讯（记者 孙海燕）青山市副市长钱立新调研新能源项目。\n"


def test_a_build_while_serving_is_seen_whole_when_it_finishes(tmp_path):
    store = build_pages(tmp_path, {"a.txt": PAGE_A})
    corpus = tmp_path / "corpus"
    names = "SELECT DISTINCT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name }"

    def persons(endpoint) -> set[str]:
        rows = client(endpoint, names, JSON).queryAndConvert()["results"]["bindings"]
        return {r["name"]["value"] for r in rows}

    with kg_serve(store, log=tmp_path / "serve.log") as base:
        endpoint = f"{base}/sparql"
        before, after = {"孙海燕", "赵文斌"}, {"孙海燕", "赵文斌", "钱立新"}
        assert persons(endpoint) == before
        (corpus / "b.txt").write_text(PAGE_B, encoding="utf-8")
        build = subprocess.Popen(
            [sys.executable, "-m", "kg", "build", str(corpus), "--store", store, "--exports", str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        seen = []
        while build.poll() is None:  # while it builds: the old graph, whole
            seen.append(persons(endpoint))
            time.sleep(0.2)
        assert build.returncode == 0, build.stdout.read()
        assert seen[0] == before
        assert all(s in (before, after) for s in seen)  # never half a build
        deadline = time.monotonic() + 10
        while persons(endpoint) != after and time.monotonic() < deadline:
            time.sleep(0.2)
        assert persons(endpoint) == after
