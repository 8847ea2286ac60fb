"""The `kg` command line: build, extract, query, export, validate."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from .build import build as build_graph
from .build import remove as remove_files
from .corpus import Corpus, province_named
from .explain import explanation
from .export import FORMATS
from .export import export as export_graph
from .files import CorpusError, corpus_files, corpus_root, find_files
from .graph import KnowledgeGraph
from .mentions.gazetteer import Place
from .pipeline import document_json, process_source
from .source import SourceError, read_source
from .store import DEFAULT_STORE, GraphStore, StoreError
from .workers import Workers, WorkersError, default_count

store_option = click.option(
    "--store",
    "store_dir",
    default=str(DEFAULT_STORE),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The on-disk store.",
)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _open(store_dir: Path) -> KnowledgeGraph:
    try:
        return KnowledgeGraph.open(store_dir)
    except StoreError as exc:
        _fail(str(exc))


def timeout_option(seconds: float, help: str):
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=seconds,
        show_default=True,
        help=help,
    )


@click.group()
@click.version_option(package_name="kg", prog_name="kg")
def main() -> None:
    """Chinese newspaper pages -> an RDF knowledge graph."""


home_option = click.option(
    "--home-region",
    "home_name",
    metavar="NAME",
    help="The paper's own province-level region, what 自治区/全区/我省 refer to "
    "(default: the one the pages point to most).",
)


def _home(name: str | None) -> Place | None:
    try:
        return province_named(name) if name else None
    except ValueError as exc:
        _fail(f"--home-region: {exc}")


exports_option = click.option(
    "--exports",
    "exports_dir",
    default="exports",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where kg.ttl, kg.graphml and kg.gexf go.",
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@exports_option
@home_option
@click.option(
    "--base",
    metavar="IRI",
    help="Where the files' IRIs start; each file's IRI is this plus its path "
    "in the corpus (default: the store's, else https://w3id.org/zhnews-kg/source/).",
)
@click.option("--prune", is_flag=True, help="Drop the graphs of stored files that are gone from the corpus.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=default_count,
    show_default="the machine's cores",
    help="Worker processes for extraction (1: all in this process).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Send extraction to the workers of this Dask cluster instead (pip install 'kg[dask]').",
)
def build(
    paths: tuple[Path, ...],
    store_dir: Path,
    exports_dir: Path,
    home_name: str | None,
    base: str | None,
    prune: bool,
    workers: int,
    scheduler: str | None,
) -> None:
    """Read .txt and .html files (or folders of them), extract, store and export the graph.

    Files are named by their path relative to the folder given (the corpus root), so a moved or
    copied corpus builds to the same graph."""
    home = _home(home_name)
    reading = _progress("reading", lambda f: f.name)
    _report(
        lambda: build_graph(
            paths,
            store_dir,
            exports_dir,
            progress=reading,
            home=home,
            base=base,
            prune=prune,
            within=_within if sys.stderr.isatty() else None,
            workers=Workers(workers, scheduler),
        )
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@exports_option
@home_option
def remove(paths: tuple[Path, ...], store_dir: Path, exports_dir: Path, home_name: str | None) -> None:
    """Drop the facts of stored files (by path, or by their name in the corpus) and re-decide what the
    corpus decides (home region, who is who)."""
    home = _home(home_name)
    _report(lambda: remove_files(paths, store_dir, exports_dir, home=home))


def _report(run) -> None:
    """Run a build or removal; print its errors, notes and summary; exit 1 if a file failed."""
    try:
        summary = run()
    except (StoreError, CorpusError, WorkersError) as exc:
        _fail(str(exc))
    for error in summary.errors:
        click.echo(f"error: {error}", err=True)
    for note in summary.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(summary.line())
    if summary.errors:
        sys.exit(1)


def _within(name: str, done: int, total: int) -> None:
    """A big file's own progress, on the line below the bar (a page of a few hundred sentences has none)."""
    if total > 500:
        click.echo(f"\r  {name}: {done}/{total} sentences", err=True, nl=done == total)


def _progress(label: str, show: Callable[[object], str]):
    """A progress bar on a terminal, nothing otherwise: wraps an iterable, showing `show(item)`."""

    def bar(items):
        if not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(
            items, label=label, file=sys.stderr, item_show_func=lambda i: i and show(i)
        ) as b:
            yield from b

    return bar


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--json-dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one <stem>.json per input file here.",
)
@home_option
def extract(files: tuple[Path, ...], json_dir: Path, home_name: str | None) -> None:
    """Extract entities, posts and figures from FILES as JSON (the evaluation format)."""
    corpus = Corpus(_home(home_name))
    try:
        found = find_files(files)
    except CorpusError as exc:
        _fail(str(exc))
    json_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for file in corpus_files(found, corpus_root(files)):
        try:
            source = read_source(file.path, file.name)
            doc = process_source(source, corpus=corpus)
        except SourceError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        if source.note:
            click.echo(f"note: {file.path}: {source.note}", err=True)
        out = json_dir / f"{file.path.stem}.json"
        out.write_text(json.dumps(document_json(doc), ensure_ascii=False, indent=1), encoding="utf-8")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the query from a .rq file.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@timeout_option(60, "Stop the query after this many seconds.")
