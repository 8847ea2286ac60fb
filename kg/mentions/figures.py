"""Figures: a number with a unit that measures something (value, unit, indicator, period).

Values are normalized to the base unit of the written unit's family: 万 = 1e4, 亿 = 1e8,
千 = 1e3 (but 千瓦/千克/千米 are units of their own); percentages stay in percent; Chinese
numerals are converted. Calendar dates, ordinals that name an event, page numbers and codes
are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .gazetteer import gazetteer
from .segment import dictionary_tag, words

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
_LARGE_MULTIPLIERS = {"万亿": Decimal(10) ** 12, "亿亿": Decimal(10) ** 16}  # 亿亿次: computing speed
_POWERS = {"百": 2, "千": 3, "万": 4, "亿": 8, "万亿": 12, "亿亿": 16}

# Longest first, so 千瓦时 wins over 千瓦 and 平方公里 over 公里.
_UNITS = sorted(
    """
吨 元 美元 欧元 千瓦时 千瓦 兆瓦 吉瓦 瓦 度 人次 人 名 位 户 个 项 家 公里 平方公里 平方米 立方米 米 千米 亩 公顷
辆 台 套 座 所 条 件 次 支 种 批 批次 类 场 篇 部 架 艘 头 只 株 棵 间 千克 公斤 克 厘米 毫米 标准箱 吨公里 人公里
岁 倍 处 栋 份 张 块 列 班 趟 吨标准煤 标准煤 P PB TB 床 盏 把 册 本 首 幅 款 枚 元/吨 克/吨 % 旗 县
斤 例 起 轮 组 盆 袋 场次 摄氏度 ℃ 微克/立方米 块钱 个小时
个月 天 小时 分钟 秒 周 年
个百分点 百分点
""".split(),
    key=len,
    reverse=True,
)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS)
_UNIT_NAMES = {
    "百分点": "个百分点",
    "块钱": "元",
    "℃": "摄氏度",
    "个小时": "小时",
}  # as the guidelines' units are written
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
# An Arabic range (3到5斤, 5至6立方米, 3-5年) is two figures with one unit: `low` is its first end.
_NUMBER = rf"(?:(?P<low>{_ARABIC})(?:到|至|~|～|-|－|—))?(?P<num>{_ARABIC}|[零〇一二两三四五六七八九十百千]+)"
_FIGURE = re.compile(
    rf"{_NUMBER}(?P<approx_before>余|多)?(?P<mult>万亿|亿亿|亿|万|千(?!瓦|克|米|安|伏)|百(?!分))?(?P<approx>余|多)?"
    rf"(?P<unit>{_UNIT_RE})"
)
# A range of neighbouring Chinese digits: 两三千 (2000, 3000), 五六十 (50, 60), 七八 (7, 8), 十七八 (17, 18).
_CHINESE_RANGE = re.compile(
    r"(?P<tens>十)?(?P<a>[一两二三四五六七八九])(?P<b>[两二三四五六七八九])(?P<place>[十百千])?"
)
_PLACES_RANKED = r"全国|全区|全省|全市|全球|世界"
_RANK = re.compile(
    rf"(?:(?:居|位居|位列|排名|排在|排|列)(?:{_PLACES_RANKED}|同类\w{{0,2}})?|{_PLACES_RANKED})"
    r"第(?P<num>\d+|[一二三四五六七八九十]+)(?:位|名)?(?![一二三四五六七八九十\d大])"
    r"|第(?P<num_large>\d+|[一二三四五六七八九十]+)大(?=[\u4e00-\u9fff])"  # 第二大城市, 第一大贸易伙伴
)
# Percentages in words: 百分之六点二, 百分之30.
_PERCENT_IN_WORDS = re.compile(
    r"百分之(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)"
)
# Shares written as a fraction (1/3), in tenths (七成, 两三成) or as a half (一半, 过半).
_FRACTION = re.compile(
    r"(?<![\d/.])(?P<a>\d+)/(?P<b>\d+)(?![\d/])"
    r"|(?!百分之)(?P<b_words>\d+|[一二两三四五六七八九十百千]+)分之(?P<a_words>\d+|[一二两三四五六七八九十]+)"
)
_TENTHS = re.compile(r"(?P<num>[二两三四五六七八九]{1,2})成(?!为|员)")
_HALF_OF = re.compile(r"(?<!另)(?:一半|过半|近半)")
# Half a year, an hour, a day, a month; not 上半年/下半年 (periods) nor 大半年/多半 (vague).
_HALF = re.compile(r"(?<![上下前后大多])半(?P<unit>年|个小时|小时|天|个月)")


# Numbers followed by these are dates, ordinals, codes or page references, not figures.
_NOT_AFTER = re.compile(r"^(?:月|日|时|届|版|号|期|季度|周年|世纪|级|型|次会议|次全会)")
# A year count (5年, 29年) is a duration; a year with 4 digits or followed by these is a date or period.
_NOT_AFTER_YEAR = re.compile(r"^(?:来|前|后|以来|底|初|末|度|代|级|内|间|中|起|至|—|-|\d)")
_NOT_BEFORE = re.compile(r"(?:第|No\.|编号|代码)$")
_CLAUSE_BREAK = re.compile(r"[,，;；:：、。!！?？()（）“”\"]")
_FILLERS = re.compile(
    r"(?:达到|达|为|超过|超|约|近|逾|共|累计|总计|合计|突破|实现|完成|是|有|了|至|到|增至|降至|分别|均|已|将|占"
    r"|以上|左右|同比|下降|增长|的|在|从|被|还|不|可|更是|等|正以|以|原来的|至少|不少于|不到|不足)+$"
)
_PERIOD = re.compile(
    r"(?:截至|截止)?(?:\d{4}年(?:\d{1,2}(?:—|-|－|至)\d{1,2}月|\d{1,2}月(?:份)?|前三季度|上半年|下半年|一季度|底|末)?"
    r"|\d{1,2}(?:—|-|－|至)\d{1,2}月|前\d{1,2}个月|前[一二三四五六七八九十]{1,2}个月"
    r"|前三季度|上半年|下半年|一季度|今年以来|今年|去年|目前|截至目前|\d+年来|近\d+年|\d{4}年以来)"
)


@dataclass(frozen=True)
class FigureMatch:
    text: str
    value: float
    unit: str
    indicator: str | None
    period: str | None
    start: int  # within the sentence text
    end: int
    qualifier: str | None = None  # approximately, more than, less than, at least
    unit_mult: int = 0  # the power of ten the text wrote with the unit: 4 for 万, 8 for 亿
    base: str | None = None  # what a change or share is against: 同比, 上年, 全国, 1—8月


def chinese_number(text: str) -> float | None:
    """十九 -> 19, 两百 -> 200, 三 -> 3, 六点二 -> 6.2; None if `text` is not a Chinese numeral."""
    if "点" in text:
        whole, _, fraction = text.partition("点")
        integer = chinese_number(whole)
        if integer is None or not fraction or any(ch not in _CN_DIGITS for ch in fraction):
            return None
        return float(Decimal(int(integer)) + Decimal("0." + "".join(str(_CN_DIGITS[ch]) for ch in fraction)))
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch] if digit is None else digit * 10 + _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return float(total + (digit or 0))


def chinese_range(text: str) -> tuple[float, float] | None:
    """两三千 -> (2000, 3000), 五六十 -> (50, 60), 十七八 -> (17, 18); None if `text` is not such a range."""
    r = _CHINESE_RANGE.fullmatch(text)
    if not r or _CN_DIGITS[r["b"]] != _CN_DIGITS[r["a"]] + 1 or (r["tens"] and r["place"]):
        return None
    base, place = (10 if r["tens"] else 0), _CN_UNITS.get(r["place"] or "", 1)
    return float(base + _CN_DIGITS[r["a"]] * place), float(base + _CN_DIGITS[r["b"]] * place)


def _written_values(m: re.Match) -> list[float]:
    """The values a figure writes: one, or the two ends of a range (3到5斤, 两三千只)."""
    if m["low"]:
        ends = [parse_number(m["low"]), parse_number(m["num"])]
    else:
        ends = list(chinese_range(m["num"]) or [parse_number(m["num"])])
    return [] if None in ends else ends


def parse_number(text: str) -> float | None:
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return chinese_number(text)


def find_figures(sentence: str) -> list[FigureMatch]:
    out = []
    for m in _FIGURE.finditer(sentence):
        if _skip(sentence, m):
            continue
        unit = _UNIT_NAMES.get(m["unit"], m["unit"])
        for value in _written_values(m):
            out.append(
                _figure(
                    sentence,
                    m.group(),
                    _scaled(value, m["mult"]),
                    unit,
                    m.start(),
                    m.end(),
                    m["approx"] or m["approx_before"],
                    _POWERS.get(m["mult"] or "", 0),
                )
            )
    for pattern, unit, values in _WORDED:
        for m in pattern.finditer(sentence):
            for value in values(m):
                written = unit or _UNIT_NAMES.get(m["unit"], m["unit"])
                out.append(_figure(sentence, m.group(), value, written, m.start(), m.end()))
    out.sort(key=lambda f: f.start)
    # A figure whose clause names nothing measures what the figure before it does: 进口值分别为
    # 35.1亿元、[21.9亿元]; 储量90万吨，[居全国第二位].
    for k in range(1, len(out)):
        if out[k].indicator is None and out[k - 1].indicator:
            out[k] = replace(out[k], indicator=out[k - 1].indicator)
    return _respectively(sentence, out)


def _fraction(m: re.Match) -> list[float]:
    a, b = parse_number(m["a"] or m["a_words"]), parse_number(m["b"] or m["b_words"])
    return [round(100 * a / b, 4)] if a and b and a < b else []


def _ends(m: re.Match, group: str = "num", scale: float = 1) -> list[float]:
    """The values of a Chinese or Arabic number, or of the two ends of a Chinese range, times `scale`."""
    ends = chinese_range(m[group]) or [parse_number(m[group])]
    return [value * scale for value in ends if value is not None]


# Figures written in words: (pattern, unit or None for the pattern's own `unit`, values of a match).
_WORDED = (
    (_PERCENT_IN_WORDS, "%", _ends),
    (_RANK, "位次", lambda m: _ends(m, "num" if m["num"] else "num_large")),
    (_FRACTION, "%", _fraction),
    (_TENTHS, "%", lambda m: _ends(m, scale=10)),
    (_HALF_OF, "%", lambda m: [50.0]),
    (_HALF, None, lambda m: [0.5]),
)


def _respectively(sentence: str, figures: list[FigureMatch]) -> list[FigureMatch]:
    """A list of things that 分别 (respectively) takes a list of figures: 稀土化合物和多晶硅产量分别
    增长2.4倍和1.2倍 -> 稀土化合物产量 2.4倍, 多晶硅产量 1.2倍."""
    out, k = list(figures), 0
    while k < len(out):
        run = [k]
        while run[-1] + 1 < len(out) and _JOINED.fullmatch(
            sentence[out[run[-1]].end : out[run[-1] + 1].start]
        ):
            run.append(run[-1] + 1)
        clause = _LIST_CLAUSE.split(sentence[: out[k].start])[-1]
        if len(run) > 1 and "分别" in clause:
            named = _each(clause[: clause.index("分别")], len(run))
            for i, indicator in zip(run, named):
                out[i] = replace(out[i], indicator=_last_words(indicator_key(indicator), 20))
        k = run[-1] + 1
    return out


_JOINED = re.compile(r"[、和及与]|以及")
_LIST_CLAUSE = re.compile(r"[,，;；:：。!！?？()（）“”\"]")  # a clause, with its lists (、) in it


def _each(things: str, n: int) -> list[str]:
    """`n` things written as a list with what they share after the last one: 铋、镉资源储量 ->
    铋资源储量, 镉资源储量. The shared part starts after the character the other items end with
    (…用品类、…汽车类、通讯器材类[商品零售额]), else after the last item's first word."""
    items = re.split(r"[、和及与]", things)
    if len(items) != n or not all(items):
        return []
    last, end = items[-1], items[0][-1]
    if all(item.endswith(end) for item in items[:-1]) and end in last[:-1]:
        cut = last.index(end) + 1
    else:
        cut = words(last)[0][1]
    shared = last[cut:]
    return [item + shared for item in items[:-1]] + [last] if shared else []


