"""What the explorer's pages show, read from a snapshot: search hits, an entity, an article, a neighbourhood.

Everything here is data; the templates (`templates/`, Jinja2 with autoescaping) turn it into HTML, so
that every text from the corpus reaches the page escaped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal

from ..explain import _chain
from ..export.gephi import COLOURS
from ..graph import KnowledgeGraph, Node
from .snapshot import Snapshot

ENTITY_TYPES = ("Person", "Organization", "Region", "Project")
TYPE_NAMES = {
    "Person": "人物 Person",
    "Organization": "机构 Organization",
    "Region": "地区 Region",
    "Project": "项目 Project",
    "Post": "职务 Post",
    "Role": "角色 Role",
    "Figure": "数据 Figure",
    "Article": "文章 Article",
}


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    matched: str  # the name or alias that starts with the text searched


def search(graph: KnowledgeGraph, text: str, limit: int = 200) -> dict[str, list[Hit]]:
    """Entities a name or alias of which starts with `text`, by type (in ENTITY_TYPES order)."""
    rows = graph.query(f"""
        SELECT ?e ?type (SAMPLE(?pref) AS ?label) (MIN(STR(?l)) AS ?matched) WHERE {{
          VALUES ?type {{ {" ".join(f"kg:{t}" for t in ENTITY_TYPES)} }}
          ?e a ?type ; skos:prefLabel ?pref ; skos:prefLabel|skos:altLabel ?l .
          FILTER(STRSTARTS(STR(?l), {Literal(text)}))
        }} GROUP BY ?e ?type ORDER BY STRLEN(?matched) ?matched LIMIT {limit}""")
    hits: dict[str, list[Hit]] = {t: [] for t in ENTITY_TYPES}
    for r in rows:
        hits[r["type"].value.rsplit("#", 1)[-1]].append(
            Hit(r["e"].value, r["label"].value, r["matched"].value)
        )
    return {t: found for t, found in hits.items() if found}


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence: plain text, or a mention of an entity (its IRI and type)."""

    text: str
    iri: str | None = None
    type: str | None = None


def segments(text: str, marks: list[tuple[int, int, str, str]]) -> list[Segment]:
    """`text` cut at the marks (start, end, IRI, type), which must not overlap, in order."""
    out, at = [], 0
    for start, end, iri, kind in sorted(marks):
        if start < at:
            continue  # overlaps the mark before
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], iri, kind))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def locate(sentence: str, exact: str, near: int) -> int | None:
    """Where the mention `exact` is in its sentence: the occurrence nearest `near` (its offset from
    the sentence's start in the file, which folded or rejoined text can shift), None if absent."""
    found = [i for i in range(len(sentence)) if sentence.startswith(exact, i)]
    return min(found, key=lambda i: abs(i - near)) if found else None


@dataclass(frozen=True)
class Mention:
    file: str
    article: str | None
    headline: str | None
    why: str
    parts: list[Segment]  # the sentence, the mention marked


@dataclass(frozen=True)
class Post:
    role: str
    organization: str | None
    organization_label: str | None
    article: str | None
    headline: str | None
    date: str | None


@dataclass(frozen=True)
class Figure:
    indicator: str
    value: str
    unit: str
    text: str
    period: str
    article: str | None
    headline: str | None


@dataclass(frozen=True)
class Bar:
    period: str
    value: float
    height: float  # 0..1 of the tallest bar

    @property
    def label(self) -> str:
        """The value as the press writes a large one: 1.8亿, 300万."""
        for power, unit in ((8, "亿"), (4, "万")):
            if abs(self.value) >= 10**power:
                return f"{self.value / 10**power:.4g}{unit}"
        return f"{self.value:g}"


@dataclass(frozen=True)
class Chart:
    indicator: str
    unit: str
    bars: list[Bar]


@dataclass
class EntityView:
    node: Node
    hierarchy: list[Node]
    posts: list[Post]
    figures: list[Figure]
    charts: list[Chart]
    mentions: list[Mention]
    neighbours: dict[str, list[Node]] = field(default_factory=dict)


def entity_view(node: Node) -> EntityView:
    hierarchy = _chain(node, "kg:partOf") or _chain(node, "org:subOrganizationOf")
    figures = _figures(node)
    neighbours: dict[str, list[Node]] = defaultdict(list)
    for n in node.neighbours():
        if n.type != "Article":
            neighbours[n.type].append(n)
    return EntityView(node, hierarchy, _posts(node), figures, charts(figures), _mentions(node), neighbours)


def _value(row, name: str) -> str | None:
    return row[name].value if row[name] is not None else None


def _posts(node: Node) -> list[Post]:
    rows = node.graph.query(f"""
        SELECT DISTINCT ?role ?org ?orgLabel ?a ?headline ?date WHERE {{
          ?m a org:Membership ; org:member <{node.iri}> ; rdfs:label ?role .
          OPTIONAL {{ ?m org:organization ?org . OPTIONAL {{ ?org skos:prefLabel ?orgLabel }} }}
          OPTIONAL {{ ?m prov:wasDerivedFrom/kg:inArticle ?a . OPTIONAL {{ ?a schema:headline ?headline }}
                      OPTIONAL {{ ?a schema:dateCreated|schema:datePublished ?date }} }}
        }} ORDER BY ?date ?role""")
    names = ("role", "org", "orgLabel", "a", "headline", "date")
    return [Post(*(_value(r, n) for n in names)) for r in rows]


