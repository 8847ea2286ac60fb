"""The linear ranker that train/subjects.py fits: for each example, one of
several candidates (each a dict of features) is right, and a softmax over the candidates' scores
is trained to give the right ones the probability; L2-regularized, full-batch Adam from zero
weights, so that a run is deterministic."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from news_split import held_out, split

STEPS = 1500
LEARNING_RATE = 0.1
SETTINGS = {"steps": STEPS, "learning_rate": LEARNING_RATE, "optimizer": "Adam, full batch"}
L2_GRID = (0.1, 0.03, 0.01, 0.003, 0.001)  # chosen on dev articles, then refit on all training ones
DEV_ARTICLES = 10  # the training articles first by hash, as train/ner.py's news-dev


@dataclass
class Example:
    candidates: list  # of objects with `features`
    right: list[bool]


def fit(examples: list[Example], features: list[str], l2: float) -> dict[str, float]:
    """Softmax over each figure's candidates; maximize the probability of its right ones. All
    candidates are rows of one matrix; `starts` marks where each figure's rows begin."""
    column = {f: j for j, f in enumerate(features)}
    rows = [c for ex in examples for c in ex.candidates]
    x = np.zeros((len(rows), len(features)))
    for r, c in enumerate(rows):
        for f, v in c.features.items():
            x[r, column[f]] = v
    right = np.array([flag for ex in examples for flag in ex.right], dtype=float)
    sizes = np.array([len(ex.candidates) for ex in examples])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    w = np.zeros(len(features))
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, STEPS + 1):
        scores = x @ w
        e = np.exp(scores - np.repeat(np.maximum.reduceat(scores, starts), sizes))
        p = e / np.repeat(np.add.reduceat(e, starts), sizes)
        q = p * right / np.repeat(np.add.reduceat(p * right, starts), sizes)  # posterior over the right ones
        grad = 2 * l2 * w + x.T @ (p - q) / len(examples)
        m = 0.9 * m + 0.1 * grad  # Adam
        v = 0.999 * v + 0.001 * grad**2
        w -= LEARNING_RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {f: round(float(w[j]), 4) for j, f in enumerate(features) if abs(w[j]) >= 1e-4}


def read_gold(corpus: Path, article: str) -> dict:
    return json.loads((corpus / "gold" / f"{Path(article).stem}.json").read_text(encoding="utf-8"))


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def overlap(a: str, b: str) -> bool:
    """One contains the other: how the scorer compares indicators and subjects."""
    return bool(a and b) and (a in b or b in a)


def match_gold(gold_figures: list[dict], found: list) -> list[tuple[dict, int]]:
    """Each gold figure with the index of the figure found that the scorer pairs it with: the first
    one left of the same value and unit, one whose indicator agrees first."""
    used, out = set(), []
    for g in gold_figures:
        same = [
            i
            for i, f in enumerate(found)
            if i not in used and _same_value(g["value"], f.value) and norm(g["unit"]) == norm(f.unit)
        ]
        same.sort(key=lambda i: not overlap(norm(g.get("indicator")), norm(found[i].indicator)))
        if same:
            used.add(same[0])
            out.append((g, same[0]))
    return out


def _same_value(a, b) -> bool:
    a, b = float(a), float(b)
    return a == b or abs(a - b) <= 1e-6 * max(abs(a), abs(b))


@dataclass(frozen=True)
class RankerTask:
    """What one ranker's script supplies: an article's examples, its model class, the rule as a model, how
    models are scored on examples (`accuracy`, given each example with the model that decides it), and
    which examples the ranker decides (the rest are rules')."""

    article_examples: Callable[
        [Path, dict], tuple[list[Example], int]
    ]  # (article, its gold) -> (examples, lost)
    model: Callable[[dict[str, float]], object]
    rule: object
    accuracy: Callable[[list[tuple[object, Example]]], float]
    ranked: Callable[[list[Example]], list[Example]] = lambda examples: examples
    unit: str = "figures"  # what one example is, as the record names it
    folds: int = 1  # L2 is chosen on 10 dev articles, or by cross-validation over this many folds
    l2_grid: tuple[float, ...] = L2_GRID
    none_offsets: tuple[float, ...] = (0.0,)  # also chosen: what is added to the "none" weight after fitting
    measure: str = "accuracy"  # what `accuracy` counts, as the record names it


