"""Quantities stated in a sentence: value, unit, indicator, raw text and an approximate flag.

Conventions (those of the gold set): the value is the number as written and the unit keeps
any 万/亿 multiplier (14.4万余户 -> 14.4, 万户); 余/多/约/近/逾/超过/以上/左右 mark the figure
as approximate and stay in ``raw``. A number only counts when a measure word (or %) follows
it, so years, dates, phone numbers and document numbers fall away on their own; ordinals,
rankings and numbers inside quoted names are skipped explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

import cn2an

from govkg.loaders.plans import heading_rank
from govkg.loaders.prefilter import Gated

__all__ = ["MetricMention", "find_metrics"]

# Measure words; the alternation below tries longer ones first, so 场次 wins over 场.
_UNITS = (
    "个百分点",
    "平方公里",
    "平方米",
    "公里",
    "千米",
    "人次",
    "户次",
    "场次",
    "件次",
    "批次",
    "车次",
    "大类",
    "万元",
    "亿元",
    "小时",
    "分钟",
    "%",
    "‰",
    "个",
    "名",
    "人",
    "户",
    "件",
    "起",
    "条",
    "处",
    "家",
    "所",
    "支",
    "路",
    "张",
    "项",
    "场",
    "次",
    "轮",
    "元",
    "分",
    "套",
    "台",
    "辆",
    "部",
    "座",
    "间",
    "米",
    "亩",
    "吨",
    # weights of seized goods (缴获毒品1575.43公斤, 海洛因7030克); 克 alone is weak after a Chinese
    # numeral, where 千克 would otherwise read as the count 千 of 克
    "千克",
    "公斤",
    "克",
    "天",
    "批",
    "类",
    "期",
    "篇",
    "份",
    "本",
    "册",
    "块",
    "宗",
    "笔",
    "组",
    "队",
    "栋",
    "幢",
    "根",
    "位",
    "枚",
    "盏",
    "只",
    "头",
)
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(_UNITS), key=len, reverse=True))

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_NUMBER = re.compile(
    rf"(?P<pre>约|近|逾|超过|超)?"
    # 1,256: digits grouped in thousands by commas are one number
    rf"(?P<num>(?<![\d.])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d])|\d+(?:\.\d+)?|[{_CN_DIGITS}]+)"
    rf"(?P<mult>[万亿])?"
    rf"(?P<about>余|多)?"
    rf"(?P<unit>{_UNIT_ALT})?"
    rf"(?P<post>以上|左右)?"
)
# Units that read as part of a word rather than a count when they follow a Chinese numeral.
_CN_WEAK_UNITS = frozenset(
    {"类", "分", "部", "位", "组", "队", "元", "次", "期", "天", "小时", "分钟", "米", "克"}
)
_CLAUSE_BREAK = re.compile(r"[,，;；:：、。!！?？\n]")
_LEAD_FILLERS = (
    "其中",
    "目前",
    "全市",
    "全区",
    "全县",
    "全州",
    "全旗",
    "全盟",
    "我市",
    "我区",
    "我县",
    "累计",
    "共有",
    "共",
)
_GONG_WORDS = ("共性", "共同", "共享", "共建", "共治", "共识", "共青团")
_TRAIL_VERBS = (
    "缩短至",
    "缩短到",
    "压缩至",
    "压缩到",
    "降低至",
    "降低到",
    "提升至",
    "提高到",
    "提高至",
    "上升至",
    "下降至",
    "下降到",
    "降至",
    "降到",
    "上升到",
    "减少到",
    "增长至",
    # 跃升至, 攀升到, 增至, 扩大到: any verb of rising or growing closed by 至/到 names no indicator
    "跃升至",
    "跃升到",
    "攀升至",
    "攀升到",
    "增至",
    "增加到",
    "增加至",
    "减少至",
    "扩大到",
    "扩大至",
    "达到",
    "超过",
    "突破",
    "高达",
    "多达",
    "分别为",
    "分别",
    "同比",
    "下降",
    "上升",
    "增长",
    "提升",
    "提高",
    "减少",
    "增加",
    "累计",
    "完成",
    "共计",
    "均达",
    "均",
    "达",
    "为",
    "共",
    "有",
    "约",
    "近",
    "逾",
    "超",
    "了",
)
# A clause whose text before the number ends in one of these verbs names its object after it.
_OBJECT_AFTER = re.compile(
    r"(建立|建成|组建|打造|成立|开展|形成|构建|搭建|建起|制定|出台|配备|培育|创建|命名|设立|新建|举办|招募|聘请|建有|拥有|了|对|出|"
    r"评选|表彰|授予|认定|挂牌|吸纳|聘任|选聘|招录|邀请|特邀|选派|派驻|培养|安装|新增|增设|设置|布设|部署|依托|凭借|凭着|依靠|借助|"
    r"由|整合|组织|划分为|划分|(?:细|再)?分为|挂包|包保|分包|涉及|抽调|动员|发动|惠及|帮助|包联|结对|下沉|选树|培训|在|配齐|配强|配足|召开|举行|"
    r"(?<![占具])有|下辖|对全[省市县区州旗盟镇乡]|指导|督促|带动|带领|向|给|招聘|招募|实现|协调|把|将|在全[省市县区州旗盟镇乡]|在辖区|"
    # 接入1200路视频监控; a verb with the aspect 着 (居住着7个民族, 承担着8个乡镇的任务) has its object after
    r"接入|印发|修订|编制|健全|完善|让|(?<![行即假促])使|统筹|调动|汇聚|凝聚|覆盖(?:全[省市县区州旗盟镇乡])?|(?<![执沉穿衣])着(?:全[省市县区州旗盟镇乡])?|"
    # a verb closed by a complement of result or direction (收到, 划分成, 组成, 推选出, 分赴) or one of
    # choosing, staffing and housing (遴选, 返聘, 下设, 入驻): what it acts on follows the count
    r"[收接]到|(?:划|分|组|编)成|(?:推|评|遴|挑)?选出|[分奔]赴|下设|遴选|返聘|[入进]驻|(?:建设)?完成"
    # 共建设378个微信群, 全镇建设120个网格: 建设 as the verb (not the noun of 平安建设) opens an object
    r"|(?:^|(?<=[共计已后镇县区市村乡]))建设"
    # 防止1.6万平方米土地流失, 避免20批群体上访: what is prevented follows the count; so do the people
    # a body names to a post (确定10名联络员, 明确3名专干)
    r"|防止|避免|确定|明确)$"
)


# 同比下降37% / 较去年上升0.53个百分点 / 下降60%: a change, kept signed beside the value.
_CHANGE = re.compile(
    # 与上年同期相比, 较去年同期, 比2021年: 与/较/比 and the year compared with, its 同期 and 相比
    # optional (a comparison cut short at 同期 left 与上年 in the label: 立案数与上年)
    r"(?:(?:同比|环比|同期|(?:与|较|比|同)(?:上年|去年|上一年|前年|(?:19|20)\d{2}年)(?:同期)?(?:相比|相较)?)"
    r"[^\d,，。;；]{0,6}?)?"
    r"(?P<verb>下降了?|减少了?|降低了?|下滑了?|回落了?|上升了?|增长了?|增加了?|提高了?|提升了?|高出了?|"
    r"多出了?"
    # 同比降12%, 同比再降12%: the one-character verb after a comparison or 再/又
    r"|(?<=[比再又])[降减增升]了?)\s*$"
)
_COMPARED = re.compile(r"^(?:同比|环比|较|与|比)")
# Between the comparison and the verb, what of the counted thing changed (同比立案下降, 较上年发案减少).
_ASPECT_CHANGED = re.compile(
    r"(?:同比|环比|相比|同期|去年|上年)(?P<aspect>立案|发案|受理|收案|结案|破案|起数|数量|人数)"
)
_CHANGE_UNITS = frozenset({"%", "‰", "个百分点"})
_DOWN = (
    *("下降", "下降了", "减少", "减少了", "降低", "降低了", "下滑", "下滑了", "回落", "回落了"),
    *("降", "降了", "减", "减了"),
)
# Words that open a clause before the counted noun and are not part of it.
_LEAD_WORDS = re.compile(
    r"^(?:在(?![线职编岗校册押逃])|作为|对|向|为|把|将|使|让|经过|经(?![手办营济费验常历])|由|从[严重快速](?=[\u4e00-\u9fff]{2})|从(?!事)|依托|依靠|确保|实现|推动|推进|通过|按照|围绕|聚焦|针对|"
    r"其中|分别|目前|截至目前|截至|另(?![类行外])|全年|今年以来|近年来|近[一二两三四五六七八九十\d]+年来?|前(?:\d{1,2}|[一二两三四五六七八九十]{1,2})个?(?:月|季度)|以来|同时|此外|另外|并|又|还|已|共(?!同|享|建(?!有|立|成)|治|识|性|青)|累计|先后|着力|着重|"
    # 全镇性大型清查行动: 全X性 is an adjective (town-wide), no scope opening the clause
    r"(?:全省|全市|全区|全县|全州|全旗|全盟|全镇|全乡)(?!性)|我省|我市|我区|我县|我州|我旗|本市|该市|该县|该区|仅|"
    r"该(?:镇|乡|街道|苏木|社区|村|嘎查|旗|州|盟|所|局|院|庭|[\u4e00-\u9fff]{0,6}?中心)|"
    r"(?:今年|去年|上年|(?:19|20)\d{2}年)(?:\d{1,2}(?:至\d{1,2})?月份?)?(?:以来|底|初|上半年|下半年|上旬|中旬|下旬|度)?|"
    r"(?:\d{1,2}月(?:\d{1,2}[日号])?(?:[至到—-]\d{1,2}月?(?:\d{1,2}[日号])?)?|\d{1,2}[至到—-]\d{1,2}月)"
    r"(?:以来|底|初|前|份|上旬|中旬|下旬)?|"
    r"(?:公安机关|检察机关|审判机关|司法行政机关|政法机关|两级法院|各级法院)(?!满意|的满意)|"
    r"精准|扎实|积极|持续|有效|常态化|广泛|大力|依法|高质高效|"
    # 她保持着结案率99%, 这座面积800平方公里: a pronoun or demonstrative, no part of the noun
    r"(?:他们|她们|我们|[他她](?![人乡国]))(?:保持着?|一直保持着?)?|这座|这里|这个|"
    # 会同有关部门查处…: with whom the unit worked, no part of what was counted
    r"(?:协同|联合|会同|配合)(?:相关|有关|各|多)?(?:职能)?部门|深入(?=开展|推进|实施)|走进|来到|步入|走入|"
    # the number of an item in a list or a heading (一是, 二、, （三）, 4.): no part of the noun
    r"[一二三四五六七八九十]{1,2}是|[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}[、.．]|"
    r"\d{1,2}[、.．](?!\d))"
)
# A place name opening the clause: 海西州群众安全感 -> 群众安全感 (not 社区/城区/农村地区 …).
_PLACE_PREFIX = re.compile(
    r"^在?(?P<place>[\u4e00-\u9fff]{2,6}?(?:省|市|州|县|区|旗|盟|镇|乡|街道|苏木))(?![级性域])(?:共|全年|累计|各类)?"
)
# A station named after its place opening the clause (县公安局城关派出所化解率 -> 化解率): the unit that
# acts is the measurement's region, not part of the indicator. A bare 派出所 (派出所民警) is a noun.
_STATION_PREFIX = re.compile(
    r"^(?:[县市区州旗]?(?:公安局|公安分局|司法局|人民法院|法院))?[\u4e00-\u9fff]{2,5}?"
    r"(?:派出所|司法所|人民法庭|法庭|警务室|警务站)"
    # or a bureau or court named with its place (成县公安局): the body that acts, not the indicator
    r"|^[\u4e00-\u9fff]{1,6}?(?:省|市|州|县|区|旗|盟)(?:公安局|公安分局|人民法院|中级人民法院|人民检察院|"
    r"检察院|司法局)"
    # … or bare, once its place opened the clause (华宁县公安局破获… -> 公安局破获…)
    r"|^(?:公安局|公安分局|人民法院|中级人民法院|人民检察院|检察院|司法局)"
)
# Verbs of setting up that open a label: 建成调解工作室 -> 调解工作室.
_MAKE_VERB = re.compile(
    r"^(?:建成了?|建立了?|组建了?|打造了?|配备了?|配[齐强足全]|设立了?|新建了?|成立了?|划分了?|划定了?|建有|拥有|共有|开展了?|"
    r"现有|有(?![效力序关利的偿奖罪]))"
)
# A subject, then 共 or 共计 "in all" (县公安局共破获…, 此次活动共发放…): the subject is who or what
# acted, not what was counted; 共 opening a word (公共, 总共, 共建, 共有) is not cut at.
_SUBJECT_IN_ALL = re.compile(
    r"^[^，,。；;、\d“”]{2,16}?(?:(?<![公总一])共计?(?![性同享建治识青产有])"
    # 县公安局全年立…, 该院累计受理…: a body, then “in the year” or “in all” (纠纷全年化解率 keeps its noun)
    r"|(?<=[局院所委办队庭站])(?:全年(?![度均])|累计))"
)
# A named doer (“X”民警, “X”系统, “X”化解方式) opening a label, then 共 “in all” or 就: the adverb is
# no part of the indicator. (A unit before 已 is dropped whole, by _ACTOR_ALREADY.)
_NAMED_DOER = re.compile(
    r"^(?P<doer>[^，,。；;“”\"]{0,6}[“\"][^“”\"]{1,16}[”\"][\u4e00-\u9fff]{0,6}?)"
    r"(?P<adverb>共计?(?![同享建治识性青有])|就)"
)
# A unit that acted, then 已 or 成立以来 (某调解室已成功调处纠纷, 调委会成立以来调解纠纷): the
# subject of the clause, not part of what its number counts.
_ACTOR_ALREADY = re.compile(
    # a quoted name may close after the unit's kind word (“X说事点”已…), and a time word may stand
    # between the unit and its 已 (该调解室年内已处理纠纷)
    r"^[^，,。；;]{0,20}?(?:室|站|所|队|中心|社区|小区|村|嘎查|镇|乡|苏木|街道|庭|院|局|组|会|厅|平台|点)[”\"]?"
    r"(?:[(（][^)）]{1,6}[)）])?"
    r"(?:(?:成立|运行|建成|投用|启用|设立|组建)以来)?(?:今年|去年|年内|当年|全年)?(?:已经?|(?<=以来))"
)
# A unit, then what it has (某中心现有工作人员, 各所配备有专干): the holder, not what was counted.
_ACTOR_HAS = re.compile(
    r"^[^，,。；;]{1,20}?(?:室|站|所|队|中心|社区|村|镇|乡|街道|庭|院|局|组|会|厅|平台)"
    r"(?:现有|配备有|配有|拥有|建有)"
)
# A count of aspects heading the text before a number (三个方面的问题27条).
_ASPECTS = re.compile(r"^.*?[0-9一二两三四五六七八九十]+个?方面的?")
# A count of kinds right before the count (矛盾问题七大类42件): it groups the figure, it is no part
# of what was counted.
_KINDS_COUNTED = re.compile(r"[0-9一二两三四五六七八九十]+大?类$")
# The first number of a range (200至400户, 1-2名) ends the text before the counted one.
_RANGE_OPEN = re.compile(r"[0-9.]+(?:[万亿])?(?:余|多)?(?:至|到|～|~|－|—|-)$")
# Rankings and superlatives that close a label: 满意率排名第一 -> 满意率.
_RANKING = re.compile(
    r"(?:排名|位居|位列|居)(?:全[省市区县国])?第?[一二三四五六七八九十\d]+(?:位|名)?$|(?:最高|最低|居首)$"
)
# 由政法干警、律师等人员组成的调解队 -> 调解队: what the unit is made of is no part of its name.
_FORMED_BY = re.compile(r"^[^，,。；;]*?(?:组成|构成)的")
# Room layouts and facility formulas (一厅三室, 一室两厅五个功能区): runs of counts of rooms in
# Chinese numerals that describe how a centre is laid out, not quantities of work (guidelines
# rule 5); counts in digits (综治中心3个) and 片区/社区 are never rooms.
_LAYOUT = re.compile(
    r"(?:[一二两三四五六七八九十]+个?[\u4e00-\u9fff]{0,3}?(?:厅|室|站|中心|窗口|功能区|岗|台|栏|库)){2,}"
)
_PLACE_ONLY = re.compile(r"[\u4e00-\u9fff]{1,6}(?:省|市|州|县|区|旗|盟|镇|乡|街道|苏木)")
# A name made only of level words (乡镇街道, 县市区, 镇街道) names a kind of unit, as 乡镇 does, no place.
_LEVELS_ONLY = re.compile(r"(?:[省市州县区旗盟镇乡村街]|街道|社区|苏木)+")
_NOT_PLACES = frozenset(
    {
        "社区",
        "小区",
        "城区",
        "辖区",
        "园区",
        "景区",
        "山区",
        "牧区",
        "地区",
        "街区",
        "片区",
        "校区",
        "矿区",
        "林区",
        "城市",
        "都市",
        "城乡",
        "市区",
        "县区",
        "市县",
        "省市",
        "各区",
        "各县",
        "各市",
        "乡村",
        "乡镇",
        "城镇",
        "村镇",
        "集镇",
        # the areas a centre is laid out in (功能区, 服务区, 办公区, 等候区): rooms, not places
        "能区",
        "务区",
        "公区",
        "候区",
        "息区",
    }
)
# Nouns for kinds of settlement that also end town names (故城镇, 黄村镇, 新集镇).
_TOWN_WORDS = frozenset({"城镇", "村镇", "集镇"})
_TOWN_WORD_MODIFIERS = frozenset("小大各全中重特建示名")
_TRAIL_ADVERBS = (
    "仅",  # 平均时长仅22天: "only", no part of what was measured
    "曾经",
    "曾",
    "就",
    "最高",
    "最低",
    "平均",  # 调解周期平均(仅)5天: on average, before the 均 it ends with
    "均",
    "分别",
    "已",
    "共",
    "累计",
    "实现",
    "首次",
    "稳定在",
    "保持在",
    "始终保持",
    "保持",
    "控制",  # 发案率控制在0.5‰ (在 goes first, before a rate): how a level is held
    "持续",
    "各",
)
_NOT_NOUN_START = (
    "对",
    "向",
    "把",
    "被",
    "将",
    "使",
    "让",
    "和",
    "及",
    "与",
    "或",
    "并",
    "但",
    "而",
    "以",
    "于",
)
_NOT_NOUN_END = (
    "着",  # 居住着, 承担着: a verb with its aspect, not a noun
    "其他",  # 他和其他7名成员: "the other", the noun follows the count
    "其余",
    "发挥",
    "取消",
    "实现",
    "推进",
    "推动",
    "开展",
    "确保",
    "提供",
    "进行",
    "完成",
    "加强",
    "落实",
    "新增",
    "较去年",
    "较上年",
    "同比",
    "之",
    "于",
    "和",
    "与",
    "及",
    "或",
    "等",
)
_JUST_VERB = re.compile(
    r"(?:高效|有效|充分|全面|积极|主动|进一步|持续|不断|全部|分别|均|已|共|累计|首次)*"
    r"(?:达到?|为|是|有|取消|发挥|实现|完成|超过?|突破|提升至|提高到|上升至|下降至|"
    r"增长至|保持|稳定在|新增)?(?:了)?"
)
_KINDS = ("各类", "各种", "多种", "多类")
# Where the noun after a number ends: a verb or an adverb starting the predicate.
_TAIL_STOP = re.compile(
    r"及时|作为|为|经常|提供|担任|参与|接入|实现|开展|完成|全?覆盖|整合(?:至|到|进|入)|全部|积极|主动|均(?=[依在已为由有按实建设配开纳达成])|已经?(?![婚决])|被|累计|分别|参加|参会(?![人代单])|出席|列席|会签|联签|签署|发放(?![点员])|[到赴](?=[\u4e00-\u9fff]{0,4}(?:[镇乡村县区市]|街道|社区|基层|一线|企业|学校|现场))|入驻|常态化|"
    r"投入|到位|建成(?![区率])|建起|获评|获命名|荣获|入选|接受|推行|都(?=[有已是在能实])|(?<![参给])与(?![会])|充实|补充到|签订|加入|组成|深入|开设|设立|承担|负责|严格|认真|切实|得到|纳入|落实|进行|实行|建立|"
    r"享受|获得|明年|今年|年内|全年|目前|正在|逐步|逐一|逐个|逐级|层层|定期|每月|每周|每天|统一|集中|构成|形成|包联|"
    r"派员|常驻|进驻|轮驻|共同|整体|[发返退交]还|招聘|招募|选聘|聘请|聘任|选派|派驻|将(?![来近])|把|推进(?![组会办])|推动|(?:科学|合理|统一)?划分|全面|推广|打造|探索|组建|成立|"
    r"在(?![线职编岗校册押逃建办营用管])|以(?![上下内外来及])|以及|"
    # 800名商户从外地返乡, 3万名群众从中受益: 从 opens where from (从事, 从业 are words)
    r"从(?![事业])|"
    # 27名县级领导共接处…, 219个村级综治中心按照…: “in all” and “according to” open the predicate
    r"(?<![公总一])共(?:计|同)?(?=[\u4e00-\u9fff])(?![享建治识性青有])|按照|平均(?![数值])"
)
# Examples listed before 等 name no count: “甲”“乙”等特色调解组织32个 counts the 调解组织.
# 在甲村、乙村等地抓获…: 等地 (“and other places”) closes the list of places as a whole.
_EXAMPLES = re.compile(
    r"^.*?[^一二三四五六七八九十平同高中初上下均对]等(?:地(?![区方域]))?(?![级次同待候于等])"
)


@dataclass(frozen=True, slots=True)
class MetricMention:
    """A quantity found in a sentence; offsets index that sentence."""

    start: int
    end: int
    raw: str
    indicator: str
    value: float
    unit: str
    approximate: bool
    change: str | None = None  # a stated change, signed: 同比下降37% -> "-37%"


_LAYOUT_SCAN = Gated(_LAYOUT)  # most sentences hold none of its room words: skip the scan
# 划分3大功能区9个功能室: function zones counted and the rooms inside them counted right after,
# with no break, lay out one centre even when written in digits (guidelines rule 5)
_ZONES_ROOMS = Gated(re.compile(r"\d+[个大]?[\u4e00-\u9fff]{0,2}?功能区\d+个?[\u4e00-\u9fff]{0,4}?[室厅]"))
# 村民张某和邻居李某某因宅基地引发纠纷，调解员两次上门: the story of one dispute between private
# people (named by surname + 某) tells a case, and its numbers count that case, not the work; a
# total in the same sentence (共, 累计, 全年 …) makes it a report of work again.
_PRIVATE_PERSON = re.compile(r"[\u4e00-\u9fff]某(?![些种地处项类方时市县区镇乡村街社])")
_ONE_CASE = re.compile(r"纠纷|矛盾|争执|争议|口角|争吵|吵架|打架|赔偿|损失|受损|事故|欠薪|讨薪")
# (共 “in all”, not the 共 of 公共, 共同, 共享, 共建 …)
_TOTAL = re.compile(r"(?<!公)共(?![同享建治识性青])|累计|全年|以来|先后|各类|总计|合计")
# 由王某支付刘某400元: two private people named in one sentence are the parties of one case, whatever
# it is about; the character before 某 is their surname (not 对/向/某 of "a certain").
_SURNAME_MOU = re.compile(
    r"((?![对向在由将与和及把给被从为让使一每其该这那有是某])[\u4e00-\u9fff])某(?![些种地处项类方时市县区镇乡村街社])"
)


# 一场因15平方米空地引发的邻里纠纷: one dispute told as a story; its numbers are the case's details.
_ONE_DISPUTE = re.compile(r"一(?:起|场|宗|桩)[^，,。；;]{0,24}?(?:纠纷|争执|争议)")
_NEGATED = re.compile(r"[没无未不零]")


def _anecdote(sentence: str) -> bool:
    """Whether the sentence tells one dispute (between private people, or 一起…纠纷), with no
    total of work."""
    parties = {m.group(1) for m in _SURNAME_MOU.finditer(sentence)} - {"某"}
    return bool(
        (
            (_PRIVATE_PERSON.search(sentence) and _ONE_CASE.search(sentence))
            or _one_dispute(sentence)
            or len(parties) >= 2
        )
        and not _TOTAL.search(sentence)
    )


def _one_dispute(sentence: str) -> bool:
    """一场…纠纷 told as a story; not 没有因为一起纠纷而上访 (no dispute at all)."""
    return any(
        not _NEGATED.search(sentence, max(0, m.start() - 5), m.start())
        for m in _ONE_DISPUTE.finditer(sentence)
    )


# “1+4+N”框架(1个县级中枢、4个镇街主阵地、N个…): the bracket spells out the formula's parts.
# So does a clause after 即 or 是指 (“1+7+N”机制，即1个中心、7个部门、N支队伍), up to the clause's end.
_FORMULA_GLOSS = re.compile(
    r"[“\"][0-9NnXx一二三四五六七八九十]+(?:[+＋][0-9NnXx一二三四五六七八九十]+)+[”\"][^(（。，,；;]{0,12}"
    r"(?:(?P<gloss>[(（][^)）]{2,80}[)）])|[，,:：]?(?:即|是指|也就是|具体为|具体是)(?P<said>[^。，,；;(（]{2,80}))"
)

_AVERAGE_RATE = ("年均", "月均")
_LEAD_COUNT_WORDS = re.compile(r"^(?:累计|共计?|先后|全部|均)")
_FORMULA_GLOSSED_BEFORE = re.compile(
    r"(?P<gloss>[^。，,；;：:“”\"]{4,80}?)的\s*[“\"](?P<first>[0-9]+)(?:[+＋][0-9NnXx]+)+[”\"]"
)


def find_metrics(sentence: str) -> list[MetricMention]:
    """Return the quantities stated in ``sentence``, in reading order."""
    found: list[MetricMention] = []
    if _anecdote(sentence):
        return found
    last_end = 0
    layouts = [(lay.start(), lay.end()) for lay in _LAYOUT_SCAN.finditer(sentence)]  # once per sentence
    layouts += [(lay.start(), lay.end()) for lay in _ZONES_ROOMS.finditer(sentence)]
    if "+" in sentence or "＋" in sentence:
        glosses = _FORMULA_GLOSS.finditer(sentence)
        layouts += [g.span("gloss") if g.group("gloss") else g.span("said") for g in glosses]
        # 实行1名支委联系10名党员…的“1+10+N”机制: the clause before 的 spells out the formula
        layouts += [
            g.span("gloss")
            for g in _FORMULA_GLOSSED_BEFORE.finditer(sentence)
            if re.search(rf"(?<![0-9.]){g.group('first')}\s*[名个位人户支]", g.group("gloss"))
        ]
    shared = _shared_units(sentence)
    for m in _NUMBER.finditer(sentence):
        if any(start <= m.start("num") < end for start, end in layouts):
            continue  # a count of rooms in a layout (一厅三室) is no quantity of work
        previous = found[-1].indicator if found else ""
        mention = _to_mention(sentence, m, last_end, previous, shared.get(m.start("num"), ("", "")))
        if mention is not None:
            found.append(mention)
            last_end = mention.end
    if found and heading_rank(sentence) is not None:
        # 二、完善两个机制: a count in Chinese numerals in a numbered heading names the parts of the
        # section's method, no quantity of work (a heading's digits, 二、化解纠纷300件, stay)
        found = [m for m in found if not _CN_COUNT.match(m.raw.lstrip("约近逾超过"))]
    found = _respectively(sentence, _without_formula_parts(sentence, found))
    found = _levels_reached(sentence, found)
    # 辖136个村和三个移民安置点: a count that nothing before it (nor a list it closes) names
    return [m for m in found if m.indicator.strip()]


_CN_COUNT = re.compile(f"[{_CN_DIGITS}]")
_ONE_PART = re.compile(r"一[个支项条张套批类]")
_ONE_PART_LISTED = re.compile(r"一[个支项条张套批类][\u4e00-\u9fff]{1,6}、[\u4e00-\u9fff]{0,4}$")


def _without_formula_parts(sentence: str, found: list[MetricMention]) -> list[MetricMention]:
    """Drop counts in Chinese numerals that run in order (一个中心、两个平台、三支队伍、四项机制): the
    numbered parts of a formula spelled out, not quantities of work. The run starts at 一, which
    is no count on its own and so is looked for in the text; 两名…、三名…、四名… stay counts."""
    drop: set[int] = set()
    i = 0
    while i < len(found):
        j = i
        while (
            j + 1 < len(found)
            and _CN_COUNT.match(found[j + 1].raw.lstrip("约近逾超过"))
            and _CN_COUNT.match(found[j].raw.lstrip("约近逾超过"))
            and found[j + 1].value == found[j].value + 1
        ):
            j += 1
        if found[i].value == 2 and (
            (j > i and _ONE_PART.search(sentence, 0, found[i].start) is not None)
            or _ONE_PART_LISTED.search(sentence, 0, found[i].start) is not None
        ):
            drop.update(range(i, j + 1))  # 建强一个阵地、完善两个机制: the list item right before is 一个
        i = j + 1
    return [m for k, m in enumerate(found) if k not in drop] if drop else found


# 提高3.4个百分点，达到98.6%: after a clause stating a change, a clause of only a verb of reaching
# and a number gives the level the changed quantity reached.
_REACHED = re.compile(
    r"[，,]\s*(?:并|已|再|目前|现)?(?:达到|达|为|至|到|(?:下降|上升|减少|增加|增长|提高|降低|提升|压降|压减)"
    r"(?:到|至|为)|[降升增减]至|[降升]到)了?(?:目前|现在|今年)?的?"
)
_ABOUT_AFTER = re.compile(r"左右|上下")


def _levels_reached(sentence: str, found: list[MetricMention]) -> list[MetricMention]:
    """A move from one level to another (群众安全感从95.2%提升到98.6%, 由200件下降到30件) states
    one quantity: the level reached, with the move as its signed change (percentages move by
    个百分点); the level it started from is an earlier year's value, not a figure of its own, so it
    is dropped (the model has no field for a past value, and value minus change recovers it).
    A change followed by the level reached (提高3.4个百分点，达到98.6%) keeps the change and gains
    the level, named as the changed quantity, as 达98.6%，较上年提高3.4个百分点 is read."""
    out: list[MetricMention] = []
    skip = False
    for i, m in enumerate(found):
        if skip:
            skip = False
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is None:
            out.append(m)
            continue
        gap = sentence[m.end : nxt.start]
        lead = sentence[_clause_start(sentence, m.start) : m.start]
        bare = (
            _BARE_TO.fullmatch(gap) is not None
            and m.unit == nxt.unit
            and not sentence.startswith("不等", nxt.end)  # 从300件到500件不等: a range, no move
        )
        if _FROM.search(lead) and (bare or _TO_VALUE.fullmatch(_ABOUT_AFTER.sub("", gap, count=1))):
            # the words before 从/由 name the quantity that moved (调解员由5人增加到12人: 调解员),
            # where the start's label took the verb after it (增加到) for its noun; with no verb
            # (从81.4%到87.9%，群众安全感逐年攀升) and nothing before 从, the next clause names it
            named = m.indicator if m.indicator and not _TO_VALUE.search(m.indicator) else _noun(lead)
            if not named and bare:
                named = _trend_subject(sentence, nxt.end)
            kept = nxt.indicator if not bare and not _DIGITS.search(nxt.indicator) else ""
            out.append(replace(nxt, indicator=named or kept, change=_move(m, nxt, gap)))
            skip = True
            continue
        if not nxt.indicator.strip() and _REACHED.fullmatch(gap):
            moved = _CHANGE.search(lead)
            if m.change is None and moved is not None:
                # 发案减少35起，降至120起: the count before the level is the change to it
                sign = "-" if moved.group("verb") in _DOWN else "+"
                m = replace(m, change=f"{sign}{m.raw.lstrip('约近逾超过')}")
            if m.change is not None:
                found[i + 1] = replace(nxt, indicator=m.indicator)
        out.append(m)
    return out


# 从81.4%到87.9%: a bare 到/至 between two levels of one unit after 从/由 is a move as well.
_BARE_TO = re.compile(r"\s*(?:到|至)\s*")
# …，群众安全感逐年攀升: the clause after a bare move names what moved, before its verb of trend.
_TREND_SUBJECT = re.compile(
    r"\s*[，,]\s*(?P<noun>[^，,。；;：:！!？?\d]{2,16}?)(?:逐年|逐步|不断|持续|稳步|明显|大幅|显著|均)?"
    r"(?:攀升|提升|上升|提高|增长|增加|下降|降低|减少|改善|回落)"
)


def _trend_subject(sentence: str, end: int) -> str:
    """The noun of the clause right after ``end`` whose verb is a trend (…，满意度不断提升), or ""."""
    m = _TREND_SUBJECT.match(sentence, end)
    return _noun(m.group("noun")) if m else ""


def _move(start: MetricMention, end: MetricMention, gap: str) -> str | None:
    """The signed change from ``start`` to ``end`` (+3.4个百分点, -2起), or None when it is not exact
    (either level only approximate, 由200件左右…) or the two are in different units."""
    if start.unit != end.unit or start.approximate or end.approximate or _ABOUT_AFTER.match(gap):
        return None
    if start.unit == "‰":
        return None
    diff = Decimal(str(end.value)) - Decimal(str(start.value))
    if not diff:
        return None
    unit = "个百分点" if start.unit == "%" else start.unit
    return f"{'+' if diff > 0 else '-'}{abs(diff).normalize():f}{unit}"


# 刑事案件、治安案件同比分别下降12%、8%: the items listed before 分别 take the values after it in turn.
_RESPECTIVELY = re.compile(
    r"分别(?:同比|环比|较上年|比上年)?(?:为|是|达到?|占|有|(?:下降|上升|增长|提高|提升|减少|增加|降低)了?)?\s*$"
)  # 分别受理案件…: the items are who did it, the run keeps its own labels; 分别同比下降 is a change
_KINDS_COUNT = re.compile(r"等?[两二三四五六七八九十]大?[类种]")
_VALUE_JOIN = re.compile(r"^\s*(?:、|和|及|与|,|，)\s*$")
_ITEM_SPLIT = re.compile(r"、|和|及|与")
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")


def _respectively(sentence: str, found: list[MetricMention]) -> list[MetricMention]:
    """Give each value of a 分别 run the item listed in the same place before 分别, and the first
    value's signed change to the others (刑事案件、治安案件同比分别下降12%、8%)."""
    out = list(found)
    last_items: list[str] = []
    i = 0
    while i < len(out):
        head = sentence[: out[i].start]
        at = head.rfind("分别")
        if at < 0:
            i += 1
            continue
        run = [i]  # the values joined to this one by 、/和 …
        while run[-1] + 1 < len(out) and _VALUE_JOIN.match(
            sentence[out[run[-1]].end : out[run[-1] + 1].start]
        ):
            run.append(run[-1] + 1)
        if not _RESPECTIVELY.search(head[at:]):
            # 2021、2022年分别调解纠纷300件、420件: the items are who or when, and every value of
            # the run counts the same thing; a value left with no label of its own takes it
            j = i
            for idx in run[1:]:
                if out[i].indicator == "" or out[idx].indicator or out[idx].unit != out[i].unit:
                    break
                out[idx] = replace(out[idx], indicator=out[i].indicator)
                j = idx
            i = j + 1
            continue
        left = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, at)), default=0)
        listed = _CHANGE.sub("", sentence[left:at]).strip()
        items = [_noun(part) for part in _ITEM_SPLIT.split(listed)]
        if len(items) > len(run) > 1 and len(commas := listed.split("、")) == len(run):
            # 盗抢及诈骗案件立案数、破案数分别…: 及 joins words inside the first item; the 、
            # list alone matches the values
            items = [_noun(part) for part in commas]
        kinds = _KINDS_COUNT.search(items[-1]) if len(items) > 1 and items[-1] else None
        if kinds and kinds.start() > 0 and is_noun_label(head := items[-1][kinds.end() :]):
            # 盗窃、诈骗两类警情降幅分别为…: the count of kinds closes the list, the noun after it is
            # every item's (盗窃警情降幅, 诈骗警情降幅)
            items = [part + head for part in (*items[:-1], items[-1][: kinds.start()])]
        if not any(items):
            items = last_items or _counts_before(out, i, len(run))
        if len(run) > 1 and len(items) == len(run) and all(items):
            last_items = items
            change = out[i].change
            sign = change[0] if change else None
            for k, idx in zip(range(len(run)), run, strict=True):
                value_change = out[idx].change
                if sign and value_change is None:
                    value_change = f"{sign}{out[idx].raw.lstrip('约近逾超过')}"
                out[idx] = replace(out[idx], indicator=items[k], change=value_change)
        elif len(run) > 1 and items and items[-1] and not any(items[:-1]):
            # 2019年至2021年，群众安全感分别为96.7%、97.5%、98.0%; 2020、2021年刑事发案同比分别下降
            # 9%、6%: one item (the years listed are no labels) measured several times, so every
            # value of the run is that item's, with the first value's sign of change
            change = out[i].change
            sign = change[0] if change else None
            for idx in run:
                if out[idx].unit != out[i].unit or out[idx].indicator:
                    continue
                value_change = out[idx].change
                if sign and value_change is None:
                    value_change = f"{sign}{out[idx].raw.lstrip('约近逾超过')}"
                out[idx] = replace(out[idx], indicator=out[i].indicator or items[-1], change=value_change)
        i = run[-1] + 1
    return out


