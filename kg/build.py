"""`kg build` and `kg remove`: files -> store -> exports, with a summary of what the graph now holds.

Each source file has one named graph, keyed by its name in the corpus (`kg.files`). A build reads
new and changed files, drops the graph of a file that moved (same content, gone from its old
name), reports files gone from the corpus and, with `prune`, drops theirs; then it brings the
files the corpus's decisions moved (home region, who is who) up to date and writes the exports.
"""

from __future__ import annotations

import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from pyoxigraph import NamedNode

from .corpus import Corpus
from .export import export
from .files import CorpusError, CorpusFile, CorpusRecord, corpus_files, corpus_root, find_files, name_in
from .graph import KnowledgeGraph
from .mentions import PageMentions
from .mentions.gazetteer import Place
from .pipeline import extractor_signature
from .rdf import document_quads, identity_update
from .resolve import person_contexts, province_votes, resolve
from .source import SourceError, SourceText, read_source
from .store import GraphStore, StoredFile, current_snapshot, snapshot_root
from .workers import Extraction, Within, Workers, default_count, extraction, in_processes

BUILD_EXPORTS = {"turtle": "kg.ttl", "graphml": "kg.graphml", "gexf": "kg.gexf"}


@dataclass
class BuildSummary:
    files: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files moved, gone, dropped or read again
    articles: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    posts: int = 0
    figures: int = 0
    triples: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in self.entities.items())
        return (
            f"{self.files} files ({self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.errors)} failed), {self.articles} articles, entities: {kinds}; "
            f"{self.posts} posts, {self.figures} figures, {self.triples} triples in {self.seconds:.1f}s"
        )


@dataclass
class _Run:
    """One build's or removal's state: the store, the corpus's decisions, where files lie."""

    store: GraphStore
    corpus: Corpus
    root: Path
    record: CorpusRecord
    summary: BuildSummary = field(default_factory=BuildSummary)
    given: set[str] = field(default_factory=set)  # the files the build was given, read or unchanged
    updated: set[str] = field(default_factory=set)
    extract: Extraction | None = None  # where extraction runs (`kg.workers`)
    processes: int = 1  # local processes the exports may use
    changed: bool = False  # whether this run changed the store

    @property
    def base(self) -> str:
        return self.record.base

    def changing(self) -> None:
        """Before the run's first change to the store: a new generation, saved before the change, so
        that a run killed midway leaves the exports and counts marked out of date."""
        if not self.changed:
            self.changed = True
            self.record.generation += 1
            self.record.save(self.store.path)

    def source(self, file: CorpusFile) -> SourceText | None:
        """The file's text; None, with the error noted, when it cannot be read."""
        try:
            return read_source(file.path, file.name, self.base)
        except SourceError as exc:
            self.summary.errors.append(str(exc))
            return None

    def is_stored(self, source: SourceText) -> bool:
        """Stored from the same bytes by the same extractor."""
        return self.store.stored_state(NamedNode(source.uri)) == (source.sha256, extractor_signature())

    def read(self, files: Iterable[CorpusFile]) -> list[SourceText]:
        """Read, extract and store files whatever the store holds of them; the sources read."""
        sources = [s for s in map(self.source, files) if s]
        self.store_all(sources)
        return sources

    def store_all(self, sources: Iterable[SourceText]) -> None:
        """Store each file as its extraction comes back, while the workers extract the next ones,
        against the home region the corpus points to so far. Extractions are kept on disk until
        all are in; a file stored against a home region that later files overturned is then
        resolved again from its extraction (never extracted again)."""
        with tempfile.TemporaryDirectory(prefix=".kg-build-", dir=self.store.path.parent) as folder:
            kept: dict[str, tuple[Path, str]] = {}  # IRI -> its extraction, the home it was read against
            for k, (source, found) in enumerate(self.extract(sources)):
                path = _keep(Path(folder), k, source, found, self.corpus)
                kept[source.uri] = (path, self.store_file(source, found))
            self.store.load()
            for path, home in kept.values():
                if home != self.corpus.home_code():
                    self.store_file(*pickle.loads(path.read_bytes()))

    def store_file(self, source: SourceText, found: PageMentions) -> str:
        """Store a file's facts; the home region's code they were read against."""
        self.changing()
        _store_file(self.store, source, found, self.corpus)
        if source.uri not in self.updated and source.note:  # Big5, HTML, traditional characters
            self.summary.notes.append(f"{source.label}: {source.note}")
        self.updated.add(source.uri)
        return self.corpus.home_code()

    def drop(self, stored: StoredFile) -> None:
        self.changing()
        self.store.drop_graph(stored.graph)
        self.corpus.remove(stored.graph)


