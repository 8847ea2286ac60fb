"""`kg push`: copy the graph to an external triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Each source file's named graph goes in one HTTP PUT to `URL?graph=<the file's IRI>`, which replaces
what the remote graph held, so pushing again (after a rebuild, or twice) replaces rather than duplicates.
The ontology and its SHACL shapes (kg/ontology/*.ttl) go in a graph of their own, named by the
ontology's IRI. Graphs are read and sent one at a time, so memory is bounded by the largest file.

What is pushed is the snapshot the last build published (the copy `kg serve` reads), so that a push
never sends a build's half-written store and can run while another build holds the store; a store made
before builds published snapshots is read itself. Either is opened read-only: pushing changes nothing here.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlparse
from urllib.request import Request, urlopen

from pyoxigraph import NamedNode, RdfFormat, Triple, parse, serialize

from .rdf import PREFIXES
from .store import GraphStore, StoreError, current_snapshot
from .validate import ONTOLOGY_DIR

ONTOLOGY_GRAPH = "https://w3id.org/zhnews-kg/ontology"  # the owl:Ontology IRI of kg.ttl
_BODY_LINES = 5  # of an error answer, shown to the user


class PushError(RuntimeError):
    """The triple store cannot be reached or refused a graph; the message names the URL and why."""


@dataclass(frozen=True)
class Target:
    url: str  # the Graph Store endpoint, e.g. http://localhost:7878/store
    authorization: str | None  # an Authorization header, or None to send none
    timeout: float  # seconds to wait for each answer


@dataclass(frozen=True)
class Graph:
    iri: str
    name: str  # what progress shows: the file's name in the corpus, or "ontology"
    triples: Callable[[], list[Triple]]  # read when its turn comes, not before


@dataclass(frozen=True)
class PushSummary:
    url: str
    graphs: int
    triples: int
    seconds: float

    def line(self) -> str:
        files = self.graphs - 1
        return (
            f"pushed {self.graphs} graphs ({files} files and the ontology), {self.triples} triples, "
            f"to {self.url} in {self.seconds:.1f}s"
        )


def basic_authorization(user: str, password: str) -> str:
    """HTTP Basic credentials, sent with every PUT: Fuseki, GraphDB and proxies in front of Oxigraph
    all accept them, and sending them up front spares each graph a refused first attempt."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def push(
    store: Path, target: Target, progress: Callable[[list[Graph]], Iterable[Graph]] = iter
) -> PushSummary:
    """PUT every file's graph and the ontology's to the target; PushError at the first that fails."""
    parts = urlparse(target.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"{target.url}: not an http:// or https:// URL")
    started = time.monotonic()
    graphs = _graphs(GraphStore(push_source(store), read_only=True))
    done = triples = 0
    for graph in progress(graphs):
        body = graph.triples()
        try:
            _put(target, graph.iri, serialize(body, format=RdfFormat.TURTLE, prefixes=PREFIXES))
        except PushError as exc:
            if not done:
                raise
            raise PushError(f"{exc}\n{done} of {len(graphs)} graphs were pushed before it") from exc
        done, triples = done + 1, triples + len(body)
    return PushSummary(target.url, done, triples, time.monotonic() - started)


def push_source(store: Path) -> Path:
    """The snapshot the last build published (a whole build, readable while another build writes the
    store), else the store itself (one built before builds published snapshots)."""
    if not store.is_dir():
        raise StoreError(f"{store}: no store here (run `kg build` first, or give --store)")
    return current_snapshot(store) or store


def _graphs(store: GraphStore) -> list[Graph]:
    """The files' graphs in IRI order, then the ontology's."""

    def stored(iri: str) -> Callable[[], list[Triple]]:
        return lambda: [q.triple for q in store.store.quads_for_pattern(None, None, None, NamedNode(iri))]

    files = [Graph(f.graph, f.name, stored(f.graph)) for f in store.stored_files()]
    return [*files, Graph(ONTOLOGY_GRAPH, "ontology", _ontology)]


def _ontology() -> list[Triple]:
    return [
        q.triple
        for path in sorted(ONTOLOGY_DIR.glob("*.ttl"))
        for q in parse(path=path, format=RdfFormat.TURTLE)
    ]


def _put(target: Target, graph: str, body: bytes) -> None:
    """One Graph Store PUT: the graph named in the query string (indirect identification, which every
    store offers) becomes exactly `body`."""
    joiner = "&" if "?" in target.url else "?"
    headers = {"Content-Type": "text/turtle"}
    if target.authorization:
        headers["Authorization"] = target.authorization
    request = Request(f"{target.url}{joiner}{urlencode({'graph': graph})}", body, headers, method="PUT")
    try:
        with urlopen(request, timeout=target.timeout) as answer:
            answer.read()
    except HTTPError as exc:
        refused = f"{target.url}: graph <{graph}> was refused: {exc.code} {exc.reason}"
        raise PushError(refused + _first_lines(exc)) from exc
    except URLError as exc:
        raise PushError(f"{target.url}: cannot reach it ({exc.reason})") from exc
    except (OSError, HTTPException) as exc:  # the connection broke or timed out after it was made
        raise PushError(f"{target.url}: no whole answer for graph <{graph}> ({exc})") from exc


def _first_lines(answer: HTTPError) -> str:
    """The start of a refusal's body, indented below the status: where stores say what was wrong."""
    try:
        text = answer.read().decode("utf-8", errors="replace")
    except (OSError, HTTPException):
        return ""
    return "".join(f"\n  {line[:200]}" for line in text.strip().splitlines()[:_BODY_LINES])