def _counts_before(found: list[MetricMention], first: int, size: int) -> list[str]:
    """The labels of the ``size`` counts just before ``found[first]``, when a 分别 run with no
    items of its own follows them (刑事案件320起、治安案件560起,同比分别上升4%、6%)."""
    if first < size:
        return []
    counts = found[first - size : first]
    if any(m.unit in _CHANGE_UNITS for m in counts):
        return []
    return [m.indicator for m in counts]


# Numbers listed with 、 before one unit (分别下降0.72、0.06、7.39个百分点): each takes that unit.
_LISTED_NUMBERS = re.compile(rf"\d+(?:\.\d+)?(?:、\d+(?:\.\d+)?)+(?P<mult>[万亿])?(?P<unit>{_UNIT_ALT})")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _shared_units(sentence: str) -> dict[int, tuple[str, str]]:
    """Where each number of a 、-list written before one unit starts, with that (multiplier, unit)."""
    out: dict[int, tuple[str, str]] = {}
    if "、" not in sentence:
        return out
    for run in _LISTED_NUMBERS.finditer(sentence):
        if run.start() > 0 and (sentence[run.start() - 1].isdigit() or sentence[run.start() - 1] == "."):
            continue
        for num in _DIGITS.finditer(
            sentence, run.start(), run.start("mult") if run.group("mult") else run.start("unit")
        ):
            out[num.start()] = (run.group("mult") or "", run.group("unit"))
    return out


