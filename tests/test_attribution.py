"""Which region adopts: the adoption rule of govkg.loaders.extract on sentences written for the test."""

from __future__ import annotations

from govkg.loaders.documents import from_text
from govkg.loaders.extract import extract


def _adopters(text: str) -> set[tuple[str, str]]:
    ex = extract(from_text(text, "test.txt"))
    names = {r.code: r.name for r in ex.regions}
    return {(names[a.region_code], a.practice_key) for a in ex.adoptions}


REPORT = (
    "深圳市福田区平安建设工作综述\n"
    "2022年，福田区深入推进雪亮工程建设。"
    "莲花街道在城中村安装智能门禁，推出登记服务；华富街道将视频巡查与网格巡查结合，网格员发现问题即时上报。"
    "全区建成综治中心10个，全省首家社区矫正中心在福田区建成。"
)


def test_subject_of_a_semicolon_unit_governs_only_that_unit() -> None:
    found = _adopters(REPORT)
    assert ("华富街道", "grid") in found
    assert ("莲花街道", "grid") not in found


def test_pronouns_resolve_by_level() -> None:
    found = _adopters(REPORT)
    assert ("福田区", "comprehensive_center") in found  # 全区 in a district report is the district
    assert ("福田区", "sharp_eyes") in found
    assert not any(name == "广东省" for name, _ in found)  # 全省 names the province, which acts not


def test_plans_and_awards_adopt_nothing() -> None:
    text = (
        "某县平安建设工作情况\n2021年，乌兰县深入推进网格化管理。"
        "下一步，乌兰县将进一步推进雪亮工程建设。乌兰县被评为全国枫桥经验示范县。"
    )
    keys = {k for _, k in _adopters(text)}
    assert "grid" in keys
    assert "sharp_eyes" not in keys and "fengqiao" not in keys


