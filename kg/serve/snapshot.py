"""The snapshot a server reads: the newest whole copy of the store that a build published.

RocksDB lets one process write a store, so `kg build` goes on writing it while `kg serve` reads a copy
(`GraphStore.publish_snapshot`, at the end of every build). Each request asks for the current snapshot;
when a build has published a newer one, the server opens it and later requests read it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..export.gephi import gephi_graph
from ..graph import KnowledgeGraph
from ..store import GraphStore, StoreError, snapshot_root


@dataclass
class Snapshot:
    path: Path
    graph: KnowledgeGraph
    _gephi: nx.MultiDiGraph | None = field(default=None, repr=False)

    def gephi(self) -> nx.MultiDiGraph:
        """The graph as the Gephi export draws it (sizes, colours), made once per snapshot."""
        if self._gephi is None:
            self._gephi = gephi_graph(self.graph)
        return self._gephi


class Snapshots:
    def __init__(self, store: Path):
        self.store = store
        self.root = snapshot_root(store)
        self._current: Snapshot | None = None
        self._lock = threading.Lock()

    def ensure(self) -> None:
        """A store built before builds published snapshots gets its first one now (taking the store's
        lock for a moment, so that no build is half done). StoreError when there is no store."""
        if not self.store.is_dir():
            raise StoreError(f"{self.store}: no store here (run `kg build` first, or give --store)")
        if self._pointer().is_file():
            return
        if not (self.store / "CURRENT").is_file():  # RocksDB's own file: opening would make a new store
            raise StoreError(f"{self.store}: not a store (no database files here; run `kg build` first)")
        GraphStore(self.store).publish_snapshot()

    def current(self) -> Snapshot:
        name = self._pointer().read_text(encoding="utf-8").strip()
        with self._lock:
            if self._current is None or self._current.path.name != name:
                path = self.root / name
                self._current = Snapshot(path, KnowledgeGraph(GraphStore(path, read_only=True)))
            return self._current

    def _pointer(self) -> Path:
        return self.root / "current"
