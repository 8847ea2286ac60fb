"""Stage 1: a newspaper page -> articles with title, dateline, credits, paragraphs and sentences.

Every piece of text keeps character offsets into the decoded source file. Cleaning never
changes the length of a character (full-width forms map one to one onto ASCII), and the
pieces that are dropped (page-jump markers, blank lines, repeated passages) are skipped by
recording, for each kept run of characters, where it starts in the source (`Segment`).
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import deque
from dataclasses import dataclass, field
from functools import cached_property

from .source import SourceText

# Full-width ASCII variants and the ideographic space, mapped one char to one char.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SENTENCE_END = "。！？!?；;…"
_CLOSERS = '”’"」』)）】'
_PARAGRAPH_END = _SENTENCE_END + _CLOSERS + ":："
_PAGE_JUMP = re.compile(r"[■□◆]?\s*[(（]?\s*[上下]?[转接]第\s*[\d一二三四五六七八九十]+\s*版\s*[)）]?")
_HEADING_MARK = re.compile(r"^(#{1,6})\s+")
_CLAUSE_PUNCT = re.compile(r"[。，,；;！？!?]")
_ROLE_WORDS = ("记者", "通讯员", "实习生", "特约记者", "见习记者")
_ROLE = "|".join(sorted(_ROLE_WORDS, key=len, reverse=True))
# A name, or a two-character name padded with spaces to the width of three (朱  磊), as bylines print them.
_NAME = r"(?:[\u4e00-\u9fff·]{2,8}|[\u4e00-\u9fff] {1,3}[\u4e00-\u9fff](?![\u4e00-\u9fff·]))"
_CREDIT_RUN = rf"(?:本报|新华社)?(?:{_ROLE})\s*{_NAME}(?:\s+(?:(?:{_ROLE})\s*)?{_NAME})*"
_BYLINE_LINE = re.compile(rf"^[■□◆]?\s*({_CREDIT_RUN})\s*$")
_PHOTO_LINE = re.compile(rf"^[■□◆]?\s*((?:{_CREDIT_RUN})|{_NAME}(?:\s+{_NAME})*)\s*摄\s*$")
_DATELINE = re.compile(
    r"^[■□◆]?\s*(?P<agency>本报|新华社|本台)(?P<place>[\u4e00-\u9fff]{2,10}?)?\s*"
    r"(?P<date>(?:\d{4}年)?\d{1,2}月\d{1,2}日)?\s*(?P<kind>电|讯)"
    r"(?:\s*[(（](?P<credits>[^)）]*)[)）])?"
)
# The longest sentence and paragraph handed on, in characters. The NER model's memory grows with
# the length of one text (a 33,000-character sentence took 1 GB, a 330,000-character one 8.7 GB),
# so a page without sentence punctuation is cut into pieces: 99.9% of the sentences the model was
# trained on are shorter than 320 characters, and no sentence of the seeds is longer than 210.
MAX_SENTENCE = 400
MAX_PARAGRAPH = 4000
# The marks an overlong sentence is cut after (`_cuts`).
_CLAUSE_MARKS = "，,；;：:、"
# A passage printed again is looked for among this many paragraphs before it: a page has under a
# hundred, and searching all of a long file's paragraphs took time that grew with their square.
_PASSAGES_SEARCHED = 500
# A role word may carry its outlet ("北方新报记者"): the whole token is then a role, not a name.
_CREDIT_TOKEN = re.compile(rf"[\u4e00-\u9fff]{{0,6}}?({_ROLE})|({_NAME})")


@dataclass(frozen=True)
class Segment:
    """A run of cleaned text that is contiguous in the source, starting at `source_start`."""

    text_start: int
    source_start: int


@dataclass(frozen=True)
class Span:
    """Cleaned text with the map back to source offsets."""

    text: str
    segments: tuple[Segment, ...]

    @cached_property
    def _starts(self) -> list[int]:
        # kept: a paragraph of many rejoined lines is sliced once per sentence
        return [s.text_start for s in self.segments]

    def source_offset(self, i: int) -> int:
        """Source offset of the character at cleaned position `i` (or just past the end)."""
        if i >= len(self.text) and self.text:
            return self.source_offset(len(self.text) - 1) + 1
        k = bisect.bisect_right(self._starts, i) - 1
        seg = self.segments[max(k, 0)]
        return seg.source_start + i - seg.text_start

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.source_offset(start), self.source_offset(end - 1) + 1

    def source_text(self, source: str, start: int, end: int) -> str:
        """The characters of [start, end) as the source writes them (full-width forms kept,
        the line breaks of a rejoined line left out)."""
        return "".join(source[self.source_offset(i)] for i in range(start, end))

    @property
    def start(self) -> int:
        return self.source_offset(0)

    @property
    def end(self) -> int:
        return self.source_offset(len(self.text))

    def slice(self, start: int, end: int) -> Span:
        return _join([(self.source_offset(i), self.text[i:j]) for i, j in self._runs(start, end)])

    def _runs(self, start: int, end: int):
        """Sub-ranges of [start, end) that lie within one segment each."""
        cuts = self._starts[bisect.bisect_right(self._starts, start) : bisect.bisect_left(self._starts, end)]
        bounds = [start, *cuts, end]
        return list(zip(bounds, bounds[1:]))


@dataclass(frozen=True)
class Credit:
    """A person named in a byline or photo credit, with the role word the text uses."""

    name: str
    role: str
    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    agency: str
    place: str | None
    date: str | None
    kind: str
    start: int = 0  # source offsets of 本报北京1月5日电 (a place named there is where it was written)
    end: int = 0


@dataclass
class Sentence:
    span: Span
    index: int

    @property
    def text(self) -> str:
        return self.span.text


@dataclass
class Article:
    index: int
    title: Span | None = None
    subtitles: list[Span] = field(default_factory=list)
    dateline: Dateline | None = None
    credits: list[Credit] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def start(self) -> int:
        pieces = [p.start for p in self._pieces()]
        return min(pieces) if pieces else 0

    @property
    def end(self) -> int:
        pieces = [p.end for p in self._pieces()]
        return max(pieces) if pieces else 0

    def _pieces(self) -> list[Span]:
        return ([self.title] if self.title else []) + self.subtitles + self.paragraphs


@dataclass
class Page:
    source: SourceText
    articles: list[Article]
    date: datetime.date | None = None  # the issue's date, when the file's path gives it

    @property
    def sentences(self) -> list[Sentence]:
        return [s for a in self.articles for s in a.sentences]

    def article_date(self, article: Article) -> datetime.date | None:
        """The day an article reports: its dateline's day (11月3日) in the issue's year, else the
        issue's date. A dateline later in the year than the issue is from the year before."""
        dateline = article.dateline.date if article.dateline else None
        written = _DATELINE_DATE.fullmatch(dateline) if dateline else None
        if written is None or (written["year"] is None and self.date is None):
            return self.date
        month, day = int(written["month"]), int(written["day"])
        if written["year"]:
            year = int(written["year"])
        else:
            year = self.date.year - ((month, day) > (self.date.month, self.date.day))
        try:
            return datetime.date(year, month, day)
        except ValueError:  # 2月30日: a misprint is no date
            return self.date


