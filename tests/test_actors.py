"""Actor resolution (govkg.loaders.actors): each rule firing and not firing, on invented sentences.

The reports are written for these tests (real place names, invented events); none is in a corpus.
"""

from __future__ import annotations

from govkg.loaders.actors import Actor, ActorResolver, ReportContext
from govkg.loaders.documents import from_text
from govkg.loaders.extract import extract
from govkg.loaders.extraction import Extraction, Region
from govkg.loaders.regions import Gazetteer


def _run(text: str) -> Extraction:
    return extract(from_text(text, "actors-test.txt"))


def _facts(text: str) -> dict[tuple[str, str], str]:
    """(region name, practice key) -> the method recorded on the fact."""
    ex = _run(text)
    names = {r.code: r.name for r in ex.regions}
    return {(names[a.region_code], a.practice_key): a.method for a in ex.adoptions}


CITY = "包头市2031年平安建设工作情况\n包头市持续推进平安建设。"


def test_place_most_specific_unit_written_with_its_parents() -> None:
    found = _facts(CITY + "九原区沙河街道推行楼长制，效果明显。")
    assert found[("沙河街道", "building_head")].startswith("actor=place")
    assert ("九原区", "building_head") not in found and ("包头市", "building_head") not in found


def test_place_that_is_a_media_outlet_does_not_act() -> None:
    found = _facts(CITY + "包头日报专题报道了楼长制的做法。")
    assert not any(name == "包头日报" for name, _ in found)
    assert found.get(("包头市", "building_head"), "").startswith("actor=subject")


def test_unit_followed_by_its_grid_staff_acts() -> None:
    found = _facts(CITY + "九原区沙河街道网格员入户走访，排查化解矛盾纠纷30余起。")
    assert found[("沙河街道", "grid")].startswith("actor=place")
    assert ("包头市", "diversified_resolution") not in found


def test_agency_acts_for_its_unit() -> None:
    found = _facts(CITY + "九原区公安分局常态化开展扫黑除恶斗争。")
    assert found[("九原区", "anti_gang")].startswith("actor=agency")


def test_agency_containing_the_practice_acts_for_its_unit() -> None:
    found = _facts(CITY + "麻池镇综治中心整合派出所、司法所力量，实行一站式接待。")
    assert found[("麻池镇", "comprehensive_center")].startswith("actor=agency")
    assert ("包头市", "comprehensive_center") not in found


def test_agency_only_as_a_place_does_not_act() -> None:
    found = _facts(CITY + "在九原区公安分局设立调解室，推动矛盾纠纷多元化解。")
    assert ("九原区", "diversified_resolution") not in found


def test_pronoun_of_the_subjects_level_is_the_subject() -> None:
    found = _facts(CITY + "全市推行网格化管理。")
    assert found[("包头市", "grid")].startswith("actor=pronoun")


def test_pronoun_of_another_level_is_the_unit_named_before_it() -> None:
    found = _facts(CITY + "固阳县全面推行网格化管理，在全县行政村配齐驻村辅警。")
    assert ("固阳县", "village_police") in found
    assert ("包头市", "village_police") not in found


def test_province_pronoun_names_no_actor() -> None:
    found = _facts(CITY + "全省推进雪亮工程建设。")
    assert not any(name == "内蒙古自治区" for name, _ in found)


def test_demonstrative_is_the_unit_of_that_level_named_last() -> None:
    found = _facts(CITY + "麻池镇地处城郊。该镇组建巡逻队，推行楼长制。")
    assert found[("麻池镇", "building_head")].startswith("actor=opening-demonstrative")


def test_level_word_with_li_at_a_clause_head_is_the_unit_named_last() -> None:
    found = _facts(CITY + "麻池镇地处城郊，外来人口多。镇里组建巡逻队，推行楼长制。")
    assert ("麻池镇", "building_head") in found
    # 村里 inside a clause is a location, not an actor: the subject keeps the fact
    found = _facts(CITY + "包头市把普法宣传送进村里。")
    assert ("包头市", "law_popularization") in found


def test_list_of_short_names_with_one_level_word() -> None:
    found = _facts(CITY + "东河、九原等区建成社会心理服务站。")
    assert found[("东河区", "psych_service")].startswith("actor=list")
    assert ("九原区", "psych_service") in found
    assert ("包头市", "psych_service") not in found


def test_list_whose_first_name_is_glued_to_the_word_before_it() -> None:
    district = "九原区2031年平安建设工作情况\n九原区持续推进平安建设。"
    found = _facts(district + "全区其中麻池、哈林格尔等镇建成规范化综治中心。")
    assert found[("麻池镇", "comprehensive_center")].startswith("actor=list")
    assert ("哈林格尔镇", "comprehensive_center") in found
    # 等镇（街道）: the list holds streets as well as towns
    found = _facts(district + "麻池、沙河、赛汗等镇（街道）推行楼长制。")
    assert {name for name, key in found if key == "building_head"} == {"麻池镇", "沙河街道", "赛汗街道"}
    # a list whose names are no units stays unresolved even when trimmed
    found = _facts(district + "其中和睦、团结等镇推行楼长制。")
    assert {name for name, key in found if key == "building_head"} == {"九原区"}


def test_units_listed_at_the_head_of_a_clause_open_it_together() -> None:
    district = "九原区公安分局2031年工作情况\n九原区公安分局持续推进平安建设。"
    found = _facts(district + "麻池、哈林格尔派出所走进辖区学校，开展反诈宣传。")
    assert found[("麻池镇", "anti_telecom_fraud")].startswith("actor=opening-list")
    assert ("哈林格尔镇", "anti_telecom_fraud") in found
    # a unit that is only the object of the opening clause does not join its subject
    found = _facts(district + "麻池派出所走访哈林格尔镇学校，开展反诈宣传。")
    assert ("麻池镇", "anti_telecom_fraud") in found and ("哈林格尔镇", "anti_telecom_fraud") not in found


def test_units_acting_jointly_both_adopt() -> None:
    district = "九原区2031年平安建设工作情况\n九原区持续推进平安建设。"
    found = _facts(district + "麻池镇联合沙河街道开展反诈宣传进小区活动。")
    assert ("麻池镇", "anti_telecom_fraud") in found and ("沙河街道", "anti_telecom_fraud") in found
    # 会同 across levels: the district's bureau and the town both act
    found = _facts(district + "区公安分局会同哈林格尔镇开展反诈宣传。")
    assert ("九原区", "anti_telecom_fraud") in found and ("哈林格尔镇", "anti_telecom_fraud") in found
    found = _facts(district + "区公安分局与哈林格尔镇共同开展反诈宣传。")
    assert ("九原区", "anti_telecom_fraud") in found and ("哈林格尔镇", "anti_telecom_fraud") in found
    # a body that only guides another unit leaves the work to that unit
    found = _facts(district + "区公安分局指导哈林格尔镇开展反诈宣传。")
    assert ("哈林格尔镇", "anti_telecom_fraud") in found and ("九原区", "anti_telecom_fraud") not in found


