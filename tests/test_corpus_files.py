"""Which files a build reads and how it names them: moves, renames, deletions, folders and old stores."""

import os
import shutil

from conftest import run

from kg.store import GraphStore

PAGE = "本报3月5日讯（记者 孙海燕）{place}新建公路{n}公里，全区新建学校3所。\n"


def write(folder, name: str, place: str = "包头市", n: int = 80):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(place=place, n=n), encoding="utf-8")
    return path


def build(corpus, tmp_path, *options: str, expect: int = 0):
    return run(
        "build",
        str(corpus),
        "--store",
        str(tmp_path / "store"),
        "--exports",
        str(tmp_path / "ex"),
        *options,
        expect=expect,
    )


def graphs(tmp_path) -> dict[str, str]:
    """Each stored file's graph IRI -> its name."""
    return {f.graph: f.name for f in GraphStore(tmp_path / "store", read_only=True).stored_files()}


def quads(tmp_path) -> int:
    return len(GraphStore(tmp_path / "store", read_only=True).store)


def test_moving_the_corpus_changes_nothing_and_exports_hold_no_local_path(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "2024-12-27/01.txt")
    write(corpus, "2024-12-28/01.txt", "赤峰市", 60)
    build(corpus, tmp_path)
    before, names = quads(tmp_path), graphs(tmp_path)
    assert sorted(names.values()) == ["2024-12-27/01.txt", "2024-12-28/01.txt"]
    moved = tmp_path / "renamed-corpus"
    corpus.rename(moved)
    out = build(moved, tmp_path).output
    assert "0 updated, 2 unchanged" in out
    assert quads(tmp_path) == before and graphs(tmp_path) == names
    for name in ("kg.ttl", "kg.graphml", "kg.gexf"):
        text = (tmp_path / "ex" / name).read_text(encoding="utf-8")
        assert "file:" not in text and str(tmp_path) not in text


def test_a_subfolder_built_later_is_named_from_the_corpus_root(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "2024-12-27/01.txt")
    build(corpus, tmp_path)
    write(corpus, "2024-12-28/01.txt", "赤峰市", 60)
    build(corpus / "2024-12-28", tmp_path)
    assert sorted(graphs(tmp_path).values()) == ["2024-12-27/01.txt", "2024-12-28/01.txt"]


def test_a_renamed_file_leaves_one_graph(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt")
    build(corpus, tmp_path)
    before = quads(tmp_path)
    (corpus / "a.txt").rename(corpus / "b.txt")
    out = build(corpus, tmp_path).output
    assert "a.txt moved to b.txt" in out
    assert list(graphs(tmp_path).values()) == ["b.txt"] and quads(tmp_path) == before


def test_a_deleted_file_is_reported_and_pruned_and_the_corpus_decides_again(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "南宁市")
    for name, place in (("b.txt", "包头市"), ("c.txt", "赤峰市")):
        write(corpus, name, place)
    build(corpus, tmp_path)
    home = "SELECT DISTINCT ?l WHERE { ?r skos:altLabel '全区'@zh ; skos:prefLabel ?l }"
    store = str(tmp_path / "store")
    assert "内蒙古自治区" in run("query", home, "--store", store).output
    (corpus / "b.txt").unlink()
    (corpus / "c.txt").unlink()
    out = build(corpus, tmp_path).output
    assert "2 stored file(s) gone" in out and "b.txt, c.txt" in out and len(graphs(tmp_path)) == 3
    out = build(corpus, tmp_path, "--prune").output
    assert "b.txt is gone from the corpus" in out and list(graphs(tmp_path).values()) == ["a.txt"]
    listed = run("query", home, "--store", store).output  # a.txt is read again against its own region
    assert "广西壮族自治区" in listed and "内蒙古自治区" not in listed


def test_kg_remove_drops_a_file_by_path_or_name(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "x/a.txt")
    write(corpus, "b.txt", "赤峰市")
    build(corpus, tmp_path)
    exports = ("--store", str(tmp_path / "store"), "--exports", str(tmp_path / "ex"))
    assert "removed x/a.txt" in run("remove", str(corpus / "x" / "a.txt"), *exports).output
    assert list(graphs(tmp_path).values()) == ["b.txt"]
    run("remove", "b.txt", *exports)
    assert graphs(tmp_path) == {}
    assert "holds no file" in run("remove", "b.txt", *exports, expect=1).output


def as_older_store(store_dir, graph: str, legacy: str) -> None:
    """Rewrite a file's graph as stores did before portable names: every IRI of the file under `legacy`."""
    from pyoxigraph import NamedNode, Quad

    def moved(term):
        is_ours = isinstance(term, NamedNode) and term.value.startswith(graph)
        return NamedNode(legacy + term.value[len(graph) :]) if is_ours else term

    store = GraphStore(store_dir)
    old = list(store.store.quads_for_pattern(None, None, None, NamedNode(graph)))
    store.drop_graph(graph)
    store.store.extend([Quad(moved(q.subject), q.predicate, moved(q.object), NamedNode(legacy)) for q in old])
    store.store.flush()


def test_an_older_store_keyed_by_absolute_path_is_read_again_once(tmp_path):
    corpus = tmp_path / "corpus"
    path = write(corpus, "a.txt")
    build(corpus, tmp_path)
    ((graph, _),) = graphs(tmp_path).items()
    before = quads(tmp_path)
    as_older_store(tmp_path / "store", graph, path.resolve().as_uri())
    assert list(graphs(tmp_path)) == [path.resolve().as_uri()]
    assert "the store named 1 file(s) by absolute path" in build(corpus, tmp_path).output
    assert list(graphs(tmp_path)) == [graph] and quads(tmp_path) == before
    assert "0 updated, 1 unchanged" in build(corpus, tmp_path).output


def test_base_gives_the_files_iris(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "d/a.txt")
    build(corpus, tmp_path, "--base", "https://archive.example.org/paper/")
    assert list(graphs(tmp_path)) == ["https://archive.example.org/paper/d/a.txt"]


def test_upper_case_names_symlinked_folders_and_files_given_twice(tmp_path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    write(corpus, "A.TXT")
    write(elsewhere, "b.txt", "赤峰市")
    os.symlink(elsewhere, corpus / "linked")
    os.symlink(corpus, corpus / "linked" / "loop")  # a loop is read once
    out = run(
        "build",
        str(corpus),
        str(corpus / "A.TXT"),
        "--store",
        str(tmp_path / "store"),
        "--exports",
        str(tmp_path / "ex"),
    ).output
    assert out.startswith("2 files (2 updated")
    assert sorted(graphs(tmp_path).values()) == ["A.TXT", "linked/b.txt"]


def test_a_folder_with_nothing_to_read_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("无", encoding="utf-8")
    out = build(tmp_path / "empty", tmp_path, expect=1).output
    assert "empty: no .txt or .html files" in out


def test_explain_counts_and_names_files_by_their_path_in_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "2024-12-27/01.txt")
    shutil.copytree(corpus / "2024-12-27", corpus / "2024-12-28")
    build(corpus, tmp_path)
    out = run("explain", "包头市", "--store", str(tmp_path / "store")).output
    assert "in 2 file(s)" in out
    assert "2024-12-27/01.txt:" in out and "2024-12-28/01.txt:" in out
