"""Practice wordings from local reports (taxonomy variants) and discovery of named local programmes.

Every sentence here is invented for the test; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from govkg.loaders.practices import PracticeMatcher


@pytest.fixture(scope="module")
def matcher() -> PracticeMatcher:
    return PracticeMatcher()


def _names(matcher: PracticeMatcher, sentence: str) -> set[str]:
    found = matcher.find(sentence) + matcher.discover(sentence)
    return {m.practice.name for m in found}


@pytest.mark.parametrize(
    ("sentence", "key_name"),
    [
        ("青石县建成综治云平台，接入各乡镇视频资源。", "智慧治理平台"),
        # 衔接 for 对接: the court's and the police's links with mediators
        ("县法院与司法局健全诉调衔接机制。", "诉源治理"),
        ("各派出所设立“警调衔接”工作室。", "诉源治理"),
        ("市里成立社会治理大数据中心，汇集二十个部门数据。", "智慧治理平台"),
        ("区社会治理现代化指挥中心去年投入运行。", "智慧治理平台"),
        ("县公安局推行三级巡防，夜间街面见警率明显提高。", "立体化治安防控体系"),
        ("城区设立街面警务站12个。", "立体化治安防控体系"),
        ("各小区推选楼栋长、楼座长协助物业排查隐患。", "楼长制"),
        ("全县推行一村（社区）一警，民警每周驻村两天。", "一村一警"),
        ("镇司法所深入开展法制宣传进校园活动。", "普法宣传"),
        ("乡里为每个村配备法律顾问，每月坐班一天。", "一村一法律顾问"),
        ("县法院开展执行攻坚专项行动，执结案件三百件。", "执行难攻坚"),
        ("州委政法委推进州域社会治理现代化。", "市域社会治理现代化试点"),
        ("村里组建护村队，轮流夜间值守。", "群防群治"),
        ("北关街道为困难群众统一购买社会治安保险。", "综治保险"),
        ("南岭镇领导干部每月接访下访两次，推动信访积案化解。", "信访工作"),
        ("县政务大厅推行不动产登记一次办，群众少跑腿。", "放管服改革"),
        ("各村坚持三治结合，村规民约管用。", "自治法治德治相结合"),
        ("沿线各村组建义务护路队，开展爱路护路宣传。", "护路联防"),
        ("街道与监护人签订有奖监护协议，落实看护责任。", "严重精神障碍患者管理"),
    ],
)
def test_variant_wordings_map_to_their_key(matcher: PracticeMatcher, sentence: str, key_name: str) -> None:
    assert key_name in _names(matcher, sentence)


@pytest.mark.parametrize(
    ("sentence", "key_name"),
    [
        # a centre that brings 信访 staff under one roof is no 信访 work, nor is a statistic
        ("县综治中心整合公安、司法、信访等力量集中办公。", "信访工作"),
        ("全年信访总量同比下降一成。", "信访工作"),
        ("三年来没有一起纠纷升级为上访。", "信访工作"),
        # a community officer is a person, not a practice
        ("社区民警与居民一起清理楼道杂物。", "社区警务"),
        # hiring a legal adviser for the county government itself is no village adviser
        ("县政府聘请了法律顾问审查重大合同。", "一村一法律顾问"),
        # 执行 as in carrying out a plan
        ("各部门认真执行工作方案。", "执行难攻坚"),
        # 一次|办案: once, while handling a case, no one-visit service
        ("有一次办案时，干警听到村民说起此事。", "放管服改革"),
    ],
)
def test_variant_wordings_do_not_fire_on_ordinary_prose(
    matcher: PracticeMatcher, sentence: str, key_name: str
) -> None:
    assert key_name not in _names(matcher, sentence)


def test_hiring_pattern_surface_is_only_the_hiring(matcher: PracticeMatcher) -> None:
    sentence = "河湾镇为所辖各村全部聘请了法律顾问。"
    (m,) = [m for m in matcher.find(sentence) if m.practice.name == "一村一法律顾问"]
    assert m.surface == "聘请了法律顾问"
    assert sentence[m.start : m.end] == m.surface


def test_traditional_wording_matches_with_original_surface(matcher: PracticeMatcher) -> None:
    sentence = "縣裡推行網格化管理，並建成綜治雲平台。"
    found = {m.practice.name: m for m in matcher.find(sentence)}
    assert found["智慧治理平台"].surface == "綜治雲平台"
    assert found["网格化管理"].surface == "網格化管理"


# --- discovery ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("柳湾村推行“石磨夜话”，村干部晚上听村民讲家长里短。", "石磨夜话"),
        ("东坡社区开设“槐树说和”，邻里小事当天说开。", "槐树说和"),
        ("镇里坚持召开“晒场议事会”，商量村里修路的事。", "晒场议事会"),
        ("派出所推出“马背警务”，民警骑马进牧区办证。", "马背警务"),
        ("青禾村开设“孝善积分超市”，用积分兑换日用品。", "孝善积分超市"),
    ],
)
def test_named_programmes_after_a_setting_up_verb_or_with_a_programme_ending(
    matcher: PracticeMatcher, sentence: str, name: str
) -> None:
    assert name in {m.practice.name for m in matcher.discover(sentence)}


@pytest.mark.parametrize(
    "sentence",
    [
        "群众把“要我参与”变成“我要参与”。",  # a slogan
        "中心建立“受理—分流—办结”工作链条。",  # a workflow slogan
        "推行“一站式”接待，群众少跑腿。",  # a one-stop slogan
        "法庭设立“说事联络员”，及时引导诉前调解。",  # people in a role
        "街道推行“早发现、早报告、早处置”。",  # an enumerated slogan
    ],
)
def test_slogans_roles_and_workflows_are_not_programmes(matcher: PracticeMatcher, sentence: str) -> None:
    assert [m for m in matcher.discover(sentence) if m.practice.origin == "discovered"] == []


def test_programme_resolving_disputes_later_is_mediation_too(matcher: PracticeMatcher) -> None:
    sentence = "石门镇推行“老茶馆说理”工作法，请老党员上门做工作，今年已调处邻里纠纷30余起。"
    names = {m.practice.name for m in matcher.discover(sentence)}
    assert names == {"老茶馆说理", "矛盾纠纷多元化解"}


def test_programme_that_only_deliberates_is_not_mediation(matcher: PracticeMatcher) -> None:
    sentence = "湖滨社区成立“邻里圆桌会”，商量停车和加装电梯的事。"
    names = {m.practice.name for m in matcher.discover(sentence)}
    assert names == {"邻里圆桌会"}


def test_kind_word_in_a_brand_gives_the_brand_and_the_key(matcher: PracticeMatcher) -> None:
    """Rule 4: the key term is only the generic kind word (巡逻队), so the brand stays a programme."""
    names = {m.practice.name for m in matcher.discover("白沙镇组建“椰林平安巡逻队”，夜间巡护村道。")}
    assert names == {"椰林平安巡逻队", "群防群治"}


def test_key_term_in_a_brand_gives_the_key_only(matcher: PracticeMatcher) -> None:
    """Rule 3: a local “X枫桥” is the practice itself; a class named after it is not."""
    assert {m.practice.name for m in matcher.discover("县里打造“山乡枫桥”治理品牌。")} == {"枫桥经验"}
    names = {m.practice.name for m in matcher.discover("市里创新开办“枫桥班”，培训网格员。")}
    assert "枫桥班" in names and "枫桥经验" not in names


def test_mediation_room_brand_gives_the_brand_and_the_key(matcher: PracticeMatcher) -> None:
    names = {m.practice.name for m in matcher.discover("东岭社区设立“老槐树调解室”，由退休教师坐班。")}
    assert names == {"老槐树调解室", "矛盾纠纷多元化解"}
    # in prose the kind word is a practice wording of its own
    assert "矛盾纠纷多元化解" in _names(matcher, "北岭镇在便民服务大厅旁设立调解室。")


def test_kind_word_alone_in_prose_is_not_the_key(matcher: PracticeMatcher) -> None:
    """夜巡 names the practice only at the end of a brand; a police night patrol is no 群防群治."""
    assert "群防群治" in {m.practice.name for m in matcher.discover("石桥镇组建“河湾夜巡”志愿队。")}
    assert "群防群治" not in _names(matcher, "派出所民警坚持夜巡，守护商圈安全。")


def test_households_in_joint_defence_map_to_mass_prevention(matcher: PracticeMatcher) -> None:
    assert "群防群治" in _names(matcher, "南坡社区推行“五户联防”，邻居互相照看门户。")
    assert "群防群治" not in _names(matcher, "全村五户人家都已搬迁。")


def test_safe_unit_creation_campaign_is_the_key_only(matcher: PracticeMatcher) -> None:
    """Rule 7: “平安X”创建 is 平安创建; another quoted creation campaign is the unit's own brand."""
    names = {m.practice.name for m in matcher.discover("北湾镇开展“平安渡口”创建，设立警务点。")}
    assert names == {"平安创建"}
    names = {m.practice.name for m in matcher.discover("东城街道开展“无忧楼院”创建，楼院治安明显好转。")}
    assert names == {"无忧楼院"}


