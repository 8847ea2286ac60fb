"""`kg eval ner`: exact-span precision/recall/F1 of the entity recognizers on a labelled corpus.

The corpus is JSONL, one sentence a line: {"text": ..., "entities": [{"type", "start", "end"}]}
(the shape of ../shared/corpora). Our types map to PER/LOC/ORG; Project has no counterpart
and is left out, and so are the words a page uses for its own region (全区, 我省: coreference,
resolved later, never names). Gold types outside PER/LOC/ORG (CLUENER's name, company…) are
mapped the same way as for training.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import lang
from .mentions import entity_spans
from .pipeline import process_file
from .resolve import is_natural_feature

OUR_TO_GOLD = {"Person": "PER", "Organization": "ORG", "Region": "LOC"}
GOLD_LABELS = {
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    "name": "PER",
    "organization": "ORG",
    "government": "ORG",
    "company": "ORG",
}
LABELS = ("PER", "LOC", "ORG")


class CorpusError(ValueError):
    """A corpus line that is not a labelled sentence; the message names the file and line."""


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    pred: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    chars: int = 0
    seconds: float = 0.0

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        pick = LABELS if label is None else (label,)
        tp, pred, gold = (sum(d[k] for k in pick) for d in (self.tp, self.pred, self.gold))
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def table(self) -> str:
        lines = [f"{'':6}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}"]
        for label in (*LABELS, None):
            p, r, f = self.prf(label)
            gold = sum(self.gold.values()) if label is None else self.gold[label]
            lines.append(f"{label or 'micro':6}{p:7.3f}{r:7.3f}{f:7.3f}{gold:7}")
        lines.append(
            f"{self.chars / self.seconds:,.0f} chars/s ({self.chars:,} chars in {self.seconds:.1f}s)"
        )
        return "\n".join(lines)


def read_corpus(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                gold = {
                    (e["start"], e["end"], GOLD_LABELS[e["type"]])
                    for e in item["entities"]
                    if e["type"] in GOLD_LABELS
                }
                out.append((item["text"], gold))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise CorpusError(
                    f"{path}:{n}: not a labelled sentence ({exc.__class__.__name__}: {exc})"
                ) from exc
    return out


def evaluate_ner(path: Path, pipeline: Sequence[str] | None = None) -> Score:
    corpus = read_corpus(path)
    score = Score()
    texts = [text for text, _ in corpus]
    entity_spans(["预热。"], pipeline)  # load models and dictionaries before timing
    started = time.perf_counter()
    predicted = entity_spans(texts, pipeline)
    score.seconds = time.perf_counter() - started
    score.chars = sum(map(len, texts))
    own_words = lang.word_list("home_region_words")
    for (text, gold), spans in zip(corpus, predicted):
        pred = {
            (s, e, OUR_TO_GOLD[t]) for s, e, t in spans if t in OUR_TO_GOLD and text[s:e] not in own_words
        }
        for label in LABELS:
            g = {x for x in gold if x[2] == label}
            p = {x for x in pred if x[2] == label}
            score.tp[label] += len(g & p)
            score.pred[label] += len(p)
            score.gold[label] += len(g)
    return score


def evaluate_files(path: Path, per_file: int = 50, pipeline: Sequence[str] | None = None) -> Score:
    """Score whole extraction the way a held-out set of plain files is scored: the corpus is cut
    into files of `per_file` sentences, one a line; each file goes through `kg extract`'s stages,
    and its entities (name or alias) are matched one to one against the file's set of gold names.
    As the guidelines have it, a one-character gold name (中 of 中美) or a natural feature taken for
    a place (长江) is neither required nor penalized: out of the gold, and an entity that has it as
    a name is not counted."""
    corpus = read_corpus(path)
    score = Score()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(0, len(corpus), per_file):
            chunk = corpus[k : k + per_file]
            file = Path(tmp) / f"part{k // per_file:05d}.txt"
            file.write_text("\n".join(text for text, _ in chunk) + "\n", encoding="utf-8")
            gold = {(text[s:e], label) for text, spans in chunk for s, e, label in spans}
            files.append((file, gold, sum(len(text) for text, _ in chunk)))
        process_file(files[0][0], pipeline)  # load models and dictionaries before timing
        started = time.perf_counter()
        own_words = lang.word_list("home_region_words")
        for file, gold, chars in files:
            doc = process_file(file, pipeline)
            for label in LABELS:
                free = {n for n, g in gold if g == label and _free(n, label)}
                names = {n for n, g in gold if g == label} - free
                entities = [
                    {e.name, *e.aliases} - set(own_words)
                    for e in doc.entities
                    if OUR_TO_GOLD.get(e.type) == label and not free & {e.name, *e.aliases}
                ]
                unused = list(entities)
                for name in names:
                    hit = next((i for i, keys in enumerate(unused) if name in keys), None)
                    if hit is not None:
                        unused.pop(hit)
                        score.tp[label] += 1
                score.pred[label] += len(entities)
                score.gold[label] += len(names)
            score.chars += chars
        score.seconds = time.perf_counter() - started
    return score


def _free(name: str, label: str) -> bool:
    """A gold name the guidelines neither require nor penalize."""
    return len(name) < 2 or (label == "LOC" and is_natural_feature(name))
