"""Posts: a person and the role the text gives them, written right before or after the name.

`自治区党委副书记、自治区人民政府主席王莉霞` gives two roles; `王莉霞主席` gives one; so do an apposition
(`王莉霞，自治区人民政府主席，`), a 是-clause (`王莉霞是…主席`) and one role before a list of names
(`副省长甲、乙`: both). Roles are read word by word (jieba words), so a stop word never cuts a name in two.
"""

from __future__ import annotations

import re
from functools import cache

from .. import lang
from ..articles import Page, Sentence
from .gazetteer import gazetteer
from .mention import Mention, PostMention, mention_at
from .ner import ORGANIZATION, PERSON
from .segment import words

_ROLE_BREAK = re.compile(r"[,，;；:：。!！?？“”\"()（）《》\s—]")
# Words a role never crosses going left: verbs and function words of the clause.
_ROLE_STOP = frozenset(
    "的 由 在 和 与 及 对 向 为 是 了 被 把 将 以及 会见 会同 陪同 主持 出席 参加 看望 带领 率 率领 "
    "听取 召开 表示 指出 说 讲 据 据悉 经 同志 访 专访 邀请 任命 当选 担任 任 作为 以 从 到 同 "
    "深入 学习 贯彻 关于 关心 慰问 会上 会议 期间 当天 近日 日前 就是 正是 也是 即 有 还 等 让 这让 按照 随着 "
    "来到 到达 走进 安排 握着 会晤 发布 急忙".split()
)
_MAX_ROLE = 30
# A short quoted word or bracket inside the name of a body (自治区“访惠聚”驻村工作队, 高新区（开发区）):
# a role reads on through it. After other punctuation it is a quotation, not part of a name.
_ENCLOSED = re.compile(
    r"(?<=[\u4e00-\u9fff、])(?:“[\u4e00-\u9fff\w]{1,12}”|[(（][\u4e00-\u9fff\w]{1,12}[)）])"
)
# What joins two fields in the name of a body (文化和旅游厅, 林业和草原局): between two such words a
# role reads on through it; after a title it joins two people (主席和总统).
_FIELD_JOINS = frozenset("和 与 及".split())
# What joins two roles of one person (副部长兼局长), as 、 does.
_ROLE_JOINS = frozenset("、 兼".split())
# What links a name to the role that follows it: an apposition's comma, 是, or both (王某，是…书记).
_LINKS = ("，是", ",是", "是", "，", ",")
# What parts two names of one list: 、 or spaces, and any items between the size of a name.
_LIST_GAP = re.compile(r"(?:[、\s]+[\u4e00-\u9fff·]{2,4})*[、\s]+")
# Titles that are verbs too (王某代表全体职工): after a name only the characters of `title_after`
# tell the title.
_ALSO_VERBS = frozenset("代表 编辑 教练 领队 助理 主编".split())


@cache
def role_titles() -> tuple[str, ...]:
    """Title words and everyday occupations (kg/lang/occupations.txt), longest first: what a role ends
    with. Occupations are not title words of the name rules, as many open the names of bodies."""
    words_ = set(lang.word_list("titles")) | set(lang.word_list("occupations"))
    return tuple(sorted(words_, key=len, reverse=True))


def role_word(role: str) -> str:
    """The title a role ends with, without the body it is held in: 自治区党委副书记 -> 副书记,
    北京市委书记 -> 书记; the role itself when it ends in no title."""
    return next((t for t in role_titles() if role.endswith(t)), role)


def body_words(role: str) -> str:
    """The longest opening of a role that ends in an organ's or organization's word and leaves a
    title: 呼和浩特经济技术开发区党工委 of …党工委书记, 自治区党委 of 自治区党委副书记; "" if none."""
    suffixes = lang.word_list("org_unit_suffixes") + lang.word_list("org_suffixes")
    titles = role_titles()
    for end in range(len(role) - 1, 1, -1):
        if role[:end].endswith(suffixes) and role[end:] in titles:
            return role[:end]
    return ""


def _glue(text: str) -> frozenset[int]:
    """Positions that a role reads through although they would end it: the short quoted words and
    brackets of names of bodies (`_ENCLOSED`), and 和 between two fields of one (`_FIELD_JOINS`)."""
    out = {i for m in _ENCLOSED.finditer(text) for i in range(m.start(), m.end())}
    ws = words(text)
    for (_, _, left), (s, _, w), (_, _, right) in zip(ws, ws[1:], ws[2:]):
        fields = [x for x in (left, right) if "\u4e00" <= x[0] <= "\u9fff" and x not in _ROLE_STOP]
        if w in _FIELD_JOINS and len(fields) == 2 and not left.endswith(role_titles()):
            out.add(s)
    return frozenset(out)


def _role_span(text: str, start: int, end: int, glue: frozenset[int]) -> tuple[int, int] | None:
    """[start, end) as a role if it ends in a title, less the glue it opens with (the epithet of
    `“拾荒老师”社区居民` is not part of the role)."""
    while start < end and start in glue:
        start += 1
    return (start, end) if start < end and text.endswith(role_titles(), start, end) else None