def test_list_of_words_that_are_no_units_does_not_fire() -> None:
    found = _facts(CITY + "和睦、团结等区域推行网格化管理。")
    assert set(found) == {("包头市", "grid")}


def test_topic_opening_carries_to_later_clauses() -> None:
    found = _facts(CITY + "在麻池镇，干部组建巡逻队，推行楼长制。")
    assert found[("麻池镇", "building_head")].startswith("actor=opening-place")


def test_a_place_inside_a_later_clause_does_not_carry() -> None:
    found = _facts(CITY + "市里组织干部走访麻池镇，推行楼长制。")
    assert ("麻池镇", "building_head") not in found


def test_subject_is_the_fallback_with_lower_confidence() -> None:
    ex = _run(CITY + "推行楼长制，效果明显。")
    (fact,) = [a for a in ex.adoptions if a.practice_key == "building_head"]
    assert fact.method == "actor=subject;practice=taxonomy"
    named = _run(CITY + "九原区沙河街道推行楼长制。")
    (explicit,) = [a for a in named.adoptions if a.practice_key == "building_head"]
    assert fact.confidence < explicit.confidence <= 1.0


def test_opening_subject_after_a_time_clause_carries() -> None:
    found = _facts(CITY + "开学第一周，麻池镇组织干部走访学校，设立护学岗。")
    assert found[("麻池镇", "school_guard")].startswith("actor=opening-place")
    # without a unit heading a clause, the subject keeps it
    found = _facts(CITY + "开学第一周，干部走访麻池镇学校，设立护学岗。")
    assert ("麻池镇", "school_guard") not in found


def test_a_place_after_zai_is_where_the_subject_acts() -> None:
    found = _facts(CITY + "九原区法院深入推进诉源治理，在麻池、沙河等法庭设立诉前调解工作室。")
    assert not any(name in ("麻池镇", "沙河街道") for name, _ in found)
    # at the head of the sentence 在X is the topic, and it acts
    found = _facts(CITY + "在麻池镇，干部设立护学岗。")
    assert ("麻池镇", "school_guard") in found


def test_a_unit_written_after_its_parent_keeps_numerals_and_doubtful_characters() -> None:
    # 韩庆坝第一社区 (a numeral inside) and 东二里半村 are in the data under their parents
    found = _facts(CITY + "沙河街道韩庆坝第一社区推行楼长制。河东镇东二里半村组建义务巡逻队。")
    assert ("韩庆坝第一社区", "building_head") in found
    assert ("东二里半村", "mass_prevention") in found


def test_units_listed_after_zai_with_no_subject_before_them_all_act() -> None:
    found = _facts(CITY + "三级综治中心建设全面完成，在麻池镇、哈林格尔镇等乡镇率先建成综治中心。")
    assert ("麻池镇", "comprehensive_center") in found
    assert ("哈林格尔镇", "comprehensive_center") in found


def test_each_listed_unit_owns_the_programme_written_after_it() -> None:
    found = _facts(CITY + "各地涌现出东河区“楼栋夜谈”、九原区“巷口议事”等做法，推动矛盾纠纷多元化解。")
    programmes = {(name, key) for name, key in found if key.startswith("local:")}
    assert {name for name, _ in programmes} == {"东河区", "九原区"}
    assert len(programmes) == 2  # not four: 东河区 does not get 九原区's programme


def test_a_unit_written_after_a_demonstrative_lies_in_the_unit_it_names() -> None:
    found = _facts(CITY + "麻池镇地处城郊。该镇翠柳湾社区推行楼长制。")
    assert ("翠柳湾社区", "building_head") in found
    ex = _run(CITY + "麻池镇地处城郊。该镇翠柳湾社区推行楼长制。")
    (unit,) = [r for r in ex.regions if r.name == "翠柳湾社区"]
    assert unit.level == "community" and unit.parent_code is not None and unit.parent_code.endswith("麻池镇")
    # without the demonstrative the same name is not placed
    assert ("翠柳湾社区", "building_head") not in _facts(CITY + "翠柳湾社区推行楼长制。")


def test_station_named_after_a_town_acts_for_the_town() -> None:
    found = _facts(CITY + "麻池派出所在辖区推行“一村一辅警”。")
    assert found[("麻池镇", "village_police")].startswith("actor=agency")
    found = _facts(CITY + "沼潭街派出所组建义务巡逻队。")
    assert ("沼潭街道", "mass_prevention") in found
    # a border station is named after its town too
    found = _facts(CITY + "麻池边境派出所在辖区推行“一村一辅警”。")
    assert found[("麻池镇", "village_police")].startswith("actor=agency")
    # a station whose name is no unit under the report's region leaves the fact to the subject
    found = _facts(CITY + "火车站派出所在辖区推行“一村一辅警”。")
    assert set(found) == {("包头市", "village_police")}


def test_the_field_of_a_first_is_no_actor() -> None:
    # the station opened the city's first room: the station's street acts, not the city
    found = _facts(CITY + "围绕矛盾不上交，麻池派出所建成包头市第一个矛盾纠纷调解室。")
    assert ("麻池镇", "diversified_resolution") in found
    assert ("包头市", "diversified_resolution") not in found


def test_a_border_management_unit_acts_for_the_county_it_is_named_after() -> None:
    found = _facts(CITY + "包头边境管理支队固阳边境管理大队推行“一村一辅警”。")
    assert found[("固阳县", "village_police")].startswith("actor=agency")
    assert ("包头市", "village_police") not in found


def test_a_named_programme_named_again_without_a_unit_stays_with_its_unit() -> None:
    found = _facts(CITY + "九原区沙河街道“夕阳红”调解室化解纠纷30件。“夕阳红”调解室负责人调解邻里纠纷。")
    assert ("沙河街道", "local:夕阳红") in found
    assert not any(region == "包头市" for region, _ in found)


def test_the_speaker_s_unit_acts_in_what_they_say() -> None:
    found = _facts(CITY + "“我们探索出‘三心’工作法，推行楼长制”，九原区沙河街道负责人说。")
    assert ("沙河街道", "building_head") in found
    assert ("包头市", "building_head") not in found
    # a quotation no one is said to speak stays with the subject
    found = _facts(CITY + "“推行楼长制”成为共识。")
    assert ("包头市", "building_head") in found


def test_gai_suo_is_the_station_named_last() -> None:
    # 该所 in a later sentence: the station's town, not the report's subject
    found = _facts(CITY + "麻池派出所民警每天走访辖区。该所还组建了义务巡逻队。")
    assert ("麻池镇", "mass_prevention") in found
    assert ("包头市", "mass_prevention") not in found
    found = _facts(CITY + "九原区公安分局开展走访。该局还推行楼长制。")
    assert ("九原区", "building_head") in found


