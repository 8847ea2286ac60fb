"""The shipped NER model and `kg eval ner`, on made-up sentences."""

import json

from conftest import run

from kg.mentions import entity_spans
from kg.mentions.ner import MODEL_DIR, default_pipeline


def test_shipped_model_loads_and_is_the_default():
    import spacy

    from kg.mentions import word_features  # noqa: F401  (the model's first component)

    nlp = spacy.load(MODEL_DIR)
    assert nlp.pipe_names == ["jieba_word_features", "tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "PRJ"}  # PRJ learnt from news_train
    assert "model" in default_pipeline()
    doc = nlp("国务院总理李强在北京会见了美国国务卿。")
    assert [t.text for t in doc][:3] == ["国", "务", "院"]  # one token per character
    assert [t.tag_ for t in doc][:3] == ["B-nt", "M-nt", "E-nt"]  # jieba word 国务院, an organization
    assert {(e.text, e.label_) for e in doc.ents} >= {("李强", "PER"), ("北京", "LOC")}
    recorded = json.loads((MODEL_DIR / "training.json").read_text(encoding="utf-8"))
    assert recorded["eval"]["pd_dev"]["micro"]["f"] > 0.9 and "--max-steps" in recorded["reproduce"]
    assert recorded["eval"]["news_dev"]["per_type"]["PRJ"]["tp"] > 0


def test_pipeline_finds_people_places_and_organizations():
    [spans] = entity_spans(["青海省人民政府副省长王立军和北京大学校长到西宁市考察。"])
    found = {("青海省人民政府副省长王立军和北京大学校长到西宁市考察。"[s:e], t) for s, e, t in spans}
    assert ("王立军", "Person") in found
    assert ("西宁市", "Region") in found
    assert ("北京大学", "Organization") in found


def test_eval_ner_scores_a_jsonl_corpus(tmp_path):
    corpus = tmp_path / "tiny.jsonl"
    lines = [
        {  # the graph's convention: the place opening the organization's name is an entity too
            "text": "赤峰市医疗保障局发布通知。",
            "entities": [{"type": "ORG", "start": 0, "end": 8}, {"type": "LOC", "start": 0, "end": 3}],
        },
        {"text": "他来到红旗镇调研。", "entities": [{"type": "LOC", "start": 3, "end": 6}]},
    ]
    corpus.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = run("eval", "ner", str(corpus), "--pipeline", "rules,gazetteer").output
    micro = next(line for line in out.splitlines() if line.startswith("micro"))
    assert micro.split()[1:4] == ["1.000", "1.000", "1.000"]
    assert "chars/s" in out


def test_eval_ner_as_files_scores_name_sets(tmp_path):
    corpus = tmp_path / "tiny.jsonl"
    lines = [
        {  # the graph's convention: the place opening the organization's name is an entity too
            "text": "赤峰市医疗保障局发布通知。",
            "entities": [{"type": "ORG", "start": 0, "end": 8}, {"type": "LOC", "start": 0, "end": 3}],
        },
        {"text": "他来到红旗镇调研。", "entities": [{"type": "LOC", "start": 3, "end": 6}]},
        {"text": "他又来到红旗镇。", "entities": [{"type": "LOC", "start": 4, "end": 7}]},
    ]
    corpus.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = run("eval", "ner", str(corpus), "--files", "50", "--pipeline", "rules,gazetteer").output
    micro = next(line for line in out.splitlines() if line.startswith("micro"))
    # three names: the organization, 赤峰市 in it, and 红旗镇 counted once per file
    assert micro.split()[1:5] == ["1.000", "1.000", "1.000", "3"]


def test_eval_ner_as_files_neither_requires_nor_penalizes_one_character_names_and_rivers(tmp_path):
    corpus = tmp_path / "tiny.jsonl"
    lines = [  # 中 of 中美 and the river: gold in the corpus, outside the guidelines' convention
        {"text": "中美两国在红旗镇会谈。", "entities": [{"type": "LOC", "start": 0, "end": 1},
                                             {"type": "LOC", "start": 5, "end": 8}]},
        {"text": "白鹭湖边游人如织。", "entities": [{"type": "LOC", "start": 0, "end": 3}]},
    ]  # fmt: skip
    corpus.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = run("eval", "ner", str(corpus), "--files", "50", "--pipeline", "rules,gazetteer").output
    loc = next(line for line in out.splitlines() if line.startswith("LOC"))
    assert loc.split()[3:5] == ["1.000", "1"]  # only 红旗镇 is required


def test_eval_ner_rejects_a_broken_corpus(tmp_path):
    corpus = tmp_path / "broken.jsonl"
    corpus.write_text('{"text": "北京"}\nnot json\n', encoding="utf-8")
    out = run("eval", "ner", str(corpus), expect=1).output
    assert "broken.jsonl:1" in out


def test_the_int8_tok2vec_gives_spacys_vectors_and_entities():
    import numpy
    import spacy

    from kg.mentions.ner import _load_model

    texts = [
        "国务院总理李强在北京会见了美国国务卿。",
        "",
        "新华社记者张明报道：红旗镇今年新建公路80公里。",
        "一",
    ]
    plain, fast = spacy.load(MODEL_DIR), _load_model()
    assert fast.get_pipe("tok2vec").model.name == "tok2vec-onnx"

    def vectors(nlp):
        docs = [nlp.get_pipe("jieba_word_features")(nlp.make_doc(t)) for t in texts]
        return nlp.get_pipe("tok2vec").predict(docs)

    for theirs, ours in zip(vectors(plain), vectors(fast), strict=True):
        assert theirs.shape == ours.shape  # an empty text among others keeps every vector in its place
        if len(theirs):  # components are about 2 in size; int8 rounding moves them by about 0.1 at most
            assert numpy.abs(theirs - ours).max() < 0.25

    def entities(nlp):
        return [[(e.text, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]

    assert entities(plain) == entities(fast)
    recorded = json.loads((MODEL_DIR / "tok2vec_onnx.json").read_text(encoding="utf-8"))
    assert recorded["float_graph_largest_difference_from_spacy"] < 1e-4
    assert recorded["peoples_daily_dev"]["agreement_f1_int8_vs_spacy"] > 0.99


def test_another_model_directory_is_chosen_by_its_path(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    page = tmp_path / "page.txt"
    page.write_text("国务院总理李强在北京会见了美国国务卿。\n", encoding="utf-8")
    other = tmp_path / "retrained"  # as a retrained model would be: its own record, no tok2vec.onnx
    shutil.copytree(MODEL_DIR, other, ignore=shutil.ignore_patterns("tok2vec.onnx", "tok2vec_onnx.json"))
    record = json.loads((other / "training.json").read_text(encoding="utf-8"))
    (other / "training.json").write_text(json.dumps({**record, "note": "retrained"}), encoding="utf-8")
    env = {**os.environ, "KG_NER_MODEL": str(other)}
    code = "from kg.pipeline import MODEL_DIR, extractor_signature; print(MODEL_DIR, extractor_signature())"

    def chosen(environment):
        return subprocess.run(
            [sys.executable, "-c", code], env=environment, capture_output=True, text=True
        ).stdout.split()

    theirs, default = chosen(env), chosen({k: v for k, v in os.environ.items() if k != "KG_NER_MODEL"})
    assert theirs[0] == str(other) and default[0] == str(MODEL_DIR)
    assert theirs[1] != default[1]  # a rebuild with the other model extracts again
    subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(page), "--json-dir", str(tmp_path / "out")],
        env=env,
        check=True,
    )
    found = json.loads((tmp_path / "out" / "page.json").read_text(encoding="utf-8"))
    assert {"type": "Person", "name": "李强"} in [
        {k: e[k] for k in ("type", "name")} for e in found["entities"]
    ]


def test_a_name_never_runs_across_a_clause():
    from kg.mentions.entities import _plausible

    assert not _plausible("锡林郭勒盟，接待游客200万人次", "Project")
    assert not _plausible("青山市、白水县", "Region")
    assert _plausible("青山市光伏产业园", "Region")


def test_a_known_body_is_found_whole_and_inside_a_longer_name_but_not_inside_a_word():
    texts = [
        "白水县代表团审议了全国人大常委会工作报告。",
        "青山银行业协会与中国移动签约。",
        "中国银行业协会成立。",
    ]
    found = [{(t[s:e], k) for s, e, k in spans} for t, spans in zip(texts, entity_spans(texts))]
    assert ("全国人大常委会", "Organization") in found[0]
    assert ("中国移动", "Organization") in found[1] and ("中国", "Region") not in found[1]
    assert ("中国银行", "Organization") not in found[2]


def test_a_known_body_named_inside_an_organization_is_one_of_its_own():
    text = "十三届全国人大二次会议白水代表团举行全体会议。"
    [spans] = entity_spans([text])
    names = {text[s:e] for s, e, k in spans if k == "Organization"}
    assert "全国人大" in names and any(len(n) > len("全国人大") and "全国人大" in n for n in names)


def test_a_known_body_that_opens_a_longer_organization_stays_a_name_of_its_own():
    text = "中国石油兰州石化公司党委书记王建国说。"
    [spans] = entity_spans([text])
    names = {text[s:e] for s, e, k in spans if k == "Organization"}
    assert "中国石油" in names and any(n.startswith("中国石油") and len(n) > 4 for n in names)
