"""Ingestion fuzzed: whatever bytes or text a file holds, reading it gives facts whose offsets point at
their own text in the source, or a SourceError naming the file; never a traceback."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import parse_page
from kg.mentions import extract_mentions
from kg.pipeline import document_json
from kg.resolve import resolve
from kg.source import SourceError, read_source

# Characters of real pages and of broken ones: common hanzi, digits, full- and half-width
# punctuation, page-jump and heading marks, line breaks of every kind, controls, other scripts.
NEWS = "本报记者通讯员自治区党委书记市长包头呼和浩特公司集团项目工程投资亿万元同比增长新建学校会议召开"
PIECES = st.one_of(
    st.text(alphabet=NEWS + "0123456789.%，。、；：！？“”（）《》()■□◆#", min_size=1, max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(
        [
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "\t",
            "\x0c",
            "\u2028",
            "\x00",
            "\x1b",
            "\ufeff",
            "　",
            "■下转第2版",
            "（上接第1版）",
            "## ",
            "本报3月5日讯（记者 孙海燕）",
            "……",
            "——",
        ]
    ),
    st.text(alphabet=NEWS + "，", min_size=2000, max_size=6000),  # a huge line with no sentence end
)
PAGES = st.lists(PIECES, min_size=1, max_size=30).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def facts_or_error(path) -> None:
    """Read and extract `path`; assert every offset points at its text. SourceError is a fine answer."""
    try:
        source = read_source(path)
    except SourceError as exc:
        assert str(path) in str(exc)
        return
    page = parse_page(source)
    assert len(source.original) == len(source.text)  # a converted page keeps every offset
    for s in page.sentences:
        assert 0 <= s.span.start <= s.span.end <= len(source.text)
    found = extract_mentions(page)
    for m in found.entities:
        assert source.text[m.start : m.end] == m.surface, (m, source.text[m.start - 5 : m.end + 5])
    for f in found.figures:
        assert 0 <= f.start < f.end <= len(source.text)
    json.dumps(document_json(resolve(found)), ensure_ascii=False)


@FUZZ
@given(text=PAGES, encoding=ENCODINGS)
def test_any_text_in_any_encoding_gives_valid_offsets_or_a_clear_error(tmp_path, text, encoding):
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    facts_or_error(path)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes_give_valid_offsets_or_a_clear_error(tmp_path, data):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    facts_or_error(path)