# The characters after 分 that make it the first of a word (分散, 分别, 分布 …), not a score.
_FEN_WORDS = tuple("散别布配析类流工批期级享解担管包片成为赴头组区段层")
# A count in Chinese numerals right after the body that issued it (中央八项规定, 中央“三个务必”) is
# the name of a set of rules, no quantity.
_NAMING_BODIES = ("中央", "党中央", "中共中央")


def _to_mention(
    sentence: str, m: re.Match[str], floor: int, previous: str, shared: tuple[str, str] = ("", "")
) -> MetricMention | None:
    num, mult, unit = m.group("num"), m.group("mult") or "", m.group("unit") or ""
    if not unit and not mult and num[0].isdigit():
        mult, unit = shared  # 0.72、0.06、7.39个百分点: the list shares the unit after its last number
    arabic = num[0].isdigit()
    if not arabic:
        # A trailing 万/亿 inside a Chinese numeral run is the multiplier (十四万户 -> 14, 万户).
        if not mult and len(num) > 1 and num[-1] in "万亿":
            num, mult = num[:-1], num[-1]
        if not _plausible_cn(num, unit):
            return None
    if not unit and not mult:
        return None
    if unit == "%" and mult:
        return None
    num_start = m.start("num")
    if _skip_context(sentence, num_start, m.end(), unit):
        return None
    value = _value(num)
    if value is None:
        return None
    if unit == "分" and sentence.startswith(_FEN_WORDS, m.end()):
        return None  # 66万分散居住, 3人分别…: 分 begins the next word (分散, 分别), it is no score
    if not arabic and sentence.endswith(_NAMING_BODIES, 0, num_start):
        return None  # 中央八项规定精神: a count after the body that issued it names its rules
    if unit == "个" and _divisions_held(sentence, m.start(), m.end()):
        return None  # 该镇辖18个行政村: the place's own divisions, no result of work
    if unit == "人" and sentence.startswith("口", m.end()) and not sentence.startswith("口径", m.end()):
        return None  # 72万人口中…: the place's population (人口), no people reached by work
    if unit == "个" and sentence.startswith(("民族", "少数民族"), m.end()):
        return None  # 有汉、蒙等7个民族: who lives in the place, no result of work
    if unit in _HONOURED_UNITS and (
        _HONOURED.match(sentence, m.end())
        or ((more := _MORE_HONOURED.match(sentence, m.end())) and _HONOURED.match(sentence, more.end()))
    ):
        return None  # 11名干警获省级表彰: the people or units honoured, an award and no result of work
    label, change = _label(sentence, m.start(), m.end(), floor, previous, mult + unit)
    if change is None and (whom := _for_whom(sentence, m.start(), m.end(), label)) is not None:
        label = whom
    if (
        mult + unit not in _CHANGE_UNITS
        and (rate := _RATE_TAIL.search(label))
        and is_noun_label(label[: rate.start()])
    ):
        label = label[
            : rate.start()
        ]  # 1200件纠纷调解成功率98%: the rate is the next value's, a count no rate
    if _BARE_OPINION.fullmatch(label) and "群众" in sentence[: m.start()]:
        label = "群众" + label  # 群众安全感稳步提升,满意度达96%: the opinion is the 群众's named before
    if unit == "%" and floor and change is None:
        label = _rate_of(label, previous)
    elif floor and (named := _QUOTED_SUBJECT.match(previous)) and _BARE_MEASURE.fullmatch(label):
        label = named.group() + label  # “X”关注人数达…，访问量…: the second measure is the same X's
    if unit == "%" and _SHARE_OF.search(label):
        label += "比例"  # 女性民警占全部警力18%: the share of one in the other
    elif unit == "%" and label.endswith("占") and is_noun_label(label[:-1]):
        label += "比"  # 婚姻纠纷占35%: the part's share of the whole named before
    elif (
        unit == "%"
        and (not label or label.endswith("中") or label.startswith(("为", "是")))
        and (part := _SHARE_IS.match(sentence, m.end()))
        and is_noun_label(part.group("part"))
    ):
        # 受访者中62%为外来人员: no noun of its own before it (or only the whole, …中), so the share
        # is of the part named after 为
        label = part.group("part") + "占比"
    clause = sentence[_clause_start(sentence, m.start()) : m.start()]
    if unit in _LENGTHS and (_FAR_FROM.search(clause) or _LIES_BEYOND.match(sentence, m.end())):
        return None  # 村寨距离乡政府所在地有6.6公里: how far the place lies, no result of work
    if _ONE_OF.match(sentence, m.end()):
        return None  # 全国四个单列的自治县之一, 全省15个试点县之一: the place's standing among others
    if unit in _LENGTHS and (_TERRAIN.search(label) or sentence.startswith("处", m.end())):
        return None  # 平均海拔4500米, 边境线长438公里, 镇政府南侧6公里处: the lie of the land
    if _PLACE_SIZE.match(sentence, m.end()):
        return None  # 仅有698户的小村庄: the size of the place the story is set in
    if (bare := _TRAILING_COUNT.sub("", label)) != label and not _BACKGROUND.search(bare):
        # 户籍居民862人共301户: the same people counted again by households, named before the first
        # count; 辖12个村,3100户9800人: a label that is only a count left unnamed is the place's make-up
        if not is_noun_label(bare):
            return None
        label = bare
    if _SUPERLATIVE.search(clause):
        return None  # 成为全县最平安的三个乡镇: a ranking among places, no result of work
    if _BACKGROUND.search(_TRAILING_COUNT.sub("", label)):
        # 全村共有农户320户: the place's own size, no result of work; 有村民860户3100人: the people
        # counted right after its households are the same place's
        return None
    return MetricMention(
        start=m.start(),
        end=m.end(),
        raw=m.group(),
        indicator=label,
        value=value,
        unit=mult + unit,
        approximate=bool(m.group("pre") or m.group("about") or m.group("post")),
        change=change,
    )