def test_bare_branch_heading_a_sentence_is_the_branch_named_last() -> None:
    # 分局 heading a later sentence is the district's branch bureau, not the city of the report
    found = _facts(CITY + "九原区公安分局召开会议。分局还在辖区推行楼长制。")
    assert ("九原区", "building_head") in found
    assert ("包头市", "building_head") not in found
    found = _facts(CITY + "包头市公安局青山分局召开会议。同时,分局推行楼长制。")
    assert ("青山区", "building_head") in found
    # 分局长 is a person's title; with no branch named before, the subject keeps it
    found = _facts(CITY + "分局长表示将总结经验。全市推行楼长制。")
    assert ("包头市", "building_head") in found


def test_branch_written_with_gong_an_only_is_its_district() -> None:
    # 包头公安青山分局 (公安 without 局) is the district's branch, as 包头市公安局青山分局 is
    found = _facts(CITY + "包头公安青山分局在辖区推行楼长制。")
    assert ("青山区", "building_head") in found
    assert ("包头市", "building_head") not in found


def test_branch_called_by_its_unit_short_name_alone_is_that_unit() -> None:
    # 青山分局 with no bureau written before it: the city bureau's branch in 青山区
    found = _facts(CITY + "青山分局在辖区推行楼长制。")
    assert ("青山区", "building_head") in found
    assert ("包头市", "building_head") not in found
    # a later bare 分局 heading a sentence is that branch too
    found = _facts(CITY + "九原分局召开动员会。分局还组建了义警队伍。")
    assert ("九原区", "mass_prevention") in found
    # a county bureau's branch named after one of its towns is that town's, as a station is
    county = "澄迈县2031年平安建设工作情况\n澄迈县持续推进平安建设。"
    found = _facts(county + "福山分局在辖区各小学门口设立护校岗。")
    assert ("福山镇", "school_guard") in found
    # 分局长 is a title, and a stem that names no unit in the report's scope places nothing
    found = _facts(CITY + "交管分局推行楼长制。")
    assert ("包头市", "building_head") in found


def test_police_post_named_by_a_named_communitys_short_name_is_that_community() -> None:
    # 翠柳湾警务室 once the report has placed 翠柳湾社区: the community's post (guidelines rule 8)
    found = _facts(CITY + "麻池镇翠柳湾社区地处城郊。翠柳湾警务室组建义务巡逻队。")
    assert ("翠柳湾社区", "mass_prevention") in found
    assert ("麻池镇", "mass_prevention") not in found and ("包头市", "mass_prevention") not in found
    # with no such community named, the short name is no unit
    found = _facts(CITY + "翠柳湾警务室组建义务巡逻队。")
    assert not any(name == "翠柳湾社区" for name, _ in found)


def test_gai_zhongxin_is_the_centre_named_last() -> None:
    # 该中心 in a later sentence: the unit of the centre named before it, in facts and figures
    ex = _run(CITY + "萨拉齐镇综治中心今年3月启用。该中心配备专职调解员，全年化解纠纷42起。")
    names = {r.code: r.name for r in ex.regions}
    (figure,) = [m for m in ex.measurements if m.raw == "42起"]
    assert names[figure.region_code or ""] == "萨拉齐镇"
    assert ("萨拉齐镇", "diversified_resolution") in {
        (names[a.region_code], a.practice_key) for a in ex.adoptions
    }
    # a centre named again without a body that says whose it is leaves the usual rules to decide
    found = _facts(CITY + "萨拉齐镇综治中心今年3月启用。市里新建的矛调中心运行后，该中心化解纠纷300余起。")
    assert ("包头市", "diversified_resolution") in found
    assert ("萨拉齐镇", "diversified_resolution") not in found


def test_a_term_does_not_begin_inside_a_place_name() -> None:
    # 北滩村警务室 is the village's police room: no 村警 (one officer per village) in it
    found = _facts(CITY + "麻池镇北滩村警务室组建义务巡逻队。")
    assert not any(key == "village_police" for _, key in found)
    assert ("北滩村", "mass_prevention") in found


def test_a_level_above_the_subject_heading_the_sentence_acts_for_itself() -> None:
    county = "固阳县2031年平安建设工作情况\n固阳县持续推进平安建设。"
    sentence = "此外，市级层面建立“一码通”平台，减轻基层负担。"
    assert not any(key.startswith("local:") for _, key in _facts(county + sentence)), sentence
    # the city by its name heading its clause with a deed of its own acts, as its body does
    found = _facts(county + "包头市建立“一码通”平台，减轻基层负担。")
    assert ("包头市", "local:一码通平台") in found and ("固阳县", "local:一码通平台") not in found
    found = _facts(county + "包头市推广固阳县“一码通”平台，减轻基层负担。")
    assert ("包头市", "local:一码通平台") not in found
    # a city body doing work of its own is the city's (guideline 8: agencies map to their region),
    # never the county's; one that directs or promotes the units below it gives no line
    found = _facts(county + "市委政法委建立“一码通”平台，减轻基层负担。")
    assert ("包头市", "local:一码通平台") in found and ("固阳县", "local:一码通平台") not in found
    found = _facts(county + "市委政法委部署建立“一码通”平台，减轻基层负担。")
    assert not any(key.startswith("local:") for _, key in found)
    # the county written after its city is the county itself
    found = _facts(county + "包头市固阳县建立“一码通”平台，减轻基层负担。")
    assert ("固阳县", "local:一码通平台") in found


def test_the_town_s_level_word_heading_a_village_report_s_sentence_is_not_the_village() -> None:
    # 镇里/镇党委… in a village's report: the town above acts, not the village
    village = "永宁县闽宁镇原隆村平安建设纪实\n原隆村成立了护村队。"
    for sentence in ("镇里推行“说事评理”工作法。", "镇党委推行“说事评理”工作法。"):
        found = _facts(village + sentence)
        assert not [key for region, key in found if region == "原隆村" and key.startswith("local:")], sentence
    # the village's own body still acts for it
    found = _facts(village + "村党支部推行“说事评理”工作法。")
    assert [key for region, key in found if region == "原隆村" and key.startswith("local:")]


def test_an_agency_s_region_is_among_the_extraction_s_regions() -> None:
    ex = _run("固阳县平安建设工作情况\n固阳县持续推进平安建设。固阳县公安局金山派出所走访辖区群众。")
    codes = {r.code for r in ex.regions}
    assert "金山镇派出所" in {a.name for a in ex.agencies}
    assert all(a.region_code in codes for a in ex.agencies)


def test_branch_of_a_city_bureau_named_after_a_district_acts_for_the_district() -> None:
    found = _facts(CITY + "包头市公安局九原分局常态化开展扫黑除恶斗争。")
    assert found[("九原区", "anti_gang")].startswith("actor=agency")
    assert ("包头市", "anti_gang") not in found


