"""Stage 1: cleaning, article structure and offsets into the source file."""

import datetime

from kg.articles import parse_page
from kg.source import read_source


def test_page_structure(page_file):
    page = parse_page(read_source(page_file))
    assert [a.title.text for a in page.articles] == ["青山市新能源产业提速发展", "古城镇文化节开幕"]
    first, second = page.articles
    assert first.dateline.place == "青山" and first.dateline.date == "3月5日" and first.dateline.kind == "电"
    assert [(c.name, c.role) for c in first.credits] == [("刘晓明", "记者"), ("陈立华", "通讯员")]
    assert second.dateline.kind == "讯"
    assert [(c.name, c.role) for c in second.credits] == [("孙海燕", "记者"), ("孙海燕", "记者")]


def test_a_byline_pads_two_character_names_to_three_and_they_are_read_whole(tmp_path):
    from kg.pipeline import document_json, process_file

    path = tmp_path / "page.txt"
    path.write_text(
        "青山市召开会议\n本报记者 王晓东 李　明\n本报记者  赵  刚 \n青山市今天召开会议。\n", encoding="utf-8"
    )
    (article,) = parse_page(read_source(path)).articles
    assert [c.name for c in article.credits] == ["王晓东", "李明", "赵刚"]
    found = document_json(process_file(path))
    assert {e["name"] for e in found["entities"] if e["type"] == "Person"} == {"王晓东", "李明", "赵刚"}


def test_cleaning_rejoins_lines_drops_markers_and_repeats(page_file):
    page = parse_page(read_source(page_file))
    body = "".join(p.text for p in page.articles[0].paragraphs)
    assert "350万千瓦,同比增长12.5%" in body  # broken line rejoined, full-width comma folded
    assert "下转" not in body and "■" not in body  # page-jump marker removed
    assert body.count("风电制氢项目建设") == 1  # repeated passage kept once


def test_every_sentence_maps_back_to_the_source(page_file):
    source = read_source(page_file)
    page = parse_page(source)
    assert page.sentences
    fold = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
    for sentence in page.sentences:
        for i, ch in enumerate(sentence.text):
            assert source.text[sentence.span.source_offset(i)].translate(fold) == ch
    sentence = next(s for s in page.sentences if "同比增长" in s.text)
    start, end = sentence.span.source_span(sentence.text.index("同比"), sentence.text.index("同比") + 4)
    assert source.text[start:end] == "同比增长"


def test_plain_lines_without_structure(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("李明在北京市工作。\n王芳去了上海市。\n", encoding="utf-8")
    page = parse_page(read_source(path))
    assert [s.text for s in page.sentences] == ["李明在北京市工作。", "王芳去了上海市。"]


def test_an_issue_date_in_the_path_dates_its_articles(tmp_path):
    path = tmp_path / "2025-01-02" / "01.txt"
    path.parent.mkdir()
    path.write_text(
        "本报12月30日讯（记者 孙海燕）赤峰市新建公路80公里。\n\n## 标题\n\n赤峰市新建学校3所。\n",
        encoding="utf-8",
    )
    page = parse_page(read_source(path))
    assert page.date == datetime.date(2025, 1, 2)
    # a dateline later in the year than the issue is from the year before; no dateline: the issue's day
    assert [page.article_date(a) for a in page.articles] == [
        datetime.date(2024, 12, 30),
        datetime.date(2025, 1, 2),
    ]