def test_a_title_opening_with_a_place_names_the_subject() -> None:
    text = (
        "诸暨市枫桥镇2023年平安建设工作情况\n"
        "镇综治中心整合司法所和派出所力量。全镇划分网格86个，配备专职网格员92名。"
        "枫源村组建调解队伍，小事不出村、大事不出镇。"
    )
    ex = extract(from_text(text, "t.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "枫桥镇"
    assert {names[a.region_code] for a in ex.adoptions} <= {"枫桥镇", "枫源村"}
    assert "大事不出镇" not in names.values()
    assert "枫源村" in names.values()


def test_a_county_on_a_study_visit_stays_the_subject_and_its_hosts_adopt_nothing() -> None:
    text = (
        "达茂旗政法委赴呼和浩特市考察学习网格化管理工作\n"
        "为提升我旗网格化管理水平，旗委政法委一行4人赴呼和浩特市考察学习。"
        "考察组先后到呼和浩特市综治中心、赛罕区综治中心等地参观学习。"
        "呼和浩特市有关负责同志陪同考察。回来后，我旗在各苏木镇推行网格员包户制度。"
    )
    ex = extract(from_text(text, "visit.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "达尔罕茂明安联合旗"
    found = {(names[a.region_code], a.practice_key) for a in ex.adoptions}
    assert ("达尔罕茂明安联合旗", "grid") in found
    assert not any(k == "comprehensive_center" for _, k in found)


def test_a_town_introduced_by_a_modified_locative_opens_the_sentence() -> None:
    # 在<modifier>的X乡，…: the town is the topic; the clauses after it, with no unit of their
    # own, are its work and not the county's
    text = (
        "围场满族蒙古族自治县平安建设综述\n"
        "全县建成综治中心。"
        "在地处坝上的哈里哈乡，牧户居住分散，乡里组建骑警巡逻队，今年已化解纠纷30余件。"
    )
    found = _adopters(text)
    assert ("哈里哈乡", "diversified_resolution") in found
    assert ("围场满族蒙古族自治县", "diversified_resolution") not in found


def test_a_place_inside_a_concerning_phrase_does_not_act() -> None:
    text = (
        "鄂尔多斯市平安建设工作综述\n"
        "全市推行网格化管理。"
        "依法处置涉外地网贷平台、包头“金桥交易所”理财受损人员等风险问题，全市未发生群体性事件。"
    )
    ex = extract(from_text(text, "concerns.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert not any(names[a.region_code] == "包头市" for a in ex.adoptions)


def test_a_station_written_after_its_county_bureau_is_its_town_in_a_province_report() -> None:
    # 某县公安局X派出所 in a report about a whole province: the station's town acts, found under
    # the county its bureau names (long transliterated town names included)
    text = (
        "内蒙古自治区平安建设综述\n"
        "全区深化平安创建。"
        "达茂旗公安局百灵庙派出所组建牧民义警队伍，每周巡逻草场。"
        "疏勒县公安局库木西力克派出所组建巴扎义警队，守护集市平安。"
    )
    found = _adopters(text)
    assert ("百灵庙镇", "mass_prevention") in found
    assert ("库木西力克乡", "mass_prevention") in found


def test_a_body_given_an_award_is_still_its_units() -> None:
    text = (
        "定西市政法工作综述\n"
        "一年来，渭源县综治中心被评为全省先进集体。"
        "漳县公安局被评为全省网格化管理先进单位。"
    )
    found = _adopters(text)
    assert ("渭源县", "comprehensive_center") in found  # the county has the centre that won
    assert not any(k == "grid" for _, k in found)  # the category of an award is no adoption


def test_the_home_of_a_named_resident_does_not_act_in_the_story() -> None:
    # 某乡某村村民马某…: the units are where the person lives, not who runs the grid
    story = "五户乡村民马某与邻居因放水发生争执，网格员当天上门劝解。"
    text = "康乐县平安建设见闻\n全县推行网格化管理。\n" + story
    assert ("五户乡", "grid") not in _adopters(text)
    text = "康乐县平安建设见闻\n全县推行网格化管理。\n五户乡为每个村配齐网格员，当天上门劝解。"
    assert ("五户乡", "grid") in _adopters(text)
    # 村民小组 and 居民小区 are words, not a resident named 小X: the village still acts
    text = "康乐县平安建设见闻\n五户乡甘沟村村民小组推行网格化管理，每组配一名网格员。"
    found = _adopters(text)
    assert ("甘沟村", "grid") in found and ("康乐县", "grid") not in found


def test_a_time_word_before_an_upper_unit_leaves_it_the_subject_of_the_sentence() -> None:
    # 近日/日前 are time adverbials like 近期: the city body after them heads the sentence, and its
    # committee's name gives the street no practice
    text = "红梅街道平安建设简报\n红梅街道推行网格化管理。\n日前，常州市市域社会治理委员会印发工作通报。"
    assert ("红梅街道", "city_governance_pilot") not in _adopters(text)


def test_a_station_opening_its_paragraph_is_the_unit_of_the_sentences_after_it() -> None:
    # 某县公安甲派出所…。(no subject)…: the station's town opens the paragraph, as a town would,
    # even written after its county's bureau
    text = (
        "温岭市平安建设简报\n"
        "近年来，温岭公安箬横派出所推行网格化管理，走出了一条新路子。"
        "从早年的“渔港义警”到如今的护航队，群防群治力量不断壮大。\n"
    )
    found = _adopters(text)
    assert ("箬横镇", "mass_prevention") in found
    assert ("温岭市", "mass_prevention") not in found


def test_the_country_heading_a_sentence_is_above_the_report_subject() -> None:
    # 我国/全国 heading a sentence speak of the whole country; the report's county adopts nothing
    text = "平和县平安建设简报\n平和县推行网格化管理。\n我国乡村的人民调解组织在一些地方仍显薄弱。"
    assert ("平和县", "diversified_resolution") not in _adopters(text)
    text = "平和县平安建设简报\n平和县推行网格化管理。\n全国首家乡村调解组织联合会在平和县成立。"
    assert ("平和县", "diversified_resolution") in _adopters(text)


def test_a_station_written_after_its_prefecture_and_county_opens_its_sentence() -> None:
    # 某市某区公安X派出所 with the city's short name first: the city only says where the station
    # lies, so the station's town still heads the sentence and its paragraph
    text = (
        "宁波市平安建设综述\n"
        "宁波北仑公安大碶派出所走访企业排查安全隐患，还组建了护企义警队。"
        "随后推行楼长制，每栋楼选出一名楼长。\n"
    )
    found = _adopters(text)
    assert ("大碶街道", "mass_prevention") in found
    assert ("大碶街道", "building_head") in found
    assert ("宁波市", "mass_prevention") not in found


def test_a_practice_founded_in_a_unit_named_after_it_is_that_units() -> None:
    # 某市首支X队在某区某街道某社区成立: the practice is the subject and the community where it is
    # founded acts, not the city that only ranks it first
    text = "成都市平安建设简讯\n日前，四川省成都市首支楼栋义警队在武侯区玉林街道玉林北路社区正式成立。\n"
    found = _adopters(text)
    assert ("玉林北路社区", "mass_prevention") in found
    assert ("成都市", "mass_prevention") not in found
    assert ("四川省", "mass_prevention") not in found


def test_a_traditional_character_title_naming_a_station_makes_its_town_the_subject() -> None:
    # the title is read folded like the body: its station's town owns the subjectless sentences
    text = (
        "勐海縣公安局打洛邊境派出所：守護邊境平安\n近年來，所裏全力推行網格化管理，每個網格配備一名輔警。\n"
    )
    found = _adopters(text)
    assert ("打洛镇", "grid") in found
    assert ("勐海县", "grid") not in found


def test_a_first_of_the_whole_city_founded_in_a_district_is_the_districts() -> None:
    # 全市首家 ranks the practice in the city; the district where it is founded acts
    text = "扬州市平安建设综述\n全市首家矛盾纠纷调解中心在邗江区揭牌成立，专门调处物业纠纷。\n"
    found = _adopters(text)
    assert ("邗江区", "diversified_resolution") in found
    assert ("扬州市", "diversified_resolution") not in found


def test_a_title_station_after_its_city_and_county_short_names_is_the_subject() -> None:
    # 某市某区公安X派出所 as a headline: the station's own report, written with the city's and
    # the district's short names and 公安 before it
    text = "宁波北仑公安大碶派出所：织密平安网\n近年来，所里组建护企义警队，推行网格化管理。\n"
    found = _adopters(text)
    assert ("大碶街道", "grid") in found
    assert ("北仑区", "grid") not in found


def test_a_title_station_after_its_citys_bureau_branch_is_the_subject() -> None:
    # 某市公安局某分局X派出所 as a headline: the branch only says whose station it is
    text = "宁波市公安局北仑分局大碶派出所：织密平安网\n近年来，所里组建护企义警队，推行网格化管理。\n"
    found = _adopters(text)
    assert ("大碶街道", "grid") in found
    assert ("宁波市", "grid") not in found


def test_a_sentence_about_this_team_continues_the_unit_that_formed_it() -> None:
    # 这支队伍… after a sentence naming a team in 某省某盟某旗: the banner, the last of the chain,
    # runs it; the province the chain opens with does not
    text = (
        "内蒙古自治区平安建设综述\n"
        "在内蒙古锡林郭勒盟阿巴嘎旗的草原上，活跃着一支牧民巡防队。"
        "这支队伍常年开展边境巡逻，协助派出所开展群防群治。\n"
    )
    found = _adopters(text)
    assert ("阿巴嘎旗", "mass_prevention") in found
    assert not any(region.endswith("自治区") for region, _ in found)


def test_a_unit_that_only_gives_an_award_does_not_act() -> None:
    # 获得某区“X”称号: the district written between the award verb and the award gives it; the
    # community room that received it is the one that has the practice
    text = (
        "北京市西城区平安建设简报\n"
        "今年以来，新街口街道赵登禹路社区“胡同议事厅”获得北京市西城区“金牌人民调解室”称号。\n"
    )
    found = _adopters(text)
    assert ("赵登禹路社区", "diversified_resolution") in found
    assert ("西城区", "diversified_resolution") not in found


def test_a_county_body_heading_the_title_keeps_the_county_the_subject() -> None:
    # 某县人民法院在某镇设立…: the report names one town again and again, but the county's court
    # that the title puts first is who acts there
    text = (
        "勐海县人民法院在打洛镇设立巡回审判点\n"
        "今年以来，勐海县人民法院在勐海县打洛镇设立巡回审判点，在打洛镇开展诉前调解。"
        "打洛镇巡回审判点挂牌后，法官每周到该镇接待群众，推动诉源治理。\n"
    )
    ex = extract(from_text(text, "court.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "勐海县"


def test_a_placeless_title_over_one_town_named_twice_is_that_town_s_report() -> None:
    # the county named once as background, the town twice as the subject of its clauses
    text = (
        "山乡夜巡护安宁\n"
        "勐海县地处边境。近年来，打洛镇组建护村队，开展夜间巡逻。"
        "打洛镇还设立调解室。建成镇综治中心。\n"
    )
    ex = extract(from_text(text, "town.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "打洛镇"
    # the county speaking as 全县 keeps the report, however often the town is named
    ex = extract(from_text(text.replace("建成镇综治中心", "全县建成综治中心"), "county.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "勐海县"


def test_a_town_above_a_village_report_s_subject_doing_its_own_deed_adopts() -> None:
    # in a village's report, 镇 heading its clause with a deed of its own is the town's adoption
    text = (
        "永宁县闽宁镇原隆村平安建设纪实\n原隆村成立了护村队。闽宁镇创新“说事评理”工作法，就地调处矛盾纠纷。\n"
    )
    found = _adopters(text)
    assert ("闽宁镇", "local:说事评理") in found
    assert ("原隆村", "local:说事评理") not in found
    # the town directing or promoting its villages' work does not act
    text = "永宁县闽宁镇原隆村平安建设纪实\n闽宁镇推广原隆村“说事评理”工作法。\n"
    assert not [r for r, _ in _adopters(text) if r == "闽宁镇"]


def test_a_unit_after_qizhong_is_no_subject_of_the_clauses_before_it() -> None:
    # …共调处纠纷310件，其中甲镇…: the count is the county's, the town only a part of it
    text = (
        "勐海县调解工作综述\n"
        "勐海县持续推进人民调解。\n"
        "去年，全县调解员共调处纠纷310件，其中打洛镇设立巡回调解点，调处纠纷42件。\n"
    )
    ex = extract(from_text(text, "part.txt"))
    names = {r.code: r.name for r in ex.regions}
    where = {m.value: names.get(m.region_code or "") for m in ex.measurements}
    assert where[310] == "勐海县"
    assert where[42] == "打洛镇"


def test_a_county_body_and_a_town_working_together_both_adopt() -> None:
    # 某县法院与某镇党委政府深度协作，…: units of different levels joined by 与 and a word of
    # working together act together in the clauses that follow
    text = (
        "玉溪市平安建设综述\n"
        "今年以来，华宁县人民法院与华宁县青龙镇党委政府深度协作，在镇上设立诉前调解工作室，化解矛盾纠纷60余起。\n"
    )
    found = _adopters(text)
    assert ("华宁县", "diversified_resolution") in found
    assert ("青龙镇", "diversified_resolution") in found


def test_a_dateline_places_a_same_name_street_when_no_subject_is_named() -> None:
    # 济阳街道 lies in both 济南 and 济宁: the blanked dateline of a 济宁 paper still says which
    text = "社区夜巡队上岗了\n济宁日报讯（记者 某某）日前，济阳街道推行网格化管理，把辖区划成若干网格。\n"
    ex = extract(from_text(text, "test.txt"))
    names = {r.code: r for r in ex.regions}
    street = [names[a.region_code] for a in ex.adoptions if names[a.region_code].name == "济阳街道"]
    assert street and street[0].code.startswith("3708")
    # a national outlet's bureau gives only its province, where both same-name streets lie
    national = text.replace("济宁日报讯", "新华社济南3月2日电")
    assert not extract(from_text(national, "test.txt")).adoptions


def test_a_source_line_places_a_same_name_town_and_a_unique_town_elsewhere_stays() -> None:
    # 城关镇 lies in many counties: the 来源 line's county media centre says which
    text = (
        "巡逻队员上岗记\n发布时间：2023-05-12 来源：新安县融媒体中心\n"
        "近日，城关镇推行网格化管理，划分网格80个。\n"
    )
    ex = extract(from_text(text, "test.txt"))
    names = {r.code: r for r in ex.regions}
    assert {names[a.region_code].parent_code for a in ex.adoptions} == {"410323"}
    # a town that is unique keeps its own place whoever filed the report
    far = text.replace("新安县融媒体中心", "某某日报").replace("城关镇", "勐遮镇")
    far = far.replace("来源：某某日报", "来源：济宁日报")
    assert {a.region_code for a in extract(from_text(far, "test.txt")).adoptions} == {"532822:勐遮镇"}


def test_a_city_bureau_branch_in_the_lead_makes_its_district_the_subject() -> None:
    # the city is named only as part of its bureau's branch: the feature is the district's
    text = (
        "多措并举守护辖区平安\n2031-05-06\n"
        "近日,包头市公安局青山分局在辖区推行楼长制。辖区还组建了义务巡逻队。"
    )
    ex = extract(from_text(text, "test.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "青山区"
    assert ("青山区", "mass_prevention") in _adopters(text)
    # the city named again only as its bureau (support sent by the city bureau) changes nothing
    again = text.replace("辖区还", "包头市公安局派员协助,辖区还")
    ex = extract(from_text(again, "test.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "青山区"
    # the city also named on its own keeps the report
    text = text.replace("辖区还", "包头市还")
    ex = extract(from_text(text, "test.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "包头市"


def test_a_month_before_an_upper_unit_leaves_it_the_subject_of_the_sentence() -> None:
    # 2021年5月起 / 截至目前 are time words like 今年以来: the province after them heads the sentence
    # and acts itself; the county the report is about gets nothing from it
    text = (
        "某县综治简讯\n2023年，歙县推行网格化管理。\n"
        "2021年5月起，安徽省司法厅推行“皖事好商量”调解机制。\n"
        "截至目前，全省依托“皖事好商量”调解纠纷3200件。"
    )
    found = _adopters(text)
    assert ("歙县", "grid") in found
    assert not any(name == "歙县" and key.startswith("local:") for name, key in found)


def test_the_whole_upper_level_heading_a_sentence_is_above_the_report_subject() -> None:
    # 全省… heading a county's sentence speaks of the whole province; 全省首家 only ranks a unit
    text = "临湘市平安建设简报\n临湘市推行网格化管理。\n全省各地组建平安志愿者队伍。"
    assert ("临湘市", "mass_prevention") not in _adopters(text)
    text = "临湘市平安建设简报\n全省首家乡村调解超市在临湘市建成，推行网格化管理。"
    assert ("临湘市", "grid") in _adopters(text)


def test_a_semicolon_unit_with_no_subject_goes_on_with_the_sentences_opening_subject() -> None:
    # 甲镇…；推行…: the unit after the semicolon names no one, so the town opening the sentence
    # acts there too, even in the middle of a paragraph about the county
    text = (
        "平江县平安建设简报\n平江县推行网格化管理。安定镇建立综治中心；推行“红袖标”巡逻，组建平安志愿者队伍。"
    )
    found = _adopters(text)
    assert ("安定镇", "mass_prevention") in found
    assert ("平江县", "mass_prevention") not in found


def test_here_opening_a_sentence_is_the_place_the_sentence_before_named() -> None:
    # 走进甲市综治中心。在这里，…；…: 这里 is that city's centre, in every unit of the sentence
    text = (
        "岳阳市平安建设简报\n岳阳市推行网格化管理。走进汨罗市综治中心，窗口整齐排开。"
        "在这里，心理咨询室常年开放；“屈子”调解工作室各展所长。"
    )
    found = _adopters(text)
    assert ("汨罗市", "psych_service") in found
    assert ("岳阳市", "psych_service") not in found
    assert ("岳阳市", "local:屈子") not in found


def test_a_local_outlets_own_county_writing_as_itself_is_the_subject() -> None:
    # the 来源 line credits a county's own news site and the text says 我县: that county's report
    text = (
        "全市综治工作现场会在我县召开\n2023-05-06 10:12 来源:永嘉新闻网\n"
        "5月5日,全市综治工作现场会在我县召开。近年来,县公安局推行网格化管理。"
    )
    assert ("永嘉县", "grid") in _adopters(text)
    # 我区 does not fit a 县: the outlet only says where same-name units lie
    text = text.replace("我县", "我区")
    assert extract(from_text(text, "test.txt")).subject_region is None


def test_a_photo_caption_that_names_no_unit_adopts_nothing() -> None:
    # 图为…/（…供图）: a caption counts only when it names the unit that acts (rule 1)
    text = "岳阳县平安建设简报\n近年来，岳阳县扎实推进平安建设。\n图为网格员入户走访。\n全县刑事案件下降10%。"
    assert ("岳阳县", "grid") not in _adopters(text)
    text = "岳阳县平安建设简报\n近年来，岳阳县扎实推进平安建设。\n网格员入户走访（记者 某某 摄）\n"
    assert ("岳阳县", "grid") not in _adopters(text)
    # one that names it still counts, and the same practice in prose still adopts
    text = "岳阳县平安建设简报\n近年来，岳阳县扎实推进平安建设。\n图为新墙镇网格员入户走访。\n"
    assert ("新墙镇", "grid") in _adopters(text)
    text = "岳阳县平安建设简报\n岳阳县推行网格化管理。\n图为网格员入户走访。\n"
    assert ("岳阳县", "grid") in _adopters(text)


def test_a_body_of_the_level_above_heading_a_sentence_is_above_the_report_subject() -> None:
    # 市公安局… in a district's report: the city's bureau acts, the district adopts nothing from it
    text = "东河区平安建设简报\n近年来，东河区扎实推进平安建设。\n市公安局组建平安志愿者队伍。"
    assert ("东河区", "mass_prevention") not in _adopters(text)
    # 市场监管局 is no city body, and 市公安局 in a county-level city's report is its own
    text = "东河区平安建设简报\n近年来，东河区扎实推进平安建设。\n市场监管局推行网格化管理。"
    assert ("东河区", "grid") in _adopters(text)
    text = "禹州市平安建设简报\n近年来，禹州市扎实推进平安建设。\n市公安局组建平安志愿者队伍。"
    assert ("禹州市", "mass_prevention") in _adopters(text)


def test_a_semicolon_unit_with_no_subject_after_an_upper_opening_is_the_upper_levels() -> None:
    # 福建省公安厅…；深入开展“X”活动: the province opens the sentence and acts in both units
    text = (
        "下党乡平安建设简报\n下党乡推行网格化管理。\n"
        "福建省公安厅推广“乡村110”做法；深入开展“警民恳谈夜”活动。"
    )
    found = _adopters(text)
    assert ("下党乡", "grid") in found
    assert not any(name == "下党乡" and key.startswith("local:") for name, key in found)


def test_only_before_a_unit_leaves_it_the_subject_of_the_sentence() -> None:
    # 仅甲村一村，…: 仅 is no verb; the village heads the sentence and acts in the clauses after it
    text = "旬阳市关口镇平安建设简报\n关口镇推行网格化管理。\n仅江北村一村，去年就组建平安志愿者队伍三支。"
    found = _adopters(text)
    assert ("江北村", "mass_prevention") in found
    assert ("关口镇", "mass_prevention") not in found


def test_a_short_lead_in_clause_before_an_upper_unit_leaves_it_the_subject() -> None:
    # 据了解，/为此，/在此基础上，… frame the sentence; the province after them still heads it
    for lead in ("据了解，", "在此基础上，", "去年以来，", "记者了解到，"):
        text = f"平江县平安建设简报\n平江县推行网格化管理。\n{lead}湖南省公安厅整合力量，组建平安志愿者队伍。"
        assert ("平江县", "mass_prevention") not in _adopters(text), lead
    # a lead-in before the county's own town leaves that town the actor
    text = "平江县平安建设简报\n平江县推行网格化管理。\n据了解，安定镇整合力量，组建平安志愿者队伍。"
    assert ("安定镇", "mass_prevention") in _adopters(text)


def test_the_whole_region_in_a_banners_or_a_countys_report_is_the_autonomous_region() -> None:
    # 全区 in a 旗's or a 县's report of an autonomous region is that region, not the banner
    text = "达茂旗平安建设简报\n达茂旗推行网格化管理。\n全区组建平安志愿者队伍十万余人。"
    assert ("达尔罕茂明安联合旗", "mass_prevention") not in _adopters(text)
    text = "隆德县平安建设简报\n隆德县推行网格化管理。\n全区组建平安志愿者队伍十万余人。"
    assert ("隆德县", "mass_prevention") not in _adopters(text)
    # in a district's report 全区 is the district itself
    text = "东河区平安建设简报\n东河区推行网格化管理。\n全区组建平安志愿者队伍一千余人。"
    assert ("东河区", "mass_prevention") in _adopters(text)


def test_a_town_after_a_lead_in_line_opens_its_paragraph_when_no_other_is_named() -> None:
    # 划细网格。甲派出所…。(no subject)…: the lead-in names no one, so the station's town opens it
    text = (
        "汨罗市平安建设简报\n汨罗市推行雪亮工程。\n"
        "划细网格，夯实基础。新市派出所把辖区分成若干警务区。推行“一警多员”，组建平安志愿者队伍。"
    )
    found = _adopters(text)
    assert ("新市镇", "mass_prevention") in found
    assert ("汨罗市", "mass_prevention") not in found
    # a paragraph that goes on to name a second town keeps the report's subject for the rest
    text = (
        "汨罗市平安建设简报\n汨罗市推行雪亮工程。\n"
        "基层防线筑牢。新市镇开展平安家庭创建。弼时镇推行十户联防。组建平安志愿者队伍。"
    )
    assert ("新市镇", "mass_prevention") not in _adopters(text)


def test_a_named_programme_met_first_without_its_unit_is_only_its_units() -> None:
    # the programme is first met in a sentence with no unit (the subject fallback), then credited to
    # its town: the town runs it, and the county gets no line of its own for it
    text = (
        "安吉县：竹林深处话和谐\n\n"
        "山里的清晨总是很安静。\n"
        "然而，在镇政府旁边的“竹下议事”工作室，却是另一番热闹景象。\n"
        "▲天荒坪镇“竹下议事”工作室。\n"
    )
    adopters = _adopters(text)
    assert ("天荒坪镇", "local:竹下议事") in adopters
    assert ("安吉县", "local:竹下议事") not in adopters


def test_a_local_papers_dateline_picks_the_same_name_unit_a_title_opens_with() -> None:
    # two cities each have a 济阳街道; 本报济宁讯 files the report in 济宁市, so the title's street is
    # the one there, even though 平安济阳 in the text names the other city's 济阳区
    text = (
        "济阳街道织密网格守护居民安宁\n"
        "本报济宁讯（通讯员 张某）今年，济阳街道推行网格化管理，专职网格员每天入户走访，"
        "为建设平安济阳出力。\n"
    )
    ex = extract(from_text(text, "test.txt"))
    assert {a.region_code for a in ex.adoptions if a.practice_key == "grid"} == {"370811:济阳街道"}


def test_a_title_naming_a_province_by_its_literary_name_keeps_the_province_as_subject() -> None:
    # 三秦 is 陕西: towns named across two cities do not pull the subject down to the first one
    text = (
        "三秦大地平安建设见闻\n"
        "近年来，各地深化综治中心规范化建设。"
        "宝鸡市陈仓区虢镇街道的网格员每天走街串巷。"
        "汉中市勉县勉阳街道设立了一间邻里调解室。"
    )
    ex = extract(from_text(text, "nickname.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "陕西省"
    assert ("陕西省", "comprehensive_center") in _adopters(text)


def test_a_literary_name_followed_by_a_level_word_is_the_town_of_that_name() -> None:
    # 八桂 is 广西 in 八桂大地, but 八桂瑶族乡 is a township of 田林县
    ex = extract(from_text("八桂瑶族乡：村口的调解室\n近年来，八桂瑶族乡设立人民调解室。", "town.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "八桂瑶族乡"


def test_a_city_nickname_in_the_lead_names_the_city() -> None:
    text = (
        "为护航秋收，冰城公安深入田间地头开展走访。\n"
        "五常市公安局某派出所组织辅警巡逻。\n"
        "民警还发动网格员、红袖标等群防群治力量参与巡查。"
    )
    ex = extract(from_text(text, "city.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "哈尔滨市"


def test_a_station_named_short_after_its_township_in_a_province_report() -> None:
    # a province holds too many towns to look 下党 up short; the 乡 named before is the one meant
    text = (
        "福建省深化枫桥式派出所创建\n大山深处有个寿宁县下党乡。下党派出所设立“山茶话”调解室，化解邻里纠纷。"
    )
    ex = extract(from_text(text, "station.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert any(names.get(g.region_code) == "下党乡" and g.name.endswith("派出所") for g in ex.agencies)
    assert ("下党乡", "diversified_resolution") in _adopters(text)


def test_an_honour_written_right_before_a_named_station_is_that_stations() -> None:
    text = (
        "福建省深化枫桥式派出所创建\n"
        "大山深处有个寿宁县下党乡。"
        "去年，全国“枫桥式公安派出所”下党派出所的民警走访了三十户村民。"
    )
    assert ("下党乡", "fengqiao_police_station") in _adopters(text)


def test_neighbours_and_the_counties_a_delegation_goes_to_work_in_are_not_the_subject() -> None:
    # the county the report is about is named as often as each of its neighbours together
    text = (
        "县委政法委书记一行赴泽库县、同仁市开展平安边界联创工作，签订治安联防协议。\n"
        "尖扎县与泽库县、同仁市、贵德县接壤，多年来边界矛盾纠纷联调联处。\n"
        "下一步，尖扎县将深化矛盾纠纷联调机制。"
    )
    ex = extract(from_text(text, "border.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "尖扎县"


def test_a_county_body_written_with_a_bare_level_word_in_a_province_report() -> None:
    # 县综治中心 right after 某县某镇某村: the county named last, not the village the paragraph opens with
    text = (
        "广西各地综治中心建设见闻\n"
        "去年冬天，隆安县那桐镇定典村一处灌溉渠堵了多年。"
        "经县综治中心协调，水渠一个月便疏通完工。"
    )
    found = _adopters(text)
    assert ("隆安县", "comprehensive_center") in found
    assert ("定典村", "comprehensive_center") not in found


def test_a_practice_in_a_fronted_since_clause_is_done_by_the_unit_after_it() -> None:
    text = (
        "锡林郭勒盟基层治理见闻\n"
        "锡林郭勒盟各地推广“马背调解”工作法。"
        "自推行网格化管理以来，二连浩特市组织网格员走访牧户，化解了一批草场纠纷。"
    )
    found = _adopters(text)
    assert ("二连浩特市", "grid") in found
    assert ("锡林郭勒盟", "grid") not in found


def test_a_fronted_clause_that_names_its_own_unit_keeps_it() -> None:
    text = "锡林郭勒盟基层治理见闻\n自锡林浩特市推行网格化管理以来，二连浩特市也组织网格员走访牧户。"
    assert ("锡林浩特市", "grid") in _adopters(text)


def test_a_county_report_on_one_town_station_is_the_towns() -> None:
    text = (
        "用心守护一方平安\n"
        "近日，疏附县公安局塔什米里克乡派出所深入村组排查化解邻里矛盾。\n"
        "派出所组织民警走进村组，发动网格员、治安志愿者参与排查。\n"
        "对疑难纠纷，派出所邀请人民调解员共同调处。"
    )
    found = _adopters(text)
    assert ("塔什米里克乡", "grid") in found
    assert ("疏附县", "grid") not in found


def test_a_county_report_naming_several_towns_stays_the_countys() -> None:
    text = (
        "用心守护一方平安\n"
        "近日，疏附县公安局塔什米里克乡派出所深入村组排查化解邻里矛盾。\n"
        "派出所组织民警走进村组。托克扎克镇也发动网格员参与排查。\n"
        "对疑难纠纷，派出所邀请人民调解员共同调处。"
    )
    ex = extract(from_text(text, "county.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "疏附县"


def test_an_outlet_named_with_a_city_nickname_does_not_make_the_city_the_subject() -> None:
    # 羊城晚报 is a Guangzhou paper writing of 佛山 here
    text = "羊城晚报记者走访村居调解员\n近年来，佛山市顺德区大良街道推行网格化管理，网格员每天入户走访。"
    ex = extract(from_text(text, "outlet.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] != "广州市"


def test_a_listed_station_named_after_no_unit_is_its_countys_not_the_previous_towns() -> None:
    # 黄羊滩 is a farm, no 区划 unit: its station's brand is the county's (guideline 8)
    text = (
        "永宁县平安建设见闻\n"
        "近年来，永宁县培育了望远司法所“望远说和”品牌、黄羊滩司法所“滩上议事”调解室、"
        "杨和司法所“和为贵”品牌。"
    )
    found = _adopters(text)
    assert ("永宁县", "local:滩上议事") in found
    assert ("望远镇", "local:滩上议事") not in found
    assert ("望远镇", "local:望远说和") in found


def test_each_listed_stations_brand_is_implemented_by_that_station_only() -> None:
    text = (
        "永宁县平安建设见闻\n"
        "近年来，永宁县培育了望远司法所“望远说和”品牌、黄羊滩司法所“滩上议事”调解室、"
        "杨和司法所“和为贵”品牌。"
    )
    ex = extract(from_text(text, "impl.txt"))
    done = {(i.agency_key.rsplit(":", 1)[-1], i.practice_key) for i in ex.implementations}
    assert ("杨和镇司法所", "local:和为贵") in done
    assert ("望远镇司法所", "local:和为贵") not in done
    assert ("望远镇司法所", "local:滩上议事") not in done


def test_a_district_body_written_with_a_bare_level_word_in_a_city_report() -> None:
    text = (
        "徐州市平安建设见闻\n"
        "近年来，徐州市各区都建起了综治中心。鼓楼区丰财街道一处小区的漏水纠纷拖了两年。"
        "经区综治中心协调，双方当场和解。"
    )
    assert ("鼓楼区", "comprehensive_center") in _adopters(text)


def test_a_brand_listed_after_a_police_post_named_after_no_unit_is_the_countys() -> None:
    # 甲社区“X”、乙警务站“Y”、丙社区“Z”: the post's brand is not the community's before it
    text = (
        "兰州市城关区矛盾化解\n城关区公安分局培育了付家巷社区“老付说和室”、白塔山警务站“老马调解室”、"
        "禄家巷社区“禄家议事厅”等特色调解品牌。"
    )
    ex = extract(from_text(text, "t"))
    regions = {r.code: r.name for r in ex.regions}
    owners = {
        a.practice_key: regions[a.region_code] for a in ex.adoptions if a.practice_key.startswith("local:")
    }
    assert owners == {
        "local:老付说和室": "付家巷社区",
        "local:老马调解室": "城关区",
        "local:禄家议事厅": "禄家巷社区",
    }


def test_a_city_body_doing_its_own_work_in_a_county_report_is_the_citys() -> None:
    # 甲市公安局…共调处纠纷N起 in 乙县's report: the city's line, not the county's
    text = (
        "会宁县多措并举护平安\n近日，会宁县公安局在全县开展夏季治安巡逻。"
        "与此同时，白银市公安局持续完善矛盾纠纷化解“回访机制”，今年以来共调处各类纠纷320起。"
    )
    ex = extract(from_text(text, "t"))
    regions = {r.code: r.name for r in ex.regions}
    lines = {(regions[a.region_code], a.practice_key) for a in ex.adoptions}
    assert ("白银市", "local:回访机制") in lines
    assert ("会宁县", "local:回访机制") not in lines
    # the city body telling the counties what to do gives the city no line
    text = "会宁县多措并举护平安\n白银市公安局要求各县区完善矛盾纠纷化解“回访机制”。"
    ex = extract(from_text(text, "t"))
    assert not [a for a in ex.adoptions if a.practice_key == "local:回访机制" and a.region_code == "620400"]


def test_a_body_whose_head_reports_its_work_is_the_actor_of_that_report() -> None:
    # 甲派出所所长某某表示，今年以来，通过“X”…: the station's work, not the county's
    text = (
        "泾源县公安局推进警务前置\n黄花派出所所长马某表示，今年以来，通过“红马甲巡逻队”，辖区开展夜巡30次。"
    )
    ex = extract(from_text(text, "t"))
    regions = {r.code: r.name for r in ex.regions}
    owners = {regions[a.region_code] for a in ex.adoptions if a.practice_key == "local:红马甲巡逻队"}
    assert owners == {"黄花乡"}
    # the officer alone is still no acting body in the list of agencies
    assert "黄花乡派出所" not in {a.name for a in ex.agencies}


def test_this_centre_after_a_centre_named_after_its_town_is_that_towns() -> None:
    # 甲镇社会矛盾联调中心…。该中心调处…: the town heading the centre's name owns it
    text = (
        "云南调解员见闻\n近日，昆明市宜良县匡远街道的调解室内，一场纠纷迎来转机。"
        "全省各地调解员扎根基层。\n在临沧市双江县勐库镇矛盾纠纷联调中心，调解员李某被称为“老娘舅”。"
        "2025年，该中心调处法院委派诉前调解案件130件。"
    )
    ex = extract(from_text(text, "t"))
    regions = {r.code: r.name for r in ex.regions}
    (figure,) = [m for m in ex.measurements if m.raw.startswith("130")]
    assert regions[figure.region_code or ""] == "勐库镇"
    # a centre only built in a town (在甲镇建成…中心) is not named after it
    text = "某县见闻\n双江县在勐库镇建成矛盾纠纷联调中心。2025年，该中心调处纠纷130件。"
    ex = extract(from_text(text, "t"))
    regions = {r.code: r.name for r in ex.regions}
    (figure,) = [m for m in ex.measurements if m.raw.startswith("130")]
    assert regions.get(figure.region_code or "") != "勐库镇"


def test_a_person_the_report_places_in_a_unit_stands_for_it() -> None:
    # 某某是甲县乙镇丙村的驻村辅警。…某某组建“X”: the village's programme
    text = (
        "宁夏平安建设见闻\n近年来，宁夏持续推进平安建设。\n"
        "马兰是永宁县闽宁镇原隆村的驻村辅警。"
        "在她的带动下，马兰组建“原隆夜巡队”义警，发动村民参与巡逻。"
    )
    ex = extract(from_text(text, "t"))
    regions = {r.code: r.name for r in ex.regions}
    owners = {regions[a.region_code] for a in ex.adoptions if a.practice_key == "local:原隆夜巡队"}
    assert owners == {"原隆村"}


def test_a_body_credited_in_the_source_line_and_speaking_of_its_whole_city_is_the_subject() -> None:
    # 来源:甲市司法局 over a text naming no place, whose clauses are headed by 全市: that city's
    text = (
        "一季度法律援助工作情况\n来源:荆门市司法局  时间:2031-04-08 09:12\n"
        "一季度,全市受理法律援助案件512件,办结498件。全市现有法律援助工作站86个。"
    )
    assert ("荆门市", "public_legal_service") in _adopters(text)
    # 全县 does not fit a 市: the source line only says where same-name units lie
    assert extract(from_text(text.replace("全市", "全县"), "test.txt")).subject_region is None


def test_a_text_writing_as_its_city_over_a_districts_opening_story_is_the_citys() -> None:
    # an opening story set in one district, then 我市… (never 我区): the city writes, the district
    # is its example; 我市九原区… only places the district and leaves a district's report its own
    text = (
        "城市综治观察\n8月2日，包头市九原区一小区业主与物业因停车费产生纠纷，九原区综治中心调处后双方和解。"
        "九原区综治中心与110平台协同办理。多年来，我市坚持规范运行，推进综治中心建设。"
    )
    ex = extract(from_text(text, "test.txt"))
    assert ex.subject_region == "150200"
    assert ("九原区", "comprehensive_center") in _adopters(text)
    text = (
        "九原区平安建设\n近年来，我市九原区推行网格化管理，九原区沙河街道建成综治中心。九原区还推行楼长制。"
    )
    assert extract(from_text(text, "test.txt")).subject_region == "150207"


def test_a_functional_zone_heading_its_sentence_lends_the_subject_nothing() -> None:
    # a zone is no region (guideline 9): its deeds go to no unit, bare, modified or after time words
    for zone in ("高新区", "刚刚获批扩区的高新区", "今年5月，高新区"):
        found = _adopters(f"绵阳市推进平安建设。{zone}推行网格化管理，设网格40个。")
        assert ("绵阳市", "grid") not in found, zone
    # the unit named with the zone acts, and a 经 lead-in still leaves the subject acting
    assert ("绵阳市", "grid") in _adopters("四川省推进平安建设。绵阳市高新区推行网格化管理。")
    assert ("绵阳市", "grid") in _adopters("绵阳市推进平安建设。经排查，网格员上报隐患30处。")


def test_a_body_heading_a_visiting_group_carries_out_nothing_it_looks_at() -> None:
    # 甲县委政法委考察组对乙区的X有了认识: the group's body visits; the host's work stays the host's
    text = (
        "九原区平安建设见闻\n九原区持续推进平安建设。"
        "固阳县考察团一行观摩了九原区楼长制工作，对其成效给予高度评价。"
        "固阳县委政法委考察组对九原区的网格化管理有了深入认识。"
    )
    ex = extract(from_text(text, "delegation.txt"))
    names = {r.code: r.name for r in ex.regions}
    found = {(names[a.region_code], a.practice_key) for a in ex.adoptions}
    assert ("九原区", "grid") in found
    assert not any(name == "固阳县" for name, _ in found)
    bodies = {a.key: a.name for a in ex.agencies}
    assert not any("固阳县" in bodies.get(i.agency_key, "") for i in ex.implementations)
    # a body of the report's own region that acts (no group after it) still carries out its work
    ex = extract(from_text("九原区平安建设见闻\n九原区委政法委推行网格化管理。", "own-body.txt"))
    bodies = {a.key: a.name for a in ex.agencies}
    assert any("九原区" in bodies[i.agency_key] for i in ex.implementations)


def test_a_text_calling_itself_by_its_county_is_the_county_s_not_the_town_it_names_first() -> None:
    # the first line names one town (the visit's stop), but the text speaks as 我旗: the banner's
    # report, whose subjectless work is the banner's
    text = (
        "3月5日，旗委常委陪同市领导到百灵庙镇综治中心调研。\n"
        "调研后，市领导对我旗平安建设工作给予充分肯定，认为我旗重视程度高，"
        "尤其在网格化管理方面推进有力、效果明显。"
    )
    ex = extract(from_text(text, "county-voice.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "达尔罕茂明安联合旗"
    found = {(names[a.region_code], a.practice_key) for a in ex.adoptions}
    assert ("达尔罕茂明安联合旗", "grid") in found
    assert ("百灵庙镇", "grid") not in found
    # a town's own report (no 我旗) stays the town's
    text = "3月5日，百灵庙镇召开平安建设推进会。\n会上，百灵庙镇通报了全镇网格化管理工作，全镇划分网格30个。"
    ex = extract(from_text(text, "town-voice.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names[ex.subject_region or ""] == "百灵庙镇"


def test_bodies_listed_where_visitors_go_to_look_carry_out_nothing() -> None:
    # 深入甲中心、乙局、丙局…开展调研督导: every body of the visited run is a destination, however
    # long the run; the work studied there is carried out by none of them in this sentence
    text = (
        "包头市2031年平安建设工作情况\n包头市持续推进平安建设。"
        "督导组先后深入市网格化服务管理指挥中心、市公安局、市司法局、市民政局、九原区开展调研督导，"
        "通过查阅台账等方式，详细了解我市楼长制工作开展情况。"
    )
    ex = extract(from_text(text, "inspected.txt"))
    assert not any(i.practice_key == "building_head" for i in ex.implementations)
    # a body named as the subject of its own clause still carries out its work
    ex = extract(from_text("包头市2031年平安建设工作情况\n市司法局推行楼长制。", "own.txt"))
    assert any(i.practice_key == "building_head" for i in ex.implementations)


def test_a_functional_zones_own_report_lends_the_city_nothing() -> None:
    # a report the zone writes of itself (经开区党工委…, 区工委…): sentences naming no one are the
    # zone's, and a zone is no region (guideline 9), so the city its name starts with gets nothing
    zone = (
        "绵阳经开区召开平安建设推进会\n9月5日，绵阳经开区召开平安建设推进会，通报了绵阳经开区"
        "2023年以来平安建设情况。会议指出，经开区全面推行网格化管理，划分网格30个。"
        "区工委领导坚持每月坐班接访。"
    )
    found = _adopters(zone)
    assert not any(name == "绵阳市" for name, _ in found), found
    # a city's own report naming its zone once keeps its subject-less sentences
    city = (
        "绵阳市平安建设综述\n绵阳市持续深化平安建设。全面推行网格化管理，划分网格300个。"
        "高新区设立警务站一处。绵阳市坚持领导干部坐班接访。"
    )
    assert ("绵阳市", "grid") in _adopters(city)
    # zones written as a kind of unit in a list (各县区、开发区) make no zone report
    listed = (
        "平安建设推进会召开\n5月8日，全市平安建设推进会召开。会议要求各县（市、区）、开发区加强领导，"
        "各县区、开发区、高新区主要负责人参加会议。去年以来，全面推行网格化管理，划分网格3000个。"
        "绵阳市委政法委书记出席会议。"
    )
    assert ("绵阳市", "grid") in _adopters(listed)


def test_a_prefectures_visiting_group_leaves_the_county_level_city_its_report() -> None:
    # 甲市督导组来乙调研 in the county-level city's own news: the prefecture only heads the group,
    # the city is named again and again and calls itself 我市 (guideline 11)
    text = (
        "苏州市平安建设督导组来昆督导\n5月8日，苏州市平安建设督导组组长、苏州市委政法委副书记张某"
        "率队来昆，督导平安建设工作。昆山市委常委、政法委书记李某陪同。督导组先后到市综治中心、玉山镇，"
        "了解我市平安建设工作情况。昆山市全面推行网格化管理，共划分网格1200个。"
    )
    ex = extract(from_text(text, "visit.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names.get(ex.subject_region or "") == "昆山市"
    found = {(names[a.region_code], a.practice_key) for a in ex.adoptions}
    assert ("昆山市", "grid") in found
    assert not any(name == "苏州市" for name, _ in found)
    # the prefecture doing its own work in the text stays the subject
    own = text.replace("昆山市全面推行", "苏州市全面推行")
    ex = extract(from_text(own, "own.txt"))
    names = {r.code: r.name for r in ex.regions}
    assert names.get(ex.subject_region or "") == "苏州市"


def test_a_persons_own_account_in_a_transcript_is_not_the_report_subjects() -> None:
    # 某某：我…: a roundtable guest's account of their own life (guideline 12), also in the paragraph
    # that goes on with 我; a moderator's line and a unit named in the speech are read as usual
    text = (
        "嘉兴市基层治理圆桌谈\n主持人：请三位嘉宾谈谈基层治理。\n"
        "周某某：我做了二十年人民调解员，调解纠纷上千起。\n"
        "后来我又在镇里的矛盾纠纷调解中心坐班。\n"
        "嘉兴市全面推行网格化管理，全市划分网格3000个。"
    )
    found = _adopters(text)
    assert ("嘉兴市", "grid") in found
    assert ("嘉兴市", "diversified_resolution") not in found


def test_a_person_introduced_by_a_station_title_stands_for_its_town_in_that_sentence() -> None:
    # 某某是甲县公安局乙派出所所长，也是“X”队的队长: the station, though only part of a title, is
    # the person's unit, and the person heads the rest of the sentence
    text = (
        "如皋市平安建设\n王某是如皋市公安局白蒲派出所所长，也是“蓝盾”巡防队的队长。"
        "王某带领队员每晚开展治安巡逻。"
    )
    found = _adopters(text)
    assert ("白蒲镇", "local:蓝盾") in found
    assert ("如皋市", "local:蓝盾") not in found


def test_a_body_whose_leader_heads_a_visiting_party_carries_out_nothing_it_looks_at() -> None:
    # 甲人大常委会副主任某某一行对乙院…开展调研, 甲委副书记某某率队来…: a visit, not the body's work
    def bodies(text: str) -> set[str]:
        ex = extract(from_text(text, "party.txt"))
        names = {a.key: a.name for a in ex.agencies}
        return {names.get(i.agency_key, "") for i in ex.implementations}

    visit = "镇江市平安建设\n5月6日，镇江市人大常委会副主任刘某一行对镇江市中级人民法院诉源治理工作开展调研。"
    assert bodies(visit) == {"镇江市中级人民法院"}
    # a leader leading the body's own work in its communities stays the body's
    own = "镇江市平安建设\n镇江市公安局副局长王某率队深入社区，推行社区警务“一警多能”机制。"
    assert any("公安局" in name for name in bodies(own))


def test_a_local_paper_dateline_and_a_bare_city_bureau_make_the_paper_city_the_subject() -> None:
    # 某市日报讯 over a story whose only actor is 市公安局: the paper's own city's bureau
    text = "节日安保有序\n寿光日报讯 国庆前夕，市公安局组织民警开展夜间巡逻，守护节日平安。\n"
    ex = extract(from_text(text, "test.txt"))
    assert ex.subject_region == "370783"
    # a bare bureau under a paper of another level word says nothing of that paper's unit
    county = text.replace("寿光日报讯", "本报讯")
    assert extract(from_text(county, "test.txt")).subject_region is None


def test_a_county_writing_as_itself_is_the_county_its_named_streets_lie_in() -> None:
    # 我县 never names itself, and the only upper unit named is the province that praised it:
    # the one county its streets lie in is the writer
    text = (
        "平安创建表彰会召开\n3月5日，我县召开平安创建工作会议。我县去年获评省级平安县，"
        "获浙江省表彰。会前，与会人员前往魏塘街道综治中心观摩。\n"
    )
    assert extract(from_text(text, "test.txt")).subject_region == "330421"


def test_partners_qualified_by_their_province_act_with_the_unit_that_works_with_them() -> None:
    # 甲镇主动与湖南的乙镇、贵州的丙镇试行…: 湖南的/贵州的 only say where each partner lies, and
    # the partners listed after 主动与 act with the town that opens the sentence
    text = (
        "来凤县边界治理简报\n今年，百福司镇主动与湖南的桂塘镇、贵州的迓驾镇试行网格化管理，"
        "三地网格员定期碰头。\n"
    )
    found = _adopters(text)
    assert {("百福司镇", "grid"), ("桂塘镇", "grid"), ("迓驾镇", "grid")} <= found
    assert ("湖南省", "grid") not in found


def test_a_unit_that_in_turn_works_with_its_neighbours_acts_with_them() -> None:
    # 甲区先后与乙县、丙市…: an adverb of sequence between the unit and 与 leaves the unit the
    # subject, acting with the partners (as 甲区与乙县、丙市… does)
    text = (
        "江宁区边界治理简报\n江宁区地处苏皖交界。2015年江宁区先后与博望区、溧水区组建边界联合人民调解委员会。"
    )
    adopters = _adopters(text)
    assert ("江宁区", "diversified_resolution") in adopters
    assert ("博望区", "diversified_resolution") in adopters


def test_a_central_ministry_heading_a_sentence_is_above_the_report_subject() -> None:
    # 国家某局部署…, 民政部印发…: a central body acts; the report's banner adopts nothing from it
    text = "扎赉特旗平安建设简报\n扎赉特旗推行网格化管理。2023年,国家信访局等部门联合组织了平安边境创建活动。"
    assert ("扎赉特旗", "safe_units") not in _adopters(text)
    text = "扎赉特旗平安建设简报\n扎赉特旗推行网格化管理。2023年,扎赉特旗开展平安边境创建活动。"
    assert ("扎赉特旗", "safe_units") in _adopters(text)


def test_a_verb_whose_object_runs_into_a_level_word_makes_no_unit() -> None:
    # 统筹城乡, 引导能人回乡, 撤销建制乡: a verb whose object runs into the level word makes no
    # township of its own; the county acts (a real 旧城乡 written after its county still does)
    for phrase in ("统筹城乡", "引导能人回乡", "撤销建制乡后"):
        text = f"滑县平安建设简报\n滑县{phrase}推行网格化管理。"
        assert _adopters(text) == {("滑县", "grid")}, phrase
    text = "迁西县平安建设简报\n迁西县旧城乡推行网格化管理。"
    assert ("旧城乡", "grid") in _adopters(text)


def test_units_naming_a_boundary_area_are_where_the_work_is_done_not_who_does_it() -> None:
    # 与甲县、乙县间边界地区, 在甲镇与乙镇的交界区域: the units before the area their boundary
    # makes only place the work; the unit that does it is the one written as its subject
    text = (
        "松潘县平安建设简报\n松潘县推行网格化管理。"
        "2023年,松潘县组织巡逻队,加强与迭部县、舟曲县间边界地区的治安联防。"
    )
    adopters = _adopters(text)
    assert ("松潘县", "mass_prevention") in adopters
    assert ("迭部县", "mass_prevention") not in adopters
    assert ("舟曲县", "mass_prevention") not in adopters
    # units that act together and only then name the area they share still act
    text = "松潘县平安建设简报\n松潘县推行网格化管理。2023年,松潘县和九寨沟县共同加强两县交界地区的治安联防。"
    adopters = _adopters(text)
    assert ("九寨沟县", "mass_prevention") in adopters
