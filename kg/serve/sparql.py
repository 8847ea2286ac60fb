"""The SPARQL 1.1 Protocol at /sparql: the query from GET or POST, UPDATE refused, a time limit.

The query runs in a child process (`worker`) forked from a fork server, a clean single-threaded
process started once, so forking stays safe beside the server's threads and costs a few milliseconds.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..query import update_keyword
from ..rdf import PREFIXES
from . import worker

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["kg.serve.worker"])


_READ_ONLY = "this endpoint only reads: SPARQL UPDATE is refused (the store changes only through kg build and kg remove)"


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds a query may run
    max_rows: int = 10000  # rows (or triples) sent at most


def _text(status: int, message: str) -> Response:
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8")


@dataclass(frozen=True)
class Asked:
    """What a request asks: the query and the protocol's dataset parameters."""

    query: str | None
    default_graphs: list[str]
    named_graphs: list[str]


async def _asked(request: Request) -> Asked | Response:
    """The query of a GET or a POST (a form or a SPARQL body), or the error answering the request."""
    params = request.query_params
    asked = Asked(params.get("query"), params.getlist("default-graph-uri"), params.getlist("named-graph-uri"))
    if request.method != "POST":
        return asked
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/sparql-query":
        return Asked(
            (await request.body()).decode("utf-8", errors="replace"), asked.default_graphs, asked.named_graphs
        )
    if kind == "application/sparql-update":
        return _text(403, _READ_ONLY)
    if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return _text(415, f"POST a query as application/sparql-query or a form, not {kind or 'no type'}")
    form = await request.form()
    if "update" in form:
        return _text(403, _READ_ONLY)
    return Asked(
        form.get("query", asked.query),
        asked.default_graphs + form.getlist("default-graph-uri"),
        asked.named_graphs + form.getlist("named-graph-uri"),
    )


async def sparql_endpoint(request: Request) -> Response:
    asked = await _asked(request)
    if isinstance(asked, Response):
        return asked
    if not asked.query:
        return _text(400, "no query: give ?query=… (GET) or POST one")
    if keyword := update_keyword(asked.query):
        return _text(403, f"{keyword}: {_READ_ONLY}")
    state = request.app.state
    job = worker.Request(
        str(state.snapshots.current().path),
        asked.query,
        request.headers.get("accept", "*/*"),
        state.limits.max_rows,
        PREFIXES,
        tuple(asked.default_graphs),
        tuple(asked.named_graphs),
    )
    reply = await run_in_threadpool(run, job, state.limits.timeout)
    headers = {"X-KG-Truncated": f"only the first {job.max_rows} rows"} if reply.truncated else {}
    return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=headers)


def run(job: worker.Request, timeout: float) -> worker.Reply:
    """The worker's reply, or a 503 when the query runs past `timeout` (its process is killed)."""
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=worker.answer, args=(job, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            message = f"the query was stopped after {timeout:g} s (kg serve --timeout): it ran too long\n"
            return worker.Reply(503, "text/plain; charset=utf-8", message.encode())
        return receive.recv()
    except EOFError:
        message = f"the query process ended without an answer (exit status {child.exitcode})\n"
        return worker.Reply(500, "text/plain; charset=utf-8", message.encode())
    finally:
        child.kill()
        child.join()
        receive.close()