def dev_folds(training: list[str], folds: int) -> list[list[str]]:
    """The articles L2 is chosen on: the 10 first by hash, or every training article in one of `folds`."""
    if folds == 1:
        return [held_out(training, DEV_ARTICLES)]
    return [training[i::folds] for i in range(folds)]


def train_and_record(corpus: Path, out: Path, task: RankerTask, data_note: dict) -> None:
    """Fit on news_train's training articles (L2 chosen on dev articles among them), score on the
    held-out ones, and write the weights with the record of data, settings and accuracies."""
    training, held_out_names = split(corpus)
    t0 = time.time()
    found = {
        n: task.article_examples(corpus / "articles" / n, read_gold(corpus, n))
        for n in training + held_out_names
    }

    def examples(names: list[str]) -> list[Example]:
        return [ex for n in names for ex in found[n][0]]

    folds = dev_folds(training, task.folds)
    train = examples([n for n in training if n not in folds[0]]) + examples(folds[0])
    train_lost = sum(found[n][1] for n in training)
    test, test_lost = examples(held_out_names), sum(found[n][1] for n in held_out_names)
    features = sorted({f for ex in train for c in ex.candidates for f in c.features})

    def fitted(examples: list[Example], l2: float, offset: float):
        weights = fit(task.ranked(examples), features, l2)
        if offset:
            weights["none"] = round(weights.get("none", 0.0) + offset, 4)
        return task.model(weights)

    def dev_accuracy(setting: tuple[float, float]) -> float:  # over the folds' examples together
        pairs = []
        for fold in folds:
            model = fitted(examples([n for n in training if n not in fold]), *setting)
            pairs += [(model, ex) for ex in examples(fold)]
        return task.accuracy(pairs)

    grid = [(l2, offset) for l2 in task.l2_grid for offset in task.none_offsets]
    accuracy_by_setting = {setting: dev_accuracy(setting) for setting in grid}
    l2, offset = max(grid, key=lambda k: accuracy_by_setting[k])  # the first of equals: the strongest
    model = fitted(train, l2, offset)

    def scored(model, examples: list[Example]) -> float:
        return task.accuracy([(model, ex) for ex in examples])

    record = {
        "data": {
            "corpus": "news_train (train/news_split.py)",
            "training_articles": len(training),
            "held_out_articles": len(held_out_names),
            "dev_articles": sum(map(len, folds)),
            "dev_folds": len(folds),
            f"training_{task.unit}": len(train),
            "training_unreachable": train_lost,
            f"training_{task.unit}_ranked": len(task.ranked(train)),
            f"held_out_{task.unit}": len(test),
            "held_out_unreachable": test_lost,
            **data_note,
        },
        "settings": {
            "l2": l2,
            "none_offset": offset,
            f"dev_{task.measure}_by_setting": {
                f"l2 {k[0]}, none {k[1]:+}": v for k, v in accuracy_by_setting.items()
            },
            **SETTINGS,
        },
        f"{task.measure} (reachable {task.unit})": {
            "training": {"rule": scored(task.rule, train), "ranker": scored(model, train)},
            "held_out": {"rule": scored(task.rule, test), "ranker": scored(model, test)},
        },
        "minutes": round((time.time() - t0) / 60, 1),
    }
    out.write_text(
        json.dumps({"weights": model.weights, "training": record}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(json.dumps(record[f"{task.measure} (reachable {task.unit})"]), file=sys.stderr)


def main(doc: str, model_path: Path, task: RankerTask, data_note: dict) -> None:
    """A ranker script's command line: --corpora DIR [--out FILE]."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--out", default=str(model_path))
    args = ap.parse_args()
    train_and_record(Path(args.corpora) / "news_train", Path(args.out), task, data_note)