def roles_before(text: str, name_start: int, taken: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Spans of the roles written directly before the name at `name_start`, or before the spaces
    that part it from its role (a signature line: `光明日报社副总编辑 王某`).

    `taken` holds the positions of other names: a role never reaches back over another person."""
    glue = _glue(text)
    before = [w for w in words(text) if w[1] <= name_start]
    out, end, start = [], name_start, name_start
    for s, e, w in reversed(before):
        if s in glue:
            start = s
            continue
        if w.isspace() and start == end == e:
            end = start = s
            continue
        if w in _ROLE_JOINS:
            if role := _role_span(text, start, end, glue):
                out.append(role)
                end = start = s
                continue
            break
        if _ROLE_BREAK.search(w) or w in _ROLE_STOP or s in taken or end - s > _MAX_ROLE:
            break
        start = s
    if role := _role_span(text, start, end, glue):
        out.append(role)
    return out[::-1]


def title_after(text: str, name_end: int) -> tuple[int, int] | None:
    """A bare title word directly after the name (王莉霞主席), if the word ends there: jieba ends a
    word there, or the next character is no Chinese one or one that opens what the person does."""
    ends = {e for _, e, _ in words(text)}
    for title in role_titles():
        if text.startswith(title, name_end):
            end = name_end + len(title)
            after = text[end : end + 1]
            if (
                (end in ends and title not in _ALSO_VERBS)
                or not after
                or not "\u4e00" <= after <= "\u9fff"
                or after in "说指强表在主出到带调会等和与一关认介建坦感视参考也还就都再又正曾"
            ):
                return name_end, end
    return None


def roles_after(text: str, name_end: int, taken: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Spans of the roles in apposition after the name, each a whole part of the clause after a comma or
    是 (`王某，青山公司董事长，`, `王某是青山村党支部书记。`, several joined by 、). None when the clause
    names another person: `甲，市委副书记、市长乙` gives 乙 two roles, not 甲."""
    link = next((k for k in _LINKS if text.startswith(k, name_end)), None)
    if link is None:
        return []
    glue, out, start = _glue(text), [], name_end + len(link)
    for s, _, w in words(text):
        if s < start or s in glue:
            continue
        if s in taken:
            return []
        if w in _ROLE_JOINS or _ROLE_BREAK.search(w):
            if not (role := _role_span(text, start, s, glue)):
                return out
            out.append(role)
            if w not in _ROLE_JOINS:
                return out
            start = s + 1
        elif w in _ROLE_STOP or s - start > _MAX_ROLE:
            return out
    return out + [role for role in [_role_span(text, start, len(text), glue)] if role]


def _listed(text: str, previous_end: int, start: int) -> bool:
    """Whether a name follows the previous one in a list: only 、 or spaces between (副省长甲、乙), or
    short items the recognizers did not take for names (记者甲、乙、丙: 乙 missed, 丙 still listed)."""
    return bool(_LIST_GAP.fullmatch(text, previous_end, start)) if previous_end >= 0 else False


def _line_start(page: Page, sentence: Sentence, i: int) -> int:
    """Where the source line of the sentence's character `i` starts: a heading the parser ran into the
    sentence of the next line (`…打下基础` / `国务院总理李某…`) is no part of a role."""
    source, offset = page.source.text, sentence.span.source_offset
    return max((k for k in range(1, i + 1) if "\n" in source[offset(k - 1) : offset(k)]), default=0)


def sentence_posts(
    page: Page, sentence: Sentence, index: int, mentions: list[tuple[int, int, Mention]]
) -> tuple[list[PostMention], list[Mention]]:
    """The posts of the sentence's persons, and the bodies their roles open with when they name a
    region's body (呼和浩特经济技术开发区党工委 of …党工委书记) that no organization found covers."""
    posts, bodies = [], []
    text = sentence.text
    persons = sorted(((s, e, m) for s, e, m in mentions if m.type == PERSON), key=lambda p: p[0])
    people = frozenset(i for s, e, _ in persons for i in range(s, e))
    organizations = [(s, e) for s, e, m in mentions if m.type == ORGANIZATION]
    before: list[tuple[int, int]] = []
    previous_end = -1
    for s, e, m in persons:
        others = people.difference(range(s, e)) | frozenset(range(_line_start(page, sentence, s)))
        # roles before the name and after it are all posts (…行长文爱华代表: 行长, 代表)
        after = [span for span in [title_after(text, e)] if span] + roles_after(text, e, others)
        # the roles before a list of names are each one's (副省长甲、乙), unless a name has its own
        listed = not after and _listed(text, previous_end, s)
        before = roles_before(text, s, others) or (before if listed else [])
        previous_end = e
        for rs, re_ in before + after:
            start, end = sentence.span.source_span(rs, re_)
            role = sentence.span.source_text(page.source.text, rs, re_)  # as written: （开发区）
            posts.append(PostMention(m, role, index, start, end))
            body = body_words(role)
            names_a_region = body.startswith(lang.word_list("home_region_words")) or gazetteer().leading(body)
            if body and names_a_region and not any(a <= rs and rs + len(body) <= b for a, b in organizations):
                bodies.append(mention_at(page, sentence, index, rs, rs + len(body), ORGANIZATION))
                organizations.append((rs, rs + len(body)))
    return posts, bodies
