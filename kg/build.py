"""`kg build`: files -> store -> exports, with a summary of what the graph now holds."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from pyoxigraph import NamedNode

from .articles import parse_page
from .corpus import Corpus
from .export import export
from .graph import KnowledgeGraph
from .mentions import extract_mentions
from .mentions.gazetteer import Place
from .pipeline import extractor_signature, text_files
from .rdf import document_quads, identity_update
from .resolve import person_contexts, province_votes, resolve
from .source import SourceError, SourceText, read_source
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
          progress: Callable[[Iterable], Iterable] = iter, home: Place | None = None) -> BuildSummary:
    """`home`: the paper's own province-level region; by default the one the corpus points to most."""
    started = time.perf_counter()
    summary = BuildSummary()
    store = GraphStore(store_dir)
    corpus = Corpus(home, store.file_facts())
    updated, given = set(), set()
    for path in progress(text_files(paths)):
        summary.files += 1
        try:
            source = read_source(path)
            given.add(source.uri)
            if store.stored_state(NamedNode(source.uri)) == (source.sha256, extractor_signature()):
                continue
            _read(store, source, corpus)
        except SourceError as exc:
            summary.errors.append(str(exc))
            continue
        updated.add(source.uri)
    # Files read against another home region than the corpus now points to are read again; files
    # whose persons the corpus now tells apart or together get their persons' IRIs changed in place.
    # Either can move the corpus once more: a few rounds settle it.
    for _ in range(3):
        stale = [(uri, facts) for uri, facts in store.file_facts().items() if facts.reading != corpus.reading(uri)]
        done = 0
        for uri, facts in stale:
            path = Path(url2pathname(urlparse(uri).path))
            if facts.reading.split(" ", 1)[0] == corpus.reading(uri).split(" ", 1)[0]:
                store.update(identity_update(uri, facts.people, corpus, store.person_nodes(uri)))
            elif path.exists():   # a file that is gone keeps what it was read against
                try:
                    _read(store, read_source(path), corpus)
                except SourceError as exc:
                    summary.errors.append(str(exc))
                    continue
            else:
                continue
            updated.add(uri)
            done += 1
        if not done:
            break
    summary.updated = len(updated)
    summary.unchanged = len(given - updated)
    _count(store, summary)
    if exports_dir is not None:
        kg = KnowledgeGraph(store)
        for fmt, name in BUILD_EXPORTS.items():
            export(kg, fmt, Path(exports_dir) / name)
    summary.seconds = time.perf_counter() - started
    return summary


def _read(store: GraphStore, source: SourceText, corpus: Corpus) -> None:
    """Extract a file, give the corpus its part (instead of what it gave before), store its facts."""
    found = extract_mentions(parse_page(source))
    corpus.add(source.uri, votes=province_votes(found))
    doc = resolve(found, corpus.home)
    corpus.add(source.uri, people=person_contexts(doc).values())
    store.replace_graph(NamedNode(source.uri), document_quads(doc, corpus))


def _count(store: GraphStore, summary: BuildSummary) -> None:
    def count(where: str) -> int:
        return int(next(iter(store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")))["n"].value)

    summary.articles = count("?x a kg:Article")
    summary.entities = {k: count(f"?x a kg:{k}") for k in ("Person", "Organization", "Region", "Project")}
    summary.posts = count("?x a org:Membership")
    summary.figures = count("?x a kg:Figure")
    summary.triples = store.count_triples()
