"""kill -9 during a build: the store opens, every file it marks stored is whole, and the next build
finishes it."""

import signal
import subprocess
import sys
import time

from conftest import run
from pyoxigraph import NamedNode

from kg.store import GraphStore

SENTENCES = (
    "本报3月{d}日讯（记者 孙海燕）{place}新建公路{n}公里，全区新建学校{m}所。",
    "{place}召开项目推进会，会议要求加快推进第{n}批重点项目建设，总投资{m}亿元。",
    "今年以来，{place}规模以上工业增加值同比增长{m}.{d}%，新增就业岗位{n}个。",
)
PLACES = ("包头市", "赤峰市", "通辽市", "鄂尔多斯市", "呼伦贝尔市", "乌海市")


def write_corpus(folder, files: int = 40):
    folder.mkdir()
    for k in range(files):
        lines = [
            s.format(d=1 + (k + j) % 28, place=PLACES[(k + j) % len(PLACES)], n=10 + k + j, m=3 + j)
            for j in range(60)
            for s in SENTENCES[j % 3 : j % 3 + 1]
        ]
        (folder / f"{k:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def quads_by_graph(store_dir) -> dict[str, set[str]]:
    store = GraphStore(store_dir, read_only=True)
    return {
        str(g): {str(q) for q in store.store.quads_for_pattern(None, None, None, g)} for g in store.graphs()
    }


def test_sigkill_during_a_build_loses_nothing_and_the_next_build_finishes(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    run("build", str(corpus), "--store", str(tmp_path / "clean"), "--exports", str(tmp_path / "clean-ex"))
    clean = quads_by_graph(tmp_path / "clean")

    store, exports = tmp_path / "store", tmp_path / "ex"
    run("build", str(corpus / "00.txt"), "--store", str(store), "--exports", str(exports))
    before = (exports / "kg.ttl").read_bytes()
    build = [
        sys.executable,
        "-m",
        "kg",
        "build",
        str(corpus),
        "--store",
        str(store),
        "--exports",
        str(exports),
    ]
    child = subprocess.Popen(build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(5)  # models loaded, files being read (the whole build takes some 14 s here)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert (exports / "kg.ttl").read_bytes() == before  # the exports of the last build stand
    killed = quads_by_graph(store)  # the store opens
    opened = GraphStore(store, read_only=True)
    marked = {g for g in killed if opened.stored_state(NamedNode(g.strip("<>")))[0]}
    partial = {g for g in marked if g in clean and killed[g] != clean[g]}
    assert len(marked) < len(clean) and not partial, "the kill came too late, or a file is marked in part"

    run("build", str(corpus), "--store", str(store), "--exports", str(exports))
    assert quads_by_graph(store) == clean
