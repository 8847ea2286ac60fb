"""Stage 3 across the corpus: one IRI per real-world entity, on made-up multi-article corpora."""

import csv
from urllib.parse import quote

from conftest import build_pages, run

from kg.mentions.gazetteer import gazetteer

REGION = "https://w3id.org/zhnews-kg/id/region/"


def rows(store: str, sparql: str) -> list[str]:
    """The result rows, each as its values joined by commas."""
    lines = run("query", sparql, "--format", "csv", "--store", store).output.splitlines()
    return [",".join(row) for row in csv.reader(lines[1:])]


def test_a_region_in_short_and_full_form_across_files_is_one_node_minted_from_its_code(tmp_path):
    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）鄂尔多斯市今年新建公路80公里。\n",
            "b.txt": "本报3月6日讯（记者 刘晓明）鄂尔多斯今年新修公路60公里。\n",
        },
    )
    assert rows(store, "SELECT DISTINCT ?r WHERE { ?r a kg:Region ; skos:prefLabel '鄂尔多斯市'@zh }") == [
        REGION + "150600"
    ]
    # the hierarchy goes up to the province and the country
    chain = rows(
        store,
        f"SELECT DISTINCT ?l WHERE {{ <{REGION}150600> kg:partOf+ ?p . ?p skos:prefLabel ?l }} ORDER BY ?l",
    )
    assert chain == ["中国", "内蒙古自治区"]


def test_an_ambiguous_county_is_read_by_its_context_or_stays_unresolved():
    g = gazetteer()
    beijing, changchun, hohhot = g.lookup("北京市"), g.lookup("长春市"), g.lookup("呼和浩特市")
    assert g.resolve("朝阳区", [beijing]).code == "110105"
    assert g.resolve("朝阳区", [changchun]).code == "220104"
    assert g.resolve("朝阳区", [hohhot]) is None and g.resolve("朝阳区") is None
    assert g.resolve("吉林").level == "province"  # a province shared with a city is the province


def test_an_unresolved_county_is_no_division_in_the_graph(tmp_path):
    store = build_pages(tmp_path, {"a.txt": "本报3月5日讯（记者 孙海燕）呼和浩特市和朝阳区签订协议。\n"})
    assert rows(store, "SELECT ?r WHERE { ?r skos:prefLabel '朝阳区'@zh }") == [
        REGION + "%E6%9C%9D%E9%98%B3%E5%8C%BA"
    ]
    assert rows(store, "SELECT ?c WHERE { ?r skos:prefLabel '朝阳区'@zh ; kg:gbCode ?c }") == []


def test_organizations_meet_across_the_home_region_prefix_and_short_forms(tmp_path):
    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）内蒙古自治区文化和旅游厅发布通知。包头市新建公路80公里。\n",
            "b.txt": "本报3月6日讯（记者 刘晓明）自治区文旅厅召开会议。赤峰市新建公路60公里。\n",
        },
    )
    assert rows(
        store, "SELECT DISTINCT ?l WHERE { ?o a kg:Organization ; skos:prefLabel ?l } ORDER BY ?l"
    ) == ["内蒙古自治区文化和旅游厅"]
    assert sorted(rows(store, "SELECT DISTINCT ?l WHERE { ?o a kg:Organization ; skos:altLabel ?l }")) == [
        "自治区文旅厅"
    ]


def test_the_home_region_is_inferred_from_the_corpus_and_can_be_given(tmp_path):
    pages = {
        "a.txt": "本报3月5日讯（记者 孙海燕）赤峰市新建公路80公里，全区新建学校3所。\n",
        "b.txt": "本报3月6日讯（记者 刘晓明）包头市、通辽市新建学校3所。\n",
    }
    store = build_pages(tmp_path, pages)
    assert rows(store, "SELECT DISTINCT ?l WHERE { ?r skos:altLabel '全区'@zh ; skos:prefLabel ?l }") == [
        "内蒙古自治区"
    ]
    given = tmp_path / "given"
    given.mkdir()
    store = build_pages(given, pages, "--home-region", "广西壮族自治区")
    assert rows(store, "SELECT DISTINCT ?l WHERE { ?r skos:altLabel '全区'@zh ; skos:prefLabel ?l }") == [
        "广西壮族自治区"
    ]
    result = run(
        "build", str(given / "corpus"), "--store", str(given / "s2"), "--home-region", "包头", expect=1
    )
    assert "--home-region" in result.output and "province-level" in result.output


