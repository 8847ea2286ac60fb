"""The fixed split of ../shared/corpora/news_train into training and held-out articles.

Every learnt piece trains on the training articles only and reports its scores on the held-out ones,
so that the held-out scores in the README are never measured on what a model has seen. An article
is held out by a hash of its file name (not by its text or its order on disk): 20 of the 100.

Usage: python train/news_split.py ../shared/corpora/news_train   # prints the held-out file names
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HELD_OUT = 20


def held_out(names: list[str], count: int = HELD_OUT) -> list[str]:
    """The `count` names whose sha256 sorts first."""
    return sorted(sorted(names, key=lambda n: hashlib.sha256(n.encode()).hexdigest())[:count])


def split(corpus: str | Path) -> tuple[list[str], list[str]]:
    """(training, held-out) article file names of news_train (`articles/*.txt`)."""
    names = sorted(p.name for p in (Path(corpus) / "articles").glob("*.txt"))
    test = held_out(names)
    return [n for n in names if n not in test], test


if __name__ == "__main__":
    print("\n".join(split(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/news_train")[1]))
