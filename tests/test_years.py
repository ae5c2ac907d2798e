"""Years after guidelines rule 14, on invented sentences: the activity's year, the report's year
when the report is about one year, else none."""

from __future__ import annotations

import pytest

from govkg.loaders.documents import from_text
from govkg.loaders.extract import extract
from govkg.loaders.extraction import Adoption
from govkg.loaders.timeinfo import report_year, sentence_year


def _adoptions(text: str, name: str) -> dict[tuple[str, str], Adoption]:
    """The adoptions extracted from ``text``, by (region name, practice key)."""
    ex = extract(from_text(text, name))
    names = {r.code: r.name for r in ex.regions}
    return {(names[a.region_code], a.practice_key): a for a in ex.adoptions}


@pytest.mark.parametrize(
    ("opening", "published", "year"),
    [
        (["南湖县地处丘陵。", "2022年,南湖县扎实推进平安建设。"], 2023, 2022),  # “X年，…” frames one year
        (
            ["南湖县地处丘陵,人口分散。", "今年以来,全县推行网格化管理。"],
            2023,
            2023,
        ),  # 今年以来 -> the date's year
        (["今年5月以来,县城赛事不断,平安压力大。"], 2023, 2023),
        (["年初以来,县城赛事不断,平安压力大。"], 2023, 2023),
        # 今年入冬以来 / 今年汛期以来: a season of this year frames the report as this year's work
        (["今年入冬以来,南湖乡组织干部逐户走访。"], 2023, 2023),
        (["今年汛期以来,南湖乡组织巡河护堤。"], 2023, 2023),
        (["去年以来,各级政法机关主动作为。"], 2022, 2021),
        (["2022年第9期(总第86期)", "县委政法委召开会议。"], 2022, 2022),  # a bulletin issue
        (["近年来,南湖县持续推进平安建设。", "今年以来,群众安全感提升。"], 2023, None),  # several years
        (["2018年以来,全县推行一村一警。"], 2023, None),
        (["三年来,试点工作扎实推进。"], None, None),
        (["南湖县地处丘陵,人口分散。"], 2023, None),  # only a publication date
        (["今年以来,全县推行网格化管理。"], None, None),  # 今年 with no date to resolve it
        # an opening year long before the report's date is history, not the year under review
        (["南湖县较早探索网格。", "2011年,南湖县推行网格化。", "十多年来,网格拓展。"], 2023, None),
        (["2022年,南湖县扎实推进平安建设。"], 2023, 2022),  # a review published the next year
        # a span of years in the title or the opening is several years, not the last one
        (["2019—2022年,南湖县持续推进平安建设。"], 2023, None),
        # a story told over years, and the year of an award, frame no year
        (["南湖电站旁设有警务站。", "2007年,电站开始筹建,2009年正式动工。"], None, None),
        # each sentence opening with a later year of the same story frames no year either
        (["2017年,南湖县公安局试行“警民议事会”。", "2020年以来,议事会推广到各乡镇。"], None, None),
        (["2017年,南湖县公安局试行“警民议事会”。", "2021年,议事会推广到各乡镇。"], None, None),
        (["南湖村曾是矛盾村。", "2015年南湖村调委会被评为省级先进。"], None, None),
        (["2022年,南湖县推进平安建设,力争到2025年建成示范县。"], None, 2022),  # a target is no later work
        # “X年前” is the time before that year: no frame
        (["南湖乡是山区乡。", "2013年前,年均纠纷超过80起。"], None, None),
        (["2022年前三季度,南湖县化解纠纷800起。"], None, 2022),  # within the year
        # an opening year that a count of years looks back to starts a history (digits or numerals)
        (["2010年底,南湖县在城关镇创建“老娘舅”调解室。", "10年来,调解室累计调解纠纷2000余件。"], None, None),
        (["2014年,北岭镇创建平安村。", "十多年来,北岭镇未发生命案。"], None, None),
        (["2014年,北岭镇成立调委会。", "调委会成立8年来调解纠纷900件。"], None, None),
        # 近十年来首次 compares with the past: the year under review stands
        (["2020年,南湖县法院推进诉源治理,收案数近十年来首次下降。"], None, 2020),
        (["2022年,南湖县扎实推进平安建设。", "一年来,全县未发生重大案件。"], None, 2022),  # this year's
        # a lead that dates one event (a meeting, a ceremony) makes the report that event's
        (["11月5日,南湖县召开平安建设推进会。", "近年来,全县持续推行网格化管理。"], 2023, 2023),
        (["2022年6月3日上午,南湖县综治中心举行揭牌仪式。"], 2023, 2022),
        # a later sentence opening with another year tells what the event looked back on
        (["2月20日,南湖县召开政法工作会议。", "2022年,全县刑事案件下降15%。"], None, None),
        (["2月20日,南湖县召开政法工作会议。", "2022年,全县刑事案件下降15%。"], 2023, 2023),
        (["12月20日,南湖县召开政法工作会议。", "2022年,全县刑事案件下降15%。"], 2022, 2022),
        # a date that only says when results were learnt is no event
        (["3月8日,记者从南湖县法院获悉,该院诉前调解案件大幅增加。"], 2023, None),
    ],
)
def test_report_year_from_the_opening(opening: list[str], published: int | None, year: int | None) -> None:
    assert report_year("南湖县平安建设综述", published, ["南湖县平安建设综述", *opening]) == year


