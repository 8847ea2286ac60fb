"""National bodies of China and international organizations by name (`kg/lang/national_organizations.txt`),
wherever the text names them between word boundaries, inside a longer name too: a body named inside
another (中国石油 in 中国石油辽阳石化公司) is an entity of its own, as the guidelines have it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .. import lang
from .ner import ORGANIZATION, recognizer
from .segment import word_starts


@recognizer("bodies")
def find_bodies(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    out = []
    for text in texts:
        found = list(_names().finditer(text))
        starts = word_starts(text) | {len(text)} if found else frozenset()
        out.append([(m.start(), m.end(), ORGANIZATION) for m in found if {m.start(), m.end()} <= starts])
    return out


def is_known_body(name: str) -> bool:
    return name in _known()


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(name for row in lang.rows("national_organizations") for name in row)


@lru_cache(maxsize=1)
def _names() -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(_known(), key=len, reverse=True))))
