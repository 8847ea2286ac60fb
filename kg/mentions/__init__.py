"""Stage 2: articles -> mentions (named entities, posts, figures), each tied to a sentence span."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .. import lang
from ..articles import Page, Sentence
from .entities import entity_spans
from .figures import dated_period, find_figures
from .gazetteer import gazetteer
from .ner import ENTITY_TYPES, ORGANIZATION, PERSON, PROJECT, REGION, reporting
from .posts import body_words, roles_before, title_after

__all__ = [
    "Mention",
    "PostMention",
    "FigureMention",
    "PageMentions",
    "extract_mentions",
    "entity_spans",
    "ENTITY_TYPES",
    "PERSON",
    "ORGANIZATION",
    "REGION",
    "PROJECT",
]


@dataclass(frozen=True)
class Mention:
    type: str
    text: str  # the cleaned text (full-width forms folded)
    surface: str  # the text exactly as in the source file
    sentence: int  # index into Page.sentences
    start: int  # offsets into the source file
    end: int
    anaphor: bool = False  # 该公司, 该市: a word that points back to the name `text`


@dataclass(frozen=True)
class PostMention:
    person: Mention
    role: str
    sentence: int
    start: int  # source offsets of the role words
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
    qualifier: str | None = None  # approximately, more than, less than, at least
    unit_mult: int = 0  # the power of ten written with the unit (4 for 万)
    base: str | None = None  # what a change or share is against: 同比, 上年, 全国


@dataclass
class PageMentions:
    page: Page
    entities: list[Mention] = field(default_factory=list)
    posts: list[PostMention] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)


def extract_mentions(
    page: Page, pipeline: Sequence[str] | None = None, progress: Callable[[int, int], None] | None = None
) -> PageMentions:
    """`progress(sentences done, sentences in all)`, if given, is called each time the recognizers
    have read a few hundred more sentences, the last time with both numbers equal."""
    sentences = page.sentences
    found = PageMentions(page)
    with reporting(progress):
        spans_of = entity_spans([s.text for s in sentences], pipeline)
    for i, (sentence, spans) in enumerate(zip(sentences, spans_of)):
        kept = [(s, e, _mention(page, sentence, i, s, e, t)) for s, e, t in spans]
        found.entities.extend(m for _, _, m in kept)
        posts, bodies = _posts(page, sentence, i, kept)
        found.posts.extend(posts)
        found.entities.extend(bodies)
    _add_credits(page, found)
    found.entities.extend(_anaphors(page, found.entities))
    found.figures = _figures(page, found.entities)
    return found


_CLAUSE_BREAKS = "，,；;：:"


def _figures(page: Page, entities: list[Mention]) -> list[FigureMention]:
    """Figures with a subject: the nearest name before the figure in its sentence that opens a
    clause and can be one (`_can_be_subject`), else the article's topic, which is its first place
    or organization until such a name takes over. Numbers inside a project or organization name
    (包头百灵10万千瓦储能电站) are part of the name, and a headline figure that the article's body
    repeats is counted once."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in entities:
        if m.type != PERSON:
            by_sentence.setdefault(m.sentence, []).append(m)
    source = page.source.text
    out: list[FigureMention] = []
    index = 0
    for article in page.articles:
        headings = (1 if article.title else 0) + len(article.subtitles)
        day = page.article_date(article)

        def subject_like(m: Mention, line=article.dateline) -> bool:  # not where the report was written
            return _can_be_subject(source, m) and not (line and line.start <= m.start < line.end)

        topic = next(
            (
                m
                for k in range(index, index + len(article.sentences))
                for m in sorted(by_sentence.get(k, []), key=lambda m: (m.start, m.start - m.end))
                if m.type in (REGION, ORGANIZATION) and subject_like(m)
            ),
            None,
        )
        in_article = []
        for k, sentence in enumerate(article.sentences):
            i = index + k
            named = sorted(by_sentence.get(i, []), key=lambda m: m.start)
            for fig in find_figures(sentence.text):
                start, end = sentence.span.source_span(fig.start, fig.end)
                if any(m.start <= start and end <= m.end for m in named if m.type in (PROJECT, ORGANIZATION)):
                    continue
                before = [
                    m
                    for m in named
                    if m.end <= start
                    and subject_like(m)
                    and _opens_clause(source, m.start, sentence.span.start)
                ]
                subject = before[-1] if before else None if _national(sentence.text, fig.start) else topic
                if before and subject.type != PROJECT:
                    topic = subject
                period = dated_period(fig.period, day and day.year)
                in_article.append(
                    (
                        k < headings,
                        FigureMention(
                            fig.text,
                            fig.value,
                            fig.unit,
                            fig.indicator,
                            period,
                            subject,
                            i,
                            start,
                            end,
                            fig.qualifier,
                            fig.unit_mult,
                            fig.base,
                        ),
                    )
                )
        body = {(f.value, f.unit) for heading, f in in_article if not heading}
        out.extend(f for heading, f in in_article if not (heading and (f.value, f.unit) in body))
        index += len(article.sentences)
    return out


# The nation or the world as what a clause measures (全国粮食产量, 我国…): no region's figure. Not as
# the base of a share, rank or comparison (占全国, 居全国第二, 高于全国): that is the region's figure.
_NATIONAL = re.compile(r"(?<![占居列在比于到过])(?:全国|我国|全球)(?!第|前列|首位|排名|平均|的?比重)")


