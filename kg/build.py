"""`kg build`: files -> store -> exports, with a summary of what the graph now holds."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode

from .export import export
from .graph import KnowledgeGraph
from .pipeline import extractor_signature, process_source, text_files
from .rdf import document_quads
from .source import SourceError, read_source
from .store import GraphStore

BUILD_EXPORTS = {"turtle": "kg.ttl", "graphml": "kg.graphml", "gexf": "kg.gexf"}


@dataclass
class BuildSummary:
    files: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    articles: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    posts: int = 0
    figures: int = 0
    triples: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in self.entities.items())
        return (f"{self.files} files ({self.updated} updated, {self.unchanged} unchanged, {len(self.errors)} failed), "
                f"{self.articles} articles, entities: {kinds}; {self.posts} posts, {self.figures} figures, "
                f"{self.triples} triples in {self.seconds:.1f}s")


def build(paths: Iterable[str | Path], store_dir: str | Path, exports_dir: str | Path | None,
          progress: Callable[[Iterable], Iterable] = iter) -> BuildSummary:
    started = time.perf_counter()
    summary = BuildSummary()
    files = text_files(paths)
    store = GraphStore(store_dir)
    for path in progress(files):
        summary.files += 1
        try:
            source = read_source(path)
            graph = NamedNode(source.uri)
            if store.stored_state(graph) == (source.sha256, extractor_signature()):
                summary.unchanged += 1
                continue
            quads = document_quads(process_source(source))
        except SourceError as exc:
            summary.errors.append(str(exc))
            continue
        store.replace_graph(graph, quads)
        summary.updated += 1
    _count(store, summary)
    if exports_dir is not None:
        kg = KnowledgeGraph(store)
        for fmt, name in BUILD_EXPORTS.items():
            export(kg, fmt, Path(exports_dir) / name)
    summary.seconds = time.perf_counter() - started
    return summary


def _count(store: GraphStore, summary: BuildSummary) -> None:
    def count(where: str) -> int:
        return int(next(iter(store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")))["n"].value)

    summary.articles = count("?x a kg:Article")
    summary.entities = {k: count(f"?x a kg:{k}") for k in ("Person", "Organization", "Region", "Project")}
    summary.posts = count("?x a org:Membership")
    summary.figures = count("?x a kg:Figure")
    summary.triples = store.count_triples()
