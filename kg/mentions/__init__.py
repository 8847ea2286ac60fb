"""Stage 2: articles -> mentions (named entities, posts, figures), each tied to a sentence span."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..articles import Page
from .entities import entity_spans
from .mention import FigureMention, Mention, PageMentions, PostMention, mention_at
from .ner import ENTITY_TYPES, ORGANIZATION, PERSON, PROJECT, REGION, reporting
from .posts import sentence_posts
from .subjects import page_figures

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
        kept = [(s, e, mention_at(page, sentence, i, s, e, t)) for s, e, t in spans]
        found.entities.extend(m for _, _, m in kept)
        posts, bodies = sentence_posts(page, sentence, i, kept)
        found.posts.extend(posts)
        found.entities.extend(bodies)
    _add_credits(page, found)
    found.entities.extend(_anaphors(page, found.entities))
    found.figures = page_figures(page, found.entities)
    return found


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
