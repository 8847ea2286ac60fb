"""Stage 2 rules and gazetteer on made-up sentences (no seed text)."""

from kg.articles import parse_page
from kg.mentions import extract_mentions
from kg.mentions.entities import (
    _inside_word,
    _place_before_common_words,
    _retype,
    _split_rolls,
    _trim,
    entity_spans,
)
from kg.mentions.gazetteer import gazetteer
from kg.mentions.ner import recognize
from kg.mentions.posts import roles_before, title_after
from kg.mentions.rules import rule_entities
from kg.source import read_source


def spans(text, kind=None):
    [found] = rule_entities([text])
    return [text[s:e] for s, e, t in found if kind is None or t == kind]


def test_gazetteer_full_and_short_names_with_codes_and_parents():
    g = gazetteer()
    assert g.lookup("包头").name == "包头市"
    place = g.lookup("呼和浩特市")
    assert place.code == "150100" and place.level == "prefecture"
    assert g.by_code(place.parent).name == "内蒙古自治区"
    assert g.lookup("蒙古国").level == "country"
    assert [m[2] for m in g.find("他从鄂尔多斯市来到赤峰")] == ["鄂尔多斯市", "赤峰"]


def test_title_then_name_gives_a_person():
    assert "王建国" in spans("会议由市委书记王建国主持。", "Person")


def test_region_plus_body_gives_an_organization():
    assert "赤峰市医疗保障局" in spans("赤峰市医疗保障局发布通知。", "Organization")


def test_name_ending_in_an_organization_word_needs_a_proper_word():
    assert "鑫泰源新材料科技有限公司" in spans("他在鑫泰源新材料科技有限公司工作。", "Organization")
    assert spans("国际贩毒集团被捣毁。", "Organization") == []  # generic words only


def test_full_names_from_the_dictionary_but_not_given_names_alone():
    assert "余秋雨" in spans("余秋雨在会上发言。", "Person")
    assert "志强" not in spans("赵志强来了。", "Person")


def test_word_plus_town_unit_gives_a_region():
    assert "红旗镇" in spans("他来到红旗镇调研。", "Region")
    assert "巴音宝力格嘎查" in spans("阿荣旗巴音宝力格嘎查的牧民", "Region")  # stops before the banner
    assert "赤峰综合保税区" in spans("赤峰综合保税区首单业务落地", "Region")  # a zone keeps its city
    assert spans("助力乡村振兴,建设示范性老年友好型社区", "Region") == []  # ordinary words


def test_roles_before_a_name_and_two_roles_joined_by_dun():
    text = "自治区党委副书记、自治区人民政府主席李国华讲话"
    roles = [text[s:e] for s, e in roles_before(text, text.index("李国华"))]
    assert roles == ["自治区党委副书记", "自治区人民政府主席"]
    text = "张立新局长说"
    assert text[slice(*title_after(text, 3))] == "局长"


