"""One SPARQL request's answer, computed in a child process that the server kills when time is up.

Oxigraph evaluates a query in native code that neither checks a deadline nor can be interrupted, so
each query runs in a process of its own (forked from a clean fork server) on a read-only snapshot.
This module imports only pyoxigraph and the standard library, to keep those processes light.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    parse_query_results,
    serialize,
)

RESULTS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
GRAPHS = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
}
# what a browser or a client that accepts anything gets
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
}


@dataclass(frozen=True)
class Request:
    snapshot: str  # the snapshot's folder
    sparql: str
    accept: str  # the Accept header
    max_rows: int
    prefixes: dict[str, str]
    default_graphs: tuple[str, ...] = ()  # default-graph-uri: none means the union of all graphs
    named_graphs: tuple[str, ...] = ()  # named-graph-uri


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    body: bytes
    truncated: bool = False  # more rows than max_rows: only the first max_rows are sent


def negotiate(accept: str, offered: dict) -> str:
    """The offered media type the Accept header prefers (q-values, then order); the first offered
    when it accepts none of them (SPARQL clients and browsers send */* or text/html)."""
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = next((float(p[2:]) for p in params if p.startswith("q=") and _number(p[2:])), 1.0)
        ranked.append((-q, i, _ALIASES.get(media.lower(), media.lower())))
    for q, _, media in sorted(ranked):
        if q < 0 and media in offered:
            return media
    return next(iter(offered))


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def answer(request: Request, send) -> None:
    """Run the query and send back a Reply: 200 with the result, 400 with the parser's message."""
    try:
        reply = _run(request)
    except SyntaxError as exc:
        reply = Reply(400, "text/plain", f"malformed SPARQL query: {exc}\n".encode())
    except (OSError, ValueError, TypeError) as exc:
        reply = Reply(400, "text/plain", f"the query cannot run: {exc}\n".encode())
    send.send(reply)


def _run(request: Request) -> Reply:
    store = Store.read_only(request.snapshot)
    result = store.query(
        request.sparql,
        prefixes=request.prefixes,
        use_default_graph_as_union=not request.default_graphs,
        default_graph=[NamedNode(g) for g in request.default_graphs] or None,
        named_graphs=[NamedNode(g) for g in request.named_graphs] or None,
    )
    if isinstance(result, QueryBoolean):
        media = negotiate(request.accept, RESULTS)
        return Reply(200, media, result.serialize(format=RESULTS[media]))
    if isinstance(result, QuerySolutions):
        media = negotiate(request.accept, RESULTS)
        variables = [v.value for v in result.variables]
        rows = list(islice(result, request.max_rows + 1))
        truncated = len(rows) > request.max_rows
        data = json.dumps(_results_json(variables, rows[: request.max_rows]), ensure_ascii=False).encode()
        if media != "application/sparql-results+json":
            data = parse_query_results(data, format=QueryResultsFormat.JSON).serialize(format=RESULTS[media])
        return Reply(200, media, data, truncated)
    media = negotiate(request.accept, GRAPHS)
    triples = list(dict.fromkeys(islice(result, request.max_rows + 1)))  # each triple once
    truncated = len(triples) > request.max_rows
    prefixes = request.prefixes if media == "text/turtle" else None
    body = serialize(triples[: request.max_rows], format=GRAPHS[media], prefixes=prefixes)
    return Reply(200, media, body, truncated)


def _results_json(variables: list[str], rows: list) -> dict:
    """SPARQL 1.1 Query Results JSON of the rows kept, which Oxigraph then writes in the other formats."""
    bindings = [{v: _term(row[v]) for v in variables if row[v] is not None} for row in rows]
    return {"head": {"vars": variables}, "results": {"bindings": bindings}}


def _term(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    raise TypeError(f"a result term of an unsupported kind: {term!r}")