def test_a_span_of_years_in_the_title_frames_no_year() -> None:
    assert report_year("南湖县获评2018—2021年度平安建设先进县", None, []) is None
    assert report_year("南湖县2021年平安建设工作总结", None, []) == 2021


def test_a_founding_year_in_a_title_frames_no_year() -> None:
    # a page with no headline opens with a line that says when its unit was set up: history
    title = "某县人民法院石桥法庭始建于1962年，辖三个乡镇。"
    assert report_year(title, None, [title]) is None
    assert report_year("石桥法庭2021年工作总结", None, []) == 2021


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("2019年以来,北岭镇推行楼长制。", 2019),
        ("截至2021年底,全县建成综治中心36个。", 2021),
        ("去年10月,县社会治理指挥中心建成运行。", 2022),  # against the report's date (2023)
        ("今年已调处纠纷40余起。", 2023),
        # a year that dates a visit, a speech, an award, a plan or a target is not the activity's
        ("2014年省领导调研时提出的“村民说事”,如今在全县推行。", None),
        ("石门镇平安村创建成效明显,2021年被评为省级示范镇。", None),
        # a year heading a clause of honours dates the honours, not the work before them
        ("北岭镇深化网格化管理,自2012年以来,连续十年获评市级平安乡镇。", None),
        ("2020年以来,北岭镇推行楼长制,荣获省级表彰。", 2020),
        ("全县深化网格化管理,力争到2025年实现网格员专职化。", None),
        ("东坪乡拟于2026年建成乡级调解中心。", None),  # a plan's year
        ("东坪乡于2021年建成乡级调解中心。", 2021),
        ("北岭镇2015年撤县设区后,推行网格化管理。", None),
        ("全区开展“平安小区”创建,2022年新命名平安小区300个。", 2022),  # the campaign's result
        # the time before a year is not that year; a later year in the sentence dates the work
        ("2013年以前,该村纠纷多,2014年建成调解室。", 2014),
        ("2013年前,该乡年均纠纷超过80起。", None),
        # comparisons do not date anything
        ("护学岗覆盖全部学校,家长满意度较上年提升。", None),
        # a year a figure is compared with is a baseline: the sentence's own year dates the work
        ("2022年,北岭镇受理来访40件,积案由2020年底的15件降到3件。", 2022),
        ("东坪乡可防性案件较2019年下降两成。", None),
        ("从2018年起,东坪乡推行楼长制。", 2018),
        ("与2019年同期相比,东坪乡盗窃案件少了一半。", None),
        # 年初以来 is since the start of the report's year (rule 14a), unless a year or 去年 dates it
        ("年初以来,东坪乡调处山林纠纷17起。", 2023),
        ("去年年初以来,东坪乡调处山林纠纷17起。", 2022),
        # a year in a document's title, or of what the work builds on, is background
        ("东坪乡对照《2021年平安乡镇考评细则》逐项整改。", None),
        ("在2020年试点的基础上,东坪乡今年全面推行楼长制。", 2023),
        # a year right after an award verb dates the award
        ("东坪乡推行楼长制,荣获2021年度市级平安乡镇称号。", None),
        ("东坪乡的护河队入选2022年全省群防群治典型。", None),
        ("2021年,东坪乡在巩固试点的基础上新建楼长队伍。", 2021),
    ],
)
def test_sentence_year(sentence: str, year: int | None) -> None:
    assert sentence_year(sentence, 4, None, 2023) == year


