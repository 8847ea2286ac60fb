"""SPARQL results as a text table, CSV or JSON (SPARQL 1.1 results formats from Oxigraph)."""

from __future__ import annotations

import csv
import io

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, serialize


def render(result, fmt: str) -> str:
    if isinstance(result, QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if not isinstance(result, QuerySolutions):  # CONSTRUCT / DESCRIBE: a graph, so each triple once
        return serialize(dict.fromkeys(result), format=RdfFormat.TURTLE).decode("utf-8")
    if fmt == "json":
        return result.serialize(format=QueryResultsFormat.JSON).decode("utf-8") + "\n"
    names = [v.value for v in result.variables]
    rows = [[_text(s[n]) for n in names] for s in result]
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([names, *rows])
        return out.getvalue()
    return _table(names, rows)


def _text(term) -> str:
    return "" if term is None else term.value


def _table(names: list[str], rows: list[list[str]]) -> str:
    def width(s: str) -> int:  # CJK characters take two columns in a terminal
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)

    widths = [max([width(n)] + [width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells):
        return " | ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(names), rule, *map(line, rows), f"({len(rows)} rows)"]) + "\n"
