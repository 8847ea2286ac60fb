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


async def sparql_endpoint(request: Request) -> Response:
    default_graphs = request.query_params.getlist("default-graph-uri")
    named_graphs = request.query_params.getlist("named-graph-uri")
    query = request.query_params.get("query")
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            query = (await request.body()).decode("utf-8", errors="replace")
        elif kind == "application/sparql-update":
            return _text(403, _READ_ONLY)
        elif kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.form()
            if "update" in form:
                return _text(403, _READ_ONLY)
            query = form.get("query", query)
            default_graphs += form.getlist("default-graph-uri")
            named_graphs += form.getlist("named-graph-uri")
        else:
            return _text(415, f"POST a query as application/sparql-query or a form, not {kind or 'no type'}")
    if not query:
        return _text(400, "no query: give ?query=… (GET) or POST one")
    if keyword := update_keyword(query):
        return _text(403, f"{keyword}: {_READ_ONLY}")
    state = request.app.state
    job = worker.Request(
        str(state.snapshots.current().path),
        query,
        request.headers.get("accept", "*/*"),
        state.limits.max_rows,
        PREFIXES,
        tuple(default_graphs),
        tuple(named_graphs),
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