def test_a_subject_written_with_its_parents_heads_its_sentence() -> None:
    text = "麻池镇2031年平安建设工作情况\n近年来，包头市九原区麻池镇整合资源，强化网格化管理。"
    found = _facts(text)
    assert found[("麻池镇", "grid")].startswith("actor=opening-place")


def test_opening_of_two_units_written_together_is_the_smaller_one() -> None:
    town = Region("x:甲镇", "甲镇", "township", "x")
    # the data put the community under another street: no PART_OF link to merge the two
    community = Region("y:乙社区", "乙社区", "community", "y")
    sentence = "在甲镇乙社区，社区推行楼长制。"
    actors = [Actor(1, 3, town, "place"), Actor(3, 6, community, "place")]
    resolver = ActorResolver(Gazetteer.default())
    choice = resolver.resolve(ReportContext(None, ()), sentence, actors, sentence.index("楼长制"), None)
    assert choice.regions == (community,)
    assert choice.rule == "opening-place"
    # apart (not written together), the clause's opening unit stays the first
    sentence = "在甲镇，乙社区居民，推行楼长制。"
    actors = [Actor(1, 3, town, "place"), Actor(4, 7, community, "place")]
    choice = resolver.resolve(ReportContext(None, ()), sentence, actors, sentence.index("楼长制"), None)
    assert choice.regions == (town,)


def test_a_county_text_about_one_town_is_about_that_town() -> None:
    text = (
        "平安建设见闻\n固阳县金山镇坚持枫桥经验。该镇组建义务巡逻队。"
        "推行网格化管理，化解矛盾纠纷30件。全镇建成综治中心。"
    )
    ex = _run(text)
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "金山镇"
    assert {names[a.region_code] for a in ex.adoptions} == {"金山镇"}
    # a county report naming two towns stays the county's
    ex = _run("平安建设见闻\n固阳县金山镇坚持枫桥经验。该镇组建义务巡逻队。银号镇推行网格化管理。")
    assert {r.code: r.name for r in ex.regions}[ex.subject_region or ""] == "固阳县"
    # nor does one whose county acts on its own as often as the town is named
    ex = _run(
        "平安建设见闻\n固阳县金山镇综治中心统计，全镇纠纷逐年减少。"
        "固阳县推行网格化管理。金山镇某村组建义务巡逻队。这是固阳县的治理办法。"
    )
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "固阳县"
    assert ("固阳县", "grid") in {(names[a.region_code], a.practice_key) for a in ex.adoptions}


def test_a_town_written_with_its_county_in_the_first_sentence_is_the_subject() -> None:
    # 城关镇 is a name many counties share: written after its county it is placed and, as the
    # only town of the report, it is what the report is about, though named once
    ex = _run("小网格撬动大治理\n临潭县城关镇推行网格化管理，组建义务巡逻队。镇综治中心化解纠纷30件。")
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "城关镇"
    assert {names[a.region_code] for a in ex.adoptions} == {"城关镇"}
    # the county named alone first, the town later: the county's report
    ex = _run("小网格撬动大治理\n临潭县推行网格化管理。临潭县城关镇综治中心化解纠纷30件。")
    assert {r.code: r.name for r in ex.regions}[ex.subject_region or ""] == "临潭县"
    # a general opening line names no place: the lead is the first sentence that does
    ex = _run(
        "小网格撬动大治理\n治理好不好，群众说了算。2031年，临潭县城关镇推行网格化管理。"
        "镇综治中心组建义务巡逻队。"
    )
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "城关镇"
    assert {names[a.region_code] for a in ex.adoptions} == {"城关镇"}
    # but a first place-naming sentence where the county acts alone keeps the county's report
    ex = _run(
        "小网格撬动大治理\n治理好不好，群众说了算。临潭县推行网格化管理。临潭县城关镇综治中心化解纠纷30件。"
    )
    assert {r.code: r.name for r in ex.regions}[ex.subject_region or ""] == "临潭县"


def test_a_county_centre_named_like_its_seat_town_is_the_countys() -> None:
    # 鄱阳县 has a seat town 鄱阳镇: the bare 鄱阳综治中心 is the county's centre, 鄱阳镇综治中心 the town's
    ex = _run("平安建设见闻\n鄱阳县推行网格化管理。鄱阳综治中心化解纠纷30件。")
    names = {r.code: r.name for r in ex.regions}
    assert {names[a.region_code] for a in ex.adoptions if a.practice_key == "comprehensive_center"} == {
        "鄱阳县"
    }
    ex = _run("平安建设见闻\n鄱阳县推行网格化管理。鄱阳镇综治中心化解纠纷30件。")
    names = {r.code: r.name for r in ex.regions}
    assert {names[a.region_code] for a in ex.adoptions if a.practice_key == "comprehensive_center"} == {
        "鄱阳镇"
    }


def test_a_quote_right_after_a_unit_is_its_programme_unless_a_slogan() -> None:
    ex = _run("平安建设见闻\n固阳县委政法委“红柳守望”覆盖全县。")
    assert "local:红柳守望" in {a.practice_key for a in ex.adoptions}
    # a 、-list of short clauses after the unit is how it works, not a named programme
    ex = _run("平安建设见闻\n固阳县委政法委“上下联动、左右协同、内外融合”三项举措落地。")
    assert not [a for a in ex.adoptions if a.practice_key.startswith("local:")]


def test_a_town_named_alone_is_the_subject_of_its_own_report() -> None:
    # no county or higher unit named: the one town (unique in the data) the opening names
    ex = _run("平安建设见闻\n雨敞坪镇推行网格化管理。该镇组建义务巡逻队，化解纠纷30件。")
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "雨敞坪镇"
    # named once, later than the opening, it stays an actor only
    ex = _run("平安建设见闻\n今年以来，社区组建义务巡逻队。雨敞坪镇推行网格化管理。")
    assert ex.subject_region is None


def test_a_report_titled_after_a_station_and_naming_no_region_is_its_towns() -> None:
    # no county or city anywhere: the title's station, placed by its town's unique name, says
    # whose report it is, so its subjectless measures are that town's
    ex = _run("梧桐树派出所：警民同心护平安\n近年来，所里推行网格化管理，民警每周走访群众。")
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "梧桐树乡"
    assert ("梧桐树乡", "grid") in {(names[a.region_code], a.practice_key) for a in ex.adoptions}
    # a station named after no unit (城关) gives no subject
    ex = _run("城关派出所：警民同心护平安\n近年来，所里推行网格化管理，民警每周走访群众。")
    assert ex.subject_region is None