def test_a_body_named_inside_a_longer_name_is_its_parent_organization(tmp_path):
    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）包头市公安局交通管理支队发布通知。赤峰市新建公路80公里。\n",
            "b.txt": "本报3月6日讯（记者 刘晓明）包头市公安局召开会议。赤峰市新建公路60公里。\n",
        },
    )
    q = """SELECT DISTINCT ?parent (COUNT(DISTINCT ?g) AS ?files) WHERE {
             ?o skos:prefLabel '包头市公安局交通管理支队'@zh ; org:subOrganizationOf ?p . ?p skos:prefLabel ?parent .
             GRAPH ?g { ?m oa:hasBody ?p } } GROUP BY ?parent"""
    # one parent, the body both files name (a.txt inside the unit's name, as the guidelines have it)
    assert rows(store, q) == ["包头市公安局,2"]


def person(key: str) -> str:
    return "https://w3id.org/zhnews-kg/id/person/" + quote(key, safe="")


def people(store: str) -> list[str]:
    return sorted(set(rows(store, "SELECT ?p WHERE { ?p a kg:Person ; skos:prefLabel '王建国'@zh }")))


def test_a_person_in_one_body_across_files_is_one_and_namesakes_in_unrelated_bodies_stay_two(tmp_path):
    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）赤峰市林业局局长王建国介绍，全市新造林80万亩。\n",
            "b.txt": "本报3月6日讯（记者 刘晓明）赤峰市林业局局长王建国表示，今年将继续植树。\n",
            "c.txt": "本报3月7日讯（记者 李文）通辽市教育局局长王建国介绍，全市新建学校3所。\n",
        },
    )
    assert people(store) == [person("王建国（赤峰市林业局）"), person("王建国（通辽市教育局）")]
    files = rows(
        store,
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ <{person('王建国（赤峰市林业局）')}> a kg:Person }} }}",
    )
    assert files == ["2"]


def test_a_mention_with_no_post_joins_the_only_person_of_its_name_or_records_its_namesakes(tmp_path):
    one = {
        "a.txt": "本报3月5日讯（记者 孙海燕）赤峰市林业局局长王建国介绍，全市新造林80万亩。\n",
        "b.txt": "本报3月6日讯（记者 刘晓明）王建国在会上说，今年将继续植树。\n",
    }
    store = build_pages(tmp_path, one)
    assert people(store) == [person("王建国")]  # 王建国: one person, no namesake
    # a third file brings a namesake in another body: the earlier files are read again
    (tmp_path / "corpus" / "c.txt").write_text(
        "本报3月7日讯（记者 李文）通辽市教育局局长王建国介绍，全市新建学校3所。\n", encoding="utf-8"
    )
    result = run("build", str(tmp_path / "corpus"), "--store", store, "--exports", str(tmp_path / "exports"))
    assert "(3 updated" in result.output
    assert people(store) == [
        person("王建国"),
        person("王建国（赤峰市林业局）"),
        person("王建国（通辽市教育局）"),
    ]
    namesakes = rows(store, f"SELECT DISTINCT ?n WHERE {{ <{person('王建国')}> kg:namesake ?n }} ORDER BY ?n")
    assert namesakes == [person("王建国（赤峰市林业局）"), person("王建国（通辽市教育局）")]


def test_explain_shows_the_iri_names_hierarchy_mentions_and_why_they_merged(tmp_path):
    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）鄂尔多斯市今年新建公路80公里。\n",
            "b.txt": "本报3月6日讯（记者 刘晓明）鄂尔多斯今年新修公路60公里。\n",
        },
    )
    out = run("explain", "鄂尔多斯", "--store", store).output
    assert f"鄂尔多斯市 (Region) <{REGION}150600>" in out
    assert "also written: 鄂尔多斯" in out and "part of: 内蒙古自治区 > 中国" in out
    assert "mentioned 2 times in 2 file(s)" in out
    assert "1× 鄂尔多斯 is a name of 鄂尔多斯市 (GB/T 2260 150600)" in out
    assert "1× 鄂尔多斯市 is the official name (GB/T 2260 150600)" in out
    assert "a.txt:15-20  鄂尔多斯市" in out and "b.txt:15-19  鄂尔多斯" in out
    missing = run("explain", "不存在的机构", "--store", store, expect=1)
    assert "no entity is called '不存在的机构'" in missing.output


def test_an_anaphor_is_a_mention_of_its_antecedent_but_not_one_of_its_names(tmp_path):
    store = build_pages(
        tmp_path, {"a.txt": "本报3月5日讯（记者 孙海燕）鄂尔多斯市今年新建公路80公里。该市还新建学校3所。\n"}
    )
    q = (
        f"SELECT ?exact ?why WHERE {{ ?m oa:hasBody <{REGION}150600> ; kg:exact ?exact ; "
        "kg:resolution ?why } ORDER BY ?exact"
    )
    assert rows(store, q) == [
        "该市,该市 points back to 鄂尔多斯市, named before it in the article",
        "鄂尔多斯市,鄂尔多斯市 is the official name (GB/T 2260 150600)",
    ]
    assert rows(store, f"SELECT ?l WHERE {{ <{REGION}150600> skos:altLabel ?l }}") == []


