"""The `kg` command line: build, extract, query, export, validate."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .pipeline import document_json, process_file, text_files
from .source import SourceError


@click.group()
def main() -> None:
    """Chinese newspaper pages -> an RDF knowledge graph."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json-dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Write one <stem>.json per input file here.")
def extract(files: tuple[Path, ...], json_dir: Path) -> None:
    """Extract entities, posts and figures from FILES as JSON (the evaluation format)."""
    json_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in text_files(files):
        try:
            doc = process_file(path)
        except SourceError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        out = json_dir / f"{path.stem}.json"
        out.write_text(json.dumps(document_json(doc), ensure_ascii=False, indent=1), encoding="utf-8")
    if failed:
        sys.exit(1)
