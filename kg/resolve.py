"""Stage 3: mentions -> entities of one page (aliases grouped, one canonical key each).

The canonical key is what makes an entity the same across pages: for a region, the division of
the national list it resolves to (通辽 and 通辽市 are one region, minted from its code); for an
organization, its full name (自治区文旅厅 is 内蒙古自治区文化和旅游厅); the cleaned name otherwise.
Who is who among persons of one name across pages is decided by `kg.corpus`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from . import lang
from .mentions import ORGANIZATION, PERSON, PROJECT, REGION, FigureMention, Mention, PageMentions, PostMention
from .mentions.gazetteer import Place, gazetteer
from .mentions.posts import body_words
from .mentions.segment import word_starts

# Spaces between the characters of a name are print layout (a byline's 朱  磊, a line broken mid-name).
_SPACE_IN_NAME = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")

_QUOTED = re.compile(r"“([^”]+)”")
# A counted or pointed-at kind (一座…项目, 一系列…工程, 这个项目, 各类…行动) is no project of its own.
_COUNTED = re.compile(
    r"^(?:[一二两三四五六七八九十几多这那该此各每某]|一系列)(?:个|座|批|次|位|项|些|种|类|大|条|系列|家)"
)

# An organ named by its level alone (省委, 市纪委, 县政府) only points: it is an alias of the organ the
# page names in full (江西省委), never an entity of its own.
_POINTING_ORGAN = re.compile(
    r"^[省市县区州旗盟](?:委|党委|纪委|纪委监委|政府|人民政府|人大|人大常委会|政协)$"
)


@dataclass
class Entity:
    type: str
    key: str  # canonical name, shared across pages
    name: str = ""  # fullest form this page uses, as written
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None
    why: dict[Mention, str] = field(default_factory=dict)  # why each mention is this entity


@dataclass(frozen=True)
class Post:
    person: Entity
    role: str
    organization: Entity | None  # the body as an entity of the page
    mention: PostMention
    body: str | None = None  # the body's canonical name, also when the page names it only in the role
    in_body: str = ""  # the role's words after the body's (副书记 of 自治区党委副书记)


@dataclass(frozen=True)
class PersonContext:
    """What tells a person from another of the same name: the bodies of their posts."""

    name: str
    bodies: frozenset[str]


@dataclass(frozen=True)
class Figure:
    mention: FigureMention
    subject: Entity | None
    subject_text: str | None = None  # a subject that is no entity (南湖公园, a park): its words

    @property
    def subject_name(self) -> str | None:
        return self.subject.name if self.subject else self.subject_text


@dataclass
class Document:
    mentions: PageMentions
    entities: list[Entity]
    posts: list[Post]
    figures: list[Figure]
    entity_of: dict[Mention, Entity]
    home: Place | None = None  # the paper's own region the page was read against

    @property
    def page(self):
        return self.mentions.page


def resolve(found: PageMentions, home: Place | None = None) -> Document:
    """`home` is the paper's own province-level region (what 自治区/全区/我省 mean); by default the
    one this page points to most (`province_votes`)."""
    home = home or most_voted_province(province_votes(found))
    own_words = lang.word_list("home_region_words")
    homes = _home_words(home)
    kinds = _majority_types(found.entities)
    contexts = _article_contexts(found, home)
    by_key: dict[tuple[str, str], Entity] = {}
    entity_of: dict[Mention, Entity] = {}
    for m in found.entities:
        kind = kinds[m.text]
        if m.text in own_words and m.text not in homes:
            continue  # 全区 with no autonomous region to refer to
        key, place = _canonical(kind, m.text, homes, contexts[m.sentence])
        identity = place_identity(place) if place else key
        entity = by_key.setdefault((kind, identity), Entity(kind, key, place=place))
        entity.mentions.append(m)
        entity.why[m] = (
            f"{m.surface} points back to {m.text}, named before it in the article"
            if m.anaphor
            else _why(m.text, key, place, homes)
        )
        entity_of[m] = entity
    _merge_short_forms(by_key, entity_of)
    for entity in by_key.values():
        forms = Counter(_SPACE_IN_NAME.sub("", m.surface) for m in entity.mentions if not m.anaphor)
        entity.name = max(forms, key=lambda f: (f not in own_words, len(f), forms[f]))
        if entity.name in own_words:  # a page that only says 全区 still names the region
            entity.name = entity.key
        entity.aliases = set(forms) - {entity.name}
        if entity.type == PROJECT:  # “千企连千兵”计划 is also called 千企连千兵
            entity.aliases.update(q for f in forms for q in _QUOTED.findall(f) if len(q) >= 2)
    entities = [e for e in by_key.values() if _plausible(e)]
    kept = {id(e) for e in entities}  # by identity: comparing entities field by field took half of resolve
    entity_of = {m: e for m, e in entity_of.items() if id(e) in kept}
    posts = _posts(found.posts, entity_of, entities, homes, contexts)
    figures = [Figure(f, entity_of.get(f.subject), _subject_text(f.subject)) for f in found.figures]
    return Document(found, entities, posts, figures, entity_of, home)


def _subject_text(subject: Mention | None) -> str | None:
    """A figure keeps the words of a subject that is no entity (a park, a river), never one character."""
    return subject.text if subject and len(subject.text) > 1 else None


def _plausible(entity: Entity) -> bool:
    """Whether a reader would keep the entity: not a single character (王, 中: only ever an alias of a
    name the page writes in full), and not a natural feature or a park taken for a region (长江, 南湖公园)."""
    if len(entity.name) < 2:
        return False
    if entity.type == PROJECT and _COUNTED.match(entity.name):
        return False
    if entity.type == ORGANIZATION and _POINTING_ORGAN.match(entity.name):
        return False
    return entity.type != REGION or entity.place is not None or not is_natural_feature(entity.name)


def is_natural_feature(name: str) -> bool:
    """A river, lake, mountain or park by its generic word, and no division (沅江 is also 沅江市)."""
    g = gazetteer()
    is_division = any(g.lookup(name + suffix) for suffix in ("", "市", "县", "区"))
    return not is_division and name.endswith(lang.word_list("natural_features"))


def _why(text: str, key: str, place: Place | None, homes: dict[str, Place]) -> str:
    if text in homes:
        return f"{text} is how the paper names its home region, {key}"
    if place and place.code:
        named = "the official name" if text == place.name else f"a name of {place.name}"
        return f"{text} is {named} (GB/T 2260 {place.code})"
    if place:
        return f"{text} is a name of the country {place.name}"
    if text != key:
        return f"{text} written out in full is {key}"
    if gazetteer().lookup(text) and not gazetteer().resolve(text):
        return f"{text} names several places and the article does not tell which: left unresolved"
    return "same name"


def place_identity(place: Place) -> str:
    """What makes a place one node: its GB/T 2260 code, a country's usual name."""
    return place.code or place.name


