"""Stage 6: exports, one module per family of formats, found by name.

Every writer has the same signature `write(graph: KnowledgeGraph, path: Path) -> None`.
`export` has it write a temporary file beside the target, which then replaces the target in one
rename: a writer that fails, or a process killed while it writes, leaves the previous export whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..graph import KnowledgeGraph
from . import gephi, rdf

Writer = Callable[[KnowledgeGraph, Path], None]

FORMATS: dict[str, tuple[str, Writer]] = {
    **{name: (ext, rdf.writer(name)) for name, ext in rdf.EXTENSIONS.items()},
    "graphml": (".graphml", gephi.write_graphml),
    "gexf": (".gexf", gephi.write_gexf),
}


def export(graph: KnowledgeGraph, fmt: str, path: str | Path) -> Path:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not path.is_file():
        FORMATS[fmt][1](graph, path)  # a device or a pipe (-o /dev/stdout) cannot be replaced
    else:
        _write_and_replace(
            FORMATS[fmt][1], graph, path.resolve()
        )  # through a symlink: the file, not the link
    return path


def _write_and_replace(write: Writer, graph: KnowledgeGraph, path: Path) -> None:
    # hidden, in the same folder (a rename cannot cross file systems), one per process
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(graph, temporary)
        _sync(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _sync(path: Path) -> None:
    """On disk before the rename, so that a crash of the machine cannot leave an empty target either."""
    with open(path, "rb") as written:
        os.fsync(written.fileno())
