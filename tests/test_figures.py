"""Figures: values normalized from Arabic or Chinese numerals with 万/亿/千, units, indicators, periods."""

import json

import pytest

from kg.mentions.figures import chinese_number, find_figures


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("全市粮食产量达到651万吨。", "651万吨", 6510000, "吨"),
        ("项目总投资超1.3亿元。", "1.3亿元", 130000000, "元"),
        ("新增装机容量120万千瓦。", "120万千瓦", 1200000, "千瓦"),
        ("发电量5990.7亿千瓦时。", "5990.7亿千瓦时", 599070000000, "千瓦时"),
        ("收入同比增长4.6%。", "4.6%", 4.6, "%"),
        ("比上月提高0.6个百分点。", "0.6个百分点", 0.6, "个百分点"),
        ("共有十九个代表团参加。", "十九个", 19, "个"),
        ("累计收集意见1.1万余条。", "1.1万余条", 11000, "条"),
        ("产量居全国第二位。", "居全国第二位", 2, "位次"),
        ("全市常住人口六百五十一万人。", "六百五十一万人", 6510000, "人"),
        ("服务业占比百分之六点二。", "百分之六点二", 6.2, "%"),
        ("超级计算机运算速度达到每秒1.5亿亿次。", "1.5亿亿次", 1.5e16, "次"),
        ("合作社去年收入200多万元。", "200多万元", 2000000, "元"),  # 多 before 万
        ("他卖菜挣了30块钱。", "30块钱", 30, "元"),
        ("从县城到镇上要开10多个小时。", "10多个小时", 10, "小时"),
        ("当天新增确诊病例12例。", "12例", 12, "例"),
    ],
)
def test_values_and_units(sentence, text, value, unit):
    figures = find_figures(sentence)
    assert [(f.text, f.value, f.unit) for f in figures] == [(text, value, unit)]


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年12月24日召开会议。",
        "第十九届冰雪节开幕。",
        "详见第3版。",
        "党的二十大胜利召开。",
    ],
)
def test_dates_ordinals_and_pages_are_not_figures(sentence):
    assert find_figures(sentence) == []


def test_indicator_and_period():
    [figure] = find_figures("2024年1—11月,全市社会消费品零售总额达3909.1亿元。")
    assert figure.indicator == "社会消费品零售总额"  # whose it is is the figure's subject
    assert figure.period == "2024年1—11月"


@pytest.mark.parametrize(
    "sentence, text, ends, unit",
    [
        ("每亩能多收3到5斤。", "3到5斤", [3, 5], "斤"),
        ("蓄水池容量为5至6立方米。", "5至6立方米", [5, 6], "立方米"),
        ("全村养了两三千只鸭。", "两三千只", [2000, 3000], "只"),
        ("他家种了五六十亩果树。", "五六十亩", [50, 60], "亩"),
        ("老人在山里守了三四十年。", "三四十年", [30, 40], "年"),
        ("平时来七八家商户。", "七八家", [7, 8], "家"),
    ],
)
def test_a_range_is_two_figures_one_per_end(sentence, text, ends, unit):
    figures = find_figures(sentence)
    assert [(f.text, f.value, f.unit) for f in figures] == [(text, end, unit) for end in ends]


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("近1/3的农户加入了合作社。", "1/3", 33.3333, "%"),
        ("三分之一的耕地种上了玉米。", "三分之一", 33.3333, "%"),
        ("七成以上的村民住进新房。", "七成", 70, "%"),
        ("一半以上的游客来自外省。", "一半", 50, "%"),
        ("车程缩短到半小时。", "半小时", 0.5, "小时"),
        ("这里是全国第二大产区。", "第二大", 2, "位次"),
        ("该县粮食产量全省第一。", "全省第一", 1, "位次"),
    ],
)
def test_shares_halves_and_ranks_in_words(sentence, text, value, unit):
    assert [(f.text, f.value, f.unit) for f in find_figures(sentence)] == [(text, value, unit)]


@pytest.mark.parametrize(
    "sentence", ["上半年经济运行平稳。", "老人的另一半去世了。", "他是村里的第一书记。", "十年来一成不变。"]
)
def test_periods_idioms_and_titles_are_not_shares_or_ranks(sentence):
    assert find_figures(sentence) == []


def test_years_joined_by_a_dash_are_a_period_not_a_range():
    assert find_figures("2019-2020年，全镇面貌一新。") == []


def test_chinese_numerals():
    assert chinese_number("十九") == 19
    assert chinese_number("两百三十") == 230
    assert chinese_number("三千零五") == 3005
    assert chinese_number("abc") is None


def test_month_ranges_are_periods_not_figures():
    [figure] = find_figures("1—11月，全市进出口增长8.5%。")
    assert (figure.text, figure.period) == ("8.5%", "1—11月")
    [figure] = find_figures("前10个月累计完成投资26.8亿元。")
    assert (figure.text, figure.period) == ("26.8亿元", "前10个月")


def test_chinese_numerals_with_decimals():
    assert chinese_number("六点二") == 6.2
    assert chinese_number("十二点零五") == 12.05
    assert chinese_number("六点") is None


