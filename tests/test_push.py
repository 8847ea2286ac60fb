"""`kg push`: the store's graphs copied to a real Oxigraph server (started on a free loopback port)
over the SPARQL Graph Store Protocol, and read back through its /query endpoint."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qs, urlparse
from urllib.request import Request, urlopen

import pytest
import rdflib
from conftest import build_pages, run
from pyoxigraph import NamedNode, RdfFormat, parse
from rdflib.compare import isomorphic

from kg.push import ONTOLOGY_GRAPH
from kg.store import GraphStore, snapshot_root
from kg.validate import ONTOLOGY_DIR

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
SOURCE = "https://w3id.org/zhnews-kg/source/"
PAGES = {
    "a.txt": "## 青山市召开新能源产业推进会\n\n"
    "本报青山3月5日电（记者 刘晓明）3月4日，青山市召开新能源产业推进会。青山市委书记赵文斌出席会议并讲话。\n",
    "b.txt": "## 古城镇文化节开幕\n\n"
    "本报3月5日讯（记者 孙海燕）3月5日，第十九届古城镇文化节开幕。青山市市长王建国出席。\n",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server() -> Iterator[str]:
    """An empty in-memory Oxigraph server: its base URL."""
    port = _free_port()
    process = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            urlopen(url + "/", timeout=1).close()
            break
        except HTTPError:
            break  # it answers
        except URLError:
            assert time.monotonic() < deadline, "oxigraph serve did not start"
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(5)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return Path(build_pages(tmp_path_factory.mktemp("push"), PAGES))


def _turtle(url: str, graph: str) -> bytes:
    """What the server's graph holds, as its /query endpoint answers a CONSTRUCT."""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = Request(
        url + "/query", query.encode(), {"Content-Type": "application/sparql-query", "Accept": "text/turtle"}
    )
    with urlopen(request, timeout=10) as answer:
        return answer.read()


def _construct(url: str, graph: str) -> set:
    return {q.triple for q in parse(_turtle(url, graph), format=RdfFormat.TURTLE)}


