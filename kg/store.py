"""Stage 5: the on-disk SPARQL store (Oxigraph on RocksDB), one named graph per source file.

Queries see the union of all graphs as their default graph. Replacing a file's facts clears
its graph and refills it from quads computed beforehand, so a file that fails to parse never
touches the store; a file whose content hash is unchanged is left alone.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store, Triple

from .corpus import FileFacts
from .rdf import ID, PREFIXES
from .resolve import PersonContext

DEFAULT_STORE = Path("exports") / "store"
_SHA = NamedNode(PREFIXES["kg"] + "sha256")
_EXTRACTOR = NamedNode(PREFIXES["kg"] + "extractor")
_VOTES = NamedNode(PREFIXES["kg"] + "provinceVotes")
_PERSON = NamedNode(PREFIXES["kg"] + "personContext")
_READING = NamedNode(PREFIXES["kg"] + "readAgainst")
_BULK_QUADS = 100_000  # new graphs wait for this many quads, then load together (`GraphStore.load`)
# Oxigraph holds what transactions write in memory until a flush: one every this many transactions
# keeps a build's memory flat (a build's last steps rewrite the persons of many files, one update each).
_TRANSACTIONS_PER_FLUSH = 200


def snapshot_root(store: Path) -> Path:
    """Where a store's snapshots lie, beside it: the copies `kg serve` reads while builds write."""
    return store.with_name(store.name + ".snapshots")


def current_snapshot(store: Path) -> Path | None:
    """The snapshot the last build published, if it is still there."""
    pointer = snapshot_root(store) / "current"
    snapshot = pointer.parent / pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else None
    return snapshot if snapshot and snapshot.is_dir() else None


class StoreError(RuntimeError):
    """The store cannot be opened or a query cannot run; the message says why."""


@dataclass(frozen=True)
class StoredFile:
    graph: str  # the file's IRI, naming its graph
    name: str  # its path relative to the corpus root
    sha256: str


