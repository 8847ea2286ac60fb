"""Large input: a page of one overlong line is cut into sentences and paragraphs of bounded length,
offsets stay exact, and extraction reports its progress within the page."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

from kg.articles import MAX_PARAGRAPH, MAX_SENTENCE, parse_page
from kg.mentions import extract_mentions
from kg.source import SourceText

# Made-up places, bodies and people: nothing here comes from an annotated corpus.
_PLACES = ("青禾县", "白桦镇", "云杉市", "石湾旗", "北渠乡")
_BODIES = ("农牧局", "发展和改革委员会", "新材料有限公司", "供电公司", "人民医院")
_PEOPLE = ("石明远", "柯映川", "韩晓岚", "苗青山")
_CLAUSES = (
    "{place}{body}今年完成投资{n}亿元",
    "{person}在{place}调研时说要抓好春耕备耕",
    "{place}新建高标准农田{n}万亩",
    "{place}{body}负责人{person}介绍了项目进展",
    "全年接待游客{n}万人次同比增长{n}%",
)


def _clauses(rng: random.Random, chars: int) -> list[str]:
    out, total = [], 0
    while total < chars:
        clause = rng.choice(_CLAUSES).format(
            place=rng.choice(_PLACES),
            body=rng.choice(_BODIES),
            person=rng.choice(_PEOPLE),
            n=rng.randint(2, 90),
        )
        out.append(clause)
        total += len(clause) + 1
    return out


def _page(text: str) -> SourceText:
    return SourceText(path=Path("big.txt"), text=text, encoding="utf-8")


def _one_line_page(chars: int, sentences: int = 0) -> SourceText:
    """One line: `sentences` short sentences, then about `chars` characters of clauses with commas
    only (three fifths) and with no punctuation at all."""
    rng = random.Random(7)
    short = "".join(_clauses(rng, 1)[0] + "。" for _ in range(sentences))
    return _page(
        short + "，".join(_clauses(rng, chars * 3 // 5)) + "".join(_clauses(rng, chars * 2 // 5)) + "\n"
    )


def test_a_long_line_becomes_bounded_sentences_that_cover_it_exactly():
    source = _one_line_page(200_000)
    page = parse_page(source)
    sentences = page.sentences
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE
    assert max(len(p.text) for a in page.articles for p in a.paragraphs) <= MAX_PARAGRAPH
    # nothing lost, nothing doubled, and each sentence is where its offsets say
    assert "".join(s.span.source_text(source.text, 0, len(s.text)) for s in sentences) == source.text.strip()
    assert all(
        source.text[s.span.start : s.span.end] == s.span.source_text(source.text, 0, len(s.text))
        for s in sentences
    )
    # a cut falls after a comma (folded to ASCII) where the piece has one in its second half
    assert all(s.text.endswith(",") for s in sentences[:100])


def test_extraction_of_a_long_line_keeps_offsets_and_reports_progress():
    source = _one_line_page(30_000, sentences=300)  # small enough for the model to read in seconds
    page = parse_page(source)
    calls: list[tuple[int, int]] = []
    found = extract_mentions(page, progress=lambda done, total: calls.append((done, total)))
    assert found.entities
    assert all(source.text[m.start : m.end] == m.surface for m in found.entities)
    total = len(page.sentences)
    assert len(calls) >= 2 and calls[-1] == (total, total)
    assert all(t == total for _, t in calls) and all(a < b for (a, _), (b, _) in pairwise(calls))


def test_many_short_lines_without_punctuation_are_capped_with_exact_offsets():
    """OCR lines broken mid-sentence are rejoined into one paragraph; it is capped too, and every
    sentence still maps back onto the characters of the source."""
    clauses = _clauses(random.Random(3), 60_000)
    source = _page("\n".join("".join(clauses[i : i + 3]) for i in range(0, len(clauses), 3)) + "\n")
    page = parse_page(source)
    assert max(len(p.text) for a in page.articles for p in a.paragraphs) <= MAX_PARAGRAPH
    for s in page.sentences:
        assert len(s.text) <= MAX_SENTENCE
        assert s.span.source_text(source.text, 0, len(s.text)) == s.text


def test_a_sentence_without_clause_marks_is_cut_between_words():
    text = "".join(_clauses(random.Random(5), 5_000))
    pieces = [s.text for s in parse_page(_page(text)).sentences]
    assert "".join(pieces) == text and max(map(len, pieces)) <= MAX_SENTENCE
    cuts = {sum(map(len, pieces[:k])) for k in range(1, len(pieces))}
    inside_names = {
        i for name in _PLACES + _PEOPLE for at in _find_all(text, name) for i in range(at + 1, at + len(name))
    }
    assert len(pieces) > 10 and not cuts & inside_names


def _find_all(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]