@pytest.mark.parametrize(
    "sentence, qualifier",
    [
        ("约50%的企业受益。", "approximately"),
        ("增速在30%左右。", "approximately"),
        ("总投资超200亿元。", "more than"),
        ("引进项目30余个。", "more than"),
        ("产量下降50%以上。", "more than"),
        ("近2000人参加。", "less than"),
        ("不到10%的家庭受影响。", "less than"),
        ("至少3个项目落地。", "at least"),
        ("总投资1.3亿元。", None),
    ],
)
def test_qualifiers(sentence, qualifier):
    [figure] = find_figures(sentence)
    assert figure.qualifier == qualifier


def test_a_qualifier_reaches_the_json_and_the_graph(tmp_path):
    from conftest import run

    page = tmp_path / "corpus" / "page.txt"
    page.parent.mkdir()
    page.write_text("青山市新闻\n本报讯 今年青山市引进项目30余个，总投资超200亿元。\n", encoding="utf-8")
    run("extract", str(page), "--json-dir", str(tmp_path / "json"))
    figures = json.loads((tmp_path / "json" / "page.json").read_text(encoding="utf-8"))["figures"]
    assert {(f["text"], f.get("qualifier")) for f in figures} >= {
        ("30余个", "more than"),
        ("200亿元", "more than"),
    }
    store = str(tmp_path / "store")
    run("build", str(page.parent), "--store", store, "--exports", str(tmp_path / "exports"))
    out = run(
        "query",
        "SELECT ?t WHERE { ?f kg:qualifier 'more than' ; kg:text ?t }",
        "--format",
        "csv",
        "--store",
        store,
    ).output
    assert "200亿元" in out and "30余个" in out
    out = run(
        "query",
        "SELECT ?m WHERE { ?f kg:text '200亿元'@zh ; sdmx-attribute:unitMult ?m }",
        "--format",
        "csv",
        "--store",
        store,
    ).output
    assert out.split() == ["m", "8"]


@pytest.mark.parametrize(
    "sentence, unit_mult",
    [
        ("总投资1.3亿元。", 8),
        ("招聘3.1万名员工。", 4),
        ("运算速度1.5亿亿次。", 16),
        ("完成投资230元。", 0),
    ],
)
def test_the_multiplier_is_kept_as_a_power_of_ten(sentence, unit_mult):
    [figure] = find_figures(sentence)
    assert figure.unit_mult == unit_mult


def test_indicators_line_up_without_whose_or_when():
    from kg.mentions.figures import indicator_key

    assert (
        indicator_key("全区社会消费品零售总额")
        == indicator_key("内蒙古社会消费品零售总额")
        == "社会消费品零售总额"
    )
    assert indicator_key("今年全市进出口") == "进出口"
    assert indicator_key("同比增长") == "同比增长"


def test_one_indicator_concept_across_pages(tmp_path):
    from conftest import build_pages, run

    store = build_pages(
        tmp_path,
        {
            "a.txt": "本报3月5日讯（记者 孙海燕）全市社会消费品零售总额达到120亿元。\n",
            "b.txt": "本报3月6日讯（记者 刘晓明）赤峰市社会消费品零售总额达到300亿元。\n",
        },
    )
    q = (
        "SELECT DISTINCT ?label WHERE { ?f kg:indicatorConcept ?c . "
        "?c a skos:Concept ; skos:prefLabel ?label }"
    )
    assert run("query", q, "--format", "csv", "--store", store).output.split() == [
        "label",
        "社会消费品零售总额",
    ]


def test_an_enumeration_of_figures_shares_its_indicator():
    figures = find_figures("铁路货物周转量在全区综合运输中的占比分别为37.5%和55.3%。")
    assert [f.indicator for f in figures] == ["铁路货物周转量在全区综合运输中的占比"] * 2


@pytest.mark.parametrize(
    "sentence, indicators",
    [
        ("出口值分别为26亿元、17.4亿元、15亿元。", ["出口值"] * 3),
        ("粮食产量90万吨，居全国第二位。", ["粮食产量"] * 2),
    ],
)
def test_a_figure_whose_clause_names_nothing_measures_what_the_one_before_does(sentence, indicators):
    assert [f.indicator for f in find_figures(sentence)] == indicators


@pytest.mark.parametrize(
    "sentence, indicators",
    [
        ("老人今年已经86岁。", ["年龄"]),  # an age is 年龄
        ("他的楼龄已有30岁。", ["他的楼龄"]),
        ("全村人均收入从3000元提高到8000元。", ["全村人均收入"] * 2),  # a change from one value to another
        ("全年查处违规案件56件78人。", ["查处违规案件"] * 2),  # nor is the figure before it
        ("他获得2万元启动资金。", ["启动资金"]),  # the words before name nothing: what follows is measured
    ],
)
def test_what_a_figure_measures(sentence, indicators):
    assert [f.indicator for f in find_figures(sentence)] == indicators


