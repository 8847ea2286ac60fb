"""Language data: small word lists with a stated source, one file each, loaded on first use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


def _lines(name: str) -> list[str]:
    text = (_HERE / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The words of kg/lang/<name>.txt, longest first (so prefix/suffix tests find the longest).

    Lists: titles, org_suffixes, org_unit_suffixes, project_suffixes, region_suffixes,
    home_region_words, jurisdiction_organs, and countries (every name of every country)."""
    return tuple(
        sorted({word for line in _lines(f"{name}.txt") for word in line.split("\t")}, key=len, reverse=True)
    )


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated lines of kg/lang/<name>.txt: countries (each by its names, the usual one
    first: 美国, 美利坚合众国), org_abbreviations (full name, then short forms)."""
    return tuple(tuple(line.split("\t")) for line in _lines(f"{name}.txt"))


@cache
def surnames() -> frozenset[str]:
    """Single-character surnames are written run together; compound ones are two characters."""
    out = set()
    for line in _lines("surnames.txt"):
        out.update(line)
    compound = (
        "万俟 司马 上官 欧阳 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 "
        "公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 拓跋 端木 呼延 南宫 第五"
    )
    out.update(compound.split())
    return frozenset(out)


@dataclass(frozen=True)
class Division:
    """One entry of GB/T 2260: code, name, level (province, prefecture, county), parent code."""

    code: str
    name: str
    level: str
    parent: str | None


@cache
def divisions() -> tuple[Division, ...]:
    rows = [
        (line.split("\t") + [""])[:4] for line in _lines("admin_divisions.tsv")
    ]  # provinces have no parent
    return tuple(Division(code, name, level, parent or None) for code, name, level, parent in rows)
