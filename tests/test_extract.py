"""kg extract: one JSON per input in the evaluation guidelines' format."""

import json

from conftest import SEEDS, run


def test_extract_writes_guideline_json(tmp_path, page_file):
    run("extract", str(page_file), "--json-dir", str(tmp_path / "out"))
    doc = json.loads((tmp_path / "out" / "page.json").read_text(encoding="utf-8"))
    assert doc["doc"] == "page.txt"
    people = {e["name"] for e in doc["entities"] if e["type"] == "Person"}
    assert {"刘晓明", "陈立华", "孙海燕"} <= people
    assert {"person": "刘晓明", "role": "记者"} in doc["posts"]
    figure = next(f for f in doc["figures"] if f["text"] == "350万千瓦")
    assert figure["value"] == 3500000 and figure["unit"] == "千瓦" and figure["period"] == "2024年"
    assert all(set(e) <= {"type", "name", "aliases"} for e in doc["entities"])


def test_plain_sentences_one_per_line(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("李建华在赤峰市考察工作\n刘丽萍是通辽市的教师\n", encoding="utf-8")
    run("extract", str(path), "--json-dir", str(tmp_path / "out"))
    doc = json.loads((tmp_path / "out" / "plain.json").read_text(encoding="utf-8"))
    regions = {e["name"] for e in doc["entities"] if e["type"] == "Region"}
    assert {"赤峰市", "通辽市"} <= regions


def test_extract_all_seeds(tmp_path):
    run("extract", str(SEEDS), "--json-dir", str(tmp_path))
    assert len(list(tmp_path.glob("*.json"))) == 5


def test_bad_file_is_named_and_others_still_extracted(tmp_path, page_file):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    result = run("extract", str(bad), str(page_file), "--json-dir", str(tmp_path / "out"), expect=1)
    assert "bad.txt" in result.output
    assert (tmp_path / "out" / "page.json").exists()


def subjects(folder, text: str) -> dict[str, str]:
    """Extract a made-up page; each figure's text -> its subject."""
    path = folder / "page.txt"
    path.write_text(text, encoding="utf-8")
    run("extract", str(path), "--json-dir", str(folder / "out"))
    figures = json.loads((folder / "out" / "page.json").read_text(encoding="utf-8"))["figures"]
    return {f["text"]: f["subject"] for f in figures}


def test_a_figure_without_a_name_before_it_keeps_the_running_subject(tmp_path):
    found = subjects(
        tmp_path,
        "本报3月5日讯（记者 孙海燕）赤峰市地区生产总值达到2000亿元。增长6.5%，高于通辽市1个百分点。\n",
    )
    assert found["2000亿元"] == found["6.5%"] == "赤峰市"


def test_what_a_figure_counts_or_where_it_happened_is_not_its_subject(tmp_path):
    page = "本报3月5日讯（记者 孙海燕）赤峰市确定松山区、宁城县等5个旗县区为试点。自治区级示范企业新增12家。在宁城县新建公路80公里。\n"
    assert subjects(tmp_path, page) == {"5个": "赤峰市", "12家": "赤峰市", "80公里": "赤峰市"}


def test_the_subject_is_a_name_that_opens_a_clause_and_it_runs_on(tmp_path):
    assert subjects(
        tmp_path,
        "本报3月5日讯（记者 孙海燕）赤峰市地区生产总值达到2000亿元。全年接待来自通辽市的游客300万人次。"
        "增长5.5%。锡林郭勒盟，接待游客200万人次。增长3%。\n",
    ) == {
        "2000亿元": "赤峰市",
        "300万人次": "赤峰市",
        "5.5%": "赤峰市",
        "200万人次": "锡林郭勒盟",
        "3%": "锡林郭勒盟",
    }


def test_an_anaphor_stands_for_the_last_name_of_its_kind(tmp_path):
    assert subjects(
        tmp_path,
        "本报3月5日讯（记者 孙海燕）赤峰市新建公路80公里。园区里，华远机械有限公司正在扩产。"
        "该公司今年营业收入达到50亿元。\n",
    ) == {"80公里": "赤峰市", "50亿元": "华远机械有限公司"}


def test_the_nearest_clause_subject_before_a_figure_is_its_subject(tmp_path):
    page = "本报3月5日讯（记者 孙海燕）赤峰市新增企业60户，松山区占12户。通辽市争取到奖励资金、补助资金等500万元。\n"
    assert subjects(tmp_path, page) == {"60户": "赤峰市", "12户": "松山区", "500万元": "通辽市"}


def test_an_interview_is_about_the_body_of_the_person_interviewed(tmp_path):
    page = (
        "## 在推动高质量发展上展现更大作为\n\n——访赤峰高新技术产业开发区党工委书记赵刚\n\n"
        "“今年规上工业总产值完成300亿元，新增高新技术企业20家。”\n"
    )
    assert subjects(tmp_path, page) == {
        "300亿元": "赤峰高新技术产业开发区党工委",
        "20家": "赤峰高新技术产业开发区党工委",
    }


def test_a_national_figure_has_no_regional_subject_and_a_dateline_place_is_no_subject(tmp_path):
    page = "本报北京3月5日电（记者 孙海燕）去年全国粮食总产量达到6.5亿吨。青山市今年新增就业岗位1.2万个。\n"
    assert subjects(tmp_path, page) == {"6.5亿吨": None, "1.2万个": "青山市"}
