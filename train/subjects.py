"""Train the figure-subject ranker shipped in kg/models/subjects.json (see kg/mentions/subjects.py).

Data: ../shared/corpora/news_train, split by train/news_split.py. Each article is read by the real
pipeline (the shipped NER model, the page parser, the figure finder); each figure found that matches
a gold figure (same value and unit, as the scorer matches them) is one example, its candidates
labelled by the gold subject: a name that contains or is contained in one of the gold subject's
names, or "no subject" when the gold subject is null. A figure none of whose candidates is right
teaches nothing and is counted as unreachable.

Model: a linear scorer over the candidates' features, trained as a softmax over each figure's
candidates (the probability of its right candidates), L2-regularized, full-batch gradient descent
from zero weights: deterministic. Settings are fixed here, not selected on the held-out articles,
which are only scored.

Usage (from the repo root):
  python train/subjects.py --corpora ../shared/corpora [--out kg/models/subjects.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_split import held_out, split  # noqa: E402

from kg.articles import parse_page  # noqa: E402
from kg.mentions import extract_mentions  # noqa: E402
from kg.mentions.subjects import MODEL_PATH, Candidate, SubjectModel, article_figure_contexts  # noqa: E402
from kg.source import read_source  # noqa: E402

RULE = SubjectModel({"rule": 1.0, "none_rule": 1.0})  # the hand-written rule, as weights
L2_GRID = (0.1, 0.03, 0.01, 0.003, 0.001)  # chosen on the dev articles, then refit on all training ones
DEV_ARTICLES = 10  # the training articles first by hash, as train/ner.py's news-dev
STEPS = 1500
LEARNING_RATE = 0.1


@dataclass
class Example:
    candidates: list[Candidate]
    right: list[bool]


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _overlap(a: str, b: str) -> bool:
    return bool(a and b) and (a in b or b in a)


def article_examples(path: Path, gold: dict) -> tuple[list[Example], int]:
    """The labelled figures of one article, and how many matched figures no candidate gets right."""
    page = parse_page(read_source(path))
    found = extract_mentions(page)
    contexts = [c for article in article_figure_contexts(page, found.entities) for c in article]
    names_of: dict[str, set[str]] = {}
    for e in gold["entities"]:
        names = {_norm(n) for n in [e["name"], *(e.get("aliases") or [])]}
        for n in names:
            names_of.setdefault(n, set()).update(names)
    used, examples, unreachable = set(), [], 0
    for g in gold["figures"]:
        same = [
            i
            for i, c in enumerate(contexts)
            if i not in used
            and _same_value(g["value"], c.figure.value)
            and _norm(g["unit"]) == _norm(c.figure.unit)
        ]
        same.sort(key=lambda i: not _overlap(_norm(g.get("indicator")), _norm(contexts[i].figure.indicator)))
        if not same:
            continue
        used.add(same[0])
        candidates = contexts[same[0]].candidates
        subject = _norm(g.get("subject"))
        keys = names_of.get(subject, {subject}) if subject else set()
        right = [
            (c.mention is None)
            if not subject
            else c.mention is not None and any(_overlap(k, c.mention.text) for k in keys)
            for c in candidates
        ]
        if any(right):
            examples.append(Example(candidates, right))
        else:
            unreachable += 1
    return examples, unreachable


def _same_value(a, b) -> bool:
    a, b = float(a), float(b)
    return a == b or abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def read_examples(corpus: Path, names: list[str]) -> tuple[list[Example], int]:
    examples, unreachable = [], 0
    for name in names:
        gold = json.loads((corpus / "gold" / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
        found, lost = article_examples(corpus / "articles" / name, gold)
        examples += found
        unreachable += lost
    return examples, unreachable


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


def accuracy(model: SubjectModel, examples: list[Example]) -> float:
    def right(ex: Example) -> bool:
        chosen = model.choose(ex.candidates)
        return next(ok for c, ok in zip(ex.candidates, ex.right) if c.mention is chosen)

    return round(sum(map(right, examples)) / len(examples), 4) if examples else 0.0


def ranked(examples: list[Example]) -> list[Example]:
    """The figures the ranker decides: no clause-opening name before them in the sentence, and no
    national clause (SubjectModel.choose)."""
    return [
        ex
        for ex in examples
        if not any(c.features.get("rule_from_sentence") for c in ex.candidates)
        and not ex.candidates[0].features.get("none_national")
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--out", default=str(MODEL_PATH))
    args = ap.parse_args()
    corpus = Path(args.corpora) / "news_train"
    training, held_out_names = split(corpus)
    t0 = time.time()
    dev_names = held_out(training, DEV_ARTICLES)
    fit_part, fit_lost = read_examples(corpus, [n for n in training if n not in dev_names])
    dev, dev_lost = read_examples(corpus, dev_names)
    test, test_lost = read_examples(corpus, held_out_names)
    train, train_lost = fit_part + dev, fit_lost + dev_lost
    features = sorted({f for ex in train for c in ex.candidates for f in c.features})
    dev_accuracy = {l2: accuracy(SubjectModel(fit(ranked(fit_part), features, l2)), dev) for l2 in L2_GRID}
    l2 = max(L2_GRID, key=lambda k: dev_accuracy[k])  # the first of equals: the strongest
    model = SubjectModel(fit(ranked(train), features, l2))
    record = {
        "data": {
            "corpus": "news_train (train/news_split.py)",
            "training_articles": len(training),
            "held_out_articles": len(held_out_names),
            "dev_articles": len(dev_names),
            "training_figures": len(train),
            "training_unreachable": train_lost,
            "training_figures_ranked": len(ranked(train)),
            "held_out_figures": len(test),
            "held_out_unreachable": test_lost,
            "candidates_from": "kg extract's own mentions (the shipped NER model)",
        },
        "settings": {
            "l2": l2,
            "dev_accuracy_by_l2": {str(k): v for k, v in dev_accuracy.items()},
            "steps": STEPS,
            "learning_rate": LEARNING_RATE,
            "optimizer": "Adam, full batch",
        },
        "accuracy (reachable figures)": {
            "training": {"rule": accuracy(RULE, train), "ranker": accuracy(model, train)},
            "held_out": {"rule": accuracy(RULE, test), "ranker": accuracy(model, test)},
        },
        "minutes": round((time.time() - t0) / 60, 1),
    }
    Path(args.out).write_text(
        json.dumps({"weights": model.weights, "training": record}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(json.dumps(record["accuracy (reachable figures)"]), file=sys.stderr)


if __name__ == "__main__":
    main()
