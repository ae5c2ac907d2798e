"""Tests for the region gazetteer and the region mention matcher."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from govkg.loaders.extraction import Region, UnresolvedPlace
from govkg.loaders.regions import Gazetteer, RegionMatcher, RegionMention

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

BAOTOU = ("150200", "150000")
DONGHE = ("150202", *BAOTOU)
YUZHOU = ("411081", "411000", "410000")
DELINGHA = ("632802", "632800", "630000")
GOLMUD = ("632801", "632800", "630000")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def matcher(gaz: Gazetteer) -> RegionMatcher:
    return RegionMatcher(gaz)


def names(found: list[RegionMention]) -> list[str]:
    return [m.region.name for m in found]


def one(matcher: RegionMatcher, text: str, scope: tuple[str, ...] = ()) -> RegionMention:
    found = matcher.find(text, scope)
    assert len(found) == 1, found
    return found[0]


# -- gazetteer ---------------------------------------------------------------------------------
def test_default_is_a_singleton(gaz: Gazetteer) -> None:
    assert Gazetteer.default() is gaz


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("150203", ["昆都仑区", "包头市", "内蒙古自治区"]),
        ("411081", ["禹州市", "许昌市", "河南省"]),
        ("632801", ["格尔木市", "海西蒙古族藏族自治州", "青海省"]),
        ("110105", ["朝阳区", "北京市"]),  # 直辖市 district: no 市辖区 pseudo level
        ("500118", ["永川区", "重庆市"]),
        ("419001", ["济源市", "河南省"]),  # province-administered county-level city
    ],
)
def test_chains(gaz: Gazetteer, code: str, expected: list[str]) -> None:
    assert [r.name for r in gaz.chain(code)] == expected


def test_levels_and_parents(gaz: Gazetteer) -> None:
    haixi = gaz.get("632800")
    assert haixi is not None
    assert (haixi.level, haixi.parent_code, haixi.short) == ("prefecture", "630000", "海西")
    assert "海西州" in haixi.aliases
    assert gaz.get("150000") == Region("150000", "内蒙古自治区", "province", None, "内蒙古", ())
    dachaidan = gaz.get("632857")
    assert dachaidan is not None and dachaidan.level == "county"
    street = gaz.get("632802:河西街道")
    assert street is not None and street.level == "township" and street.parent_code == "632802"


def test_every_region_code_begins_with_its_provinces_two_digits(gaz: Gazetteer) -> None:
    # the catalog's `within` filters rely on it (a prefix test before the list lookup)
    loose = []
    provinces = [f"{n}0000" for n in range(11, 83) if gaz.get(f"{n}0000") is not None]
    assert len(provinces) == 34
    for code in provinces:
        stack = [code]
        while stack:
            here = stack.pop()
            for child in gaz.children(here):
                if not child.code.startswith(code[:2]):
                    loose.append(child.code)
                if child.level in ("prefecture", "county"):
                    stack.append(child.code)
    assert loose == []
    local = gaz.make_local("某某街道", "township", "411104")
    assert local.code.startswith("41")


def test_communities_of_a_functional_zone_hang_on_its_county_or_city(gaz: Gazetteer) -> None:
    # 合肥高新区 lists its communities under 社区服务中心 units, which are no 区划 township: the
    # zone is no region, but its communities are, under the city the zone belongs to
    (community,) = gaz.under("340100", "天乐社区")
    assert (community.level, community.parent_code) == ("community", "340100")
    assert not gaz.under("340100", "天乐社区服务中心")


def test_a_functional_zone_before_a_community_bounds_its_name(matcher: RegionMatcher) -> None:
    scope = ("340100", "340000")  # 合肥市
    # the zone is no region; the community after it is found as if the zone were not written
    assert names(matcher.find("合肥高新区天乐社区组建义警队。", scope)) == ["天乐社区"]
    assert names(matcher.find("高新区天乐社区组建义警队。", scope)) == ["天乐社区"]
    assert names(matcher.find("经开区天乐社区组建义警队。", scope)) == ["天乐社区"]


def test_a_beijing_area_office_is_the_township_it_stands_for(gaz: Gazetteer, matcher: RegionMatcher) -> None:
    # 东坝地区 (朝阳区) is the 区划 data's name of the 乡 reports still write as 东坝乡
    (area,) = gaz.under("110105", "东坝乡")
    assert (area.name, area.level) == ("东坝地区", "township")
    assert names(matcher.find("东坝乡组建护河巡逻队。", ("110105", "110000"))) == ["东坝地区"]


def test_a_township_since_made_a_street_is_found_under_its_new_name(matcher: RegionMatcher) -> None:
    scope = ("540102", "540100", "540000")  # 拉萨市城关区, whose 乡 have become 街道
    assert names(matcher.find("蔡公堂乡白定村修订护林公约。", scope)) == ["蔡公堂街道", "白定村"]


def test_a_township_listed_after_its_county_name_is_known_by_its_own(gaz: Gazetteer) -> None:
    # the source lists some counties' units as 召陵区翟庄街道: the unit is 翟庄街道
    street = gaz.get("411104:翟庄街道")
    assert street is not None and street.name == "翟庄街道" and "召陵区翟庄街道" in street.aliases
    assert gaz.get("411104:召陵区翟庄街道") is None
    assert "燕山路社区" in [c.name for c in gaz.children("411104:翟庄街道")]  # its communities follow it
    # … and under a 兵团 city with 兵团 before the city's name
    town = gaz.get("659003:喀拉拜勒镇")
    assert town is not None and town.name == "喀拉拜勒镇"
    assert gaz.get("659003:兵团图木舒克市喀拉拜勒镇") is None
    for county in ("411104", "150929", "410928"):  # 召陵区, 四子王旗, 濮阳县
        name = gaz.get(county).name  # type: ignore[union-attr]
        towns = [t.name for t in gaz.children(county) if t.level == "township"]
        assert towns and not [t for t in towns if t.startswith(name)], county


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("昆区", "昆都仑区"),
        ("海西州", "海西蒙古族藏族自治州"),
        ("达茂旗", "达尔罕茂明安联合旗"),
        ("格尔木", "格尔木市"),
        ("包头", "包头市"),
        ("茫崖行委", "茫崖市"),
        ("冷湖行委", "茫崖市"),  # merged into 茫崖市 in 2018
        ("大柴旦行委", "大柴旦行政委员会"),  # still its own county-level unit
        ("湟中县", "湟中区"),  # a 县 since made a 区
        ("襄樊市", "襄阳市"),  # renamed 2010
        ("克州", "克孜勒苏柯尔克孜自治州"),  # dataset alias column
        ("鄂温克旗", "鄂温克族自治旗"),
        ("新疆", "新疆维吾尔自治区"),
        # an autonomous unit written with its ethnic words dropped and 自治 kept
        ("镇宁自治县", "镇宁布依族苗族自治县"),
        ("黔东南自治州", "黔东南苗族侗族自治州"),
        ("鄂伦春自治旗", "鄂伦春自治旗"),
        # a short people's name without its 族 before 自治 is dropped from the short form too
        ("博尔塔拉州", "博尔塔拉蒙古自治州"),
        ("察布查尔县", "察布查尔锡伯自治县"),
        ("和布克赛尔县", "和布克赛尔蒙古自治县"),
        # hand-kept colloquial abbreviations of 盟, 旗 and 州
        ("锡盟", "锡林郭勒盟"),
        ("翁旗", "翁牛特旗"),
        ("呼市", "呼和浩特市"),
        ("哈市", "哈尔滨市"),
        ("博州", "博尔塔拉蒙古自治州"),
    ],
)
def test_lookup_aliases_and_former_names(gaz: Gazetteer, surface: str, name: str) -> None:
    assert name in [r.name for r in gaz.lookup(surface)]


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        # one banner abbreviation, two banners in different leagues: each is a candidate
        ("阿旗", {"阿荣旗", "阿鲁科尔沁旗"}),
        ("扎旗", {"扎赉特旗", "扎鲁特旗"}),
        ("和林县", {"和林格尔县"}),
        ("东苏旗", {"苏尼特左旗"}),
        ("西苏旗", {"苏尼特右旗"}),
        ("鄂伦春旗", {"鄂伦春自治旗"}),
    ],
)
def test_colloquial_banner_and_county_abbreviations(gaz: Gazetteer, surface: str, expected: set[str]) -> None:
    assert {r.name for r in gaz.lookup(surface)} == expected


def test_a_shared_banner_abbreviation_goes_to_the_banner_of_the_city_written_before_it(
    matcher: RegionMatcher,
) -> None:
    assert names(matcher.find("通辽市扎旗某镇召开调解员培训会。"))[:2] == ["通辽市", "扎鲁特旗"]
    assert names(matcher.find("兴安盟扎旗组织网格员开展入户走访。"))[:2] == ["兴安盟", "扎赉特旗"]
    assert names(matcher.find("赤峰市阿旗司法局举办法律讲座。"))[:2] == ["赤峰市", "阿鲁科尔沁旗"]


@pytest.mark.parametrize(
    ("former", "name"),
    [
        # 撤县设区/撤县设市 under a new name: the former name is today's unit (guidelines rule 10)
        ("华县", "华州区"),
        ("户县", "鄠邑区"),
        ("郫县", "郫都区"),
        ("鄞县", "鄞州区"),
        ("蓟县", "蓟州区"),
        ("许昌县", "建安区"),
        ("绍兴县", "柯桥区"),
        ("遵义县", "播州区"),
        ("玉树县", "玉树市"),
        ("星子县", "庐山市"),
        ("林芝县", "巴宜区"),
    ],
)
def test_former_county_names_renamed_on_becoming_districts_or_cities(
    gaz: Gazetteer, former: str, name: str
) -> None:
    assert name in [r.name for r in gaz.lookup(former)]


def test_a_city_name_before_county_words_is_the_city_not_its_former_namesake_county(
    matcher: RegionMatcher,
) -> None:
    assert names(matcher.find("许昌县推行村级网格化管理。")) == ["建安区"]
    # 县(市、区), 县区, 县级 after a city's name count its counties: the city, not the old 许昌县
    assert names(matcher.find("许昌县(市、区)三级综治中心均已挂牌。"))[:1] == ["许昌市"]
    assert names(matcher.find("绍兴县级矛调中心实现全覆盖。"))[:1] == ["绍兴市"]
    # a county that still bears the city's name keeps it
    assert names(matcher.find("长沙县级综治中心挂牌运行。"))[:1] == ["长沙县"]


def test_a_prefecture_known_by_a_two_character_colloquial_name(gaz: Gazetteer) -> None:
    assert [r.code for r in gaz.lookup("版纳")] == ["532800"]


def test_a_town_under_an_autonomous_county_written_short_is_found_there(matcher: RegionMatcher) -> None:
    found = matcher.find("镇宁自治县宁西街道综治中心开展调解。")
    (county,) = matcher.gazetteer.lookup("镇宁布依族苗族自治县")
    assert [m.region.name for m in found] == ["镇宁布依族苗族自治县", "宁西街道"]
    assert found[-1].region.parent_code == county.code


def test_ethnic_townships_have_official_names_and_place_stems(gaz: Gazetteer, matcher: RegionMatcher) -> None:
    # the source tree drops the 族 of a long people's name; the official name keeps it
    assert [r.name for r in gaz.lookup("德外里都如克哈萨克乡")] == ["德外里都如克哈萨克族乡"]
    found = matcher.find("伊州区德外里都如克乡建起法律服务站。")
    assert names(found) == ["伊州区", "德外里都如克哈萨克族乡"]
    # a 民族乡 is known by the place's name before the people's (查巴奇 for 查巴奇鄂温克民族乡)
    assert [r.name for r in gaz.lookup("查巴奇")] == ["查巴奇鄂温克民族乡"]
    assert [r.name for r in gaz.lookup("乌什塔拉")] == ["乌什塔拉回族民族乡"]


def test_long_transliterated_village_names_are_found_when_listed(matcher: RegionMatcher) -> None:
    found = matcher.find("阿瓦提县阿依巴格乡玉斯屯克阿依库勒村组建巡逻队。")
    assert names(found) == ["阿瓦提县", "阿依巴格乡", "玉斯屯克阿依库勒村"]
    # a long stem the data do not list is not made up
    found = matcher.find("阿瓦提县阿依巴格乡托万克阿依库勒尔提村组建巡逻队。")
    assert names(found) == ["阿瓦提县", "阿依巴格乡"]


def test_a_county_written_short_before_a_station_named_after_no_unit(matcher: RegionMatcher) -> None:
    # 城郊, 火车站: a county's station named after no 区划 unit is the county's (guideline 8)
    assert names(matcher.find("，旬阳城郊派出所开展夜间巡逻。")) == ["旬阳市"]
    assert names(matcher.find("，旬阳火车站派出所开展反诈宣传。")) == ["旬阳市"]
    # a bare short name glued to an ordinary word still names nothing
    assert names(matcher.find("，旬阳城郊公路正在修建。")) == []


def test_a_street_written_short_before_its_community(matcher: RegionMatcher) -> None:
    # X街 for X街道 right after the district, then the community under that street
    found = matcher.find("九原区沙河街赛音道社区开展排查。")
    assert [(m.surface, m.region.name, m.region.level) for m in found] == [
        ("九原区", "九原区", "county"),
        ("沙河街", "沙河街道", "township"),
        ("赛音道社区", "赛音道社区", "community"),
    ]
    assert found[-1].region.parent_code == found[1].region.code


def test_street_office_alias(gaz: Gazetteer) -> None:
    assert [r.code for r in gaz.lookup("颍川办")] == ["411081:颍川街道"]


def test_short_needs_two_chars(gaz: Gazetteer) -> None:
    he = gaz.get("340523")
    assert he is not None and (he.name, he.short) == ("和县", "")  # 和 alone is one character
    sha = gaz.get("350405")
    assert sha is not None and (sha.name, sha.short) == ("沙县区", "沙县")


def test_ambiguous_lookup_returns_all(gaz: Gazetteer) -> None:
    codes = {r.code for r in gaz.lookup("河西街道")}
    assert {"632802:河西街道", "632801:河西街道"} <= codes


def test_children_and_lazy_villages(gaz: Gazetteer) -> None:
    kids = {r.name for r in gaz.children("632802")}
    assert {"河西街道", "河东街道", "尕海镇"} <= kids
    communities = gaz.children("632802:河西街道")
    assert "尕南庄社区" in [c.name for c in communities]
    assert all(c.parent_code == "632802:河西街道" for c in communities)
    assert {c.level for c in communities} <= {"community", "village"}


def test_make_local_changes_nothing(gaz: Gazetteer) -> None:
    local = gaz.make_local("红柳湾社区", "community", "150202")
    assert local.code == "150202:红柳湾社区"
    assert (local.level, local.parent_code) == ("community", "150202")
    assert gaz.get(local.code) is None  # made for one text, never stored in the shared gazetteer


# -- matcher: context rules ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "平安是人民幸福安康的基本要求",
        "长治久安",
        "实现社会稳定和长治久安",
        "大庆安保公司",
        "城区350户",
        "平安建设",
        "和平",
        "新时代",
        "建立健全“四会”组织",  # a quoted count that is all a short name
        "贵安新区警方开展夜间巡逻",  # 安新 glued to 贵 and followed by 区, not its own 县
        "打造“枫桥”品牌",
    ],
)
def test_ordinary_words_are_not_places(matcher: RegionMatcher, text: str) -> None:
    assert matcher.find(text) == []
    assert matcher.find(text, DONGHE) == []


def test_a_short_name_after_a_verb_keeps_its_own_level_word(matcher: RegionMatcher) -> None:
    assert names(matcher.find("省里大力支持包头市开展试点。")) == ["包头市"]


def test_short_names_with_level_or_agency_words(matcher: RegionMatcher) -> None:
    assert names(matcher.find("包头交警开展夜查")) == ["包头市"]
    assert names(matcher.find("昆区法院受理")) == ["昆都仑区"]
    assert names(matcher.find("在格尔木，")) == ["格尔木市"]
    assert names(matcher.find("长治市委")) == ["长治市"]
    # 高院 is a province's high court: 甘肃高院 names the province
    assert names(matcher.find("甘肃高院指导各级法院开展诉前调解")) == ["甘肃省"]


def test_well_known_names_after_a_preposition(matcher: RegionMatcher) -> None:
    assert names(matcher.find("中央政法委在北京召开会议，组织干部赴浙江学习")) == ["北京市", "浙江省"]
    assert names(matcher.find("西藏、新疆各族群众")) == ["西藏自治区", "新疆维吾尔自治区"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("近年来，延边推进市域社会治理现代化试点。", "延边朝鲜族自治州"),
        ("包头坚持专项治理。", "包头市"),
        ("贺州创建边界联调机制。", "贺州市"),
    ],
)
def test_a_well_known_short_name_heading_its_clause_is_a_place(
    matcher: RegionMatcher, text: str, name: str
) -> None:
    assert names(matcher.find(text)) == [name]
    # not when the short name runs into an ordinary word
    assert matcher.find("实现社会稳定和长治久安。") == []


def test_generic_district_needs_its_city(matcher: RegionMatcher) -> None:
    assert names(matcher.find("阳泉市城区")) == ["阳泉市", "城区"]
    assert matcher.find("城区") == []


@pytest.mark.parametrize(
    ("text", "role", "name"),
    [
        ("青岛上合峰会期间", "event", "青岛市"),
        ("据滨州日报报道", "media", "滨州市"),
        ("包头日报", "media", "包头市"),
        ("包头电视台", "media", "包头市"),
        ("据包头网报道", "media", "包头市"),
        # 网格/网络 after a name is the unit's grid, no outlet
        ("包头市网格员入户走访", "actor", "包头市"),
        ("深入推进平安包头建设", "modifier", "包头市"),
        ("包头市委召开会议", "actor", "包头市"),
        ("某派出所建成包头市第一个警务调解室", "modifier", "包头市"),
        ("建成滨州市首家法律服务驿站", "modifier", "滨州市"),
        ("滨州市首创三张清单", "actor", "滨州市"),
    ],
)
def test_roles(matcher: RegionMatcher, text: str, role: str, name: str) -> None:
    m = one(matcher, text)
    assert (m.region.name, m.role) == (name, role)


def test_a_well_known_name_heading_a_first_is_named(matcher: RegionMatcher) -> None:
    # 漳州首个…: the place a first happened in heads the headline; it is named (as the field of
    # the first), so the text is about it
    title = "漳州首个智慧警务室揭牌"
    assert [(m.region.name, m.role) for m in matcher.find(title)] == [("漳州市", "modifier")]
    subject = matcher.infer_subject(f"{title}。我市警务改革持续深化。", title)
    assert subject is not None and subject.name == "漳州市"
    # glued to a word before it, the name is still no place (新漳州首个 is no heading)
    assert matcher.find("打造新漳州首个样板") == []


def test_a_time_phrase_closes_the_words_before_a_name(matcher: RegionMatcher) -> None:
    # 2021年以来广西推进…: 来 ends the time phrase, the province heads the clause
    assert names(matcher.find("2021年以来广西全面推进调解组织建设")) == ["广西壮族自治区"]
    assert names(matcher.find("近年来包头坚持联防联控")) == ["包头市"]


def test_a_provinces_short_name_wins_the_characters_it_shares(matcher: RegionMatcher) -> None:
    # 奋力建设美丽新宁夏: 宁夏 (glued to 新, so read as no actor here), never 湖南's 新宁县
    # with a stray 夏 after it
    assert "新宁县" not in names(matcher.find("奋力建设美丽新宁夏"))
    assert names(matcher.find("在宁夏推进平安建设")) == ["宁夏回族自治区"]
    assert names(matcher.find("湖南新宁推进平安建设")) == ["湖南省", "新宁县"]


def test_places_an_operation_reached_are_not_the_subject(matcher: RegionMatcher) -> None:
    # a raid 在甲、乙、丙等地: the listed provinces are where it went, the unit named first acts
    title = "派出所破获一起网络诈骗案"
    text = (
        "今年以来，湖南省株洲市公安局芦淞分局建宁派出所持续打击电信诈骗。"
        "民警先后在广东、福建、浙江、江西赣州等地抓获嫌疑人12名。"
        "株洲市公安局芦淞分局对该所工作给予肯定。"
    )
    subject = matcher.infer_subject(text, title)
    assert subject is not None and subject.name == "株洲市"


def test_a_name_glued_after_a_unit_lies_inside_it(matcher: RegionMatcher) -> None:
    # 毕节市水田镇: the data's 水田镇 are 贵阳's and 昭通's, not 毕节's; the province 贵州 that
    # one of them shares with 毕节 does not place the town under another city
    assert names(matcher.find("贵州省毕节市水田镇的村民赶来调解")) == ["贵州省", "毕节市"]
    assert names(matcher.find("贵阳市乌当区水田镇的村民赶来调解")) == ["贵阳市", "乌当区", "水田镇"]


def test_offsets_and_no_overlap(matcher: RegionMatcher) -> None:
    text = "内蒙古自治区包头市东河区河东街道工作"
    found = matcher.find(text)
    assert names(found) == ["内蒙古自治区", "包头市", "东河区", "河东街道"]
    for m in found:
        assert text[m.start : m.end] == m.surface
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


# -- matcher: resolution -------------------------------------------------------------------------
def test_ambiguous_street_follows_scope(matcher: RegionMatcher) -> None:
    assert one(matcher, "河西街道", DELINGHA).region.code == "632802:河西街道"
    assert one(matcher, "河西街道", GOLMUD).region.code == "632801:河西街道"
    assert matcher.find("河西街道") == []  # no way to decide


def test_ambiguous_street_follows_earlier_mention(matcher: RegionMatcher) -> None:
    found = matcher.find("格尔木市河西街道和德令哈市河西街道")
    assert [m.region.code for m in found] == ["632801", "632801:河西街道", "632802", "632802:河西街道"]


def test_higher_level_wins_without_scope(matcher: RegionMatcher) -> None:
    assert one(matcher, "吉林、").region.name == "吉林省"
    assert one(matcher, "吉林、", ("220200", "220000")).region.name == "吉林市"


def test_glued_name_must_lie_inside(matcher: RegionMatcher) -> None:
    # 格尔木 has no 东城区; Beijing's must not be picked up here
    assert names(matcher.find("如格尔木东城区", GOLMUD)) == ["格尔木市"]


def test_street_office_in_scope(matcher: RegionMatcher) -> None:
    m = one(matcher, "以颍川办“大伟说事”为例", YUZHOU)
    assert (m.surface, m.region.name) == ("颍川办", "颍川街道")
    assert matcher.find("创新开办“枫桥班”", YUZHOU) == []


def test_bare_township_stems_of_scope_county(matcher: RegionMatcher) -> None:
    found = matcher.find("以褚河、颍川、韩城、古城等为代表", YUZHOU)
    assert names(found) == ["褚河镇", "颍川街道", "韩城街道", "古城镇"]


def test_community_under_its_street(matcher: RegionMatcher) -> None:
    found = matcher.find("河西街道尕南庄社区", DELINGHA)
    assert names(found) == ["河西街道", "尕南庄社区"]
    assert found[1].region.level == "community"
    assert found[1].region.parent_code == "632802:河西街道"


def test_community_drops_committee_word(matcher: RegionMatcher) -> None:
    m = one(matcher, "尕南庄社区居委会", DELINGHA)
    assert m.surface == "尕南庄社区居委会"
    assert m.region.name == "尕南庄社区"


def test_pattern_unit_attached_to_nearest_parent(matcher: RegionMatcher) -> None:
    unresolved: list[UnresolvedPlace] = []
    found = matcher.find("先后打造了安居社区、铁西街道俪城社区等", DONGHE, unresolved)
    # 俪城社区 is written after its street (a full chain); 安居社区 alone is in no data under 东河区
    assert names(found) == ["铁西街道", "俪城社区"]
    assert found[1].region.parent_code == "150202:铁西街道"
    assert [u.surface for u in unresolved] == ["安居社区"]


def test_full_chain_unit_serves_its_bare_mentions_in_the_same_text(matcher: RegionMatcher) -> None:
    text = "安居社区组建巡逻队。铁西街道安居社区推行楼长制。"
    found = matcher.find(text, DONGHE)
    assert names(found) == ["安居社区", "铁西街道", "安居社区"]
    assert found[0].region == found[2].region
    assert found[0].region.parent_code == "150202:铁西街道"


def test_pattern_matches_that_are_no_places_stay_unresolved(matcher: RegionMatcher) -> None:
    unresolved: list[UnresolvedPlace] = []
    text = "该镇联合镇总工会设立驿站，干部深入村寨走访，在沿线村开展巡逻。"
    assert matcher.find(text, DONGHE, unresolved) == []
    assert unresolved  # kept for debugging, never a region


def test_no_unit_is_made_of_a_count_of_units_or_of_urbanisation(matcher: RegionMatcher) -> None:
    # right after a county, a pattern unit is made for the text; a count of units (三乡两镇) or
    # the noun 城镇化 is none, while a town doing 化解 still is one
    assert names(matcher.find("东河区三乡两镇组建巡逻队。", DONGHE)) == ["东河区"]
    assert names(matcher.find("东河区直面城镇化带来的挑战。", DONGHE)) == ["东河区"]
    assert names(matcher.find("东河区古城镇化解纠纷30件。", DONGHE)) == ["东河区", "古城镇"]


def test_a_verb_of_location_before_a_level_word_makes_no_unit(matcher: RegionMatcher) -> None:
    # right after a county, 地处城乡接合部 is where the county lies, not a township 地处城乡;
    # a listed township ending in 城乡 right after its county is still found
    assert names(matcher.find("东河区地处城乡接合部，流动人口多。", DONGHE)) == ["东河区"]
    assert names(matcher.find("东河区位于城乡之间。", DONGHE)) == ["东河区"]
    assert names(matcher.find("九原区处于城镇边缘。", DONGHE)) == ["九原区"]
    # so do the verbs of a study visit: 观摩学习县乡综治中心 names the centres of two levels
    assert names(matcher.find("干部赴九原区观摩学习县乡综治中心。", DONGHE)) == ["九原区"]
    found = matcher.find("迁西县旧城乡组建巡逻队。", ("130227", "130200", "130000"))
    assert names(found) == ["迁西县", "旧城乡"]


def test_a_verb_of_setting_up_before_a_level_word_makes_no_unit(matcher: RegionMatcher) -> None:
    # 共成立社区调解组织, 新设立村警务室: what is set up follows the verb, no community 共成立社区
    found = matcher.find("河东街道共成立社区调解组织9个，新设立村警务室4个。", DONGHE)
    assert names(found) == ["河东街道"]


def test_a_township_name_whose_xiang_opens_a_word_is_no_township(matcher: RegionMatcher) -> None:
    # 联合乡 is a township in several counties, but in 联合乡贤 the 乡 opens 乡贤 (local worthies)
    mianning = ("513433", "513400", "510000")
    assert matcher.find("村“两委”联合乡贤、老党员调处纠纷。", mianning) == []
    assert names(matcher.find("冕宁县联合乡组建巡逻队。", mianning)) == ["冕宁县", "联合乡"]


def test_a_township_written_with_its_new_word_is_the_listed_one(matcher: RegionMatcher) -> None:
    # 武隆区 (500156) lists 凤来乡; a text written after it became a town calls it 凤来镇
    m = one(matcher, "凤来镇组建巡逻队", ("500156", "500000"))
    assert m.region.name == "凤来乡" and m.surface == "凤来镇"


def test_a_verb_before_a_level_word_makes_no_unit(matcher: RegionMatcher) -> None:
    # 协调镇派出所 is “coordinate with the town's station”, 发挥村议事会 “use the village's council”
    unresolved: list[UnresolvedPlace] = []
    text = "中心协调镇派出所调取记录，充分发挥村议事会作用，干部下沉村组走访。"
    assert matcher.find(text, DONGHE, unresolved) == [] and unresolved == []
    # 仅 (only) before a village is no part of its name
    unresolved = []
    matcher.find("仅红柳村一村就调解纠纷20起。", DONGHE, unresolved)
    assert [u.surface for u in unresolved] == ["红柳村"]


def test_a_township_beside_one_of_its_county_named_before_is_placed(matcher: RegionMatcher) -> None:
    # no scope: 坪塘街道 and 雨敞坪镇 both lie in 岳麓区, the second anchored by the first
    found = matcher.find("坪塘街道推行工作法；雨敞坪镇深化议事机制。")
    assert names(found) == ["坪塘街道", "雨敞坪镇"]


def test_a_short_name_opening_a_quoted_coinage_is_no_place(matcher: RegionMatcher) -> None:
    # 同心 is 同心县's short name and 共 may follow a place (某县共…); inside quotes it is a word
    assert matcher.find("推动“单打独斗”向“同心共联”转变。", DONGHE) == []
    assert names(matcher.find("“包头市委”", ())) == ["包头市"]


def test_ethnic_township_written_without_its_people(matcher: RegionMatcher) -> None:
    # 勐海县 (532822) has 布朗山布朗族乡; the text writes 布朗山乡
    m = one(matcher, "布朗山乡组建巡逻队", ("532822", "532800", "530000"))
    assert m.region.name == "布朗山布朗族乡"
    assert m.surface == "布朗山乡"


def test_generic_nouns_are_not_units(matcher: RegionMatcher) -> None:
    text = "全市120个社区和农村社区、城乡社区建设，各乡镇，切实做好社区矫正，护航乡村振兴，特色小镇"
    assert matcher.find(text, DONGHE) == []


def test_a_listed_name_ending_in_a_conjunction_character_is_found(matcher: RegionMatcher) -> None:
    # 和 is a conjunction in prose, but 景和镇 (河间市) and 格朗和乡 (勐海县, written without its
    # people) end in it; the data decide, and 县里和乡镇 stays prose
    hejian = ("130984", "130900", "130000")
    assert names(matcher.find("景和镇组建巡逻队。", hejian)) == ["景和镇"]
    menghai = ("532822", "532800", "530000")
    assert [m.region.name for m in matcher.find("格朗和乡设立调解室。", menghai)] == ["格朗和哈尼族乡"]
    assert matcher.find("县里和乡镇干部一起走访。", menghai) == []


def test_spelling_variant_resolves_to_dataset_unit(matcher: RegionMatcher) -> None:
    m = one(matcher, "杨圪塄街道", DONGHE)
    assert m.surface == "杨圪塄街道"
    assert m.region.code == "150202:杨圪楞街道"


def test_renamed_units_in_text(matcher: RegionMatcher) -> None:
    assert one(matcher, "茫崖行委", ("632800", "630000")).region.code == "632803"
    assert one(matcher, "湟中县").region.name == "湟中区"


def test_township_elsewhere_is_ignored_in_scope(matcher: RegionMatcher) -> None:
    # 苏木乡 exists in 河南, but in an Inner Mongolia report "苏木乡镇" is 苏木 and 乡镇
    assert matcher.find("全面推进区、苏木乡镇(街道)", BAOTOU) == []


# -- subject -------------------------------------------------------------------------------------
def test_infer_subject_prefers_title_and_county(matcher: RegionMatcher) -> None:
    text = "包头市东河区推进试点。东河区各街道开展工作。东河区获评先进。"
    subject = matcher.infer_subject(text, "包头市东河区市域社会治理试点")
    assert subject is not None and subject.name == "东河区"
    assert matcher.infer_subject("没有地名的文字") is None


def test_an_upper_body_inspecting_a_unit_below_leaves_that_unit_the_subject(matcher: RegionMatcher) -> None:
    # the city's committee that inspects the district is the visitor, however often it is named
    title = "宝鸡市委政法委副书记一行调研督导陈仓区平安建设工作"
    text = f"{title}。宝鸡市督导组查看了区综治中心和虢镇街道网格化服务管理中心。"
    subject = matcher.infer_subject(text, title)
    assert subject is not None and subject.name == "陈仓区"
    title = "宝鸡市委政法委一行到陈仓区督导检查平安建设"
    subject = matcher.infer_subject(f"{title}。宝鸡市督导组查看了区综治中心。", title)
    assert subject is not None and subject.name == "陈仓区"
    # a delegation of a peer unit visiting to learn still leaves the visitor's report its own
    title = "凤翔区政法委一行赴陈仓区考察学习"
    subject = matcher.infer_subject(f"{title}。凤翔区随后推行网格化管理。", title)
    assert subject is not None and subject.name == "凤翔区"


def test_a_street_named_beside_a_same_name_district_says_which_district_it_is(matcher: RegionMatcher) -> None:
    # 鼓楼区 is a district of four cities; 五凤街道 lies only in 福州's, so the report is that one's
    text = "9月5日，鼓楼区召开平安建设推进会，部署下半年工作。\n区公安分局作了通报。五凤街道作交流发言。"
    assert matcher.infer_subject(text) is None
    county = matcher.street_county(text)
    assert county[:1] == ("350102",)
    subject = matcher.infer_subject(text, lead=county)
    assert subject is not None and subject.code == "350102"
    # with no street to say which, nothing
    assert matcher.street_county("9月5日，鼓楼区召开平安建设推进会。") == ()


def test_a_paper_dateline_places_a_same_name_street_in_its_city(matcher: RegionMatcher) -> None:
    # 济阳街道 is a street of both 济南 and 济宁: a 济宁 paper's dateline says which one
    text = "本报济宁讯 日前，济阳街道把辖区划成若干网格并配齐网格员。"
    found = matcher.find(text)
    assert (found[0].surface, found[0].role) == ("济宁", "media")
    assert found[-1].region.code.startswith("3708")
    subject = matcher.infer_subject(text)
    assert subject is not None and subject.name == "济宁市"


def test_a_national_outlets_dateline_sets_no_subject(matcher: RegionMatcher) -> None:
    # the head office (北京) is no place at all; a bureau city is a lead, never the subject
    head_office = matcher.find("新华社北京电 日前，勐遮镇为各村寨配齐驻村辅警。")
    assert all(m.region.name != "北京市" for m in head_office)
    text = "中新网昆明电 日前，勐遮镇为各村寨配齐驻村辅警。"
    assert [m.role for m in matcher.find(text) if m.surface == "昆明"] == ["media"]
    assert matcher.infer_subject(text) is None


def test_leading_names_of_a_chain_only_say_where_the_last_lies(matcher: RegionMatcher) -> None:
    # a title-less text that opens with 省+县 and names the province again: the county it is about
    title = "近年来,新疆维吾尔自治区福海县围绕关于新疆工作的部署推进平安建设"
    text = f"{title}。该县建成综治中心。福海县推行网格化管理。"
    subject = matcher.infer_subject(text, title)
    assert subject is not None and subject.name == "福海县"


def test_the_places_a_delegation_visits_are_not_the_subject(matcher: RegionMatcher) -> None:
    # the counties visited are named more often; the one that sends the delegation is the subject
    title = "和林格尔县政法干部赴托克托县、土默特左旗观摩学习"
    text = (
        "6月3日,和林格尔县委政法委带领各镇干部赴托克托县、土默特左旗考察网格化管理。"
        "托克托县介绍了网格经验。土默特左旗介绍了调解工作。土默特左旗综治中心作了交流。"
    )
    subject = matcher.infer_subject(text, title)
    assert subject is not None and subject.name == "和林格尔县"


def test_a_title_naming_only_a_township_makes_it_the_subject(matcher: RegionMatcher) -> None:
    # no county is named; the neighbour across the border must not take the report
    title = "千家峒瑶族乡:织密群防群治网"
    text = "千家峒瑶族乡与广西富川朝东镇交界。近年来,千家峒瑶族乡组建巡逻队。该乡化解纠纷30起。"
    subject = matcher.infer_subject(text, title)
    assert subject is not None and subject.name == "千家峒瑶族乡"


def test_a_text_that_calls_itself_our_county_is_the_countys(matcher: RegionMatcher) -> None:
    # the city it visits is named more often, but 我县 says who writes
    title = "固阳县干部赴鄂尔多斯市学习"
    text = "我县组织干部赴鄂尔多斯市学习。鄂尔多斯市介绍了经验。鄂尔多斯市东胜区介绍了做法。"
    subject = matcher.infer_subject(text, title)
    assert subject is not None and subject.name == "固阳县"
    # 我县 only inside quoted speech is someone else's county: the city report stays the city's
    quoted = "“我县建成了综治中心。”固阳县负责人说。包头市推行网格化管理。包头市建成综治中心。"
    subject = matcher.infer_subject(quoted, "包头市平安建设综述")
    assert subject is not None and subject.name == "包头市"


def test_infer_subject_on_corpus(matcher: RegionMatcher) -> None:
    docs = SHARED / "gold" / "seed_docs.jsonl"
    if not docs.exists():
        pytest.skip(f"shared gold not found at {docs}")
    rows = [json.loads(line) for line in docs.read_text("utf-8").splitlines() if line.strip()]
    for row in rows:
        text = (SHARED / "corpus" / f"{row['doc']}.txt").read_text("utf-8")
        subject = matcher.infer_subject(text, row["title"])
        assert subject is not None and subject.name == row["subject_region"], row["doc"]
        assert [r.name for r in matcher.gazetteer.chain(subject.code)][-1] == row["province"]


def test_leading_numerals_stay_in_names() -> None:
    matcher = RegionMatcher()
    text = "江岸区百步亭社区推进平安社区建设。"
    found = {m.surface: m.region for m in matcher.find(text, ["420102", "420100", "420000"])}
    assert found["百步亭社区"].parent_code == "420102"
    found = {
        m.surface: m.region
        for m in matcher.find("朝阳区三里屯街道推行商户联防。", ["110105", "110100", "110000"])
    }
    assert "三里屯街道" in found  # the data know the longer name, so 三 is not cut off


def test_chongqing_districts_the_source_omits_are_in_the_table(gaz: Gazetteer) -> None:
    for code, name in (("500105", "江北区"), ("500112", "渝北区")):
        region = gaz.get(code)
        assert region is not None and region.name == name and region.parent_code == "500000"
        assert gaz.children(code)  # their streets and towns hang on them, not on 重庆市


def test_a_meeting_venue_is_an_event_not_an_actor(matcher: RegionMatcher) -> None:
    (m,) = matcher.find("纪念大会在北京召开")
    assert m.role == "event"
    (m,) = matcher.find("北京市召开平安建设推进会")  # the convener stays an actor
    assert m.role == "actor"


def test_a_residents_quarter_is_a_community(matcher: RegionMatcher) -> None:
    """某某居民区 is a community written the way many city districts name theirs, like 某某社区."""
    found = matcher.find("杨圪楞街道柳林居民区组建了楼道议事会。", DONGHE)
    assert [(m.surface, m.region.level) for m in found] == [
        ("杨圪楞街道", "township"),
        ("柳林居民区", "community"),
    ]
    assert found[1].region.parent_code == found[0].region.code
    assert matcher.find("周边居民区的群众纷纷点赞。", DONGHE) == []


def test_a_short_name_glued_to_its_own_towns_station_is_a_place(matcher: RegionMatcher) -> None:
    # 普洱孟连派出所-style headlines: the prefecture's short name runs straight into the name of a
    # station of one of its towns, which bounds it as a level word would
    assert "普洱市" in names(matcher.find("普洱勐马边境派出所开展夜间巡逻"))
    assert "德宏傣族景颇族自治州" in names(matcher.find("德宏弄岛边境派出所守护国门"))
    # a station named after one of its counties: both short names are places
    assert names(matcher.find("黑河孙吴边境派出所开展巡边")) == ["黑河市", "孙吴县"]
    # a word that is no town of it after the short name still blocks it
    assert "德宏傣族景颇族自治州" not in names(matcher.find("德宏开派出所"))


def test_a_text_comparing_places_of_three_provinces_has_no_subject(matcher: RegionMatcher) -> None:
    # a study citing cases from several provinces about equally is about none of them
    text = (
        "本文选取江苏省昆山市、湖北省宜都市和贵州省湄潭县三地作比较。"
        "昆山市推行网格化管理，宜都市建立调解组织，湄潭县开展普法宣传。"
    )
    assert matcher.infer_subject(text, "基层治理创新的比较研究") is None
    # a place in the title still makes the report that place's
    subject = matcher.infer_subject(text, "昆山市基层治理调查")
    assert subject is not None and subject.name == "昆山市"


def test_a_two_character_county_after_a_conjunction_that_joins_nothing_is_no_place(
    matcher: RegionMatcher,
) -> None:
    # 和+沛县 opening a clause, or written right after a unit of another province, is the tail of a
    # longer unknown name, not 沛县 listed after it
    assert "沛县" not in names(matcher.find("和沛县组建巡逻队。"))
    assert "沛县" not in names(matcher.find("洛阳市和沛县组建巡逻队。"))
    # a real list of neighbours, or a county after a preposition, stays a place
    assert names(matcher.find("丰县和沛县组建巡逻队。")) == ["丰县", "沛县"]
    assert names(matcher.find("与沛县签订合作协议。")) == ["沛县"]


def test_a_short_name_before_a_border_police_body_is_a_place(matcher: RegionMatcher) -> None:
    # 某地边境管理支队 / 某地边检站: border police bodies are named after the place they guard
    assert names(matcher.find("普洱边境管理支队组织巡边")) == ["普洱市"]
    assert names(matcher.find("临沧边检站查获走私")) == ["临沧市"]


@pytest.mark.parametrize(
    ("division", "city"),
    [("第八师", "石河子市"), ("农八师", "石河子市"), ("第一师", "阿拉尔市"), ("第十四师", "昆玉市")],
)
def test_a_corps_division_is_the_city_it_governs_as_one_body(
    gaz: Gazetteer, division: str, city: str
) -> None:
    assert [r.name for r in gaz.lookup(division)] == [city]


def test_a_corps_division_heading_a_sentence_is_its_city(matcher: RegionMatcher) -> None:
    # 师市合一: the division and its city are one organ, so the division names the city
    assert names(matcher.find("第六师扎实开展矛盾纠纷排查调处工作。")) == ["五家渠市"]
    assert names(matcher.find("兵团第五师某团新建了一处警务站。")) == ["双河市"]
    # the divisions without a city name no region
    assert names(matcher.find("第十二师在各连队推行网格化管理。")) == []


def test_a_corps_division_written_short_before_its_regiment_is_its_city(matcher: RegionMatcher) -> None:
    # 七师一二五团, 三师51团: the short name (no 第 or 农) is the division when a regiment follows
    assert names(matcher.find("七师一二五团组建了平安志愿者队伍。")) == ["胡杨河市"]
    assert names(matcher.find("三师51团设立了调解室。")) == ["图木舒克市"]
    assert names(matcher.find("十一师二团开展矛盾纠纷排查。")) == []  # a division with no city
    assert names(matcher.find("该校七师生参加了普法活动。")) == []  # no regiment: no division


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("奋力谱写和谐巴塘新篇章", "巴塘县"),
        ("全面建成小康丹巴", "丹巴县"),
        ("深入推进清廉宁波建设", "宁波市"),
    ],
)
def test_a_slogan_word_before_a_short_name_makes_it_a_modifier(
    matcher: RegionMatcher, text: str, name: str
) -> None:
    found = matcher.find(text)
    assert [(m.region.name, m.role) for m in found] == [(name, "modifier")]
    assert matcher.infer_subject(text, text).name == name  # type: ignore[union-attr]


def test_a_wish_word_after_harmony_is_no_place(matcher: RegionMatcher) -> None:
    # 和谐安康 wishes for harmony and well-being; 平安安康 still names 安康市
    assert names(matcher.find("祝愿社会和谐安康。")) == []
    assert names(matcher.find("全力建设平安安康。")) == ["安康市"]


def test_a_street_written_short_right_after_its_county(matcher: RegionMatcher) -> None:
    # X街 for X街道 right after the county that lists it: the street, whatever follows
    assert names(matcher.find("滨海新区大港街新设了一处调解工作室。")) == ["滨海新区", "大港街道"]
    assert names(matcher.find("和平区南营门街组织网格员走访。", scope=["120101"])) == ["和平区", "南营门街道"]
    # the full name, or a road named after the street, is not cut short
    assert names(matcher.find("和平区南营门街道组织网格员走访。", scope=["120101"])) == [
        "和平区",
        "南营门街道",
    ]
    assert names(matcher.find("滨海新区大港街路口新装了监控。")) == ["滨海新区"]


def test_county_short_names_that_are_common_nouns_name_no_county(matcher: RegionMatcher) -> None:
    # 古城 (old town), 山城 (mountain city): a bare one is the noun, not 古城区 or 山城区
    assert names(matcher.find("近年来,古城各街巷推出了多处议事阵地。")) == []
    assert names(matcher.find("山城的夜晚,巡逻民警守护平安。")) == []
    assert names(matcher.find("丽江市古城区推行网格化管理。")) == ["丽江市", "古城区"]


def test_a_row_named_only_by_its_level_is_no_place_a_text_names() -> None:
    # a 区划 row called just 街道 (an unnamed street office) never stands for the word 街道
    from govkg.loaders.documents import from_text
    from govkg.loaders.extract import extract

    assert Gazetteer.default().lookup("街道") == []
    ex = extract(from_text("七里河区西湖街道推进平安建设\n街道依托综治中心，建立联动机制。", "t"))
    names = {r.code: r.name for r in ex.regions}
    assert all(names[a.region_code] == "西湖街道" for a in ex.adoptions)
    assert "街道" not in names.values()


def test_a_short_name_glued_after_the_short_name_of_its_province_is_a_place(matcher: RegionMatcher) -> None:
    # 广西柳州, 浙江诸暨: the two short names read as one place, whatever word follows the pair
    found = matcher.find("近年来，广西柳州推行网格化管理。", sub_county=False)
    assert [m.region.name for m in found] == ["广西壮族自治区", "柳州市"]
    found = matcher.find("浙江诸暨乡村治理见闻", sub_county=False)
    assert [m.region.name for m in found] == ["浙江省", "诸暨市"]


def test_an_ethnic_township_the_data_list_without_its_people_is_found_by_its_full_name(
    matcher: RegionMatcher,
) -> None:
    # the 区划 data list 湟源县's 日月藏族乡 as 日月乡; a report writes the official name
    found = matcher.find("日月藏族乡的调解员走进牧户。", ("630123", "630100", "630000"))
    assert [(m.surface, m.region.code) for m in found] == [("日月藏族乡", "630123:日月乡")]
    # a 族 name with no such unit under the county stays unplaced
    assert not matcher.find("月亮藏族乡的调解员走进牧户。", ("630123", "630100", "630000"))


def test_a_county_short_name_that_heads_a_unique_street_stem_is_that_street(matcher: RegionMatcher) -> None:
    # 凉城 alone is 凉城县 (内蒙古), but a text writing 凉城新村派出所 is about the street 凉城新村街道
    # of 虹口区: its later 平安凉城 and 凉城特色 say the same street short
    text = "凉城新村派出所牵头组建夜巡队伍，守护平安凉城，打出凉城特色。"
    assert all(m.region.code != "150925" for m in matcher.find(text))
    assert [m.region.code for m in matcher.find("凉城县推进平安建设，守护平安凉城。")][:1] == ["150925"]


def test_a_stem_naming_people_who_go_out_to_the_units_is_no_township(matcher: RegionMatcher) -> None:
    # 某市百名民警下乡, 某县党员进村: the verbs 下乡/进村 after people, no unit the text places
    for text in ("安达市百名民警下乡走访农户。", "宾县二十名辅警下乡巡逻。", "肇州县党员进村宣讲政策。"):
        found = matcher.find(text)
        assert [m.region.level for m in found] == ["county"], names(found)
    # a unit written after its county with an ordinary stem is still made for the text
    found = matcher.find("安达市万宝山镇组织民警巡逻。")
    assert names(found)[-1].endswith("镇")


def test_a_community_written_without_the_road_word_of_its_name_is_that_community(
    matcher: RegionMatcher,
) -> None:
    # 付家社区 for the data's 付家巷社区, 禄家社区 for 禄家巷社区 (城关区, 兰州市)
    chengguan = ("620102", "620100", "620000")
    found = matcher.find("城关区付家社区、禄家社区联合开展夜间巡逻。", chengguan)
    assert [m.region.name for m in found if m.region.level == "community"] == ["付家巷社区", "禄家巷社区"]
    # a stem the data list under no road word stays unplaced
    found = matcher.find("付平社区开展夜间巡逻。", chengguan)
    assert not [m for m in found if m.region.level == "community"]


def test_a_short_name_heading_a_road_bridge_or_square_is_no_place(matcher: RegionMatcher) -> None:
    # 在中山路, 在延安桥: a landmark named after a place; 在包头街头 is still the city's streets
    assert matcher.find("巡逻队在中山路和延安桥一带值守。") == []
    assert names(matcher.find("巡逻队在包头街头值守。")) == ["包头市"]
    assert names(matcher.find("赴浙江学习枫桥经验。")) == ["浙江省"]


def test_a_national_feature_naming_places_only_as_examples_has_no_subject(matcher: RegionMatcher) -> None:
    # 公安部…, 全国公安机关…: clauses the country heads; 某市 is only an example of an awardee
    title = "全国第五批先进派出所名单公布"
    text = (
        title + "\n近日，公安部决定授予西宁市公安局城北分局小桥派出所等80个单位先进称号。"
        "全国公安机关深入推进社区警务，全国各地涌现出一批典型。"
    )
    assert matcher.infer_subject(text, title) is None
    # a place the title names as acting keeps its report, however often the country is named
    title = "西宁市推进社区警务"
    text = title + "\n全国公安机关深入推进社区警务。全国各地涌现出一批典型。西宁市公安局推行网格警务。"
    subject = matcher.infer_subject(text, title)
    assert subject is not None and subject.name == "西宁市"


def test_a_unit_named_after_a_body_of_its_county_is_the_listed_unit(matcher: RegionMatcher) -> None:
    # 某县公安局甲村警务室: the bureau's name is no part of the village's
    scope = ("640121", "640100", "640000")
    found = matcher.find("永宁县公安局原隆村警务室组织巡逻。", scope)
    assert [m.region.code for m in found] == ["640121", "640121:闽宁镇:原隆村"]
    # no unit is made of a body and a stem the data do not list
    found = matcher.find("永宁县公安局甲乙村警务室组织巡逻。", scope)
    assert [m.region.code for m in found] == ["640121"]


def test_a_name_opening_with_the_end_of_a_word_before_it_is_read_inside_the_word(
    matcher: RegionMatcher,
) -> None:
    # 其中城镇社区: 中 closes 其中, so the township 中城镇 is not named
    found = matcher.find("全区有社区八十个，其中城镇社区五十个。", ())
    assert not [m for m in found if m.region.name == "中城镇"]
    # the same township written after a clause break is named
    found = matcher.find("巧家县中城镇推行网格化管理。", ())
    assert [m.region.name for m in found][-1] == "中城镇"


def test_a_verb_before_the_word_community_names_no_community() -> None:
    from govkg.loaders.documents import from_text
    from govkg.loaders.extract import extract

    ex = extract(from_text("凉城新村司法所邀请律师坐班答疑，夯实社区人民调解根基。", "verb.txt"))
    assert not [r for r in ex.regions if r.level == "community"]


def test_strip_suffix_finds_a_name_s_one_suffix_by_its_length() -> None:
    from govkg.loaders.regions import _SUB_COUNTY_SUFFIXES, _strip_suffix

    # the look-up by length relies on it: no suffix ends another
    assert not any(a != b and a.endswith(b) for a in _SUB_COUNTY_SUFFIXES for b in _SUB_COUNTY_SUFFIXES)

    def plain(name: str) -> str:
        for suffix in _SUB_COUNTY_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
        return ""

    names = [
        "沙河街道",
        "新村",
        "红旗村",
        "达茂苏木",
        "巴音嘎查",
        "城关镇",
        "居民区",
        "甲居民区",
        "乙牧委会",
        "丙区",
        "村",
    ]
    names += [r.name for r in Gazetteer.default().children("150203")]
    assert [_strip_suffix(n) for n in names] == [plain(n) for n in names]
    assert (
        _strip_suffix("红旗村") == "红旗"
        and _strip_suffix("新村") == ""
        and _strip_suffix("沙河街道") == "沙河"
    )


def test_a_name_folding_changes_is_found_in_a_folded_text(matcher: RegionMatcher) -> None:
    import gzip
    import zipfile
    from importlib import resources

    from govkg.loaders.documents import fold
    from govkg.loaders.regions import _FOLDED_IN_NAMES

    # 乾安县 reads 干安县 once a text is folded to simplified: it is still the county
    found = matcher.find(fold("乾安县推行网格化管理。"), ())
    assert [m.region.name for m in found] == ["乾安县"]
    # every shipped name that folding changes holds a character of the set that indexes it
    table = resources.files("govkg.loaders") / "data" / "regions.tsv.gz"
    with resources.as_file(table) as path, gzip.open(path, "rt", encoding="utf-8") as fh:
        names = [line.split("\t")[1] for line in fh if line.strip()]
    assert all(not _FOLDED_IN_NAMES.isdisjoint(n) for n in names if fold(n) != n)
    # and every village or community name of the archive
    archive = resources.files("govkg.loaders") / "data" / "regions_villages.zip"
    with resources.as_file(archive) as path, zipfile.ZipFile(path) as zf:
        chars = {
            c for member in zf.namelist() for line in zf.read(member).decode().splitlines() for c in line
        }
    assert {c for c in chars if fold(c) != c} <= _FOLDED_IN_NAMES


def test_an_outlet_named_in_the_title_weighs_no_more_than_in_the_body(matcher: RegionMatcher) -> None:
    # a page whose first line (its title) opens 甲省新闻网消息: the outlet carried the story; the
    # county whose bureau acts in the body is what the page is about
    title = "云南网消息 为筑牢边境农村治安防线、织密乡村平安网络"
    text = f"{title}，孟连县公安局近日召开驻村辅警工作推进会，要求各乡镇做好保障。"
    subject = matcher.infer_subject(text, title)
    assert subject is not None and subject.name == "孟连傣族拉祜族佤族自治县"


def test_a_division_written_without_di_before_its_regiment_is_its_city(matcher: RegionMatcher) -> None:
    # 七师一三一团: the 兵团 division that 胡杨河市 governs as one body, as 第七师 is; the regiment
    # is no 区划 unit, so a community written after it is the city's
    found = matcher.find("七师一三一团幸福社区组织职工开展夜间巡逻。")
    assert [(m.surface, m.region.name) for m in found][:1] == [("七师", "胡杨河市")]
    community = [m for m in found if m.region.level == "community"]
    assert [(m.region.name, m.region.parent_code) for m in community] == [("幸福社区", "659010")]
    # not a division: inside 第十七师/十七师, with no regiment after it, or a nickname
    assert matcher.find("第十七师一三一团组织巡逻。") == []
    assert not any(m.region.name == "胡杨河市" for m in matcher.find("七师兄组织巡逻，七师团结奋进。"))


def test_a_text_about_the_corps_as_a_whole_has_no_division_city_as_subject(matcher: RegionMatcher) -> None:
    # 兵团 is no 区划 unit: a text about it, citing one division city as an example, is about none
    text = (
        "推进兵团基层治理现代化，要加强兵团各级党组织建设，推进兵团团场改革，"
        "完善兵团社区治理体系。如七师胡杨河市推行网格化服务管理，成效明显。"
    )
    assert matcher.infer_subject(text) is None
    # the division written before its own city's name is that city too
    assert [m.region.name for m in matcher.find("如七师胡杨河市推行网格化服务管理")][:1] == ["胡杨河市"]
    # a division city's own report that names its division stays the city's
    own = "胡杨河市第七师一二三团推行网格化服务管理，胡杨河市还建成综治中心。"
    subject = matcher.infer_subject(own)
    assert subject is not None and subject.name == "胡杨河市"


def test_a_short_name_listed_among_people_is_a_persons_name(matcher: RegionMatcher) -> None:
    # 江北 and 石龙 are given names as well as district short names: in a list the text then
    # calls 委员/代表/同志 they are people, not places
    for text in (
        "座谈会上，石龙、王某某等委员围绕矛盾纠纷化解建言献策。",
        "座谈会上，王某某、江北同志介绍了网格化管理经验。",
    ):
        assert not matcher.find(text), text
    # a list of places closed by a word that is no person's keeps its places
    assert [m.region.name for m in matcher.find("包头、赤峰等地代表团参加会议。")] == ["包头市", "赤峰市"]
    # 以甲、乙等为代表: places held up as examples, not people
    found = matcher.find("涌现出以包头、赤峰等为代表的一批调解组织。")
    assert [m.region.name for m in found] == ["包头市", "赤峰市"]


def test_a_short_name_in_a_list_closed_by_a_count_of_things_is_no_place() -> None:
    # 甲、乙、丙3个保护分区: the list counts reserve zones, so a zone sharing a county's short name
    # is no county; a list counted as counties or pilot units still names places
    from govkg.loaders.documents import from_text
    from govkg.loaders.extract import extract

    def names(text: str) -> set[str]:
        return {r.name for r in extract(from_text(text, "t.txt")).regions}

    assert "灯塔市" not in names("治安简报\n林区派出所加强对红松岭、灯塔、白桦沟3个保护分区的巡护。")
    assert "灯塔市" not in names("治安简报\n2023年,灯塔、海城、白桦沟3个保护分区推行网格化管理。")
    assert "灯塔市" in names("治安简报\n2023年,灯塔、海城等3个试点单位推行网格化管理。")
    assert "灯塔市" in names("治安简报\n2023年,灯塔、海城等2个县级市推行网格化管理。")