def _counts(url: str) -> dict[str, int]:
    """Triples per graph on the server, the default graph as ''."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } GROUP BY ?g"
    request = Request(url + "/query", query.encode(), {"Content-Type": "application/sparql-query"})
    with urlopen(request, timeout=10) as answer:
        rows = json.load(answer)["results"]["bindings"]
    return {r.get("g", {}).get("value", ""): int(r["n"]["value"]) for r in rows}


def _ours(store: Path, graph: str) -> set:
    graphs = GraphStore(store, read_only=True)
    return {q.triple for q in graphs.store.quads_for_pattern(None, None, None, NamedNode(graph))}


def _copy(store: Path, folder: Path) -> Path:
    """A copy of the built store, its snapshots and its corpus, for a test that changes them."""
    shutil.copytree(store.parent, folder / "copy")
    return folder / "copy" / store.name


def _listing(store: Path) -> list[tuple[str, int, int]]:
    paths = [*store.rglob("*"), *snapshot_root(store).rglob("*")]
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths if p.is_file())


def test_push_copies_each_files_graph_and_the_ontology(server, store):
    before = _listing(store)
    result = run("push", server + "/store", "--store", str(store))
    assert "pushed 3 graphs (2 files and the ontology)" in result.output
    files = [SOURCE + name for name in PAGES]
    assert set(_counts(server)) == {*files, ONTOLOGY_GRAPH}  # and nothing in the default graph
    for graph in files:
        ours = _ours(store, graph)
        assert ours and _construct(server, graph) == ours
    pushed = rdflib.Graph().parse(data=_turtle(server, ONTOLOGY_GRAPH), format="turtle")
    ontology = rdflib.Graph()
    for path in ONTOLOGY_DIR.glob("*.ttl"):
        ontology.parse(path)
    assert isomorphic(pushed, ontology)
    assert _listing(store) == before  # read-only: not a byte of the store or its snapshots changed


def test_pushing_twice_replaces_rather_than_adds(server, store):
    run("push", server + "/store", "--store", str(store))
    once = _counts(server)
    run("push", server + "/store", "--store", str(store))
    assert _counts(server) == once  # the ontology's blank nodes would double were it added again
    assert once[SOURCE + "a.txt"] == len(_ours(store, SOURCE + "a.txt"))


def test_a_changed_store_pushed_again_replaces_the_graph(server, store, tmp_path):
    store = _copy(store, tmp_path)
    run("push", server + "/store", "--store", str(store))
    graph = SOURCE + "a.txt"
    old = _construct(server, graph)
    corpus = store.parent / "corpus"
    (corpus / "a.txt").write_text(PAGES["a.txt"].replace("赵文斌", "钱立群"), encoding="utf-8")
    run("build", str(corpus), "--store", str(store), "--exports", str(store.parent / "exports"))
    run("push", server + "/store", "--store", str(store))
    new = _construct(server, graph)
    assert new == _ours(store, graph) and new != old
    assert "赵文斌" not in " ".join(str(t) for t in new)


def test_push_sends_the_last_published_build_while_the_store_is_being_written(server, store, tmp_path):
    copy = _copy(store, tmp_path)
    writing = GraphStore(copy)  # a build holding the store, half done: a file's graph is gone
    writing.drop_graph(SOURCE + "a.txt")
    run("push", server + "/store", "--store", str(copy))
    assert _construct(server, SOURCE + "a.txt") == _ours(store, SOURCE + "a.txt")


def test_an_unreachable_url_is_an_error(store):
    url = f"http://127.0.0.1:{_free_port()}/store"
    result = run("push", url, "--store", str(store), "--timeout", "5", expect=1)
    assert f"error: {url}: cannot reach it" in result.output


def test_a_missing_store_is_an_error(server, tmp_path):
    result = run("push", server + "/store", "--store", str(tmp_path / "nothing"), expect=1)
    assert f"error: {tmp_path / 'nothing'}: no store here" in result.output
    assert _counts(server) == {}


def test_a_refused_graph_shows_the_status_and_the_answer(server, store):
    result = run("push", server + "/nothing", "--store", str(store), expect=1)
    assert f"error: {server}/nothing: graph <{SOURCE}a.txt> was refused: 404" in result.output
    assert "PUT /nothing is not supported" in result.output  # the server's own words


class _Recorder(BaseHTTPRequestHandler):
    """Answers every PUT with `status` and two lines of text, keeping what was asked."""

    status = 204
    seen: list[tuple[str, dict, bytes]] = []

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append((self.path, dict(self.headers), body))
        answer = b"first line of the answer\nsecond line\n\n\n"
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def recorder() -> Iterator[tuple[str, type[_Recorder]]]:
    handler = type("Recorder", (_Recorder,), {"seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/data", handler
    httpd.shutdown()
    httpd.server_close()


def test_credentials_from_the_environment_and_turtle_bodies(recorder, store, monkeypatch):
    url, handler = recorder
    monkeypatch.setenv("KG_PUSH_USER", "alice")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "s3cret:x")
    run("push", url, "--store", str(store))
    assert [parse_qs(urlparse(path).query)["graph"] for path, _, _ in handler.seen] == [
        [SOURCE + "a.txt"],
        [SOURCE + "b.txt"],
        [ONTOLOGY_GRAPH],
    ]
    for _, headers, body in handler.seen:
        assert headers["Authorization"] == "Basic " + base64.b64encode(b"alice:s3cret:x").decode()
        assert headers["Content-Type"] == "text/turtle"
        assert list(parse(body, format=RdfFormat.TURTLE))


def test_a_server_error_stops_the_push_with_exit_1(recorder, store):
    url, handler = recorder
    handler.status = 503
    result = run("push", url, "--store", str(store), expect=1)
    assert f"error: {url}: graph <{SOURCE}a.txt> was refused: 503" in result.output
    assert "first line of the answer\n  second line" in result.output
    assert len(handler.seen) == 1  # nothing after the first refusal