def _skip(sentence: str, m: re.Match) -> bool:
    num = m["num"]
    if not num[0].isdigit():
        # Chinese numerals: only counts above one, and whole words (乘坐两艘快艇; not 七台河, 千家万户)
        if num in ("一", "十") or len(num) > 8 or (chinese_number(num) is None and not chinese_range(num)):
            return True
        if not _whole_words(sentence, m.start(), m.end()) or m.group() in _NOT_COUNTS:
            return True
        if num in ("零", "〇", "百", "千") and m["unit"] == "年":  # 百年老店, 千年古城: an age, not a count
            return True
    if m.start() > 0 and (sentence[m.start() - 1].isdigit() or sentence[m.start() - 1] in ".-"):
        return True
    if _NOT_BEFORE.search(sentence[: m.start()]):
        return True
    unit = m["unit"]
    rest = sentence[m.end() :]
    if unit == "年" and (len(num) == 4 or _NOT_AFTER_YEAR.match(rest) or m["mult"]):
        return True
    if unit == "个月" and sentence[: m.start()].endswith("前"):  # 前11个月 is a period
        return True
    if unit in ("个", "次", "位", "名") and _NOT_AFTER.match(rest):
        return True
    if not num[0].isdigit() and rest.startswith("“"):  # 两个“确保”, 四个“全面”: slogans, not counts
        return True
    return bool(_NOT_AFTER.match(sentence[m.end("num") :])) and not m["mult"]


