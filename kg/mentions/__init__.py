"""Stage 2: articles -> mentions (named entities, posts, figures), each tied to a sentence span."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import lang
from ..articles import Page, Sentence
from .figures import find_figures
from .gazetteer import gazetteer
from .segment import dictionary_tag, words
from .ner import ENTITY_TYPES, ORGANIZATION, PERSON, PROJECT, REGION, recognize
from .posts import roles_before, title_after

__all__ = ["Mention", "PostMention", "FigureMention", "PageMentions", "extract_mentions", "entity_spans",
           "ENTITY_TYPES", "PERSON", "ORGANIZATION", "REGION", "PROJECT"]

_PERSON_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,8}$")
# Dictionary words of these classes are never names: prepositions, conjunctions, particles,
# adverbs, pronouns (关于, 而且). Nouns and verbs are: many given names are ordinary words.
_NOT_NAMES = re.compile(r"^[pcudr]")
# A surname with an honorific is not a full name (张先生, 赵大爷).
_HONORIFICS = ("先生", "女士", "小姐", "大爷", "大妈", "大娘", "大叔", "大姐", "阿姨", "师傅", "老师", "同志", "老汉", "奶奶", "爷爷")
_LIST_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}")


@dataclass(frozen=True)
class Mention:
    type: str
    text: str        # the cleaned text (full-width forms folded)
    surface: str     # the text exactly as in the source file
    sentence: int    # index into Page.sentences
    start: int       # offsets into the source file
    end: int


@dataclass(frozen=True)
class PostMention:
    person: Mention
    role: str
    sentence: int
    start: int       # source offsets of the role words
    end: int


@dataclass(frozen=True)
class FigureMention:
    text: str
    value: float
    unit: str
    indicator: str | None
    period: str | None
    subject: Mention | None
    sentence: int
    start: int
    end: int


@dataclass
class PageMentions:
    page: Page
    entities: list[Mention] = field(default_factory=list)
    posts: list[PostMention] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)


def extract_mentions(page: Page, pipeline: Sequence[str] | None = None) -> PageMentions:
    sentences = page.sentences
    found = PageMentions(page)
    for i, (sentence, spans) in enumerate(zip(sentences, entity_spans([s.text for s in sentences], pipeline))):
        kept = [(s, e, _mention(page, sentence, i, s, e, t)) for s, e, t in spans]
        found.entities.extend(m for _, _, m in kept)
        found.posts.extend(_posts(sentence, i, kept))
    _add_credits(page, found)
    found.figures = _figures(page, found.entities)
    return found


def _figures(page: Page, entities: list[Mention]) -> list[FigureMention]:
    """Figures with a subject: the first named thing of the sentence before the figure that is not
    after a preposition, else the sentence's first, else the last subject of the article.

    Numbers inside a project or organization name (包头百灵10万千瓦储能电站) are part of the
    name, and a headline figure that the article's body repeats is counted once."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in entities:
        if m.type != PERSON:
            by_sentence.setdefault(m.sentence, []).append(m)
    out: list[FigureMention] = []
    index = 0
    for article in page.articles:
        headings = (1 if article.title else 0) + len(article.subtitles)
        last_subject, in_article = None, []
        for k, sentence in enumerate(article.sentences):
            i = index + k
            named = sorted(by_sentence.get(i, []), key=lambda m: m.start)
            for fig in find_figures(sentence.text):
                start, end = sentence.span.source_span(fig.start, fig.end)
                if any(m.start <= start and end <= m.end for m in named if m.type in (PROJECT, ORGANIZATION)):
                    continue
                before = [m for m in named if m.end <= start and not _is_object(page.source.text, m)]
                subject = before[0] if before else (named[0] if named else last_subject)
                last_subject = subject or last_subject
                in_article.append((k < headings, FigureMention(fig.text, fig.value, fig.unit, fig.indicator,
                                                               fig.period, subject, i, start, end)))
        body = {(f.value, f.unit) for heading, f in in_article if not heading}
        out.extend(f for heading, f in in_article if not (heading and (f.value, f.unit) in body))
        index += len(article.sentences)
    return out


def _is_object(source: str, m: Mention) -> bool:
    """A name after a preposition (与美国, 对俄罗斯) is what the figure relates to, not its subject."""
    return source[max(0, m.start - 1):m.start] in ("与", "对", "向", "从", "同", "和", "及", "占")


def entity_spans(texts: Sequence[str], pipeline: Sequence[str] | None = None) -> list[list[tuple[int, int, str]]]:
    """Named entities of each text as (start, end, type): recognizers, then name lists, types, filters."""
    out = []
    for text, candidates in zip(texts, recognize(texts, pipeline)):
        spans = _with_listed_names(text, _join_adjacent_organizations([(c.start, c.end, c.type) for c in candidates]))
        spans = [(s, _trim(text, s, e, t), _retype(text[s:e], t)) for s, e, t in spans]
        out.append([(s, e, t) for s, e, t in spans
                    if (_plausible(text[s:e], t) or _surname_with_title(text, s, e, t)) and not _ends_in_verb(text, s, e, t)])
    return out


def _mention(page: Page, sentence: Sentence, index: int, s: int, e: int, kind: str) -> Mention:
    start, end = sentence.span.source_span(s, e)
    return Mention(kind, sentence.text[s:e], sentence.span.source_text(page.source.text, s, e), index, start, end)


def _retype(text: str, kind: str) -> str:
    """A bare place name (锡林郭勒盟, 自治区) is a Region, whatever a model said."""
    if kind != REGION and (text in lang.word_list("home_region_words") or gazetteer().lookup(text)):
        return REGION
    return kind