def test_dialogue_programme_with_a_key_term_also_mediates_when_it_settles_disputes(
    matcher: PracticeMatcher,
) -> None:
    sentence = "南门街道推行“楼长议事会”，小区矛盾在楼内就地消化。"
    assert {m.practice.name for m in matcher.discover(sentence)} == {"楼长制", "矛盾纠纷多元化解"}
    # a grid programme whose staff also report disputes is not a mediation programme (C6)
    sentence = "西关社区推行“红色网格”，网格员及时化解邻里纠纷20余起。"
    assert {m.practice.name for m in matcher.discover(sentence)} == {"网格化管理"}


@pytest.mark.parametrize(
    "sentence",
    [
        "县里把赛事安保作为“一号工程”来抓。",
        "法院把诉源治理作为“一把手”工程。",
        "协助社区做好电瓶车“飞线充电”劝阻等工作。",
        "“寨老”说和，纠纷不出寨。",
        "全县打造“一乡一品”调解品牌。",  # a goal for many brands
    ],
)
def test_stock_phrases_and_listed_topics_are_not_programmes(matcher: PracticeMatcher, sentence: str) -> None:
    assert [m for m in matcher.discover(sentence) if m.practice.origin == "discovered"] == []


def test_creation_campaign_with_its_standards_and_an_honour_selection_are_programmes(
    matcher: PracticeMatcher,
) -> None:
    names = {m.practice.name for m in matcher.discover("县司法局制定“守法诚信商户”创建标准和考核办法。")}
    assert names == {"守法诚信商户"}
    names = {m.practice.name for m in matcher.discover("镇里开展“和睦示范户”推荐评选活动。")}
    assert names == {"和睦示范户"}
    # a goal phrase after an ordinary programme word stays a goal
    assert matcher.discover("全面落实“三清三实”工作要求。") == []


