"""Stage 0: decoding and clear errors for bad input."""

import pytest

from kg.source import SourceError, read_source

TEXT = "内蒙古自治区召开会议,研究部署工作。"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_detects_encoding(tmp_path, encoding):
    path = tmp_path / "page.txt"
    path.write_bytes(TEXT.encode(encoding))
    source = read_source(path)
    assert source.text == TEXT
    assert source.encoding in ("utf-8", "gb18030", "utf-16")


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        (" \n".encode("utf-16"), "empty file"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x81\x30\xff\xfe\xfd" * 40, "undecodable"),
        (b"plain English only", "no Chinese characters"),
    ],
)
def test_bad_files_name_the_file_and_the_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as info:
        read_source(path)
    assert str(path) in str(info.value)
    assert reason in str(info.value)