def _plausible(text: str, kind: str) -> bool:
    if kind == PERSON:
        return (bool(_PERSON_NAME.match(text)) and not text.endswith(lang.word_list("titles") + _HONORIFICS)
                and not _NOT_NAMES.match(dictionary_tag(text)))
    return len(text) >= 2 and not text.isdigit() or kind == REGION and "\u4e00" <= text <= "\u9fff"


def _join_adjacent_organizations(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organization written right after another is a unit of it, and the whole is one name:
    中国科学院 + 地质与地球物理研究所, 内蒙古电力集团 + 锡林郭勒供电公司."""
    out: list[tuple[int, int, str]] = []
    for s, e, t in sorted(spans):
        if out and t == ORGANIZATION and out[-1][2] == ORGANIZATION and out[-1][1] == s:
            out[-1] = (out[-1][0], e, ORGANIZATION)
        else:
            out.append((s, e, t))
    return out


def _trim(text: str, start: int, end: int, kind: str) -> int:
    """The end of a name without what a model glued to it: a three-character name whose last
    character opens a dictionary word loses it (刘洪|夫妇); an organization loses a person's title
    at its end (警备区|政委)."""
    if kind == PERSON and end - start == 3:
        for s, e, w in words(text):
            if s == end - 1 and e > end and dictionary_tag(w) != "x":
                return end - 1
    if kind == ORGANIZATION:
        title = next((t for t in lang.word_list("titles") if text.endswith(t, start, end)), None)
        if title and end - len(title) - start >= 2:
            return end - len(title)
    return end


def _ends_in_verb(text: str, start: int, end: int, kind: str) -> bool:
    """An organization does not end in a verb: 党中央决策部署 is a clause, not a name.
    (Places may: jieba's dictionary tags 包头 as a verb.)"""
    if kind != ORGANIZATION:
        return False
    last = [w for s, e, w in words(text) if start <= s and e == end]
    return bool(last) and dictionary_tag(last[0]) == "v"


def _surname_with_title(text: str, start: int, end: int, kind: str) -> bool:
    """A surname alone before an official title names the person (江主席, 李总理); with an
    honorific it does not (张先生)."""
    return kind == PERSON and end - start == 1 and text[start] in lang.surnames() \
        and text.startswith(lang.word_list("titles"), end)


def _with_listed_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names listed with 、 next to a recognized name are names too (时光辉、刘爽、郑宏范)."""
    taken = {(s, e) for s, e, _ in spans}
    covered = set()
    for s, e, _ in spans:
        covered.update(range(s, e))
    surnames, added = lang.surnames(), []
    frontier = [(s, e) for s, e, t in spans if t == PERSON]
    while frontier:
        s, e = frontier.pop()
        for m in (_LIST_NAME.match(text, e + 1) if text[e:e + 1] == "、" else None,
                  _list_name_before(text, s)):
            if m and (m.start(), m.end()) not in taken and m.group()[0] in surnames \
                    and not covered.intersection(range(m.start(), m.end())) and _ends_name(text, m.end()):
                taken.add((m.start(), m.end()))
                covered.update(range(m.start(), m.end()))
                added.append((m.start(), m.end(), PERSON))
                frontier.append((m.start(), m.end()))
    return sorted(spans + added)


def _list_name_before(text: str, start: int):
    if start < 3 or text[start - 1] != "、":
        return None
    for n in (3, 2):
        if start - 1 - n >= 0 and (start - 1 - n == 0 or not "\u4e00" <= text[start - 2 - n] <= "\u9fff"):
            return _LIST_NAME.fullmatch(text, start - 1 - n, start - 1)
    return None


# What follows the last name of a list: punctuation or the verb the list is the subject of.
_AFTER_LIST = ("参加", "出席", "陪同", "分别", "一同", "共同", "主持", "表示", "作", "在", "说", "等", "和", "与", "及")


def _ends_name(text: str, end: int) -> bool:
    return (end >= len(text) or text[end] in "、,，。;；:：)）” " or not "\u4e00" <= text[end] <= "\u9fff"
            or text.startswith(_AFTER_LIST, end))


def _posts(sentence: Sentence, index: int, mentions: list[tuple[int, int, Mention]]) -> list[PostMention]:
    out = []
    people = [(s, e) for s, e, m in mentions if m.type == PERSON]
    for s, e, m in mentions:
        if m.type != PERSON:
            continue
        others = frozenset(i for ps, pe in people if (ps, pe) != (s, e) for i in range(ps, pe))
        spans = roles_before(sentence.text, s, others) or [span for span in [title_after(sentence.text, e)] if span]
        for rs, re_ in spans:
            start, end = sentence.span.source_span(rs, re_)
            out.append(PostMention(m, sentence.text[rs:re_], index, start, end))
    return out


def _add_credits(page: Page, found: PageMentions) -> None:
    """Bylines and photo credits: the named people are Persons holding the role the text uses."""
    first_sentence = 0
    for article in page.articles:
        for credit in article.credits:
            person = Mention(PERSON, credit.name, page.source.text[credit.start:credit.end],
                             first_sentence if article.sentences else -1, credit.start, credit.end)
            # a byline is authoritative: it replaces whatever the recognizers made of the same characters
            found.entities[:] = [m for m in found.entities if m.end <= credit.start or m.start >= credit.end]
            found.entities.append(person)
            found.posts.append(PostMention(person, credit.role, person.sentence, credit.start, credit.end))
        first_sentence += len(article.sentences)
