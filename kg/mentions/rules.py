"""Rules for what statistical models miss in newspaper text.

- title + name (自治区党委书记 + name) and name + title (李强书记) give a Person, and so does a full
  name in jieba's dictionary;
- a name ending in an organization word (…有限公司, …大学) with a proper word in it, or a place
  + words + an organ's suffix (包头市 + 医疗保障局), gives an Organization;
- a word ending in a sub-county unit (…镇, …嘎查, …社区) gives a Region.
Word boundaries come from jieba, so a rule never cuts a word in two. Projects have a learnt recognizer
of their own (projects.py) over the same stretches of words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .. import lang
from .gazetteer import gazetteer
from .ner import ORGANIZATION, PERSON, REGION, recognizer
from .segment import dictionary_tag, tags
from .segment import words as _words

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_HAN_BODY = re.compile(r"^[\u4e00-\u9fff“”\"·]+$")
_NAME_BODY = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z“”\"·()（）\-]+$")
# Words that end a name-like stretch going left: function words and common verbs of news prose.
_STOP_WORDS = frozenset(
    "的 在 和 与 及 或 对 向 为 由 从 把 被 将 是 有 了 着 过 等 以 于 并 而 也 都 又 让 使 给 "
    "召开 举行 开展 推进 推动 实施 建设 建成 启动 开工 投资 投入 加快 打造 提出 发布 印发 获批 "
    "成立 组织 围绕 参加 出席 主持 会见 调研 考察 指出 强调 表示 介绍 完成 实现 达到 签约 落地 "
    "支持 培育 举办 承办 落实 位于 引进 扎实 持续 深入 积极 全面 进一步 今年 去年 目前 近年来 随着 通过 依托 "
    "包括 其中 作为 加强 开始 正式 顺利 首个 全国 全区 全市 电 讯 日电 日讯 用于 属于 涉及 主要".split()
)
# A project's own words never start with these: they make a generic mention (该项目, 一批重点项目).
_GENERIC_START = re.compile(
    r"^(?:该|这|那|此|本|各|每|其|新|多|一批|一些|相关|重点|重大|有关|其他|所有|[\d一二两三四五六七八九十百千万]+(?:个|项|批|家|大|条))"
)


@recognizer("rules")
def rule_entities(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    return [_rules(text) for text in texts]


def _rules(text: str) -> list[tuple[int, int, str]]:
    words = _words(text)
    anchors = _anchors(text)
    word_tags = tags(text)
    return (
        _titled_names(text, words)
        + _names_before_titles(text, words)
        + _dictionary_names(words)
        + _organizations(text, words, word_tags, anchors)
        + _unit_organizations(text, words, anchors, word_tags)
        + _small_regions(text, words, anchors, word_tags)
    )


def _anchors(text: str) -> dict[int, int]:
    """Start -> end of places that can open an organization or project name."""
    out = {s: e for s, e, _ in gazetteer().find_words(text)}
    for word in lang.word_list("home_region_words"):
        for m in re.finditer(word, text):
            out.setdefault(m.start(), m.end())
    return out


def _titled_names(text: str, words) -> list[tuple[int, int, str]]:
    """A 2-3 character name starting with a surname right after a title word."""
    titles, surnames, out = lang.word_list("titles"), lang.surnames(), []
    for i, (_, _, word) in enumerate(words[:-1]):
        if not word.endswith(titles):
            continue
        start, nxt = words[i + 1][0], words[i + 1][2]
        name = nxt
        if (
            len(nxt) == 1
            and i + 2 < len(words)
            and len(words[i + 2][2]) <= 2
            and dictionary_tag(nxt)[:1] not in _FUNCTION_TAGS
        ):
            name = nxt + words[i + 2][2]  # jieba often splits a rare name: 张 + 天顺
        end = start + len(name)
        # a rare character jieba leaves alone right after is the name's own last one (汪家|趚): unsure
        rare_next = end < len(text) and _HAN.match(text[end]) and dictionary_tag(text[end]) == "x"
        # nor is a word followed by an organization's ending (总统廉政委员会)
        organ_next = text.startswith(
            lang.word_list("org_suffixes") + lang.word_list("org_unit_suffixes"), end
        )
        if (
            2 <= len(name) <= 3
            and _HAN.match(name)
            and (name[0] in surnames or name[:2] in surnames)
            and dictionary_tag(name) in _NAME_TAGS
            and not rare_next
            and not organ_next
        ):
            out.append((start, end, PERSON))
    return out


def _names_before_titles(text: str, words) -> list[tuple[int, int, str]]:
    """A 2-3 character name starting with a surname right before a title word (李强书记, 王建国主任),
    after punctuation or a function word, so that it is not the end of a longer word."""
    titles, surnames, out = frozenset(lang.word_list("titles")), lang.surnames(), []
    for i, (start, end, name) in enumerate(words[:-1]):
        if words[i + 1][2] not in titles or not 2 <= len(name) <= 3 or not _HAN.match(name):
            continue
        before = words[i - 1][2] if i > 0 else ""
        opens = (
            not before
            or not _HAN.match(before)
            or dictionary_tag(before)[:1] in _FUNCTION_TAGS
            or before in _STOP_WORDS
        )
        if opens and (name[0] in surnames or name[:2] in surnames) and dictionary_tag(name) in _NAME_TAGS:
            out.append((start, end, PERSON))
    return out


def _dictionary_names(words) -> list[tuple[int, int, str]]:
    """Full names of well-known people that jieba's dictionary lists as such (tag nrfg).

    The tag also covers given names alone (志强), so the word must start with a surname and
    not follow a lone surname character (赵 + 志强 is someone else)."""
    surnames, out = lang.surnames(), []
    for i, (s, e, w) in enumerate(words):
        after_surname = i > 0 and words[i - 1][2] in surnames
        if (
            dictionary_tag(w) == "nrfg"
            and w[0] in surnames
            and not after_surname
            and not w.endswith(("姓", "家"))
        ):
            out.append((s, e, PERSON))
    return out


def _unit_organizations(text: str, words, anchors: dict[int, int], word_tags) -> list[tuple[int, int, str]]:
    """A place, then words, then the last word ending in an organ's suffix: 赤峰市 + 医疗保障局.

    A country with only its government (中国政府, 印度当局) is the country, not an organization."""
    suffixes, out = lang.word_list("org_unit_suffixes"), []
    countries, titles = frozenset(lang.word_list("countries")), frozenset(lang.word_list("titles"))
    for i, (start, _, _) in enumerate(words):
        if start not in anchors or (i > 0 and words[i - 1][2] in ("(", "（")):
            continue
        end = None
        for k, (s, e, word) in enumerate(words[i : i + 10], start=i):
            if (
                word in _STOP_WORDS
                or word in titles
                or not _HAN_BODY.match(word)
                or e - start > 24
                or (s > start and word_tags.get((s, e), "x")[:1] in _ORG_STOP_TAGS)
            ):
                break
            if e > anchors[start] and _ends_organ(word, suffixes, words[k - 1][2]):
                end = e
        if end is not None and not (
            text[start : anchors[start]] in countries and _GOVERNMENT.match(text[anchors[start] : end])
        ):
            out.append((start, end, ORGANIZATION))
    return out


def _ends_organ(word: str, suffixes, previous: str) -> bool:
    """The word is an organ word (局, 保障局) and not a word that merely ends like one (全部, 基里延科)."""
    if not word.endswith(suffixes):
        return False
    suffix = next(s for s in suffixes if word.endswith(s))
    if word == suffix:  # a bare 局 or 科 after a word the dictionary does not know is a foreign name's end
        return len(suffix) > 1 or dictionary_tag(previous) != "x"
    tag = dictionary_tag(word)
    return tag[:1] not in _NOT_ORGAN_TAGS and not (tag == "x" and len(suffix) == 1)


def _small_regions(text: str, words, anchors: dict[int, int], word_tags) -> list[tuple[int, int, str]]:
    """Towns, sumu, gacha, villages, communities, streets (明水河镇, 呼格吉勒图嘎查) and zones
    (鄂尔多斯综合保税区): the unit word and the words before it, back to punctuation, a function
    word or a place. A settlement stops before the place (阿尔山市 | 明水河镇); a zone takes a
    place's short name in (鄂尔多斯综合保税区) and needs a place or a proper word."""
    bounds = {s for s, _, _ in words} | {len(text)}
    place_at = {i: a for a, b in anchors.items() for i in range(a, b)}  # position -> start of its place
    out = []
    for m in _region_unit().finditer(text):
        if m.end() not in bounds:
            continue
        zone = m.group() not in _SETTLEMENT_UNITS
        start, proper, common = m.start(), False, True
        before = [w for w in words if w[0] < m.start()]
        if (
            before
            and before[-1][1] > m.start()
            and not is_proper(before[-1][2], word_tags.get(before[-1][:2], "x"))
        ):
            continue  # the unit is the end of an ordinary word: 乡村, 农村
        for k, (s, e, w) in enumerate(reversed(before)):
            if s in place_at:
                a = place_at[s]
                if zone and not _LEVEL_END.search(text[a : anchors[a]]):
                    start, proper, common = a, True, False
                break
            tag = word_tags.get((s, e), "x")
            # the word right before the unit is the name (团结社区); further words stop at a verb (来到)
            stop_tags = "pcudrmq" if k == 0 else "pcudrmqv"
            if (
                w in _STOP_WORDS
                or not _HAN.match(w)
                or tag[:1] in stop_tags
                or m.start() - s > 8
                or (k > 0 and w.endswith(lang.word_list("region_suffixes")))
                or (k == 0 and e - s < 2 and tag[:1] != "n")
            ):
                break
            start, proper = s, proper or is_proper(w, tag)
            common = common and tag != "x" and not is_proper(w, tag)
        start = _after_inner_unit(text, start, m.start())
        body = text[start : m.start()]
        # a long stretch of ordinary words is a description (老年友好型社区), not a name
        if (
            len(body) >= 2
            and (proper or not zone)
            and not (common and len(body) >= 4)
            and not _GENERIC_START.match(body)
        ):
            out.append((start, m.end(), REGION))
    return out


