"""Posts: a person and the role the text gives them, written right before (or after) the name.

`自治区党委副书记、自治区人民政府主席王莉霞` gives two roles; `王莉霞主席` gives one.
Roles are read back word by word (jieba words), so a stop word never cuts a name in two.
"""

from __future__ import annotations

import re

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
    "深入 学习 贯彻 关于 关心 慰问 会上 会议 期间 当天 近日 日前".split()
)
_MAX_ROLE = 30


def role_word(role: str) -> str:
    """The title a role ends with, without the body it is held in: 自治区党委副书记 -> 副书记,
    北京市委书记 -> 书记; the role itself when it ends in no title."""
    return next((t for t in lang.word_list("titles") if role.endswith(t)), role)


def body_words(role: str) -> str:
    """The longest opening of a role that ends in an organ's or organization's word and leaves a
    title: 呼和浩特经济技术开发区党工委 of …党工委书记, 自治区党委 of 自治区党委副书记; "" if none."""
    suffixes = lang.word_list("org_unit_suffixes") + lang.word_list("org_suffixes")
    titles = lang.word_list("titles")
    for end in range(len(role) - 1, 1, -1):
        if role[:end].endswith(suffixes) and role[end:] in titles:
            return role[:end]
    return ""


def roles_before(text: str, name_start: int, taken: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Spans of the roles written directly before the name at `name_start`.

    `taken` holds the positions of other names: a role never reaches back over another person."""
    titles = lang.word_list("titles")
    before = [w for w in words(text) if w[1] <= name_start]
    out, end, start = [], name_start, name_start
    for s, _, w in reversed(before):
        if w == "、":
            if start < end and text.endswith(titles, start, end):
                out.append((start, end))
                end = start = s
                continue
            break
        if _ROLE_BREAK.search(w) or w in _ROLE_STOP or s in taken or name_start - s > _MAX_ROLE:
            break
        start = s
    if start < end and text.endswith(titles, start, end):
        out.append((start, end))
    return out[::-1]


def title_after(text: str, name_end: int) -> tuple[int, int] | None:
    """A bare title word directly after the name (王莉霞主席), if the word ends there."""
    for title in lang.word_list("titles"):
        if text.startswith(title, name_end):
            after = text[name_end + len(title) : name_end + len(title) + 1]
            if (
                not after
                or not "\u4e00" <= after <= "\u9fff"
                or after in "说指强表在主出到带调会等和与一关认介建坦感视参考也还就都再又正曾"
            ):
                return name_end, name_end + len(title)
    return None


def sentence_posts(
    page: Page, sentence: Sentence, index: int, mentions: list[tuple[int, int, Mention]]
) -> tuple[list[PostMention], list[Mention]]:
    """The posts of the sentence's persons, and the bodies their roles open with when they name a
    region's body (呼和浩特经济技术开发区党工委 of …党工委书记) that no organization found covers."""
    posts, bodies = [], []
    people = frozenset(i for s, e, m in mentions if m.type == PERSON for i in range(s, e))
    organizations = [(s, e) for s, e, m in mentions if m.type == ORGANIZATION]
    for s, e, m in mentions:
        if m.type != PERSON:
            continue
        others = people.difference(range(s, e))
        # a role before the name and a title after it are both posts (…行长文爱华代表: 行长, 代表)
        spans = roles_before(sentence.text, s, others) + [
            span for span in [title_after(sentence.text, e)] if span
        ]
        for rs, re_ in spans:
            start, end = sentence.span.source_span(rs, re_)
            role = sentence.text[rs:re_]
            posts.append(PostMention(m, role, index, start, end))
            body = body_words(role)
            names_a_region = body.startswith(lang.word_list("home_region_words")) or gazetteer().leading(body)
            if body and names_a_region and not any(a <= rs and rs + len(body) <= b for a, b in organizations):
                bodies.append(mention_at(page, sentence, index, rs, rs + len(body), ORGANIZATION))
                organizations.append((rs, rs + len(body)))
    return posts, bodies
