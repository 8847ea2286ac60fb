"""The ASGI app (Starlette): /sparql, and the explorer's pages over the current snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, serialize
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..rdf import PREFIXES
from . import pages
from .snapshot import Snapshots
from .sparql import Limits, sparql_endpoint
from .worker import GRAPHS, negotiate

HERE = Path(__file__).parent
QUERIES = HERE / "queries"  # the saved queries of queries/ (a link to them, so that a wheel carries them)
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["type_names"] = pages.TYPE_NAMES


@dataclass(frozen=True)
class SavedQuery:
    name: str
    question: str  # the file's first comment


def saved_queries() -> list[SavedQuery]:
    out = []
    for path in sorted(QUERIES.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        out.append(SavedQuery(path.stem, first[0].lstrip("# ") if first else ""))
    return out


def _iri(request: Request) -> str:
    try:
        return NamedNode(request.query_params.get("iri", "")).value
    except ValueError:
        raise HTTPException(400, "give the IRI of a node: ?iri=https://…") from None


def _graph(request: Request):
    return request.app.state.snapshots.current().graph


async def home(request: Request) -> Response:
    text = request.query_params.get("q", "").strip()
    hits = pages.search(_graph(request), text) if text else {}
    return templates.TemplateResponse(request, "search.html", {"q": text, "hits": hits})


# what ?format= names, for links (a browser cannot choose its Accept header)
_FORMATS = {"turtle": "text/turtle", "jsonld": "application/ld+json", "ntriples": "application/n-triples"}


async def entity(request: Request) -> Response:
    iri, graph = _iri(request), _graph(request)
    node = graph.node(iri)
    if node is None:
        raise HTTPException(404, f"no node has the IRI {iri}")
    if node.type == "Article":
        return RedirectResponse(request.url_for("article").include_query_params(iri=iri), 303)
    accept = _FORMATS.get(request.query_params.get("format", ""), request.headers.get("accept", ""))
    media = negotiate(accept, {"text/html": None, **GRAPHS})
    if media != "text/html":
        triples = dict.fromkeys(graph.query(f"DESCRIBE <{iri}>"))
        prefixes = PREFIXES if media == "text/turtle" else None
        return Response(serialize(triples, format=GRAPHS[media], prefixes=prefixes), media_type=media)
    return templates.TemplateResponse(request, "entity.html", {"view": pages.entity_view(node)})


async def article(request: Request) -> Response:
    view = pages.article_view(_graph(request), _iri(request))
    if view is None:
        raise HTTPException(404, "no article has this IRI")
    return templates.TemplateResponse(request, "article.html", {"view": view})


async def neighbourhood(request: Request) -> Response:
    return JSONResponse(pages.neighbourhood(request.app.state.snapshots.current(), _iri(request)))


async def query_page(request: Request) -> Response:
    return templates.TemplateResponse(request, "query.html", {"saved": saved_queries(), "prefixes": PREFIXES})


async def saved_query(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in {q.name for q in saved_queries()}:
        raise HTTPException(404, f"no saved query {name}")
    return PlainTextResponse((QUERIES / f"{name}.rq").read_text(encoding="utf-8"))


async def error(request: Request, exc: HTTPException) -> Response:
    if request.url.path == "/sparql" or "text/html" not in request.headers.get("accept", ""):
        return PlainTextResponse(exc.detail + "\n", status_code=exc.status_code)
    return templates.TemplateResponse(
        request, "error.html", {"status": exc.status_code, "detail": exc.detail}, status_code=exc.status_code
    )


def create_app(store: Path, limits: Limits, cors: bool = False) -> Starlette:
    """The app over the snapshots of `store` (Snapshots.ensure must have run)."""
    routes = [
        Route("/", home),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/entity", entity),
        Route("/article", article),
        Route("/neighbourhood", neighbourhood),
        Route("/query", query_page),
        Route("/queries/{name}.rq", saved_query),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = (
        [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"])] if cors else []
    )
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: error})
    app.state.snapshots = Snapshots(store)
    app.state.limits = limits
    return app