@store_option
def query(sparql: str | None, query_file: Path | None, fmt: str, timeout: float, store_dir: Path) -> None:
    """Run a read-only SPARQL query (prefixes kg:, org:, skos:, qb:, prov:, schema:… are predeclared).
    Ctrl-C stops it."""
    from .query import QueryStopped, run_query

    if (sparql is None) == (query_file is None):
        _fail("give either a SPARQL string or -f FILE.rq")
    name = query_file or "query"
    try:
        text = query_file.read_text(encoding="utf-8") if query_file else sparql
        click.echo(run_query(store_dir, text, fmt, timeout), nl=False)
    except UnicodeDecodeError as exc:
        _fail(f"{query_file}: not UTF-8 text ({exc.reason} at byte {exc.start})")
    except (StoreError, QueryStopped) as exc:
        _fail(f"{name}: {exc}")


@main.command()
@click.argument("entity")
@store_option
def explain(entity: str, store_dir: Path) -> None:
    """Show who or what ENTITY (a name, an alias or an IRI) is: its IRI, names, place in the hierarchy,
    every mention with its file and span, and why the mentions were taken for one entity."""
    graph = _open(store_dir)
    nodes = graph.find(entity)
    if not nodes:
        _fail(f"no entity is called {entity!r} (try `kg query` to search)")
    for node in nodes:
        click.echo(explanation(node))


@main.command()
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="turtle", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: exports/kg.<ext>).",
)
@store_option
def export(fmt: str, output: Path | None, store_dir: Path) -> None:
    """Export the graph as RDF (turtle, ntriples, trig, nquads, jsonld) or for Gephi (graphml, gexf)."""
    graph = _open(store_dir)
    path = export_graph(graph, fmt, output or Path("exports") / f"kg{FORMATS[fmt][0]}")
    click.echo(f"wrote {path}")


@main.command()
@store_option
def validate(store_dir: Path) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl."""
    from .validate import validate as run_validation

    try:
        store = GraphStore(store_dir, read_only=True)
        result = run_validation(store, progress=_progress("validating", lambda g: str(g).rsplit("/", 1)[-1]))
    except StoreError as exc:
        _fail(str(exc))
    if result.conforms:
        click.echo("conforms: the graph satisfies every shape")
        return
    click.echo(result.report)
    click.echo(f"{result.violations} violations")
    sys.exit(1)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@timeout_option(30, "Stop a SPARQL query after this many seconds (answered 503).")
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10000,
    show_default=True,
    help="Send at most this many rows (or triples) of a result.",
)
@click.option("--cors", is_flag=True, help="Let pages of other origins query the endpoint.")
def serve(store_dir: Path, host: str, port: int, timeout: float, max_rows: int, cors: bool) -> None:
    """Serve a read-only SPARQL endpoint at /sparql and a browser explorer at / (Ctrl-C stops).
    `kg build` may run on the same store meanwhile: the server moves to the new graph when it ends."""
    from .serve import Limits, ServeConfig, is_loopback
    from .serve import serve as run_server

    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: other machines can reach the graph", err=True)
    try:
        run_server(ServeConfig(store_dir, host, port, Limits(timeout, max_rows), cors))
    except StoreError as exc:
        _fail(str(exc))


@main.command()
@click.argument("url")
@store_option
@click.option("--user", envvar="KG_PUSH_USER", help="HTTP Basic user name (or set KG_PUSH_USER).")
@click.option(
    "--password",
    envvar="KG_PUSH_PASSWORD",
    help="HTTP Basic password (or set KG_PUSH_PASSWORD, which keeps it out of the shell's history).",
)
@timeout_option(60, "Give up when the triple store has not answered a graph's PUT in this many seconds.")
def push(url: str, store_dir: Path, user: str | None, password: str | None, timeout: float) -> None:
    """Copy each file's graph, and the ontology's, to the triple store whose SPARQL Graph Store endpoint
    is URL: one PUT per graph, so pushing again replaces the graphs rather than adding to them."""
    from .push import PushError, Target, basic_authorization
    from .push import push as push_graphs

    if (user is None) != (password is None):
        _fail("give both --user and --password (or KG_PUSH_USER and KG_PUSH_PASSWORD)")
    authorization = basic_authorization(user, password) if user is not None else None
    try:
        summary = push_graphs(
            store_dir, Target(url, authorization, timeout), progress=_progress("pushing", lambda g: g.name)
        )
    except (PushError, StoreError) as exc:
        _fail(str(exc))
    click.echo(summary.line())


@main.group(name="eval")
def evaluate() -> None:
    """Measure extraction quality."""


@evaluate.command(name="ner")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--pipeline", help="Comma-separated recognizers to run (default: projects,model,bodies,rules,gazetteer)."
)
@click.option(
    "--files",
    "per_file",
    type=int,
    default=0,
    help="Instead of spans: cut the corpus into files of N sentences, run the whole extraction "
    "and score each file's set of names (the way held-out files are scored).",
)
def eval_ner(corpus: Path, pipeline: str | None, per_file: int) -> None:
    """Exact-span P/R/F1 per type (PER/LOC/ORG) on a JSONL corpus, and chars/s."""
    from .evaluate import CorpusError, evaluate_files, evaluate_ner

    recognizers = pipeline.split(",") if pipeline else None
    try:
        score = (
            evaluate_files(corpus, per_file, recognizers) if per_file else evaluate_ner(corpus, recognizers)
        )
    except (CorpusError, ValueError) as exc:
        _fail(str(exc))
    click.echo(score.table())
