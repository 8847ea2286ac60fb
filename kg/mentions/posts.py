"""Posts: a person and the role the text gives them, written right before (or after) the name.

`自治区党委副书记、自治区人民政府主席王莉霞` gives two roles; `王莉霞主席` gives one.
"""
from __future__ import annotations

import re

from .. import lang

_CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？“”\"()（）《》\s]")
# Words after which a role cannot continue leftwards (verbs and function words of the clause).
_ROLE_STOP = re.compile(r".*(?:的|由|在|和|与|及|对|向|为|是|会见|会同|陪同|主持|出席|参加|看望|带领|率|听取|召开|表示|指出|说|讲|据|经|据悉|同志|以及)")
_MAX_ROLE = 24


def roles_before(text: str, name_start: int) -> list[tuple[int, int]]:
    """Spans of the roles written directly before the name at `name_start` (nearest last)."""
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, name_start)), default=0)
    titles = lang.titles()
    out, end = [], name_start
    for part in reversed(text[clause_start:name_start].split("、")):
        start = end - len(part)
        stop = _ROLE_STOP.match(part)
        role_start = start + (stop.end() if stop else 0)
        role_start = max(role_start, end - _MAX_ROLE)
        role = text[role_start:end]
        if not role or not any(role.endswith(t) for t in titles):
            break
        out.append((role_start, end))
        if stop:
            break
        end = start - 1   # skip the 、
    return out[::-1]


def title_after(text: str, name_end: int) -> tuple[int, int] | None:
    """A bare title word directly after the name (王莉霞主席), if the word ends there."""
    for title in lang.titles():
        if text.startswith(title, name_end):
            after = text[name_end + len(title):name_end + len(title) + 1]
            if not after or not "\u4e00" <= after <= "\u9fff" or after in "说指强表在主出到带调会等和与一": 
                return name_end, name_end + len(title)
    return None