# A date an archive writes into a page's path: 2024-12-27/01.txt, nmgrb_20241227_01.txt.
_PATH_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_/.]?(?P<month>0[1-9]|1[0-2])[-_/.]?"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"
)
_DATELINE_DATE = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日")


def issue_date(source: SourceText) -> datetime.date | None:
    """The issue's date from the file's path; the deepest one if the path has several."""
    found = list(_PATH_DATE.finditer(source.path.as_posix()))
    if not found:
        return None
    m = found[-1]
    try:
        return datetime.date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        return None


def parse_page(source: SourceText) -> Page:
    clean = source.text.translate(_HALF_WIDTH)
    lines = [line for raw in _lines(clean) for line in _drop_page_jumps(raw)]
    articles: list[Article] = []
    current: Article | None = None
    pending_headings: list[tuple[Span, bool]] = []
    open_paragraph: list[Span] = []
    seen_passages: deque[str] = deque(maxlen=_PASSAGES_SEARCHED)

    def close_paragraph():
        if open_paragraph and current is not None:
            for paragraph in _capped_paragraphs(_join_spans(open_paragraph)):
                key = re.sub(r"\s+", "", paragraph.text)
                if len(key) < 10 or not any(key in earlier for earlier in seen_passages):
                    seen_passages.append(key)
                    current.paragraphs.append(paragraph)
        open_paragraph.clear()

    def start_article():
        nonlocal current
        current = Article(index=len(articles))
        articles.append(current)
        marked = [h for h, is_marked in pending_headings if is_marked]
        headings = [h for h, _ in pending_headings]
        if headings:
            current.title = marked[0] if marked else max(headings, key=lambda h: len(h.text))
            current.subtitles = [h for h in headings if h is not current.title]
        pending_headings.clear()

    for line in lines:
        marked = _HEADING_MARK.match(line.text)
        if marked:
            line = line.slice(marked.end(), len(line.text))
        if credits := _credit_line(line):
            if current is None or pending_headings:
                close_paragraph()
                start_article()
            current.credits.extend(credits)
            continue
        # a marked heading as long as a paragraph is one: a title is one sentence
        if marked and len(line.text) <= MAX_SENTENCE or _looks_like_heading(line.text):
            close_paragraph()
            pending_headings.append((line, bool(marked)))
            continue
        if pending_headings or current is None:
            close_paragraph()
            start_article()
        if open_paragraph and open_paragraph[-1].text.rstrip()[-1:] in _PARAGRAPH_END:
            close_paragraph()
        open_paragraph.append(line)
    close_paragraph()
    if pending_headings:
        start_article()
    for article in articles:
        _read_dateline(article)
        article.sentences = _sentences(article)
    return Page(source, [a for a in articles if a.sentences or a.credits], issue_date(source))


