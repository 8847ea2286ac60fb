"""Stage 4: a resolved document -> RDF quads in the named graph of its source file.

IRIs: entities are `<ID>{type}/{canonical name}` (the same entity on two pages is one IRI);
articles, sentences, mentions, memberships and figures are fragments of the source file's
own IRI (a base and its path in the corpus), so dropping that graph removes exactly what the file said.
Provenance: every entity mention is a kg:Mention (an oa:Annotation) whose oa:hasBody is the
entity, oa:hasTarget the sentence, kg:start/kg:end the character span in the source file;
memberships and figures carry prov:wasDerivedFrom their sentence and their own span.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from .articles import Page, Span
from .corpus import Corpus
from .mentions import ORGANIZATION, PERSON, PROJECT, REGION
from .mentions.figures import indicator_key
from .mentions.gazetteer import Place, gazetteer
from .mentions.posts import role_word
from .pipeline import extractor_signature
from .resolve import (
    Document,
    Entity,
    PersonContext,
    parent_organization,
    person_contexts,
    place_identity,
    province_votes,
)

ONTOLOGY = "https://w3id.org/zhnews-kg/ontology#"
ID = "https://w3id.org/zhnews-kg/id/"

PREFIXES = {
    "kg": ONTOLOGY,
    "id": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "qb": "http://purl.org/linked-data/cube#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "time": "http://www.w3.org/2006/time#",
}


def term(curie: str) -> NamedNode:
    prefix, local = curie.split(":", 1)
    return NamedNode(PREFIXES[prefix] + local)


A = term("rdf:type")
XSD_INTEGER, XSD_DECIMAL, XSD_DATE = term("xsd:integer"), term("xsd:decimal"), term("xsd:date")
RELATIONS = (
    "org:holds",
    "org:postIn",
    "kg:locatedIn",
    "kg:partOf",
    "org:subOrganizationOf",
    "kg:investedIn",
    "kg:reportedBy",
    "kg:mentionedIn",
    "kg:subject",
    "kg:namesake",
)


def entity_iri(kind: str, key: str) -> NamedNode:
    return NamedNode(f"{ID}{kind.lower()}/{quote(key, safe='')}")


def place_iri(place: Place) -> NamedNode:
    """A division's IRI is minted from its GB/T 2260 code (region/150200), a country's from its name."""
    return entity_iri(REGION, place_identity(place))


def entity_node(entity: Entity) -> NamedNode:
    return place_iri(entity.place) if entity.place else entity_iri(entity.type, entity.key)


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def decimal(value: float) -> Literal:
    """An xsd:decimal in plain notation (1.3亿 -> 130000000, never 1.3e+08)."""
    return Literal(format(Decimal(repr(value)).normalize(), "f"), datatype=XSD_DECIMAL)


def integer(n: int) -> Literal:
    return Literal(str(n), datatype=XSD_INTEGER)


def day(d: datetime.date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD_DATE)


class _Writer:
    def __init__(self, graph: NamedNode):
        self.graph, self.quads = graph, []

    def add(self, s, p: str, o) -> None:
        self.quads.append(Quad(s, term(p), o, self.graph))

    def span(self, node: NamedNode, start: int, end: int) -> None:
        self.add(node, "kg:start", integer(start))
        self.add(node, "kg:end", integer(end))


def document_quads(doc: Document, corpus: Corpus | None = None) -> list[Quad]:
    """The document's triples; `corpus` says who its persons are among those of other files (alone,
    a person is its name)."""
    src = NamedNode(doc.page.source.uri)
    w = _Writer(src)
    contexts = person_contexts(doc)
    if corpus is None:
        corpus = Corpus(doc.home)
        corpus.add(src.value, province_votes(doc.mentions), contexts.values())
    page = doc.page
    w.add(src, "rdf:type", term("kg:SourceFile"))
    w.add(src, "kg:sha256", Literal(page.source.sha256))
    w.add(src, "kg:extractor", Literal(extractor_signature()))
    w.add(src, "kg:encoding", Literal(page.source.encoding))
    w.add(src, "rdfs:label", Literal(page.source.label))
    # the file's part in what the corpus decides, kept so that unchanged files are not read again
    votes = corpus.files[src.value].votes
    w.add(src, "kg:provinceVotes", Literal(" ".join(f"{code}={n}" for code, n in sorted(votes.items()))))
    for person in contexts.values():
        w.add(src, "kg:personContext", Literal("\t".join([person.name, *sorted(person.bodies)])))
    w.add(src, "kg:readAgainst", Literal(corpus.reading(src.value)))

    sentence_nodes, article_of_sentence, date_of_sentence = [], [], []
    for article in page.articles:
        a = NamedNode(f"{src.value}#article-{article.index}")
        w.add(a, "rdf:type", term("kg:Article"))
        w.add(a, "rdf:type", term("schema:NewsArticle"))
        w.add(a, "prov:wasDerivedFrom", src)
        w.span(a, article.start, article.end)
        if article.title:
            w.add(a, "schema:headline", zh(_written(page, article.title)))
        for sub in article.subtitles:
            w.add(a, "schema:alternativeHeadline", zh(_written(page, sub)))
        if article.dateline and article.dateline.date:
            w.add(a, "kg:dateline", Literal(article.dateline.date))
        if page.date:
            w.add(a, "schema:datePublished", day(page.date))
        reported = page.article_date(article)
        if reported:
            w.add(a, "schema:dateCreated", day(reported))
        for sentence in article.sentences:
            s = NamedNode(f"{src.value}#sentence-{len(sentence_nodes)}")
            w.add(s, "rdf:type", term("kg:Sentence"))
            w.add(s, "kg:inArticle", a)
            w.add(s, "rdf:value", zh(_written(page, sentence.span)))
            w.span(s, sentence.span.start, sentence.span.end)
            sentence_nodes.append(s)
            article_of_sentence.append(a)
            date_of_sentence.append(reported)
    articles = [NamedNode(f"{src.value}#article-{a.index}") for a in page.articles]

    nodes: dict[int, NamedNode] = {}
    for entity in doc.entities:
        person = contexts.get(id(entity))
        node = entity_iri(PERSON, corpus.person_key(person)) if person else entity_node(entity)
        nodes[id(entity)] = node
        _entity(w, node, entity)
        for namesake in corpus.namesakes(person) if person else ():  # a name several persons bear
            w.add(node, "kg:namesake", entity_iri(PERSON, namesake))
    for k, (mention, entity) in enumerate(doc.entity_of.items()):
        m = NamedNode(f"{src.value}#mention-{k}")
        w.add(m, "rdf:type", term("kg:Mention"))
        w.add(m, "oa:hasBody", nodes[id(entity)])
        exact = page.source.written_at(mention.surface, mention.start)
        w.add(m, "kg:exact", zh(exact))
        if exact != mention.surface and not mention.anaphor:  # the name in traditional characters
            w.add(nodes[id(entity)], "skos:altLabel", zh(exact))
        person = contexts.get(id(entity))
        w.add(
            m,
            "kg:resolution",
            Literal(corpus.why(person) if person else entity.why.get(mention, "same name")),
        )
        w.span(m, mention.start, mention.end)
        if mention.sentence >= 0:
            w.add(m, "oa:hasTarget", sentence_nodes[mention.sentence])
            w.add(nodes[id(entity)], "kg:mentionedIn", article_of_sentence[mention.sentence])

    people = {e.key: nodes[id(e)] for e in doc.entities if e.type == PERSON}
    for article, node in zip(page.articles, articles):
        for credit in article.credits:
            if (
                credit.name in people
            ):  # a byline name is a Person unless the page mostly calls it something else
                w.add(node, "kg:reportedBy", people[credit.name])
        if article.dateline and article.dateline.place:
            place = gazetteer().resolve(article.dateline.place)
            if place:
                _place(w, place_iri(place), place)
                w.add(node, "schema:locationCreated", place_iri(place))

    for k, post in enumerate(doc.posts):
        # one role concept per title (副书记), one post per title in its body (内蒙古自治区党委副书记)
        title = role_word(post.role)
        role = NamedNode(f"{ID}role/{quote(title, safe='')}")
        post_name = post.body + post.in_body if post.body else post.role
        post_node = NamedNode(f"{ID}post/{quote(post_name, safe='')}")
        person = nodes[id(post.person)]
        w.add(role, "rdf:type", term("org:Role"))
        w.add(role, "skos:prefLabel", zh(title))
        w.add(post_node, "rdf:type", term("org:Post"))
        w.add(post_node, "skos:prefLabel", zh(post_name))
        w.add(post_node, "org:role", role)
        w.add(person, "org:holds", post_node)
        membership = NamedNode(f"{src.value}#membership-{k}")
        sentence = post.mention.sentence
        w.add(membership, "rdf:type", term("org:Membership"))
        w.add(membership, "rdfs:label", zh(post.role))  # the role as written
        w.add(membership, "org:member", person)
        w.add(membership, "org:role", role)
        if post.body:
            body = (
                nodes[id(post.organization)]
                if post.organization
                else _body(w, post.body, article_of_sentence[max(sentence, 0)])
            )
            w.add(post_node, "org:postIn", body)
            w.add(membership, "org:organization", body)
        if sentence >= 0:
            w.add(membership, "prov:wasDerivedFrom", sentence_nodes[sentence])
            if attested := date_of_sentence[sentence]:
                # held on the day the article reports: an interval known to contain that day
                during, instant = (
                    NamedNode(f"{membership.value}-during"),
                    NamedNode(f"{ID}day/{attested.isoformat()}"),
                )
                w.add(membership, "org:memberDuring", during)
                w.add(during, "rdf:type", term("time:Interval"))
                w.add(during, "time:inside", instant)
                w.add(instant, "rdf:type", term("time:Instant"))
                w.add(instant, "time:inXSDDate", day(attested))
        w.span(membership, post.mention.start, post.mention.end)

    for k, figure in enumerate(doc.figures):
        f = NamedNode(f"{src.value}#figure-{k}")
        fm = figure.mention
        w.add(f, "rdf:type", term("kg:Figure"))
        w.add(f, "rdf:type", term("qb:Observation"))
        w.add(f, "qb:dataSet", term("kg:figures"))
        w.add(f, "sdmx-measure:obsValue", decimal(fm.value))
        w.add(f, "sdmx-attribute:unitMeasure", zh(fm.unit))
        w.add(f, "kg:text", zh(fm.text))
        w.add(f, "rdfs:label", zh(f"{fm.indicator or ''} {fm.text}".strip()))
        if fm.indicator:
            w.add(f, "kg:indicator", zh(fm.indicator))
            key = indicator_key(fm.indicator)  # one concept per indicator, shared across pages
            concept = NamedNode(f"{ID}indicator/{quote(key, safe='')}")
            w.add(concept, "rdf:type", term("skos:Concept"))
            w.add(concept, "skos:prefLabel", zh(key))
            w.add(f, "kg:indicatorConcept", concept)
        if fm.period:
            w.add(f, "sdmx-dimension:refPeriod", zh(fm.period))
        if fm.qualifier:
            w.add(f, "kg:qualifier", Literal(fm.qualifier))
        if fm.base:
            w.add(f, "kg:base", zh(fm.base))
        if fm.unit_mult:  # the value is in base units; this says how the text wrote it (万元 -> 4)
            w.add(f, "sdmx-attribute:unitMult", integer(fm.unit_mult))
        if figure.subject_text and not figure.subject:
            w.add(f, "kg:subjectText", zh(figure.subject_text))
        if figure.subject:
            subject = nodes[id(figure.subject)]
            w.add(f, "kg:subject", subject)
            if figure.subject.type == REGION:
                w.add(f, "sdmx-dimension:refArea", subject)
            if figure.subject.type == PROJECT and fm.unit == "元" and "投资" in (fm.indicator or ""):
                w.add(subject, "kg:investment", f)
        w.add(f, "prov:wasDerivedFrom", sentence_nodes[fm.sentence])
        w.span(f, fm.start, fm.end)
    _investments(w, doc, nodes)
    return w.quads


def _written(page: Page, span: Span) -> str:
    """A span's text as the file writes it: traditional characters stay traditional (kg.script)."""
    return page.source.written(span.text, map(span.source_offset, range(len(span.text))))


