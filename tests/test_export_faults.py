"""Exports under faults: a writer that fails or a process killed while it writes leaves the previous
export as it was (every format is written beside its target, then renamed onto it)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from conftest import ROOT, run

from kg.export import FORMATS, export

TRIES = 20


def test_a_failing_writer_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "kg.ttl"
    target.write_bytes(b"the previous export")

    def fail_halfway(graph, path: Path) -> None:
        path.write_bytes(b"half of a")
        raise OSError("No space left on device")

    monkeypatch.setitem(FORMATS, "turtle", (".ttl", fail_halfway))
    with pytest.raises(OSError, match="No space"):
        export(None, "turtle", target)
    assert target.read_bytes() == b"the previous export"
    assert os.listdir(tmp_path) == ["kg.ttl"]


def kill_while_writing(command: list[str], target: Path) -> bool:
    """Run `command` until one run is SIGKILLed while it writes: as soon as a file appears beside
    `target` or `target` changes. False when every run finished first."""
    before = target.stat().st_mtime_ns
    for _ in range(TRIES):
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None:
            if len(os.listdir(target.parent)) > 1 or target.stat().st_mtime_ns != before:
                process.kill()
                break
            time.sleep(0.0005)
        if process.wait() == -signal.SIGKILL:
            return True
    return False


@pytest.mark.parametrize("fmt", ["turtle", "graphml"])
def test_kill_during_export_leaves_the_previous_export(seeds_build, tmp_path, fmt):
    store = str(seeds_build["store"])
    target = tmp_path / f"kg{FORMATS[fmt][0]}"
    command = [sys.executable, "-m", "kg", "export", "--format", fmt, "-o", str(target), "--store", store]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    previous, persons = target.read_bytes(), count_persons(store)

    assert kill_while_writing(command, target), f"no export of {TRIES} was caught while it wrote"
    assert len(target.read_bytes()) == len(previous)  # the size first: a short message when truncated
    assert target.read_bytes() == previous
    if fmt == "turtle":
        assert len(rdflib.Graph().parse(target, format="turtle")) > 5000
    else:
        assert nx.read_graphml(target).number_of_edges() > 100
    assert count_persons(store) == persons  # the store the killed process read still answers


def count_persons(store: str) -> str:
    return run(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Person }", "--store", store, "--format", "csv"
    ).output


def test_export_through_a_symlink_replaces_the_file_not_the_link(seeds_build, tmp_path):
    real, link = tmp_path / "real.ttl", tmp_path / "kg.ttl"
    real.write_text("the previous export")
    link.symlink_to(real)
    run("export", "--format", "turtle", "-o", str(link), "--store", str(seeds_build["store"]))
    assert link.is_symlink() and len(rdflib.Graph().parse(real, format="turtle")) > 5000


def test_export_into_a_pipe_writes_into_it(seeds_build, tmp_path):
    """A pipe or device (-o /dev/stdout) is written, not replaced by a file."""
    fifo, copy = tmp_path / "kg.graphml", tmp_path / "copy.graphml"
    os.mkfifo(fifo)
    with open(copy, "wb") as out:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=out)
        try:
            run("export", "--format", "graphml", "-o", str(fifo), "--store", str(seeds_build["store"]))
            reader.wait(timeout=10)
        finally:
            reader.kill()
    assert fifo.is_fifo() and nx.read_graphml(copy).number_of_edges() > 100