def test_a_bare_level_word_heading_a_sentence_is_the_unit_named_last() -> None:
    # 街道建立了… / 街道设置了…: the street the text is about, as 街道里 would be
    text = (
        "做好居民纠纷调解工作\n近年来，杨圪楞街道推行网格化管理，助力平安东河建设。\n"
        "街道建立了“红帆”调解室，化解邻里纠纷。\n街道设置了公共法律服务工作站。\n"
    )
    found = _facts(text)
    assert found[("杨圪楞街道", "public_legal_service")] == "actor=demonstrative;practice=taxonomy"
    assert ("东河区", "public_legal_service") not in found
    # a level word inside a longer noun (街道网格员…) heads nothing
    found = _facts(CITY + "九原区沙河街道推行楼长制。\n街道网格员每天巡查，推行楼长制。")
    assert found[("沙河街道", "building_head")].startswith("actor=place")


def test_a_unit_named_after_an_ancestors_short_name_is_no_upper_level() -> None:
    # in a street's report, 东河一号社区 (unknown to the data) opens with its district's short name;
    # it is a unit below, so its team is the report's, not left to the level above
    text = (
        "做好居民纠纷调解工作\n近年来，杨圪楞街道推行网格化管理。\n"
        "东河一号社区组建“银发巡逻队”，守护小区平安。\n"
    )
    assert ("杨圪楞街道", "mass_prevention") in _facts(text)


def test_implementations_record_their_method_and_confidence() -> None:
    ex = _run(CITY + "包头市公安局常态化开展扫黑除恶斗争。")
    (impl,) = [i for i in ex.implementations if i.practice_key == "anti_gang"]
    assert impl.method == "actor=agency;practice=taxonomy" and 0 < impl.confidence <= 1


def test_a_report_titled_after_a_station_is_its_towns() -> None:
    # a court's or a police station's own report: its unnumbered measures are the town's
    for title in ("固阳县人民法院金山人民法庭：小法庭化解大纠纷", "金山派出所：守护一方平安"):
        ex = _run(f"{title}\n固阳县坚持枫桥经验。一是推行网格化管理，二是组建义务巡逻队。")
        names = {r.code: r.name for r in ex.regions}
        assert names[ex.subject_region or ""] == "金山镇"
        assert ("金山镇", "grid") in {(names[a.region_code], a.practice_key) for a in ex.adoptions}
    # a station named later in the title is not what the report is about
    ex = _run("固阳县表彰金山派出所\n固阳县坚持枫桥经验。一是推行网格化管理，二是组建义务巡逻队。")
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "固阳县"
    assert ("固阳县", "grid") in {(names[a.region_code], a.practice_key) for a in ex.adoptions}


def test_a_place_visitors_go_to_look_at_is_a_destination_not_an_actor() -> None:
    # 到/赴 X 调研/考察/学习: X is where the visitors go, so it does not adopt what they look at
    found = _facts(CITY + "市委政法委书记到麻池镇调研楼长制推行情况。")
    assert ("麻池镇", "building_head") not in found
    # a unit that goes out to look is still the actor of its own clauses
    found = _facts(CITY + "麻池镇到各村开展调研，推行楼长制。")
    assert found[("麻池镇", "building_head")].startswith("actor=opening-place")
    # going somewhere to do work of one's own (到麻池镇开展走访) makes no destination of a later actor
    found = _facts(CITY + "九原区干部到麻池镇开展走访，麻池镇推行楼长制。")
    assert found[("麻池镇", "building_head")].startswith("actor=place")


def test_a_host_where_visitors_study_after_zai_adopts_nothing_nor_does_the_subject() -> None:
    # 在X学习/考察…: X hosts the visitors; what they study there is adopted by no one in the report
    found = _facts(CITY + "\n在鄂尔多斯市学习楼长制经验，考察组一行深受启发。")
    assert ("鄂尔多斯市", "building_head") not in found
    assert ("包头市", "building_head") not in found
    # 在X推行… is X's own work; 在全市学习推广… is the whole unit's
    found = _facts(CITY + "\n在九原区推行楼长制。在全市学习推广网格化管理。")
    assert ("九原区", "building_head") in found
    assert ("包头市", "grid") in found


def test_a_place_visitors_go_to_work_in_is_a_destination_not_an_actor() -> None:
    # 赴/前往 X 开展…: the visitors do the work; the unit they travel to does not adopt it
    found = _facts(CITY + "麻池镇派干部赴固阳县金山镇开展平安边界共建，推行楼长制。")
    assert found[("麻池镇", "building_head")].startswith("actor=opening-place")
    assert ("金山镇", "building_head") not in found
    # a host named as a subject of its own still acts
    found = _facts(CITY + "九原区干部前往麻池镇开展走访，麻池镇推行楼长制。")
    assert found[("麻池镇", "building_head")].startswith("actor=place")


def test_a_partner_after_with_acts_together_with_the_unit_carried_from_before() -> None:
    # 甲镇…；同时与乙省某县某镇共同…: the partner town (even in another province) and the town the
    # sentence is about both act in the subjectless unit, and in its later clauses (两镇…)
    text = (
        CITY
        + "麻池镇地处城郊，镇里设立“邻里说和室”；"
        + "同时与山西省大同市天镇县谷前堡镇联合设立人民调解室，两镇互派调解员。"
    )
    found = _facts(text)
    assert found[("谷前堡镇", "diversified_resolution")] == "actor=list;practice=taxonomy"
    assert ("麻池镇", "diversified_resolution") in found
    # a unit with a subject of its own (九原区联合…) has no partner: each unit acts alone
    found = _facts(CITY + "麻池镇设立调解室；九原区联合设立人民调解室。")
    assert found[("九原区", "diversified_resolution")] == "actor=place;practice=taxonomy"


def test_a_paragraph_s_opening_town_is_the_subject_of_its_actorless_sentences() -> None:
    # 甲镇…。（no subject）…。: the town that opens the paragraph acts in its later sentences
    para = "麻池镇地处城乡接合部，外来人口多。共划分网格28个。推行楼长制，每栋楼选出一名楼长。"
    found = _facts(CITY + "\n" + para)
    assert found[("麻池镇", "building_head")] == "actor=paragraph;practice=taxonomy"
    assert ("包头市", "building_head") not in found
    # and its quantities are the town's too
    ex = _run(CITY + "\n" + para)
    (grids,) = [m for m in ex.measurements if m.value == 28.0]
    assert grids.region_code == next(r.code for r in ex.regions if r.name == "麻池镇")
    # the next paragraph is the subject's again
    found = _facts(CITY + "\n麻池镇地处城乡接合部，外来人口多。\n推行楼长制，每栋楼选出一名楼长。")
    assert found[("包头市", "building_head")].startswith("actor=subject")
    # a county opening its paragraph carries nothing: its sentences stay with the subject
    found = _facts(CITY + "\n九原区外来人口多，纠纷也多。推行楼长制，每栋楼选出一名楼长。")
    assert found[("包头市", "building_head")].startswith("actor=subject")