# A place's own size (人口, 面积, its households): said of the place itself, or after 有/共有/总,
# not of people the work reached (参保农户, 走访群众户数).
_BACKGROUND = re.compile(
    r"(?:^|[村镇乡区县市州旗]|社区|街道|嘎查|苏木|有|总)(?:常住|户籍|实有|实际|总)?(?:人口|户数|农户|住户|"
    r"(?:国土|辖区|管辖|耕地|土地|林地|草场|总)?面积)$"
    # 陂下村有村民450多户, 居住着居民1200人: the people a place has, not people the work reached
    r"|(?:有|居住着?|生活着?)(?:村民|居民|牧民|群众|农牧民)$"
    # 从事农牧业人口5.7万人: the part of the population in a trade, the place's make-up
    r"|^从事[\u4e00-\u9fff]{1,8}人口$"
    # 户籍居民1200人, 常住村民800户: the people registered or living in the place, its make-up
    r"|(?:常住|户籍|实有)(?:居民|村民)$"
)
_TRAILING_COUNT = re.compile(r"[0-9.]+[万]?[余多]?(?:户|人|名)$")
_VERB_DONE = re.compile(r"(?=[\u4e00-\u9fff]{2}了(?!解|结))")
_SUPERLATIVE = re.compile(r"最[\u4e00-\u9fff]{1,4}的$")
# A place's own divisions, counted after 辖/共有 and standing alone as the item (下辖18个行政村、3个
# 社区); a count of divisions that did something (120个社区建成综治中心) is a result.
_HOLDS = re.compile(r"下辖|管辖|辖有|共辖|辖|共有|现有|拥有")
_DIVISIONS = re.compile(
    # 城中村, 小区, 居民小组 too: 辖有9个城中村 counts what the place holds
    r"(?:行政村|自然村|城中村|村民小组|居民小组|牧委会|村\(社区\)|村（社区）|(?:农村|城市|城镇)?社区|居委会|嘎查|"
    r"街道|乡镇|小区|村)(?=$|[、，,；;。和及])"
)
_ITEM_START = re.compile(r"[，,；;。：:\n]")


def _divisions_held(sentence: str, start: int, end: int) -> bool:
    """Whether the count at ``start:end`` is of divisions the place holds (辖12个行政村、86个组)."""
    if not _DIVISIONS.match(sentence, end):
        return False
    left = max((b.end() for b in _ITEM_START.finditer(sentence, 0, start)), default=0)
    return _HOLDS.search(sentence, left, start) is not None


# How far a place lies from another (该村距镇政府12公里, 这里距离县城…), not a distance the work covered.
_LENGTHS = frozenset({"公里", "千米", "米"})
_ONE_OF = re.compile(r"[^，,。；;：:！!？?]{0,16}?之一")
# The land itself measured (its height, its border, a radius it spans): geography, no work.
_TERRAIN = re.compile(r"(?:海拔|边境线|国境线|边界线|海岸线|半径)(?:长|高|在|为|达|约|有|上)*$")
# (a station or post is a place too: 派出所距离县城20公里, 警务室距乡政府8公里)
_FAR_FROM = re.compile(r"(?:^|[村镇乡区县市寨所站室点]|社区|街道|嘎查|地|这里|该)距离?")
# 15公里外的牧区, 3公里以外: where something lies, no length of work done
_LIES_BEYOND = re.compile(r"(?:以外|之外|外)(?:的|[，,。；;])")
# A count joined by 的 to the kind of place it measures (698户的小村庄, 3万人的小镇, 72万人口的农业
# 大县, 47平方公里的辖区内).
_PLACE_SIZE = re.compile(
    r"口?的(?:小|偏远|边远|边境|山区|农业|牧业|工业|人口|多民族|少数民族){0,2}大?"
    r"(?:村庄|村子|村落|村寨|山村|渔村|小镇|乡镇|集镇|县城|社区|小区|辖区|区域|地区|土地|城市|城区|县|市|镇|乡|区)"
    r"(?=$|[，,。；;、里中内上])"
)


# A bare rate (办结率, 化解率, 成功率) right after a count is the rate of what that count counted; the
# verbs that opened the count's label (受理, 排查) are the rate's own head, so they go.
_BARE_RATE = re.compile(r"[\u4e00-\u9fff]{2}率")
_ACTS = re.compile(
    # 破 and 审结 too: 破刑事案件300起，破案率…, 审结案件676件，结案率… rate the cases themselves
    r"^(?:流转|办理|受理|排查|摸排|化解|调处|调解|创建|办结|接待|收到|处理|登记|开展|发现|破获|侦破|查处|审结|执结|"
    r"破(?![产坏除解]))+"
)


# After a percentage, 为/是 and the part of the whole it is (62%为外来人员, 20%为A、B), up to a break.
_SHARE_IS = re.compile(r"(?:为|是)(?P<part>[^，,。；;：:\d%“”]{2,20})(?=[，,。；;：:]|$)")
# A占B before a percentage, the label naming no ratio yet (占比, 比例, 比重, …率).
_SHARE_OF = re.compile(r"[\u4e00-\u9fff]{2}占[\u4e00-\u9fff]{2,}(?<![比率重])(?<!比例)$")


# A quoted name opening the label of the count before (“24小时警局”关注人数), and a bare measure noun
# (访问量, 点击量, 下载量, 用户数) after it in the same sentence: the measure is of the same named thing.
_QUOTED_SUBJECT = re.compile(r"^[“\"][^“”\"]{1,16}[”\"]")
_BARE_MEASURE = re.compile(r"[\u4e00-\u9fff]{1,3}(?:量|人数|用户数|次数)")


def _rate_of(label: str, previous: str) -> str:
    """``label`` prefixed with the object of the count before it when it is a bare rate."""
    if not _BARE_RATE.fullmatch(label) or not previous:
        return label
    if previous.endswith(("率", "度", "感")):
        # 满意率达96%，反馈率为88%: a rate beside another rate (or 安全感, 满意度) is a second
        # measure of the same survey or work, not a rate of the first one
        return label
    if previous.endswith(label[:-1]):
        # 调解成功1150件，成功率95.8%: the success rate of the count before (调解成功率); 办结98件，
        # 办结率 and 成功化解290件，化解率 keep their own
        return previous + "率" if label.startswith("成功") and len(previous) > 2 else label
    thing = previous if label.startswith("成功") else _ACTS.sub("", _DONE_HOW.sub("", previous))
    return thing + label if len(thing) >= 2 and is_noun_label(thing) else label


_RATE_TAIL = re.compile(
    r"(?:调解|化解|调处|预警)?(?:成功|办结|反馈|满意|化解|调解|履行|结案|破案|回访|处置)率$"
)
# 为商户挽回损失86万元, 为32户受害群众追回损失: 为 names who the work was done for; the
# count after it is of those people, and the work counted starts at its verb.
_FOR_WHOM = re.compile(
    r"为(?P<whom>[^，,。；;、为]{1,16}?)(?P<verb>挽回|追回|讨回|追讨|避免|减少|提供|办理|办结|解决|兑现|争取)"
)


def _for_whom(sentence: str, start: int, end: int, label: str) -> str | None:
    """The label of a count in a 为-phrase: the people counted (为50个单位挽回…), or the work
    done for them without them (为群众挽回损失 → 挽回损失); None when no 为-phrase is involved."""
    clause = _clause_start(sentence, start)
    if sentence.endswith("为", clause, start) and (w := _FOR_WHOM.match(sentence, start - 1)):
        whom = sentence[end : w.start("verb")]
        return whom if is_noun_label(whom) else None
    for w in _FOR_WHOM.finditer(sentence, clause, start):
        at = label.find(w.group("verb"))
        whom = w.group("whom")
        lead = label[:at]
        if at > 0 and (whom.endswith(lead) or lead.endswith("为" + whom)) and is_noun_label(label[at:]):
            return label[at:]
    return None


def _plausible_cn(num: str, unit: str) -> bool:
    """Chinese numerals are everywhere in idioms (一批, 三级, 十化); demand a clear count."""
    if not unit or unit in _CN_WEAK_UNITS:
        return False
    if len(num) == 1:
        return num not in "一万亿零〇"  # 一个/一起/一家 are words, not counts
    # 五一路, 八一中学, 两三户: Chinese digits run together with no 十/百/千 are a name or a
    # guess (two or three), never a number as written
    return any(ch in "十百千万亿" for ch in num)


