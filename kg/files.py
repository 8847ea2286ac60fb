"""Stage 0a: the corpus on disk: which files a build reads and the name each is known by.

A file's name is its path relative to the corpus root, and its IRI is a base plus that name
(`kg.source.SourceText.uri`), so moving the corpus, copying it or building it on another machine
changes no IRI. The root is the folder given to `kg build` (the common folder of several paths);
the store remembers it, so a later build of one of its subfolders names files the same way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import html
from .source import DEFAULT_BASE

# Read in any letter case: plain text, and HTML pages (their text is extracted, see kg.html).
TEXT_SUFFIXES = (".txt",)
_RECORD = "kg-corpus.json"  # kept in the store's folder, beside Oxigraph's own files


class CorpusError(ValueError):
    """A path that holds nothing to read; the message names it."""


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    name: str  # relative to the corpus root, with / between folders


@dataclass
class CorpusRecord:
    """What the store remembers of the corpus it was built from, and of its own state: a generation
    bumped before any build or removal changes the store, and the summary's counts at it, so that
    a build that changes nothing need not count or export again."""

    root: str = ""
    base: str = DEFAULT_BASE
    generation: int = 0
    counts: dict = field(default_factory=dict)  # BuildSummary's counts at `generation`

    @classmethod
    def load(cls, store_dir: Path) -> CorpusRecord:
        path = Path(store_dir) / _RECORD
        return cls(**json.loads(path.read_text(encoding="utf-8"))) if path.exists() else cls()

    def save(self, store_dir: Path) -> None:
        path = Path(store_dir) / _RECORD
        path.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")


def readable(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES + html.SUFFIXES


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, and the .txt/.html files under the folders named (recursively, following
    symlinked folders once), each once, in a stable order. A folder with none is an error."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)
            continue
        found = _walk(p)
        if not found:
            raise CorpusError(f"{p}: no .txt or .html files in this folder")
        out.extend(found)
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]


def _walk(folder: Path) -> list[Path]:
    found, visited = [], set()
    for top, dirs, names in os.walk(folder, followlinks=True):
        real = Path(top).resolve()
        if real in visited:  # a link back to a folder already read
            dirs[:] = []
            continue
        visited.add(real)
        dirs.sort()
        found.extend(Path(top) / n for n in sorted(names) if readable(Path(n)))
    return found


def corpus_root(paths: Iterable[str | Path], remembered: str = "") -> Path:
    """The folder that file names are relative to: the remembered root when it still exists and
    holds every path given, else the folder given (a file's own folder), or their common folder."""
    folders = [_absolute(p) if p.is_dir() else _absolute(p).parent for p in map(Path, paths)]
    if remembered and Path(remembered).is_dir():
        root = Path(remembered)
        if all(f == root or root in f.parents for f in folders):
            return root
    return Path(os.path.commonpath(folders))


def corpus_files(files: Iterable[Path], root: Path) -> list[CorpusFile]:
    return [CorpusFile(p, name_in(p, root)) for p in files]


def name_in(path: Path, root: Path) -> str:
    """`path` relative to `root`, as the symlinks lie (not resolved): the name users read."""
    return Path(os.path.relpath(_absolute(path), root)).as_posix()


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))  # normalizes .. without resolving symlinks