def test_work_done_on_return_from_a_study_visit_is_the_visitors_own() -> None:
    found = _facts(CITY + "市委政法委组织干部赴九原区学习考察，回来后全面推行楼长制。")
    assert found[("包头市", "building_head")].startswith("actor=opening-agency")
    assert ("九原区", "building_head") not in found


def test_a_practice_inside_a_units_own_body_is_that_units_not_the_paragraphs_town() -> None:
    # the paragraph opens with a town, but 固阳县综治中心 (named as an object) and the bare
    # 综治中心 after it are the county's centre: the town gets no 综治中心 line from them
    text = (
        "固阳县平安建设见闻\n固阳县持续推进平安建设。\n"
        "金山镇开展平安积分兑换活动,村民踊跃参加。"
        "积分让村民成了固阳县综治中心的“哨兵”,为综治中心收集信息。\n"
    )
    found = _facts(text)
    assert ("金山镇", "comprehensive_center") not in found
    assert ("固阳县", "comprehensive_center") in found


def test_a_mediation_point_set_up_is_mediation_work() -> None:
    # 调解点 is set up like 调解室 and 调解站: the unit that sets it up mediates disputes
    found = _facts(CITY + "九原区在景区门口设立涉旅纠纷调解点，由司法所干部现场值守。")
    assert found[("九原区", "diversified_resolution")].startswith("actor=place")


def test_exemplars_of_dispute_resolution_each_get_the_key_beside_their_brand() -> None:
    # rule 16 with rule 4: 化解矛盾纠纷，涌现出甲区“X”、乙县“Y”等…: each listed brand is a way to
    # resolve disputes, so each unit has its brand and 矛盾纠纷多元化解
    text = (
        "包头市2031年平安建设工作情况\n包头市持续推进平安建设。"
        "化解矛盾纠纷，各地涌现出九原区“邻里说理堂”、固阳县“山村和事佬”等一批特色做法。"
    )
    found = _facts(text)
    assert ("九原区", "diversified_resolution") in found
    assert ("固阳县", "diversified_resolution") in found
    # without that topic the brands stay brands only
    plain = _facts(
        "包头市2031年平安建设工作情况\n包头市持续推进平安建设。各地涌现出九原区“邻里说理堂”等一批特色做法。"
    )
    assert ("九原区", "diversified_resolution") not in plain


def test_a_smaller_unit_after_a_clause_that_only_sets_the_scene_acts() -> None:
    # 在…沙河街道，华融社区把…: the opening clause only says where; the community acts
    found = _facts(CITY + "在区政府所在地沙河街道，华融社区把辖区划分为8个网格，推行“网格长+楼长”责任制。")
    assert found[("华融社区", "grid")].startswith("actor=opening-place")
    assert ("包头市", "grid") not in found
    # a unit that is no smaller than the scene does not take over
    found = _facts(CITY + "在九原区，全区推行“网格长+楼长”责任制。")
    assert ("华融社区", "grid") not in found


def test_mediating_disputes_is_the_work_even_without_a_count() -> None:
    # 调解矛盾纠纷 says the unit mediates; a count is not needed (化解 alone is too loose)
    found = _facts(CITY + "九原区麻池镇依托各村的老年协会调解矛盾纠纷，老人们坐在院里讲道理。")
    assert ("麻池镇", "diversified_resolution") in found
    found = _facts(CITY + "麻池镇依靠群众，为调解矛盾纠纷创造条件。")  # a purpose, not the work
    assert ("麻池镇", "diversified_resolution") not in found


def test_a_unit_introduced_by_zuowei_is_the_subject_of_the_next_clause() -> None:
    # 甲镇作为…，把普法搬进了集市: the town named with 作为 (as …) acts in the clause after it
    found = _facts(CITY + "二人台是包头的名片，九原区麻池镇作为二人台之乡，把普法搬上了舞台。")
    assert found[("麻池镇", "law_popularization")].startswith("actor=place")
    assert ("包头市", "law_popularization") not in found


def test_station_named_after_no_unit_is_the_county_of_the_bureau_before_it() -> None:
    # 青山分局火车站派出所: no 区划 unit 火车站, so the station is the branch's district (rule 8)
    found = _facts(CITY + "包头市公安局青山分局火车站派出所地处闹市。火车站派出所组建了义警队伍。")
    assert ("青山区", "mass_prevention") in found
    assert ("包头市", "mass_prevention") not in found
    # a county bureau's station named after a hill: that county, in the same sentence too
    found = _facts(CITY + "固阳县公安局红山口派出所推行楼长制。")
    assert ("固阳县", "building_head") in found
    # with no bureau or branch ever written before it, the name alone places nothing new
    found = _facts(CITY + "火车站派出所推行楼长制。")
    assert ("青山区", "building_head") not in found


def test_procuratorate_office_named_after_a_town_is_that_town() -> None:
    # a 派驻检察室 named after a town maps to it, as a 司法所 does (guidelines rule 8)
    county = "固阳县2031年检察工作情况\n固阳县检察院扎实推进各项工作。"
    found = _facts(county + "县检察院派驻金山检察室开展法治宣传进村活动。")
    assert ("金山镇", "law_popularization") in found
    assert ("固阳县", "law_popularization") not in found


def test_station_in_a_province_report_named_after_a_township_named_before() -> None:
    # a province's report: 甲派出所 after the report has named 甲镇 is that town's station
    text = "内蒙古自治区2031年公安工作综述\n全区公安机关推进平安建设。固阳县金山镇地处山区。"
    found = _facts(text + "金山派出所组建了义警队伍。")
    assert ("金山镇", "mass_prevention") in found
    assert ("内蒙古自治区", "mass_prevention") not in found


def test_station_written_short_after_its_full_name_is_its_town() -> None:
    # 金山司法所 placed at 金山镇: the report's later 金山所 is that station too
    county = "固阳县2031年司法行政工作情况\n固阳县司法局扎实推进各项工作。"
    found = _facts(county + "金山司法所召开工作会议。金山所组建了义警队伍。")
    assert ("金山镇", "mass_prevention") in found
    # 所在, 所属, 所长 make 所 a word of its own
    found = _facts(county + "金山司法所召开工作会议。金山所在地群众组建了义警队伍。")
    assert ("金山镇", "mass_prevention") not in found


def test_court_named_after_no_unit_is_the_county_of_its_court() -> None:
    # 某县法院湖滨法庭 with no 区划 unit 湖滨: the county's court (as a station is, rule 8),
    # also in a province's report and at the court's later bare mentions
    text = "内蒙古自治区2031年法院工作综述\n全区法院推进诉源治理。"
    found = _facts(text + "固阳县法院湖滨法庭成立调解工作室。湖滨法庭还组建了义警队伍。")
    assert ("固阳县", "mass_prevention") in found
    assert ("内蒙古自治区", "mass_prevention") not in found