def _skip_context(sentence: str, start: int, end: int, unit: str) -> bool:
    before = sentence[start - 1] if start > 0 else " "
    earlier = sentence[start - 2] if start > 1 else " "
    after = sentence[end] if end < len(sentence) else " "
    if before == "第" or (before == "前" and earlier not in "目此提以当之" and unit in ("名", "位", "%")):
        return True  # ordinals and ranks
    if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalpha()):
        return True  # codes such as G20, 5G, A3
    ranged = before in "-—～~" and earlier.isdigit() and bool(unit)  # 200-300户: counted at its end
    if (before in "+-×/—～~." and not ranged) or after in "+×/":
        return True  # formulas like 3+x; a range is counted once, at its second number
    if _TERM_GLOSS_BEFORE.search(sentence, max(0, start - 8), start):
        return True  # “1”指1个指挥中枢: the gloss of a formula's term restates it, no count of work
    if _FORMULA_PART.match(sentence, end):
        return True  # (1名网格员+1名民警+N名党员): the parts of a formula's gloss, no quantity
    if not sentence[start].isdigit() and _JOINT_WORK_AFTER.match(sentence, end):
        return True  # 三所(庭)联动, 五员合一: numeral words before joint work name a mechanism
    if before in "数几" and not sentence[start].isdigit():
        return True  # 数十人, 几百户: "some tens", a rough size and no count
    if before in "这那此" and not sentence[start].isdigit():
        return True  # 这两个故事, 那三户人家: "these two", things already told, no count of work
    if _NEGATED_EVENT.search(sentence, _clause_start(sentence, start), start) and _THRESHOLD_AFTER.match(
        sentence, end
    ):
        return True  # 未发生一起死亡3人以上的事故: the size that defines the event that did not happen
    if (
        unit.endswith("元")
        and sentence.endswith("以上", 0, end)
        and _is_cjk_char(after)
        and (clause_end := _CLAUSE_BREAK.search(sentence, end)) is not None
        and re.search(r"\d", sentence[end : clause_end.start()])
    ):
        # 3000万元以上工业项目增长8%, 涉案10万元以上的案件15起: the size class of the things
        # whose own figure follows in the clause, no amount of money
        return True
    if sentence[start:end].endswith("四起") and (end == len(sentence) or _CLAUSE_BREAK.match(sentence, end)):
        return True  # 嘈杂声四起, 谣言四起: "arise on all sides", no count of cases
    if unit in ("类", "大类") and end < len(sentence) and sentence[end].isdigit():
        return True  # 矛盾问题七大类42件: how many kinds the count that follows falls into
    if unit == "轮" and sentence.startswith("车", end):
        return True  # 三轮车: a kind of vehicle, no count of rounds
    if unit == "套" and sentence.startswith("班子", end):
        return True  # 四套班子: the leading bodies of a place, a fixed name, no count of work
    if unit == "根" and after == "据":
        return True  # 周五根据需要…: 根据 (according to), no count of 根
    if unit == "分" and before in "点點时時":
        return True  # 8点15分: a time of day, no score
    if sentence.endswith(_PER_AREA, 0, start):
        return True  # 每平方公里12人: how densely a place is settled, background
    if before == "周" and not sentence[start].isdigit():
        return True  # 周一至周五: a weekday, no count
    if unit in ("小时", "天") and after in "警服值在":
        return True  # 24小时警局 and similar names
    if (
        _ROUND_THE_CLOCK.match(sentence, start, end)
        and _is_cjk_char(after)
        and after not in "内以之"
        and not _LIMIT_BEFORE.search(sentence, max(0, start - 3), start)
    ):
        return True  # 24小时不间断巡查, 365天无休: how long a service runs, no quantity of work
    if unit.startswith("人") and (before == "每" or _RATE_AFTER.match(sentence, end)):
        return True  # 每万人, 十万人命案发案率: the base a rate is counted per, no quantity
    if unit == "元" and _EXCHANGE.search(sentence[_clause_start(sentence, start) : end + 4]):
        return True  # 1美元兑7.1元人民币, 汇率升至7.2元: a price of money, no quantity of work
    if unit == "个" and sentence.startswith(_SPANS, end):
        return True  # durations: 4个月, 两个多月
    if _SIMILE.search(sentence, max(0, start - 3), start):
        return True  # 犹如600余盏明灯: the count of a simile's image, no quantity of work
    if (
        before == "等"
        and _PRIVATE_PERSON.search(sentence, max(0, start - 5), start - 1)
        and not _A_CASE_AFTER.match(sentence, end)
    ):
        # 钟某等3名务工人员: the parties of a story told, no count of work (黄某等4人…团伙案 counts
        # the people of a case the unit handled)
        return True
    if sentence.endswith("一行", 0, start):
        return True  # 书记一行15人: the size of a visiting party, no quantity of work
    if (
        unit in _TIME_UNITS
        and after == "内"
        and not _LIMIT_BEFORE.search(sentence, max(0, start - 3), start)
        and not sentence.endswith(_MEASURED_TIME, 0, start)
        and not _RATE_WITHIN.match(sentence, end + 1)
    ):
        # 15分钟内上门, 3天内办结: a time limit a rule sets, no quantity measured (24小时内回访率
        # 达97%: the limit defines a rate, and is kept with it)
        return True
    if "承诺" in sentence and _PLEDGE.search(sentence, _comma_clause_start(sentence, start), start):
        return True  # 承诺100%办到位、100%管到底: a figure pledged, no result of work
    if unit in ("天", "小时", "分钟") and sentence.endswith(("为期", "历时", "历经"), 0, start):
        return True  # 为期10天的整治, 历时3天: how long an event ran, no quantity of work
    if unit in _TIME_UNITS and (
        _COMPOUND_TIME_NEXT.match(sentence, end)
        or _COMPOUND_TIME_BEFORE.search(sentence, max(0, start - 5), start)
    ):
        return True  # 3小时20分钟的直播, 1年2个月: one span in two parts, how long an event ran
    if (
        unit == "人"
        and _MEETING_AFTER.match(sentence, end)
        and _CONVENED_BEFORE.search(sentence, max(0, start - 8), start)
    ):
        return True  # 召开全县3000人大会: the size that names a meeting, no quantity of work
    if unit in ("个", "") and sentence.startswith("方面", end):
        return True  # 主要有四个方面原因, 从6个方面制定标准: the headings of an account, no count of work
    in_words = not sentence[start].isdigit()
    if unit in ("个", "项", "") and in_words and sentence.startswith(_ACCOUNT_PARTS, end):
        return True  # 采取三项措施, 分三个阶段推进: how the account or the plan is laid out, no count of work
    if _KIN_BEFORE.search(sentence, 0, start) and _KIN_COUNT.match(sentence, start):
        return True  # 夫妇二人, 兄弟两人: how many the people just named are, no count of work
    if _THE_TWO.match(sentence, start) and (start == 0 or sentence[start - 1] in _THE_TWO_BEFORE):
        return True  # 二人最终和解, 将两人请到调解室: "the two", a story's parties, no count of work
    return _inside_quotes(sentence, start) or _in_speech(sentence, start)


# “3”是指, “1”指: a quoted term of a formula being glossed, right before the number.
_TERM_GLOSS_BEFORE = re.compile(r"[“\"][0-9NnXx一二三四五六七八九十]{1,3}[”\"](?:是指|指的是|指|代表|即)$")
# 未发生/杜绝…一起死亡3人以上的事故: a count that defines an event said not to have happened.
_NEGATED_EVENT = re.compile(r"(?:未|没有|杜绝|无)发生[^，,。；;]{0,12}$")
_THRESHOLD_AFTER = re.compile(r"(?:以上|及以上)?的")
# A verb of work opening a label, with its aspect 了 (打掉了以X为首的…): kept before the noun.
_LEADING_WORK_VERB = re.compile(r"^(?:打掉|摧毁|打击|打处|侦破|破获|抓获|铲除)(?=了?)")
# What a count of 个 measures when it is a stretch of time (4个月, 两个多月, 三个半小时).
_SPANS = ("月", "工作日", "小时", "多月", "半月", "多小时", "半小时")
_TIME_UNITS = frozenset({"分钟", "小时", "天", "日", "个工作日", "工作日", "个月", "周"})
# The smaller part of a span written in two parts (…小时…分钟), or the larger part before it.
_COMPOUND_TIME_NEXT = re.compile(r"[0-9一二两三四五六七八九十]{1,3}(?:分钟|秒|小时|个月|天)(?![0-9])")
_COMPOUND_TIME_BEFORE = re.compile(r"(?<![0-9])[0-9一二两三四五六七八九十]{1,2}(?:小时|天|年|个月)$")
_CONVENED_BEFORE = re.compile(r"(?:召开|举行|举办)了?(?:全[省市州县区盟旗])?$")
_MEETING_AFTER = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:大会|会议)")
_SPAN_OF = re.compile(
    r"^.*?[0-9一二两三四五六七八九十]{1,3}(?:小时|天|年|个月)[0-9一二两三四五六七八九十]{1,3}(?:分钟|秒|小时|天|个月)的"
)
_PER_AREA = ("每平方公里", "每平方千米", "每平方米")
# Parts an account or a plan is laid out in: counted in words (三项措施, 三个阶段), they number its
# headings; a count in digits (出台措施12条) is kept as the output of work.
_ACCOUNT_PARTS = ("措施", "举措", "阶段", "步骤")
_RATE_WITHIN = re.compile(r"[^，,。；;：:、]{0,8}率")
_MEASURED_TIME = ("平均", "均")  # 平均30分钟内到场: an average, measured
# A service pledge before a figure in its clause (承诺100%办到位): the figure is promised, not
# reached. 确保 stays: gold keeps the staffing a plan ensures (确保…不少于15人的巡逻队伍).
_PLEDGE = re.compile(r"承诺")
_SIMILE = re.compile(r"(?:犹如|宛如|好似|好比|恰似|如同|仿佛)[约近]?$")
# A kinship or pairing noun and the number of its members in words right after it (夫妇二人,
# 兄弟两人, 母子三人, 双方两人): an appositive telling who the story's people are.
_KIN_BEFORE = re.compile(
    r"(?:夫妇|夫妻|兄弟|姐妹|兄妹|姐弟|父子|父女|母子|母女|婆媳|妯娌|叔侄|祖孙|师徒|双方)$"
)
_KIN_COUNT = re.compile(r"[二两三四五](?:个人|人|口)")
_THE_TWO = re.compile(r"[两二](?:个人|人|位)|[两二]家(?=[因都也已终最就在互的各握])")
# Where "the two" stands as a noun phrase: the clause's head, or after a preposition, a 的-less
# disposal word or a verb in progress (拉着两人); a count after a noun or verb (抓获嫌疑人两人)
# stays a quantity.
_THE_TWO_BEFORE = "，,；;：:。将把让使对给与和跟同令叫请这那着"


# A count whose noun is joined to the next part by + (1名网格员+1名民警) spells out a formula.
_FORMULA_PART = re.compile(r"[\u4e00-\u9fff]{1,8}[+＋]")
# 三所联动, 三所(庭)联动, 四员合一: bodies or posts counted in numeral words and then working as one
# (an optional bracketed other kind between) are the name of a mechanism, not a count of them.
_JOINT_WORK_AFTER = re.compile(
    r"(?:[（(][\u4e00-\u9fff]{1,2}[)）])?(?:联动|联调|联处|联防|联创|联建|联治|互动|合一|一体|协同|融合)"
)
# A whole day or year of service (24小时, 二十四小时, 365天) qualifying the noun or verb after it;
# a time limit (24小时内, 缩短至24小时) stays a quantity.
_ROUND_THE_CLOCK = re.compile(r"(?:24|二十四)小时|365天")
_LIMIT_BEFORE = re.compile(r"(?:至|到|为|在|用|达|于)$")
# A count of people right before a rate noun is the rate's base (十万人发案率, 万人起诉率).
_RATE_AFTER = re.compile(r"口?[\u4e00-\u9fff]{0,6}?率")
# Exchange rates: the 元 of a currency's price is no amount spent or recovered.
_EXCHANGE = re.compile(r"汇率|兑换?人民币|人民币兑|[美欧日港澳台]元兑")


def _is_cjk_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _clause_start(sentence: str, pos: int) -> int:
    return max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, pos)), default=0)