# Words written as a numeral and a measure word that count nothing: 四处 everywhere, 两头 both ends,
# 四起 on all sides, 零件 parts, 百倍 (信心百倍) a hundredfold.
_NOT_COUNTS = frozenset("四处 两头 四起 零件 百倍".split())


def _whole_words(sentence: str, start: int, end: int) -> bool:
    """The figure starts and ends at jieba's word boundaries: not 七台河, 千家万户, 一次性."""
    bounds = {s for s, _, _ in words(sentence)} | {len(sentence)}
    return start in bounds and end in bounds


def _scaled(value: float, multiplier: str | None) -> float:
    """value × 万/亿/千/百/万亿, in decimal arithmetic: 4853.1亿 is 485310000000, not …0.00006."""
    factor = (
        _LARGE_MULTIPLIERS[multiplier]
        if multiplier in _LARGE_MULTIPLIERS
        else Decimal(int(_MULTIPLIERS.get(multiplier or "", 1)))
    )
    return float(Decimal(repr(value)) * factor)


def _figure(
    sentence: str,
    text: str,
    value: float,
    unit: str,
    start: int,
    end: int,
    approx: str | None = None,
    unit_mult: int = 0,
) -> FigureMatch:
    indicator = _indicator(sentence, start)
    if unit in _COUNTED or _names_nothing(indicator):
        # 32户 [下游铝加工企业]: what is counted is what is measured; so is what follows a figure
        # that the words before it do not name (获得2万元[启动资金])
        indicator = _counted_noun(sentence, end) or indicator
    indicator = _age_indicator(indicator, unit)
    base = _base(sentence[:end]) if unit in _RELATIVE else None
    return FigureMatch(
        text,
        value,
        unit,
        indicator,
        _period(sentence, start),
        start,
        end,
        _qualifier(sentence, start, end, approx),
        unit_mult,
        base,
    )


