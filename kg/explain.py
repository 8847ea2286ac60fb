"""`kg explain`: an entity as a reader checks it: IRI, names, hierarchy, mentions and why they merged."""

from __future__ import annotations

from collections import Counter

from .graph import Node

# Relations that place an entity among others, as (CURIE, how the explanation words it).
_LINKS = (
    ("kg:partOf", "part of"),
    ("org:subOrganizationOf", "part of"),
    ("kg:locatedIn", "located in"),
    ("kg:namesake", "namesakes (could also be)"),
)


def explanation(node: Node, shown: int = 20) -> str:
    mentions = node.mentions()
    files = {m["file"] for m in mentions}
    lines = [f"{node.label} ({node.type}) <{node.iri}>"]
    if node.aliases:
        lines.append(f"  also written: {'、'.join(node.aliases)}")
    for relation, words in _LINKS:
        chain = _chain(node, relation) if relation != "kg:namesake" else node.neighbours(relation, "out")
        if chain:
            lines.append(f"  {words}: {' > '.join(n.label for n in chain)}")
    posts = node.posts()
    if posts:
        lines.append(f"  posts: {'、'.join(posts)}")
    lines.append(f"  mentioned {len(mentions)} times in {len(files)} file(s)")
    reasons = Counter(m["why"] or "same name" for m in mentions)
    if reasons:
        lines.append("  why these mentions are one entity:")
        lines += [f"    {n}× {why}" for why, n in reasons.most_common()]
    if mentions:
        lines.append("  mentions:")
    for m in mentions[:shown]:
        where = f"{m['file']}:{m['start']}-{m['end']}"
        context = f" in «{m['headline']}»" if m["headline"] else ""
        lines.append(f"    {where}  {m['exact']}{context}")
    if len(mentions) > shown:
        lines.append(f"    … and {len(mentions) - shown} more")
    return "\n".join(lines)


def _chain(node: Node, relation: str) -> list[Node]:
    """The nodes reached by following `relation` out, one step at a time (包头市 > 内蒙古自治区 > 中国)."""
    out, seen = [], {node.iri}
    while step := [n for n in node.neighbours(relation, "out") if n.iri not in seen]:
        node = step[0]
        seen.add(node.iri)
        out.append(node)
    return out