class GraphStore:
    def __init__(self, path: str | Path = DEFAULT_STORE, read_only: bool = False):
        self.path = Path(path)
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here (run `kg build` first)")
                self.store = Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = Store(str(self.path))
            self._loading: list[Quad] = []  # the quads of new graphs, waiting to be bulk loaded
            self._marks: list[Quad] = []  # their content hashes and extractors, loaded last
            self._unflushed = 0  # transactions since the last flush
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"{self.path}: another process holds the store (a `kg build` still running?); "
                    "wait for it to finish"
                ) from exc
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from exc

    def stored_state(self, graph: NamedNode) -> tuple[str | None, str | None]:
        """The content hash and extractor signature recorded for a source file's graph."""

        def value(predicate: NamedNode) -> str | None:
            return next(
                (q.object.value for q in self.store.quads_for_pattern(graph, predicate, None, graph)), None
            )

        return value(_SHA), value(_EXTRACTOR)

    def file_facts(self) -> dict[str, FileFacts]:
        """Each stored file's part in what the corpus decides (`kg.corpus`), by the file's IRI."""

        def values(source, predicate) -> list[str]:
            return [q.object.value for q in self.store.quads_for_pattern(source, predicate, None, source)]

        out: dict[str, FileFacts] = {}
        for q in self.store.quads_for_pattern(None, _VOTES, None, None):
            source = q.subject
            votes = Counter({code: int(n) for code, n in (v.split("=") for v in q.object.value.split())})
            people = tuple(
                PersonContext(name, frozenset(bodies))
                for name, *bodies in (v.split("\t") for v in values(source, _PERSON))
            )
            out[source.value] = FileFacts(votes, people, next(iter(values(source, _READING)), ""))
        return out

    def stored_files(self) -> list[StoredFile]:
        """Every source file the store holds, by graph IRI order."""
        rows = self.store.query(
            """SELECT ?g ?name ?sha WHERE { GRAPH ?g {
            ?g a kg:SourceFile ; rdfs:label ?name ; kg:sha256 ?sha } } ORDER BY ?g""",
            prefixes=PREFIXES,
        )
        return [StoredFile(r["g"].value, r["name"].value, r["sha"].value) for r in rows]

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def person_nodes(self, graph: str) -> dict[str, str]:
        """The persons of a file's graph: name -> IRI."""
        sparql = f"SELECT ?p ?name WHERE {{ GRAPH <{graph}> {{ ?p a kg:Person ; skos:prefLabel ?name }} }}"
        rows = self.store.query(sparql, prefixes=PREFIXES)
        return {r["name"].value: r["p"].value for r in rows}

    def update(self, sparql: str) -> None:
        """One transaction; to disk with the next flush (every 200 transactions, and at a build's end)."""
        self.load()
        self.store.update(sparql)
        self._written()

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        """A graph the store holds is dropped and filled again, each step a transaction of its own, so
        that the store holds whole graphs whenever a build stops. A new graph waits, with others, for
        Oxigraph's bulk loader (`load`). Neither is flushed to disk file by file (that was two
        thirds of the time): `flush` does, and every 200 transactions."""
        quads = list(quads)
        if not self.store.contains_named_graph(graph):
            for q in quads:
                (self._marks if q.predicate in (_SHA, _EXTRACTOR) else self._loading).append(q)
            if len(self._loading) >= _BULK_QUADS:
                self.load()
            return
        self.store.update(f"DROP SILENT GRAPH <{graph.value}>")
        self.store.extend(quads)
        self._written()

    def load(self) -> None:
        """Bulk load the new graphs that wait (twice as fast as a transaction per file). The bulk
        loader is not transactional, so each file's content hash goes in afterwards, in one
        transaction: a build killed midway leaves no file marked stored whose graph is not whole,
        and the next build reads it again."""
        if self._loading:
            self.store.bulk_extend(self._loading)
        if self._marks:
            self.store.extend(self._marks)
        self._loading, self._marks = [], []

    def _written(self) -> None:
        self._unflushed += 1
        if self._unflushed >= _TRANSACTIONS_PER_FLUSH:
            self.store.flush()
            self._unflushed = 0

    def flush(self) -> None:
        self.load()
        self.store.flush()
        self._unflushed = 0

    def query(self, sparql: str):
        try:
            return self.store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"malformed SPARQL query: {exc}") from exc

    def triples(self) -> Iterator[Triple]:
        """Every triple of the union graph, once, without holding the graph: a file's own nodes are in
        its graph alone, and an entity (an IRI in id:), which several files may name, is gathered from
        all of them subject by subject."""
        entities: set[NamedNode] = set()
        for quad in self.store.quads_for_pattern(None, None, None):
            if isinstance(quad.subject, NamedNode) and quad.subject.value.startswith(ID):
                entities.add(quad.subject)
            else:
                yield quad.triple
        for entity in sorted(entities, key=lambda n: n.value):
            yield from dict.fromkeys(q.triple for q in self.store.quads_for_pattern(entity, None, None))

    def count_triples(self) -> int:
        """The union graph's triples: every quad, less the copies of an entity's triples that several
        files state (only entities, IRIs in id:, are named by more than one file, as `triples` has it).
        Counted entity by entity, so that memory does not grow with the store: a SPARQL DISTINCT over
        every triple held them all (630 MB at 2.6M triples)."""
        entities = self.store.query(
            f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s a ?t }} FILTER(STRSTARTS(STR(?s), '{ID}')) }}"
        )
        copies = 0
        for row in entities:
            stated = [(q.predicate, q.object) for q in self.store.quads_for_pattern(row["s"], None, None)]
            copies += len(stated) - len(set(stated))
        return len(self.store) - copies

    def publish_snapshot(self, keep: int = 2) -> Path:
        """Copy the store as it is now (RocksDB hard-links its files) and point `current` at the copy,
        atomically, so that a server switches from one whole store to the next. The newest `keep`
        copies stay, so that a query still running on the one before can finish."""
        root = snapshot_root(self.path)
        root.mkdir(exist_ok=True)
        target = root / str(time.time_ns())
        self.flush()
        self.store.backup(str(target))
        pointer = root / "current.tmp"
        pointer.write_text(target.name, encoding="utf-8")
        pointer.replace(root / "current")
        for old in sorted(p for p in root.iterdir() if p.is_dir())[:-keep]:
            shutil.rmtree(old, ignore_errors=True)
        return target

    def graphs(self) -> list[NamedNode]:
        return [g for g in self.store.named_graphs() if isinstance(g, NamedNode)]