# Units of a change, share or rank, and what the text measures them against (closest first):
# 同比增长 / 环比 / 比上年 / 比1—8月提高 / 占全国 / 高于全国平均水平 / 居全国第二位.
_RELATIVE = frozenset(("%", "个百分点", "倍", "位次"))
_BASE = re.compile(
    r"(?P<same>同比|环比)|(?:比|较)(?P<last>上年同期|去年同期|上年|去年|上月)"
    r"|(?:比|较)(?P<period>\d{1,2}(?:—|-|－)\d{1,2}月|上半年|一季度|前三季度)"
    r"|(?:占|高于|低于|快于|慢于|超过|居|位居|位列|排名|排)(?:同期)?(?P<whole>全国|全区|全省|全市|全球|世界)"
)


_LAST = {"上年": "上年", "去年": "上年", "上年同期": "上年同期", "去年同期": "上年同期", "上月": "上月"}


def _base(text: str) -> str | None:
    """The base named last in the clause that ends with the figure."""
    found = list(_BASE.finditer(re.split(r"[,，;；。]", text)[-1]))
    if not found:
        return None
    m = found[-1]
    return m["same"] or _LAST.get(m["last"] or "") or m["period"] or m["whole"]


def _qualifier(sentence: str, start: int, end: int, approx: str | None) -> str | None:
    """How the value is bounded: 约50% approximately, 超200亿元 / 30余个 / 50%以上 more than,
    近半 / 不到10% less than, 至少3个 at least."""
    before, after = sentence[max(0, start - 4) : start], sentence[end : end + 2]
    for qualifier, words_before, words_after in _QUALIFIERS:
        if before.endswith(words_before) or after.startswith(words_after):
            return qualifier
    return "more than" if approx else None


