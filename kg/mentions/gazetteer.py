"""Region gazetteer: China's administrative divisions (GB/T 2260) and the world's countries.

Full names (包头市, 内蒙古自治区) and their usual short forms (包头, 内蒙古) both match;
short forms are only made where they stay specific (three characters or more at county level).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from .segment import word_starts

_LEVEL_SUFFIX = re.compile(r"(壮族|回族|维吾尔|维吾尔族)?(自治区|特别行政区|省|市|地区|盟|自治州|县|自治县|旗|自治旗|区)$")
# Short forms that are ordinary words or collide with common nouns.
_MIN_SHORT = {"province": 2, "prefecture": 2, "county": 3}


@dataclass(frozen=True)
class Place:
    name: str           # the full official name
    level: str          # country, province, prefecture, county
    code: str | None    # GB/T 2260 code for Chinese divisions
    parent: str | None  # parent code


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, tuple[Place, ...]]
    lengths: dict[str, tuple[int, ...]]   # first character -> name lengths, longest first

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Longest gazetteer matches, left to right, not overlapping: (start, end, matched text)."""
        out, i = [], 0
        while i < len(text):
            for n in self.lengths.get(text[i], ()):
                if text[i:i + n] in self.names:
                    out.append((i, i + n, text[i:i + n]))
                    i += n
                    break
            else:
                i += 1
        return out

    def find_words(self, text: str) -> list[tuple[int, int, str]]:
        """Matches that start a jieba word, so that a place never starts inside a word (黄河|南岸 is
        not 河南), or that directly follow such a match: jieba keeps some runs of places as one
        word (中华人民共和国香港特别行政区)."""
        starts, out = word_starts(text), []
        for s, e, name in self.find(text):
            if s in starts or (out and out[-1][1] == s):
                out.append((s, e, name))
        return out

    def leading(self, name: str) -> tuple[Place, int] | None:
        """The place that opens a longer name and where it ends: 包头市 in 包头市医疗保障局."""
        found = self.find(name[:12])
        if found and found[0][0] == 0 and found[0][1] < len(name):
            return self.lookup(found[0][2]), found[0][1]
        return None

    def lookup(self, name: str) -> Place | None:
        """The place a name refers to; the higher level wins when a name is ambiguous."""
        places = self.names.get(name)
        return places[0] if places else None

    def by_code(self, code: str) -> Place | None:
        return _by_code().get(code)


@lru_cache(maxsize=None)
def _by_code() -> dict[str, Place]:
    return {p.code: p for p in _places() if p.code}


@lru_cache(maxsize=None)
def _places() -> tuple[Place, ...]:
    places = [Place(name, "country", None, None) for name in lang.word_list("countries")]
    places += [Place(d.name, d.level, d.code, d.parent) for d in lang.divisions()]
    return tuple(places)


def short_form(place: Place) -> str | None:
    if place.level == "country":
        return None
    short = _LEVEL_SUFFIX.sub("", place.name)
    if short != place.name and len(short) >= _MIN_SHORT[place.level] \
            and short not in lang.word_list("ambiguous_place_names"):
        return short
    return None


@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    rank = {"country": 0, "province": 1, "prefecture": 2, "county": 3}
    names: dict[str, list[Place]] = {}
    ambiguous = set(lang.word_list("ambiguous_place_names"))
    for place in _places():
        if place.name not in ambiguous:
            names.setdefault(place.name, []).append(place)
        if short := short_form(place):
            names.setdefault(short, []).append(place)
    frozen = {k: tuple(sorted(v, key=lambda p: rank[p.level])) for k, v in names.items()}
    lengths: dict[str, set[int]] = {}
    for name in frozen:
        lengths.setdefault(name[0], set()).add(len(name))
    return Gazetteer(frozen, {ch: tuple(sorted(n, reverse=True)) for ch, n in lengths.items()})
