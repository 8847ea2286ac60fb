"""Named-entity recognition: recognizers registered by name, run in order, merged into one set of spans.

A recognizer takes the texts of a batch of sentences and returns, for each, candidate spans
`(start, end, type)`, merged so that no two overlap (see `_merge`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lang
from .gazetteer import gazetteer
from .segment import word_starts

PERSON, ORGANIZATION, REGION, PROJECT = "Person", "Organization", "Region", "Project"
ENTITY_TYPES = (PERSON, ORGANIZATION, REGION, PROJECT)
# The shipped model is "ner"; KG_NER_MODEL names another in kg/models or points at a directory (a
# retrained model, an experiment).
SHIPPED_MODELS = Path(__file__).resolve().parent.parent / "models"
_CHOICE = os.environ.get("KG_NER_MODEL") or "ner"
MODEL_DIR = SHIPPED_MODELS / _CHOICE if (SHIPPED_MODELS / _CHOICE).is_dir() else Path(_CHOICE)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    recognizer: str


Recognizer = Callable[[Sequence[str]], list[list[tuple[int, int, str]]]]
RECOGNIZERS: dict[str, Recognizer] = {}


def recognizer(name: str):
    def register(func: Recognizer) -> Recognizer:
        RECOGNIZERS[name] = func
        return func

    return register


def default_pipeline() -> tuple[str, ...]:
    """The trained model when it is there, jieba's part-of-speech tags otherwise. Projects first: where
    the project chooser and the model name overlapping projects, the chooser's name is kept (on
    news_train's held-out articles 19 of the model's 31 projects are wrong)."""
    statistical = "model" if (MODEL_DIR / "meta.json").exists() else "jieba"
    return ("projects", statistical, "bodies", "rules", "gazetteer")


# Texts `recognize` hands the recognizers at a time.
_CHUNK = 256
_PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("recognize_progress", default=None)


@contextmanager
def reporting(progress: Callable[[int, int], None] | None) -> Iterator[None]:
    """Within the block, `recognize` calls `progress(texts done, texts in all)` after each chunk
    (the recognizers take most of the time a page takes)."""
    token = _PROGRESS.set(progress)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


def recognize(texts: Sequence[str], pipeline: Sequence[str] | None = None) -> list[list[Candidate]]:
    from . import bodies, projects, rules  # noqa: F401  (register the rule recognizers)

    names = tuple(pipeline or default_pipeline())
    unknown = [n for n in names if n not in RECOGNIZERS]
    if unknown:
        raise ValueError(f"unknown recognizer(s) {unknown}; known: {sorted(RECOGNIZERS)}")
    progress = _PROGRESS.get()
    per_text: list[list[Candidate]] = []
    # Every recognizer reads text by text (the model's predictions do not depend on its batches), so
    # a page goes through in chunks: its progress can be shown, and jieba's cache of words still
    # holds a chunk's sentences when the rules read them.
    for first in range(0, len(texts), _CHUNK):
        chunk = texts[first : first + _CHUNK]
        found: list[list[Candidate]] = [[] for _ in chunk]
        for name in names:
            for candidates, spans in zip(found, RECOGNIZERS[name](chunk)):
                candidates.extend(Candidate(s, e, t, name) for s, e, t in spans)
        per_text.extend(found)
        if progress:
            progress(len(per_text), len(texts))
    order = {name: i for i, name in enumerate(names)}
    return [_merge(text, c, order) for text, c in zip(texts, per_text)]


_COMPANY_ENDINGS = ("有限公司", "有限责任公司", "集团", "集团公司")


def _merge(text: str, candidates: list[Candidate], order: dict[str, int]) -> list[Candidate]:
    """Overlapping candidates: projects first (their names contain an owner's name:
    先导科技集团光学材料产业化项目), then the recognizer listed first, then the longer
    span. With the model first, rules and gazetteer only add what the model missed (letting longer
    rule spans win lost 0.6 F1 on People's Daily dev and 0.4 on MSRA test). The places and
    organizations named inside a project are kept too (兴安盟 in 兴安盟…风电项目), and so are the
    known bodies and the gazetteer's places named inside an organization (中国石油 in
    中国石油辽阳石化公司, 赤峰市 in 赤峰市医疗保障局): they are entities of their own."""

    def whole_name(c: Candidate) -> bool:  # a project, or a company written out in full
        return c.type == PROJECT or (
            c.type == ORGANIZATION and text.endswith(_COMPANY_ENDINGS, c.start, c.end)
        )

    def select(pool: list[Candidate]) -> list[Candidate]:
        taken: list[Candidate] = []
        for c in sorted(
            pool, key=lambda c: (not whole_name(c), order[c.recognizer], -(c.end - c.start), c.start)
        ):
            if all(c.end <= t.start or c.start >= t.end for t in taken):
                taken.append(c)
        return taken

    def inside(c: Candidate, outer: Candidate) -> bool:
        return outer.start <= c.start and c.end <= outer.end and c.end - c.start < outer.end - outer.start

    def own_name(c: Candidate, outer: Candidate) -> bool:  # any name in a project; a body or place in one
        return outer.type == PROJECT or (
            outer.type == ORGANIZATION and (c.recognizer == "bodies" or c.recognizer == "gazetteer")
        )

    # a known body's name is whole: what a model made of its pieces (中国|移动) gives way to it
    bodies = [c for c in candidates if c.recognizer == "bodies"]
    candidates = [c for c in candidates if not any(inside(c, b) for b in bodies)]
    taken = select(candidates)
    inner = [
        c
        for c in candidates
        if c.type != PROJECT and c not in taken and any(inside(c, t) and own_name(c, t) for t in taken)
    ]
    return sorted(taken + select(inner), key=lambda c: c.start)


@recognizer("gazetteer")
def find_regions(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    g, own = gazetteer(), lang.word_list("home_region_words")
    out = []
    for text in texts:
        starts = word_starts(text)
        out.append(
            [(s, e, REGION) for s, e, _ in g.find_words(text)]
            + [(m.start(), m.end(), REGION) for w in own for m in re.finditer(w, text) if m.start() in starts]
        )
    return out


_MODEL_LABELS = {
    "PER": PERSON,
    "ORG": ORGANIZATION,
    "LOC": REGION,
    "PRJ": PROJECT,
}  # PRJ: models trained with news_train


@lru_cache(maxsize=1)
def _load_model():
    try:
        import spacy
        from thinc.api import NumpyOps, set_current_ops
    except ImportError as exc:  # pragma: no cover - spacy is a declared dependency
        raise RuntimeError("the NER model needs spaCy: pip install spacy") from exc
    from . import tok2vec_onnx, word_features  # noqa: F401  (word_features registers a component)

    set_current_ops(NumpyOps(use_blis=False))  # same predictions as blis, several times faster here
    nlp = spacy.load(MODEL_DIR)
    if (MODEL_DIR / tok2vec_onnx.ONNX_FILE).exists():  # written by train/onnx_tok2vec.py: the same, faster
        tok2vec = nlp.get_pipe("tok2vec")
        tok2vec.model = tok2vec_onnx.onnx_tok2vec(MODEL_DIR, tok2vec.model)
    return nlp


@recognizer("model")
def model_entities(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    from threadpoolctl import threadpool_limits

    nlp = _load_model()
    out = []
    # The model's matrices are small: one BLAS thread is faster than several, and leaves the other cores free.
    with threadpool_limits(limits=1, user_api="blas"):
        for batch in _batches(texts):
            for doc in nlp.pipe(batch, batch_size=len(batch)):
                out.append(
                    [
                        (e.start_char, e.end_char, _MODEL_LABELS[e.label_])
                        for e in doc.ents
                        if e.label_ in _MODEL_LABELS
                    ]
                )
    return out


# The model's memory grows with the characters of a batch (64 sentences of 400 characters took 700 MB
# more than the model itself, 64 of 45 characters 160 MB), so a batch is 64 texts or 2,000 characters,
# whichever comes first. Its predictions do not depend on the batches (checked on the seeds' sentences
# in batches of 1 to 200), and smaller batches are no slower.
_BATCH_TEXTS, _BATCH_CHARS = 64, 2000


def _batches(texts: Sequence[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == _BATCH_TEXTS or chars + len(text) > _BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


_JIEBA_TAGS = {"nr": PERSON, "ns": REGION, "nt": ORGANIZATION}


@recognizer("jieba")
def jieba_entities(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """Fallback when no trained model is installed: jieba's nr/ns/nt tags."""
    import jieba.posseg

    out = []
    for text in texts:
        spans, pos = [], 0
        for word, flag in jieba.posseg.cut(text):
            kind = _JIEBA_TAGS.get(flag)
            if kind and len(word) >= 2:
                spans.append((pos, pos + len(word), kind))
            pos += len(word)
        out.append(spans)
    return out