def test_a_one_character_country_is_the_country_but_never_searched_for():
    g = gazetteer()
    assert g.resolve("美").name == "美国" and g.resolve("俄").name == "俄罗斯"
    assert g.find("中美签署协议") == [] and g.resolve("蒙") is None


def test_on_a_page_a_short_name_is_the_full_one_it_abbreviates(tmp_path):
    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）华远机械制造有限公司与赤峰市林业局签约。"
            "华远机械公司将投资5亿元，林业局负责协调用地。\n"
        },
    )
    q = (
        "SELECT ?l (GROUP_CONCAT(?a; separator='|') AS ?also) WHERE { "
        "?o a kg:Organization ; skos:prefLabel ?l . "
        "OPTIONAL { ?o skos:altLabel ?a } } GROUP BY ?l ORDER BY ?l"
    )
    assert rows(store, q) == ["华远机械制造有限公司,华远机械公司", "赤峰市林业局,林业局"]


def test_an_organ_named_by_its_level_alone_is_an_alias_of_the_one_named_in_full_or_nothing(tmp_path):
    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）赤峰市委召开会议。市委要求抓好落实。\n",
            "b.txt": "本报3月6日讯（记者 刘晓明）会上，县委要求抓好落实。赤峰市新建公路80公里。\n",
        },
    )
    q = (
        "SELECT ?l (GROUP_CONCAT(?a; separator='|') AS ?also) WHERE { "
        "?o a kg:Organization ; skos:prefLabel ?l . "
        "OPTIONAL { ?o skos:altLabel ?a } } GROUP BY ?l ORDER BY ?l"
    )
    assert rows(store, q) == ["赤峰市委,市委"]


def test_posts_in_bodies_of_one_region_are_one_person(tmp_path):
    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）赤峰市林业局局长王建国介绍，全市新造林80万亩。\n",
            "b.txt": "本报3月6日讯（记者 刘晓明）赤峰市人民政府副市长王建国表示，今年将继续植树。\n",
            "c.txt": "本报3月7日讯（记者 李文）通辽市教育局局长王建国介绍，全市新建学校3所。\n",
        },
    )
    assert people(store) == [person("王建国（赤峰市人民政府）"), person("王建国（通辽市教育局）")]


def test_a_post_is_in_the_body_its_role_names_even_when_the_page_names_it_nowhere_else(tmp_path):
    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）自治区党委副书记王建国、内蒙古文史专家李文、"
            "赤峰高新技术产业开发区党工委书记赵刚出席。赤峰市新建公路80公里。\n"
        },
    )
    q = (
        "SELECT DISTINCT ?who ?post ?body WHERE { ?m a org:Membership ; org:member/skos:prefLabel ?who ; "
        "rdfs:label ?post . OPTIONAL { ?m org:organization/skos:prefLabel ?body } } ORDER BY ?who"
    )
    assert rows(store, q) == [
        "孙海燕,记者,",
        "李文,内蒙古文史专家,",
        "王建国,自治区党委副书记,内蒙古自治区党委",
        "赵刚,赤峰高新技术产业开发区党工委书记,赤峰高新技术产业开发区党工委",
    ]


def test_who_is_who_does_not_depend_on_the_order_files_come_in(tmp_path):
    from pyoxigraph import Store

    pages = {
        "a.txt": "本报3月5日讯（记者 孙海燕）赤峰市林业局局长王建国介绍，全市新造林80万亩。\n",
        "b.txt": "本报3月6日讯（记者 刘晓明）王建国在会上说，今年将继续植树。\n",
        "c.txt": "本报3月7日讯（记者 李文）通辽市教育局局长王建国介绍，全市新建学校3所。\n",
    }
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in pages.items():
        (corpus / name).write_text(text, encoding="utf-8")

    def build(order: str) -> str:
        store = str(tmp_path / order)
        for name in order:  # one file a build
            run("build", str(corpus / f"{name}.txt"), "--store", store, "--exports", str(tmp_path / "e"))
        return store

    # a, c, b: b is read last, knowing its namesakes; c, b, a: b learns them afterwards, in place
    fresh, updated = build("acb"), build("cba")

    def quads(path):
        store = Store.read_only(path)
        return {str(q) for q in store.quads_for_pattern(None, None, None, None)}

    assert quads(fresh) == quads(updated)
    assert any("namesake" in q for q in quads(updated))


