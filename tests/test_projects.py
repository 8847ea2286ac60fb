"""The project recognizer (kg/mentions/projects.py): stretches of words ending in a project word, and
the learnt choice of a name among them, on made-up sentences."""

import json

from kg.mentions.projects import MODEL_PATH, ProjectModel, project_entities, stretches


def names(text, model=None):
    if model is None:
        [found] = project_entities([text])
        return [text[s:e] for s, e, _ in found]
    return [c.name for c in map(model.choose, stretches(text)) if c.start is not None]


def test_every_word_boundary_of_a_stretch_is_a_candidate_after_no_project():
    [candidates] = stretches("推进青山市风电制氢项目。")
    assert candidates[0].start is None and candidates[0].features == {"none": 1.0}
    offered = [c.name for c in candidates[1:]]
    assert offered[0] == "青山市风电制氢项目" and "风电制氢项目" in offered
    assert all(name.endswith("项目") for name in offered)


def test_the_weights_choose_the_start_or_no_project():
    text = "推进青山市风电制氢项目。"
    assert names(text, ProjectModel({"none": 1.0})) == []
    assert names(text, ProjectModel({"at_stretch_start": 1.0})) == ["青山市风电制氢项目"]
    assert names(text, ProjectModel({"span": 1.0, "dropped": 0.5, "short": -5.0})) == ["风电制氢项目"]


def test_the_shipped_model_takes_named_projects_and_quoted_campaigns():
    assert "白水县新材料产业园项目" in names("白水县新材料产业园项目开工建设。")
    found = names("开展“乡村振兴年”活动，实施“百村示范”工程。")
    assert "“百村示范”工程" in found and "乡村振兴年" in found


def test_the_shipped_model_leaves_out_counts_and_instructions():
    assert names("今年共有80个项目开工。") == []
    assert names("要确保重点项目按期完工，抓好项目建设。") == []


def test_the_shipped_model_records_its_data_and_scores_and_knows_the_features():
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    record = model["training"]
    assert record["data"]["training_articles"] == 80 and record["data"]["held_out_articles"] == 20
    scores = record["F1 (reachable stretches)"]["held_out"]
    assert scores["ranker"] > scores["rule"]
    texts = ("推进青山市风电制氢项目。", "开展“乡村振兴年”活动。")
    offered = {f for text in texts for candidates in stretches(text) for c in candidates for f in c.features}
    assert {"none", "span", "dropped", "at_stretch_start", "campaign"} <= offered