_CLASS = {
    "Person": "kg:Person",
    "Organization": "kg:Organization",
    "Region": "kg:Region",
    "Project": "kg:Project",
}


def _entity(w: _Writer, node: NamedNode, entity: Entity) -> None:
    w.add(node, "rdf:type", term(_CLASS[entity.type]))
    w.add(node, "skos:prefLabel", zh(entity.key))
    for form in {entity.name, *entity.aliases} - {entity.key}:
        w.add(node, "skos:altLabel", zh(form))
    if entity.place:
        _place(w, node, entity.place)
    elif entity.type != REGION:
        _located(w, node, entity.key)
    if entity.type == ORGANIZATION:
        _parents(w, node, entity.key)


def identity_update(
    graph: str, people: Iterable[PersonContext], corpus: Corpus, stored: dict[str, str]
) -> str:
    """SPARQL Update that gives a stored file's persons the IRIs, namesakes and reasons the corpus now
    gives them (`stored`: name -> the IRI the file has), without reading the file again."""
    g = f"<{graph}>"
    steps = []
    for person in people:
        old, new = stored.get(person.name), entity_iri(PERSON, corpus.person_key(person))
        if old is None:
            continue
        if old != new.value:
            steps += [
                f"DELETE {{ GRAPH {g} {{ <{old}> ?p ?o }} }} INSERT {{ GRAPH {g} {{ {new} ?p ?o }} }} "
                f"WHERE {{ GRAPH {g} {{ <{old}> ?p ?o }} }}",
                f"DELETE {{ GRAPH {g} {{ ?s ?p <{old}> }} }} INSERT {{ GRAPH {g} {{ ?s ?p {new} }} }} "
                f"WHERE {{ GRAPH {g} {{ ?s ?p <{old}> }} }}",
            ]
        namesakes = " ".join(
            f"{new} <{ONTOLOGY}namesake> {entity_iri(PERSON, k)} ." for k in corpus.namesakes(person)
        )
        why, resolution = Literal(corpus.why(person)), f"<{ONTOLOGY}resolution>"
        steps += [
            f"DELETE WHERE {{ GRAPH {g} {{ {new} <{ONTOLOGY}namesake> ?x }} }}",
            f"INSERT DATA {{ GRAPH {g} {{ {namesakes} }} }}",
            f"DELETE {{ GRAPH {g} {{ ?m {resolution} ?r }} }} "
            f"INSERT {{ GRAPH {g} {{ ?m {resolution} {why} }} }} "
            f"WHERE {{ GRAPH {g} {{ ?m <{PREFIXES['oa']}hasBody> {new} ; {resolution} ?r }} }}",
        ]
    steps += [
        f"DELETE WHERE {{ GRAPH {g} {{ {g} <{ONTOLOGY}readAgainst> ?r }} }}",
        f"INSERT DATA {{ GRAPH {g} {{ {g} <{ONTOLOGY}readAgainst> {Literal(corpus.reading(graph))} }} }}",
    ]
    return " ;\n".join(steps)


