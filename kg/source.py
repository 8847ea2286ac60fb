"""Stage 0: bytes on disk -> decoded text, or a clear error saying why not."""
from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

# Tried in order after the BOM check: strict UTF-8 first, then the Chinese legacy encodings.
_FALLBACK_ENCODINGS = ("utf-8", "gb18030")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# Where source files' IRIs start unless `kg build --base` says otherwise: a file's IRI is this plus its
# path relative to the corpus root, so moving the corpus or building it elsewhere changes no IRI.
DEFAULT_BASE = "https://w3id.org/zhnews-kg/source/"


class SourceError(ValueError):
    """A file that cannot be read as Chinese text; the message names the file and the reason."""


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    encoding: str
    name: str = ""              # the path relative to the corpus root, as a user reads it (2024-12-27/01.txt)
    base: str = DEFAULT_BASE

    @property
    def label(self) -> str:
        return self.name or self.path.name

    @property
    def uri(self) -> str:
        """The file's own IRI: it names the graph of everything read from this file."""
        return self.base + quote(self.label, safe="/")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_source(path: str | Path, name: str = "", base: str = DEFAULT_BASE) -> SourceText:
    """`name`: the file's path relative to the corpus root (default: its file name)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise SourceError(f"{path}: empty file")
    text, encoding = _decode(path, data)
    if "\x00" in text or _control_ratio(text) > 0.01:
        raise SourceError(f"{path}: looks binary, not text (decoded as {encoding})")
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text[:20000]):
        raise SourceError(f"{path}: no Chinese characters found (decoded as {encoding})")
    return SourceText(path, text, encoding, name, base)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise SourceError(f"{path}: has a {encoding} byte-order mark but is not valid {encoding}: "
                                  f"{exc.reason}") from exc
    if b"\x00" in data:
        raise SourceError(f"{path}: looks binary, not text (NUL bytes and no UTF-16 byte-order mark)")
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise SourceError(f"{path}: undecodable: neither UTF-8 nor GB18030/GBK")


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f")
    return controls / len(text)
