"""Stage 6: exports, one module per family of formats, found by name.

Every writer has the same signature `write(graph: KnowledgeGraph, path: Path) -> None`.
"""
from __future__ import annotations

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
    FORMATS[fmt][1](graph, path)
    return path
