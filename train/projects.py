"""Train the project chooser shipped in kg/models/projects.json (see kg/mentions/projects.py).

Data: ../shared/corpora/news_train, split by train/news_split.py. Each article is read by the real
page parser; each stretch of a sentence that kg.mentions.projects offers (a run of words ending in a
project word, or a quoted campaign) is one example. Its right candidate is the start whose span is a
gold Project's name or alias, or "no project here" when no gold Project's name overlaps the stretch;
a stretch that overlaps a gold Project none of its starts gives teaches nothing and is counted as
unreachable.

Model: a linear scorer over the candidates' features, trained as a softmax over each stretch's
candidates, L2-regularized (chosen by cross-validation over the training articles), full-batch Adam from zero weights:
deterministic (train/ranker.py). The held-out articles are only scored, beside the hand-written rule
the model replaced (which is one of its features).

Usage (from the repo root):
  python train/projects.py --corpora ../shared/corpora [--out kg/models/projects.json]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ranker import Example, RankerTask, main, norm  # noqa: E402

from kg.articles import parse_page  # noqa: E402
from kg.mentions.projects import MODEL_PATH, ProjectModel, stretches  # noqa: E402
from kg.source import read_source  # noqa: E402

RULE = ProjectModel({"rule": 1.0})  # the hand-written rule, as weights
# Few stretches per article: L2 and a shift of the "no project" score (most stretches name nothing, and
# a softmax fitted to them is shy of choosing a span) are chosen by 5-fold cross-validation over the
# training articles, for the F1 of the names chosen.
FOLDS, L2_GRID, NONE_OFFSETS = 5, (0.03, 0.01, 0.003, 0.001), (0.0, -0.5, -1.0, -1.5, -2.0)


def article_examples(path: Path, gold: dict) -> tuple[list[Example], int]:
    """The labelled stretches of one article, and how many no candidate gets right."""
    names = {
        norm(n)
        for e in gold["entities"]
        if e["type"] == "Project"
        for n in [e["name"], *(e.get("aliases") or [])]
    }
    examples, unreachable = [], 0
    for sentence in parse_page(read_source(path)).sentences:
        text = sentence.text
        for candidates in stretches(text):
            first = min(c.start for c in candidates if c.start is not None)
            right = [c.start is not None and norm(text[c.start : c.end]) in names for c in candidates]
            if not any(right):
                if _overlaps_a_name(text, first, candidates[0].end, names):
                    unreachable += 1
                    continue
                right[0] = True  # no project here
            examples.append(Example(candidates, right))
    return examples, unreachable


def _overlaps_a_name(text: str, start: int, end: int, names: set[str]) -> bool:
    for name in names:
        at = text.find(name)
        while at >= 0:
            if at < end and start < at + len(name):
                return True
            at = text.find(name, at + 1)
    return False


def name_f1(decided: list[tuple[ProjectModel, Example]]) -> float:
    """F1 of the names chosen against the names the stretches give, each name counted once, as the
    scorer counts entities (a project named five times is one)."""
    chosen, right, named = set(), set(), set()
    for model, ex in decided:
        pick = model.choose(ex.candidates)
        named |= {c.name for c, ok in zip(ex.candidates, ex.right) if ok and c.start is not None}
        if pick.start is not None:
            chosen.add(pick.name)
            if ex.right[ex.candidates.index(pick)]:
                right.add(pick.name)
    return round(2 * len(right) / (len(chosen) + len(named)), 4) if chosen or named else 0.0


if __name__ == "__main__":
    main(
        __doc__,
        MODEL_PATH,
        RankerTask(
            article_examples,
            ProjectModel,
            RULE,
            name_f1,
            unit="stretches",
            folds=FOLDS,
            l2_grid=L2_GRID,
            none_offsets=NONE_OFFSETS,
            measure="F1",
        ),
        {"candidates_from": "kg.mentions.projects.stretches over the page parser's sentences"},
    )
