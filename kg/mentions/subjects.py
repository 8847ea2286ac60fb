"""How a figure gets its subject: the region, organization or project a figure measures."""

from __future__ import annotations

import re

from ..articles import Page
from .figures import dated_period, find_figures
from .mention import FigureMention, Mention
from .ner import ORGANIZATION, PERSON, PROJECT, REGION

_CLAUSE_BREAKS = "，,；;：:"


def page_figures(page: Page, entities: list[Mention]) -> list[FigureMention]:
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


def _opens_clause(source: str, at: int, sentence_start: int) -> bool:
    """The subject of a clause opens it; a name inside a clause is an object or a modifier
    (获得自治区奖补资金, 在达茂旗)."""
    return at == sentence_start or source[at - 1] in _CLAUSE_BREAKS + "。"