def test_enforcement_campaign_is_the_key_only_but_other_campaigns_keep_their_brand(
    matcher: PracticeMatcher,
) -> None:
    """C4: a court campaign named by 执行 is 执行难攻坚 only; a drug campaign keeps its brand."""
    names = {m.practice.name for m in matcher.discover("县法院开展“春雷”执行攻坚行动。")}
    assert names == {"执行难攻坚"}
    names = {m.practice.name for m in matcher.discover("全县组织开展“净土清源”禁毒专项行动。")}
    assert "净土清源" in names


def test_populations_and_topics_are_not_practices(matcher: PracticeMatcher) -> None:
    assert "留守儿童关爱" not in _names(matcher, "心理服务站为留守儿童、空巢老人提供疏导。")
    assert "留守儿童关爱" in _names(matcher, "团县委开展关爱留守儿童志愿服务。")
    assert "打击整治养老诈骗" not in _names(matcher, "围绕食品安全、养老诈骗等问题办理案件。")


def test_brand_with_a_key_descriptor_outside_its_quotes_gives_both(matcher: PracticeMatcher) -> None:
    """Rule 4: the distinctive name has no key term; the descriptor after it names the key."""
    names = {m.practice.name for m in matcher.discover("石岭镇组建“山鹰”网格服务队，定期入户走访。")}
    assert names == {"山鹰", "网格化管理"}
    # a formula is not a brand: it stays with its descriptor and gives the key only
    assert _names(matcher, "全县推行“一张网”网格化服务管理。") == {"网格化管理"}


def test_variant_forms_fold_like_their_traditional_twins(matcher: PracticeMatcher) -> None:
    """opencc leaves some variant forms (衞, 鄕, 擧) alone; the shipped table folds them, length kept."""
    from govkg.loaders.documents import fold

    text = "鄕鎭擧辦衞生普法"
    assert fold(text) == "乡镇举办卫生普法" and len(fold(text)) == len(text)
    (m,) = matcher.find("北岭鄕推行網格化管理。")
    assert m.practice.name == "网格化管理"