def _lines(text: str) -> list[Span]:
    out = []
    for m in re.finditer(r"[^\n\r]+", text):
        stripped = m.group().strip()
        if stripped:
            lead = len(m.group()) - len(m.group().lstrip())
            out.append(Span(stripped, (Segment(0, m.start() + lead),)))
    return out


def _drop_page_jumps(line: Span) -> list[Span]:
    pieces, last = [], 0
    for m in _PAGE_JUMP.finditer(line.text):
        pieces.append((last, m.start()))
        last = m.end()
    pieces.append((last, len(line.text)))
    out = []
    for start, end in pieces:
        piece = line.slice(start, end)
        lead = len(piece.text) - len(piece.text.lstrip())
        trimmed = piece.slice(lead, len(piece.text.rstrip())) if piece.text.strip() else None
        if trimmed is not None:
            out.append(trimmed)
    return out


def _looks_like_heading(text: str) -> bool:
    """Short lines with no clause punctuation: headlines, kicker lines, section titles."""
    body = text.strip()
    return 0 < len(body) <= 32 and not _CLAUSE_PUNCT.search(body) and body[-1] not in _PARAGRAPH_END


def _credit_line(line: Span) -> list[Credit]:
    m = _PHOTO_LINE.match(line.text) or _BYLINE_LINE.match(line.text)
    if not m:
        return []
    return _parse_credits(line, m.start(1), m.end(1), default_role="记者" if "摄" in line.text else None)


def _parse_credits(span: Span, start: int, end: int, default_role: str | None) -> list[Credit]:
    credits, role = [], default_role
    for m in _CREDIT_TOKEN.finditer(span.text, start, end):
        if m.group(1):
            role = m.group(1)
        elif role:
            s, e = span.source_span(m.start(2), m.end(2))
            credits.append(Credit("".join(m.group(2).split()), role, s, e))
    return credits


