"""The figure-subject ranker (kg/mentions/subjects.py) on made-up pages."""

import json

from kg.articles import parse_page
from kg.mentions import extract_mentions
from kg.mentions.subjects import MODEL_PATH, SubjectModel, article_figure_contexts, page_figures
from kg.source import read_source


def page_of(tmp_path, text):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    page = parse_page(read_source(path))
    return page, extract_mentions(page)


def chosen(tmp_path, text, model=None):
    page, found = page_of(tmp_path, text)
    return {f.text: f.subject and f.subject.text for f in page_figures(page, found.entities, model)}


def test_a_name_opening_the_clause_is_the_subject_whatever_the_weights(tmp_path):
    page = "青山市今年新增就业岗位1.2万个。\n"
    assert chosen(tmp_path, page, SubjectModel({"none": 10.0})) == {"1.2万个": "青山市"}


def test_a_national_clause_without_a_name_has_no_subject(tmp_path):
    page = "青山市今年新建公路80公里。去年全国粮食总产量达到6.5亿吨。\n"
    assert chosen(tmp_path, page, SubjectModel({"type_Region": 10.0}))["6.5亿吨"] is None


def test_otherwise_the_weights_decide_between_an_earlier_name_and_none(tmp_path):
    page = "青山市今年新建公路80公里。新增岗位1.2万个。\n"
    assert chosen(tmp_path, page, SubjectModel({"none": 1.0}))["1.2万个"] is None
    assert chosen(tmp_path, page, SubjectModel({"type_Region": 1.0}))["1.2万个"] == "青山市"
    assert chosen(tmp_path, page)["1.2万个"] == "青山市"  # the shipped model: the name runs on


def test_the_dateline_place_and_names_that_only_modify_are_no_candidates(tmp_path):
    page = "本报北京3月5日电 青山市今年新建公路80公里。接待来自白水县的游客300万人次。\n"
    page, found = page_of(tmp_path, page)
    (contexts,) = list(article_figure_contexts(page, found.entities))
    names = [{c.mention.text for c in ctx.candidates if c.mention} for ctx in contexts]
    assert names == [{"青山市"}, {"青山市"}]
    assert all(ctx.candidates[0].mention is None for ctx in contexts)  # "no subject" is always one


def test_the_shipped_model_records_its_data_and_scores_and_knows_the_features(tmp_path):
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    record = model["training"]
    assert record["data"]["training_articles"] == 80 and record["data"]["held_out_articles"] == 20
    scores = record["accuracy (reachable figures)"]["held_out"]
    assert scores["ranker"] > scores["rule"]
    page, found = page_of(
        tmp_path,
        "青山市今年新建公路80公里。华远机械有限公司营业收入达到50亿元。"
        "村民李大山今年68岁，种植果树3年，年收入3万元。\n",
    )
    features = {
        f
        for ctx in next(article_figure_contexts(page, found.entities))
        for c in ctx.candidates
        for f in c.features
    }
    assert set(model["weights"]) - {"type_Project"} <= features


def test_a_person_named_in_the_sentence_can_be_the_subject_never_a_person_named_before(tmp_path):
    page = "青山市红旗村是果树之乡。村民李大山今年68岁。全村去年种植果树3000亩。\n"
    assert chosen(tmp_path, page)["68岁"] == "李大山"  # an age is a person's
    page, found = page_of(tmp_path, page)
    (contexts,) = list(article_figure_contexts(page, found.entities))
    later = {c.mention.text for c in contexts[-1].candidates if c.mention}
    assert "李大山" not in later and "青山市" in later
