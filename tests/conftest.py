"""Shared fixtures: one real build of the bundled seeds into a temporary on-disk store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run(*args: str, expect: int = 0):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == expect, result.output
    return result


def build_pages(folder: Path, pages: dict[str, str], *options: str) -> str:
    """Write made-up pages into folder/corpus, build them (with `options`), return the store's path."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in pages.items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = str(folder / "store")
    run("build", str(corpus), "--store", store, "--exports", str(folder / "exports"), *options)
    return store


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> dict:
    """Build the seeds once: returns the store and export folders and the CLI summary line."""
    base = tmp_path_factory.mktemp("seeds")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    store, exports = base / "store", base / "exports"
    result = run("build", str(corpus), "--store", str(store), "--exports", str(exports))
    return {"corpus": corpus, "store": store, "exports": exports, "summary": result.output}


@pytest.fixture()
def page_file(tmp_path) -> Path:
    """A made-up newspaper page (names and numbers invented) with the quirks of real input."""
    text = (
        "## 青山市新能源产业提速发展\n\n"
        "本报青山3月5日电（记者 刘晓明 通讯员 陈立华）3月4日，青山市召开新能源产业推进会。"
        "自治区党委常委、青山市委书记赵文斌出席会议并讲话。2024年，青山市新能源装机容量达到350万千瓦，\n\n"
        "同比增长12.5%。■下转第2版\n\n"
        "会议指出，要加快推进绿能科技集团风电制氢项目建设，该项目总投资28亿元。\n\n"
        "会议指出，要加快推进绿能科技集团风电制氢项目建设，该项目总投资28亿元。\n\n"
        "## 古城镇文化节开幕\n\n"
        "本报3月5日讯（记者 孙海燕）3月5日，第十九届古城镇文化节开幕，吸引游客3.2万人次。\n\n"
        "本报记者 孙海燕 摄\n"
    )
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return path