def province_votes(found: PageMentions) -> Counter:
    """The province-level regions a page points to: one vote per place it names (a county votes for
    its province) and per dateline. The words for the paper's own region (全区) do not vote."""
    g, own_words = gazetteer(), lang.word_list("home_region_words")
    names = [m.text for m in found.entities if m.type == REGION and m.text not in own_words and not m.anaphor]
    names += [a.dateline.place for a in found.page.articles if a.dateline and a.dateline.place]
    votes: Counter = Counter()
    for name in names:
        place = g.resolve(name)
        if place and place.code:
            votes[g.lineage(place)[-1]] += 1
    return votes


# A paper's home region holds more than this share of the places its pages name: a provincial daily's
# own province holds nearly all of them (96% on the seeds), while in a national paper the first
# province holds a fifth (People's Daily); without a clear home, 全区/我省 point nowhere.
HOME_SHARE = 0.5


def most_voted_province(votes: Counter) -> Place | None:
    """The province-level region with most votes, when it holds more than HOME_SHARE of them; else None."""
    if not votes:
        return None
    code = max(votes, key=lambda c: (votes[c], -int(c)))
    return gazetteer().by_code(code) if votes[code] > HOME_SHARE * sum(votes.values()) else None


def person_contexts(doc: Document) -> dict[int, PersonContext]:
    """For each person entity (by id): its name and the bodies its posts on the page are held in."""
    bodies: dict[int, set[str]] = {}
    for post in doc.posts:
        if post.body:
            bodies.setdefault(id(post.person), set()).add(post.body)
    return {
        id(e): PersonContext(e.key, frozenset(bodies.get(id(e), ())))
        for e in doc.entities
        if e.type == PERSON
    }


