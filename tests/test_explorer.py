"""The explorer in a real browser: headless Chromium (Debian's) driven by Playwright, against `kg serve`
started by the real CLI over the seeds' store. Each page's screenshot is kept in tests/output/."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_pages
from playwright.sync_api import Page, expect, sync_playwright
from serving import kg_serve

CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = Path(__file__).parent / "output"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(seeds_build, tmp_path_factory):
    log = tmp_path_factory.mktemp("explorer") / "serve.log"
    with kg_serve(seeds_build["store"], log=log) as base:
        yield base


@pytest.fixture()
def page(browser, site):
    """A page that records every request it makes outside the server."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15000)
    page.outside = []
    page.on("request", lambda r: r.url.startswith((site, "data:")) or page.outside.append(r.url))
    yield page
    assert page.outside == [], "the explorer fetched from outside the server"
    page.close()


def shot(page: Page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)


def test_search_groups_hits_by_type_and_opens_an_entity_with_its_graph_drawn(page, site):
    page.goto(site)
    page.fill("input[name=q]", "包头")
    page.click("header button")
    regions = page.locator('section.group[data-type="Region"]')
    expect(regions.locator("h2")).to_contain_text("地区 Region")
    expect(regions.locator(".count")).to_have_text(str(regions.locator("li").count()))
    expect(regions.locator("li", has_text="包头市")).to_have_text("包头市 （包头）")  # found by its alias
    expect(page.locator('section.group[data-type="Organization"] li').first).not_to_contain_text("（")
    shot(page, "search")
    regions.get_by_role("link", name="包头市", exact=True).click()
    expect(page.locator("h1")).to_contain_text("包头市")
    expect(page.locator(".aliases")).to_contain_text("包头")
    expect(page.locator(".hierarchy")).to_contain_text("内蒙古自治区 › 中国")
    expect(page.locator("table.figures tbody tr").first).to_be_visible()
    expect(page.locator(".mentions li .mention.t-Region").first).to_be_visible()
    page.wait_for_selector("#graph[data-drawn]")
    assert int(page.get_attribute("#graph", "data-drawn")) > 5
    painted = page.evaluate("""() => {
        let n = 0;
        for (const c of document.querySelectorAll('#graph canvas')) {
          const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        }
        return n;
    }""")
    assert painted > 1000, "the neighbourhood graph drew nothing"
    shot(page, "entity")


def test_a_person_shows_posts_and_a_click_on_a_graph_node_opens_it(page, site):
    page.goto(f"{site}/?q=孙绍骋")
    page.get_by_role("link", name="孙绍骋", exact=True).click()
    expect(page.locator("table.posts")).to_contain_text("自治区党委书记")
    page.wait_for_selector("#graph[data-drawn]")
    x, y, iri = page.evaluate("""() => {
        const box = document.getElementById('graph'), at = box.getBoundingClientRect();
        const node = box.cy.nodes('[!centre]').filter(n => n.data('type') === 'Post')[0];
        const p = node.renderedPosition();
        return [at.x + p.x, at.y + p.y, node.id()];
    }""")
    page.mouse.click(x, y)
    page.wait_for_url("**/entity?iri=*")
    expect(page.locator("h1 .badge")).to_contain_text("Post")
    assert page.evaluate("decodeURIComponent(location.search)") == f"?iri={iri}"


def test_an_article_shows_its_text_with_every_mention_highlighted_and_linked(page, site):
    page.goto(f"{site}/?q=包头市")
    page.get_by_role("link", name="包头市", exact=True).click()
    page.locator(".mentions li a[href^='/article']").first.click()
    expect(page.locator("article.source")).to_be_visible()
    marks = page.locator("article.source a.mention")
    assert marks.count() > 5
    kinds = set(page.eval_on_selector_all("article.source a.mention", "els => els.map(e => e.className)"))
    assert "mention t-Region" in kinds and len(kinds) >= 2
    expect(page.locator("article.source a.mention.t-Region", has_text="包头").first).to_have_attribute(
        "href", "/entity?iri=https%3A//w3id.org/zhnews-kg/id/region/150200"
    )
    shot(page, "article")


def test_a_saved_query_runs_in_one_click_and_shows_rows(page, site):
    page.goto(f"{site}/query")
    page.click("button.saved-query[data-name=posts_of_people]")
    rows = page.locator(".yasr tbody tr")
    expect(rows.first).to_be_visible(timeout=20000)
    expect(page.locator(".yasr tbody")).to_contain_text("孙绍骋")
    assert rows.count() > 10
    shot(page, "query")


HOSTILE = (
    "## 青山市<script>window.pwned = 1</script>新闻\n\n"
    '本报3月5日讯（记者 孙海燕）青山市市长赵文斌"onerror="window.pwned=2"出席<img src=x onerror="window.pwned=3">会议。\n'
)


def test_text_from_the_corpus_is_escaped_on_every_page(browser, tmp_path):
    store = build_pages(tmp_path, {"hostile.txt": HOSTILE})
    with kg_serve(Path(store), log=tmp_path / "serve.log") as base:
        page = browser.new_page()
        page.goto(f"{base}/?q=青山市<script")  # the extractor took 青山市<script for an organization
        page.get_by_role("link", name="青山市<script", exact=True).click()
        expect(page.locator("h1")).to_contain_text("青山市<script")
        page.wait_for_selector("#graph[data-drawn]")
        page.goto(f"{base}/?q=赵文斌")
        page.get_by_role("link", name="赵文斌", exact=True).click()
        expect(page.locator(".mentions")).to_contain_text('"onerror="window.pwned=2"')
        page.locator(".mentions li a[href^='/article']").first.click()
        expect(page.locator("h1")).to_contain_text("<script>window.pwned = 1</script>")
        expect(page.locator("article.source")).to_contain_text('<img src=x onerror="window.pwned=3">')
        assert page.locator("main img, main script").count() == 0
        assert page.evaluate("window.pwned") is None
        shot(page, "escaped")
        page.close()