def is_proper(word: str, tag: str) -> bool:
    """A word that carries identity: a place, a name, or a word of three characters or more that
    the dictionary does not know (two unknown characters are as often an abbreviated verb: 续建)."""
    return tag in _PROPER_TAGS and (tag != "x" or len(word) >= 3)


def _after_inner_unit(text: str, start: int, unit_start: int) -> int:
    """A settlement unit inside the stretch ends the place before ours: 攸攸板镇 | 坝口村."""
    body = text[start:unit_start]
    cut = max((body.rfind(u) + len(u) for u in _SETTLEMENT_UNITS if u in body), default=0)
    return start + cut if len(body) - cut >= 2 else start


def _organizations(text: str, words, word_tags, anchors: dict[int, int]) -> list[tuple[int, int, str]]:
    """A name ending in an organization word (…有限公司, …研究院) whose words include a proper one:
    a place or a word the dictionary calls a name or does not know (报业集团 alone is generic)."""
    out = []
    for start, end, kind in named_by_suffix(
        text, words, word_tags, lang.word_list("org_suffixes"), ORGANIZATION, _ORG_STOP_TAGS
    ):
        inner = [(s, e) for s, e, _ in words if start <= s and e <= end]
        if any(s in anchors or word_tags.get((s, e), "x") in _PROPER_TAGS for s, e in inner[:-1]):
            out.append((start, end, kind))
    return out


