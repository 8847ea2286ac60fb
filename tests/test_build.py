"""kg build: the real CLI on the real on-disk store; idempotence, replacement, bad input."""

import re
import shutil
import subprocess
import sys

from conftest import run

from kg.store import GraphStore


def triples(store) -> int:
    return GraphStore(store, read_only=True).count_triples()


def summary_numbers(line: str) -> dict:
    return {
        k: int(v)
        for v, k in re.findall(
            r"(\d+) (files|articles|Person|Organization|Region|Project|posts|figures|triples)", line
        )
    }


def test_build_summary_and_exports(seeds_build):
    numbers = summary_numbers(seeds_build["summary"])
    assert numbers["files"] == 5 and numbers["articles"] >= 30
    assert numbers["Person"] > 50 and numbers["Region"] > 30 and numbers["figures"] > 200
    assert numbers["triples"] == triples(seeds_build["store"])
    for name in ("kg.ttl", "kg.graphml", "kg.gexf"):
        assert (seeds_build["exports"] / name).stat().st_size > 1000


def build_once(tmp_path, page_file, name: str):
    """A corpus folder holding the made-up page as `name`, built into a fresh store."""
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    shutil.copy(page_file, corpus / name)
    run("build", str(corpus), "--store", str(store), "--exports", str(tmp_path / "ex"))
    return corpus, store


def test_rebuild_changes_nothing_and_a_changed_file_replaces_its_facts(tmp_path, page_file):
    corpus, store = build_once(tmp_path, page_file, "page.txt")
    before = triples(store)
    again = run("build", str(corpus), "--store", str(store), "--exports", str(tmp_path / "ex"))
    assert "0 updated, 1 unchanged" in again.output
    assert triples(store) == before

    text = (corpus / "page.txt").read_text(encoding="utf-8").replace("赵文斌", "钱卫东")
    (corpus / "page.txt").write_text(text, encoding="utf-8")
    run("build", str(corpus), "--store", str(store), "--exports", str(tmp_path / "ex"))
    labels = {
        r["l"].value
        for r in GraphStore(store, read_only=True).query(
            "SELECT DISTINCT ?l WHERE { ?p a kg:Person ; skos:prefLabel ?l }"
        )
    }
    assert "钱卫东" in labels and "赵文斌" not in labels


def test_bad_files_fail_clearly_and_lose_nothing(tmp_path, page_file):
    corpus, store = build_once(tmp_path, page_file, "good.txt")
    before = triples(store)

    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (corpus / "more.txt").write_text("记者从青山市了解到,全市新增就业岗位1.2万个。\n", encoding="gbk")
    result = run("build", str(corpus), "--store", str(store), "--exports", str(tmp_path / "ex"), expect=1)
    assert "empty.txt: empty file" in result.output
    assert "binary.txt: looks binary" in result.output
    assert "2 updated" not in result.output and "1 updated" in result.output  # more.txt still processed
    assert triples(store) > before  # nothing lost, more.txt added


def test_a_store_held_by_another_process_is_named_as_such(tmp_path, page_file):
    corpus, store = build_once(tmp_path, page_file, "page.txt")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from kg.store import GraphStore; "
            "s = GraphStore(sys.argv[1]); print('open', flush=True); time.sleep(60)",
            str(store),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        result = run("build", str(corpus), "--store", str(store), "--exports", str(tmp_path / "ex"), expect=1)
        assert "another process holds the store" in result.output
    finally:
        holder.kill()
        holder.wait()
    assert (
        "1 unchanged"
        in run("build", str(corpus), "--store", str(store), "--exports", str(tmp_path / "ex")).output
    )


def test_version():
    assert run("--version").output.startswith("kg, version ")


def test_build_and_extract_say_how_a_file_was_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "big5.txt").write_bytes("本報記者從青山市了解到，全市新增就業崗位1.2萬個。\n".encode("big5"))
    out = run(
        "build", str(corpus), "--store", str(tmp_path / "store"), "--exports", str(tmp_path / "ex")
    ).output
    assert "note: big5.txt: read as Big5; traditional characters converted to simplified" in out
    out = run("extract", str(corpus / "big5.txt"), "--json-dir", str(tmp_path / "json")).output
    assert "read as Big5" in out


def test_a_big_file_reports_its_own_progress(tmp_path):
    from kg.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "big.txt").write_text(
        "".join(f"青山市新建学校{k}所。" for k in range(700)) + "\n", encoding="utf-8"
    )
    seen = []
    build(
        [corpus], tmp_path / "store", None, within=lambda name, done, total: seen.append((name, done, total))
    )
    assert seen and seen[-1] == ("big.txt", 700, 700)
    assert [d for _, d, _ in seen] == sorted(d for _, d, _ in seen)