def test_relative_words_resolve_against_the_date_even_without_a_report_year() -> None:
    assert sentence_year("去年全县化解纠纷1200件。", 0, None, 2024) == 2023
    assert sentence_year("去年全县化解纠纷1200件。", 0, 2021) == 2020  # no date: the report's year
    assert sentence_year("去年全县化解纠纷1200件。", 0, None) is None


def test_a_relative_word_between_a_year_and_the_activity_dates_the_activity() -> None:
    # 2022年建成…，今年又…: the later activity is this year's, not 2022's
    sentence = "2022年北岭镇建成调解室,今年又组建了网格员队伍。"
    assert sentence_year(sentence, sentence.index("网格员"), None, 2024) == 2024
    assert sentence_year(sentence, sentence.index("网格员"), None) is None  # 今年 with no date
    assert sentence_year(sentence, sentence.index("调解室"), None, 2024) == 2022


def test_an_opening_year_written_beside_this_year_frames_no_report_year() -> None:
    # 2022年…，今年…: the year is an earlier one; the report is about 今年, unresolved without a date
    opening = ["南湖县推行网格化管理。", "2022年乡镇综治中心完成建设,今年春耕前组织网格员排查纠纷。"]
    assert report_year("南湖县平安建设综述", None, opening) is None
    assert report_year("南湖县平安建设综述", None, ["2022年,南湖县推行网格化管理。"]) == 2022


def test_a_year_after_a_sentence_about_this_year_frames_no_report_year() -> None:
    # a meeting that plans 今年's work, then reviews the year before: that year is not the report's
    opening = ["前天，玉屏县召开禁毒工作会议，安排今年禁毒任务。", "2021年，玉屏县破获毒品案件12起。"]
    assert report_year("玉屏县召开禁毒工作会议", None, opening) is None
    assert report_year("玉屏县召开禁毒工作会议", 2021, opening) == 2021
    assert report_year("玉屏县禁毒综述", None, opening[1:]) == 2021


def test_extraction_years_follow_the_rule() -> None:
    text = (
        "南湖县：网格里的平安\n"
        "2023-11-02 10:20 来源：南湖县融媒体中心 通讯员 某某 记者 某某\n"
        "近年来,南湖县坚持把平安建设作为民生工程来抓。\n"
        "北岭镇去年建成综治中心,今年已调处纠纷80余件。\n"
        "2019年以来,南湖县推行楼长制,全县选聘楼长900余名。\n"
        "全县推行一村一辅警。\n"
    )
    doc = from_text(text, "nanhu.txt")
    assert doc.published == "2023-11-02"
    ex = extract(doc)
    years = {a.practice_key: a.year for a in ex.adoptions}
    assert ex.report.year is None  # 近年来: several years, and a date alone gives none
    assert years["comprehensive_center"] == 2022
    assert years["building_head"] == 2019
    assert years["village_police"] is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2023-09-12 来源:某区委政法委", "2023-09-12"),
        ("2020-11-26 10:32 來源:某縣融媒體中心 通訊員 某某 記者 某某某", "2020-11-26"),
        ("| 2022-11-16 来源:某某日报 编辑:某某 |", "2022-11-16"),
    ],
)
def test_dated_bylines_give_the_report_date(line: str, date: str) -> None:
    doc = from_text(f"北岭镇推行网格化管理\n{line}\n北岭镇今年推行网格化管理。", "x.txt")
    assert doc.published == date


def test_a_photo_caption_gives_way_to_the_prose_that_dates_the_work() -> None:
    text = (
        "福田区：家门口的调解\n"
        "近年来,福田区坚持把平安建设作为民生工程来抓。\n"
        "莲花街道综治中心调解室一角。\n（莲花街道供图）\n"
        "图为华富街道综治中心调解室。\n"
        "2021年,莲花街道建成综治中心,整合派出所、司法所等力量集中办公。\n"
    )
    found = _adoptions(text, "futian.txt")
    center = found[("莲花街道", "comprehensive_center")]
    assert center.year == 2021 and center.evidence.sentence.startswith("2021年")
    # a caption that alone names the unit's practice still gives the fact
    assert found[("华富街道", "comprehensive_center")].evidence.sentence.startswith("图为")


