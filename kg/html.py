"""An HTML page's text: what a reader of the page sees of its article, one block to a line.

Parsed with selectolax (the Lexbor HTML5 parser). Scripts, styles, navigation, buttons and the page's
own header and footer are left out; headings keep their level as a Markdown mark (`# `), which
`kg.articles` reads as a heading; character references (&amp;, &nbsp;) are resolved.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

SUFFIXES = (".html", ".htm")  # as kg.files finds them, in any letter case

# Not <form>: ASP.NET pages hold their whole body in one.
_SKIPPED = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "canvas",
        "nav",
        "aside",
        "button",
        "select",
        "header",
        "footer",
    }
)
# An article's own <header> and <footer> hold its headline and credits; only the page's are left out.
_ARTICLE_PARTS = frozenset({"header", "footer"})
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
_HEADINGS = {f"h{n}": "#" * n + " " for n in range(1, 7)}
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# A line break between two wide characters is no space (CSS Text 3's segment-break rule for Chinese).
_WIDE = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\r]*\n\s*(?=[{_WIDE}])")
_WHITESPACE = re.compile(r"\s+")


def declared_charset(data: bytes) -> str | None:
    """The charset a <meta> tag declares near the top of the page (the HTML standard looks at the
    first 1,024 bytes; pages with long heads put it later, so a few more are read)."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def page_text(markup: str) -> str:
    """The page's visible text, a line per block (paragraph, heading, list item, cell, <br>)."""
    pieces: list[str] = []
    _walk(LexborHTMLParser(markup).root, pieces, in_article=False)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "".join(line + "\n" for line in lines if line.strip("# "))


def _walk(node: LexborNode, pieces: list[str], in_article: bool) -> None:
    """The text under `node`, each block between line breaks."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if child.is_text_node:
            pieces.append(_WHITESPACE.sub(" ", _CJK_BREAK.sub("", child.text_content)))
        elif child.is_element_node and (tag not in _SKIPPED or in_article and tag in _ARTICLE_PARTS):
            block = tag in _BLOCKS
            pieces.append("\n" + _HEADINGS.get(tag, "") if block else "")
            _walk(child, pieces, in_article or tag == "article")
            pieces.append("\n" if block else "")
