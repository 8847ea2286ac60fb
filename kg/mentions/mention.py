"""What the mention stage finds: names, posts and figures, each tied to a sentence and a source span."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..articles import Page, Sentence


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


def mention_at(page: Page, sentence: Sentence, index: int, s: int, e: int, kind: str) -> Mention:
    start, end = sentence.span.source_span(s, e)
    return Mention(
        kind, sentence.text[s:e], sentence.span.source_text(page.source.text, s, e), index, start, end
    )