def _home_words(home: Place | None) -> dict[str, Place]:
    """自治区/我区/全区 mean the home region when it is an autonomous region, 全省/我省 when a province."""
    if home is None:
        return {}
    kind = "省" if home.name.endswith("省") else "自治区" if home.name.endswith("自治区") else None
    return {w: home for w in lang.word_list("home_region_words") if kind and ("省" in w) == (kind == "省")}


def _article_contexts(found: PageMentions, home: Place | None) -> list[list[Place]]:
    """For each sentence, the places its article names without ambiguity, and the home region:
    what an ambiguous place name (朝阳区) is read against."""
    g = gazetteer()
    out: list[list[Place]] = []
    for article in found.page.articles:
        first = len(out)
        out.extend([] for _ in article.sentences)
        sentences = range(first, len(out))
        context = [home] if home else []
        context += [
            p
            for m in found.entities
            if m.type == REGION and m.sentence in sentences
            for p in [g.resolve(m.text)]
            if p and p.code
        ]
        for k in sentences:
            out[k] = context
    return out


def _canonical(
    kind: str, text: str, homes: dict[str, Place], context: list[Place]
) -> tuple[str, Place | None]:
    """Regions by their official name; organs with the place that opens their name written out in
    full (自治区交通运输厅 and 内蒙古交通运输厅 are 内蒙古自治区交通运输厅) and their short forms
    spelled out (文旅厅 is 文化和旅游厅)."""
    if kind == REGION:
        place = homes.get(text) or gazetteer().resolve(text, context)
        return (place.name, place) if place else (text, None)
    if kind == ORGANIZATION:
        return _full_organ_names(_with_full_place(text, homes, context)), None
    return text, None


def _with_full_place(text: str, homes: dict[str, Place], context: list[Place]) -> str:
    """自治区X is the home region's X; an organ of a region opens with the region's full name (not an
    organ of a zone or town named after it: 呼和浩特经济技术开发区党工委)."""
    for word, place in homes.items():
        if text.startswith(word) and len(text) > len(word):
            return place.name + text[len(word) :]
    if text.endswith(lang.word_list("jurisdiction_organs")) and (
        leading := gazetteer().leading(text, context)
    ):
        place, end = leading
        if not any(zone in text[end:] for zone in lang.word_list("region_suffixes")):
            return place.name + text[end:]
    return text


def _full_organ_names(name: str) -> str:
    """发改委 -> 发展和改革委员会, where the short form ends the name or a unit follows it
    (自治区文旅厅党组), not inside another word (人大附中)."""
    full_of, units = _abbreviations(), lang.word_list("org_unit_suffixes")
    out, i = [], 0
    while i < len(name):
        for form in _abbreviation_forms():
            if name.startswith(form, i):
                rest = name[i + len(form) :]
                out.append(full_of.get(form, form) if not rest or rest.startswith(units) else form)
                i += len(form)
                break
        else:
            out.append(name[i])
            i += 1
    return "".join(out)


@cache
def _abbreviations() -> dict[str, str]:
    """Short form -> full name of an organ (kg/lang/org_abbreviations.txt)."""
    return {short: names[0] for names in lang.rows("org_abbreviations") for short in names[1:]}


@cache
def _abbreviation_forms() -> tuple[str, ...]:
    """Full names and short forms, longest first: a full name is never read as a short form inside it."""
    forms = set(_abbreviations()) | set(_abbreviations().values())
    return tuple(sorted(forms, key=len, reverse=True))


