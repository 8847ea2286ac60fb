"""A rebuild costs what changed: one that changes nothing neither counts nor exports again."""

from __future__ import annotations

from conftest import build_pages, run

PAGES = {
    "a.txt": "## 青山市新建公路\n\n本报3月5日讯 青山市今年新建公路80公里。市长赵文斌出席开工仪式。\n",
    "b.txt": "## 白水县扩建学校\n\n本报3月6日讯 白水县今年扩建学校12所。县长钱立新到场。\n",
}


def mtimes(folder) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.name.startswith("kg.")}


def counts(output: str) -> str:
    """The summary line without its file counts and time: what the graph holds."""
    return output.splitlines()[-1].split(" in ")[0].split("), ")[1]


def test_a_rebuild_that_changes_nothing_writes_nothing_and_reports_the_same(tmp_path):
    store = build_pages(tmp_path, PAGES, "--workers", "1")
    exports = tmp_path / "exports"
    first = mtimes(exports)
    before = run(
        "build",
        str(tmp_path / "corpus"),
        "--store",
        str(tmp_path / "fresh"),
        "--exports",
        str(tmp_path / "e"),
    )
    again = run("build", str(tmp_path / "corpus"), "--store", store, "--exports", str(exports))
    assert "0 updated, 2 unchanged" in again.output
    assert mtimes(exports) == first
    assert counts(again.output) == counts(before.output) and counts(again.output).startswith("2 articles")


def test_a_change_or_a_missing_export_is_written_again(tmp_path):
    store = build_pages(tmp_path, PAGES, "--workers", "1")
    exports = tmp_path / "exports"
    (exports / "kg.gexf").unlink()
    run("build", str(tmp_path / "corpus"), "--store", store, "--exports", str(exports))
    assert (exports / "kg.gexf").is_file()
    (tmp_path / "corpus" / "b.txt").write_text(PAGES["b.txt"].replace("钱立新", "孙志远"), encoding="utf-8")
    result = run("build", str(tmp_path / "corpus"), "--store", store, "--exports", str(exports))
    assert "1 updated, 1 unchanged" in result.output
    for name in ("kg.ttl", "kg.graphml", "kg.gexf"):
        text = (exports / name).read_text(encoding="utf-8")
        assert "孙志远" in text and "钱立新" not in text


def test_exports_of_another_folder_are_written_though_nothing_changed(tmp_path):
    store = build_pages(tmp_path, PAGES, "--workers", "1")
    other = tmp_path / "other"
    run("build", str(tmp_path / "corpus"), "--store", store, "--exports", str(other))
    assert sorted(mtimes(other)) == ["kg.gexf", "kg.graphml", "kg.ttl"]