_QUALIFIERS = (
    ("at least", ("至少", "不少于", "不低于"), ()),
    ("more than", ("超过", "超", "逾", "多于", "突破"), ("以上", "多")),
    ("less than", ("不到", "不足", "少于", "近", "将近"), ("以下", "以内")),
    ("approximately", ("约", "大约", "约为"), ("左右",)),
)


def indicator_key(indicator: str) -> str:
    """The indicator without who or when it is about, so that one indicator lines up across pages:
    全区社会消费品零售总额, 内蒙古社会消费品零售总额 -> 社会消费品零售总额."""
    key = indicator
    while True:
        rest = _SCOPE_WORDS.sub("", key)
        place = next((e for s, e, _ in gazetteer().find_words(rest) if s == 0), 0)
        rest = rest[place:].lstrip("的")
        if rest == key or not rest:
            return key
        key = rest


# A place named by its scope rather than its name: 全区, 我市, 本省, 全国, 自治区.
_PLACE_SCOPE = r"(?:全|我|本)(?:区|市|省|盟|旗|县|州|国)|自治区"
# Words that say whose or which time's figure it is: 全区, 该市, 今年, 其中.
_SCOPE_WORDS = re.compile(rf"^(?:{_PLACE_SCOPE}|该(?:区|市|省|盟|旗|县|州|国)|今年|去年|全年|当年|其中)")


def _indicator(sentence: str, start: int) -> str | None:
    """What is measured, from the clause before the number: 全区社会消费品零售总额 [3909.1亿元]."""
    clause = _measured(sentence[:start])
    if not clause:  # 划转社保基金(权益价值)累计[389亿元]: an aside, not a clause, ended the text before
        clause = _measured(_ASIDE.sub("", sentence[:start]))
    growth = re.search(r"(同比|比上年|较上年)?(增长|下降|提高|减少|增加)$", sentence[:start])
    if growth and not clause:
        return growth.group()
    return _last_words(indicator_key(clause), 20) if clause else None


def _measured(text: str) -> str:
    clause = _before_another_figure(_before_from(_CLAUSE_BREAK.split(text)[-1]))
    clause = _LEADING_PERIODS.sub("", clause)  # a period inside (比1—8月提高) is part of what is measured
    clause = _FILLERS.sub("", _ENUMERATED.sub("", clause)).strip()
    return _without_leading_verbs(_LISTED_BEFORE.sub("", clause))


def _before_from(clause: str) -> str:
    """A change from one value to another measures what comes before its 从: 人均收入[从]3660元提高到…"""
    cut = next((s for s, _, w in words(clause) if w == "从" and s > 0), None)
    return clause if cut is None else clause[:cut]


def _before_another_figure(clause: str) -> str:
    """A figure in Arabic numerals that the clause gave before this one is not part of what this one
    measures: 查处违规案件56件[78人] measures 查处违规案件."""
    found = next(
        (m for m in _FIGURE.finditer(clause) if m["num"][0].isdigit()), None
    )  # not 两年 in 计划两年…
    if not found:
        return clause
    return clause[: found.start()] or clause[found.end() :]


_ASIDE = re.compile(r"[（(][^（）()]*[）)]")
_LEADING_PERIODS = re.compile(rf"^(?:{_PERIOD.pattern})+")
# Examples named before what they are examples of: 金、银、铋、镉等[战略性矿产].
_LISTED_BEFORE = re.compile(r"^[^等]+等(?=.)")


def _without_leading_verbs(clause: str) -> str:
    """What is measured is a noun phrase: 实现[销售额], 共获得[奖补资金], 正以[每秒]… (a comparison
    keeps its 比: 比1—8月提高; a share its 占: 占全国)."""
    found = [w for _, _, w in words(clause)]
    k = 0
    while (
        k < len(found) - 1
        and found[k] not in ("比", "较")
        and not _WHOLE.fullmatch("".join(found[k + 1 :]))
        and (_is_verb(found[k]) or dictionary_tag(found[k])[:1] in ("d", "p", "c"))
    ):
        k += 1
    return "".join(_without_trailing_function_words(found[k:]))