def _figures(node: Node) -> list[Figure]:
    rows = node.graph.query(f"""
        SELECT DISTINCT ?indicator ?value ?unit ?text ?period ?a ?headline WHERE {{
          ?f kg:subject <{node.iri}> ; sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit ;
             kg:text ?text .
          OPTIONAL {{ ?f kg:indicatorConcept/skos:prefLabel ?concept }} OPTIONAL {{ ?f kg:indicator ?said }}
          BIND(COALESCE(?concept, ?said, "") AS ?indicator)
          OPTIONAL {{ ?f sdmx-dimension:refPeriod ?period }}
          OPTIONAL {{ ?f prov:wasDerivedFrom/kg:inArticle ?a . OPTIONAL {{ ?a schema:headline ?headline }} }}
        }} ORDER BY ?indicator ?period""")
    names = ("indicator", "value", "unit", "text", "period", "a", "headline")
    return [Figure(*(_value(r, n) or ("" if n == "period" else None) for n in names)) for r in rows]


def charts(figures: list[Figure]) -> list[Chart]:
    """A chart for each indicator (and unit) with values for several periods: the last value of each."""
    series: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for f in figures:
        if f.indicator and f.period:
            series[(f.indicator, f.unit)][f.period] = float(f.value)
    out = []
    for (indicator, unit), values in series.items():
        top = max(abs(v) for v in values.values()) or 1.0
        if len(values) > 1:
            out.append(Chart(indicator, unit, [Bar(p, v, abs(v) / top) for p, v in values.items()]))
    return out


def _mentions(node: Node) -> list[Mention]:
    rows = node.graph.query(f"""
        SELECT DISTINCT ?file ?start ?exact ?why ?sentence ?sStart ?a ?headline WHERE {{
          GRAPH ?g {{ ?m oa:hasBody <{node.iri}> ; kg:exact ?exact ; kg:start ?start .
                      OPTIONAL {{ ?m kg:resolution ?why }}
                      OPTIONAL {{ ?m oa:hasTarget ?s . ?s rdf:value ?sentence ; kg:start ?sStart ;
                                  kg:inArticle ?a . OPTIONAL {{ ?a schema:headline ?headline }} }}
                      ?g rdfs:label ?file }}
        }} ORDER BY ?file ?start""")
    out = []
    for r in rows:
        exact, sentence = r["exact"].value, _value(r, "sentence") or r["exact"].value
        near = int(r["start"].value) - int(r["sStart"].value) if r["sStart"] else 0
        at = locate(sentence, exact, near)
        marks = [] if at is None else [(at, at + len(exact), node.iri, node.type)]
        out.append(
            Mention(
                r["file"].value,
                _value(r, "a"),
                _value(r, "headline"),
                _value(r, "why") or "same name",
                segments(sentence, marks),
            )
        )
    return out


@dataclass(frozen=True)
class ArticleView:
    iri: str
    headline: str
    file: str
    date: str | None
    sentences: list[list[Segment]]


def article_view(graph: KnowledgeGraph, iri: str) -> ArticleView | None:
    head = list(
        graph.query(f"""
        SELECT ?headline ?file ?date WHERE {{
          GRAPH ?g {{ <{iri}> a kg:Article . ?g rdfs:label ?file
                      OPTIONAL {{ <{iri}> schema:headline ?headline }}
                      OPTIONAL {{ <{iri}> schema:dateCreated|schema:datePublished ?date }} }}
        }} LIMIT 1""")
    )
    if not head:
        return None
    sentences = graph.query(f"""
        SELECT ?s ?text ?start WHERE {{ ?s kg:inArticle <{iri}> ; rdf:value ?text ; kg:start ?start }}
        ORDER BY ?start""")
    mentions = graph.query(f"""
        SELECT ?s ?exact ?start ?e ?type WHERE {{
          ?s kg:inArticle <{iri}> . ?m oa:hasTarget ?s ; oa:hasBody ?e ; kg:exact ?exact ; kg:start ?start .
          ?e a ?type . VALUES ?type {{ {" ".join(f"kg:{t}" for t in ENTITY_TYPES)} }}
        }}""")
    by_sentence = defaultdict(list)
    for m in mentions:
        by_sentence[m["s"].value].append(m)
    out = []
    for s in sentences:
        text, start = s["text"].value, int(s["start"].value)
        marks = []
        for m in by_sentence[s["s"].value]:
            exact = m["exact"].value
            if (at := locate(text, exact, int(m["start"].value) - start)) is not None:
                marks.append((at, at + len(exact), m["e"].value, m["type"].value.rsplit("#", 1)[-1]))
        out.append(segments(text, marks))
    h = head[0]
    return ArticleView(iri, _value(h, "headline") or iri, h["file"].value, _value(h, "date"), out)


def neighbourhood(snapshot: Snapshot, iri: str, limit: int = 150) -> dict:
    """The node and its neighbours (either direction) as Cytoscape.js elements, sized and coloured as
    in the Gephi export; the busiest neighbours first when there are more than `limit`."""
    g = snapshot.gephi()
    if iri not in g:
        return {"nodes": [], "edges": []}
    around = set(g.successors(iri)) | set(g.predecessors(iri))
    keep = [iri, *sorted(around, key=lambda n: (-g.degree(n), n))[:limit]]
    chosen = set(keep)
    nodes = [
        {
            "data": {
                "id": n,
                "label": g.nodes[n].get("label", n),
                "type": g.nodes[n].get("type", ""),
                "size": g.nodes[n]["size"],
                "colour": "#{:02x}{:02x}{:02x}".format(*COLOURS.get(g.nodes[n].get("type"), (0, 0, 0))),
                "centre": n == iri,
            }
        }
        for n in keep
    ]
    edges = [
        {"data": {"id": key, "source": s, "target": o, "label": data.get("label", "")}}
        for s, o, key, data in g.edges(keys=True, data=True)
        if s in chosen and o in chosen and iri in (s, o)
    ]
    return {"nodes": nodes, "edges": edges}
