"""kg query: SPARQL on Oxigraph with predeclared prefixes, three output formats, saved queries."""

import contextlib
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run

QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def test_table_csv_and_json(seeds_build):
    q = "SELECT DISTINCT ?name WHERE { ?p a kg:Region ; skos:prefLabel ?name } ORDER BY ?name"
    store = ["--store", str(seeds_build["store"])]
    table = run("query", q, *store).output
    assert table.splitlines()[0].strip() == "name" and "内蒙古自治区" in table
    rows = list(csv.reader(io.StringIO(run("query", q, "--format", "csv", *store).output)))
    assert rows[0] == ["name"] and ["内蒙古自治区"] in rows
    data = json.loads(run("query", q, "--format", "json", *store).output)
    assert {"value": "内蒙古自治区", "type": "literal", "xml:lang": "zh"} in [
        b["name"] for b in data["results"]["bindings"]
    ]


def test_malformed_query_gives_the_parser_message(seeds_build):
    result = run("query", "SELEC ?x WHERE {", "--store", str(seeds_build["store"]), expect=1)
    assert "malformed SPARQL query" in result.output and "Traceback" not in result.output


def test_query_without_a_store_fails_clearly(tmp_path):
    result = run("query", "ASK {}", "--store", str(tmp_path / "none"), expect=1)
    assert "no store here" in result.output


def test_at_least_eight_saved_queries():
    assert len(QUERIES) >= 8


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: Path(p).stem)
def test_saved_queries_answer_on_the_seeds_each_row_once(seeds_build, path):
    out = run("query", "-f", str(path), "--format", "csv", "--store", str(seeds_build["store"])).output
    rows = out.splitlines()
    assert len(rows) >= 2, f"{path.name} returned no rows"
    assert len(set(rows)) == len(rows), f"{path.name} repeats rows"


def test_ask_and_construct(seeds_build):
    store = ["--store", str(seeds_build["store"])]
    assert run("query", "ASK { ?p a kg:Person }", *store).output.strip() == "true"
    turtle = run("query", "CONSTRUCT { ?r kg:partOf ?p } WHERE { ?r kg:partOf ?p }", *store).output
    import rdflib

    lines = [line for line in turtle.splitlines() if line.strip()]
    assert len(rdflib.Graph().parse(data=turtle, format="turtle")) == len(lines) > 10  # each triple once


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_runaway_query_is_stopped_by_its_timeout(seeds_build):
    started = time.monotonic()
    result = run("query", CROSS_PRODUCT, "--timeout", "1", "--store", str(seeds_build["store"]), expect=1)
    assert "stopped after 1 s (--timeout)" in result.output and time.monotonic() - started < 10


def test_ctrl_c_stops_a_running_query(seeds_build):
    command = [sys.executable, "-m", "kg", "query", CROSS_PRODUCT, "--store", str(seeds_build["store"])]
    # as a shell starts it, with Ctrl-C's default action (an earlier test may have left it ignored here)
    child = subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_default_ctrl_c
    )
    try:
        _wait_for_the_query_process(child.pid)  # on a busy machine, starting can take seconds
        time.sleep(1)  # well into the cross product
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):  # the query process too, should the test fail
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode != 0 and "interrupted (Ctrl-C)" in err and "Traceback" not in err


def _default_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_the_query_process(pid: int) -> None:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    deadline = time.monotonic() + 60
    while not children.read_text().split():
        assert time.monotonic() < deadline, "kg query started no query process"
        time.sleep(0.1)


def test_an_update_is_refused_as_read_only_and_changes_nothing(seeds_build):
    store = ["--store", str(seeds_build["store"])]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = run("query", count, "--format", "csv", *store).output
    update = "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }"
    result = run("query", update, *store, expect=1)
    assert "SPARQL UPDATE (INSERT)" in result.output and "only reads" in result.output
    assert run("query", count, "--format", "csv", *store).output == before


def test_a_query_file_that_is_not_utf8_gets_a_message(seeds_build, tmp_path):
    path = tmp_path / "gbk.rq"
    path.write_bytes("SELECT * WHERE { ?s ?p '包头' }".encode("gbk"))
    result = run("query", "-f", str(path), "--store", str(seeds_build["store"]), expect=1)
    assert "gbk.rq: not UTF-8 text" in result.output and "Traceback" not in result.output