def test_extract_reads_the_home_region_words_against_the_region_given(tmp_path):
    import json

    page = tmp_path / "a.txt"
    page.write_text("本报3月5日讯（记者 孙海燕）全区新建公路80公里。\n", encoding="utf-8")
    run("extract", str(page), "--json-dir", str(tmp_path / "out"), "--home-region", "内蒙古自治区")
    found = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    assert {"type": "Region", "name": "内蒙古自治区", "aliases": ["全区"]} in found["entities"]
    assert found["figures"][0]["subject"] == "内蒙古自治区"
    run("extract", str(page), "--json-dir", str(tmp_path / "alone"))  # no region to refer to: none
    assert all(
        e["type"] != "Region" for e in json.loads((tmp_path / "alone" / "a.json").read_text())["entities"]
    )


def test_files_read_against_an_older_home_region_are_read_again(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "本报3月5日讯（记者 孙海燕）南宁市新建公路80公里，全区新建学校3所。\n", encoding="utf-8"
    )
    store = str(tmp_path / "store")
    run("build", str(corpus), "--store", store, "--exports", str(tmp_path / "e"))
    home = "SELECT DISTINCT ?l WHERE { ?r skos:altLabel '全区'@zh ; skos:prefLabel ?l }"
    assert rows(store, home) == ["广西壮族自治区"]
    for name, place in (("b.txt", "包头市"), ("c.txt", "赤峰市")):
        (corpus / name).write_text(
            f"本报3月6日讯（记者 刘晓明）{place}、通辽市新建学校3所。\n", encoding="utf-8"
        )
    assert (
        "(3 updated" in run("build", str(corpus), "--store", store, "--exports", str(tmp_path / "e")).output
    )
    assert rows(store, home) == ["内蒙古自治区"]


def test_explain_finds_an_entity_by_its_iri(tmp_path):
    store = build_pages(tmp_path, {"a.txt": "本报3月5日讯（记者 孙海燕）鄂尔多斯市今年新建公路80公里。\n"})
    out = run("explain", REGION + "150600", "--store", store).output
    assert out.startswith(f"鄂尔多斯市 (Region) <{REGION}150600>")
    assert "no entity" in run("explain", "not an iri", "--store", store, expect=1).output


def test_a_corpus_without_a_clear_home_region_lets_each_page_read_quanqu_against_its_own(tmp_path):
    pages = {
        f"{k}.txt": f"本报3月{k + 1}日讯（记者 孙海燕）{a}、{b}新建学校3所，全区新建公路80公里。\n"
        for k, (a, b) in enumerate([("南宁市", "柳州市"), ("包头市", "赤峰市"), ("拉萨市", "日喀则市")])
    }
    store = build_pages(tmp_path, pages)  # a national paper: no province holds half the places
    quanqu = "SELECT DISTINCT ?l WHERE { ?r skos:altLabel '全区'@zh ; skos:prefLabel ?l } ORDER BY ?l"
    assert rows(store, quanqu) == ["内蒙古自治区", "广西壮族自治区", "西藏自治区"]
    pages["3.txt"] = pages["4.txt"] = pages["5.txt"] = pages["1.txt"]  # now most pages are of one region
    (tmp_path / "again").mkdir()
    store = build_pages(tmp_path / "again", pages)
    assert rows(store, quanqu) == ["内蒙古自治区"]


def test_a_reader_would_reject_one_character_names_and_natural_features_as_regions():
    from kg.resolve import Entity, _plausible

    assert not _plausible(Entity("Person", "王", name="王"))
    assert not _plausible(Entity("Region", "南湖公园", name="南湖公园"))
    assert not _plausible(Entity("Region", "青龙河", name="青龙河"))
    assert _plausible(Entity("Region", "沅江", name="沅江"))  # the short name of 沅江市
    assert not _plausible(Entity("Region", "新华路", name="新华路"))  # streets are no Regions
    assert _plausible(Entity("Region", "新华街道", name="新华街道"))  # a subdistrict is
    assert _plausible(Entity("Organization", "青龙河水利局", name="青龙河水利局"))
    assert not _plausible(Entity("Project", "一座标准化厂房项目", name="一座标准化厂房项目"))
    assert not _plausible(Entity("Project", "一系列改造工程", name="一系列改造工程"))
    assert _plausible(Entity("Project", "青山市一号工程", name="青山市一号工程"))


def test_a_figure_about_a_park_keeps_its_words_as_subject_but_the_park_is_no_region(tmp_path):
    from kg.pipeline import document_json, process_file

    page = tmp_path / "a.txt"
    page.write_text("本报3月5日讯（记者 孙海燕）今年，南湖公园接待游客120万人次。\n", encoding="utf-8")
    doc = document_json(process_file(page))
    assert "南湖公园" not in {e["name"] for e in doc["entities"]}
    assert [f["subject"] for f in doc["figures"] if f["text"] == "120万人次"] == ["南湖公园"]
