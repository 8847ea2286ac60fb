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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ranker import Example, RankerTask, main, match_gold, norm, overlap  # noqa: E402

from kg.articles import parse_page  # noqa: E402
from kg.mentions import extract_mentions  # noqa: E402
from kg.mentions.subjects import MODEL_PATH, SubjectModel, article_figure_contexts  # noqa: E402
from kg.source import read_source  # noqa: E402

RULE = SubjectModel({"rule": 1.0, "none_rule": 1.0})  # the hand-written rule, as weights


def article_examples(path: Path, gold: dict) -> tuple[list[Example], int]:
    """The labelled figures of one article, and how many matched figures no candidate gets right."""
    page = parse_page(read_source(path))
    found = extract_mentions(page)
    contexts = [c for article in article_figure_contexts(page, found.entities) for c in article]
    names_of: dict[str, set[str]] = {}
    for e in gold["entities"]:
        names = {norm(n) for n in [e["name"], *(e.get("aliases") or [])]}
        for n in names:
            names_of.setdefault(n, set()).update(names)
    examples, unreachable = [], 0
    for g, index in match_gold(gold["figures"], [c.figure for c in contexts]):
        candidates = contexts[index].candidates
        subject = norm(g.get("subject"))
        keys = names_of.get(subject, {subject}) if subject else set()
        right = [
            (c.mention is None)
            if not subject
            else c.mention is not None and any(overlap(k, c.mention.text) for k in keys)
            for c in candidates
        ]
        if any(right):
            examples.append(Example(candidates, right))
        else:
            unreachable += 1
    return examples, unreachable


def accuracy(decided: list[tuple[SubjectModel, Example]]) -> float:
    def right(model: SubjectModel, ex: Example) -> bool:
        chosen = model.choose(ex.candidates)
        return next(ok for c, ok in zip(ex.candidates, ex.right) if c.mention is chosen)

    return round(sum(right(m, ex) for m, ex in decided) / len(decided), 4) if decided else 0.0


def ranked(examples: list[Example]) -> list[Example]:
    """The figures the ranker decides: no clause-opening name before them in the sentence, and no
    national clause (SubjectModel.choose)."""
    return [
        ex
        for ex in examples
        if not any(c.features.get("rule_from_sentence") for c in ex.candidates)
        and not ex.candidates[0].features.get("none_national")
    ]


if __name__ == "__main__":
    main(
        __doc__,
        MODEL_PATH,
        RankerTask(article_examples, SubjectModel, RULE, accuracy, ranked),
        {"candidates_from": "kg extract's own mentions (the shipped NER model)"},
    )
