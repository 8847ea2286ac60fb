"""HTML pages: the article's text is read, not the markup, scripts, styles or the site's navigation.

The page is made up."""

import pytest

from kg.articles import parse_page
from kg.html import page_text
from kg.pipeline import document_json, process_source
from kg.source import SourceError, read_source

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>赤峰市召开全市经济工作会议 - 北疆新闻网</title>
<style>p {{ margin: 0 }} .nav a {{ color: #c00 }} /* 样式表注释 */</style>
<script>var banner = "广告位招商热线"; document.write("<p>脚本写入的文字</p>");</script>
</head>
<body>
<header class="site"><div class="logo">北疆新闻网</div><div>今天是星期二</div></header>
<nav class="nav"><a href="/">首页</a> | <a href="/news">新闻中心</a> | <a href="/pic">图片频道</a></nav>
<article>
<h1>赤峰市召开全市经济工作会议</h1>
<p>本报赤峰12月3日电 (记者 王立新)12月2日，赤峰市召开全市经济工作会议。市委书记<strong>李振华</strong>出席会议并讲话，
市长赵明远主持会议。</p>
<p>会议指出，今年全市地区生产总值达到2100亿元，同比增长5.6%。“科技&amp;产业”融合发展&nbsp;成效明显。</p>
<p>会议要求，各旗县区要坚持稳中求进工作总基调，扎实推进乌兰察布至赤峰铁路项目建设。<br>会议以视频形式开到旗县区。</p>
<script>trackView("赤峰市召开全市经济工作会议");</script>
<!-- 评论：编辑部内部备注 -->
</article>
<aside><h3>相关新闻</h3><ul><li><a href="/1">包头市召开民营经济座谈会</a></li></ul></aside>
<footer>版权所有 北疆新闻网 备案号：蒙ICP备00000000号</footer>
</body>
</html>
"""
NOT_READ = [
    "北疆新闻网",
    "星期二",
    "首页",
    "新闻中心",
    "图片频道",
    "相关新闻",
    "包头市",
    "版权所有",
    "广告",
    "脚本",
    "样式表",
    "评论",
    "trackView",
    "banner",
    "margin",
    "<",
    ">",
    "&amp;",
    "\xa0",
]


def _page(tmp_path, charset="utf-8", encoding="utf-8", name="news.html"):
    path = tmp_path / name
    path.write_bytes(PAGE.format(charset=charset).encode(encoding))
    return read_source(path)


@pytest.mark.parametrize(
    "charset, encoding, name",
    [
        ("utf-8", "utf-8", "news.html"),
        ("gb2312", "gbk", "news.HTM"),
        ("GBK", "gb18030", "news.Html"),
        ("iso-8859-1", "gbk", "news.htm"),  # a wrong declaration: the bytes are detected as in a text file
    ],
)
def test_html_page_is_read_as_its_text(tmp_path, charset, encoding, name):
    source = _page(tmp_path, charset, encoding, name)
    assert source.note == "text extracted from HTML"
    assert source.encoding == ("utf-8" if encoding == "utf-8" else "gb18030")
    page = parse_page(source)
    sentences = [s.text for s in page.sentences]
    assert sentences[0] == "赤峰市召开全市经济工作会议"
    assert "市委书记李振华出席会议并讲话,市长赵明远主持会议。" in sentences
    assert "“科技&产业”融合发展 成效明显。" in sentences
    assert "会议以视频形式开到旗县区。" in sentences
    for sentence in sentences:
        assert not [word for word in NOT_READ if word in sentence], sentence
    for s in page.sentences:  # offsets point into the extracted text
        assert source.text[s.span.start : s.span.end].replace("，", ",") == s.text


def test_html_page_gives_the_articles_facts(tmp_path):
    found = document_json(process_source(_page(tmp_path)))
    persons = {e["name"] for e in found["entities"] if e["type"] == "Person"}
    regions = {e["name"] for e in found["entities"] if e["type"] == "Region"}
    assert persons == {"李振华", "赵明远", "王立新"}
    assert "赤峰市" in regions and "包头市" not in regions
    assert {"person": "李振华", "role": "市委书记"} in found["posts"]


def test_big5_html_page(tmp_path):
    path = tmp_path / "big5.html"
    path.write_bytes(
        '<html><head><meta charset="big5"><title>北疆新聞網</title></head><body><nav>首頁</nav>'
        "<h1>赤峰市召開全市經濟工作會議</h1><p>市委書記李振華出席會議並講話。</p></body></html>".encode(
            "big5"
        )
    )
    source = read_source(path)
    assert source.encoding == "big5"
    assert source.note.startswith("read as Big5; text extracted from HTML; traditional characters converted")
    assert source.original == "# 赤峰市召開全市經濟工作會議\n市委書記李振華出席會議並講話。\n"
    assert source.text == "# 赤峰市召开全市经济工作会议\n市委书记李振华出席会议并讲话。\n"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>Only English here.</p></body></html>",
        "<html><head><title>标题</title><script>var s = '中文只在脚本里';</script></head>"
        "<body><p>Hi</p></body></html>",
    ],
)
def test_html_without_chinese_text_is_refused(tmp_path, markup):
    path = tmp_path / "empty.html"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        read_source(path)
    assert str(path) in str(info.value)
    assert "no Chinese characters found in the text of the HTML page" in str(info.value)


def test_page_text_keeps_blocks_and_a_page_held_in_a_form():
    markup = (
        '<body><form id="form1"><div>市委书记<b>李振华</b>出席\n会议。<br>会议由市长主持。</div>'
        "<button>搜索</button><select><option>选择栏目</option></select></form></body>"
    )
    assert page_text(markup) == "市委书记李振华出席会议。\n会议由市长主持。\n"