def parent_organization(name: str) -> str | None:
    """The body an organization belongs to, when its name opens with that body's name: 内蒙古自治区
    公安厅 for 内蒙古自治区公安厅交通管理局, 内蒙古电力集团 for 内蒙古电力集团锡林郭勒供电公司.
    The parent's name ends in an organ's or company's word at a word boundary (not 内蒙古科|技大学)
    and is more than a place."""
    suffixes = lang.word_list("org_unit_suffixes") + lang.word_list("org_suffixes")
    starts = word_starts(name)
    leading = gazetteer().leading(name)
    place_end = leading[1] if leading else 0
    for end in range(len(name) - 2, place_end, -1):
        parent = name[:end]
        balanced = parent.count("(") == parent.count(")") and parent.count("（") == parent.count("）")
        if (
            end in starts
            and parent.endswith(suffixes)
            and balanced
            and name[place_end:end] not in lang.word_list("home_region_words")
        ):
            return parent
    return None


def _merge_short_forms(by_key: dict[tuple[str, str], Entity], entity_of: dict[Mention, Entity]) -> None:
    """An organization or project written short on a page is the one written in full there when only
    one full name fits: the short name keeps the full one's first and last characters and its other
    characters in order (先导集团, 先导科技集团), or leaves out the place or the parent body that opens
    it (锡林郭勒供电公司 of 内蒙古电力集团锡林郭勒供电公司; 省委 of 江西省委). A name that opens a longer one (国家文物局,
    国家文物局机关服务局) is the body the longer one belongs to, not a short form of it."""

    def fits(short: str, full: str) -> bool:
        if full.startswith(short):
            return False
        if full.endswith(short):
            opening = full[: -len(short)]
            return gazetteer().resolve(opening) is not None or (ORGANIZATION, opening) in by_key
        return full[0] == short[0] and full[-1] == short[-1] and _in_order(short, full)

    for (kind, identity), short in list(by_key.items()):
        if kind not in (ORGANIZATION, PROJECT) or (
            len(short.key) < 3 and not _POINTING_ORGAN.match(short.key)
        ):
            continue
        longer = [
            e
            for (k, _), e in by_key.items()
            if k == kind and len(e.key) > len(short.key) and fits(short.key, e.key)
        ]
        if len(longer) == 1:
            full = longer[0]
            full.mentions.extend(short.mentions)
            for m in short.mentions:
                entity_of[m] = full
                full.why[m] = f"{m.text} is a short form of {full.key}, written in full on the same page"
            del by_key[(kind, identity)]


def _in_order(short: str, full: str) -> bool:
    rest = iter(full)
    return all(ch in rest for ch in short)


def _majority_types(mentions: list[Mention]) -> dict[str, str]:
    """One type per written form on a page: the type most of its mentions got."""
    votes: dict[str, Counter] = {}
    for m in mentions:
        votes.setdefault(m.text, Counter())[m.type] += 1
    return {text: c.most_common(1)[0][0] for text, c in votes.items()}


def _posts(
    mentions: list[PostMention],
    entity_of: dict[Mention, Entity],
    entities: list[Entity],
    homes: dict[str, Place],
    contexts: list[list[Place]],
) -> list[Post]:
    """Posts with the body they are held in: the organization of the page the role opens with, else
    the role's words before its title when they name a region's body (自治区党委 of 自治区党委副书记,
    not 内蒙古文史 of 内蒙古文史专家)."""
    forms = sorted(
        ((m.text, e) for e in entities if e.type == ORGANIZATION for m in e.mentions),
        key=lambda p: -len(p[0]),
    )
    out, seen = [], set()
    for pm in mentions:
        person = entity_of.get(pm.person)
        if person is None or person.type != PERSON or (person.key, pm.role) in seen:
            continue
        seen.add((person.key, pm.role))
        written, organization = next(((text, e) for text, e in forms if pm.role.startswith(text)), ("", None))
        context = contexts[pm.sentence] if pm.sentence >= 0 else []
        if not organization:
            written = body_words(pm.role)
            if not (written.startswith(tuple(homes)) or gazetteer().leading(written, context)):
                written = ""
        if organization:
            body = organization.key
        else:
            body = _canonical(ORGANIZATION, written, homes, context)[0] if written else None
        out.append(Post(person, pm.role, organization, pm, body, pm.role[len(written) :]))
    return out