def _comma_clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts, a 、-list being one clause."""
    return max((b.end() for b in _COMMA_CLAUSE.finditer(sentence, 0, pos)), default=0)


# The longest first item a 、-list label keeps (行业性、专业性…, 收集群众意见、建议…); a longer one
# still holds its clause's subject or verb (连南目前共有专、兼职…) and the list is not taken whole.
_FIRST_ITEM = 6
# 调解员、网格员各60名: a distributive word before the count counts each item, not the list
_EACH = re.compile(r"(?:各|分别|均|都|每)$")


def _whole_list(sentence: str, clause_start: int, start: int, floor: int) -> str:
    """The noun of the 、-list ending at ``start``: its items back to the first one that holds a
    number or crosses ``floor`` (the end of the count before), read as one noun phrase."""
    first = clause_start
    while first > floor and sentence[first - 1] == "、":
        before = _clause_start(sentence, first - 1)
        if before < floor or any(ch.isdigit() for ch in sentence[before : first - 1]):
            break
        first = before
    return _noun(sentence[first:start]) if first < clause_start else ""


def _inside_quotes(sentence: str, pos: int) -> bool:
    """True when ``pos`` sits inside a short “…”, 《…》, 「…」 or 『…』 span, i.e. inside a name."""
    for opener, closer in (("“", "”"), ("《", "》"), ('"', '"'), ("「", "」"), ("『", "』")):
        left = sentence.rfind(opener, 0, pos)
        if left < 0:
            continue
        if opener == closer:
            if sentence.count(opener, 0, pos) % 2 == 0:
                continue
        elif sentence.rfind(closer, 0, pos) > left:
            continue
        right = sentence.find(closer, pos)
        if right >= 0 and right - left <= 24:
            return True
    return False


def _in_speech(sentence: str, pos: int) -> bool:
    """Whether ``pos`` sits in quoted speech: inside a “…” too long for a name, or one left open
    at the sentence's end (“今年我们调解了80件。), or closed with no opener (the speech running
    on from the sentence before). What a speaker says is no figure the report states."""
    left = sentence.rfind("“", 0, pos)
    right = sentence.find("”", pos)
    if left >= 0 and sentence.rfind("”", 0, pos) < left:
        return right < 0 or right - left > 24
    return left < 0 and right >= 0 and sentence.rfind("”", 0, pos) < 0 and "“" not in sentence[pos:right]


def _value(num: str) -> float | None:
    if num[0].isdigit():
        return float(num.replace(",", ""))
    try:
        return float(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


# An aside in brackets opening with one of these relates its figure to the noun before the bracket.
_ASIDE_OF_OUTER = ("占", "含", "包括", "包含")


# A space between two Chinese words: Chinese prose runs on without spaces, so a headline sets its
# phrases apart with one, and the count belongs to the phrase after it.
_PHRASE_GAP = re.compile(r"(?<=[\u4e00-\u9fff”」》])[ \u3000]+(?=[\u4e00-\u9fff])")


_WEIGHTS = frozenset({"千克", "公斤", "克", "吨", "斤"})
# A count of pieces (12包, 85块) right before a weight: the goods counted, then weighed.
_PIECES_BEFORE = re.compile(r"[0-9]+[余多]?[包块袋粒颗瓶支件箱捆]$")


def _last_gap(text: str) -> int | None:
    """Where the last phrase after a space between Chinese words starts in ``text``, if any."""
    last = None
    for gap in _PHRASE_GAP.finditer(text):
        last = gap.end()
    return last


def _label(
    sentence: str, start: int, end: int, floor: int, previous: str, unit: str
) -> tuple[str, str | None]:
    """The indicator as a noun phrase, and the signed change when the number states one."""
    clause_start = _clause_start(sentence, start)
    before = sentence[max(clause_start, floor) : start]
    opened = max(before.rfind("("), before.rfind("（"))
    if opened > max(before.rfind(")"), before.rfind("）")) and not before.startswith(
        _ASIDE_OF_OUTER, opened + 1
    ):
        # 组建调委会16个(企业调委会1个): a count inside a parenthesis is labelled from inside it; a
        # share or a part (占全省总数的40%, 含兼职380名) is of the noun outside, named before it
        before = before[opened + 1 :]
    if (gap := _last_gap(before)) is not None and is_noun_label(_noun(before[gap:])):
        before = before[gap:]  # 援助暖人心 挽回损失500万元: a headline's phrases are set apart by a space
    if unit in _WEIGHTS:
        before = _PIECES_BEFORE.sub("", before)  # 缴获毒品12包3.5千克: the weight of the pieces just counted
    before = _RANGE_OPEN.sub("", before)  # 200至400户: the range's first number is no part of the label
    before = _ASPECTS.sub("", before)  # 细化8个方面41项任务: the aspects group the count, the noun follows
    before = _KINDS_COUNTED.sub("", before)  # 摸排矛盾问题七大类42件: how many kinds, then how many in all
    if (where := _WHERE_BEFORE.search(before)) and where.start() > 0:
        before = before[: where.start()]  # 走访辖区内12家企业: where the things counted are, no noun
    before = _SPAN_OF.sub("", before)  # 3小时20分钟的直播吸引5万人次: how long the event ran describes it
    wide = (
        _comma_clause_start(sentence, start) if _TO_WORD.search(sentence, 0, clause_start) else clause_start
    )
    to = _TO_RECIPIENT.match(sentence[wide:start]) if wide < clause_start else None
    if to is not None and wide + to.end() >= clause_start:
        # 向超市、商店、旅馆发放宣传单4000份: the recipients listed after 向 end at the verb of giving
        before = sentence[max(wide + to.end(), floor) : start]
    if unit in _CHANGE_UNITS and before.endswith("在"):
        # 调解成功率在98%以上: 在 says where a rate stands, the rate is named before it (no noun
        # after a percentage is what it counts)
        before = before[:-1]
    change = None
    moved = _CHANGE.search(before) if unit in _CHANGE_UNITS else None
    if moved is None and unit not in _CHANGE_UNITS:
        # 比去年同期减少17件: a count after an explicit comparison is a change too
        compared = _CHANGE.search(before)
        if compared is not None and _COMPARED.match(compared.group()):
            moved = compared
    if moved:
        sign = "-" if moved.group("verb") in _DOWN else "+"
        change = f"{sign}{sentence[start:end].lstrip('约近逾超过')}"
        aspect = _ASPECT_CHANGED.search(moved.group())
        before = before[: moved.start()]
        own = _noun(before)
        if own.endswith(_AVERAGE_RATE) and is_noun_label(own[:-2]):
            own = own[:-2]  # 纠纷年均下降12%: how the change is averaged, no part of what changed
        if own and aspect and is_noun_label(own + aspect.group("aspect")):
            return own + aspect.group("aspect"), change  # 盗窃案件与上年相比立案下降6.1%: 盗窃案件立案
        if own:
            return own, change
        if based := _basis_subject(sentence, clause_start):
            return based, change
        return previous or _noun(sentence[clause_start:start]) or "", change
    if previous and floor > clause_start and not before.strip() and unit.startswith(("人", "名")):
        return previous, None  # 审结刑事案件169件257人: the people of the cases just counted
    if previous and floor > clause_start and not before.strip() and unit.endswith("元"):
        return previous, None  # 司法救助5人55.2万元: the money of the work just counted
    if previous and floor > clause_start and _TO_VALUE.fullmatch(before.strip()):
        return previous, None  # 从年均5起下降到3起: the new value of the count just before
    if (
        previous
        and floor > clause_start
        and before.startswith(previous)
        and sentence.endswith(previous, 0, floor + len(previous))
        and (rest := _LEAD_COUNT_WORDS.sub("", before[len(previous) :]))
        and (_MAKE_VERB.match(rest) or _WORK_VERB_START.match(rest))
        and is_noun_label(_noun(before[len(previous) :]))
    ):
        # 576个村建立网格3771个: the noun after the last count is that count's (村), and a verb of
        # setting up or work opens this count's own label (3万件案件平均用时 keeps its 案件)
        before = before[len(previous) :]
    label = _noun(before)
    if label and _BY_MEANS.match(before) and (at := _work_starts(label)) >= 2 and is_noun_label(label[at:]):
        # 通过“X”系统找回物品50次: the means is how, the work after it is what was counted
        label = label[at:]
    if label and (made := _made_to_do(label)):
        label = made  # 法院推动党委政法委出台机制15项: the work counted is what the other body did
    levels = clause_start > 0 and sentence[clause_start - 1] == "、" and bool(_LEVEL_LISTED.match(label))
    if levels:
        label = label[1:]  # 建成市、县、乡三级调解中心40个: the last level of the list opens the clause
    if label.endswith("连续"):  # 某镇已连续: who kept the streak opens the clause
        return _streak(sentence, end), None
    if label and unit not in _CHANGE_UNITS and _CHARGE_VERB_END.search(label):
        # 负责5栋楼的…, 用好三支队伍: a verb of charge or use before the count is no indicator by
        # itself; what is in charge or used follows the count, up to its 的 (负责楼, 用好队伍)
        tail = re.split(r"的|\s", _tail(sentence, end))[0]
        return (label + tail if tail else ""), None
    if label and unit not in _CHANGE_UNITS and _WORK_VERB_END.search(label):
        # 破获32起电诈案件, 化解300起纠纷: a verb of work before the count, its object after it;
        # the label is the work done to what was counted (破获电诈案件)
        tail = _tail(sentence, end)
        if tail and tail not in _ONE_CHAR_NOUNS:
            return label + tail, None
        if (
            previous
            and _WORK_VERB_START.fullmatch(_DONE_HOW.sub("", label))
            and _JUST_A_BREAK.fullmatch(sentence[floor:clause_start])
            and unit
            and sentence.endswith(unit, 0, floor)
        ):
            # 排查矛盾纠纷300件，化解290件: a bare verb of work right after a count of work done to
            # things of the same unit is done to the same things (化解矛盾纠纷)
            done_to = _done_to(previous)
            if done_to:
                return label + done_to, None
    # 18个乡镇159个行政村: the noun before is the last count's; this count's noun follows it.
    # 公安、人社、司法3个部门: after the last item of a 、 list the count names the list by the
    # noun after its measure word; a percentage has no such noun (…、结案率100%) and keeps its own
    # 年均纠纷超500起的压力: a count joined by 的 to the noun after it is what that noun is measured
    # by, so the list's noun is not there
    listed = (
        clause_start > 0
        and sentence[clause_start - 1] == "、"
        and unit not in ("%", "‰", "个百分点")
        and not sentence.startswith("的", end)
    )
    if (
        not label
        or _SCOPE_ONLY.fullmatch(label)  # 来自全国29家省级媒体: where from, the noun follows the count
        or _OWNER_ONLY.fullmatch(label)  # 朝阳分局23个派出所, 线上线下5万名群众: whose or where only
        or _OBJECT_AFTER.search(before.strip())
        # 动员全市400家派出所: the whole territory after the verb is where the things counted are
        or _OBJECT_AFTER.search(_TERRITORY_END.sub("", before.strip()))
        or (label == previous and floor > clause_start)
        or listed
    ):
        tail = _tail(sentence, end)
        if tail and before.rstrip().endswith("新增"):
            # 农村新增3100路监控: what was added, and where, as 新增调解组织30个 keeps 新增
            return f"{_noun(before.rstrip()[:-2])}新增{tail}", None
        if tail:
            return _with_role(sentence, end, tail, unit), None
        if listed and (one := _quoted_list_noun(sentence, start, end)):
            return one, None
    verb = _verb_before_list(sentence, clause_start) if listed and label and "等" in before else ""
    if verb and not _WORK_VERB_START.match(label):
        return verb + label, None  # 化解货款、商标等纠纷120余起: the work done to the kinds listed
    if listed and label and not levels and not _EACH.search(before.strip()):
        # 行业性、专业性调解委员会54个, 收集意见、建议和诉求300条: with no noun after the count, the
        # 、-list before it, none of whose items holds a count of its own, is the counted noun whole
        whole = _whole_list(sentence, clause_start, start, floor)
        if whole.endswith(label) and len(whole) > len(label) and 0 < whole.find("、") <= _FIRST_ITEM:
            return whole, None
    if label.endswith("的") and not label.endswith(_DE_NOUNS):
        # 受理的225起纠纷: the words before the count modify the noun after it, which is counted;
        # 把小区里的30栋楼: a place's inside (里, 内, 中) before 的 says only where they are
        tail = _tail(sentence, end)
        label = tail if tail and label.endswith(_WHERE_IN) else label[:-1] + tail
    if label:
        return label, None
    if floor > clause_start:
        run = sentence[clause_start:start]
        label = _noun(_PIECES_BEFORE.sub("", run) if unit in _WEIGHTS else run)
        if label:
            return label, None
    if previous and _BARE_SHARE.fullmatch(before.strip()):
        return previous + "占比", None  # 其中婚姻纠纷500件,占41.6%: the share the count before has
    if before.rstrip().endswith("等"):
        listed_label = _listed_items(sentence, start)
        if listed_label:
            return listed_label, None
    # nothing of its own in this clause (…最高,达99.7%): the noun of the clause before it
    if clause_start > 0 and sentence[clause_start - 1] in ",，" and _JUST_VERB.fullmatch(before.strip()):
        prev = sentence[_clause_start(sentence, clause_start - 1) : clause_start - 1]
        if not re.search(r"\d", prev):
            return _noun(prev), None
    listed_on = clause_start > 0 and sentence[clause_start - 1] in "、，,"
    if previous and listed_on and _SCOPE_IS.fullmatch(before.strip()):
        return previous, None  # 安全感全国为92%、全省为96%: each scope's value of the same indicator
    return "", None


_ONE_CHAR_CLOSING = re.compile(r"[\u4e00-\u9fff](?=[，,。；;：:！!？?\n]|$)")
_NOT_ONE_CHAR_NOUN = frozenset("的了是在等和及与也都均又")


def _quoted_list_noun(sentence: str, start: int, end: int) -> str:
    """“组织、服务、网格”三张网: a count right after a quoted 、-list names the whole by the
    one-character noun that closes the clause after its measure word."""
    if not sentence.endswith("”", 0, start):
        return ""
    one = _ONE_CHAR_CLOSING.match(sentence, end)
    if one is None or one.group() in _NOT_ONE_CHAR_NOUN:
        return ""
    return one.group()


# 刑事警情在去年降幅第一的基础上，今年同比再降12%: the clause before names what changed, then an
# adverbial of the level it starts from.
_ON_BASIS = re.compile(r"(?P<subject>[^，,。；;：:]{2,20}?)在[^，,。；;：:]{1,40}?基础上")


def _basis_subject(sentence: str, clause_start: int) -> str:
    """The noun opening the clause just before ``clause_start`` when that clause is 'X在…基础上'."""
    if clause_start < 2 or sentence[clause_start - 1] not in ",，":
        return ""
    prev = sentence[_clause_start(sentence, clause_start - 1) : clause_start - 1].strip()
    m = _ON_BASIS.fullmatch(prev)
    return _noun(m.group("subject")) if m else ""


# A count of people or units followed by their honour (11名干警获…表彰, 3个村被评为…示范村).
_HONOURED_UNITS = frozenset({"名", "人", "位", "个", "家", "支", "个单位", "人次", "次"})
_HONOURED = re.compile(
    r"[^，,。；;：:\d]{0,12}?(?:(?:荣获|获评|获得|获|被评为|被授予|受到|被命名为|入选)"
    r"[^，,。；;\d]{0,20}?(?:表彰|荣誉|称号|嘉奖|奖励|表扬|先进|模范|标兵|示范)"
    # 连续13次折桂“X”, 3次蝉联: a trophy or a title kept, whatever it is called
    r"|折桂|蝉联|夺得|捧得)"
)
# 3个集体、5名个人受到表彰, 5个县市20个乡镇获…命名: the counts listed before the honour share it.
_MORE_HONOURED = re.compile(
    r"(?:[^，,。；;：:\d、和及]{1,6}?[、和及]?(?:\d+|[一二两三四五六七八九十]+)(?:个|名|位|家|支|人))+"
)
# An opinion measure with no holder of its own (满意度, 安全感): the 群众 named earlier hold it.
_BARE_OPINION = re.compile(r"(?:安全感)?满意[度率]|安全感|知晓率|获得感|幸福感")
# A share with no subject of its own (,占41.6%): the count before it is the part.
_BARE_SHARE = re.compile(r"(?:约|分别|共)?占(?:比)?(?:为|达到?)?(?:约|近|逾)?")
_COMMA_CLAUSE = re.compile(r"[,，;；:：。!！?？\n]")


def _streak(sentence: str, end: int) -> str:
    """A run of days or years without a bad event (连续816天未发生命案): 连续 and what held."""
    after = _CLAUSE_BREAK.search(sentence, end)
    held = _trim(sentence[end : after.start() if after else len(sentence)].strip())
    return "连续" + held if held and is_noun_label("连续" + held) else ""


def _listed_items(sentence: str, start: int) -> str:
    """The items of an 等-list counted by the number at ``start`` (培训网格员、调解骨干等400人次)."""
    left = max((b.end() for b in _COMMA_CLAUSE.finditer(sentence, 0, start)), default=0)
    return _noun(sentence[left:start].rstrip().removesuffix("等"))


# 全省为, 剑河县为: a scope and its value, in a list of one indicator's values by place.
_SCOPE_IS = re.compile(
    r"(?:全国|全省|全市|全州|全县|全区|[\u4e00-\u9fff]{1,6}?[省市州县区旗])(?:为|是|达到?)"
)
# 群众安全感全国为…: the scope closing the label is where the figure holds, no part of the indicator.
_SCOPE_END = re.compile(r"(?:全国|全省|全市|全州|全县|全区|全盟|全旗)$")
# 各类纠纷中婚姻纠纷占比: the whole a share is taken of, before the part.
_SHARE_OF_WHOLE = re.compile(r"^[\u4e00-\u9fff]{2,8}中(?=[\u4e00-\u9fff]{2,10}(?:占比|比例|比重)$)")
# 平均每年/每年平均: the long form of 年均 (and 月均 …), which labels keep.
_AVERAGE_PER = re.compile(r"平均每(?P<per>[年月日天])|每(?P<per2>[年月日天])平均")


def _per_unit(m: re.Match[str]) -> str:
    per = m.group("per") or m.group("per2")
    return ("日" if per == "天" else per) + "均"


# 仅今年就…, 光是上半年就…, 就…: a focus on how soon or how much before the work done; 就业, 就医,
# 就近, 就地 are words of their own.
_FOCUS_JIU = re.compile(
    r"^(?:仅仅|仅|光是|光|单是|单|只是|只)?(?:今年|去年|当年|全年|上半年|下半年|[一二三四]季度|\d{1,2}月份?|一年|半年)?"
    r"就(?![业医学近地诊餐读职任座位绪])"
)
# 以张某为首的涉恶团伙: who led the gang is no part of what was counted (the list of leaders
# may be cut at its 、 too: 王某为首的…).
_LED_BY = re.compile(r"^[^，,。；;]*?为首的")


_ABBREVIATION = re.compile(r"[(（](?:以下)?简称[^()（）]{1,20}[)）]")
# 盗窃(前年数量最多的一类), 诈骗案件(占总数的四成): a bracket that describes the thing in a 的-phrase
# glosses it; a bracket of kinds (县(市、区)) is part of the noun and has no 的.
_DESCRIBING_BRACKET = re.compile(r"[(（][^()（）]{0,20}的[^()（）]{1,20}[)）]")
# 在警力紧张的情况下, 在人手不足的前提下: the circumstance of the figure, no part of what was counted.
_CIRCUMSTANCE = re.compile(r"在[^，,。；;在]{1,20}?的?(?:情况|背景|前提|条件|形势)下")


# 【民事审判】 opening a paragraph of a yearbook or report: the section's tag.
_HEADING_TAG = re.compile(r"^\s*【[^】]{1,12}】")
# 向X发放/发送/提供…: the recipients between 向 and a verb of giving are no part of the label.
_TO_RECIPIENT = re.compile(
    r"^(?:组织民警|民警|干警)?(?:共计?|累计)?向[^，,。；;0-9]{1,24}?(?=发放|发送|发出|提供|推送|赠送|捐赠|移送|报送|递交|反馈|派发)"
    # 对学校、医院、商场开展安全检查56次: what the work was done to is no part of the work counted
    r"|^(?:组织民警|民警|干警)?(?:共计?|累计)?(?:针对|对)(?![接比照象标])[^，,。；;0-9]{1,24}?(?=开展|进行|实施|组织开展)"
)
_TO_WORD = re.compile(r"向|对")
_A_CASE_AFTER = re.compile(r"[^，,。；;：:！!？?]*?案")
# 像X这样的 / 如X一样的 before the counted noun: an example of it.
_SUCH_AS = re.compile(r"^(?:像|如|同)[^，,。；;0-9]{1,12}?(?:这样|一样|那样)的")
# Words ending in 的 that are nouns, not the particle (结案标的4.12亿元).
_DE_NOUNS = ("标的",)
_WHERE_IN = ("里的", "内的", "中的")
# (辖区 alone says where as well: 走访辖区12家企业)
_WHERE_BEFORE = re.compile(r"(?:辖区内?|(?:境|域|区域|范围)内)$")


def _noun(text: str) -> str:
    """``text`` (what precedes a number) cut down to the noun phrase naming what was counted."""
    text = _HEADING_TAG.sub("", text)  # 【刑事审判】全年审结…: the section's tag, no part of the noun
    if (such := _SUCH_AS.match(text)) and is_noun_label(text[such.end() :]):
        text = text[such.end() :]  # 像老周这样的调解员: an example of the people counted, no part of them
    text = _trim(_ABBREVIATION.sub("", text).strip())  # …工作站(以下简称“X”): the short form goes
    if (plain := _CIRCUMSTANCE.sub("", _DESCRIBING_BRACKET.sub("", text))) != text and is_noun_label(plain):
        text = plain
    if (to := _TO_RECIPIENT.match(text)) and is_noun_label(text[to.end() :]):
        text = text[to.end() :]  # 向辖区企业推送提示: who received it, no part of what was sent
    text = _AVERAGE_PER.sub(_per_unit, text)  # 平均每年 -> 年均, as labels write it
    if (scope := _SCOPE_END.search(text)) and is_noun_label(text[: scope.start()]):
        text = text[: scope.start()]  # 群众安全感全国(为92%): where it holds, not what it measures
    if (focus := _FOCUS_JIU.match(text)) and is_noun_label(text[focus.end() :]):
        text = text[focus.end() :]  # 仅今年就调处纠纷: how soon or how much, no part of what was counted
    if "为首的" in text and is_noun_label(led := _LED_BY.sub("", text)):
        verb = _LEADING_WORK_VERB.match(text)
        text = (verb.group() if verb else "") + led  # 打掉了以X为首的团伙 -> 打掉团伙
    changed = True
    while changed and text:
        changed = False
        m = _NAMED_DOER.match(text)
        if m and m.group("adverb") and is_noun_label(text[m.end() :]):
            # “楼长”民警共走访群众: the named doer stays, as gold labels keep it (“楼长”民警走访群众户数);
            # the adverb goes
            text, changed = m.group("doer") + text[m.end() :], True
        m = _LEAD_WORDS.match(text)
        if m and len(text) > m.end():
            text, changed = text[m.end() :].removeprefix("的"), True  # 全镇的网格员
        m = _PLACE_PREFIX.match(text)
        if m and len(text) - m.end() >= 2 and text[m.start("place") : m.end("place")][-2:] not in _NOT_PLACES:
            text, changed = text[m.end() :].removeprefix("的"), True
        m = _STATION_PREFIX.match(text)
        if m and is_noun_label(text[m.end() :]):
            text, changed = text[m.end() :].removeprefix("的"), True
        m = _SUBJECT_IN_ALL.match(text)
        if m and is_noun_label(_trim(text[m.end() :])):
            text, changed = text[m.end() :], True  # 县公安局共破获…: who acted, then what they did in all
        m = _ACTOR_ALREADY.match(text) or _ACTOR_HAS.match(text)
        if m and is_noun_label(_trim(text[m.end() :])):
            text, changed = text[m.end() :], True  # the room acted; the disputes are counted
        m = _MAKE_VERB.match(text)
        if m and len(text) - m.end() >= 2:
            text, changed = text[m.end() :], True
        m = _FORMED_BY.match(text)
        if m and len(text) - m.end() >= 2:
            text, changed = text[m.end() :], True
        listed = _EXAMPLES.match(text)
        if listed and is_noun_label(text[listed.end() :]):
            text, changed = text[listed.end() :], True
        ranked = _RANKING.search(text)
        if ranked and ranked.start() >= 2:
            text, changed = text[: ranked.start()], True
        text = _trim(text)
        for end_word in _TRAIL_ADVERBS:
            if text.endswith(end_word) and len(text) > len(end_word) and not _PER_UNIT.search(text):
                text, changed = text[: -len(end_word)], True
    text = _balance(_without_kinds(_FROM.sub("", text)))
    if (whole := _SHARE_OF_WHOLE.match(text)) and is_noun_label(text[whole.end() :]):
        text = text[whole.end() :]  # 各类纠纷中婚姻纠纷占比: the share is the part's; the whole is its base
    undated = _YEAR_INSIDE.sub("", text)
    if undated != text and is_noun_label(undated):
        text = undated  # 综治中心2023年接待来访: the year dates the figure, it is no part of what was counted
    return text if is_noun_label(text) else ""


# 从/由 opening the start value of a change (矛盾纠纷从年均5起下降到3起): no part of the noun.
_FROM = re.compile(
    r"[从由](?:(?=[年月日人户]均$)|(?:上年|去年|上一年|前年|年初|(?:19|20)\d{2}年(?:底|初)?)?(?:同期)?的?$)"
)
# 下降到3起 after 从5起: the new value of the quantity just counted.
_TO_VALUE = re.compile(
    r"(?:(?:下降|上升|减少|增加|增长|提高|降低|提升|压降|压减)(?:到|至)|[降升增减]至|[降升]到)(?:目前|现在|今年)?的?"
)
# Verbs of work done to what a count counts (破获, 化解, 走访 …): with the noun after the count they
# name the indicator (破获32起案件 -> 破获案件), as 破获案件32起 does.
_WORK_VERB_END = re.compile(
    r"(?:化解|调处|调解|破获|侦破|抓获|打掉|排查|摸排|受理|办理|审结|执结|办结|查处|处置|整改|解决|"
    r"救助|接待|培训|走访|发放|挽回|追回|收缴|查获|核查|帮扶|上报|报送|收到|接到|"
    # 发生3起事件, 避免12批上访: what happened or was prevented is named after the count
    r"发生|避免)$"
)
# A means opening the clause (通过, 借助, 利用, 运用): the work counted follows it.
_BY_MEANS = re.compile(r"^\s*(?:通过|借助|利用|运用|依托)")
_WORK_IN = re.compile(_WORK_VERB_END.pattern.rstrip("$").replace("(?:", "(?:找回|协助|", 1))


# A verb of causing another body to act (推动, 督促, 指导 …), its object (that body), then the verb of
# the work counted: the label is that work, neither the body that urged it nor the one urged.
# Helping or leading people (帮助群众解决问题) is the unit's own work, and keeps its verb.
_CAUSE = re.compile(r"推动|督促|指导|促成|协调")
_DONE_BY_OTHER = re.compile(
    _WORK_IN.pattern + r"|建立|建成|出台|制定|设立|成立|组建|开展|完善|健全|签订|配备|打造|修订|落实"
)


def _made_to_do(label: str) -> str:
    """The work in ``label`` after a verb of causing and its object, or '' (推动乡镇出台机制 -> 出台机制)."""
    causes = list(_CAUSE.finditer(label))
    if not causes:
        return ""
    cause = causes[-1]
    done = _DONE_BY_OTHER.search(label, cause.end() + 2)
    if done is None or not _ACTOR_OBJECT.fullmatch(label[cause.end() : done.start()]):
        return ""
    work = label[done.start() :]
    return work if len(work) > len(done.group()) and is_noun_label(work) else ""


# The body made to act: an agency, a level of units or a role (党委政法委, 各乡镇, 行政机关, 相关部门).
_ACTOR_OBJECT = re.compile(
    r"[\u4e00-\u9fff]{0,8}(?:委|局|院|厅|办|所|部门|机关|单位|政府|乡镇|街道|社区|村|镇|乡|站|队)"
)


def _work_starts(label: str) -> int:
    """Where the last run of work verbs in ``label`` starts (协助破获案件 -> 0), or -1."""
    at, end = -1, -1
    for m in _WORK_IN.finditer(label):
        at = at if m.start() == end else m.start()
        end = m.end()
    return at


_CHARGE_VERB_END = re.compile(r"(?:负责|分管|包保|[用管抓]好|用活)$")
_SCOPE_ONLY = re.compile(r"来自(?:全[国省市州县区盟旗])?|全[国省市州县区盟旗]")
_TERRITORY_END = re.compile(r"全[国省市州县区盟旗镇乡]$")
# A label that names only the owner of what is counted (an agency, or a unit of 区划 of its own
# level word) or the channel or tiers it is spread over: the noun after the count is what is counted.
# (社区, 小区, 辖区 … end in 区 and are counted nouns themselves; so are 乡镇 and 城镇; 全镇 after a
# verb, 踏遍全镇, is a scope.)
_OWNER_ONLY = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:分局|公安局|司法局|法院|检察院|政法委|(?<![社小园景辖城校片库牧山矿林营全])区"
    r"|(?<![乡城全])镇|(?<!全)[县旗]|街道)"
    r"|线上线下|[省市县区乡镇村]{2,4}[两二三四五]级"
)
_WORK_VERB_START = re.compile(_WORK_VERB_END.pattern.rstrip("$").replace("(?:", "^(?:", 1))
_LIST_OPEN = re.compile(r"[，,。；;：:！!？?\n]")


# 683名律师担任村(社区)法律顾问, 3.1万路视频监控接入“X”系统: people counted by the post they take,
# or things by the system they are joined to, named as gold names them (担任村(社区)法律顾问的律师,
# 接入“X”系统的视频监控).
_PEOPLE_UNITS = frozenset({"名", "人", "位"})
_TAKES_ROLE = re.compile(r"\s*(?P<verb>担任|兼任)(?P<role>[^，,。；;、“”]{2,14})")
_JOINED_TO = re.compile(
    r"\s*(?P<verb>接入)(?P<role>[^，,。；;、]{2,20}?(?:系统|平台|网络|网|中心))(?=[，,。；;]|$)"
)


def _with_role(sentence: str, end: int, tail: str, unit: str) -> str:
    """``tail`` (what a count counted, after it) with the post its people take or the system its
    things are joined to right after it, if any."""
    if unit in _PEOPLE_UNITS and tail.startswith("为") and is_noun_label(_QUOTE_MARKS.sub("", tail[1:])):
        return tail[1:]  # 吸纳近200人为“平安义警”: the people counted are made what follows 为
    at = sentence.find(tail, end)
    if not 0 <= at <= end + 4:
        return tail
    after = at + len(tail)
    held = _SHARE_HOLDS.match(sentence, at) if unit == "%" and sentence.startswith("的", end) else None
    if held and is_noun_label(held.group("noun")):
        return f"{held.group()}比例"  # 有90%的居民认为出行安全: the share of the people holding the view
    if unit == "%" and sentence.startswith("的", end) and (done := _SHARE_DONE.match(sentence, at)):
        # 九成以上的纠纷在村里就地化解: the share of the things that the work after them settled
        noun = done.group("noun")
        if is_noun_label(noun):
            return f"{noun}{done.group('how') or ''}{done.group('verb')}比例"
    role = _TAKES_ROLE.match(sentence, after) if unit in _PEOPLE_UNITS else _JOINED_TO.match(sentence, after)
    if role is None or not is_noun_label(_QUOTE_MARKS.sub("", role.group("role"))):
        return tail
    return f"{role.group('verb')}{role.group('role')}的{tail}"


_QUOTE_MARKS = re.compile(r"[“”\"]")
# After a share's noun, where and how it was settled: (在村里)(就地)化解, (被)及时解决.
_SHARE_DONE = re.compile(
    # 95%的纠纷实现就地化解, 得到妥善解决: 实现 and 得到 lead on to the work, no part of it
    r"(?P<noun>[^，,。；;：:、\d]{2,10}?)(?:在[^，,。；;：:、]{1,8}?|被|都|均|已经?)?(?:实现|得到)?"
    r"(?P<how>就地|就近|当场|当天|及时|有效|成功|依法|妥善)?"
    # 100%的纠纷调解成功率, 调解员, 调解室: a rate or a noun, no work done to a share
    r"(?P<verb>化解|解决|调解|调处|办结|处置|整改|受理)(?!率|成功|员|室|组|中心|委员会|工作)"
)


# After a share's people, the view they hold (认为治安好转, 对调解结果满意): a survey's finding.
_SHARE_HOLDS = re.compile(
    r"(?P<noun>[^，,。；;：:、\d“”]{2,8}?)"
    r"(?:(?:认为|觉得|感到|表示)[^，,。；;：:、\d]{1,12}|对[^，,。；;：:、\d]{1,12}?(?:满意|认可|支持))"
)
_JUST_A_BREAK = re.compile(r"\s*[，,；;、]\s*")
# 成功化解, 已办结, 有效化解: how or whether the work got done, before its verb
_DONE_HOW = re.compile(r"^(?:成功|已经?|有效|妥善)")


def _done_to(label: str) -> str:
    """What a label of work names as done to (排查化解矛盾纠纷 -> 矛盾纠纷), or "" when it opens with
    no verb of work."""
    rest = label
    while (verb := _WORK_VERB_START.match(rest)) is not None:
        rest = rest[verb.end() :]
    return rest if rest != label and is_noun_label(rest) else ""


def _verb_before_list(sentence: str, clause_start: int) -> str:
    """The verb of work right before the first item of the 、-list that ends at ``clause_start``."""
    left = max((m.end() for m in _LIST_OPEN.finditer(sentence, 0, clause_start)), default=0)
    first = sentence.find("、", left, clause_start)
    head = sentence[left:first] if first > 0 else ""
    m = re.search(r"(?P<verb>" + _WORK_VERB_END.pattern.rstrip("$") + r")了?[\u4e00-\u9fff]{1,6}$", head)
    return m.group("verb") if m else ""


# 村三级综治中心 after 县、乡、: a level closing a list of levels, then how many levels there are.
_LEVEL_LISTED = re.compile(r"^[省市州盟县区旗乡镇街村社组户][一二两三四五六七八九十]级")
# 年均, 人均, 户均: 均 closing a label is "per", part of what was counted, not the adverb "all".
_PER_UNIT = re.compile(r"[年月日人户村所]均$")
# 取得新突破: 突破 as the noun "breakthrough", not the verb "exceed" (关注量突破12万).
_NEW_BREAKTHROUGH = re.compile(r"(?:[新大]|取得|实现)突破$")
_YEAR_INSIDE = re.compile(r"(?:自|从|截至)?(?:19|20)\d{2}年(?:度|以来|全年|底|初)?")


def _without_kinds(text: str) -> str:
    """Drop 各类/各种 inside a label (排查各类矛盾纠纷 -> 排查矛盾纠纷): a word of quantity, not of
    what was counted."""
    for word in _KINDS:
        cut = text.replace(word, "")
        if cut != text and is_noun_label(cut):
            text = cut
    return text


# The head of a noun of people, posts or groups after a quoted modifier (“双语”普法骨干, “红袖标”巡逻队,
# “X”法律服务微信群).
_COUNTED_HEAD = re.compile(
    r"^[\u4e00-\u9fff]{1,8}(?:员|骨干|队|者|户|长|手|师|站|室|点|岗|组|人|中心|平台|群|队伍|"
    # 30个“德治先行”示范村居, 12个“红色物业”小区: a kind of unit or place after a quoted modifier
    r"村|村居|社区|小区|单位|家庭|学校|企业|项目)$"
)
# Nouns of one character that a measure word counts (个村, 个镇, 户, 所校): too short for
# is_noun_label, but whole names of what was counted when they stand alone after the measure.
_ONE_CHAR_NOUNS = frozenset("村镇乡户校县区旗")
# What a person is like, before 的 and the people counted (业务能力强的, 熟悉行规的, 懂双语的).
_QUALITY = re.compile(
    r"(?:能力|素质|水平|作风|经验|责任心)(?:较|很)?(?:[强高好硬优精实]|过硬|突出|丰富|扎实)$"
    r"|^(?:熟悉|精通|懂|擅长|具有|具备|热心)"
    # 91名佩戴红袖标的队员, 409处扎根乡野的法庭: what they wear or where they stand describes them
    r"|^(?:佩戴|身穿|身着|扎根|坚守|奋战|活跃|常驻|遍布|分布)"
    # 2名有丰富办案经验的检察官: what they have (有…经验) describes them too; 有关/有效 are no verb
    r"|^(?:拥有|有)(?![关效力序些的])"
)
# A locative closing the noun after a count (…纠纷中, …居民当中, …成功率背后): where, not what.
_AMONG_END = re.compile(r"(?:之中|当中|中|背后)$")
_JOINS_NEXT = re.compile(r"(?:以及|和|及|与|或)$")


_JOINS_NAMED = re.compile(r"(?:以及|和|及|与)(?=[“《\"])")
_NEXT_COUNT = re.compile(r"\d|(?<=[和及与])[一二两三四五六七八九十百千]+[个名位家支所处条项件起]")


_BRACKETED_KINDS = re.compile(
    r"[\u4e00-\u9fff]{1,6}[(（][\u4e00-\u9fff]{1,4}(?:、[\u4e00-\u9fff]{1,4})+[)）]"
)
_ALT_UNIT = re.compile(rf"[(（](?:{_UNIT_ALT})(?:次)?[)）]")


_SUCH = re.compile(r"^(?:像?这样|那样|这种|这类|此类)的?(?=[\u4e00-\u9fff“])")


def _tail(sentence: str, end: int) -> str:
    """The noun just after a number (建成便民服务中心14个 … ; 依托1万余名网格员), up to a verb or a break."""
    if alt := _ALT_UNIT.match(sentence, end):
        end = alt.end()  # 走访农户、排查商铺2150家（户）: the other unit the count is also in, no noun
    # 57个县(市、区), 630个村(社区): a bracket of other kinds of unit is part of the noun, its 、 no break
    alts = _BRACKETED_KINDS.match(sentence, end)
    after = _CLAUSE_BREAK.search(sentence, alts.end() if alts else end)
    stop = after.start() if after else len(sentence)
    # the next count, in digits or (after 和/及/与) in words: 248个行政村和两个移民区
    digit = _NEXT_COUNT.search(sentence[end:stop])
    tail = sentence[end : end + digit.start() if digit else stop].strip().removeprefix("的")
    tail = _SUCH.sub("", tail)  # 120多名这样的劝阻员: “such” points back, the noun after it is counted
    if digit:
        tail = _JOINS_NEXT.sub("", tail)  # 5名民警和5名辅警: the 和 joins the next count
    elif joined := _JOINS_NAMED.search(tail, 1):
        tail = tail[: joined.start()]  # 40个综治中心和“X”平台: the named item after 和 is not counted
    closer = {"“": "”", "《": "》"}.get(tail[:1])
    if closer and (close := tail.find(closer)) > 1:
        rest = tail[close + 1 :]
        verb = _TAIL_STOP.search(rest)
        head = rest[: verb.start()] if verb else rest
        # 86名“双语”普法骨干: a quoted modifier before the counted noun; 1900名“双语红袖标”穿行街巷:
        # the quoted name is what was counted
        tail = tail[: close + 1] + (head if _COUNTED_HEAD.search(head) else "")
    elif not tail.startswith(('"',)):
        verb = _TAIL_STOP.search(tail, 1)
        if verb:
            tail = tail[: verb.start()]
        if (done := _VERB_DONE.search(tail, 2)) is not None and (
            is_noun_label(tail[: done.start()]) or tail[: done.start()] in _ONE_CHAR_NOUNS
        ):
            tail = tail[: done.start()]  # 40个自然村张贴了海报: a verb closed by 了 opens the predicate
        said = tail.rfind("“") if tail.endswith("”") else -1
        if said >= 2 and tail[said - 1] != "的" and is_noun_label(tail[:said]):
            # 387名矫正对象“可防可控”: a quoted phrase closing the tail is said of them (佩戴红袖标的“银发
            # 队员”: after 的 the quoted words are the noun itself)
            tail = tail[:said]
        # 1724个网格的实时数据…: the number counts the noun before 的, not what 的 leads on to
        if (of := tail.find("的", 2)) > 0:
            head = tail[of + 1 :]
            # 4名作风过硬的民警, 7名精通彝语的调解员: a quality before 的 describes the noun after it
            tail = head if _QUALITY.search(tail[:of]) and is_noun_label(head) else tail[:of]
        elif tail[:1] in _ONE_CHAR_NOUNS and tail.startswith("的", 1):
            tail = tail[0]  # 4个村的牧场: a one-character noun before 的 is what was counted, as 网格的 is
    tail = _balance(_without_kinds(tail))
    among = _AMONG_END.search(tail)
    if among and is_noun_label(tail[: among.start()]):
        tail = tail[: among.start()]  # 2万余件矛盾纠纷中, 98.2%的调解成功率背后: among or behind them
    if tail in _ONE_CHAR_NOUNS:
        return tail  # 1472个村全部…: a one-character noun is what the measure word counts
    if not is_noun_label(tail):
        return ""
    if after is not None and after.group() == "、" and not digit and sentence[end:stop].strip() == tail:
        return _listed_on(sentence, stop, tail)
    return tail


def _listed_on(sentence: str, stop: int, tail: str) -> str:
    """28个平安建设、法治建设考核单位: a 、-list of nouns after the count, none with a count of its own,
    is the counted noun whole, up to where the last item's predicate starts; an item that opens
    with a verb (12个网格、配备网格员) or holds a number ends the list before it."""
    items = [tail]
    at = stop
    while sentence.startswith("、", at):
        nxt = _CLAUSE_BREAK.search(sentence, at + 1)
        close = nxt.start() if nxt else len(sentence)
        item = sentence[at + 1 : close].strip()
        if _NEXT_COUNT.search(item) or _MAKE_VERB.match(item) or _WORK_VERB_START.match(item):
            return tail
        verb = _TAIL_STOP.search(item, 1)
        if verb is not None:
            item = item[: verb.start()]
            close = len(sentence)  # the predicate starts here: no further item
        if not is_noun_label(item) or len(item) > _LISTED_ITEM_MAX:
            return tail
        items.append(item)
        at = close
    whole = "、".join(items)
    return whole if len(whole) <= _LISTED_LABEL_MAX else tail


_LISTED_ITEM_MAX = 12
_LISTED_LABEL_MAX = 24


def _balance(text: str) -> str:
    """Drop an unmatched bracket or quote at either end ((其中涉黑团伙 -> 其中涉黑团伙), and cut a
    label at a bracket opened inside it and never closed (专职网格员(含兼职 -> 专职网格员)."""
    for opener, closer in (("(", ")"), ("（", "）"), ("“", "”"), ("《", "》")):
        if text.startswith(opener) and closer not in text:
            text = text[1:]
        if text.endswith(closer) and opener not in text:
            text = text[:-1]
        shut = text.find(closer)
        if shut > 0 and opener not in text[:shut] and is_noun_label(text[shut + 1 :]):
            text = text[shut + 1 :]  # 进牧点”普法活动: begun inside a quoted list
        if text.endswith(opener):
            text = text[:-1]
        at = text.rfind(opener)
        if at > 0 and text.find(closer, at) < 0:
            head, rest = text[:at], text[at + 1 :]
            # 婚姻纠纷多(各类纠纷中婚姻纠纷占比达: a share stated inside the bracket is its own figure
            share = opener in "(（" and _SHARE_INSIDE.search(rest) is not None and is_noun_label(rest)
            # 10个县(市、区): a one-character noun before the bracket is what was counted
            text = head if (is_noun_label(head) or head in _ONE_CHAR_NOUNS) and not share else rest
    return _trim(text.strip())


# A share or rate opened inside a bracket (…(其中土地纠纷占比达90%)): the bracket's own figure.
_SHARE_INSIDE = re.compile(r"[\u4e00-\u9fff](?:占比|比例|比重)")
# 被 that makes a noun (被骗损失, 被盗车辆, 被执行人), not a passive verb (被评为).
_SUFFERED = re.compile(r"被[骗盗抢害执告]")
# Where the counted things are (依托辖区21个网格), not what they are.
_WHERE_ONLY = frozenset(
    {"辖区", "辖区内", "境内", "域内", "区域内"}
    | {place + "内" for place in ("村", "镇", "乡", "县", "市", "区", "社区", "小区")}
)


def is_noun_label(label: str) -> bool:
    """True when ``label`` reads as the name of a quantity, not a verb or preposition fragment.

    取消, 高效发挥 and 对全市 are no indicators; 矛盾纠纷调解成功率 and 网格员 are.
    """
    if len(label) < 2 or not any("\u4e00" <= c <= "\u9fff" for c in label):
        return False
    if label in _LEAD_FILLERS or label in _WHERE_ONLY or _LEAD_WORDS.fullmatch(label):
        return False
    if _PLACE_ONLY.fullmatch(label) and label[-2:] not in _NOT_PLACES and not _LEVELS_ONLY.fullmatch(label):
        return False  # a place's name (海西州) is no indicator; 片区, 社区 and 城区 are nouns
    if len(label) == 3 and label[1:] in _TOWN_WORDS and label[0] not in _TOWN_WORD_MODIFIERS:
        return False  # 故城镇, 古城镇: one character before 城镇 names a town; 小城镇 is a kind of place
    if (label.startswith(_NOT_NOUN_START) and not _SUFFERED.match(label)) or label.endswith(_NOT_NOUN_END):
        return False
    return not _JUST_VERB.fullmatch(label)


def _trim(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        if not text.startswith(_LEAD_FILLERS) and not text.endswith(_TRAIL_VERBS):
            break  # the loops below would change nothing: most labels are already trimmed
        for filler in _LEAD_FILLERS:
            if filler == "共" and text.startswith(_GONG_WORDS):
                continue  # 共性需求, 共建单位: 共 opens a word, it is no “in all”
            if filler.startswith("全") and text.startswith("性", len(filler)):
                continue  # 全市性集中行动: 全X性 is an adjective (city-wide), no scope
            if text.startswith(filler) and len(text) > len(filler):
                text, changed = text[len(filler) :], True
        for verb in _TRAIL_VERBS:
            if text.endswith(verb) and not (
                (verb == "均" and (_PER_UNIT.search(text) or text.endswith("平均")))
                or (verb == "突破" and _NEW_BREAKTHROUGH.search(text))
            ):
                text, changed = text[: -len(verb)], True
    return text