def _without_trailing_function_words(found: list[str]) -> list[str]:
    """Nor does it end in function words or a verb they govern: 画展[将持续], 边防哨所[被],
    年检测能力[可精准匹配]; a verb after 的 is a noun (在综合运输中的占比)."""

    def names_something(rest: list[str]) -> bool:
        return any(dictionary_tag(w)[:1] == "n" and not _WHOLE.fullmatch(w) for w in rest)

    while (
        len(found) > 1
        and names_something(found[:-1])
        and (
            (dictionary_tag(found[-1])[:1] in ("d", "p", "c", "u") and found[-1] not in ("比", "较"))
            or (_is_verb(found[-1]) and dictionary_tag(found[-2])[:1] in ("d", "p"))
        )
    ):
        found = found[:-1]
    return found


# A whole that a share is of: 占[全国] keeps its verb, 全国 alone says nothing.
_WHOLE = re.compile(rf"{_PLACE_SCOPE}|全球|世界")


# The figures listed before this one (占比分别为37.5%和[55.3%]): not part of what is measured.
_ENUMERATED = re.compile(
    r"(?:分别为|分别是|分别达|分别)?(?:[\d.,]+(?:%|个百分点|[万亿千]?[^\d\s和及与、]{0,3})?(?:和|及|与|、))+$"
)


# An age is measured in 岁: its indicator is 年龄 (as news_train's are), unless the text names the age
# itself (楼龄, 母亲年龄).
def _age_indicator(indicator: str | None, unit: str) -> str | None:
    return "年龄" if unit == "岁" and not (indicator and "龄" in indicator) else indicator


def _last_words(text: str, limit: int) -> str:
    """The end of `text`, at most `limit` characters, starting at a word boundary."""
    if len(text) <= limit:
        return text
    cut = len(text) - limit
    start = next((s for s, _, _ in words(text) if s >= cut), len(text))
    return text[start:]


# Classifiers after which the counted thing follows the number: 推出 [10条] 精品自驾游线路.
_COUNTED = frozenset(
    "个 条 项 家 款 种 类 批 批次 位 名 户 所 座 台 套 辆 件 支 场 幅 枚 处 只 头 株 棵 间 栋 首 部 本 篇".split()
)


def _counted_noun(sentence: str, end: int) -> str | None:
    """The noun phrase right after a count: 10条 [精品自驾游线路], up to a break, 的 or a verb."""
    found = [w for _, _, w in words(sentence[end : end + 20])]
    while found and found[0] in ("以上", "以下", "左右"):
        found.pop(0)
    out = []
    for k, w in enumerate(found):
        # a verb may open the phrase when a noun follows it (退税商店), never end it
        opens_compound = k == 0 and len(found) > 1 and dictionary_tag(found[1]).startswith("n")
        if (
            _CLAUSE_BREAK.match(w)
            or w in ("的", "和", "等", "及")
            or w[0].isdigit()  # another figure: 56件[78人]
            or (_is_verb(w) and not opens_compound)
        ):
            break
        out.append(w)
    return "".join(_without_trailing_function_words(out))[:16] or None


def _names_nothing(indicator: str | None) -> bool:
    """No noun among the words: 获得, 也, 能节."""
    return not indicator or not any(
        dictionary_tag(w)[:1] == "n" or dictionary_tag(w) == "vn" for _, _, w in words(indicator)
    )


def _is_verb(word: str) -> bool:
    return dictionary_tag(word).startswith("v") and dictionary_tag(word) != "vn"


def dated_period(period: str | None, year: int | None) -> str | None:
    """今年 and 去年 as years, when the article's year is known: 今年1—11月 -> 2024年1—11月."""
    if period and year:
        period = period.replace("今年", f"{year}年").replace("去年", f"{year - 1}年")
    return period


def _period(sentence: str, start: int) -> str | None:
    found = [m.group() for m in _PERIOD.finditer(sentence[:start]) if m.group()]
    return found[-1] if found else None
