"""The practice taxonomy, the matcher and discovery of named local programs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from govkg.loaders.documents import from_text
from govkg.loaders.extract import extract
from govkg.loaders.practices import (
    PracticeMatcher,
    PracticeMention,
    Taxonomy,
    TaxonomyError,
    local_practice,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL_KEYS = [
    "枫桥经验",
    "雪亮工程",
    "天网工程",
    "网格化管理",
    "扫黑除恶",
    "综治中心",
    "矛盾纠纷多元化解",
    "诉源治理",
    "一村一警",
    "一村一法律顾问",
    "群防群治",
    "平安创建",
    "放管服改革",
    "公共法律服务",
    "社会心理服务体系",
    "社区矫正",
    "智慧治理平台",
    "市域社会治理现代化试点",
    "政法队伍教育整顿",
    "司法体制改革",
    "公益诉讼",
    "护学岗",
    "反电诈",
    "严重精神障碍患者管理",
    "楼长制",
    "信访工作",
    "执行难攻坚",
    "立体化治安防控体系",
    "普法宣传",
    "综治保险",
    "护路联防",
]


@pytest.fixture(scope="module")
def matcher() -> PracticeMatcher:
    return PracticeMatcher()


def names(mentions: list[PracticeMention]) -> list[str]:
    return [m.practice.name for m in mentions]


def local_names(mentions: list[PracticeMention]) -> list[str]:
    return [m.practice.name for m in mentions if m.practice.origin == "discovered"]


# --- taxonomy ---------------------------------------------------------------------------------
def test_default_taxonomy_is_large_complete_and_cached() -> None:
    tax = Taxonomy.default()
    assert Taxonomy.default() is tax
    assert len(tax.practices) >= 60
    canonical = {p.name for p in tax.practices.values()}
    assert [k for k in EVAL_KEYS if k not in canonical] == []
    assert len(EVAL_KEYS) == 31
    for p in tax.practices.values():
        assert p.category in tax.categories and p.category != "local"
        assert p.description
        if p.variant_of is not None:
            assert p.variant_of in tax.practices
    grid = tax.by_name("网格化管理")
    assert grid is not None
    assert tax.by_name("全科大网格") is not None
    assert tax.by_name("全科大网格").variant_of == grid.key  # type: ignore[union-attr]
    assert all(tax.categories[c] for c in tax.categories)


def test_lookup_by_key_name_alias_and_traditional_form() -> None:
    tax = Taxonomy.default()
    fq = tax.by_name("枫桥经验")
    assert fq is not None and tax.get(fq.key) is fq
    assert tax.by_name("新时代“枫桥经验”") is fq  # alias, quotes ignored
    assert tax.by_name("網格員") is tax.by_name("网格化管理")  # traditional folded
    assert tax.by_name("诉调对接") is tax.by_name("公调对接") is tax.by_name("诉源治理")
    assert tax.by_name(fq.key) is fq
    assert tax.by_name("没有这种做法") is None
    assert tax.get("no_such_key") is None


def _write(tmp_path: Path, doc: dict[str, object]) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _doc() -> dict[str, object]:
    return {
        "categories": {"基层治理": "测试", "治安防控": "测试"},
        "practices": [
            {
                "key": "grid",
                "name": "网格化管理",
                "category": "基层治理",
                "aliases": ["网格员"],
                "description": "d",
            },
            {
                "key": "big_grid",
                "name": "全科大网格",
                "category": "基层治理",
                "variant_of": "grid",
                "description": "d",
            },
        ],
    }


def test_small_valid_file_loads(tmp_path: Path) -> None:
    tax = Taxonomy.load(_write(tmp_path, _doc()))
    assert set(tax.practices) == {"grid", "big_grid"}
    assert tax.practices["grid"].aliases == ("网格员",)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["practices"].append(dict(d["practices"][0])), "duplicate key 'grid'"),
        (lambda d: d["practices"][1].update(aliases=["网格员"]), "key 'big_grid': alias '网格员'"),
        (lambda d: d["practices"][1].update(variant_of="nowhere"), "key 'big_grid': variant_of 'nowhere'"),
        (lambda d: d["practices"][0].update(category="未知"), "key 'grid': unknown category"),
        (lambda d: d["practices"][0].update(description=""), "key 'grid': missing description"),
        (lambda d: d["practices"][0].update(patterns=["(unclosed"]), "key 'grid': bad pattern"),
        (lambda d: d["practices"][0].update(key="Not A Slug"), "key 'Not A Slug'"),
        (lambda d: d["practices"][0].update(adoptable="no"), "key 'grid': adoptable must be true or false"),
    ],
)
def test_broken_taxonomy_names_the_key(tmp_path: Path, mutate: object, message: str) -> None:
    doc = _doc()
    mutate(doc)  # type: ignore[operator]
    with pytest.raises(TaxonomyError, match=message.replace("(", r"\(")):
        Taxonomy.load(_write(tmp_path, doc))


def test_an_institution_kept_by_law_is_mentioned_never_adopted() -> None:
    # every village keeps a 村规民约 and every court applies 认罪认罚从宽: naming them is compliance
    practices = Taxonomy.default().practices
    assert not practices["village_rules"].adoptable and not practices["plea_leniency"].adoptable
    assert practices["grid"].adoptable
    text = (
        "临河区基层治理见闻\n甘泉村修订完善村规民约，推行网格化管理。\n"
        "区法院在刑事审判中适用认罪认罚从宽制度。"
    )
    ex = extract(from_text(text, "test.txt"))
    assert {a.practice_key for a in ex.adoptions} == {"grid"}
    assert {n.practice_key for n in ex.non_adoptions if n.reason == "institution"} == {
        "village_rules",
        "plea_leniency",
    }
    mentioned = {m.key for m in ex.mentions if m.kind == "Practice"}
    assert {"village_rules", "plea_leniency"} <= mentioned


def test_unparseable_yaml_is_a_taxonomy_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("practices: [\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="not valid YAML"):
        Taxonomy.load(path)


# --- find ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我县扎实开展平安校园创建工作。", ["平安创建"]),
        ("全力推进平安包头建设。", []),
        ("组织开展“平安医院”创建。", ["平安创建"]),
        ("各乡镇持续深化新时代“枫桥经验”。", ["枫桥经验"]),
        ("社区配备专职网格员32名。", ["网格化管理"]),
        ("加强网格建设与调解工作。", []),  # 网格 and 调解 alone are too generic
        ("推行“全科大网格”。", ["全科大网格"]),
        ("深化诉调对接、警调对接工作。", ["诉源治理", "诉源治理"]),
        ("推行人民调解、行政调解、司法调解“三调对接”。", ["矛盾纠纷多元化解", "矛盾纠纷多元化解"]),
        # mediators a court invites are its 诉调对接, not a separate mediation organisation
        ("县法院吸纳特邀调解组织12家入驻诉讼服务中心。", ["诉源治理"]),
        ("建成乡镇综治服务中心12个。", ["综治中心"]),
        ("建立一村（格）一警制度。", ["一村一警"]),
        ("全镇村警每周走访。", ["一村一警"]),
        ("派出所石门村警务室开展走访。", []),  # a village's police room: 村 ends the village's name
        ("为全市村(社区)法律顾问颁发聘书。", ["一村一法律顾问"]),
        ("全镇选聘村级法律顾问9名。", ["一村一法律顾问"]),
        ("严厉打击電信網絡詐騙犯罪。", ["反电诈"]),  # traditional text folded
        ("组织开展天网行动追逃。", ["追逃追赃"]),  # the longer alias wins over 天网
        ("形成“人在网中走、事在格中办”的工作格局。", ["网格化管理"]),
        # disputes resolved and counted are the work reported by its results
        ("今年以来共调处各类矛盾纠纷126件。", ["矛盾纠纷多元化解"]),
        ("调解员全年化解纠纷40余起。", ["矛盾纠纷多元化解"]),
        ("提升化解矛盾纠纷的能力。", []),  # no count: a goal, not a result
        ("法庭诉前化解纠纷300余件。", []),  # a court's pre-suit work is 诉源治理's, not this
        # 信访稳定/信访维稳 name the work only with 工作; alone they qualify an honour or forces
        ("北岭镇把信访稳定工作列入年度考核。", ["信访工作"]),
        ("县里抽调干部做好信访维稳工作。", ["信访工作"]),
        ("镇里整合综治、信访维稳力量。", []),  # pooled forces, no 信访 work
        ("全县评出十个“信访稳定示范村”。", []),
    ],
)
def test_find(matcher: PracticeMatcher, text: str, expected: list[str]) -> None:
    assert names(matcher.find(text)) == expected


def test_find_offsets_index_the_original_text(matcher: PracticeMatcher) -> None:
    text = "本市推進網格化服務管理，建設雪亮工程。"
    found = matcher.find(text)
    assert names(found) == ["网格化管理", "雪亮工程"]
    for m in found:
        assert text[m.start : m.end] == m.surface
        assert not m.discovered
    assert found[0].surface == "網格化服務管理"  # longest alias, as written


def test_scan_counts_raw_hits(matcher: PracticeMatcher) -> None:
    # 网格化管理 also contains 网格化 and 网格管理? no: 网格化 + 网格化管理 overlap -> 2 raw hits
    assert matcher.scan("网格化管理") == 2
    assert matcher.scan("没有任何做法") == 0


# --- discovery -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "local", "mediation"),
    [
        ("和平社区推行“红镜头”矛盾纠纷调解工作，效果明显。", ["红镜头"], True),
        ("市司法局探索建立“三张清单”。", ["三张清单"], False),
        ("市公安局开通“24小时警局”，方便群众办事。", ["24小时警局"], False),
        ("该社区“大伟说事”被评为金牌人民调解室。", ["大伟说事"], True),
        ("涌现出“崔强聊吧”等特色调解品牌。", ["崔强聊吧"], True),
        ("某镇积极探索“1234”治理模式有效化解矛盾纠纷。", ["“1234”治理模式"], True),
        ("市公安局开展了“百万警进千万家”活动，走访群众。", ["百万警进千万家"], False),
        ("区里实施“星云计划”，孵化项目14个。", ["星云计划"], False),
        ("推动“三打”“三治”“三清”专项整治常态化。", ["“三打”“三治”“三清”专项整治"], False),
        ("某县探索出以群众自治为特点的“松河经验”，群众满意。", ["松河经验"], False),
        ("某镇总结提炼“石桥经验”。", ["石桥经验"], False),
        ("某县推行解纷“五诊法”，化解纠纷300件。", ["五诊法"], True),
        ("某区推行“三级五天”调解法。", ["“三级五天”调解法"], True),
        ("某镇组织“和睦大姐”义务调解组。", ["和睦大姐"], True),
        # 矛盾纠纷…化在当地 (resolved on the spot) is resolving disputes too
        ("某镇推行“院坝评理台”，把矛盾纠纷评在当面、化在当地。", ["院坝评理台"], True),
        ("某村把村部的毡房变成“毡房议事点”。", ["毡房议事点"], False),  # a new thing set up
        # a named app is a platform the unit runs
        ("某县上线“石榴通”微信小程序，收集群众诉求。", ["石榴通"], False),
        ("某区推出“掌上和事佬”APP，在线调解纠纷。", ["掌上和事佬"], True),
        # a programme carried forward (深化/做实/做优/擦亮/打响) named alone in its clause
        ("今年以来，该县深化“马背警队”，走访牧户两千户。", ["马背警队"], False),
        ("该镇做实“田埂议事”，群众满意度提升。", ["田埂议事"], False),
        ("该区打响“山海先锋”，成效明显。", ["山海先锋"], False),
        ("该旗持续擦亮草原卫士品牌，破案率提升。", ["草原卫士"], False),
        # a figure-like name that a verb sets up, or that the sentence has act, is a programme
        ("某镇：建起群众身边的“解忧站”", ["解忧站"], False),
        ("某村的“和事堂”化解纠纷30件。", ["和事堂"], True),
        ("走进某镇：某村的“和事堂”", ["和事堂"], False),
        # a name nested in quoted speech
        ("“我们探索成立‘石桥卫士宣讲队’，进村宣讲。”", ["石桥卫士宣讲队"], False),
        ("“我们探索总结出‘三心’工作法”，某街道负责人说。", ["‘三心’工作法"], False),
        (
            "扎实推进执法规范化建设和禁毒人民战争，部署开展出租房屋安全隐患专项整治行动。",
            ["出租房屋安全隐患专项整治行动"],
            False,
        ),
        # campaigns named back to back, or by example before 等, share the campaign word after
        ("今年，县公安局开展“青松”“利刃”等专项行动，破获案件60起。", ["青松", "利刃"], False),
        ("某区先后开展“晨曦”、“暖冬”集中整治行动。", ["晨曦", "暖冬"], False),
        ("县公安局组织“山鹰”等专项行动。", ["山鹰"], False),
        # quoted examples before 等…模式/品牌 are each a unit's model
        ("各村培育出“院坝哨”“马背课堂”等特色治理模式。", ["院坝哨", "马背课堂"], False),
        # a name opened by the campaign's length is a name, not a count formula
        ("某县开展“蓝盾”“百日清源”等专项行动。", ["蓝盾", "百日清源"], False),
        ("某分局开展“30天攻坚”集中整治行动。", ["30天攻坚"], False),
        # a verb-led quote is a name when a campaign word follows it
        ("柳湾镇开展“落实惠农政策”专项行动。", ["落实惠农政策"], False),
        ('某所推行 "院坝警务" ，民警进村入户。', ["院坝警务"], False),
        # 成效 after a model's kind word reports the model's results
        ("某镇“四事联办”工作法成效显著。", ["“四事联办”工作法"], False),
        ("某县推行“院坝说和”模式成效明显，化解纠纷80件。", ["院坝说和"], True),
    ],
)
def test_discover_local_programs(
    matcher: PracticeMatcher, sentence: str, local: list[str], mediation: bool
) -> None:
    found = matcher.discover(sentence)
    assert local_names(found) == local
    assert ("矛盾纠纷多元化解" in names(found)) is mediation
    for m in found:
        assert m.discovered
        assert sentence[m.start : m.end] == m.surface
    for m in found:
        if m.practice.origin == "discovered":
            assert m.practice.category == "local"
            bare = m.practice.name
            for q in "“”‘’":
                bare = bare.replace(q, "")
            assert m.practice.key == "local:" + bare


@pytest.mark.parametrize(
    "sentence",
    [
        "严格落实防止干预司法“三个规定”。",
        "市检察院“三位一体”机制服务保障民营经济。",
        "深入开展“两学一做”学习教育。",
        "警地联合开展“党的声音进牧区”活动12场次。",  # party propaganda, like party study
        "通过“钧报平安”公众号发布信息。",
        "区法院开设“石榴说法”账号解答群众咨询。",  # a media account, as a 公众号 is
        "某乡积极探索“大数据”调解新模式。",  # a technology alone names no programme
        "某乡探索“互联网 ”普法新模式。",
        "派出所开通“警民心连心” 微信视频号。",
        "群众可通过“小程序”随时反映问题。",  # a kind word alone
        "坚持“抓重点、创亮点”，确保完成“四精”目标。",
        "实现“日清日结”。",
        "按照“3+x”设置模式建设综治中心。",
        "开通“绿色通道”，打造“家门口”服务。",
        "成立“青年之家”和“人大代表之家”。",
        "举办“弘扬法治精神”演讲比赛和“政法机关开放日”活动。",
        "开展“把爱带回家”慰问活动。",
        "坚持“以人民为中心”的发展思想。",
        "围绕打击“黄赌毒”、“盗抢骗”等工作。",
        "确保“七个坚决防止发生”的工作目标。",
        "形成“问题联治、工作联动”工作局面。",
        "巩固“邻里互助”工作成效。",  # 成效 after 工作 is still a goal
        "“12345”",
        "推行“一，二，三”工作法。",  # a whole clause
        # the states of a change are no programmes
        "东坪镇跳出“坐等上门”的老模式，干部进村入户。",
        '某所跳出 "坐等报警" 旧模式，民警进村入户。',  # half-width quotes set off by spaces
        "从“来回跑腿”到“一次办结”的机制转变让群众满意。",
        "变“各管一段”为“全程联办”工作模式。",
        # layouts, lists of kinds and stock service slogans
        "以“1窗+N室”模式布置服务大厅。",
        "打造“精细化+品牌化+智能化”工作模式。",
        "推行“一次受理、全程代办、限时办结”服务模式。",
        # a descriptive word in quotes
        "柳湾镇建成“一窗式”服务中心。",
        "推进“标准化”平台建设。",
        # a quoted verb whose object is people: 工作 there begins 工作人员
        "窗口调解员“吹哨”住建局相关工作人员到场核实。",
        # a figure for what a unit has become
        "三级联动，综治中心成了“暖心站”。",
        "把服务中心打造成为化解纠纷的“终点站”。",
        "将调解中心打造成联系群众的“暖心桥”。",
        # a list of figures goes on as one: each quoted noun after the first is a figure too
        "驿站成为治安防控的“瞭望台”、警民联系的“中转站”和方便群众的“服务站”。",
        "其中“两融合”和“一平台”为闭环管理提供了支撑。",  # “one platform”
        # a sum whose gloss counts the rooms of a centre is its layout
        "某县构建“1+2+3+N”模式，即一个接待大厅、2个功能区、3个调解工作室、N个服务窗口。",
        # a sum whose gloss counts the people of a team or joins the stations it links: rule 5
        "某镇推行“1+1+N”的模式(1名网格员+1名民警+N名志愿者)开展巡查。",
        "某所与中心建立“1+1”联动模式，即每起纠纷有1名民警和1名调解员参与。",
        "某街道打造“1+2+N”治理综合体，即街道综治中心+派出所警务站+社区工作站。",
        "某县推行“1+N”护校模式，“1”代表驻校民警，“N”代表老师和保安。",
        # a quoted term of a formula followed by what it stands for names nothing
        "“2”是指两支巡逻队。",
        # merged facilities are a formula, not a programme
        "某乡推进“三中心”合一建设。",
        # “X”的做法: the quote says what a practice does or gives, it names none
        "某所探索以志愿时长换取“爱心奖励”的做法。",
        "学习外地“小事不出村”的经验。",
        # a quoted “one thing” says things are unified: no programme by its last word
        "形成“一个中心”统筹、“一扇门”受理的工作格局。",
        # a “X经验” the text draws on, not one the unit made
        "把“松河经验”中敢闯的劲头用在平安建设上。",
        "组织干部学习“石桥经验”。",
        # a headline figure with no verb, in apposition to its topic or alone
        "某镇综治中心：群众身边的“解忧站”",
        "调解室：化解纠纷的“前哨站”",
        "平安志愿队：邻里守望的“安心港”",
        # a formula left open by a trailing plus is a stock way of combining things
        "某区以“党建+”模式激活基层治理。",
        "推行“互联网+”工作模式。",
        # a kind word alone in quotes names no programme
        "转场路上有“驿站”，牧民可以歇脚。",
        "该镇建立“工作室”调解纠纷。",
        "如今，这个“说事点”已化解纠纷40余起。",
        "村民都愿意到“说事室”坐一坐。",
        # the levels of a network spelled out with dashes, the last one ending in a kind word
        "构建“村民小组—村调解室—镇调解中心”三级调解网络。",
        # what a formula's term stands for, listed in quotes
        "推行“1+2+N”模式，“N”指“退休法官”“乡贤”等社会力量。",
        # the levels of a structure spelled out with dashes, then counted
        "某镇构建“镇—村—组—户”四级网格体系。",
        "某街道搭建“街道党工委—社区党委—楼栋党小组”三级联动机制。",
        # a carried-forward quote that only qualifies the noun after it
        "某县深化“平安校园”建设。",
        "某区做优“一站式”服务。",
        "某市擦亮城市品牌。",
        # a list comma ends the words after a quote: the 队 belongs to the next item
        "镇干部、村“两委”成员、驻村工作队一起上门走访。",
        "由“五老”人员、护林队共同巡查。",
        # quotes in a chain share only a campaign word; topics and slogans stay none
        "坚持“稳字当头”“民生优先”工作思路。",
        "围绕“治乱”“治脏”等工作开展整治。",
        "评选“文明家庭”“和睦邻里”等典型。",
        # the party's standing rule of branch life is complied with everywhere, like 两学一做
        "某村党支部严格落实“三会一课”制度。",
        # quoted measures that open with a verb of doing state steps taken, not names
        "柳湾镇司法所通过“推进诉调对接工作机制”“设立特色调解室”“发布典型案例”等具体举措化解纠纷。",
        "某镇推出“强化源头治理工程”。",
        "某街道建立“完善网格员考核制度”“健全矛盾排查机制”等措施。",
        # a quote heading a style, goal or principle is none, even after a verb of setting up
        "北岭镇推行“马上就办”、“一抓到底”工作作风。",
        "某县推出“说了就干”理念。",
        # a theme or main line set from above, and a quoted proposition, are slogans
        "县检察院紧扣“高质效办好每一个案件”工作主题开展监督。",
        "某县坚持“公平与效率”主线，提升审判质效。",
        "北岭镇奋力打造“平安就是幸福”的乡村样板。",
        "某县坚持“稳定才是硬道理”，推进重点工作。",
        # templated principles and standard service rules, the same in every place
        "县法院推行“应立尽立”,当场立案率达96%。",
        "镇派出所推行“有求必应”机制。",
        "县政务大厅落实“首问负责”制度。",
        # a field of work every place has, quoted for emphasis
        "北岭镇打造“乡村治理”金名片。",
        "某县擦亮“社会治理”品牌。",
        "这种“多元共治”模式让矛盾有人管。",
        "某县扎实做好“六稳”“六保”工作。",
        # one body plus unnamed others; a quote closing a definition (X是以…为…的“Y”)
        "某县检察院建立“检察+N”协作机制。",
        "“天网工程”是以视频监控为骨干、以联网共享为目标的“全域防控工程”。",
        # 行动 read across 进行|动态 is no campaign word
        "网格按风险标注“红橙绿”三色进行动态管理。",
        # stock figures, what people are to do, and how a mechanism is built
        "北岭镇打造基层解纷“桥头堡”。",
        "二、打造“前沿阵地”,推动中心实体运行",
        "镇里设立评理室,让村民“评理找中心”。",
        "二是坚持“好用”强机制。",
        # a quote saying the work covers the whole of something
        "某县法院形成“全周期”诉源治理格局。",
        "某县法院打造“全链条”解纷模式。",
        # a counted slogan as the means of a predicate whose object holds a kind word
        "全区坚持“三个导向”引领基层治理工作提质。",
        "推进“六大行动”取得整治新成效。",
        "沙河镇以“三个常态化”推进平安建设工作。",
        "某县以“四个到位”提升矛盾调处工作水平。",
        "某乡以“五个深化”深化网格服务工作。",
        # … also when a subject or an adverb stands before that verb
        "“一站解纷”湖南推进调解中心建设采访团走进某县。",
        "“三联”全面推动调解中心提质增效。",
        # what a centre is to its system, in a stock figure
        "市级综治中心打造“调度中枢”。",
        "县综治中心打造“实战堡垒”。",
        # a heading that is only a verbless …的“X” phrase; a line not to be crossed
        "村口的“连心驿站”",
        "牧民身边的“贴心小屋”。",
        "筑牢“风险闭环化”工作底线",
        # a standard police post named alone is its institution type
        "某县在路口建起“便民警务站”。",
        # a figure joined by 的 to the system it serves
        "某旗打通“社区细胞”的联动体系。",
        # a plain kind of work every unit does, quoted for emphasis
        "民警把“入户走访”工作抓细抓实。",
        "某镇开展“摸排”工作。",
        "县里抽调律师、法官组建“专家团”。",  # a panel named by its kind
        "某镇打造“解纷引擎”。",
        # an honour title opening with a ranked selection, held by the unit
        "作为全省“十佳调解品牌”的北岭镇派出所今年扩容升级。",
        "某社区获评全市“最美议事厅”。",
        # the crew of an outlet's programme visiting a place, a visitor and no programme of its own
        "省电视台《平安时空》节目组走进某县采访基层治理经验。",
        # the range of a grading scale units are rated on
        "某区按照“1星-5星”分类评定示范调解室。",
        "某县按“一级至三级”标准评定平安村。",
    ],
)
def test_discover_rejects_non_programs(matcher: PracticeMatcher, sentence: str) -> None:
    assert local_names(matcher.discover(sentence)) == []


def test_a_verb_running_into_its_kind_word_stays_a_name(matcher: PracticeMatcher) -> None:
    # 推进机制 is one noun; only a verb with its own object makes the quote a predicate's means
    assert local_names(matcher.discover("某镇建立“三下沉”推动机制。")) == ["“三下沉”推动机制"]
    assert local_names(matcher.discover("某镇建立“两联动”推进机制。")) == ["“两联动”推进机制"]
    assert local_names(matcher.discover("某镇打造“三联”提升工程。")) == ["“三联”提升工程"]


def test_a_set_phrase_heading_a_mechanism_is_its_name(matcher: PracticeMatcher) -> None:
    assert local_names(matcher.discover("某镇推行“马上就办”服务机制。")) == ["马上就办"]


def test_a_proposition_followed_by_a_programme_word_is_its_name(matcher: PracticeMatcher) -> None:
    assert local_names(matcher.discover("某社区设立“有事就是大家的事”调解室。")) == ["有事就是大家的事"]


def test_a_chain_of_levels_keeps_the_practice_of_its_kind_word(matcher: PracticeMatcher) -> None:
    found = matcher.discover("某镇构建“镇—村—组—户”四级网格体系。")
    assert local_names(found) == [] and names(found) == ["网格化管理"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("县公安局构建“一个中心、两支队伍、三项机制”工作模式。", "一个中心、两支队伍、三项机制"),
        ("镇派出所开展“清街巷、查隐患、保平安”专项行动。", "清街巷、查隐患、保平安"),
        # a local method named by its steps (rule 13 keeps the inner structure)
        ("某镇推行“听、访、调、结”调解工作法。", "听、访、调、结"),
        ("某社区探索“一问、二理、三和”四步工作法。", "一问、二理、三和"),
        # a sum glossed by the parties it joins, not by rooms, names a mechanism; a formula keeps
        # its phrase, as a count does (“五个一”工作法)
        ("某县构建“1+3+N”工作机制，即一个党委统筹、三支队伍联动、多方力量参与。", "“1+3+N”工作机制"),
    ],
)
def test_listed_names_of_counted_models_and_campaigns_are_programmes(
    matcher: PracticeMatcher, sentence: str, name: str
) -> None:
    assert local_names(matcher.discover(sentence)) == [name]


@pytest.mark.parametrize(
    ("sentence", "practice"),
    [
        ("某社区开展“网络+网格”的创新服务管理模式。", "网格化管理"),
        ("推出“包头义警”品牌，组织群众巡逻。", "群防群治"),
        ("推行“互联网+人民调解+司法确认”工作模式。", "矛盾纠纷多元化解"),
        ("开展“亮身份、当楼长、保平安”专项活动。", "楼长制"),
        ("建立信访工作“十化”常态化机制。", "信访工作"),
        ("部署涉黑涉恶案件积案清仓攻坚行动。", "扫黑除恶"),  # a campaign on 涉黑涉恶 cases
        ("某街道组建“1+2+N”专职网格队伍。", "网格化管理"),  # the formula's phrase holds the key word
        # the stock formula of the 综治中心's standard work marks that practice (rule 5)
        ("某区构建“一站式受理、一揽子调处、全链条解决”的治理体系。", "综治中心"),
    ],
)
def test_named_variant_with_key_term_is_the_key_only(
    matcher: PracticeMatcher, sentence: str, practice: str
) -> None:
    found = matcher.discover(sentence)
    assert local_names(found) == []
    assert practice in names(found)


def test_names_are_folded_to_simplified(matcher: PracticeMatcher) -> None:
    found = matcher.discover("推行「紅鏡頭」調解工作。")
    assert local_names(found) == ["红镜头"]
    assert found[0].surface == "紅鏡頭"


def test_local_practice() -> None:
    p = local_practice("“大伟說事”")
    assert p.key == "local:大伟说事"
    assert p.name == "“大伟说事”"
    assert (p.category, p.origin) == ("local", "discovered")
    assert local_practice("大伟说事").key == p.key


# --- the seed corpus -------------------------------------------------------------------------
needs_shared = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(), reason=f"shared corpus not found at {SHARED}"
)


@needs_shared
def test_every_gold_key_surface_is_found(matcher: PracticeMatcher) -> None:
    """Each gold adoption of an evaluation key: its surface yields that key via find or discover."""
    missed = []
    for line in (SHARED / "gold" / "seed_adoptions.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["practice"].startswith("OTHER:"):
            continue
        got = names(matcher.find(row["surface"])) + names(matcher.discover(row["surface"]))
        if row["practice"] not in got:
            missed.append((row["practice"], row["surface"]))
    assert len(missed) <= 3, missed


@needs_shared
def test_gold_local_programs_are_mostly_discovered(matcher: PracticeMatcher) -> None:
    """Discovery over the gold evidence sentences recovers most OTHER names (containment)."""
    from govkg.loaders.practices import normalise_name

    rows = [json.loads(x) for x in (SHARED / "gold" / "seed_adoptions.jsonl").read_text("utf-8").splitlines()]
    others = [r for r in rows if r["practice"].startswith("OTHER:")]
    hit = 0
    for r in others:
        gold = normalise_name(r["practice"].removeprefix("OTHER:"))
        found = [normalise_name(m.practice.name) for m in matcher.discover(r["evidence"])]
        found += [normalise_name(m.practice.name) for m in matcher.find(r["evidence"])]
        hit += any(f and (f in gold or gold in f) for f in found)
    assert hit / len(others) >= 0.75, (hit, len(others))


@pytest.mark.parametrize(
    ("sentence", "brand", "key"),
    [
        ("某区推行“红枫预警”矛盾纠纷多元化解工作机制。", "红枫预警", "diversified_resolution"),
        ("某镇探索“田埂议事”网格化服务管理模式。", "田埂议事", "grid"),
    ],
)
def test_a_brand_described_by_a_long_key_term_is_the_brand_and_the_key(
    matcher: PracticeMatcher, sentence: str, brand: str, key: str
) -> None:
    # rule 4: the key term stands only in the descriptor after the quote, however long it is
    found = matcher.discover(sentence)
    assert local_names(found) == [brand]
    assert key in [m.practice.key for m in found]


@pytest.mark.parametrize(
    "sentence",
    [
        "柳林街道推行“网格+警格”双网融合模式。",
        "某派出所推广“警格+网格”工作模式。",
    ],
)
def test_a_plus_joined_name_holding_a_core_word_is_that_key(matcher: PracticeMatcher, sentence: str) -> None:
    # rule 3: 网格 is the core word of 网格化管理, even in parts that share their last character
    found = matcher.discover(sentence)
    assert [m.practice.key for m in found] == ["grid"]
    assert local_names(found) == []


def test_a_plus_joined_list_of_kinds_without_a_key_stays_nothing(matcher: PracticeMatcher) -> None:
    assert matcher.discover("某镇推行“人防+物防+技防”防控模式。") == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("某镇推行“三清三留”村级议事机制。", "三清三留"),
        ("某乡总结出“五抓五促”基层治理工作法。", "五抓五促"),
        ("某街道落实“七个一”工作机制。", "“七个一”工作机制"),
    ],
)
def test_two_counted_actions_are_a_name_without_their_descriptor(
    matcher: PracticeMatcher, sentence: str, name: str
) -> None:
    # a count formula (七个一) names nothing alone; two counted actions (三清三留) are a coined name
    assert local_names(matcher.discover(sentence)) == [name]


def test_every_name_of_a_chain_before_a_work_word_is_a_programme(matcher: PracticeMatcher) -> None:
    # the words after the last quote are every name's: none is kept apart from the others
    got = local_names(matcher.discover("某区深入推进“检察官进工地”“律师进楼栋”工作。"))
    assert got == ["检察官进工地", "律师进楼栋"]
    assert local_names(matcher.discover("某镇开展“法治夜市”“田埂说理”活动。")) == ["法治夜市", "田埂说理"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a coined numeral name stands alone after a verb that sets it up
        ("某区推行“一屏统览”,把各部门数据汇到一处。", ["一屏统览"]),
        ("某街道推行“两官两警一律”进小区。", ["两官两警一律"]),
        # or kept up as the unit's method (坚持/实行 a coined name; a counted slogan is none)
        ("某镇坚持“五抓五促”夯实平安根基。", ["五抓五促"]),
        ("某县坚持“两个不放松”抓好治安。", []),
        # or framed as the unit's means of work (以“X”为抓手, 把“X”作为…的“底座”)
        ("某县以“一屏统览”为抓手,统筹调度各类警情。", ["一屏统览"]),
        ("某区把“红色管家”作为物业治理的“底座”。", ["红色管家"]),
        # or opening its clause as the subject of a routine (“X”每天…)
        ("在某社区,“单元小喇叭”每周挨家提醒防火防盗。", ["单元小喇叭"]),
        # a count of items, a filing rule and a standard are no names, whatever the frame
        ("某镇建立“一张网”,打通数据。", []),
        ("某镇建立“一事一档”台账。", []),
        ("某县以“群众满意”为标准。", []),
    ],
)
def test_a_coined_numeral_name_or_a_means_of_work_is_a_programme(
    matcher: PracticeMatcher, sentence: str, names: list[str]
) -> None:
    assert local_names(matcher.discover(sentence)) == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("某县探索“一核引领、多方共治”乡村治理模式。", ["一核引领、多方共治"]),
        ("某镇形成“早发现、快处置”矛盾调处工作机制。", ["早发现、快处置"]),
        ("某区推行“一次受理、全程代办”服务模式。", []),
    ],
)
def test_a_listed_name_before_its_field_of_governance_is_a_model(
    matcher: PracticeMatcher, sentence: str, names: list[str]
) -> None:
    # a 、-list is a model's name when the words after it say which field the model governs
    assert local_names(matcher.discover(sentence)) == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("一场由民警主持的“老槐树下议事会”在村口召开。", []),
        ("该镇组织了一场“金秋平安”集中整治行动。", ["金秋平安"]),
        ("村里每月召开“院坝议事会”,商量村务。", ["院坝议事会"]),
    ],
)
def test_one_meeting_held_is_an_event_not_a_programme(
    matcher: PracticeMatcher, sentence: str, names: list[str]
) -> None:
    assert local_names(matcher.discover(sentence)) == names


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("该镇建成心理健康服务站9个。", "psych_service"),
        ("该县建成一站式矛盾纠纷化解中心。", "diversified_resolution"),
        ("司法所联合学校开展法治进校园活动。", "law_popularization"),
    ],
)
def test_common_names_of_keyed_facilities_and_activities(
    matcher: PracticeMatcher, sentence: str, key: str
) -> None:
    assert key in [m.practice.key for m in matcher.find(sentence)]


def test_a_team_word_runs_on_to_its_end(matcher: PracticeMatcher) -> None:
    # 调解队伍 is one word: a counted name keeping its descriptor does not stop halfway through it
    assert local_names(matcher.discover("该乡深化“三老”调解队伍建设。")) == ["“三老”调解队伍"]


def test_the_village_committees_are_an_institution_not_a_programme(matcher: PracticeMatcher) -> None:
    assert matcher.discover("该乡加强“两委”干部队伍建设。") == []


def test_one_officer_per_grid_is_one_officer_per_village(matcher: PracticeMatcher) -> None:
    assert [m.practice.key for m in matcher.discover("该县推广“一格一警”工作模式。")] == ["village_police"]


def test_a_procuratorate_supervision_campaign_is_a_programme_word(matcher: PracticeMatcher) -> None:
    # 专项监督(活动) names a procuratorate campaign as 专项行动 names a police one (rule 4 with its key)
    found = matcher.discover("县检察院开展“清流护河”公益诉讼专项监督,立案19件。")
    assert local_names(found) == ["清流护河"]
    assert "public_interest_litigation" in [m.practice.key for m in found]


def test_a_fraud_free_unit_created_is_the_anti_fraud_key(matcher: PracticeMatcher) -> None:
    # rule 3: the name holds the practice (a fraud-free community), so the key and no brand
    found = matcher.discover("该街道开展“无诈小区”创建,入户宣传1200户。")
    assert [m.practice.key for m in found] == ["anti_telecom_fraud"]


def test_a_safe_unit_campaign_with_its_activity_word_is_the_key_only(matcher: PracticeMatcher) -> None:
    # rule 7: “平安X”创建活动 is 平安创建 as “平安X”创建 is, and no brand beside it
    found = matcher.discover("北岭镇扎实开展“平安庭院”创建活动。")
    assert [m.practice.key for m in found] == ["safe_units"]
    # a campaign whose name holds no key stays a brand
    assert local_names(matcher.discover("北岭镇开展“无讼村居”创建活动。")) == ["无讼村居"]


@pytest.mark.parametrize("sentence", ["该乡深入开展“四大行动”。", "该镇健全“六项机制”。"])
def test_a_count_of_kinds_names_no_programme(matcher: PracticeMatcher, sentence: str) -> None:
    # how many campaigns or mechanisms, of what kind, is no name of one
    assert matcher.discover(sentence) == []


def test_an_unquoted_campaign_name_starts_after_its_describing_de(matcher: PracticeMatcher) -> None:
    # 为期两个月的…: how long it ran describes the campaign, it is no part of the name
    found = matcher.discover("该县启动为期两个月的农村道路交通安全集中整治行动。")
    assert local_names(found) == ["农村道路交通安全集中整治行动"]


def test_a_campaign_length_after_a_key_term_is_that_keys_variant(matcher: PracticeMatcher) -> None:
    found = matcher.discover("某县公安局开展扫黑除恶“百日清零”行动，打掉团伙4个。")
    assert local_names(found) == [] and names(found) == ["扫黑除恶"]


@pytest.mark.parametrize(
    "sentence", ["该镇开展“送法进牧区、进寺庙、进市场”活动。", "该所开展“进小区、进商铺、进工厂”活动。"]
)
def test_a_quoted_list_of_places_gone_into_is_no_programme(matcher: PracticeMatcher, sentence: str) -> None:
    # the 进X parts list where an activity goes, not what it is called
    assert local_names(matcher.discover(sentence)) == []


def test_a_quoted_list_sharing_another_first_word_still_names_a_campaign(matcher: PracticeMatcher) -> None:
    assert local_names(matcher.discover("该县开展“大巡查、大走访、大化解”专项行动。")) != []


def test_a_standing_line_of_work_or_national_procedure_is_mentioned_never_adopted() -> None:
    # 禁毒, 反恐怖, 缉枪治爆, 安置帮教, 法治政府建设 … are duties of every 政法 body; named by their
    # generic names they are no programme of the region, while a named campaign inside them is
    practices = Taxonomy.default().practices
    standing = {
        "anti_drug",
        "anti_terror",
        "gun_explosive",
        "resettlement",
        "youth_at_risk",
        "law_based_government",
        "deliberation",
        "judicial_aid",
        "two_laws_link",
        "case_streaming",
        "enforcement_three_systems",
    }
    assert not any(practices[k].adoptable for k in standing)
    text = (
        "西宁市政法工作纪实\n全市深入推进禁毒工作和法治政府建设，开展“雪域净土”禁毒专项行动。\n"
        "市中级人民法院落实司法救助和繁简分流，市公安局常态化开展缉枪治爆。"
    )
    ex = extract(from_text(text, "test.txt"))
    assert not {a.practice_key for a in ex.adoptions} & standing
    assert any("雪域净土" in a.practice_key for a in ex.adoptions)
    mentioned = {m.key for m in ex.mentions if m.kind == "Practice"}
    assert {"anti_drug", "law_based_government", "judicial_aid", "gun_explosive"} <= mentioned


def test_a_term_glossed_after_a_named_model_is_no_second_name(matcher: PracticeMatcher) -> None:
    found = local_names(matcher.discover("某镇探索“2345”治理模式，“2”代表两个中心，化解矛盾纠纷。"))
    assert found == ["“2345”治理模式"]


def test_a_team_brand_that_residents_man_on_watch_is_also_mass_prevention(matcher: PracticeMatcher) -> None:
    # rule 4: the brand, and 群防群治 where the text shows residents or volunteers keeping watch
    keys = {m.practice.key for m in matcher.discover("某社区组建“门前哨”队，由退休党员轮流在路口值守。")}
    assert keys == {"local:门前哨", "mass_prevention"}
    keys = {m.practice.key for m in matcher.discover("某校成立“晨光护学队”，家长志愿者每天在校门巡逻。")}
    assert "mass_prevention" in keys
    # a police unit's team, or a mediation team on its rounds, is not
    keys = {m.practice.key for m in matcher.discover("某所组建“猎鹰”突击队，民警每晚巡逻。")}
    assert "mass_prevention" not in keys
    keys = {m.practice.key for m in matcher.discover("某镇组建“老周”调解队，退休干部每周巡查。")}
    assert "mass_prevention" not in keys


def test_a_brand_that_carries_the_law_to_people_is_also_law_popularization(matcher: PracticeMatcher) -> None:
    # rule 4: “X说法” or a “X”宣讲团 shown teaching legal knowledge is 普法宣传 besides its brand
    found = matcher.discover("某乡组建“渔鼓说法”宣传队，把民法典和反诈知识编进渔鼓唱段。")
    assert {m.practice.key for m in found} == {"local:渔鼓说法", "law_popularization"}
    found = matcher.discover("某村成立“火塘夜话”宣讲团，向村民宣讲土地法规。")
    assert "law_popularization" in {m.practice.key for m in found}
    # a brand whose name says nothing of telling the law, or one that teaches no law, is not
    found = matcher.discover("某镇组建“山歌”宣传队，到各村演出新编山歌。")
    assert "law_popularization" not in {m.practice.key for m in found}
    found = matcher.discover("某镇打造“银铃”服务队，把法律知识编进顺口溜。")
    assert "law_popularization" not in {m.practice.key for m in found}


def test_a_talking_place_or_forum_names_itself(matcher: PracticeMatcher) -> None:
    # 议事亭, 说事堂, 唱谈会 … end a programme's whole name, as 议事厅 and 板凳会 do
    found = local_names(matcher.discover("某社区通过“银杏议事亭”“暖心驿站”等协商平台化解纠纷。"))
    assert "银杏议事亭" in found
    found = local_names(matcher.discover("某村推出“火塘唱谈会”，干部群众围坐议事。"))
    assert found == ["火塘唱谈会"]


@pytest.mark.parametrize(
    "sentence",
    [
        "某旗以创建“北疆最平安牧区旗”为目标，推进平安建设。",  # an aim
        "某县通报了提升“见警率”工作情况。",  # a rate measured
        "某镇组织村民“说事”，当场化解纠纷。",  # a folk forum's verb with no brand
    ],
)
def test_an_aim_a_rate_or_a_bare_verb_is_no_name(matcher: PracticeMatcher, sentence: str) -> None:
    assert local_names(matcher.discover(sentence)) == []
    # written right after its unit, the same quote is still no programme of that unit's
    start = sentence.find("“")
    end = sentence.find("”") + 1
    assert matcher.named_program(sentence[start + 1 : end - 1], sentence, start, end) == []


def test_a_brand_before_a_forum_word_still_names_itself(matcher: PracticeMatcher) -> None:
    assert local_names(matcher.discover("某社区打造“老槐树说事”品牌，化解纠纷。")) == ["老槐树说事"]
    # a selection the unit runs is its programme (seed gold: “信访稳定红旗村”推荐评选活动)
    assert local_names(matcher.discover("某区持续开展“十大平安守护人”评选活动。")) == ["十大平安守护人"]


@pytest.mark.parametrize(
    "sentence",
    [
        "某镇驻村辅警发挥“情况熟人头熟”的优势开展调解工作。",  # a strength, before a program word
        "某县村警围绕“六大员”工作职责开展巡逻。",  # the duties of a role
    ],
)
def test_a_strength_or_a_roles_duties_is_no_programme(matcher: PracticeMatcher, sentence: str) -> None:
    assert local_names(matcher.discover(sentence)) == []


def test_a_two_character_step_closing_a_list_of_quoted_steps_is_a_slogan(matcher: PracticeMatcher) -> None:
    # each step has its doer before it: 居民“提单”、社区“领单”、部门“办单”的模式 names no programme
    assert local_names(matcher.discover("某区推行居民“提单”、社区“领单”、部门“办单”的服务模式。")) == []
    # a list of two-character brands has no doers between them, and each is still a brand
    assert "安心" in local_names(matcher.discover("某区打造“和顺”、“安心”调解室，化解纠纷。"))


def test_a_counted_dispute_method_names_itself(matcher: PracticeMatcher) -> None:
    # 调处法, 化解法, 解纷法 end a method's name as 调解法 does
    assert local_names(matcher.discover("某镇派出所探索形成“三色分级”调处法。")) == ["“三色分级”调处法"]
    assert local_names(matcher.discover("某街道总结“五步”解纷法。")) == ["“五步”解纷法"]


def test_a_name_formed_by_the_unit_is_no_figure_of_what_it_became(matcher: PracticeMatcher) -> None:
    # 形成了/建成了 close another verb with 成: what follows is the unit's own model
    assert local_names(matcher.discover("近年来,某县形成了“溪畔议事”模式,矛盾明显减少。")) == ["溪畔议事"]
    # 成了 alone is "became": a figure, as before
    assert local_names(matcher.discover("某镇综治中心成了群众的“暖心站”。")) == []


def test_the_state_a_dispute_is_settled_in_is_no_programme(matcher: PracticeMatcher) -> None:
    # 化解在“萌芽状态”, 解决在“家门口”: where a dispute ends, whatever kind word follows
    assert local_names(matcher.discover("某所探索把纠纷化解在“萌芽阶段”的社区调解体系。")) == []
    assert local_names(matcher.discover("某镇把问题解决在“田埂边”的工作机制。")) == []


def test_an_unquoted_campaign_drops_the_preposition_of_its_object(matcher: PracticeMatcher) -> None:
    # 启动对X专项行动: 对 marks what the campaign acts on, and is no part of its name
    found = matcher.discover("某县水利局随即启动对河道采砂专项整治行动。")
    assert local_names(found) == ["河道采砂专项整治行动"]


def test_a_quoted_count_of_none_is_an_outcome_not_a_programme(matcher: PracticeMatcher) -> None:
    # 项目“零投诉”: 项目 before a quote usually names a programme, but 零X counts none of X
    assert local_names(matcher.discover("全县实现重点工程项目“零投诉”,信访总量下降。")) == []
    # a campaign word after it still makes it a programme's name
    assert local_names(matcher.discover("某镇开展“零上访”创建。")) == ["零上访"]


def test_a_study_campaign_joined_by_a_unit_is_no_programme(matcher: PracticeMatcher) -> None:
    # “读原著、学理论”活动: a study campaign, as 两学一做 is, whatever unit joins it
    assert local_names(matcher.discover("某镇结合正在开展的“读原著、学理论”活动推进工作。")) == []


def test_a_key_term_with_a_stressed_word_in_inner_quotes_is_still_the_key(matcher: PracticeMatcher) -> None:
    # “一村一‘警’”: the inner quotes stress one word of the key term; no brand is made of it
    found = matcher.discover("某县在山区推行“一村一‘警’”,民警常驻村里。")
    assert [m.practice.name for m in found] == ["一村一警"]
    # with no key term inside, such a run still gives no brand
    assert matcher.discover("某区推出“随‘码’即办”服务。") == []


def test_the_big_security_frame_every_report_claims_is_no_programme(matcher: PracticeMatcher) -> None:
    # “大平安”工作体系/格局: a field every place claims, like “共建共治”, whatever kind word follows
    assert local_names(matcher.discover("某市“大平安”工作体系运行更加顺畅。")) == []


def test_teams_named_by_example_before_a_team_word_are_each_a_brand(matcher: PracticeMatcher) -> None:
    # “X”“Y”等…调解队伍: each example is a team of its own, and mediates (rule 4)
    found = matcher.discover("如今在某街道,“老槐树”“和事姐”等群众调解队伍十分活跃。")
    assert local_names(found) == ["老槐树", "和事姐"]
    assert "矛盾纠纷多元化解" in {m.practice.name for m in found}


def test_a_coined_name_ending_in_a_role_before_a_model_word_is_the_model(matcher: PracticeMatcher) -> None:
    # “一警三员”工作模式: a model named by who works in it, not a role
    assert local_names(matcher.discover("某镇派出所打造“一警三员”工作模式。")) == ["一警三员"]
    # a bare role name, or one before a team word, stays no programme
    assert local_names(matcher.discover("每个村设立“平安联络员”。")) == []
    # the deputies-and-members room is a standard institution type, as 代表之家 is
    assert local_names(matcher.discover("某乡建立“两代表一委员”工作室。")) == []


def test_a_quote_glossing_the_next_quoted_name_is_no_name_itself(matcher: PracticeMatcher) -> None:
    # “A+B+C”的“微网格”工作模式: the formula spells out the model; the model's name is the second
    found = matcher.discover("某村打造“支部+中心户+农户”的“微网格”工作模式。")
    assert local_names(found) == []
    assert [m.practice.name for m in found] == ["网格化管理"]


def test_an_unquoted_named_points_scheme_is_a_programme(matcher: PracticeMatcher) -> None:
    # 推行X积分制度 / X积分超市: a named points scheme, as gold lists 平安积分超市
    assert local_names(matcher.discover("某县在两个乡试点推行护河公益积分制度。")) == ["护河公益积分制度"]
    # a bare points scheme has no name of its own
    assert local_names(matcher.discover("各村推行积分制度。")) == []


def test_a_state_reached_or_the_stock_aim_is_no_programme(matcher: PracticeMatcher) -> None:
    # 实现“X”的Y: the state reached describes Y; the stock aim of the 枫桥 slogan names nothing
    assert local_names(matcher.discover("某区实现“蝶变”的社区警务室已遍布城乡。")) == []
    assert local_names(matcher.discover("某旗打造“小事不出村、大事不出镇”的基层治理模式。")) == []


def test_the_state_a_change_leads_to_after_ji_or_hua_is_no_programme(matcher: PracticeMatcher) -> None:
    # 积“小X”为“大X”, 化“对立”为“和睦”: the states before and after a change, no names
    assert local_names(matcher.discover("各村积“小平安”为“大和谐”,群众安全感提升。")) == []


def test_a_short_form_after_jiancheng_is_no_new_programme(matcher: PracticeMatcher) -> None:
    # (以下简称“X”): the abbreviation of the name before it; a key term in it still gives its key
    assert local_names(matcher.discover("某区各社区治安联防站(以下简称“社区联防站”)已建成36个。")) == []
    found = matcher.discover("市里的治安综合治理中心(以下简称“市综治中心”)投入运行。")
    assert [m.practice.name for m in found] == ["综治中心"]


def test_the_role_a_thing_plays_in_a_figure_is_no_programme(matcher: PracticeMatcher) -> None:
    # 发挥“X”作用: the role something plays; after a programme's kind word it is that programme's
    assert local_names(matcher.discover("各村网格员发挥“哨兵站”作用,及时上报隐患。")) == []
    assert local_names(matcher.discover("某镇充分发挥“溪畔老哥”调解室作用。")) == ["溪畔老哥"]


def test_praise_or_what_a_place_is_to_people_is_no_programme(matcher: PracticeMatcher) -> None:
    # 被誉为“X”: a term of praise, whatever follows it
    assert local_names(matcher.discover("被誉为“和谐之花”的调解工作在某乡落地生根。")) == []
    # 是…的“X”: what a place is to people; a verb of making in between names the unit's programme
    assert local_names(matcher.discover("如今,这间老屋是村民们的“连心议事厅”。")) == []
    assert local_names(matcher.discover("这是某镇精心打造的“连心议事厅”。")) == ["连心议事厅"]


def test_a_reporting_rhythm_or_a_quoted_verb_on_recent_work_is_no_programme(matcher: PracticeMatcher) -> None:
    # “日报告”“周通报”: how often reports are made, a work rhythm like 日清日结
    assert local_names(matcher.discover("某区实行“日调度”“月通报”和挂牌督办制度。")) == []
    # “X”近期工作: a time word opens the object of a quoted verb
    assert local_names(matcher.discover("民警和网格员一起“复盘”近期巡逻工作。")) == []
    assert local_names(matcher.discover("某社区推行“楼道夜话”议事工作。")) == ["楼道夜话"]


def test_staffing_formulas_and_seek_slogans_are_no_programmes(matcher: PracticeMatcher) -> None:
    # a sum of posts, or of the units stationed in a centre, is a staffing formula (rule 5)
    assert local_names(matcher.discover("某乡实行“站长+副站长+调解员”模式运行。")) == []
    assert local_names(matcher.discover("某县中心推行“4+8+N”进驻模式。")) == []
    # where people are to turn with a problem: a slogan, whatever body it ends with
    assert local_names(matcher.discover("“有纠纷找中心”渐渐成了村民的习惯。")) == []
    assert local_names(matcher.discover("某镇开设“有事好商量”议事中心。")) == ["有事好商量"]
    # a stock figure for a post at the front
    assert local_names(matcher.discover("某村打造便捷贴心“前哨站”,守护一方平安。")) == []


def test_a_mediation_team_formed_unquoted_is_mediation_work(matcher: PracticeMatcher) -> None:
    # 组建X调解队: a mediation team named after who is on it or how it travels
    found = matcher.find("某乡组建渔民调解队,上船化解海域纠纷。")
    assert [m.practice.name for m in found] == ["矛盾纠纷多元化解"]


def test_a_formula_after_a_list_counts_the_list_not_its_last_item(matcher: PracticeMatcher) -> None:
    # 信访工作“十化”机制: a formula right after a key term is that practice's variant; after the last
    # item of a list (民警、辅警、巡逻队“三队”…) it counts the whole list and is its own programme
    found = matcher.discover("某镇推行民警、辅警、治安巡逻队“三队”同巡机制。")
    assert [m.practice.key for m in found] == ["local:三队同巡机制"]
    assert [m.practice.name for m in matcher.discover("推行信访工作“五化”机制。")] == ["信访工作"]
    # the 、 of a heading's number opens no list
    found = matcher.discover("二、乙县部署夏季治安打击整治“百日行动”。")
    assert [m.practice.key for m in found] == ["summer_crackdown"]


def test_a_model_combining_two_quoted_goals_names_neither_alone(matcher: PracticeMatcher) -> None:
    # “A”与“B”协同共建模式: the kind word names the pairing, so B is no programme of its own
    assert local_names(matcher.discover("某区开启“平安码头”与“文明渔村”协同共建新模式。")) == []
    assert local_names(matcher.discover("某镇推行“邻里互助”和“乡贤评理”相结合的机制。")) == []
    # two programmes joined by 和, each with its own kind word, stay
    assert local_names(matcher.discover("某县依托“解忧平台”和“乡音调”小程序受理诉求。")) == [
        "解忧平台",
        "乡音调",
    ]


def test_a_key_term_in_a_paired_quote_still_gives_its_key(matcher: PracticeMatcher) -> None:
    found = matcher.discover("某街道探索“党建引领”与“网格管理”深度融合模式。")
    assert local_names(found) == []
    assert "网格化管理" in names(found)


def test_a_plain_kind_of_mediation_body_is_the_key_only(matcher: PracticeMatcher) -> None:
    # 义务调解队, 个人调解室: what kind of body it is, no brand; 矛盾纠纷调解室 holds a key term
    # running into its kind word (rule 3)
    texts = ("某村发动群众组建“义务调解队”。", "某区完善“个人调解室”建设。", "某所推进“矛盾纠纷调解室”建设。")
    for text in texts:
        found = matcher.discover(text)
        assert local_names(found) == []
        assert names(found) == ["矛盾纠纷多元化解"]
    # a named one keeps its brand beside the key
    assert local_names(matcher.discover("某社区设立“老陈调解室”。")) == ["老陈调解室"]


def test_a_mediation_body_named_by_its_stock_kind_of_member_is_the_key_only(matcher: PracticeMatcher) -> None:
    # “五老”调解队, 乡贤调解室: who staffs it, a formula every county uses, is no brand
    for text in ("某村组建“五老”调解队。", "某镇设立“乡贤调解室”。"):
        found = matcher.discover(text)
        assert local_names(found) == []
        assert names(found) == ["矛盾纠纷多元化解"]


def test_a_standard_post_named_alone_after_its_place_is_no_programme(matcher: PracticeMatcher) -> None:
    assert matcher.named_program("公安检查站") == []
    assert local_names(matcher.discover("某镇建成“红枫警务室”。")) == ["红枫警务室"]  # a named one stays


def test_posts_joined_by_a_mechanism_name_it(matcher: PracticeMatcher) -> None:
    # two bodies' heads joined with + and a 机制 after them: a named mechanism of working together
    assert local_names(matcher.discover("推行“林长+法院院长”协作机制")) == ["林长+法院院长"]
    # the posts a body is staffed with stay a staffing formula
    assert local_names(matcher.discover("配齐“所长+副所长+民警”工作力量")) == []


def test_a_campaign_s_name_ends_before_its_generic_work(matcher: PracticeMatcher) -> None:
    assert local_names(matcher.discover("全县深入推进“五无”创建工作")) == ["“五无”创建"]
    # a mechanism named after the campaign keeps its words
    assert local_names(matcher.discover("建立“五无”创建工作机制")) == ["“五无”创建工作机制"]


def test_security_volunteers_and_patrol_teams_are_mass_prevention(matcher: PracticeMatcher) -> None:
    assert "群防群治" in names(matcher.find("组织平安义工参与夜间巡逻"))
    assert "群防群治" in names(matcher.find("组建村级巡逻防控队"))


def test_an_honour_title_leaves_the_units_own_programme(matcher: PracticeMatcher) -> None:
    names = local_names(matcher.discover("作为全省“百佳服务品牌”的北岭派出所“老周调解室”再次升级。"))
    assert names == ["老周调解室"]


def test_work_opening_the_forces_of_a_mechanism_is_no_part_of_its_name(matcher: PracticeMatcher) -> None:
    # “X”机制工作力量: the forces of the mechanism's work; the name ends at its kind word
    found = matcher.discover("全镇党员、网格员统一编入“五联”机制工作力量。")
    assert local_names(found) == ["“五联”机制"]


def test_a_ping_an_term_read_on_from_bao_ping_an_runs_across_the_phrase() -> None:
    # 保发展保平安 is a verb phrase: 保平安社区治理 holds no 平安社区
    matcher = PracticeMatcher()
    assert matcher.find("阿拉尔市坚持保发展保平安社区治理两手抓") == []
    # a two-character verb takes the whole term as its object, and creation stays creation
    assert [m.surface for m in matcher.find("确保平安村创建顺利推进")] == ["平安村创建"]
    assert [m.surface for m in matcher.find("全力创建平安村")] == ["平安村"]
