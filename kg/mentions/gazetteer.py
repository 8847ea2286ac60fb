"""Region gazetteer: China's administrative divisions (GB/T 2260) and the world's countries.

Full names (包头市, 内蒙古自治区) and their usual short forms (包头, 内蒙古) both match;
short forms are only made where they stay specific (three characters or more at county level).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import lang
from .segment import word_starts

_LEVEL_SUFFIX = re.compile(
    r"(壮族|回族|维吾尔|维吾尔族)?(自治区|特别行政区|省|市|地区|盟|自治州|县|自治县|旗|自治旗|区)$"
)
# Short forms that are ordinary words or collide with common nouns.
_MIN_SHORT = {"province": 2, "prefecture": 2, "county": 3}


@dataclass(frozen=True)
class Place:
    name: str  # the full official name
    level: str  # country, province, prefecture, county
    code: str | None  # GB/T 2260 code for Chinese divisions
    parent: str | None  # parent code


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, tuple[Place, ...]]
    lengths: dict[str, tuple[int, ...]]  # first character -> name lengths, longest first

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Longest gazetteer matches, left to right, not overlapping: (start, end, matched text)."""
        out, i = [], 0
        while i < len(text):
            for n in self.lengths.get(text[i], ()):
                if text[i : i + n] in self.names:
                    out.append((i, i + n, text[i : i + n]))
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

    def leading(self, name: str, context: Iterable[Place] = ()) -> tuple[Place, int] | None:
        """The place that opens a longer name and where it ends: 包头市 in 包头市医疗保障局."""
        found = self.find(name[:12])
        if found and found[0][0] == 0 and found[0][1] < len(name):
            place = self.resolve(found[0][2], context)
            return (place, found[0][1]) if place else None
        return None

    def lookup(self, name: str) -> Place | None:
        """Some place of that name, the one of highest level: enough to say a name is a place."""
        places = self.names.get(name)
        return places[0] if places else None

    def resolve(self, name: str, context: Iterable[Place] = ()) -> Place | None:
        """The one place a name refers to, or None when it cannot be told. A name shared by places
        of one level (朝阳区 in Beijing and in Changchun) goes to the one that lies closest to the
        context (the article's other places, the paper's home region) and stays unresolved on a tie;
        a country or province shared with smaller places (吉林) is the country or province."""
        places = self.names.get(name) or _one_character_countries().get(name, ())
        if len(places) <= 1 or (
            places[0].level in ("country", "province") and places[1].level != places[0].level
        ):
            return places[0] if places else None
        near = {
            p: max((len(set(self.lineage(p)) & set(self.lineage(q))) for q in context), default=0)
            for p in places
        }
        best = max(near.values())
        closest = [p for p in places if near[p] == best]
        return closest[0] if best and len(closest) == 1 else None

    def by_code(self, code: str) -> Place | None:
        return _by_code().get(code)

    def parent(self, place: Place) -> Place | None:
        """The division a place is part of; a province is part of China."""
        if place.parent:
            return self.by_code(place.parent)
        return self.lookup("中国") if place.level == "province" else None

    def lineage(self, place: Place) -> tuple[str, ...]:
        """The codes of a division and of the divisions it is part of, itself first."""
        out = []
        while place is not None and place.code:
            out.append(place.code)
            place = self.by_code(place.parent) if place.parent else None
        return tuple(out)


@cache
def _by_code() -> dict[str, Place]:
    return {p.code: p for p, _ in _named_places() if p.code}


@cache
def _named_places() -> tuple[tuple[Place, tuple[str, ...]], ...]:
    """Every place with the names it answers to: a country's names, a division's full name and
    its short form (not names that are mostly something else)."""
    ambiguous = set(lang.word_list("ambiguous_place_names"))
    out = [(Place(names[0], "country", None, None), names) for names in lang.rows("countries")]
    for d in lang.divisions():
        place = Place(d.name, d.level, d.code, d.parent)
        out.append((place, tuple(n for n in (d.name, short_form(place)) if n and n not in ambiguous)))
    return tuple(out)


@cache
def _one_character_countries() -> dict[str, tuple[Place, ...]]:
    """美 -> 美国: resolved as a whole mention only, never searched for in text."""
    g = gazetteer()
    return {short: g.names[name] for name, short in lang.rows("country_short_forms") if name in g.names}


def short_form(place: Place) -> str | None:
    if place.level == "country":
        return None
    short = _LEVEL_SUFFIX.sub("", place.name)
    if (
        short != place.name
        and len(short) >= _MIN_SHORT[place.level]
        and short not in lang.word_list("ambiguous_place_names")
    ):
        return short
    return None


@cache
def gazetteer() -> Gazetteer:
    rank = {"country": 0, "province": 1, "prefecture": 2, "county": 3}
    names: dict[str, list[Place]] = {}
    for place, forms in _named_places():
        for form in forms:
            names.setdefault(form, []).append(place)
    frozen = {k: tuple(sorted(v, key=lambda p: rank[p.level])) for k, v in names.items()}
    lengths: dict[str, set[int]] = {}
    for name in frozen:
        lengths.setdefault(name[0], set()).add(len(name))
    return Gazetteer(frozen, {ch: tuple(sorted(n, reverse=True)) for ch, n in lengths.items()})
