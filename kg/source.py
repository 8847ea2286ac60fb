"""Stage 0: bytes on disk -> decoded text, or a clear error saying why not."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from . import html, script

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# The encoding each codec is reported as (kg:encoding).
_NAMES = {"utf-8": "utf-8", "gb18030": "gb18030", "cp950": "big5", "big5hkscs": "big5-hkscs"}
# What an HTML page's declared charset is read with: GB2312 and GBK as their superset GB18030, Big5 as
# Microsoft's (cp950, the Big5 of most files) or, failing that, with Hong Kong's characters. Other
# charsets are detected as in a text file: a page that declares UTF-16 or Latin-1 is seldom either.
_DECLARED = {
    "utf-8": ("utf-8",),
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("cp950", "big5hkscs"),
    "cp950": ("cp950", "big5hkscs"),
    "big5hkscs": ("big5hkscs",),
}


# Where source files' IRIs start unless `kg build --base` says otherwise: a file's IRI is this plus its
# path relative to the corpus root, so moving the corpus or building it elsewhere changes no IRI.
DEFAULT_BASE = "https://w3id.org/zhnews-kg/source/"


class SourceError(ValueError):
    """A file that cannot be read as Chinese text; the message names the file and the reason."""


@dataclass(frozen=True)
class SourceText:
    """A file's text. `text` is what extraction reads: for an HTML file the text of its page (kg.html),
    and traditional characters as simplified ones (kg.script); `original` is the same text as the file
    writes it. Both have one length: every offset (of an article, a sentence, a mention) points into
    either. `note` says, for a person, what was done to read the file (None: nothing)."""

    path: Path
    text: str
    encoding: str
    name: str = ""  # the path relative to the corpus root, as a user reads it (2024-12-27/01.txt)
    base: str = DEFAULT_BASE
    original: str = ""  # "": `text` itself
    note: str | None = None  # "read as Big5", "text extracted from HTML", "traditional characters …"

    def __post_init__(self):
        if not self.original:
            object.__setattr__(self, "original", self.text)

    @property
    def label(self) -> str:
        return self.name or self.path.name

    @property
    def uri(self) -> str:
        """The file's own IRI: it names the graph of everything read from this file."""
        return self.base + quote(self.label, safe="/")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.original.encode("utf-8")).hexdigest()

    def written(self, text: str, offsets: Iterable[int]) -> str:
        """`text`, read from `self.text` at `offsets` (one per character, full-width forms maybe folded),
        as the file writes it: each character that script conversion changed is given back."""
        if self.original is self.text:
            return text
        return "".join(
            ch if self.text[i] == self.original[i] else self.original[i] for ch, i in zip(text, offsets)
        )

    def written_at(self, text: str, start: int) -> str:
        """The same for `text` read from `self.text` from `start` on, less what cleaning left out (the
        line break of a rejoined line)."""
        if self.original is self.text:
            return text
        return self.written(text, _aligned(self.text, text, start))


def _aligned(source: str, text: str, start: int) -> Iterator[int]:
    """Where each character of `text` is in `source`, from `start` on (full-width forms may be folded)."""
    i = start
    for ch in text:
        while source[i] != ch and unicodedata.normalize("NFKC", source[i]) != ch:
            i += 1
        yield i
        i += 1


def read_source(path: str | Path, name: str = "", base: str = DEFAULT_BASE) -> SourceText:
    """`name`: the file's path relative to the corpus root (default: its file name). A .html or .htm
    file is read as the text of its page: offsets then point into that text, not into the markup."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise SourceError(f"{path}: empty file")
    is_html = path.suffix.lower() in html.SUFFIXES
    text, encoding = _decode(path, data, html.declared_charset(data) if is_html else None)
    if not text.strip():  # a byte-order mark and nothing else
        raise SourceError(f"{path}: empty file")
    if "\x00" in text or _control_ratio(text) > 0.01:
        raise SourceError(f"{path}: looks binary, not text (decoded as {encoding})")
    notes = ["read as Big5"] if encoding.startswith("big5") else []
    if is_html:
        text = html.page_text(text)
        notes.append("text extracted from HTML")
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text[:20000]):
        where = " in the text of the HTML page" if is_html else ""
        raise SourceError(f"{path}: no Chinese characters found{where} (decoded as {encoding})")
    simplified = script.simplified(text)
    if script.traditional_page(text, simplified):
        notes.append(
            f"traditional characters converted to simplified for extraction "
            f"({script.changed(text, simplified):,} of {len(text):,} characters)"
        )
        return SourceText(path, simplified, encoding, name, base, text, "; ".join(notes))
    return SourceText(path, text, encoding, name, base, note="; ".join(notes) or None)


def _decode(path: Path, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text and the name of its encoding: a byte-order mark's, else `declared` (an HTML page's
    charset) if the bytes are that, else UTF-8, else GB18030 or Big5."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"{path}: has a {encoding} byte-order mark but is not valid {encoding}: {exc.reason}"
                ) from exc
    if b"\x00" in data:
        raise SourceError(f"{path}: looks binary, not text (NUL bytes and no UTF-16 byte-order mark)")
    for codec in _DECLARED.get(_codec(declared), ()):
        if found := _try(data, codec):
            return found
    return _try(data, "utf-8") or _legacy(path, data)


def _legacy(path: Path, data: bytes) -> tuple[str, str]:
    """GB18030 (GBK, GB2312) or Big5 bytes. Big5 bytes are nearly always valid GB18030 too, so of the
    decodings that work the one made of common characters is taken (kg.script.commonness)."""
    decoded = [d for d in (_try(data, "gb18030"), _try(data, "cp950") or _try(data, "big5hkscs")) if d]
    if not decoded:
        raise SourceError(f"{path}: undecodable: neither UTF-8 nor GB18030/GBK nor Big5")
    return max(decoded, key=lambda d: script.commonness(d[0]))


def _try(data: bytes, codec: str) -> tuple[str, str] | None:
    try:
        return data.decode(codec), _NAMES[codec]
    except UnicodeDecodeError:
        return None


def _codec(charset: str | None) -> str | None:
    try:
        return codecs.lookup(charset).name if charset else None
    except LookupError:
        return None


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f")
    return controls / len(text)