@pytest.mark.parametrize(
    "sentence, indicator",
    [
        ("今年新建32所中小学。", "中小学"),
        ("全市已有12家退税商店完成备案。", "退税商店"),  # a verb may open the counted noun
        ("计划两年改造企业120户以上。", "计划两年改造企业"),  # 以上 qualifies the count, it is not counted
    ],
)
def test_a_count_measures_the_thing_counted(sentence, indicator):
    assert find_figures(sentence)[-1].indicator == indicator


def test_small_counts_in_chinese_numerals_are_figures_when_they_are_whole_words():
    assert [(f.value, f.unit) for f in find_figures("他们乘坐两艘快艇，走了三天。")] == [(2, "艘"), (3, "天")]
    assert find_figures("七台河市的干部四处奔走，信心百倍。") == []
    assert find_figures("这是一座百年老店。") == []


def test_function_words_do_not_end_an_indicator():
    assert find_figures("平均降幅均在50%左右。")[0].indicator == "平均降幅"


def test_dated_pages_give_this_year_and_last_year_and_dated_posts(tmp_path):
    from conftest import build_pages, run

    store = build_pages(
        tmp_path,
        {
            "nmgrb_20241227_01.txt": "本报12月26日讯（记者 孙海燕）自治区党委书记王建国出席会议。"
            "今年赤峰市地区生产总值达到2000亿元，去年增长5%。\n"
        },
    )
    periods = run(
        "query",
        "SELECT ?p WHERE { ?f a kg:Figure ; sdmx-dimension:refPeriod ?p } ORDER BY ?p",
        "--format",
        "csv",
        "--store",
        store,
    ).output.split()[1:]
    assert periods == ["2023年", "2024年"]
    q = """SELECT ?published ?reported ?held WHERE {
             ?a a kg:Article ; schema:datePublished ?published ; schema:dateCreated ?reported .
             ?m a org:Membership ; rdfs:label "自治区党委书记"@zh ;
                org:memberDuring/time:inside/time:inXSDDate ?held }"""
    assert run("query", q, "--format", "csv", "--store", store).output.split()[1:] == [
        "2024-12-27,2024-12-26,2024-12-26"
    ]


@pytest.mark.parametrize(
    "sentence, bases",
    [
        ("零售总额3909.1亿元，同比增长3.4%，比1—8月加快0.2个百分点。", [None, "同比", "1—8月"]),
        ("增长4%，高于同期全国平均水平0.5个百分点。", [None, "全国"]),
        ("比上年增长5.2%。", ["上年"]),
        ("储量90万吨，居全国第二位，占全国总储量的38%。", [None, "全国", "全国"]),
    ],
)
def test_a_change_share_or_rank_keeps_its_base(sentence, bases):
    assert [f.base for f in find_figures(sentence)] == bases


def test_the_base_reaches_the_json_and_the_graph(tmp_path):
    from conftest import build_pages, run

    store = build_pages(
        tmp_path, {"a.txt": "本报3月5日讯（记者 孙海燕）赤峰市地区生产总值2000亿元，同比增长6.5%。\n"}
    )
    q = 'SELECT ?b WHERE { ?f kg:text "6.5%"@zh ; kg:base ?b }'
    assert run("query", q, "--format", "csv", "--store", store).output.split() == ["b", "同比"]
    run("extract", str(tmp_path / "corpus" / "a.txt"), "--json-dir", str(tmp_path / "json"))
    figures = json.loads((tmp_path / "json" / "a.json").read_text(encoding="utf-8"))["figures"]
    assert [f.get("base") for f in figures] == [None, "同比"]


@pytest.mark.parametrize(
    "sentence, indicator",
    [
        ("今年实现销售额381亿元。", "销售额"),  # verbs before what is measured
        ("已探明金、银、铋等战略性矿产24种。", "战略性矿产"),  # examples before 等
        ("投资增长11%，比1—8月提高0.6个百分点。", "比1—8月提高"),  # a period inside stays
        ("产能达到280万吨，占全国6.2%。", "占全国"),  # a share keeps what it is of
        ("画展将持续5个月。", "画展"),  # nor ends in words that govern a verb
        ("有15个边防哨所被点亮。", "边防哨所"),
    ],
)
def test_an_indicator_is_the_noun_phrase_measured(sentence, indicator):
    assert find_figures(sentence)[-1].indicator == indicator


def test_an_aside_in_brackets_does_not_cut_the_indicator():
    assert find_figures("划转社保基金(权益价值)累计达389.85亿元。")[0].indicator == "社保基金"


@pytest.mark.parametrize(
    "sentence, indicators",
    [
        ("小麦和玉米产量分别增长3.2%和1.5%。", ["小麦产量", "玉米产量"]),
        ("金、银资源储量分别达到12万吨、3万吨。", ["金资源储量", "银资源储量"]),
        (
            "服装类、家电类、建材类商品零售额分别增长5%、8%和2%。",
            ["服装类商品零售额", "家电类商品零售额", "建材类商品零售额"],
        ),
    ],
)
def test_figures_taken_respectively_measure_each_thing_listed(sentence, indicators):
    assert [f.indicator for f in find_figures(sentence)] == indicators
