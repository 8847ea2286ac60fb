"""Word boundaries from jieba, shared by the rules and the gazetteer (a match never starts mid-word)."""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) for each jieba word of `text`."""
    out, pos = [], 0
    for w in jieba.lcut(text):
        out.append((pos, pos + len(w), w))
        pos += len(w)
    return tuple(out)


def word_starts(text: str) -> frozenset[int]:
    return frozenset(s for s, _, _ in words(text))


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    import jieba.posseg

    jieba.posseg.dt.tokenizer.check_initialized()
    return jieba.posseg.dt.word_tag_tab


def dictionary_tag(word: str) -> str:
    """jieba's dictionary part-of-speech tag of a word, 'x' when it is not in the dictionary."""
    return _tag_table().get(word, "x")


def tags(text: str) -> dict[tuple[int, int], str]:
    """(start, end) -> the dictionary part-of-speech tag of each word ('x' when unknown).

    A dictionary lookup, not jieba.posseg's HMM tagging: several times faster, and the rules
    only need the word classes of common words."""
    table = _tag_table()
    return {(s, e): table.get(w, "x") for s, e, w in words(text)}