def _national(text: str, at: int) -> bool:
    """Whether the clause before position `at` of a sentence speaks of the whole nation or world."""
    clause = re.split(f"[{_CLAUSE_BREAKS}。]", text[:at])[-1]
    return bool(_NATIONAL.search(clause))


def _can_be_subject(source: str, m: Mention) -> bool:
    """Not a name after a preposition (与美国, 对俄罗斯, 在达茂旗: what the figure relates to or where
    it happened), in a list (和林格尔、固阳等: one of the things counted), or before 级 (自治区级企业:
    a level, not an actor)."""
    before, after = source[max(0, m.start - 1) : m.start], source[m.end : m.end + 1]
    return before not in ("与", "对", "向", "从", "同", "和", "及", "占", "在", "赴", "、") and after not in (
        "、",
        "等",
        "级",
    )


# 该公司, 该市, 这家企业: a word that points back to the last named thing of its kind (not 该市场,
# 该区域: the market, the area).
_ANAPHOR = re.compile(r"(?:该|这家|此)(?P<kind>公司|企业|集团|项目|市|区|县|盟|旗)(?!场|域)")


def _anaphors(page: Page, entities: list[Mention]) -> list[Mention]:
    """Mentions of what each anaphor points back to: the last name of its kind before it in the
    article (a company for 该公司, a name ending in 市 for 该市), written as the anaphor is."""
    out, first = [], 0
    for article in page.articles:
        last = first + len(article.sentences)
        named = sorted(
            (m for m in entities if first <= m.sentence < last and m.type != PERSON), key=lambda m: m.start
        )
        for i, sentence in enumerate(article.sentences, start=first):
            for a in _ANAPHOR.finditer(sentence.text):
                start, end = sentence.span.source_span(a.start(), a.end())
                fits = _FITS.get(a["kind"], lambda m, kind=a["kind"]: m.text.endswith(kind))
                antecedent = next((m for m in reversed(named) if m.end <= start and fits(m)), None)
                if antecedent:
                    surface = sentence.span.source_text(page.source.text, a.start(), a.end())
                    out.append(
                        Mention(antecedent.type, antecedent.text, surface, i, start, end, anaphor=True)
                    )
        first = last
    return out


_FITS = {
    "公司": lambda m: m.type == ORGANIZATION,
    "企业": lambda m: m.type == ORGANIZATION,
    "集团": lambda m: m.type == ORGANIZATION,
    "项目": lambda m: m.type == PROJECT,
}


def _opens_clause(source: str, at: int, sentence_start: int) -> bool:
    """The subject of a clause opens it; a name inside a clause is an object or a modifier
    (获得自治区奖补资金, 在达茂旗)."""
    return at == sentence_start or source[at - 1] in _CLAUSE_BREAKS + "。"


def _mention(page: Page, sentence: Sentence, index: int, s: int, e: int, kind: str) -> Mention:
    start, end = sentence.span.source_span(s, e)
    return Mention(
        kind, sentence.text[s:e], sentence.span.source_text(page.source.text, s, e), index, start, end
    )


def _posts(
    page: Page, sentence: Sentence, index: int, mentions: list[tuple[int, int, Mention]]
) -> tuple[list[PostMention], list[Mention]]:
    """The posts of the sentence's persons, and the bodies their roles open with when they name a
    region's body (呼和浩特经济技术开发区党工委 of …党工委书记) that no organization found covers."""
    posts, bodies = [], []
    people = frozenset(i for s, e, m in mentions if m.type == PERSON for i in range(s, e))
    organizations = [(s, e) for s, e, m in mentions if m.type == ORGANIZATION]
    for s, e, m in mentions:
        if m.type != PERSON:
            continue
        others = people.difference(range(s, e))
        # a role before the name and a title after it are both posts (…行长文爱华代表: 行长, 代表)
        spans = roles_before(sentence.text, s, others) + [
            span for span in [title_after(sentence.text, e)] if span
        ]
        for rs, re_ in spans:
            start, end = sentence.span.source_span(rs, re_)
            role = sentence.text[rs:re_]
            posts.append(PostMention(m, role, index, start, end))
            body = body_words(role)
            names_a_region = body.startswith(lang.word_list("home_region_words")) or gazetteer().leading(body)
            if body and names_a_region and not any(a <= rs and rs + len(body) <= b for a, b in organizations):
                bodies.append(_mention(page, sentence, index, rs, rs + len(body), ORGANIZATION))
                organizations.append((rs, rs + len(body)))
    return posts, bodies


def _add_credits(page: Page, found: PageMentions) -> None:
    """Bylines and photo credits: the named people are Persons holding the role the text uses."""
    first_sentence = 0
    for article in page.articles:
        for credit in article.credits:
            person = Mention(
                PERSON,
                credit.name,
                page.source.text[credit.start : credit.end],
                first_sentence if article.sentences else -1,
                credit.start,
                credit.end,
            )
            # a byline is authoritative: it replaces whatever the recognizers made of the same characters
            found.entities[:] = [m for m in found.entities if m.end <= credit.start or m.start >= credit.end]
            found.entities.append(person)
            found.posts.append(PostMention(person, credit.role, person.sentence, credit.start, credit.end))
        first_sentence += len(article.sentences)
