"""Big5 bytes and traditional characters: read right, extracted as simplified, stored as written.

The pages are made up; the traditional one is the simplified one written in traditional characters."""

import pytest

from kg import script
from kg.pipeline import document_json, process_source
from kg.rdf import document_quads
from kg.script import commonness, simplified
from kg.source import read_source

SIMPLIFIED = """赤峰市召开全市经济工作会议
本报赤峰12月3日电 (记者 王立新)12月2日，赤峰市召开全市经济工作会议。市委书记李振华出席会议并讲话，市长赵明远主持会议。
会议指出，今年全市地区生产总值达到2100亿元，同比增长5.6%。会议要求，各旗县区要坚持稳中求进工作总基调，扎实推进乌兰察布至赤峰铁路项目建设。
"""
TRADITIONAL = """赤峰市召開全市經濟工作會議
本報赤峰12月3日電 (記者 王立新)12月2日，赤峰市召開全市經濟工作會議。市委書記李振華出席會議並講話，市長趙明遠主持會議。
會議指出，今年全市地區生產總值達到2100億元，同比增長5.6%。會議要求，各旗縣區要堅持穩中求進工作總基調，紮實推進烏蘭察布至赤峰鐵路項目建設。
"""


def _read(tmp_path, text, encoding, name="page.txt"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_source(path)


def _facts(source):
    found = document_json(process_source(source))
    return found["entities"], found["posts"], found["figures"]


@pytest.mark.parametrize("encoding", ["big5", "cp950", "big5hkscs"])
def test_big5_file_is_read_as_big5(tmp_path, encoding):
    source = _read(tmp_path, TRADITIONAL, encoding)
    assert source.encoding == "big5"
    assert source.original == TRADITIONAL
    assert source.text == SIMPLIFIED
    assert source.note.startswith(
        "read as Big5; traditional characters converted to simplified for extraction ("
    )


@pytest.mark.parametrize(
    "sentence", [line for line in TRADITIONAL.splitlines()] + ["臺灣地區的颱風造成嚴重災情。"]
)
def test_one_big5_sentence_is_not_read_as_gb18030(tmp_path, sentence):
    assert _read(tmp_path, sentence, "big5").original == sentence


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_page_is_still_gb18030(tmp_path, encoding):
    for text in [SIMPLIFIED, *SIMPLIFIED.splitlines()]:
        source = _read(tmp_path, text, encoding)
        assert (source.encoding, source.text, source.note) == ("gb18030", text, None)
        assert source.original is source.text


def test_traditional_in_gbk_is_read_and_converted(tmp_path):
    source = _read(tmp_path, TRADITIONAL, "gb18030")
    assert (source.encoding, source.original, source.text) == ("gb18030", TRADITIONAL, SIMPLIFIED)


def test_wrong_decoding_scores_low():
    for text in SIMPLIFIED.splitlines():
        assert commonness(text.encode("gbk").decode("big5", "replace")) < 0.5
        assert commonness(text) > 0.95
    for text in TRADITIONAL.splitlines():
        assert commonness(text.encode("big5").decode("gb18030")) < 0.5
        assert commonness(text) > 0.95


def test_conversion_keeps_every_offset():
    assert simplified(TRADITIONAL) == SIMPLIFIED
    every = "".join(map(chr, script._to_simplified()))  # each traditional character OpenCC knows
    assert len(simplified(every)) == len(every)


def test_traditional_page_gives_the_facts_of_its_simplified_twin(tmp_path):
    twin = _facts(_read(tmp_path, SIMPLIFIED, "utf-8", "simplified.txt"))
    entities, posts, figures = _facts(_read(tmp_path, TRADITIONAL, "utf-8", "traditional.txt"))
    assert (entities, posts, figures) == twin
    names = {e["name"] for e in entities if e["type"] == "Person"}
    assert {"李振华", "赵明远", "王立新"} <= names


def test_graph_keeps_the_traditional_surface(tmp_path):
    source = _read(tmp_path, TRADITIONAL, "big5")
    quads = document_quads(process_source(source))

    def values(predicate):
        return {q.object.value for q in quads if q.predicate.value.endswith(predicate)}

    assert {"趙明遠", "李振華", "王立新"} <= values("#exact")
    assert not {"赵明远", "李振华"} & values("#exact")
    assert "市委書記李振華出席會議並講話,市長趙明遠主持會議。" in values(
        "#value"
    )  # as cleaned: full-width folded
    assert values("/headline") == {"赤峰市召開全市經濟工作會議"}
    labels = {(q.subject.value, q.object.value) for q in quads if q.predicate.value.endswith("#prefLabel")}
    assert any(label == "赵明远" for _, label in labels)  # the canonical name stays simplified
    assert "趙明遠" in values("#altLabel")


def test_simplified_page_keeps_its_text(tmp_path):
    source = _read(tmp_path, SIMPLIFIED + "乾隆年间的於姓人家。\n", "utf-8")
    assert source.note is None and source.original is source.text
    quads = document_quads(process_source(source))
    exact = {q.object.value for q in quads if q.predicate.value.endswith("#exact")}
    assert "赵明远" in exact


def test_name_broken_across_lines_keeps_its_traditional_surface(tmp_path):
    source = _read(tmp_path, TRADITIONAL.replace("市長趙明遠", "市長趙明\n遠"), "utf-8")
    quads = document_quads(process_source(source))
    assert "趙明遠" in {q.object.value for q in quads if q.predicate.value.endswith("#exact")}


def test_hong_kong_characters_are_big5_hkscs(tmp_path):
    sentence = "乘𨋢到達會議廳，記者陳大文報道。"
    source = _read(tmp_path, sentence, "big5hkscs")
    assert (source.encoding, source.original) == ("big5-hkscs", sentence)
    assert source.note.startswith("read as Big5")