def _body(w: _Writer, name: str, article: NamedNode) -> NamedNode:
    """A body the page names only inside a role (自治区党委 of 自治区党委副书记)."""
    node = entity_iri(ORGANIZATION, name)
    w.add(node, "rdf:type", term("kg:Organization"))
    w.add(node, "skos:prefLabel", zh(name))
    w.add(node, "kg:mentionedIn", article)
    _located(w, node, name)
    _parents(w, node, name)
    return node


def _located(w: _Writer, node: NamedNode, name: str) -> None:
    """An organization or project whose name opens with a place is located in it."""
    leading = gazetteer().leading(name)
    if leading:
        region = leading[0]
        _place(w, place_iri(region), region)
        w.add(node, "kg:locatedIn", place_iri(region))


def _parents(w: _Writer, node: NamedNode, name: str) -> None:
    """The chain of bodies an organization belongs to (公安厅交通管理局 → 公安厅), named or not on the page."""
    while parent := parent_organization(name):
        parent_node = entity_iri(ORGANIZATION, parent)
        w.add(node, "org:subOrganizationOf", parent_node)
        w.add(parent_node, "rdf:type", term("kg:Organization"))
        w.add(parent_node, "skos:prefLabel", zh(parent))
        _located(w, parent_node, parent)
        node, name = parent_node, parent


def _place(w: _Writer, node: NamedNode, place: Place) -> None:
    """A gazetteer region with its code, level and the chain of regions it is part of."""
    w.add(node, "rdf:type", term("kg:Region"))
    w.add(node, "skos:prefLabel", zh(place.name))
    w.add(node, "kg:level", Literal(place.level))
    if place.code:
        w.add(node, "kg:gbCode", Literal(place.code))
    parent = gazetteer().parent(place)
    if parent:
        w.add(node, "kg:partOf", place_iri(parent))
        _place(w, place_iri(parent), parent)


def _investments(w: _Writer, doc: Document, nodes: dict[int, NamedNode]) -> None:
    """An organization and a project named in one sentence that speaks of investing: invested in."""
    by_sentence: dict[int, list[Entity]] = {}
    for mention, entity in doc.entity_of.items():
        by_sentence.setdefault(mention.sentence, []).append(entity)
    sentences = doc.page.sentences
    for i, entities in by_sentence.items():
        if i < 0 or "投资" not in sentences[i].text:
            continue
        for investor in (e for e in entities if e.type == "Organization"):
            for project in (e for e in entities if e.type == PROJECT):
                w.add(nodes[id(investor)], "kg:investedIn", nodes[id(project)])