def _read_dateline(article: Article) -> None:
    if not article.paragraphs:
        return
    first = article.paragraphs[0]
    m = _DATELINE.match(first.text)
    if not m:
        return
    start, end = first.source_span(m.start(), m.end())
    article.dateline = Dateline(m["agency"], m["place"], m["date"], m["kind"], start, end)
    if m["credits"] is not None:
        article.credits.extend(_parse_credits(first, m.start("credits"), m.end("credits"), None))


def _sentences(article: Article) -> list[Sentence]:
    pieces = ([article.title] if article.title else []) + article.subtitles
    for paragraph in article.paragraphs:
        pieces.extend(_split_sentences(paragraph))
    return [Sentence(p, i) for i, p in enumerate(pieces)]


_SENTENCE = re.compile(rf"[^{_SENTENCE_END}]*(?:[{_SENTENCE_END}]+[{_CLOSERS}]*|$)")


def _split_sentences(paragraph: Span) -> list[Span]:
    return [paragraph.slice(start, end) for start, end in _sentence_bounds(paragraph.text)]


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of a paragraph, without the spaces around it, none longer
    than MAX_SENTENCE."""
    out = []
    for m in _SENTENCE.finditer(text):
        start = m.start()
        for cut in [*_cuts(text, m.start(), m.end()), m.end()]:
            piece = text[start:cut]
            if piece.strip():
                out.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
            start = cut
    return out


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Where [start, end) is cut into pieces of at most MAX_SENTENCE characters: just after the
    last clause mark (，；：、) of the second half of a piece, else after its last space, else at
    its last jieba word boundary; a word is cut only where no boundary is found."""
    cuts = []
    while end - start > MAX_SENTENCE:
        lo, hi = start + MAX_SENTENCE // 2, start + MAX_SENTENCE
        marked = max(text.rfind(mark, lo, hi) for mark in _CLAUSE_MARKS)
        spaced = text.rfind(" ", lo, hi)
        start = marked + 1 if marked >= 0 else spaced + 1 if spaced >= 0 else _word_boundary(text, lo, hi)
        cuts.append(start)
    return cuts


def _word_boundary(text: str, lo: int, hi: int) -> int:
    """The last start of a jieba word in (lo, hi], else hi. jieba reads a window that ends a few
    characters after hi, so that the word running across hi is seen whole."""
    from .mentions.segment import words  # not at the top: kg.mentions imports this module

    window = max(lo, hi - 32)
    starts = [window + s for s, _, _ in words(text[window : hi + 8]) if 0 < s <= hi - window]
    return starts[-1] if starts else hi


def _capped_paragraphs(paragraph: Span) -> list[Span]:
    """A paragraph longer than MAX_PARAGRAPH as paragraphs of whole sentences that are not."""
    if len(paragraph.text) <= MAX_PARAGRAPH:
        return [paragraph]
    groups: list[list[int]] = []
    for start, end in _sentence_bounds(paragraph.text):
        if groups and end - groups[-1][0] <= MAX_PARAGRAPH:
            groups[-1][1] = end
        else:
            groups.append([start, end])
    return [paragraph.slice(start, end) for start, end in groups]


def _join(pieces: list[tuple[int, str]]) -> Span:
    segments, text = [], ""
    for source_start, piece in pieces:
        segments.append(Segment(len(text), source_start))
        text += piece
    return Span(text, tuple(segments))


def _join_spans(spans: list[Span]) -> Span:
    """Rejoin lines broken mid-sentence: the text is concatenated, the offsets are kept."""
    segments, length = [], 0
    for span in spans:
        segments.extend(Segment(length + s.text_start, s.source_start) for s in span.segments)
        length += len(span.text)
    return Span("".join(span.text for span in spans), tuple(segments))