def build(
    paths: Iterable[str | Path],
    store_dir: str | Path,
    exports_dir: str | Path | None,
    progress: Callable[[Iterable], Iterable] = iter,
    home: Place | None = None,
    base: str | None = None,
    prune: bool = False,
    within: Within | None = None,
    workers: Workers | None = None,
) -> BuildSummary:
    """`home`: the paper's own province-level region; by default the one the corpus points to most.
    `base`: where the files' IRIs start (default: the store's, else `kg.source.DEFAULT_BASE`).
    `prune`: drop the graphs of stored files that are gone from the corpus. `workers`: where
    extraction runs (`kg.workers`); the store is the same wherever it runs. Raises CorpusError
    for a folder with nothing to read."""
    started, paths = time.perf_counter(), list(paths)
    files = find_files(paths)
    run = _start(store_dir, home, corpus_root(paths, CorpusRecord.load(Path(store_dir)).root), base)
    read: dict[str, tuple[str, str]] = {}  # IRI -> content hash and name of each file read now

    def changed() -> Iterator[SourceText]:
        for file in progress(corpus_files(files, run.root)):
            run.summary.files += 1
            if source := run.source(file):
                read[source.uri] = (source.sha256, source.label)
                if not run.is_stored(source):
                    yield source

    workers = workers or Workers()
    run.processes = default_count() if workers.scheduler else workers.count
    with extraction(workers, within) as run.extract:
        run.store_all(changed())
        run.given = set(read)
        _reconcile(run, read, prune)
        _settle(run)
    return _finish(run, exports_dir, started)


def remove(
    paths: Iterable[str | Path],
    store_dir: str | Path,
    exports_dir: str | Path | None,
    home: Place | None = None,
) -> BuildSummary:
    """Drop the graphs of the files named (by path, or by their name in the corpus) and re-decide
    what the corpus decides. Raises CorpusError naming a path the store holds no file for."""
    started = time.perf_counter()
    record = CorpusRecord.load(Path(store_dir))
    run = _start(store_dir, home, Path(record.root or "."), record.base)
    by_name = {f.name: f for f in run.store.stored_files()}
    for path in map(Path, paths):
        name = str(path) if str(path) in by_name else name_in(path, run.root)
        if name not in by_name:
            raise CorpusError(f"{path}: the store holds no file of this name")
        run.drop(by_name[name])
        run.summary.notes.append(f"removed {name}")
    with extraction(Workers()) as run.extract:
        _settle(run)
    return _finish(run, exports_dir, started)


def _start(store_dir: str | Path, home: Place | None, root: Path, base: str | None) -> _Run:
    store = GraphStore(store_dir)
    record = CorpusRecord.load(store.path)
    record.root, record.base = str(root), base or record.base
    record.save(store.path)
    return _Run(store, Corpus(home, store.file_facts()), root, record)


def _reconcile(run: _Run, read: dict[str, tuple[str, str]], prune: bool) -> None:
    """Stored files not read now: a file gone whose content was read under another name moved, and
    its old graph goes; one stored by absolute path (older stores) is read again under its name;
    one gone from the corpus is reported, and dropped with `prune`."""
    moved_to = dict(read.values())
    gone, legacies = [], 0
    for stored in run.store.stored_files():
        legacy = _legacy_path(stored.graph)
        if stored.graph in read or not (legacy or stored.graph.startswith(run.base)):
            continue  # read now, or another corpus's file (another base)
        path = legacy or run.root / stored.name
        if path.exists() and legacy:
            run.drop(stored)
            legacies += len(run.read([CorpusFile(path, _name_near(path, run.root))]))
        elif path.exists():
            continue
        elif stored.sha256 in moved_to:
            run.drop(stored)
            run.summary.notes.append(
                f"{stored.name} moved to {moved_to[stored.sha256]}: its old graph was dropped"
            )
        elif prune:
            run.drop(stored)
            run.summary.notes.append(f"{stored.name} is gone from the corpus: its graph was dropped")
        else:
            gone.append(stored.name)
    if legacies:
        run.summary.notes.append(
            f"the store named {legacies} file(s) by absolute path (file:…): "
            "read again under their names in the corpus"
        )
    if gone:
        run.summary.notes.append(
            f"{len(gone)} stored file(s) gone from {run.root} (kg build --prune drops them): "
            + ", ".join(gone[:10])
            + (" …" if len(gone) > 10 else "")
        )