def test_first_person_city_in_a_county_subject_report_is_the_city_above() -> None:
    # a page naming only one county but written by its city: 我市 is the writer's city, which acts;
    # it is never the county
    text = "固阳县综治中心窗口工作人员正在接待群众。\n同时，我市建立了“三单一报”工作机制。"
    found = _facts(text)
    assert ("包头市", "local:三单一报") in found
    assert ("固阳县", "local:三单一报") not in found
    # a county's own report keeps 我县 as the county
    found = _facts("固阳县综治中心窗口工作人员正在接待群众。\n同时，我县建立了“三单一报”工作机制。")
    assert ("固阳县", "local:三单一报") in found


def test_a_central_body_heading_a_sentence_acts_above_the_subject() -> None:
    # 由中央某委指导的…活动启动 / 中央某委…部署: the centre acts, not the district the page is about
    district = "九原区2031年平安建设工作情况\n九原区持续推进平安建设。"
    found = _facts(district + "2031年5月8日，由中央政法委有关部门指导的“枫桥经验”主题采访活动在当地启动。")
    assert ("九原区", "fengqiao") not in found
    found = _facts(district + "中央政法委在全国部署开展“枫桥经验”宣传。")
    assert ("九原区", "fengqiao") not in found
    # the district's own work in the same words still counts
    found = _facts(district + "2031年5月8日，九原区启动“枫桥经验”主题宣传活动。")
    assert ("九原区", "fengqiao") in found


def test_a_sentence_opening_with_its_verb_goes_on_with_the_unit_that_opened_the_one_before() -> None:
    # 甲县依托…。建立…机制。: the county that opened the sentence before acts, not the city
    found = _facts(CITY + "固阳县依托综治中心接收各类诉求。建立“人民调解+司法确认”衔接机制，纠纷化解更快。")
    assert ("固阳县", "diversified_resolution") in found
    assert ("包头市", "diversified_resolution") not in found
    # across a paragraph break the subject takes over again
    found = _facts(CITY + "固阳县依托综治中心接收各类诉求。\n建立“人民调解+司法确认”衔接机制，纠纷化解更快。")
    assert ("包头市", "diversified_resolution") in found
    # a sentence with a subject of its own keeps it
    found = _facts(CITY + "固阳县依托综治中心接收各类诉求。全市建立“人民调解+司法确认”衔接机制。")
    assert ("固阳县", "diversified_resolution") not in found


def test_a_reporters_lead_in_comes_before_an_upper_body_heading_the_sentence() -> None:
    # 近日，某报记者在内蒙古采访发现，自治区党委政法委…: the reporter only frames the sentence,
    # so the region above acts and the district the page is about adopts nothing
    district = "九原区2031年平安建设工作情况\n九原区持续推进平安建设。"
    sentence = "近日，《北方观察》周刊记者在内蒙古采访发现，内蒙古自治区党委政法委推进综治中心建设。"
    assert ("九原区", "comprehensive_center") not in _facts(district + sentence)
    # the same lead-in before the district's own work keeps it
    sentence = "近日，《北方观察》周刊记者在九原区采访发现，九原区推进综治中心建设。"
    assert ("九原区", "comprehensive_center") in _facts(district + sentence)


def test_a_bare_township_word_with_its_own_centre_heading_a_paragraph_is_that_township() -> None:
    # 苏木综治中心整合… / 镇政府建立… opening a new paragraph: the 苏木 or 镇 named before, not the 旗
    text = "固阳县推进平安建设\n今年以来，金山镇推行网格化管理。\n镇综治中心整合派出所、司法所力量。"
    assert ("金山镇", "comprehensive_center") in _facts(text)
    assert ("固阳县", "comprehensive_center") not in _facts(text)
    text = "阿鲁科尔沁旗推进平安建设\n今年以来，巴彦温都尔苏木推行网格化管理。\n苏木政府建立“马背调解”机制。"
    assert ("巴彦温都尔苏木", "local:马背调解") in _facts(text)


def test_an_unlisted_community_heading_a_later_clause_lies_in_the_town_that_opens_the_sentence() -> None:
    # 甲镇推行…，乙社区组建…: 乙社区 (not in the 区划 data) acts in its clause, placed in 甲镇
    text = "固阳县推进平安建设\n金山镇推行网格化管理，彩虹桥社区组建义警队伍。"
    ex = _run(text)
    names = {r.code: r for r in ex.regions}
    found = {(names[a.region_code].name, a.practice_key) for a in ex.adoptions}
    assert ("彩虹桥社区", "mass_prevention") in found
    assert ("金山镇", "mass_prevention") not in found
    (community,) = [r for r in names.values() if r.name == "彩虹桥社区"]
    assert names[community.parent_code or ""].name == "金山镇"
    # a 村 found by pattern after a verb is no unit (协助村“两委”…)
    found = _facts("固阳县推进平安建设\n金山镇培养“法律明白人”，协助村“两委”开展普法宣传。")
    assert all(not name.endswith("村") for name, _ in found)


def test_a_pilot_site_named_by_the_arranging_body_carries_the_practice() -> None:
    # the county body only arranges the pilot (guideline 15): the town named as its site adopts
    for text in (
        "兴文县推进平安建设。县司法局在九丝城镇试点推行“善治积分”制度。",
        "兴文县推进平安建设。县司法局以九丝城镇为试点，推行“善治积分”制度。",
    ):
        assert ("九丝城镇", "local:善治积分") in _facts(text), text
    # a town that is only where a meeting sat is no pilot site
    met = _facts("兴文县推进平安建设。县司法局在九丝城镇召开现场会，推行“善治积分”制度。")
    assert ("九丝城镇", "local:善治积分") not in met


def test_a_unit_after_zhe_shi_heads_the_clauses_that_follow_it() -> None:
    # 这是甲镇…的成果: the town after 这是 is the subject the later subjectless clauses go on with
    text = (
        "兴文县推进平安建设。该地群众满意度逐年提高，这是兴文县九丝城镇深耕基层治理，"
        "推行“石海和风”工作法的结果。"
    )
    assert ("九丝城镇", "local:石海和风") in _facts(text)


def test_a_photo_caption_standing_first_is_not_the_reports_subject() -> None:
    # the picture shows one district's mediator; a title opening with that district would make it
    # the report's subject, a caption in the title's place does not
    from govkg.loaders.extract import default_extractor

    ex = default_extractor()
    hebei = ex.gazetteer.get("130000")
    caption = "莲池区调解员入户化解邻里纠纷。省委政法委/供图"
    assert ex._title_subject(caption, hebei) == hebei
    assert ex._title_subject("莲池区调解员入户化解邻里纠纷", hebei).name == "莲池区"