def test_the_headline_gives_way_to_the_body_sentence_that_states_the_work() -> None:
    text = "固阳县网格化管理见成效\n2023年,固阳县推行网格化管理,全县划分网格210个。\n金山镇建成综治中心。\n"
    found = _adoptions(text, "guyang.txt")
    grid = found[("固阳县", "grid")]
    assert grid.evidence.sentence.startswith("2023年") and grid.year == 2023
    # a headline that alone names the practice still gives the fact
    alone = extract(from_text("固阳县推行网格化管理\n全县群众安全感持续提升。\n", "g2.txt"))
    assert [(a.practice_key, a.evidence.offset) for a in alone.adoptions] == [("grid", 0)]


def test_a_clause_ranking_the_unit_among_others_gives_way_to_the_one_where_it_acts() -> None:
    # 是全国较早探索…的地区之一 says where the unit stands, the next sentence what it did and when
    text = (
        "固阳县网格工作见闻\n"
        "固阳县是全区较早探索网格化管理的县之一。\n"
        "2012年,固阳县在城区推行网格化管理,每个网格配备1名网格员。\n"
    )
    found = _adoptions(text, "guyang-rank.txt")
    grid = found[("固阳县", "grid")]
    assert grid.evidence.sentence.startswith("2012年") and grid.year == 2012
    # a ranking clause that alone names the practice still gives the fact
    alone = extract(from_text("固阳县网格工作见闻\n固阳县是全区较早探索网格化管理的县之一。\n", "g3.txt"))
    assert [a.practice_key for a in alone.adoptions] == ["grid"]


def test_this_year_before_an_age_dates_nothing() -> None:
    # 今年63岁的调解员 says how old she is; the sentence dates no activity
    assert sentence_year("今年63岁的王秀兰是“知心大姐”调解室的老调解员。", 12, None, 2024) is None
    assert sentence_year("今年已七十多岁的老党员仍坚持调解。", 10, None, 2024) is None
    assert sentence_year("今年以来,调解室调处纠纷46起。", 8, None, 2024) == 2024


def test_a_year_written_after_the_activity_past_a_clause_break_dates_the_next_clause() -> None:
    # 2019年，…建成调解室…，2021年又…: each clause is dated by the year that opens it
    text = "南湖县调解工作在2019年，全县建成调解室40个，2021年又推行网格化管理。"
    assert sentence_year(text, text.index("调解室"), None) == 2019
    assert sentence_year(text, text.index("网格化"), None) == 2021
    # a year after the activity in its own clause still dates it (建成于2020年)
    text = "全县综治中心建成于2020年，运行良好。"
    assert sentence_year(text, text.index("综治中心"), None) == 2020


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2020—2022年，南湖县累计建成调解室40个。", 2020),  # a span: its first year, as X年以来
        ("2020年至2022年，南湖县累计建成调解室40个。", 2020),
        ("南湖县荣获2018-2021年度先进县称号，建成调解室40个。", None),  # an award's span dates nothing
        ("到2024—2026年，南湖县将建成调解室40个。", None),  # a target span
    ],
)
def test_a_span_of_years_is_dated_by_its_first_year(text: str, year: int | None) -> None:
    assert sentence_year(text, text.index("调解室"), None) == year


def test_the_year_an_activity_builds_on_is_not_its_own() -> None:
    # 在去年基础上新建…: the work is this year's, built on last year's
    text = "南湖县在去年基础上新建调解室12个。"
    assert sentence_year(text, text.index("调解室"), None, 2024) is None
    text = "去年，南湖县新建调解室12个。"
    assert sentence_year(text, text.index("调解室"), None, 2024) == 2023


