"""Stage 3: mentions -> entities of one page (aliases grouped, one canonical key each).

The canonical key is what makes an entity the same across pages: the official name of a
region from the gazetteer (通辽 and 通辽市 are one region), the cleaned name otherwise.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import lang
from .mentions import ORGANIZATION, PERSON, PROJECT, REGION, FigureMention, Mention, PageMentions, PostMention
from .mentions.gazetteer import Place, gazetteer

_QUOTED = re.compile(r"“([^”]+)”")


@dataclass
class Entity:
    type: str
    key: str                       # canonical name, shared across pages
    name: str = ""                 # fullest form this page uses, as written
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None


@dataclass(frozen=True)
class Post:
    person: Entity
    role: str
    organization: Entity | None
    mention: PostMention


@dataclass(frozen=True)
class Figure:
    mention: FigureMention
    subject: Entity | None


@dataclass
class Document:
    mentions: PageMentions
    entities: list[Entity]
    posts: list[Post]
    figures: list[Figure]
    entity_of: dict[Mention, Entity]

    @property
    def page(self):
        return self.mentions.page


def resolve(found: PageMentions) -> Document:
    kinds = _majority_types(found.entities)
    homes = _home_regions(found.entities)
    by_key: dict[tuple[str, str], Entity] = {}
    entity_of: dict[Mention, Entity] = {}
    own_words = lang.word_list("home_region_words")
    for m in found.entities:
        kind = kinds[m.text]
        if m.text in own_words and m.text not in homes:
            continue   # 全区 on a page that names no autonomous region refers to nothing we know
        key, place = _canonical(kind, m.text, homes)
        entity = by_key.setdefault((kind, key), Entity(kind, key, place=place))
        entity.mentions.append(m)
        entity_of[m] = entity
    for entity in by_key.values():
        forms = Counter(m.surface for m in entity.mentions)
        entity.name = max(forms, key=lambda f: (f not in own_words, len(f), forms[f]))
        entity.aliases = set(forms) - {entity.name}
        if entity.type == PROJECT:   # “千企连千兵”计划 is also called 千企连千兵
            entity.aliases.update(q for f in forms for q in _QUOTED.findall(f) if len(q) >= 2)
    posts = _posts(found.posts, entity_of, list(by_key.values()))
    figures = [Figure(f, entity_of.get(f.subject)) for f in found.figures]
    return Document(found, list(by_key.values()), posts, figures, entity_of)


def _majority_types(mentions: list[Mention]) -> dict[str, str]:
    """One type per written form on a page: the type most of its mentions got."""
    votes: dict[str, Counter] = {}
    for m in mentions:
        votes.setdefault(m.text, Counter())[m.type] += 1
    return {text: c.most_common(1)[0][0] for text, c in votes.items()}


def _home_regions(mentions: list[Mention]) -> dict[str, Place]:
    """What 自治区/我区/全区 (an autonomous region) and 全省/我省 (a province) refer to on this page:
    the region of that kind named most often."""
    g = gazetteer()
    counts = Counter(p for m in mentions if m.type == REGION
                     for p in [g.lookup(m.text)] if p and p.level == "province")
    out = {}
    for word in lang.word_list("home_region_words"):
        kind = "省" if "省" in word else "自治区"
        best = max((p for p in counts if p.name.endswith(kind)), key=lambda p: (counts[p], p.code), default=None)
        if best:
            out[word] = best
    return out


def _canonical(kind: str, text: str, homes: dict[str, Place]) -> tuple[str, Place | None]:
    """Regions by their official name; organizations with the place that opens their name written
    out in full (自治区交通运输厅 and 内蒙古交通运输厅 are 内蒙古自治区交通运输厅)."""
    if kind == REGION:
        place = homes.get(text) or gazetteer().lookup(text)
        return (place.name, place) if place else (text, None)
    if kind == ORGANIZATION:
        for word, place in homes.items():
            if text.startswith(word) and len(text) > len(word):
                return place.name + text[len(word):], None
        if leading := gazetteer().leading(text):
            place, end = leading
            return place.name + text[end:], None
    return text, None


def _posts(mentions: list[PostMention], entity_of: dict[Mention, Entity], entities: list[Entity]) -> list[Post]:
    orgs = sorted((e for e in entities if e.type == ORGANIZATION), key=lambda e: -len(e.key))
    out, seen = [], set()
    for pm in mentions:
        person = entity_of.get(pm.person)
        if person is None or person.type != PERSON or (person.key, pm.role) in seen:
            continue
        seen.add((person.key, pm.role))
        organization = next((o for o in orgs if pm.role.startswith(o.key)), None)
        out.append(Post(person, pm.role, organization, pm))
    return out