def test_names_listed_with_dun_next_to_a_name_are_people(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("市长王建国、刘立新、陈海波、赵志强参加会议。\n", encoding="utf-8")
    found = extract_mentions(parse_page(read_source(path)), ["rules", "gazetteer"])
    people = {m.text for m in found.entities if m.type == "Person"}
    assert {"王建国", "刘立新", "陈海波", "赵志强"} <= people
    assert ("王建国", "市长") in {(p.person.text, p.role) for p in found.posts}


def test_country_names_from_iso_3166_and_cldr_and_runs_of_places_in_one_jieba_word():
    g = gazetteer()
    assert g.lookup("马拉维").level == "country" and g.lookup("美利坚合众国").level == "country"
    assert g.lookup("苏联").level == "country"  # ISO 3166-3, former countries
    assert g.lookup("欧盟") is None  # a body, not a place
    [found] = recognize(["中华人民共和国香港特别行政区成立。"], ["gazetteer"])
    assert [(c.start, c.end) for c in found] == [(0, 7), (7, 14)]


def test_a_roll_of_names_printed_run_together_is_cut_into_names():
    text = "出席名单：王建国刘立新陈海波（女）赵志强孙丽华。"
    # a recognizer found the first names glued together and the last two as one
    found = [(5, 11, "Person"), (11, 14, "Person"), (17, 23, "Person")]
    names = [text[s:e] for s, e, t in _split_rolls(text, found)]
    assert names == ["王建国", "刘立新", "陈海波", "赵志强", "孙丽华"]
    # persons with a word between them are not a roll
    text = "王建国会见刘立新。"
    assert _split_rolls(text, [(0, 3, "Person"), (5, 8, "Person")]) == [(0, 3, "Person"), (5, 8, "Person")]


def test_a_minority_name_with_a_dot_inside_a_roll():
    text = "委员：王建国阿不都·热合曼刘立新陈海波。"
    found = [(3, 9, "Person"), (10, 16, "Person"), (16, 19, "Person")]
    assert [text[s:e] for s, e, _ in _split_rolls(text, found)] == [
        "王建国",
        "阿不都·热合曼",
        "刘立新",
        "陈海波",
    ]


def test_a_person_ending_like_a_place_or_an_organ_is_retyped():
    assert _retype("莱克伍德县", "Person") == "Region"
    assert _retype("格林伍德公司", "Person") == "Organization"
    assert _retype("红山博物馆", "Region") == "Organization"
    assert _retype("王建国", "Person") == "Person"


def test_a_name_inside_an_idiom_is_no_person():
    text = "他们胡作非为。"
    assert [x for x in entity_spans([text], ["rules"])[0] if x[2] == "Person"] == []
    assert _inside_word(text, 2, 5, "Person")


def test_a_roll_ends_before_its_verb_and_prefers_names_known_from_the_page():
    text = "李建国刘立包明华张海参加"
    found = [(0, 3, "Person"), (3, 8, "Person"), (8, 10, "Person")]
    assert [text[s:e] for s, e, _ in _split_rolls(text, found)] == ["李建国", "刘立", "包明华", "张海"]
    # 刘立包 is named elsewhere on the page
    assert [text[s:e] for s, e, _ in _split_rolls(text, found, {"刘立包"})] == [
        "李建国",
        "刘立包",
        "明华",
        "张海",
    ]


def test_places_named_inside_a_project_are_entities_too():
    [found] = recognize(["兴安盟新能源产业园项目开工。"], ["projects", "gazetteer"])
    assert {(c.start, c.end, c.type) for c in found} == {(0, 11, "Project"), (0, 3, "Region")}


def test_merge_takes_the_longest_span_and_a_place_opening_an_organization_is_a_region_too():
    [found] = recognize(["赤峰市医疗保障局发布通知。"], ["rules", "gazetteer"])
    assert {(c.start, c.end, c.type) for c in found} == {(0, 8, "Organization"), (0, 3, "Region")}


def test_a_body_opening_a_unit_of_it_is_an_organization_of_its_own():
    text = "赤峰市人民政府办公室发布通知，白云矿业集团有限公司开工。"
    [found] = entity_spans([text], ["rules", "gazetteer"])
    names = {text[s:e] for s, e, t in found if t == "Organization"}
    assert {"赤峰市人民政府办公室", "赤峰市人民政府"} <= names
    assert "白云矿业集团" not in names  # a company's name is whole


def test_an_organization_that_is_only_a_place_and_common_words_is_the_place():
    text = "赤峰市电解铝产能达到100万吨，赤峰市足球队获胜。"
    assert _place_before_common_words(text, 0, 6) == 3  # 赤峰市 | 电解铝
    assert _place_before_common_words(text, 16, 22) is None  # 赤峰市足球队 is a team


def test_an_organization_loses_a_title_glued_to_it_but_keeps_its_own_last_character():
    text = "澳门日报社长李明说"
    assert text[: _trim(text, 0, 6, "Organization")] == "澳门日报社"
    text = "警备区政委王明说"
    assert text[: _trim(text, 0, 5, "Organization")] == "警备区"
    text = "英国驻华使节到场"
    assert text[: _trim(text, 0, 3, "Organization")] == "英国"


def test_name_then_title_gives_a_person():
    assert "王建国" in spans("王建国书记来到现场。", "Person")
    assert spans("党委书记讲话。", "Person") == []  # 党委 is a word, not a name


def test_a_role_in_apposition_and_the_title_it_ends_with():
    from kg.mentions.posts import role_word

    text = "公司总经理助理赵天宇介绍，项目进展顺利。"
    assert [text[s:e] for s, e in roles_before(text, 7)] == ["公司总经理助理"]
    assert role_word("自治区党委副书记") == "副书记" and role_word("北京市委书记") == "书记"
    assert role_word("内蒙古文史专家") == "专家" and role_word("志愿者") == "志愿者"


def test_memberships_have_the_title_as_role_and_the_role_as_written(tmp_path):
    from conftest import build_pages, run

    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）自治区党委副书记刘明华出席会议。\n",
            "b.txt": "本报3月6日讯（记者 孙海燕）北京市委副书记周文涛出席会议。\n",
        },
    )
    q = (
        "SELECT DISTINCT ?person ?written ?title WHERE { "
        "?m a org:Membership ; org:member/skos:prefLabel ?person ; "
        "rdfs:label ?written ; org:role ?r . ?r a org:Role ; skos:prefLabel ?title } ORDER BY ?person"
    )
    rows = run("query", q, "--format", "csv", "--store", store).output.split()
    assert rows[1:] == ["刘明华,自治区党委副书记,副书记", "周文涛,北京市委副书记,副书记", "孙海燕,记者,记者"]


def test_deputies_and_everyday_roles_are_posts(tmp_path):
    from kg.pipeline import document_json, process_file

    page = tmp_path / "a.txt"
    page.write_text(
        "本报3月5日讯（记者 孙海燕）“路修好了。”青山市市长王大成代表说。村支书李明远坦言，护林员赵小川也来了。\n",
        encoding="utf-8",
    )
    posts = {(p["person"], p["role"]) for p in document_json(process_file(page))["posts"]}
    assert {("王大成", "代表"), ("李明远", "村支书"), ("赵小川", "护林员")} <= posts