@pytest.mark.parametrize(
    ("opening", "month", "year"),
    [
        (["过去的一年，南湖县公安局推行网格化管理。"], 1, 2022),  # a review dated early next year
        (["回首过去一年，南湖县平安建设成效明显。"], 3, 2022),
        (["一年来，南湖县推行网格化管理。"], 12, 2023),  # dated at the year's end: that year
        (["南湖县调解中心运行一年来，调处纠纷百余件。"], 1, None),  # a year since a start, no review
        (["过去的一年，南湖县推行网格化管理。"], None, None),  # no month: no way to tell
    ],
)
def test_a_review_of_the_past_year_is_about_the_year_just_ended(
    opening: list[str], month: int | None, year: int | None
) -> None:
    assert report_year("南湖县工作回顾", 2023, opening, month) == year


def test_a_past_year_set_against_the_present_frames_no_report_year() -> None:
    # 去年，…起了纠纷…，时隔一年，如今…: a feature's background, not a review of that year
    opening = ["去年，两个村因为山林边界起了争执，时隔一年，记者再来时这里已是一片和气。"]
    assert report_year("山村的和解", 2024, opening, 9) is None
    opening = ["2023年，两个村因为山林边界起了争执，如今双方已握手言和。"]
    assert report_year("山村的和解", 2024, opening, 9) is None
    # a plain review opening with 去年 still frames that year
    assert report_year("南湖县工作回顾", 2024, ["去年，南湖县推行网格化管理。"], 2) == 2023


def test_a_year_written_in_chinese_digits_is_that_year() -> None:
    # 二〇二三年 / 二零二二年: formal documents write years digit by digit in Chinese numerals
    assert report_year("南湖县二〇二三年平安建设工作总结", None, []) == 2023
    assert report_year("南湖县工作回顾", None, ["二零二二年，南湖县推行网格化管理。"]) == 2022
    sentence = "二〇二一年以来，南湖县建成村级警务室86个。"
    assert sentence_year(sentence, sentence.index("警务室"), None) == 2021
    # counts of years and months are no year
    assert report_year("南湖县工作回顾", None, ["十二年来，南湖县推行网格化管理。"]) is None


def test_a_year_before_which_something_held_in_the_title_frames_no_report_year() -> None:
    # 2015年前 / 2015年以前 is the time before that year: a title telling how things stood then
    # does not make the report that year's
    assert report_year("石门乡2015年前山林纠纷频发，如今邻里和睦", None, []) is None
    assert report_year("石门乡2015年以前每年调处草场纠纷数十起", None, []) is None
    # a year the title dates the work by still counts
    assert report_year("石门乡2015年调处草场纠纷30起", None, []) == 2015


def test_an_opening_year_dating_a_moment_of_a_story_frames_no_report_year() -> None:
    # 2021年的一个傍晚 / 2020年冬天 opens an anecdote: the story's moment, not the year under review
    assert report_year("山村调解记", None, ["2021年的一个傍晚，两户人家因宅基地吵了起来。"]) is None
    assert report_year("山村调解记", None, ["2020年冬天，老李敲开了调解室的门。"]) is None
    # a year heading a clause of the work itself still frames the report
    assert report_year("山村调解记", None, ["2021年，石门乡调处纠纷42件。"]) == 2021
    assert report_year("山村调解记", None, ["2021年上半年，石门乡调处纠纷42件。"]) == 2021


def test_a_review_opening_with_the_year_it_looks_back_on_is_about_that_year() -> None:
    # 回首2023年，… / 回顾2022年，…: a letter or review framed by the year it looks back on
    opening = ["广大市民朋友：", "回首2023年，我们扛起防风险、保安全的职责使命。", "这一年，我们高压严打。"]
    assert report_year("写给全县群众的新年信", None, opening) == 2023
    assert report_year("工作回顾", 2023, ["回顾2022年，全县政法机关坚持稳中求进。"]) == 2022
    # looking back on a span, or on work since a year, frames no single year
    assert report_year("工作回顾", None, ["回顾2018年以来的工作，全县坚持稳中求进。"]) is None
    assert report_year("工作回顾", None, ["回顾2018年至2022年，全县坚持稳中求进。"]) is None


