"""Tests for govkg.loaders.metrics: quantities, units, indicators, and recall on the seed gold."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from govkg.loaders.metrics import MetricMention, find_metrics

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _one(sentence: str) -> MetricMention:
    found = find_metrics(sentence)
    assert len(found) == 1, found
    return found[0]


def test_percentage_with_indicator() -> None:
    m = _one("全市矛盾纠纷调解成功率达94.4%。")
    assert (m.value, m.unit, m.indicator, m.approximate) == (94.4, "%", "矛盾纠纷调解成功率", False)
    assert m.raw == "94.4%"


def test_offsets_index_the_sentence() -> None:
    sentence = "精准划分网格356个,配备专兼职网格员540名。"
    for m in find_metrics(sentence):
        assert sentence[m.start : m.end] == m.raw
    assert [(m.value, m.unit) for m in find_metrics(sentence)] == [(356.0, "个"), (540.0, "名")]


def test_multiplier_stays_in_unit_and_approximation_is_flagged() -> None:
    m = _one("民警共走访群众14.4万余户。")
    assert (m.value, m.unit, m.approximate, m.raw) == (14.4, "万户", True, "14.4万余户")
    m = _one("冻结查封资产价值约2.2亿元。")
    assert (m.value, m.unit, m.approximate) == (2.2, "亿元", True)
    assert _one("执行到位资金9.29亿元").unit == "亿元"
    assert _one("调解率均达85%以上").approximate


def test_bare_multiplier_is_the_unit() -> None:
    m = _one("关注人数达157.8万")
    assert (m.value, m.unit, m.indicator) == (157.8, "万", "关注人数")


def test_chinese_numerals_via_cn2an() -> None:
    found = find_metrics("全市共有一百二十个网格,配备两千余名网格员")
    assert [(m.value, m.unit, m.approximate) for m in found] == [(120.0, "个", False), (2000.0, "名", True)]
    assert found[1].indicator == "网格员"


def test_category_count_and_its_total() -> None:
    # how many kinds a total falls into groups it; the total is the figure (as the seed gold has it)
    found = find_metrics("全年共排查风险隐患五大类318处")
    assert [(m.indicator, m.value, m.unit) for m in found] == [("排查风险隐患", 318.0, "处")]
    assert [(m.value, m.unit) for m in find_metrics("梳理出纠纷类型12类")] == [(12.0, "类")]


def test_indicator_after_the_number_when_a_verb_precedes() -> None:
    assert _one("建立了16个法官工作站").indicator == "法官工作站"
    assert _one("打掉涉黑涉恶团伙117个").indicator == "打掉涉黑涉恶团伙"


def test_the_noun_after_the_count_when_a_verb_or_another_count_precedes() -> None:
    found = find_metrics("全县8个乡镇56个行政村,整合12家职能部门,组织30余名县级干部包联村社")
    assert [m.indicator for m in found] == ["乡镇", "行政村", "职能部门", "县级干部"]
    found = find_metrics("组建由40名网格员、60名调解员构成的巡查队伍")
    assert [m.indicator for m in found] == ["网格员", "调解员"]
    # a quoted name after the count is what was counted; 在 starts the predicate
    assert _one("300名“红马甲”穿行街巷").indicator == "“红马甲”"
    # the share of disputes settled, named with the settling (在 still starts the predicate)
    assert _one("90%的纠纷在村里就能解决").indicator == "纠纷解决比例"


def test_change_verbs_are_trimmed() -> None:
    assert _one("刑事案件立案同比下降12.3%").indicator == "刑事案件立案"
    assert _one("破案率提升至98.5%").indicator == "破案率"


@pytest.mark.parametrize(
    "sentence",
    [
        "2021年5月12日召开会议",
        "根据〔2020〕3号文件",
        "荣获全省第一名,位列第3位",
        "排名前10%的单位",
        "拨打12345热线或110",
        "推行“3+x”模式和5G应用",
        "“24小时警局”上线",
        "开展为期4个月的整治",
        "一批骨干、三级联动、十化机制",
        # a whole day or year of service qualifies what follows; exchange rates price money
        "派出所实行24小时轮班值守",
        "热线二十四小时有人接听",
        "调解大厅365天不打烊",
        "年末1美元兑7.05元人民币",
        "人民币汇率中间价升至6.98元",
        # the people a rate is counted per are its base, not a count
        "全县十万人刑事发案率同比下降",
        # how long an event ran
        "开展为期15天的道路交通集中整治",
        "历时两个月、历时5天的排查",
        # one dispute between private people is a case, not work; quoted speech is no statement
        "居民钱某与楼下孙某因漏水发生争执,网格员三次上门劝解",
        "“这个月我们已经帮居民调好了12起纠纷,比上个月多了一半。”",
        "“调解室开起来以后,光是今年就接待了60多户人家,",
        "上门40多趟都没白跑。”",
        "推行“1+1+N”模式(1名专干+1名辅警+N名志愿者)",
        "二人握手言和,当场签了协议",
        "网格员把两人请进了调解室",
        # "the two" after a verb in progress, a stretch of months, a kind of vehicle
        "调解员陪着两人到现场丈量",
        "这个小区已经两个多月没有接到盗窃警情",
        "他骑着三轮车走村串户",
        # "these two" things already told; the size that defines an event that did not happen
        "这三起小事说明邻里关系在变好",
        "过去一到傍晚，吆喝声四起",
        "全镇连续五年未发生一起死亡2人以上的火灾",
        # the parts of a method: 一个…、两个…, and a count in Chinese numerals in a numbered heading
        "做到守住一个底线、用好两个平台",
        "三、用好两支队伍,织密防控网络",
    ],
)
def test_non_metrics_are_skipped(sentence: str) -> None:
    assert find_metrics(sentence) == []


def _seed_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。!?！？])|\n", text) if s.strip()]


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared seed corpus/gold not present")
def test_seed_recall_by_value_and_unit() -> None:
    gold: dict[str, list[tuple[float, str]]] = {}
    for line in (SHARED / "gold" / "seed_metrics.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold.setdefault(row["doc"], []).append((float(row["value"]), row["unit"]))
    hits = total = emitted = 0
    for doc, wanted in gold.items():
        text = (SHARED / "corpus" / f"{doc}.txt").read_text(encoding="utf-8")
        found = [m for s in _seed_sentences(text) for m in find_metrics(s)]
        emitted += len(found)
        got = Counter((m.value, m.unit) for m in found)
        total += len(wanted)
        hits += sum(1 for pair in wanted if got[pair] > 0)
    assert hits / total >= 0.95
    assert emitted / len(gold) <= 60  # about 46 per report here, against 15 gold lines each


def test_time_limits_and_money_stay_quantities() -> None:
    # 24小时 as a limit reached or kept within is measured; 兑现 pays out money
    assert [m.raw for m in find_metrics("立案审查时间压缩至24小时")] == ["24小时"]
    assert [m.raw for m in find_metrics("求助电话24小时内回访率达97%")] == ["24小时", "97%"]
    assert [m.raw for m in find_metrics("兑现见义勇为奖金6万元")] == ["6万元"]
    assert [m.raw for m in find_metrics("全镇登记流动人口2.3万人,外来人口占三成")] == ["2.3万人"]


def test_weekdays_and_according_to_are_no_counts() -> None:
    # 周五根据需要…: 周五 is a weekday and 根据 “according to”, not five 根 of anything
    assert find_metrics("周一至周四由民政等部门轮驻,周五根据工作需要实行预约轮驻。") == []
    assert [m.raw for m in find_metrics("立杆五根,安装探头12个")] == ["五根", "12个"]


def test_a_unit_named_at_the_head_of_a_label_is_its_region_not_part_of_it() -> None:
    from govkg.loaders.documents import from_text
    from govkg.loaders.extract import extract

    # 崂山区 ends in the common noun 山区, so no pattern can tell it from a kind of area; the
    # units that act are the measurement's region and leave the label
    text = "崂山区平安建设见闻\n崂山区沙子口街道投资近30万元建设平安驿站。\n"
    (m,) = extract(from_text(text, "jy-metric.txt")).measurements
    assert m.indicator == "投资" and m.value == 30.0


def test_a_count_of_aspects_is_no_quantity_and_heads_the_next_label() -> None:
    # 四个方面 / 8个方面 count the headings of an account, not work done; the count after them
    # names its own noun (6个方面27项重点任务 -> 27 项 重点任务)
    assert find_metrics("主要有四个方面原因。") == []
    # measures or stages counted in words lay out the account or the plan: no count of work; a
    # count of measures in digits is an output and is kept
    assert find_metrics("县司法局推出四项措施护航企业发展。") == []
    assert find_metrics("整治行动分宣传发动、集中整治和巩固提升三个阶段开展。") == []
    (m,) = find_metrics("市政府出台稳就业措施15条。")
    assert (m.value, m.unit) == (15.0, "条")
    (m,) = find_metrics("出台工作方案,细化6个方面27项重点任务。")
    assert (m.raw, m.indicator) == ("27项", "重点任务")


def test_a_total_keeps_a_sentence_that_names_people_and_a_name_keeps_its_quotes() -> None:
    # a total of work (共, 累计 …) is a statement even beside named parties; a short quote is a name
    found = find_metrics("全年共化解钱某、孙某等人之间的邻里纠纷26件")
    assert [m.raw for m in found] == ["26件"]
    assert [m.raw for m in find_metrics("建成“银龄调解室”8个")] == ["8个"]
    assert [m.raw for m in find_metrics("抓获嫌疑人两人")] == ["两人"]


def test_a_numeral_inside_a_place_name_counts_nothing() -> None:
    from govkg.loaders.documents import from_text
    from govkg.loaders.extract import extract

    text = "康乐县平安建设见闻\n五户乡组建矛盾纠纷调解队伍12支。\n"
    found = extract(from_text(text, "place-numeral.txt")).measurements
    assert [(m.value, m.unit) for m in found] == [(12.0, "支")]


@pytest.mark.parametrize(
    "sentence",
    [
        "柳树湾村位于山区,距乡政府18公里,全村共有农户260户、常住人口980人,辖区面积12.6平方公里。",
        "该镇总人口4.3万人,总面积210平方公里。",
    ],
)
def test_a_places_own_size_and_distance_are_no_metrics(sentence: str) -> None:
    # metrics are reported results of the work; a place's population, area and distance are background
    assert find_metrics(sentence) == []


def test_households_the_work_reached_stay_metrics() -> None:
    found = find_metrics("辅警上门走访居民户数达3200户,参保农户1500户。")
    assert [(m.indicator, m.value) for m in found] == [("辅警上门走访居民户数", 3200.0), ("参保农户", 1500.0)]


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("县公安局河口派出所纠纷调处成功率达97.2%。", "纠纷调处成功率"),
        ("石门司法所全年调解纠纷136件。", "调解纠纷"),
        ("派出所民警120名全部下沉社区。", "派出所民警"),
    ],
)
def test_a_named_station_opening_the_clause_is_no_part_of_the_label(sentence: str, label: str) -> None:
    # the label names the indicator; the station that acts is the measurement's region
    assert _one(sentence).indicator == label


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("全镇刑事案件破案率始终保持100%。", "刑事案件破案率"),
        ("每年受理信访事项逾300件。", "每年受理信访事项"),
        ("全镇入室盗窃发案率同期下降40%。", "入室盗窃发案率"),
        ("面对流动人口多、年均警情超 900起的压力,民警主动作为。", "年均警情"),
    ],
)
def test_words_of_keeping_exceeding_and_comparing_are_no_part_of_the_label(sentence: str, label: str) -> None:
    # 保持/超/逾 and 同期 say how the figure moved or compares; the label names the indicator only
    assert _one(sentence).indicator == label


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("今年以来,调解室受理的86起纠纷全部调处完毕。", "调解室受理纠纷"),
        ("依托辖区36个网格开展巡查。", "网格"),
    ],
)
def test_a_modifier_or_a_place_before_the_count_leaves_the_noun_after_it(sentence: str, label: str) -> None:
    # …的86起纠纷 and 辖区36个网格 count the noun after the number
    assert _one(sentence).indicator == label


def test_the_loss_in_one_private_case_is_no_metric() -> None:
    # the story of one case between private people: its figures count the case, not the work
    assert find_metrics("刘某某驾驶货车撞坏陈某的围墙,造成损失约8600元。") == []
    assert len(find_metrics("全年共为群众挽回经济损失320万元。")) == 1


def test_the_details_of_one_dispute_told_as_a_story_are_no_metric() -> None:
    # 一场/一起…纠纷: one case, its figures are the case's; a total or a negation is no story
    assert find_metrics("去年冬天,一场因8平方米菜地引发的邻里纠纷在调解室化解。") == []
    assert find_metrics("一起涉及23户村民的林地争议经三轮调解达成协议。") == []
    assert len(find_metrics("全年调处纠纷410起,其中一起涉及23户村民的林地争议最难。")) >= 1
    assert len(find_metrics("五年来,该村12个村民小组没有因为一起纠纷而上访。")) == 1


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("推动全乡860名党员将服务触角延伸到户。", "党员"),
        ("民政、人社等9个部门共同入驻中心。", "部门"),
        ("近五年成功调处案件412件。", "成功调处案件"),
        ("引导党员向56个“微网格”延伸服务。", "“微网格”"),
    ],
)
def test_labels_stop_at_the_predicate_and_skip_time_spans(sentence: str, label: str) -> None:
    # 将/共同 start the predicate after the counted noun; 近五年 dates the figure; 向 points to it
    assert _one(sentence).indicator == label


def test_numbered_parts_of_a_formula_are_no_metrics() -> None:
    # 一个…、两个…、三支… spell out a formula's parts in order; they count no work
    assert find_metrics("通过建好一个中心、用好两个平台、建强三支队伍,实现纠纷就地化解。") == []
    assert len(find_metrics("配齐两名专职人员、三名兼职人员和四名志愿者。")) == 3
    found = find_metrics("新建两个调解室,培训三名调解员。")
    assert [m.value for m in found] == [2.0, 3.0]


def test_the_two_families_of_a_story_are_no_count() -> None:
    # 两家 as the story's parties (两家因…, 两家都…), not a count of firms or households reached
    assert find_metrics("两家因宅基地边界起了争执,民警上门劝解。") == []
    assert len(find_metrics("新引进两家律师事务所入驻中心。")) == 1


@pytest.mark.parametrize(
    ("sentence", "label", "change"),
    [
        ("全县命案发案数比2022年减少6起。", "命案发案数", "-6起"),
        ("刑事案件破案率较2022年同期提高了4.2个百分点。", "刑事案件破案率", "+4.2个百分点"),
        ("调解成功率达91%,比上年高出5个百分点。", "调解成功率", "+5个百分点"),
    ],
)
def test_a_comparison_with_a_named_year_is_a_change(sentence: str, label: str, change: str) -> None:
    last = find_metrics(sentence)[-1]
    assert (last.indicator, last.change) == (label, change)


def test_words_opening_with_zai_are_no_preposition() -> None:
    # 在线, 在押, 在册 are words; only the preposition 在 opens a clause before the noun
    assert _one("全年在线调解纠纷量3800件。").indicator == "在线调解纠纷量"


def test_numbers_listed_before_one_unit_share_it() -> None:
    found = find_metrics("盗抢案件、电诈案件同比分别下降11、9个百分点。")
    assert [(m.indicator, m.value, m.unit, m.change) for m in found] == [
        ("盗抢案件", 11.0, "个百分点", "-11"),
        ("电诈案件", 9.0, "个百分点", "-9个百分点"),
    ]
    # a year list before 年 shares no unit: 年 measures nothing here
    assert [m.value for m in find_metrics("2021、2022年分别调解纠纷300件、420件。")] == [300.0, 420.0]


def test_a_range_written_with_a_dash_is_counted_at_its_end_as_one_with_zhi() -> None:
    # 1-2名 reads like 1至2名: one figure, at the range's second number
    assert [(m.value, m.unit) for m in find_metrics("每个网格配备1-2名专职网格员。")] == [(2.0, "名")]
    assert [(m.value, m.unit) for m in find_metrics("每个网格配备1至2名专职网格员。")] == [(2.0, "名")]


def test_the_divisions_a_place_holds_are_background() -> None:
    # 辖/共有 + a count of villages or communities says what the place is made of, not what was done
    assert find_metrics("该乡辖9个行政村、2个社区。") == []
    assert find_metrics("全镇共有14个行政村,依山傍水。") == []
    assert [m.value for m in find_metrics("全县共有120个社区建成综治中心。")] == [120.0]
    assert [m.value for m in find_metrics("在45个行政村全部设立调解室。")] == [45.0]


def test_a_township_alone_is_no_label_and_the_noun_after_the_count_names_it() -> None:
    assert _one("目前石桥街道31个社区均建立议事协商机制。").indicator == "社区"
    assert _one("全县14个乡镇全部建成综治中心。").indicator == "乡镇"


def test_a_bureau_named_with_its_place_is_no_part_of_the_label() -> None:
    # the named body acts; the indicator is what it counted
    assert _one("今年以来,岷县公安局破获盗窃案件48起。").indicator == "破获盗窃案件"


def test_bei_that_makes_a_noun_opens_a_label() -> None:
    # 被骗损失 (the loss of those defrauded) is a noun; 被评为 is a passive verb
    found = find_metrics("电诈立案下降21.5%,被骗损失下降8.4%。")
    assert [m.indicator for m in found] == ["电诈立案", "被骗损失"]


def test_a_period_opening_the_clause_and_the_receivers_after_gei() -> None:
    found = find_metrics("5月,依法将前4个月追回的56万余元赃款发还给23名群众。")
    assert [m.indicator for m in found] == ["追回赃款", "群众"]


def test_digits_grouped_in_thousands_are_one_number() -> None:
    m = _one("全年受理信访事项2,318件。")
    assert (m.value, m.raw, m.indicator) == (2318.0, "2,318件", "受理信访事项")
    # a comma between a count and the next clause's count still separates them
    assert [m.value for m in find_metrics("抓获41人,260余名群众参与。")] == [41.0, 260.0]


def test_a_year_inside_the_label_dates_the_figure_and_is_dropped() -> None:
    assert _one("县矛调中心2023年接待群众来访650余人次。").indicator == "县矛调中心接待群众来访"


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("全年受理群众来电求助412件,办结率96%。", "群众来电求助办结率"),
        ("共创建“平安社区”58个,创建率达91.4%。", "“平安社区”创建率"),
        ("全年调处纠纷260件,成功率97%。", "调处纠纷成功率"),
        ("破获盗窃案件35起,破案率42%。", "盗窃案件破案率"),
    ],
)
def test_a_bare_rate_after_a_count_is_the_rate_of_what_was_counted(sentence: str, label: str) -> None:
    assert find_metrics(sentence)[-1].indicator == label


def test_dividing_into_grids_is_a_verb_of_setting_up() -> None:
    # 划分 sets the grids up, as 建成 does a centre: the label is the grids
    assert _one("精准划分网格415个。").indicator == "网格"


def test_a_share_of_one_thing_in_another_is_named_a_ratio() -> None:
    assert _one("全县女性民警占全部警力18.5%。").indicator == "女性民警占全部警力比例"
    assert _one("女性民警占比达31%。").indicator == "女性民警占比"


def test_the_size_of_a_visiting_party_is_no_metric() -> None:
    assert find_metrics("县委副书记一行12人赴邻县开展边界联防工作。") == []


def test_hiring_verbs_end_the_noun_and_point_to_the_next_count() -> None:
    found = find_metrics("县公安局在全县64个行政村招聘64名驻村辅警。")
    assert [m.indicator for m in found] == ["行政村", "驻村辅警"]


def test_the_count_of_a_simile_is_no_metric() -> None:
    # 犹如…盏明灯: the image of a figure of speech counts nothing that was done
    found = find_metrics("全县320个警务室,犹如320座灯塔守护群众。")
    assert [m.value for m in found] == [320.0] and found[0].indicator == "警务室"
    assert find_metrics("网格员宛如上千只眼睛。") == []


def test_the_people_a_place_has_are_background() -> None:
    # 有村民…户, 居住着居民…人: the place's own size; the people right after its households too
    assert find_metrics("石门村有村民620多户。") == []
    assert find_metrics("全村有村民540户2100人。") == []
    assert find_metrics("小区里居住着居民900余人。") == []
    # people the work reached stay
    assert len(find_metrics("民警走访村民780户。")) == 1


def test_a_formulas_parts_spelt_out_after_ji_are_no_metrics() -> None:
    # “1+5+N”…，即1个…、5个…: the clause after 即 says what the formula's terms are
    found = find_metrics("某旗推行“1+5+N”机制，即1个联调中心、5个调委会、N名调解员，全年调处纠纷86件。")
    assert [(m.value, m.unit) for m in found] == [(86.0, "件")]


def test_a_count_after_the_body_that_issued_it_names_its_rules() -> None:
    # 中央八项规定 is the name of a set of rules; a county's own 八项制度 is a count
    assert find_metrics("某镇以落实中央八项规定精神为抓手整治作风。") == []
    assert [m.value for m in find_metrics("某镇出台八项制度规范调解工作。")] == [8.0]


def test_fen_that_begins_the_next_word_is_no_score() -> None:
    # 分 in 分散/分别 opens the next word; 得分92分 is a score
    assert all(m.unit != "万分" for m in find_metrics("全旗12万人口中8万分散居住在牧区。"))
    assert [(m.value, m.unit) for m in find_metrics("平安建设考核得分92分。")] == [(92.0, "分")]


def test_a_count_that_nothing_names_is_no_metric() -> None:
    # 两个移民区 after 和 in a list of the place's parts has no noun before it
    assert all(m.indicator for m in find_metrics("某县辖120个行政村和两个移民安置区。"))


def test_a_time_of_day_is_no_score() -> None:
    # 9点20分: the minutes of a clock time; 考核得了95分 is a score
    assert all(m.unit != "分" for m in find_metrics("当晚9点20分,巡逻队员赶到河堤查看。"))
    assert [(m.value, m.unit) for m in find_metrics("该镇综治考核得了95分。")] == [(95.0, "分")]


def test_a_bare_move_between_levels_is_named_by_the_clause_after() -> None:
    # 从X%到Y% with no verb: one level reached, its change, and the noun of the trend clause after
    found = find_metrics("从90.5%到94.5%,村民满意度逐年提高。")
    assert [(m.indicator, m.value, m.change) for m in found] == [("村民满意度", 94.5, "+4个百分点")]
    found = find_metrics("调解员队伍从8人到15人。")
    assert [(m.indicator, m.value, m.change) for m in found] == [("调解员队伍", 15, "+7人")]
    # a range (…不等) is no move, and a number is never a label
    assert all("%" not in m.indicator for m in find_metrics("从70%到80%,各村不等。"))


def test_time_limits_and_pledges_are_no_quantities() -> None:
    # 20分钟内赶到 is a limit the rule sets; after 承诺 a figure is promised, not reached
    assert find_metrics("群众来电后,网格员20分钟内赶到现场。") == []
    assert find_metrics("服务队承诺100%回访、100%反馈。") == []
    assert [m.raw for m in find_metrics("平均办理时间压缩至2天内")] == ["2天"]


def test_a_verb_of_rising_to_is_no_part_of_the_label() -> None:
    assert [m.indicator for m in find_metrics("居民安全感跃升至97.1%")] == ["居民安全感"]
    assert [m.indicator for m in find_metrics("群众满意率攀升到96%")] == ["群众满意率"]


def test_a_count_of_people_described_by_what_they_wear_counts_the_people() -> None:
    # 60名身穿红马甲的巡逻队员: 身穿… describes the people counted after 的
    assert [m.indicator for m in find_metrics("组织60名身穿红马甲的巡逻队员开展夜巡")] == ["巡逻队员"]
    assert [m.indicator for m in find_metrics("辖区有12处扎根村寨的调解工作室")] == ["调解工作室"]
    assert [m.indicator for m in find_metrics("特邀5名退休法官参与调解")] == ["退休法官"]


def test_cong_shi_is_a_verb_and_a_trade_share_of_the_population_is_no_metric() -> None:
    # 从事 (work in) is no 从 (from): the label keeps it; 从严 is how, no part of the label
    assert [m.indicator for m in find_metrics("从事调解工作的专职人员80名")] == ["从事调解工作的专职人员"]
    assert [m.indicator for m in find_metrics("从严查办案件12件")] == ["查办案件"]
    # the part of a place's population in a trade is the place's make-up, no result of work
    assert find_metrics("全旗常住人口6.1万人,从事畜牧业人口3.2万人") == []


def test_zai_before_a_rate_says_where_it_stands() -> None:
    # 在 before a percentage is no place opening the noun after it: the rate is named before 在
    assert [m.indicator for m in find_metrics("纠纷调处成功率在97%以上且居全县前列")] == ["纠纷调处成功率"]
    assert [m.indicator for m in find_metrics("刑事发案率控制在0.8‰以内")] == ["刑事发案率"]


def test_quan_x_xing_is_an_adjective_no_scope() -> None:
    # 全镇性, 全县性 (town-wide, county-wide) qualify the noun, unlike 全镇 opening a clause
    assert [m.indicator for m in find_metrics("共开展全县性集中清查行动4次")] == ["全县性集中清查行动"]
    assert [m.indicator for m in find_metrics("开展全镇性禁毒宣传5场")] == ["全镇性禁毒宣传"]


def test_who_received_it_and_a_section_tag_are_no_part_of_the_label() -> None:
    # 向…发放: the recipients, listed or not, end at the verb of giving
    found = find_metrics("向沿街商户、学校、卫生院发放平安手册900余份")
    assert [m.indicator for m in found] == ["发放平安手册"]
    assert [m.indicator for m in find_metrics("向辖区企业推送风险提示60条")] == ["推送风险提示"]
    # 【…】 tags a yearbook's section; 高质高效 says how the work was done
    assert [m.indicator for m in find_metrics("【行政审判】全年审结行政案件41件")] == ["审结行政案件"]
    assert [m.indicator for m in find_metrics("高质高效审结涉企案件80件")] == ["审结涉企案件"]


def test_money_right_after_a_count_is_the_same_works_and_biaodi_is_a_noun() -> None:
    assert [(m.indicator, m.unit) for m in find_metrics("发放司法救助金8人31.5万元")] == [
        ("发放司法救助金", "人"),
        ("发放司法救助金", "万元"),
    ]
    assert [m.indicator for m in find_metrics("执行到位标的2.3亿元")] == ["执行到位标的"]


def test_people_made_a_role_and_an_example_before_them_name_the_role() -> None:
    # 近80人为“护河义警”: the people counted become what follows 为; 像…这样的 gives an example
    found = find_metrics("吸纳退役军人、保安等近80人为“护河义警”")
    assert [m.indicator for m in found] == ["“护河义警”"]
    assert [m.indicator for m in find_metrics("像老周这样的调解骨干已有40名")] == ["调解骨干"]
    # 为 opening a thing's name (为民实事) stays
    assert [m.indicator for m in find_metrics("办理120件为民实事")] == ["办理为民实事"]


def test_counts_spelling_out_a_formula_named_after_them_are_no_quantities() -> None:
    # …的“1+5+N”机制: the clause before 的 glosses the formula's parts, no work counted
    assert find_metrics("推行1名干部包联5户群众的“1+5+N”机制") == []
    # a count that is not the formula's first part stays
    assert [m.raw for m in find_metrics("全镇建成80个网格的“1+3”体系")] == ["80个"]


def test_the_noun_of_the_count_before_is_no_part_of_the_next_label() -> None:
    # 412个村划分网格1800个: 村 is what 412个 counts; 1800个 counts the grids
    found = find_metrics("在全县412个村划分网格1800个")
    assert [(m.indicator, m.raw) for m in found] == [("村", "412个"), ("网格", "1800个")]
    # 上 after a border line: where along it, the lie of the land
    assert find_metrics("在86公里的边境线上设立哨点") == []


def test_an_averaged_change_is_named_without_its_average() -> None:
    # 发案年均下降9%: 年均 says how the change is averaged; a level keeps it (年均调处纠纷)
    assert [(m.indicator, m.change) for m in find_metrics("盗窃发案年均下降9%")] == [("盗窃发案", "-9%")]
    assert [m.indicator for m in find_metrics("年均调处纠纷260件")] == ["年均调处纠纷"]


def test_counts_listed_before_an_honour_share_it() -> None:
    # 4个单位、6名个人受到表彰: every count of the list is of those honoured, no result of work
    assert find_metrics("全县有4个单位、6名个人受到省级表彰") == []
    assert find_metrics("全省3个县市15个乡镇获评平安边境示范") == []
    # a list of work done before a later clause of praise stays
    assert [m.raw for m in find_metrics("建成调解室9个、培训调解员200名,获得群众好评")] == ["9个", "200名"]


def test_a_count_of_trophies_won_is_an_honour() -> None:
    assert find_metrics("该市连续6次折桂“最具安全感城市”") == []
    assert find_metrics("该县4次夺得平安鼎") == []


def test_with_whom_the_work_was_done_and_a_storys_parties_are_no_metric_parts() -> None:
    # 会同有关部门…: the partners, no part of the label; 刘某等4名…: the people of a story
    assert [m.indicator for m in find_metrics("会同有关部门累计查处违法案件18起")] == ["查处违法案件"]
    assert find_metrics("当天,刘某等4名村民来到服务站反映情况") == []


def test_the_people_of_a_case_stay_counted() -> None:
    # 王某等3人诈骗团伙案: the people of a case handled, unlike the parties of a story
    assert [m.raw for m in find_metrics("侦办王某等3人诈骗团伙案2起")] == ["3人", "2起"]


def test_jianshe_as_a_verb_takes_the_noun_after_the_count() -> None:
    # 共建设45个…, 全镇建设120个网格: 建设 is the verb; 平安建设, 法治建设 stay nouns
    assert [m.indicator for m in find_metrics("全镇建设96个网格")] == ["网格"]
    assert [m.indicator for m in find_metrics("全县共建设45个调解工作室")] == ["调解工作室"]
    assert [m.indicator for m in find_metrics("法治建设12项任务全部完成")] == ["法治建设"]
    # a quoted modifier keeps the noun it modifies, a group or team of up to ten characters
    found = find_metrics("共建设58个“一村一顾问”法律服务微信群")
    assert [m.indicator for m in found] == ["“一村一顾问”法律服务微信群"]


def test_a_span_written_in_two_parts_is_how_long_an_event_ran() -> None:
    # 2小时30分钟的宣讲, 1年6个月的整治: one duration in two parts, no quantity of work
    found = find_metrics("昌吉市开展2小时30分钟的普法宣讲,发放资料600份")
    assert [m.raw for m in found] == ["600份"]
    assert find_metrics("历经1年6个月的专项整治告一段落") == []
    # a single span after an average stays a measured time
    assert [m.raw for m in find_metrics("民警平均到场时间为12分钟")] == ["12分钟"]
    # the count after it is labelled by what follows the span
    found = find_metrics("2小时30分钟的网络直播吸引观众6.2万人次")
    assert [(m.raw, m.indicator) for m in found] == [("6.2万人次", "网络直播吸引观众")]


def test_the_size_that_names_a_meeting_is_no_metric() -> None:
    # 召开全县3000人动员大会: the size names the meeting; a count of those who attended stays
    found = find_metrics("两次召开全县3000人禁毒动员大会,发放宣传资料500份")
    assert [m.raw for m in found] == ["500份"]
    assert [m.raw for m in find_metrics("组织干部群众3000人参加动员大会")] == ["3000人"]


def test_a_means_verb_before_a_count_takes_the_noun_after_it() -> None:
    # 凭借80分平安积分, 依靠300名网格员: the means opens the clause, the counted noun follows
    assert [m.indicator for m in find_metrics("凭借80分平安积分兑换了一袋大米")] == ["平安积分"]
    assert [m.indicator for m in find_metrics("依靠300名网格员")] == ["网格员"]


def test_a_one_character_noun_after_a_quoted_list_names_the_whole() -> None:
    # “党建、综治、网格”三张网: the count names the quoted list by the noun after its measure word
    assert [m.indicator for m in find_metrics("玉树市织密“党建、综治、网格”三张网。")] == ["网"]
    assert [m.indicator for m in find_metrics("建强“党员、网格员、志愿者”三支队伍")] == ["队伍"]


def test_numerals_read_digit_by_digit_are_a_name() -> None:
    # 五一路, 八一路: a road named by a date, no count of roads; 三十五件 keeps its 十
    assert find_metrics("巡逻队重点巡查五一路、八一路等路段") == []
    assert [m.raw for m in find_metrics("调解纠纷三十五件")] == ["三十五件"]


def test_an_indefinite_amount_is_no_metric() -> None:
    # 数十人, 几百户: how many is not said
    assert find_metrics("便民服务点前聚集了数十人") == []
    assert find_metrics("民警走访几百户群众") == []
    assert [m.raw for m in find_metrics("民警走访二百户群众")] == ["二百户"]


def test_a_density_per_area_is_background() -> None:
    # 每平方公里6人: how densely the banner is settled, no quantity of work
    assert find_metrics("阿拉善左旗人口稀少,平均密度每平方公里6人") == []
    assert [m.raw for m in find_metrics("全旗建成调解室40个")] == ["40个"]


def test_a_respectively_run_whose_items_are_all_empty_is_skipped_without_failing_the_report() -> None:
    # the words before 分别 name nothing (a quoted slogan, then a year): no item for either value
    sentence = "群众安全感连续三年“三提升”，去年分别为95.1%、96.3%。"
    assert [m.indicator for m in find_metrics(sentence)] == []
    from govkg.loaders.documents import from_text
    from govkg.loaders.extract import extract

    got = extract(from_text("某县推进网格化管理，全县划分网格120个。\n" + sentence, source="t.txt"))
    assert [(m.value, m.unit) for m in got.measurements] == [(120.0, "个")]


def test_weights_of_seized_goods_are_counted() -> None:
    # 公斤, 千克, 克: the weight of drugs or goods seized is a quantity of work, with its multiplier
    found = find_metrics("白山市禁毒支队今年查获冰毒8.6公斤、麻古420克,收缴假酒2.5万千克")
    assert [(m.value, m.unit) for m in found] == [(8.6, "公斤"), (420.0, "克"), (2.5, "万千克")]
    # 千克以上: with no number before it, 千 is no count of grams
    assert [m.raw for m in find_metrics("其中千克以上案件12起")] == ["12起"]


def test_numeral_words_before_joint_work_name_a_mechanism() -> None:
    # 三所联动, 两所(庭)联调: bodies counted in words and then working as one name a mechanism
    assert find_metrics("东乡县推行三所联动、四员合一工作机制。") == []
    assert find_metrics("东乡县推广两所(庭)联调模式。") == []
    # a count in digits, or one whose noun follows the measure word, is still a count
    assert [m.value for m in find_metrics("全县12个派出所联动开展排查。")] == [12.0]
