"""How a figure gets its subject: the region, organization or project a figure measures.

Every name the article gives up to the figure's sentence (and the rest of that sentence) is a
candidate, and so is "no subject" (a national figure: 全国粮食产量…). Each candidate is described
by a few features of where the name stands (same clause, opens a clause, after a preposition, in
the dateline, the article's topic, …, and what the hand-written rule would pick), and a linear
ranker learnt from the labelled figures of news_train (train/subjects.py) picks the best one.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..articles import Article, Page, Sentence
from .figures import FigureMatch, dated_period, find_figures
from .mention import FigureMention, Mention
from .ner import ORGANIZATION, PERSON, PROJECT, REGION

MODEL_PATH = Path(__file__).parent.parent / "models" / "subjects.json"
_CLAUSE_BREAKS = "，,；;：:"
_SENTENCES_BACK = 20  # how far back a name is a figure's candidate (see _ArticleReader.within_reach)


@dataclass(frozen=True)
class Candidate:
    mention: Mention | None  # None: the figure is about no named thing
    features: dict[str, float]


@dataclass(frozen=True)
class FigureContext:
    """A figure found on the page (its subject not yet chosen) and the candidates for it."""

    figure: FigureMention
    heading: bool  # in the article's title or a subtitle
    candidates: list[Candidate]


@dataclass(frozen=True)
class SubjectModel:
    weights: dict[str, float]

    def score(self, candidate: Candidate) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in candidate.features.items())

    def choose(self, candidates: list[Candidate]) -> Mention | None:
        """A name that opens the figure's clause or one before it in the sentence is the subject, and
        a national clause with none has no subject (the guidelines' rules); otherwise the candidate
        scored best, the first of equals."""
        opener = next((c for c in candidates if c.features.get("rule_from_sentence")), None)
        if opener or candidates[0].features.get("none_national"):
            return opener.mention if opener else None
        return max(candidates, key=self.score).mention


@lru_cache(maxsize=1)
def subject_model() -> SubjectModel:
    return SubjectModel(json.loads(MODEL_PATH.read_text(encoding="utf-8"))["weights"])


def page_figures(
    page: Page, entities: list[Mention], model: SubjectModel | None = None
) -> list[FigureMention]:
    """The page's figures, each with the subject the model ranks first. A headline figure that the
    article's body repeats is counted once."""
    model = model or subject_model()
    out: list[FigureMention] = []
    for contexts in article_figure_contexts(page, entities):
        body = {(c.figure.value, c.figure.unit) for c in contexts if not c.heading}
        out.extend(
            replace(c.figure, subject=model.choose(c.candidates))
            for c in contexts
            if not (c.heading and (c.figure.value, c.figure.unit) in body)
        )
    return out


def article_figure_contexts(page: Page, entities: list[Mention]) -> Iterator[list[FigureContext]]:
    """Per article, its figures with their candidates. Numbers inside a project or organization name
    (包头百灵10万千瓦储能电站) are part of the name, not figures."""
    named = sorted(entities, key=lambda m: (m.start, m.start - m.end))
    index = 0
    for article in page.articles:
        last = index + len(article.sentences)
        reader = _ArticleReader(page, article, [m for m in named if index <= m.sentence < last], index)
        yield list(reader.contexts())
        index = last


class _ArticleReader:
    """The figures of one article and, for each, the candidates with their features."""

    def __init__(self, page: Page, article: Article, named: list[Mention], first: int):
        self.page, self.article, self.named, self.first = page, article, named, first
        self.source = page.source.text
        self.headings = (1 if article.title else 0) + len(article.subtitles)
        self.topic = next(
            (m for m in named if m.type in (REGION, ORGANIZATION) and self.subject_like(m)), None
        )
        self.rule_topic = self.topic  # the hand-written rule's running topic
        # a name inside a longer one (赤峰 of 赤峰高新区党工委) is part of what is written there
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in named:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self.outer = [
            m
            for m in named
            if not self.in_dateline(m) and not any(_inside(m, o) for o in self.by_sentence[m.sentence])
        ]
        # the names up to the sentence being read, and those inside another of them: kept as the
        # reading goes on (a long article has thousands of names and hundreds of figures)
        self.by_name: dict[str, list[Mention]] = {}
        self.inside: set[str] = set()
        self.read = 0  # mentions of self.outer in self.by_name

    def in_dateline(self, m: Mention) -> bool:  # where the report was written, not what it measures
        line = self.article.dateline
        return bool(line) and line.start <= m.start < line.end

    def subject_like(self, m: Mention) -> bool:
        return _can_be_subject(self.source, m) and not self.in_dateline(m)

    def contexts(self) -> Iterator[FigureContext]:
        day = self.page.article_date(self.article)
        for k, sentence in enumerate(self.article.sentences):
            i = self.first + k
            in_sentence = self.by_sentence.get(i, [])
            for fig in find_figures(sentence.text):
                start, end = sentence.span.source_span(fig.start, fig.end)
                if any(
                    m.start <= start and end <= m.end
                    for m in in_sentence
                    if m.type in (PROJECT, ORGANIZATION)
                ):
                    continue
                figure = FigureMention(
                    fig.text, fig.value, fig.unit, fig.indicator, dated_period(fig.period, day and day.year),
                    None, i, start, end, fig.qualifier, fig.unit_mult, fig.base,
                )  # fmt: skip
                yield FigureContext(figure, k < self.headings, self.candidates(sentence, i, fig, start))

    def rule_choice(self, sentence: Sentence, in_sentence: list[Mention], fig: FigureMatch, start: int):
        """The hand-written rule: the nearest name before the figure that opens a clause and can be a
        subject, else none for a national clause, else the article's running topic."""
        before = [
            m
            for m in in_sentence
            if m.end <= start
            and m.type != PERSON
            and self.subject_like(m)
            and _opens_clause(self.source, m.start, sentence.span.start)
        ]
        choice = before[-1] if before else None if _national(sentence.text, fig.start) else self.rule_topic
        if before and choice.type != PROJECT:
            self.rule_topic = choice
        return choice

    def names_up_to(self, i: int) -> dict[str, list[Mention]]:
        while self.read < len(self.outer) and self.outer[self.read].sentence <= i:
            m = self.outer[self.read]
            if m.text not in self.by_name:
                if any(m.text in other for other in self.by_name):
                    self.inside.add(m.text)
                self.inside.update(other for other in self.by_name if other in m.text)
            self.by_name.setdefault(m.text, []).append(m)
            self.read += 1
        return self.by_name

    def within_reach(self, name: str, mentions: list[Mention], i: int) -> bool:
        """Named in the last 20 sentences, in the title, or the article's topic. The right subjects of
        news_train's training articles are: 98% within 10 sentences, 99% within 20 (a name further back
        is almost never chosen, and in a long article each figure would weigh every name before it)."""
        title = self.article.title
        return (
            i - mentions[-1].sentence <= _SENTENCES_BACK
            or (self.topic is not None and self.topic.text == name)
            or (bool(title) and any(title.start <= m.start < title.end for m in mentions))
        )

    def candidates(self, sentence: Sentence, i: int, fig: FigureMatch, start: int) -> list[Candidate]:
        in_sentence = self.by_sentence.get(i, [])
        rule = self.rule_choice(sentence, in_sentence, fig, start)
        by_name, inside = self.names_up_to(i), self.inside
        clause_start = sentence.span.source_span(_clause_start(sentence.text, fig.start), fig.start)[0]
        national = _national(sentence.text, fig.start)
        out = [
            Candidate(
                None,
                {
                    "none": 1.0,
                    "none_national": float(national),
                    "none_rule": float(rule is None),
                    "none_no_name_in_sentence": float(not any(m.end <= start for m in in_sentence)),
                },
            )
        ]
        for name, mentions in by_name.items():
            if not self.within_reach(name, mentions, i):
                continue
            if not any(self.subject_like(m) and not _modifies(self.source, m) for m in mentions):
                continue
            if self.counted(name, mentions, fig):
                continue
            if mentions[0].type == PERSON and not any(m.sentence == i for m in mentions):
                continue  # a person is the subject of the figures of the sentence that names them
            out.append(
                self.name_candidate(name, mentions, i, start, clause_start, rule, national, inside, fig.unit)
            )
        return out

    def counted(self, name: str, mentions: list[Mention], fig: FigureMatch) -> bool:
        """A name inside the figure's indicator that opens no clause is what is counted (在某县新建公路
        80公里), not who counts it."""
        return (
            bool(fig.indicator)
            and name in fig.indicator
            and not any(
                _opens_clause(self.source, m.start, self._sentence_start(m)) or self.after_dateline(m)
                for m in mentions
            )
        )

    def after_dateline(self, m: Mention) -> bool:  # 本报北京3月5日电 青山市…: the report's first words
        line = self.article.dateline
        return bool(line) and line.end <= m.start and not self.source[line.end : m.start].strip()

    def name_candidate(
        self, name, mentions, i, start, clause_start, rule, national, inside, fig_unit
    ) -> Candidate:
        before = [m for m in mentions if m.end <= start]
        as_subject = [m for m in before if self.subject_like(m)]
        nearest = as_subject[-1] if as_subject else before[-1] if before else mentions[0]
        same = nearest.sentence == i
        title = self.article.title
        features = {
            "type_" + nearest.type: 1.0,
            "rule": float(rule is not None and rule.text == name),
            "rule_from_sentence": float(rule is not None and rule.text == name and rule.sentence == i),
            "topic": float(self.topic is not None and self.topic.text == name),
            "same_sentence_before": float(same and bool(before)),
            "same_sentence_after": float(not before),
            "same_clause": float(bool(before) and nearest.start >= clause_start),
            "opens_clause": float(_opens_clause(self.source, nearest.start, self._sentence_start(nearest))),
            "subject_like": float(self.subject_like(nearest)),
            "in_title": float(bool(title) and any(title.start <= m.start < title.end for m in mentions)),
            "sentences_back": math.log1p(max(0, i - nearest.sentence)),
            "chars_back": math.log1p(max(0, start - nearest.end)) if same else 0.0,
            "times_named": math.log1p(len(before)),
            "times_as_subject": math.log1p(len(as_subject)),
            "never_as_subject": float(not any(self.subject_like(m) for m in mentions)),
            "inside_other_name": float(name in inside),
            "national_clause": float(national),
        }
        if nearest.type == PERSON:  # a person's figure is most often an age, then a time
            features[f"person_{_UNIT_KINDS.get(fig_unit, 'other')}"] = 1.0
        return Candidate(nearest, features)

    def _sentence_start(self, m: Mention) -> int:
        return self.article.sentences[m.sentence - self.first].span.start


# The nation or the world as what a clause measures (全国粮食产量, 我国…): no region's figure. Not as
# the base of a share, rank or comparison (占全国, 居全国第二, 高于全国): that is the region's figure.
_NATIONAL = re.compile(r"(?<![占居列在比于到过])(?:全国|我国|全球)(?!第|前列|首位|排名|平均|的?比重)")


_UNIT_KINDS = {"岁": "age", "年": "time", "天": "time", "个月": "time", "小时": "time"}


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position `at` of a sentence begins."""
    return max((text.rfind(mark, 0, at) + 1 for mark in _CLAUSE_BREAKS + "。"), default=0)


def _national(text: str, at: int) -> bool:
    """Whether the clause before position `at` of a sentence speaks of the whole nation or world."""
    return bool(_NATIONAL.search(text[_clause_start(text, at) : at]))


_BEFORE_NON_SUBJECTS = frozenset("与对向从同和及占在赴于比、")


def _can_be_subject(source: str, m: Mention) -> bool:
    """Not a name after a preposition (与美国, 对俄罗斯, 在达茂旗: what the figure relates to or where
    it happened) or a comparison (高于全区, 比上海), in a list (和林格尔、固阳等: one of the things
    counted), or before 级 (自治区级企业: a level, not an actor)."""
    before, after = source[max(0, m.start - 1) : m.start], source[m.end : m.end + 1]
    return before not in _BEFORE_NON_SUBJECTS and after not in (
        "、",
        "等",
        "级",
    )


def _inside(m: Mention, other: Mention) -> bool:
    return other.start <= m.start and m.end <= other.end and other.end - other.start > m.end - m.start


def _modifies(source: str, m: Mention) -> bool:
    """A name that qualifies the next word (来自某市的游客): what is counted, not who counts."""
    return source.startswith("的", m.end)


def _opens_clause(source: str, at: int, sentence_start: int) -> bool:
    """The subject of a clause opens it; a name inside a clause is an object or a modifier
    (获得自治区奖补资金, 在达茂旗)."""
    return at == sentence_start or source[at - 1] in _CLAUSE_BREAKS + "。"