def test_a_county_feature_whose_lead_station_is_named_again_by_name_is_its_towns() -> None:
    # the lead has the county court's 西斗铺人民法庭 act and the feature goes on naming it
    # (西斗铺法庭…): the tribunal's report, so a heading with no actor is its town's
    body = (
        "小法庭里的大民生\n"
        "固阳县人民法院西斗铺人民法庭始终坚持枫桥经验。\n"
        "今年以来，西斗铺法庭共审结案件120件。\n"
        "推行网格化管理，织密解纷网络\n"
        "西斗铺人民法庭在各村设立法官工作站。\n"
    )
    ex = _run(body)
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "西斗铺镇"
    assert ("西斗铺镇", "grid") in {(names[a.region_code], a.practice_key) for a in ex.adoptions}
    # named once only, the station is one actor of the county's feature
    ex = _run(
        "小法庭里的大民生\n固阳县人民法院西斗铺人民法庭始终坚持枫桥经验。\n"
        "固阳县推行网格化管理，织密解纷网络。\n"
    )
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "固阳县"


def test_a_province_feature_with_one_districts_example_stays_the_provinces() -> None:
    # clauses headed by 全省 are the province's: one district's example paragraph does not take the report
    ex = _run(
        "小矛盾就地化解\n近年来，甘肃省司法厅着力抓好矛盾纠纷多元化解。"
        "全省调解组织去年化解纠纷3万件，全省司法所推行网格化管理。\n"
        "在兰州市七里河区，一起邻里纠纷经七里河区调解员调解后和解。七里河区司法局随后回访双方。\n"
        "全省各级司法行政机关还组建了法律顾问团。"
    )
    assert ex.subject_region == "620000"
    assert ("620000", "grid") in {(a.region_code, a.practice_key) for a in ex.adoptions}
    # 全省 that only ranks the district (走在全省前列, 全省首家) gives the province nothing
    ex = _run(
        "小矛盾就地化解\n近年来，七里河区着力抓好矛盾纠纷多元化解，化解纠纷3万件，走在全省前列。\n"
        "七里河区调解员调解邻里纠纷。七里河区司法局推行网格化管理，成为全省首家试点。甘肃省司法厅予以肯定。"
    )
    assert ex.subject_region == "620103"


def test_a_municipalitys_bureau_branch_and_station_name_the_district_and_street() -> None:
    # a 直辖市 is the city whose bureau has district branches: 重庆市公安局江北分局 is 江北区's, and
    # its 观音桥派出所 is that district's 观音桥街道 (guidelines rule 8), as for any other city's
    found = _facts(
        "警民同心护平安\n"
        "近年来，重庆市公安局江北分局观音桥派出所深化枫桥式公安派出所创建，组建夜间巡逻队。"
        "观音桥派出所推行网格化管理。"
    )
    assert ("观音桥街道", "fengqiao_police_station") in found
    assert ("观音桥街道", "grid") in found
    assert ("重庆市", "grid") not in found


def test_a_town_named_with_its_county_in_an_example_does_not_take_the_report() -> None:
    # 如…，甲县乙镇某某…: a case told to illustrate the county bureau's year, not the town's report
    ex = _run(
        "【法律援助】2031年，县司法局扎实推进公共法律服务，全县设立法律援助工作站12个。"
        "如6月8日，屯昌县坡心镇村民王某因工钱被拖欠求助，工作站当天受理并帮助其追回欠款。"
        "全年共办理法律援助案件300余件。"
    )
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "屯昌县"
    # the same pair opening the report's lead still makes the town its subject
    ex = _run("夜巡守平安\n6月8日，屯昌县坡心镇组织义务巡逻队开展夜间巡逻，该镇还推行网格化管理。")
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "坡心镇"


def test_an_apposition_opening_with_zuowei_is_the_next_clauses_unit() -> None:
    # 作为…试点城市，甲市…: the fronted clause says what the unit heading the next one is
    found = _facts(
        "宁夏平安建设综述\n近年来，固原市原州区推行网格化管理。"
        "作为全国市域社会治理试点城市，石嘴山市着力推进矛盾纠纷多元化解。"
    )
    assert ("石嘴山市", "city_governance_pilot") in found
    assert ("原州区", "city_governance_pilot") not in found


def test_a_practice_rolled_out_in_a_unit_written_after_yizai_is_that_units() -> None:
    # “X”工作法已在甲县全面推开: the practice heading the clause is in place in 甲县
    found = _facts(
        "黄南州基层治理观察\n黄南藏族自治州持续推进平安建设。"
        "“帐篷议事”工作法已在泽库县全面推开，牧民纠纷就地化解。网格化管理已在同仁市铺开。"
    )
    assert ("泽库县", "local:帐篷议事") in found
    assert ("同仁市", "grid") in found
    assert ("黄南藏族自治州", "grid") not in found


def test_a_station_written_after_its_city_bureau_and_a_zone_branch_opens_the_sentence() -> None:
    # 甲市公安局某新区分局乙派出所…，…打造…: the station (its street) acts, in the later clauses too;
    # the city's bureau and the zone's branch only say whose station it is
    text = (
        "警民同心护平安\n近年来，洛阳市公安局伊滨区分局李村派出所坚持问题导向，结合辖区实际，"
        "全力打造枫桥式公安派出所。"
    )
    ex = _run(text)
    names = {r.code: r.name for r in ex.regions}
    adopters = {(names[a.region_code], a.practice_key) for a in ex.adoptions}
    assert ("李村镇", "fengqiao_police_station") in adopters
    assert ("洛阳市", "fengqiao_police_station") not in adopters
    bodies = {a.key: a.name for a in ex.agencies}
    assert all(bodies[i.agency_key] != "洛阳市公安局" for i in ex.implementations)


def test_a_station_under_a_town_branch_of_a_city_without_counties_is_that_town_later_too() -> None:
    # 中山市公安局甲分局乙派出所: the city has no counties, so the branch's town stands where a
    # county would (rule 8); the station named again alone, in a later paragraph, is that town's
    text = (
        "中山市平安建设见闻\n中山市持续推进平安建设。\n"
        "中山市公安局南头分局滨江派出所辖区企业众多。\n"
        "近年来，滨江派出所推行楼长制，每栋楼选出一名楼长。"
    )
    found = _facts(text)
    assert found[("南头镇", "building_head")].startswith("actor=agency")
    assert ("中山市", "building_head") not in found


def test_whole_city_before_first_of_only_ranks_the_unit_named_before_it() -> None:
    # 甲社区被定为全市首批“X”试点社区: 全市首批 ranks 甲社区, which is the one piloting
    text = CITY + "昆都仑区少先路街道阿尔丁社区被定为全市首批“红色物业”试点社区。"
    found = _facts(text)
    assert found[("阿尔丁社区", "red_property")].startswith("actor=place")
    assert ("包头市", "red_property") not in found
    # 全市 heading its clause still acts for the city
    found = _facts(CITY + "全市首批推行楼长制。")
    assert ("包头市", "building_head") in found