def named_by_suffix(
    text: str, words, word_tags, suffixes, kind: str, stop_tags
) -> list[tuple[int, int, str]]:
    """The words before a name-ending word, back to punctuation, a stop word or a function word:
    推进 [绿能集团风电制氢项目]; 与 [青山新材料有限公司]."""
    out = []
    for i, (_, end, word) in enumerate(words):
        if not word.endswith(suffixes) or _inside_book_title(text, end):
            continue
        suffix = next(s for s in suffixes if word.endswith(s))
        start, depth = end, 0
        for s, e, w in reversed(words[max(0, i - 12) : i]):
            depth += w.count(")") + w.count("）") - w.count("(") - w.count("（")
            inside_parens = depth > 0 or w in ("(", "（")
            if not inside_parens and (
                w in _STOP_WORDS
                or not _NAME_BODY.match(w)
                or _COUNT_WORD.match(w)
                or word_tags.get((s, e), "x")[:1] in stop_tags
            ):
                break
            if end - s > 30:
                break
            start = s
        start = _after_unbalanced_quote(text, start, end)
        body = text[start : end - len(suffix)]
        if len(body) >= 2 and not _GENERIC_START.match(body):
            out.append((start, end, kind))
    return out


# Dictionary tags a person's name may have: person-name tags, or not in the dictionary at all.
_NAME_TAGS = frozenset(("nr", "nrfg", "nrt", "x"))
_FUNCTION_TAGS = frozenset("pcudv")
# Tags of words that carry a name's own identity (a place, a name, an unknown or foreign word).
_PROPER_TAGS = frozenset(("ns", "nr", "nrfg", "nrt", "nt", "nz", "x", "eng", "j"))
# A dictionary word of these classes only looks like an organ word: numerals (全部), adverbs, adjectives,
# verbs, pronouns, prepositions, conjunctions, particles, locality and place words (东部, 交界处).
_NOT_ORGAN_TAGS = frozenset("mdavrpcufs")
_COUNT_WORD = re.compile(r"^(?:[\d一二两三四五六七八九十百千万]+|几|多)(?:个|项|批|大|家|条)$")
_SETTLEMENT_UNITS = frozenset(("镇", "乡", "苏木", "嘎查", "村", "社区", "街道"))
_LEVEL_END = re.compile(r"[省市县区旗盟州]$")


@lru_cache(maxsize=1)
def _region_unit() -> re.Pattern:
    return re.compile("|".join(map(re.escape, lang.word_list("region_suffixes"))))


_GOVERNMENT = re.compile(r"^(?:两国)?(?:人民)?(?:政府|当局)$")
# Part-of-speech classes that do not occur inside an organization's name: prepositions, conjunctions,
# adverbs, particles, pronouns, verbs and numerals.
_ORG_STOP_TAGS = frozenset("pcdurvm")


def _after_unbalanced_quote(text: str, start: int, end: int) -> int:
    """Start after a closing quote that has no opening one in the span, or after the last opening
    quote not closed in it (学习借鉴“千万工程 -> 千万工程)."""
    close = text[start:end].rfind("”")
    if close >= 0 and "“" not in text[start : start + close]:
        start += close + 1
    span = text[start:end]
    depth, cut = 0, None
    for i, ch in enumerate(span):
        if ch == "“":
            depth, cut = depth + 1, i + 1
        elif ch == "”":
            depth -= 1
    return start + cut if depth > 0 and cut is not None else start


def _inside_book_title(text: str, pos: int) -> bool:
    """Titles of documents and works (《…》) are not projects."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)
