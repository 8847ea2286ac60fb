"""`kg query`: a read-only SPARQL query under a time limit, stoppable with Ctrl-C.

Oxigraph evaluates a query in native code that neither checks a deadline nor lets Python see
a signal until it ends, so the query runs in a child process that is killed when time is up or
the user presses Ctrl-C; the store is opened read-only there, so killing it loses nothing.
"""

from __future__ import annotations

import multiprocessing
import re
from dataclasses import dataclass
from pathlib import Path

from .graph import KnowledgeGraph
from .results import render
from .store import StoreError

_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)


class QueryStopped(RuntimeError):
    """The query ran past its time limit or was interrupted; the message says which."""


@dataclass(frozen=True)
class Answer:
    text: str | None = None  # the rendered result
    error: str | None = None  # why there is none


def update_keyword(sparql: str) -> str | None:
    """The operation of a SPARQL UPDATE (INSERT, DELETE, DROP…), None for a query."""
    found = _UPDATE.match(_COMMENT.sub("", sparql))
    return found.group(1).upper() if found else None


def run_query(store_dir: Path, sparql: str, fmt: str, timeout: float) -> str:
    """The rendered result; StoreError for a bad query or store, QueryStopped when it is stopped."""
    if keyword := update_keyword(sparql):
        raise StoreError(
            f"this is a SPARQL UPDATE ({keyword}): kg query only reads; the store changes "
            "only through kg build and kg remove"
        )
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_answer, args=(store_dir, sparql, fmt, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryStopped(f"stopped after {timeout:g} s (--timeout): the query ran too long")
        answer = receive.recv()
    except KeyboardInterrupt:
        raise QueryStopped("interrupted (Ctrl-C): the query was stopped") from None
    except EOFError:
        answer = Answer(error=f"the query process ended without an answer (exit status {child.exitcode})")
    finally:
        child.kill()
        child.join()
    if answer.error:
        raise StoreError(answer.error)
    return answer.text


def _answer(store_dir: Path, sparql: str, fmt: str, send) -> None:
    try:
        answer = Answer(text=render(KnowledgeGraph.open(store_dir).query(sparql), fmt))
    except (StoreError, OSError, ValueError) as exc:
        answer = Answer(error=str(exc))
    send.send(answer)
