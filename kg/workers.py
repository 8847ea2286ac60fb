"""Where extraction runs: in this process, in worker processes, or on a Dask cluster.

Extraction (page parsing, recognizers, posts, figures) needs nothing from the corpus, so it is what
goes out; reading files, the corpus's decisions and the store stay with the one process that writes.
The files go out as their decoded text, so workers need not see the files. Results come back in the
order the sources went out, whatever order workers finish in, so that a build decides exactly what
it decides in one process; at most a few sources per worker are out at once, so memory does not
grow with the corpus. Each worker process loads the models once, on its first page.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice

from .articles import parse_page
from .mentions import PageMentions, extract_mentions
from .source import SourceText

Extracted = tuple[SourceText, PageMentions]


class WorkersError(RuntimeError):
    """Extraction cannot be sent where it was asked to go."""


_IN_FLIGHT_PER_WORKER = 2


def extract_page(source: SourceText, progress: Callable[[int, int], None] | None = None) -> PageMentions:
    """A worker's job: one file's text to its mentions."""
    return extract_mentions(parse_page(source), progress=progress)


@dataclass(frozen=True)
class Workers:
    """How many local worker processes (1: none, extract here), or the address of a Dask scheduler."""

    count: int = 1
    scheduler: str | None = None


def default_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


Extraction = Callable[[Iterable[SourceText]], Iterator[Extracted]]
# Progress within one file, in this process only: (its name, sentences read, sentences in all).
Within = Callable[[str, int, int], None]


@contextmanager
def extraction(workers: Workers, within: Within | None = None) -> Iterator[Extraction]:
    """A function from sources to (source, mentions) pairs, in order, running where `workers` says."""
    if workers.scheduler:
        with _dask_client(workers.scheduler) as client:
            window = _IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
            yield lambda sources: _in_order(
                lambda s: client.submit(extract_page, s, pure=False).result, sources, window
            )
    elif workers.count > 1:
        yield lambda sources: _pooled(workers.count, sources, within)
    else:
        yield lambda sources: _here(sources, within)


def _here(sources: Iterable[SourceText], within: Within | None) -> Iterator[Extracted]:
    return ((s, extract_page(s, _within_file(s, within))) for s in sources)


def _pooled(count: int, sources: Iterable[SourceText], within: Within | None) -> Iterator[Extracted]:
    """In `count` worker processes, started only when there are two sources or more (one is read
    here: starting workers and loading their models would cost more)."""
    sources = iter(sources)
    first = list(islice(sources, 2))
    if len(first) < 2:
        yield from _here(first, within)
        return
    with _forkserver().Pool(count) as pool:
        yield from _in_order(
            lambda s: pool.apply_async(extract_page, (s,)).get,
            chain(first, sources),
            _IN_FLIGHT_PER_WORKER * count,
        )


def in_processes(count: int, function: Callable, jobs: list[tuple]) -> list:
    """`function(*job)` for each job, in up to `count` worker processes when there are several jobs
    (writing the exports of one store side by side), else here."""
    if count < 2 or len(jobs) < 2:
        return [function(*job) for job in jobs]
    with _forkserver().Pool(min(count, len(jobs))) as pool:
        return pool.starmap(function, jobs)


def _within_file(source: SourceText, within: Within | None) -> Callable[[int, int], None] | None:
    return (lambda done, total: within(source.label, done, total)) if within else None


def _in_order(
    submit: Callable[[SourceText], Callable[[], PageMentions]], sources: Iterable[SourceText], window: int
) -> Iterator[Extracted]:
    """Submit sources as they come, at most `window` out at once; yield results in submission order."""
    out: deque[tuple[SourceText, Callable[[], PageMentions]]] = deque()
    for source in sources:
        out.append((source, submit(source)))
        if len(out) >= window:
            done, wait = out.popleft()
            yield done, wait()
    while out:
        done, wait = out.popleft()
        yield done, wait()


def _forkserver():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kg.workers"])  # the imports are paid once, in the fork server
    return context


@contextmanager
def _dask_client(address: str):
    try:
        from dask.distributed import Client
    except ImportError as exc:  # an optional dependency
        raise WorkersError("--scheduler needs Dask: pip install 'kg[dask]'") from exc
    try:
        client = Client(address, timeout=10)
    except OSError as exc:
        raise WorkersError(f"{address}: no Dask scheduler answers ({exc})") from exc
    with client:
        yield client