def test_a_lead_reporting_one_recent_event_takes_the_publication_year() -> None:
    # 近日，某县召开/开展…活动: one event, dated by the report's own date (rule 14b)
    lead = "近日，安多县深入开展“平安边关”集中宣传活动，营造全民参与平安建设的氛围。"
    assert report_year("安多县开展宣传活动", 2022, [lead]) == 2022
    assert report_year("安多县召开推进会", 2023, ["日前，安多县召开平安建设推进会，部署全年工作。"]) == 2023
    # a reporter's visit is no event, and no date leaves no year
    assert report_year("走访见闻", 2023, ["近日走访发现，安多县各村都建起了调解室。"]) is None
    assert report_year("安多县开展宣传活动", None, [lead]) is None


def test_a_plan_period_since_dates_its_first_year_and_spans_years() -> None:
    # “十四五”以来 is since 2021, as 2021年以来 is; a report opening with it spans several years
    sentence = "“十四五”以来，全州累计建成综治中心320个。"
    assert sentence_year(sentence, sentence.index("综治中心"), 2023, 2023) == 2021
    assert report_year("全州平安建设综述", 2023, [sentence]) is None
    # “十三五”期间/时期 is the period's span, dated by its first year as 2016年至2020年 is
    sentence = "“十三五”期间，全州累计建成综治中心320个。"
    assert sentence_year(sentence, sentence.index("综治中心"), 2023, 2023) == 2016
    sentence = "十四五时期，全州调处纠纷五千件。"
    assert sentence_year(sentence, sentence.index("调处"), 2023, 2023) == 2021
    # a period named as a target (将在…期间, …时期末) dates nothing
    for sentence in ("全州将在“十四五”期间建成综治中心320个。", "“十四五”时期末，全州建成综治中心320个。"):
        assert sentence_year(sentence, sentence.index("综治中心"), None, None) is None
    # 上一年度 is the year before the report's date, as 上年 is
    sentence = "上一年度，全州共化解矛盾纠纷3000件。"
    assert sentence_year(sentence, sentence.index("化解"), None, 2023) == 2022


def test_a_relative_year_word_ending_a_longer_word_dates_nothing() -> None:
    # 目前年均…, 以上年龄…, 相当年轻: 前年/上年/当年 are the tail of another word
    for sentence in (
        "目前年均调处纠纷三百件。",
        "全镇六十岁以上年龄的调解员有八十名。",
        "队伍相当年轻，调处纠纷三百件。",
    ):
        assert (
            sentence_year(sentence, sentence.index("纠纷" if "纠纷" in sentence else "调解员"), None, 2023)
            is None
        )
    # the words themselves still date the activity
    assert sentence_year("前年，该镇建成综治中心。", 6, None, 2023) == 2021
    assert sentence_year("上年度，全镇调处纠纷三百件。", 8, None, 2023) == 2022


def test_years_listed_before_respective_figures_date_them_in_order() -> None:
    # 2014年、2015年和2016年…分别下降…: the k-th figure is the k-th year's
    sentence = "2014年、2015年和2016年，全县刑事发案分别下降12%、8.5%和3%。"
    found = [sentence_year(sentence, sentence.index(v), None, None) for v in ("12%", "8.5%", "3%")]
    assert found == [2014, 2015, 2016]
    # lists of different lengths, or one year, keep the usual rule
    sentence = "2014年和2015年，全县刑事发案分别下降12%、8.5%和3%。"
    assert sentence_year(sentence, sentence.index("3%"), None, None) == 2015
    sentence = "2016年，甲镇和乙镇分别建成综治中心。"
    assert sentence_year(sentence, sentence.index("综治"), None, None) == 2016
    # without 分别, a later clause listing as many figures as years pairs them in order too
    sentence = "2019年、2020年、2021年，全区可防性案件为415起、362起、298起。"
    found = [sentence_year(sentence, sentence.index(v), None, None) for v in ("415", "362", "298")]
    assert found == [2019, 2020, 2021]
    # a list of labels, or fewer figures than years, is no such list: the nearest year dates it
    sentence = "2019年、2020年，全区巡防、调解案件共415起。"
    assert sentence_year(sentence, sentence.index("415"), None, None) == 2020