def _legacy_path(graph: str) -> Path | None:
    """The file an older store named by its absolute `file:` IRI."""
    return Path(url2pathname(urlparse(graph).path)) if graph.startswith("file:") else None


def _name_near(path: Path, root: Path) -> str:
    name = name_in(path, root)
    return path.name if name.startswith("../") else name


def _settle(run: _Run) -> None:
    """Files read against another home region than the corpus now points to are read again; files
    whose persons the corpus now tells apart or together get their persons' IRIs changed in place.
    Either can move the corpus once more: a few rounds settle it."""
    for _ in range(3):
        names = {f.graph: f.name for f in run.store.stored_files()}
        stale = [
            (uri, facts)
            for uri, facts in run.store.file_facts().items()
            if facts.reading != run.corpus.reading(uri)
        ]
        done, again = 0, []
        for uri, facts in stale:
            path = run.root / names.get(uri, "")
            if facts.reading.split(" ", 1)[0] == run.corpus.reading(uri).split(" ", 1)[0]:
                run.changing()
                run.store.update(identity_update(uri, facts.people, run.corpus, run.store.person_nodes(uri)))
                run.updated.add(uri)
                done += 1
            elif uri in names and path.is_file():  # a file that is gone keeps what it was read against
                again.append(CorpusFile(path, names[uri]))
        done += len(run.read(again))
        if not done:
            break


def _finish(run: _Run, exports_dir: str | Path | None, started: float) -> BuildSummary:
    """Count, publish a snapshot and export: only what this run's changes made out of date."""
    summary, record = run.summary, run.record
    run.store.flush()
    summary.updated = len(run.updated)
    summary.unchanged = len(run.given - run.updated)
    if run.changed or not record.counts:
        _count(run.store, summary)
        record.counts = {k: getattr(summary, k) for k in _COUNTS}
        record.save(run.store.path)
    else:
        for k in _COUNTS:
            setattr(summary, k, record.counts[k])
    if run.changed or not (snapshot_root(run.store.path) / "current").is_file():
        run.store.publish_snapshot()  # what `kg serve` moves to: only whole builds
    if exports_dir is not None:
        _export(run, Path(exports_dir))
    summary.seconds = time.perf_counter() - started
    return summary


_COUNTS = ("articles", "entities", "posts", "figures", "triples")
_EXPORTED = ".kg-exported"  # in the exports folder: the store and generation the exports show


def _export(run: _Run, folder: Path) -> None:
    stamp = f"{run.store.path.resolve()}\t{run.record.generation}"
    marker = folder / _EXPORTED
    current = marker.is_file() and marker.read_text(encoding="utf-8") == stamp
    if current and all((folder / name).is_file() for name in BUILD_EXPORTS.values()):
        return
    marker.unlink(missing_ok=True)
    # from the snapshot just published, which other processes can open while this one holds the store
    snapshot = str(current_snapshot(run.store.path))
    jobs = [(snapshot, fmt, str(folder / name)) for fmt, name in BUILD_EXPORTS.items()]
    in_processes(run.processes, _export_snapshot, jobs)
    marker.write_text(stamp, encoding="utf-8")


def _export_snapshot(snapshot: str, fmt: str, path: str) -> None:
    export(KnowledgeGraph(GraphStore(snapshot, read_only=True)), fmt, path)


def _keep(folder: Path, index: int, source: SourceText, found: PageMentions, corpus: Corpus) -> Path:
    """A file's extraction, on disk until the build has stored every file, and its votes for the home
    region, given now."""
    corpus.add(source.uri, votes=province_votes(found))
    path = folder / f"{index}.pickle"
    path.write_bytes(pickle.dumps((source, found), protocol=pickle.HIGHEST_PROTOCOL))
    return path


def _store_file(store: GraphStore, source: SourceText, found: PageMentions, corpus: Corpus) -> None:
    """Store a file's facts, read against the corpus as it now stands, and give it the file's persons."""
    doc = resolve(found, corpus.home)
    corpus.add(source.uri, people=person_contexts(doc).values())
    store.replace_graph(NamedNode(source.uri), document_quads(doc, corpus))


def _count(store: GraphStore, summary: BuildSummary) -> None:
    def count(where: str) -> int:
        rows = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
        return int(next(iter(rows))["n"].value)

    summary.articles = count("?x a kg:Article")
    summary.entities = {k: count(f"?x a kg:{k}") for k in ("Person", "Organization", "Region", "Project")}
    summary.posts = count("?x a org:Membership")
    summary.figures = count("?x a kg:Figure")
    summary.triples = store.count_triples()