@pytest.mark.parametrize(
    ("month", "year"),
    [
        (1, 2022),  # a meeting of 12月20日 told in a January report was held the year before
        (12, 2023),  # in a December report, that December
        (None, 2023),  # no month: the published year, as before
    ],
)
def test_an_event_dated_after_the_published_month_is_of_the_year_before(month: int | None, year: int) -> None:
    opening = ["12月20日，南湖县召开平安建设推进会，部署冬季治安防范工作。"]
    assert report_year("南湖县召开推进会", 2023, opening, month) == year
    # a year written with the date is kept whatever the month
    opening = ["2023年12月20日，南湖县召开平安建设推进会。"]
    assert report_year("南湖县召开推进会", 2024, opening, 1) == 2023


def test_a_year_word_compared_with_through_yu_or_he_dates_nothing() -> None:
    # 与上年同期相比 / 和去年相比 say what a figure is measured against, as 较上年 does
    sentence = "2021年,北岭镇盗抢案件与上年同期相比减少38%。"
    assert sentence_year(sentence, sentence.index("减少"), None, 2023) == 2021
    sentence = "东坪乡受理来访数和去年相比少了一半。"
    assert sentence_year(sentence, sentence.index("少了"), None, 2023) is None
    assert sentence_year("和去年相比,东坪乡盗窃案件少了一半。", 8, None, 2023) is None
    # 与 joining two years of work is no comparison: 去年 dates what it heads
    sentence = "东坪乡去年与派出所共建调解室。"
    assert sentence_year(sentence, sentence.index("调解室"), None, 2023) == 2022


def test_a_half_year_and_as_of_now_resolve_against_the_reports_date() -> None:
    # 上半年 / 截至目前 with no year written: this year's half and the report's day, as 今年 is
    assert sentence_year("上半年，全镇共调处邻里纠纷86件。", 8, None, 2024) == 2024
    assert sentence_year("截至目前，全镇已建成村级调解室19个。", 10, None, 2024) == 2024
    # a year (or 去年) written before the half dates it
    assert sentence_year("2022年上半年，全镇共调处邻里纠纷86件。", 13, None, 2024) == 2022
    assert sentence_year("去年上半年，全镇共调处邻里纠纷86件。", 10, None, 2024) == 2023
    # no date to resolve against: none
    assert sentence_year("上半年，全镇共调处邻里纠纷86件。", 8, None, None) is None
    # a dated report opening with 上半年 is that year's
    assert report_year("某镇调解工作简报", 2024, ["上半年，全镇共调处邻里纠纷86件。"], 8) == 2024


def test_a_reported_leads_year_frames_the_report_and_this_years_plan_does_not() -> None:
    # 记者从…了解到，2022年，…: the year the news opens with; 今年，…将…: the plan for the year the
    # report came out in, told after the review
    opening = [
        "近日，记者从某省司法厅了解到，2022年，该厅共排查矛盾纠纷五万余次。",
        "今年，该厅将继续推进村居法律顾问工作。",
    ]
    assert report_year("某省调解工作再上台阶", 2023, opening, 2) == 2022
    # a 今年 that reviews (今年，该厅已排查…) still frames the published year
    assert report_year("某省调解工作再上台阶", 2023, ["今年，该厅已排查矛盾纠纷五万余次。"], 9) == 2023
    assert report_year("某省调解工作再上台阶", 2023, ["今年，我们即将迎来考验，全省已排查纠纷。"], 9) == 2023


def test_a_traditional_character_title_is_read_as_its_simplified_form() -> None:
    # 以來 / 評為 are 以来 / 评为: a span or an award frames no year in either script
    assert report_year("2022年以來，某市深化網格化管理", None, []) is None
    assert report_year("某派出所被評為2021年度先進集體", None, []) is None
    assert report_year("某縣2021年平安建設工作總結", None, []) == 2021


def test_a_founding_year_set_against_today_frames_no_report_year() -> None:
    # 某年某所成立。时至今日，…迎来一周年: the year is history told later, in a title standing for a
    # missing headline as in an opening sentence
    lead = "2022年，南湖县调解中心挂牌。时至今日，中心迎来两周年，调解纠纷数百起。"
    assert report_year(lead, None, [lead]) is None
    opening = ["2022年，南湖县调解中心挂牌。", "如今，中心已调解纠纷数百起。"]
    assert report_year("南湖县调解中心两周年", None, opening) is None
    # with no such sentence after it, the opening year still frames the report
    assert report_year("南湖县调解中心", None, [*opening[:1], "中心当年调解纠纷数百起。"]) == 2022
