"""Actor resolution: which unit acts in the clause that names a practice.

Every fact goes through :meth:`ActorResolver.resolve`. The candidates of a sentence are
built once (:meth:`ActorResolver.candidates`), each tagged with the rule that found it:

- ``place``: a region the gazetteer placed (never one that is only a media outlet, an event
  venue, a slogan modifier or the home of a named resident (甲村村民张某), and never a region
  above the report's subject, which instructs and awards rather than acts);
- ``agency``: a body named after a unit acts for that unit (市公安局 → the city, X分局 → the
  district, X派出所/X司法所 → the town or street; the mapping itself is the agency matcher's);
- ``pronoun``: 我市/全县/本镇 → the report's subject when the level fits, else the unit of that
  level named last before it in the sentence;
- ``demonstrative``: 该镇/该县 and 镇里/县里/村里 → the unit of that level named last in the report;
  该所/该局/该中心 → the unit of the body of that kind named last (a centre named earlier in the
  sentence without a body to place it leaves the choice to the other rules);
- ``list``: 甲、乙、丙等县 → each listed unit of that level under the report's region.

For a practice mention at a position the resolver then picks, in order: the nearest actor of
its clause (a list of units acting together all adopt); the sentence's opening subject, which
governs the clauses that follow it (``在X镇，…`` included: the topic carries to the clause);
the unit a 其-opening sentence continues from; else the town, street, community or village
that opens the sentence's paragraph (by name or by its station, 某县公安甲派出所); else the
report's subject. The most specific actor wins: a unit written with its parents (某区某街道某社区)
is that last unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from govkg.loaders.agencies import AgencyMention, awarded
from govkg.loaders.extraction import Region, UnresolvedPlace
from govkg.loaders.prefilter import Gated
from govkg.loaders.regions import Gazetteer, RegionMention, local_unit, sub_county_level

__all__ = ["RULE_CONFIDENCE", "Actor", "ActorChoice", "ActorResolver", "ReportContext", "level_heads"]

# How much each way of finding the actor is trusted (the fact's confidence).
RULE_CONFIDENCE: dict[str, float] = {
    "place": 0.95,
    "agency": 0.95,
    "list": 0.9,
    "pronoun": 0.9,
    "opening": 0.9,
    "demonstrative": 0.85,
    "continues": 0.75,
    "paragraph": 0.75,
    "subject": 0.7,
}

_CLAUSE_GAP = re.compile(r"^(?:[“\"《「][^”\"》」]{1,24}[”\"》」])?[、和及与]?$")
_CLAUSE_BREAK = re.compile(r"[,，;；:：]")
# 甲镇联合乙街道开展… / 甲县会同乙镇… / 甲镇与乙镇共同建立…: both units act, whatever their levels.
_JOINT = re.compile(r"^(?:联合|会同|携手|协同)$")
# 甲县法院与乙镇党委政府深度协作…: after the second unit (and its body), the two act together
_TOGETHER_AFTER = re.compile(
    r"(?:党委政府|党委|人民政府|政府|党工委)?(?:深度|密切|紧密|积极|充分)?(?:共同|联合|一道|一起|携手|协作|合作|联动)"
)
_UNIT_BREAK = re.compile(r"[;；]")
# 在甲镇试点推行… / 以甲镇为试点… / 选取甲镇作为试点…: the unit written as the pilot site is the
# one that carries the practice out; the body arranging the pilot only arranges it (guideline 15)
_PILOT_AT = re.compile(r"(?:先行)?试点")
_PILOT_AS = re.compile(r"(?:作为|为)(?:全[省市州县区旗])?(?:首批|首个|第一批)?(?:先行)?试点")
_PILOT_CHOICE = re.compile(r"(?:以|选取|选择|选定|确定|将|把)$")
_SMALLER_UNIT = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:社区|村|街道|嘎查)")
# 甲镇积极与乙镇…, 甲县主动同乙县…, 甲区先后与乙县、丙市…: an adverb of willingness or of sequence
# before 与 makes the partner one the first unit works with, whatever the verb after the partner
_WITH_GAP = re.compile(r"^(?:积极|主动|先后|相继|分别|多次)?(?:与|和|同)$")
# 同时与…, 还和…, 并同…: a partner opening a clause whose subject is left unwritten
_WITH = re.compile(r"^(?:还|并|也|又|则)?(?:与|和|同)$")
# What may stand before a sentence's subject: list markers, time adverbials, 在/由 — no verb.
_LEAD = re.compile(
    r"^(?:\s|[（(]?[一二三四五六七八九十\d]+[是、.)）]|同时|此外|另外|其中|目前|近年来|近期|近日|日前|近来|今年以来|今年|去年|上半年|下半年|"
    r"年初以来|(?:19|20)\d{2}年(?:以来|上半年|底)?|[,，、:：]|在(?:[\u4e00-\u9fff]{1,8}的)?|这是|由|经|如|据|而|截至|截止|仅仅|仅|单是|光是|"
    # a month as the time of the act (2022年8月起, 今年3月以来, 自5月份开始): a time word too
    r"自?(?:(?:19|20)\d{2}年|今年|去年)?\d{1,2}月份?(?:\d{1,2}日)?(?:起|以来|开始|至今|中旬|下旬|上旬|初|底|份)?)*$"
)
# What follows a unit that heads its clause as the subject (乙社区把…, 乙社区推行…), not as a
# modifier of a noun (乙社区居民): a disposal or preposition word, an adverb or a verb of doing.
_ACTS_NEXT = re.compile(
    r"(?:把|将|在|以|通过|依托|结合|围绕|针对|坚持|推行|推进|推动|建立|建成|成立|组建|开展|探索|深化|实施|"
    r"打造|创新|设立|组织|积极|持续|全面|率先|还|也|则|又|先后|大力|着力|聚焦|立足)"
)
_LEAD_PREFIX = re.compile(_LEAD.pattern.removesuffix("$"))
# A short clause of its own before a sentence's subject that only frames it: a source (据了解,
# 记者了解到), a link (为此, 与此同时, 在此基础上) or a time (近三年来, 自2020年起, 今年1至10月).
_LEAD_IN = 8
_LEAD_IN_CLAUSE = re.compile(
    r"(?:另|又)?据[\u4e00-\u9fff]{1,3}|记者[\u4e00-\u9fff]{1,4}|为此|对此|与此同时|同时|在此基础上|此外|另外|随后|"
    r"近[一二三两四五六七八九十几]年来|[一二三两四五六七八九十几多]年来|(?:今年|去年)以来|自?(?:19|20)\d{2}年(?:以来|起|上半年|下半年|底)|"
    r"(?:今年|去年|(?:19|20)\d{2}年)?\d{1,2}(?:至|—|-)\d{1,2}月(?:份)?|同年|当年|次年|如今|当前|目前|近日|日前|近期"
)
# 《某》杂志记者在当地走访发现，/ 记者近日走访了解到，: a reporter's lead-in, however long, names
# who reports, not who acts
_REPORTER_LEAD = re.compile(
    r"(?:近日|日前|近期)?[,，]?[^,，。;；]{0,12}?记者[^,，。;；]{0,12}?(?:了解到|发现|获悉|看到|注意到|得知)"
)
_PROMOTES = re.compile(r"推广(?:了)?$")
# 首支X队在甲社区成立: what follows a unit where a team, room or centre named before it is founded
_FOUNDED_IN = re.compile(
    r"(?:正式|顺利|率先|挂牌)?(?:成立|揭牌|挂牌|建成|落地|落户|启用|投用|投入使用|开通|亮相|诞生)"
)
# 处置涉恒大、烟台某交易所投资群体等问题: a place inside a 涉… phrase is what the matter concerns.
_CONCERNS = re.compile(r"涉[^，,。；;:：]{0,24}$")
# 县委书记赴甲镇调研…, 组织干部到乙村学习…: the place after a verb of going, with a verb of
# looking in its clause, is where the visitors go, not a unit acting (做到/达到/受到 are no going).
_GO_TO = re.compile(
    r"(?:(?<![达得受做收遇看想感直找报签办伸])到|赴|前往|来到|走进|深入)(?:[^，,。；;:：]{0,16}[、和及与])?$"
)
_TO_LOOK = re.compile(r"^[^，,。；;:：]{0,12}?(?:调研|考察|学习|视察|观摩|参观|取经|督导)")
# 甲市委政法委考察团…, 乙市第二调研组…, 丙县学习考察组一行: a body or place heading a visiting group
# names who visits; the group looks at, guides or inspects the work of others and adopts nothing.
_DELEGATION = re.compile(
    r"(?:第[一二三四五六七八九十\d]{1,3})?(?:学习)?(?:考察|调研|督导|观摩|检查|指导|调研指导|督查|巡察)(?:团|组)"
)
# 甲县人大常委会副主任某某一行…, 乙市委政法委副书记某某率队来…: a body's leader and party on a
# visit (after a leader's title and name; 民警一行20人 is a body's own staff at work, and 率队开展…,
# 率队深入社区… or 率队赴现场… its own operation)
_LEADER_PARTY = re.compile(
    r"(?:党组)?(?:常务)?副?(?:主任|主席|书记|局长|院长|检察长|部长|组长|市长|县长|区长|厅长|处长|秘书长|调研员|巡视员)"
    r"[\u4e00-\u9fff]{2,3}(?:等(?:[\u4e00-\u9fff]{1,3}人)?)?(?:一行|率队(?=来))"
)
# 在甲州学习…, 在乙县考察期间: 在 with a verb of studying right after the place (not 在甲镇开展…,
# where the unit is the site of its own work)
_STUDY_AT = re.compile(r"在(?:[^，,。；;:：]{0,16}[、和及与])?$")
_STUDIED = re.compile(r"(?:学习|考察|调研|观摩|参观|取经)")
# 在甲州学习“X”经验: what visitors study at their host is the host's, and adopted by no one here
# (在全县学习… is the unit's own campaign: the host is a named unit, not 全/我/本/各 + a level word)
_STUDIED_AT = re.compile(
    r"在(?![全我本各])[\u4e00-\u9fff、]{1,20}?(?:省|市|州|县|区|旗|盟|镇|乡|街道|社区|村)(?:等地)?"
    r"(?:学习|考察|调研|观摩|参观|取经)[^，,。；;:：]{0,4}$"
)
# 赴甲镇开展联创共建, 前往乙村指导调解: the visitors do the work they went there for; the place
# they went to is no actor of it (a host that acts is written as a subject of its own).
_WORK_THERE = re.compile(
    r"^[^，,。；;:：]{0,12}?(?:开展|进行|举办|举行|宣讲|帮助|帮扶|协助|参与|参加|走访|慰问|授课|送法|对接)"
)
# 与甲县、乙县间边界地区, 甲镇与乙镇交界处: units written right before the area their boundary
# makes name a place where work is done, not who does it.
_BORDER_AREA = re.compile(
    r"(?:之)?间的?(?:边界|边境|交界|结合部|接合部)|的?(?:交界|接壤|毗邻|边界)(?:处|地区|地带|区域|部位|地段)"
)
_RUN_GAP = frozenset({"", "、", "和", "及", "与"})


def _border_places(sentence: str, regions: Sequence[RegionMention]) -> set[int]:
    """Where the units naming a boundary area start (甲县、乙县间边界地区: both), each unit being
    joined to the next by at most a 、/和/及/与 and the last one written right before the area."""
    border: set[int] = set()
    following: RegionMention | None = None
    for m in sorted(regions, key=lambda r: r.start, reverse=True):
        if _BORDER_AREA.match(sentence, m.end) or (
            following is not None
            and following.start in border
            and sentence[m.end : following.start] in _RUN_GAP
        ):
            border.add(m.start)
        following = m
    return border


# 甲村村民张某…, 乙社区居民老李…: a place before a resident named as a person is where that
# person lives; the person is no unit, and the place does not act in the story. 老/小/阿 open a
# name only before a surname, not in the words they make (村民小组, 居民小区, 村民老年协会).
_RESIDENT_NAMED = re.compile(
    r"(?:的)?(?:村民|居民|牧民|农户|群众|商户|业主|老人)"
    r"(?:[\u4e00-\u9fff]某|[老小阿](?![组区学年人型微额康孩姨])[\u4e00-\u9fff](?![们等]))"
)
_PRONOUN = re.compile(r"(?:我|全|本)(市|县|区|旗|州|省|盟|镇|乡)")
# 这支队伍…, 近年来，这个调解室…: a clause whose subject is the thing the sentence before named
_THIS_ONE = re.compile(r"这(?:个|支|家|座|处|所|间|一|里)")
_FIRST_OF = re.compile(r"(?:第一|首|唯一)(?:个|家|批|支|座|所|条|例)")
_DEMONSTRATIVE = re.compile(r"该(市|县|区|旗|州|盟|镇|乡|街道|社区|村|嘎查|苏木)")
# 该所/该局/该院/该庭/该(调处)中心: the body of that kind named last (a station's 该所 is its
# town's, a town's 综治中心 is the town's).
_BODY_DEMONSTRATIVE = re.compile(
    r"该(所|局|院|庭)|该(?![市县区旗州盟镇乡街社村嘎苏])[\u4e00-\u9fff]{0,6}?(中心)"
)
# 分局牢固树立…, 同时，分局还…: a bare 分局 heading a sentence is the branch bureau named last in
# the report (as 该局 is); 分局长 is a person's title.
_BRANCH_HEAD = re.compile(r"^(?:\s|同时|此外|另外|近年来|今年以来|[,，])*(分局)(?![长])")
# 镇里组建…, 县里还在…, 村里把…: a level word + 里 at the head of a clause stands for that unit.
_LEVEL_HERE = re.compile(
    r"(?:^|(?<=[,，;；:：]))(?:同时|此外|另外|其中|而)?(镇|县|乡|村|区|市|旗|街道|社区|嘎查)里(?![面边外程])"
)
# 街道建立了…, 社区选配了…: a bare level word heading a sentence, then a verb of doing, stands
# for the unit of that level the report is about (as 镇里 does).
_HEAD_VERBS = (
    r"(?:党工委|党委)?(?:还|也|则|先后|积极|持续|大力|着力|定期|每月|每年)?"
    r"(?:建立|设置|设立|成立|组建|推行|推进|开展|打造|探索|实施|选配|聘请|创新|坚持|把|将|以|通过|依托|整合)"
)
# 苏木/嘎查 are the 乡/村 of pastoral areas; the unit's own centre or government may stand between
# the word and the verb (镇综治中心整合…, 苏木政府建立…): it is still that unit acting.
_LEVEL_BODY = r"(?:综治中心|综治办|人民政府|政府|党委|党工委|办事处)?"
_LEVEL_HEAD = re.compile(
    r"^(?:\s|同时|此外|另外|其中|近年来|今年以来|[,，])*(街道|社区|镇|乡|苏木|嘎查)(?="
    + _LEVEL_BODY
    + _HEAD_VERBS
    + ")"
)
_LEVEL_HEADS = re.compile(
    r"(?:^|[。！？!?\n])\s*(街道|社区|镇|乡|苏木|嘎查)(?=" + _LEVEL_BODY + _HEAD_VERBS + ")", re.M
)
# 甲、乙、丙等县: short names of units listed with one level word after 等.
_LEVEL_LIST = re.compile(
    r"((?:[\u4e00-\u9fff]{2,4}、){1,12}[\u4e00-\u9fff]{2,4})等(?:[一二三四五六七八九十\d]+个)?(县|区|市|旗|镇|乡|街道|苏木)"
    r"([（(]街道[)）])?"
)

_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "省": ("province",),
    "州": ("prefecture",),
    "盟": ("prefecture",),
    "县": ("county",),
    "旗": ("county",),
    "区": ("county",),
    "市": ("county", "prefecture"),
    "镇": ("township",),
    "乡": ("township",),
    "苏木": ("township",),
    "街道": ("township",),
    "社区": ("community",),
    "村": ("village",),
    "嘎查": ("village",),
}
# Stations named after a unit act for it (guidelines rule 8): 湖塘派出所 → 湖塘镇, 东门街派出所 →
# 东门街道, 梅江司法所 → 梅江镇; and a city bureau's branch named after a district: 公安局武进分局.
# A border station is named after its town too (易武边境派出所 → 易武镇).
_STATION = re.compile(
    r"(街)?(?:边境)?(?:派出所|司法所|人民法庭|法庭|警务室|警务站|检察室|综治中心|便民服务中心)"
)
# 某县公安局 / 某县司法局 right before a station: the bureau the station belongs to (the span
# starts where the county's name ends; an empty match is a station glued to the county's name).
# After 甲所 these make 所 a word of its own (所在, 所属, 所长): no station written short
_SUO_WORDS = frozenset("在属有以得需谓长辖")
_OWNED_STATIONS = ("派出所", "司法所", "警务室", "警务站", "检察室", "法庭")
_COUNTY_BUREAU = re.compile(r"(?:公安局|司法局|人民法院|法院)?$")
# What may stand between a county's name and a station of its bureau (甲县公安乙派出所).
# 甲市公安局乙区分局丙派出所, 甲市公安局某示范区分局丙派出所: a branch between them belongs there too.
_BUREAU_GAP = re.compile(r"^(?:公安|公安局|公安分局|司法局|人民法院|法院)?(?:[\u4e00-\u9fff]{2,12}?分局)?$")
# What may stand before a station that heads a title: the county's name and its bureau or court.
_TITLE_TAG = re.compile(r"^(?:\s|【[^】]{0,12}】)*")
_STATION_OWNER = re.compile(
    r"^(?:公安局(?:[\u4e00-\u9fff]{2,6}?分局)?|公安分局|公安|分局|人民法院|法院|司法局)?$"
)
_BRANCH = re.compile(r"(?:公安局|公安|局)([\u4e00-\u9fff]{2,6}?)分局")
# 青秀分局, 福山分局 with no bureau written before: a branch called by its unit's short name alone
# (a city bureau's district branch, a county bureau's town branch); 分局长 is a person's title.
_BARE_BRANCH = re.compile(r"分局(?!长)")
_RANK = {"province": 0, "prefecture": 1, "county": 2, "township": 3, "community": 4, "village": 4}
_SUFFIX_OF_WORD: dict[str, tuple[str, ...]] = {
    "县": ("县", "自治县"),
    "区": ("区",),
    "市": ("市",),
    "旗": ("旗", "自治旗"),
    "镇": ("镇",),
    "乡": ("乡",),
    "街道": ("街道",),
    "苏木": ("苏木",),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """A unit that can act in a sentence: where it stands, which region, found by which rule."""

    start: int
    end: int
    region: Region
    rule: str  # place | agency | pronoun | demonstrative | list

    @property
    def explicit(self) -> bool:
        """Named in the sentence (a place, an agency or a list), not a pronoun."""
        return self.rule in ("place", "agency", "list")


@dataclass(frozen=True, slots=True)
class ActorChoice:
    """Who adopts a practice mention, by which rule, and how sure that rule is."""

    regions: tuple[Region, ...]
    rule: str
    confidence: float

    @property
    def explicit(self) -> bool:
        """Whether the text itself names the actor (not the report-subject fallback)."""
        return self.rule != "subject"

    @property
    def method(self) -> str:
        """The rule as the fact records it: ``actor=<rule>``; carried openings read opening-<rule>."""
        return f"actor={self.rule}"


@dataclass(slots=True)
class ReportContext:
    """What actor resolution knows about one report while reading it (never shared across reports)."""

    subject: Region | None
    scope: tuple[str, ...]
    regions: dict[str, Region] = field(default_factory=dict)
    last_by_level: dict[str, Region] = field(default_factory=dict)
    # the unit of the acting body named last, by the body's last character (所, 局, 院, 庭)
    last_body: dict[str, Region] = field(default_factory=dict)
    # stations named after no unit, placed by the county bureau or branch written before them
    # (某县公安局城关派出所, 某市公安局甲分局乙派出所): name → that county, for their later bare mentions
    stations: dict[str, Region] = field(default_factory=dict)
    # 甲所 for a 甲派出所 or 甲司法所 the report has placed at a town (长梁所, 高坪所)
    station_shorts: dict[str, Region] = field(default_factory=dict)
    # people a sentence introduces as working for a unit (某某是甲村警务室社区民警): name → unit
    people: dict[str, Region] = field(default_factory=dict)
    # the report is a functional zone's own (甲经开区召开…, 经开区平安建设回眸): a sentence naming
    # no one is the zone's, and a zone is no region (guideline 9), so it falls back to no unit
    zone: bool = False

    def keep(self, region: Region) -> None:
        """Remember a region named in the report (the last one of each level answers 该X)."""
        self.regions.setdefault(region.code, region)
        self.last_by_level[region.level] = region


# Scans of every sentence for patterns that open with optional parts (no fast skip in `re`):
# gated by the literal words one of which any match holds (派出所, 法庭 …; 里; 、).
_STATION_SCAN = Gated(_STATION)
_LEVEL_HERE_SCAN = Gated(_LEVEL_HERE)
_LEVEL_LIST_SCAN = Gated(_LEVEL_LIST)


class ActorResolver:
    """Clause → acting unit, by the rules in the module docstring; stateless across reports."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._stems: dict[str, dict[str, tuple[Region, ...]]] = {}

    # -- the region tree ------------------------------------------------------------------------
    def chain(self, region: Region | None) -> list[Region]:
        """The region and its ancestors up to the province; sub-county units not in the data included."""
        if region is None:
            return []
        if self.gazetteer.get(region.code) is not None:
            return self.gazetteer.chain(region.code)
        parent = self.chain(self.gazetteer.get(region.parent_code) if region.parent_code else None)
        return [region, *parent]

    def is_below(self, region: Region, ancestor: Region) -> bool:
        """Whether ``region`` lies (strictly) inside ``ancestor``."""
        return any(r.code == ancestor.code for r in self.chain(region)[1:])

    def level_region(self, ctx: ReportContext, word: str) -> Region | None:
        """The report's own region of the level ``word`` names (市 → its city), or None."""
        levels = _LEVEL_WORDS.get(word)
        if not levels:
            return None
        last = ctx.last_by_level
        for level in levels:
            if level in last and level in ("township", "community", "village"):
                return last[level]
        for region in self.chain(ctx.subject):
            # 全区 in a 旗's or a 县's report is no county-level unit of its own (that would be 全旗/全县)
            if region.level in levels and (word not in ("市", "区", "县", "旗") or _fits_word(region, word)):
                return region
            if word == "区" and region.level == "province" and region.name.endswith("自治区"):
                return region
        return None

    def named_county(self, ctx: ReportContext, word: str) -> Region | None:
        """县综治中心 in a province's or a city's report, just after naming 甲县: the county of that
        kind (县, 旗; 区 in a city's report only, where it cannot be an 自治区) named last, inside
        the report's region; the subject has no county for the word to stand for. None where the
        report is a county's own, or names no such county."""
        region = ctx.last_by_level.get("county")
        if region is None or word not in ("县", "旗", "区") or not _fits_word(region, word):
            return None
        subject = ctx.subject
        above = ("prefecture",) if word == "区" else ("province", "prefecture")
        if subject is not None and (subject.level not in above or not self.is_below(region, subject)):
            return None
        if subject is None and word == "区":
            return None
        return region

    def _agency_regions(
        self,
        ctx: ReportContext,
        sentence: str,
        agencies: Sequence[AgencyMention],
        stations: dict[tuple[int, int], Region],
    ) -> list[Region | None]:
        """The unit each acting agency acts for (a station's town, else its region), None if idle.
        A body whose officer reports its work (甲派出所所长某某表示，今年以来…) speaks for it."""
        out: list[Region | None] = []
        for a in agencies:
            region = ctx.regions.get(a.region_code) or self.gazetteer.get(a.region_code)
            station = next((t for (s0, e0), t in stations.items() if a.start <= s0 and e0 <= a.end), None)
            speaks = not a.acting and _OFFICER_SPEAKS.match(sentence, a.end) is not None
            out.append((station or region) if a.acting or speaks else None)
        return out

    def _named_last(self, ctx: ReportContext, word: str) -> Region | None:
        """该县/县里: the unit of that level named last in the report, else the report's own one."""
        for level in _LEVEL_WORDS.get(word, ()):
            region = ctx.last_by_level.get(level)
            if region is not None and _fits_word(region, word):
                return region
        return self.level_region(ctx, word)

    # -- candidates -----------------------------------------------------------------------------
    def candidates(
        self,
        ctx: ReportContext,
        sentence: str,
        regions: Sequence[RegionMention],
        agencies: Sequence[AgencyMention],
        unresolved: Sequence[UnresolvedPlace] = (),
    ) -> list[Actor]:
        """Every unit that may act in ``sentence``, in text order, one per span.

        ``unresolved`` are the sentence's place-like names the gazetteer could not place
        (offsets into ``sentence``): one written right after 该镇/该街道 is placed by it.
        """
        above = set(ctx.scope[1:])  # the subject's ancestors instruct and award; they do not act here
        actors: list[Actor] = []
        stations = self._stations(ctx, sentence, regions)
        # 在区公安分局设立…: a body that is only a place (or an awarder) lends its region no action;
        # one that receives an award (甲县综治中心被评为…) is still its unit's, which has it
        idle = [(a.start, a.end) for a in agencies if not a.acting and not awarded(sentence[a.end :])]
        idle += [(a.start, a.end) for a in agencies if visitor(sentence, a.end)]
        idle += [(m.start, m.end) for m in regions if visitor(sentence, m.end)]
        homes = _homes(sentence, regions)
        border = _border_places(sentence, regions)
        chain_start: dict[int, int] = {}  # where the run of glued names ending at a position starts
        for m in regions:
            chain_start[m.end] = chain_start.get(m.start, m.start)
            if any(s <= m.start and m.end <= e for s, e in idle):
                continue
            if (
                m.role == "actor"
                and (m.region.code not in above or self._own_deed_above(sentence, m))
                and not _CONCERNS.search(sentence, 0, m.start)
                and not destination(sentence, chain_start[m.end], m.end)
                and not _award_giver(sentence, chain_start[m.end], m.end)
                and m.start not in homes
                and m.start not in border
            ):
                actors.append(Actor(m.start, m.end, m.region, "place"))
        acting_for = self._agency_regions(ctx, sentence, agencies, stations)
        for a, region in zip(agencies, acting_for, strict=True):
            if region is None or visitor(sentence, a.end):
                continue
            if region.code not in above or (
                # 甲市公安局共调处纠纷四百余起 in a county's report: a city body doing work of
                # its own is the city's, not the county's (guideline 8); one that directs, inspects,
                # promotes or awards the units below it does not act here
                a.acting
                and region.level == "prefecture"
                and _OWN_DEED.match(sentence, a.end)
                and not _DIRECTS.search(sentence)
            ):
                actors.append(Actor(a.start, a.end, region, "agency"))
        covered = [(a.start, a.end) for a in agencies]
        for (s0, e0), town in stations.items():
            if not any(s1 <= s0 and e0 <= e1 for s1, e1 in covered) and town.code not in above:
                actors.append(Actor(s0, e0, town, "agency"))
        bodies = list(zip(agencies, acting_for, strict=True))
        demonstratives = list(_BODY_DEMONSTRATIVE.finditer(sentence))
        # every 中心 named outright, as a body (县综治中心) or not (建成矛盾纠纷调处中心)
        centres = [
            c.end()
            for c in re.finditer("中心", sentence)
            if not any(dm.start() < c.end() <= dm.end() for dm in demonstratives)
        ]
        for dm in demonstratives:
            kind = dm.group(1) or dm.group(2)
            earlier = [end for end in centres if end <= dm.start()] if kind == "中心" else []
            if earlier:
                # a centre named earlier in the sentence is the one meant: the body's unit, else
                # the usual rules find who runs it
                here = [r for a, r in bodies if r is not None and a.end == earlier[-1]]
                target = here[-1] if here else None
            else:
                here = [
                    r for a, r in bodies if r is not None and a.end <= dm.start() and a.name.endswith(kind)
                ]
                target = here[-1] if here else ctx.last_body.get(kind)
            if target is not None and target.code not in above:
                actors.append(Actor(dm.start(), dm.end(), target, "demonstrative"))
        branch = _BRANCH_HEAD.match(sentence)
        target = ctx.last_body.get("分局") if branch else None
        if branch and target is not None and target.code not in above:
            actors.append(Actor(branch.start(1), branch.end(1), target, "demonstrative"))
        for a, r in bodies:
            if r is not None and a.name[-1:] in "所局院庭":
                ctx.last_body[a.name[-1]] = r
            if r is not None and a.name.endswith("分局"):
                ctx.last_body["分局"] = r
        if centres:
            # the last 中心 named is what a later 该中心 means: a body's unit, the unit whose name
            # heads the centre's (甲镇社会矛盾多元预防联调中心), or unknown
            last = next((r for a, r in bodies if r is not None and a.end == centres[-1]), None)
            if last is None:
                last = _centre_owner(sentence, regions, centres[-1])
            if last is None:
                ctx.last_body.pop("中心", None)
            else:
                ctx.last_body["中心"] = last
        for (s0, e0), town in stations.items():
            if sentence[e0 - 1] in "所庭" and not any(s1 <= s0 and e0 <= e1 for s1, e1 in covered):
                ctx.last_body[sentence[e0 - 1]] = town  # 麻池派出所…。该所…
            if sentence[e0 - 2 : e0] == "分局":
                ctx.last_body["分局"] = town  # 公安局甲分局…。分局还…
        actors.extend(self._listed(ctx, sentence, above))
        for pm in _PRONOUN.finditer(sentence):
            target = self._pronoun(ctx, pm.group(1), [a for a in actors if a.end <= pm.start()])
            if target is not None and (target.code not in above or _author_above(ctx, pm.group(0))):
                actors.append(Actor(pm.start(), pm.end(), target, "pronoun"))
        heads = [*_DEMONSTRATIVE.finditer(sentence), *_LEVEL_HERE_SCAN.finditer(sentence)]
        head = _LEVEL_HEAD.match(sentence) if not heads else None
        for dm in [*heads, *([head] if head else [])]:
            word = dm.group(1)
            start = dm.start() if dm.re is _DEMONSTRATIVE else dm.start(1)
            end = dm.end()
            named = [a for a in actors if a.end <= start and _fits_word(a.region, word)]
            target = named[-1].region if named else self._named_last(ctx, word)
            if target is not None and target.code not in above:
                actors.append(Actor(start, end, target, "demonstrative"))
                actors.extend(self._placed_by(target, end, unresolved))
        actors.extend(_clause_units(sentence, actors, unresolved))
        for name, unit in ctx.people.items():
            # 某某依托…组建…: a person the report placed in a unit stands for it, as a pronoun does
            at = sentence.find(name)
            while at >= 0 and unit.code not in above:
                actors.append(Actor(at, at + len(name), unit, "pronoun"))
                at = sentence.find(name, at + len(name))
        # 平凉市崆峒区安国镇 in 安国镇's report: the unit's written parents are part of its name
        parents = {m.end: m.start for m in regions if m.region.code in above}
        # 某区公安分局甲派出所 in 甲镇's report: the parent's bureau is part of the station's name
        parents.update((a.end, a.start) for a in agencies if a.region_code in above)
        for i, actor in enumerate(actors):
            start = actor.start
            while start in parents:
                start = parents[start]
            if start != actor.start:
                actors[i] = Actor(start, actor.end, actor.region, actor.rule)
        actors.sort(key=lambda a: (a.start, -a.end))
        merged: list[Actor] = []
        for actor in actors:
            if merged and actor.start < merged[-1].end:
                continue  # an agency name contains its region name: one actor per span
            prev = merged[-1] if merged else None
            if prev is not None and prev.end == actor.start and self.is_below(actor.region, prev.region):
                # 东河区杨圪楞街道安居社区: a unit written with its parents is the unit itself.
                rule = actor.rule if actor.rule != "place" or prev.rule == "place" else prev.rule
                merged[-1] = Actor(prev.start, actor.end, actor.region, rule)
                continue
            merged.append(actor)
        intro = _PERSON_INTRO.match(sentence)
        if intro is None:
            return merged
        placed = [(a.end, a.region) for a in merged if intro.end(1) < a.start < intro.end()]
        # 甲县公安局乙派出所所长: the station written before the person's title does not act in
        # the sentence, but it is the unit the person works for
        for a in agencies:
            region = self.gazetteer.get(a.region_code) if intro.end(1) < a.start < intro.end() else None
            if region is not None:
                placed.append((a.end, region))
        if placed:
            # 某某是甲县公安局乙派出所丙村警务室社区民警: the person works for the last unit named
            unit = max(placed, key=lambda p: p[0])[1]
            ctx.people[intro.group(1)] = unit
            if not any(a.start < intro.end(1) for a in merged):
                # …，也是“X”先锋队的队长 / …，他组建了X: the person heads this sentence too
                merged.insert(0, Actor(intro.start(1), intro.end(1), unit, "pronoun"))
        return merged

    @staticmethod
    def names_station(text: str) -> bool:
        """Whether the text names a station or court (派出所, 司法所, 人民法庭 …) anywhere."""
        return _STATION.search(text) is not None

    def title_station(
        self, subject: Region | None, title: str, regions: Sequence[RegionMention]
    ) -> Region | None:
        """The town of the station a title opens with (甲县人民法院乙人民法庭：…, 乙派出所：…): a
        station's own report, whose subjectless sentences are that town's (guidelines rule 8)."""
        if subject is None:
            return None
        ctx = ReportContext(subject=subject, scope=tuple(r.code for r in self.chain(subject)))
        # a bureau's branch (公安局甲分局) may come first: the station after it names the town
        stations = sorted(
            (k, t) for k, t in self._stations(ctx, title, regions).items() if t.level == "township"
        )
        if not stations:
            return None
        (start, _), town = stations[0]
        head = title[_TITLE_TAG.match(title).end() : start]  # type: ignore[union-attr]
        for m in sorted(regions, key=lambda m: -m.start):
            if m.end <= start:
                head = head.replace(m.surface, "", 1)
        # 杭州萧山公安甲派出所: the city's short name glued before the district is no owner either
        return town if _STATION_OWNER.match(self._after_ancestors(head, town)) else None

    def _stations(
        self, ctx: ReportContext, sentence: str, regions: Sequence[RegionMention] = ()
    ) -> dict[tuple[int, int], Region]:
        """Stations and branches named after a unit under the report's region, or under the county
        whose bureau they are written after (某县公安局甲派出所 in a province's report): span → unit."""
        out: dict[tuple[int, int], Region] = {}
        root = self._station_root(ctx.subject)
        counties = {m.end: m.region for m in regions if m.region.level == "county"}
        for m in _STATION_SCAN.finditer(sentence):
            for length in (5, 4, 3, 2):
                start = m.start() - length
                if start < 0:
                    continue
                bureau = _COUNTY_BUREAU.search(sentence, 0, start)
                owner = counties.get(bureau.start()) if bureau else None
                base = owner or root
                stem = sentence[start : m.start()]
                towns = self._township_stems(base.code).get(stem, ()) if base is not None else ()
                if not towns and base is None and len(stem) >= 2:
                    # a province's report: a station named after a township the report has named
                    # (某县甲乡…。甲派出所…) is that township's
                    towns = tuple(
                        r for r in ctx.regions.values() if r.level == "township" and r.short == stem
                    )
                if m.group(1) and towns:
                    towns = tuple(t for t in towns if t.name.endswith("街道"))
                if len(towns) == 1 and self._county_body(m.group(0), sentence[start : m.start()], towns[0]):
                    break  # 鄱阳综治中心: the county's centre, named like its seat town 鄱阳镇
                if len(towns) == 1:
                    out[(start, m.end())] = towns[0]
                    if m.group(0).endswith(("派出所", "司法所")):
                        ctx.station_shorts[stem + "所"] = towns[0]  # 甲派出所…。甲所…
                    break
            else:
                if m.group(0).endswith("警务室") and (post := self._community_post(ctx, sentence, m.start())):
                    out[post[0], m.end()] = post[1]
        for short, town in ctx.station_shorts.items():
            pos = sentence.find(short)
            while pos >= 0:
                end = pos + len(short)
                if sentence[end : end + 1] not in _SUO_WORDS and not any(
                    s0 < end and pos < e0 for s0, e0 in out
                ):
                    out[(pos, end)] = town
                pos = sentence.find(short, end)
        if root is None:
            self._owned_stations(ctx, sentence, counties, out)  # a province's report
            return out
        for m in _BRANCH.finditer(sentence):
            unit = self._unit_by_short(root, m.group(1), "区") or self._unit_by_short(root, m.group(1), "县")
            if unit is None:
                hits = [r for r in self.gazetteer.under(root.code, m.group(1)) if r.level == "county"]
                unit = hits[0] if len(hits) == 1 else None
            if unit is not None:
                out[(m.start(1), m.end())] = unit
        for m in _BARE_BRANCH.finditer(sentence):
            if any(e == m.end() for _, e in out):
                continue  # 某市公安局甲分局: placed above
            found = self._bare_branch(root, sentence, m.start())
            if found is not None:
                out[(found[0], m.end())] = found[1]
        self._owned_stations(ctx, sentence, counties, out)
        return out

    def _station_root(self, subject: Region | None) -> Region | None:
        """The unit whose stations and branches a report names by short name: the subject's city or
        county; a 直辖市 is that city too (天津市公安局甲分局 is its district 甲区's branch), while
        a province's report has none (its stations need a county written before them)."""
        chain = self.chain(subject)
        root = next((r for r in chain if r.level != "province"), None)
        if root is None and chain and chain[-1].name.endswith("市"):
            return chain[-1]
        return root

    @staticmethod
    def _owned_stations(
        ctx: ReportContext, sentence: str, counties: dict[int, Region], out: dict[tuple[int, int], Region]
    ) -> None:
        """A station named after no unit (城关, 开发区, a hill) maps to the county-level unit it
        belongs to (guidelines rule 8): the county whose bureau, or the branch, is written right
        before it (某县公安局城关派出所, 某市公安局甲分局乙派出所); the report's later mentions of the
        same station by its name alone are that county too."""
        # a branch of a city with no counties (中山市公安局甲分局) is its town's: the town stands
        # where a county would
        branches = {
            e: r
            for (_, e), r in out.items()
            if r.level == "county"
            or (r.level == "township" and sentence[e - 2 : e] == "分局" and _under_city(r))
        }
        for m in _STATION_SCAN.finditer(sentence):
            if m.group(1) or not m.group(0).endswith(_OWNED_STATIONS) or any(e == m.end() for _, e in out):
                continue
            for length in (2, 3, 4):  # shortest first: 法院湖滨 is no name
                start = m.start() - length
                if start < 0 or not all("\u4e00" <= ch <= "\u9fff" for ch in sentence[start : m.start()]):
                    continue
                bureau = _COUNTY_BUREAU.search(sentence, 0, start)
                unit = (counties.get(bureau.start()) if bureau else None) or branches.get(start)
                if unit is not None:
                    out[(start, m.end())] = unit
                    ctx.stations[sentence[start : m.end()]] = unit
                    break
                known = ctx.stations.get(sentence[start : m.end()])
                if known is not None:
                    out[(start, m.end())] = known
                    break

    def _bare_branch(self, root: Region, sentence: str, end: int) -> tuple[int, Region] | None:
        """甲分局 with no bureau written before it: the county-level unit under ``root`` whose short
        name 甲 is (a 公安分局 named after a district is that district, guidelines rule 8), else the
        one township so named (a county bureau's town branch, as its 派出所 would be)."""
        for length in (4, 3, 2):
            start = end - length
            stem = sentence[max(0, start) : end]
            if start < 0 or not all("\u4e00" <= ch <= "\u9fff" for ch in stem):
                continue
            unit = self._unit_by_short(root, stem, "区") or self._unit_by_short(root, stem, "县")
            if unit is not None:
                return start, unit
            towns = self._township_stems(root.code).get(stem, ())
            if len(towns) == 1:
                return start, towns[0]
        return None

    @staticmethod
    def _community_post(ctx: ReportContext, sentence: str, end: int) -> tuple[int, Region] | None:
        """甲警务室 where the report has named 甲社区: the community's police post (rule 8)."""
        for length in (4, 3, 2):
            start = end - length
            if start < 0:
                continue
            name = sentence[start:end] + "社区"
            hits = [r for r in ctx.regions.values() if r.level == "community" and r.name == name]
            if len(hits) == 1:
                return start, hits[0]
        return None

    def _county_body(self, word: str, stem: str, town: Region) -> bool:
        """Whether a centre a county also runs (综治中心) is named by a stem that is the town's county
        short name too: a seat town named like its county leaves the bare name to the county."""
        county = self.gazetteer.get(town.parent_code or "")
        return word.endswith("综治中心") and county is not None and stem == county.short

    def _township_stems(self, root: str) -> dict[str, tuple[Region, ...]]:
        """Short names of the townships under ``root`` (cached per root: shipped data only)."""
        cached = self._stems.get(root)
        if cached is not None:
            return cached
        found: dict[str, list[Region]] = {}
        todo = [root]
        while todo:
            code = todo.pop()
            for child in self.gazetteer.children(code):
                if child.level == "township":
                    for stem in {child.short, child.name}:
                        if len(stem) >= 2:
                            found.setdefault(stem, []).append(child)
                elif child.level in ("prefecture", "county"):
                    todo.append(child.code)
        stems = {k: tuple(v) for k, v in found.items()}
        self._stems[root] = stems
        return stems

    @staticmethod
    def _placed_by(parent: Region, end: int, unresolved: Sequence[UnresolvedPlace]) -> list[Actor]:
        """该镇某社区: the unit written right after a demonstrative lies in the unit it names."""
        below = {"county": ("township", "community", "village"), "township": ("community", "village")}
        for u in unresolved:
            u_end = u.offset + len(u.surface)
            if not u.offset <= end < u_end:
                continue
            name = u.surface[end - u.offset :]
            level = sub_county_level(name)
            if len(name) >= 3 and level in below.get(parent.level, ()):
                return [Actor(end, u_end, local_unit(name, level or "", parent.code), "place")]
        return []

    def _pronoun(self, ctx: ReportContext, word: str, before: Sequence[Actor]) -> Region | None:
        """我市/全县: the subject when the level fits, else the unit of that level named just before."""
        subject = ctx.subject
        if subject is not None and _fits_word(subject, word):
            return subject
        named = [a.region for a in before if _fits_word(a.region, word)]
        if named:
            return named[-1]
        return self.level_region(ctx, word)

    def _listed(self, ctx: ReportContext, sentence: str, above: set[str]) -> list[Actor]:
        """甲、乙、丙等县: each short name that is a unit of that level under the report's region."""
        out: list[Actor] = []
        root = next((r for r in self.chain(ctx.subject) if r.level != "province"), ctx.subject)
        if root is None:
            return out
        for m in _LEVEL_LIST_SCAN.finditer(sentence):
            word = m.group(2)
            names = m.group(1).split("、")
            pos = m.start(1)
            found: list[Actor] = []
            # 甲、乙等镇（街道）: towns and streets
            words = (word, "街道") if m.group(3) else (word,)
            for k, name in enumerate(names):
                region = self._listed_unit(root, name, words)
                # 其中甲、乙等镇 / 全县甲、乙等乡: the first name may be glued to the word before it
                while region is None and k == 0 and len(name) > 2:
                    name = name[1:]
                    pos += 1
                    region = self._listed_unit(root, name, words)
                if region is not None and region.code not in above:
                    found.append(Actor(pos, pos + len(name), region, "list"))
                pos += len(name) + 1
            if len(found) == len(names):  # all or nothing: a list of real units, not of words
                out.extend(found)
        return out

    def _listed_unit(self, root: Region, name: str, words: Sequence[str]) -> Region | None:
        return next((r for w in words if (r := self._unit_by_short(root, name, w)) is not None), None)

    def _unit_by_short(self, root: Region, name: str, word: str) -> Region | None:
        suffixes = _SUFFIX_OF_WORD.get(word, (word,))
        levels = _LEVEL_WORDS.get(word, ())
        hits: list[Region] = []
        for suffix in suffixes:
            hits.extend(r for r in self.gazetteer.under(root.code, name + suffix) if r.level in levels)
        if not hits:
            hits = [
                r
                for r in self.gazetteer.lookup(name)
                if r.level in levels and r.name.endswith(suffixes) and self.is_below(r, root)
            ]
        unique = {r.code: r for r in hits}
        return next(iter(unique.values())) if len(unique) == 1 else None

    # -- choice ---------------------------------------------------------------------------------
    def _after_ancestors(self, text: str, region: Region) -> str:
        """``text`` without the names of units above ``region`` that open it (台州路桥 → 路桥 → '')."""
        names = [n for r in self.chain(region)[1:] for n in (r.name, r.short) if n and len(n) >= 2]
        while (name := next((n for n in names if text.startswith(n)), None)) is not None:
            text = text[len(name) :]
        return text

    def _ancestors_only(self, text: str, region: Region) -> bool:
        """Whether ``text`` is only the names of units above ``region`` (台州 before 路桥公安甲派出所)."""
        return bool(text) and not self._after_ancestors(text, region)

    def _opening(self, sentence: str, actors: Sequence[Actor], unit: int, clause_start: int) -> list[Actor]:
        """The sentence's opening subject: the actor heading the first clause that names one
        (今年以来，甲镇…; 在甲镇，…), when only time words, list marks or 在 stand before it."""
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, unit, clause_start)]
        starts = [unit, *breaks]
        for k, start in enumerate(starts):
            end = breaks[k] - 1 if k < len(breaks) else clause_start
            inside = [a for a in actors if start <= a.start < end]
            if inside and sentence.startswith("在", start) and k + 1 < len(starts):
                # 在旗所在地甲镇，乙社区把…: a clause that only sets the scene, then a smaller unit
                # heading the next clause is the one that acts
                setting = inside[-1]
                nxt_start = starts[k + 1]
                nxt_end = breaks[k + 1] - 1 if k + 1 < len(breaks) else clause_start
                following = [a for a in actors if nxt_start <= a.start < nxt_end]
                if (
                    sentence[setting.end : breaks[k]].strip(",，") == ""
                    and following
                    and _LEAD.match(sentence[nxt_start : following[0].start])
                    and _RANK[following[0].region.level] > _RANK[setting.region.level]
                    and _ACTS_NEXT.match(sentence, following[0].end)
                ):
                    return [following[0]]
            if inside:
                lead = sentence[start : inside[0].start]
                if not _LEAD.match(lead):
                    # 台州路桥公安甲派出所…: the prefecture's name written before its own station
                    # only says where the station lies; the station still opens the sentence
                    bare = _LEAD_PREFIX.match(lead)
                    if not self._ancestors_only(lead[bare.end() if bare else 0 :], inside[0].region):
                        return []
                head = inside[0]
                for nxt in inside[1:]:
                    # 在甲镇乙社区，…: units written one after the other, the smaller one acts; so
                    # does a station written after its county's bureau (甲县公安乙派出所)
                    gap = sentence[head.end : nxt.start] if nxt.start >= head.end else "-"
                    if not _BUREAU_GAP.match(gap) or _RANK[nxt.region.level] <= _RANK[head.region.level]:
                        break
                    head = nxt
                # 甲、乙派出所走进…: units listed at the head of the clause open it together
                heads = [head]
                for nxt in inside:
                    if nxt.start < heads[-1].end:
                        continue
                    gap = sentence[heads[-1].end : nxt.start]
                    together = gap in ("与", "和", "同") and _TOGETHER_AFTER.match(sentence, nxt.end)
                    if not together and (
                        not gap or not _CLAUSE_GAP.match(gap) or nxt.region.level != head.region.level
                    ):
                        break
                    heads.append(nxt)
                for later in starts[k + 1 :] if "其中" in sentence else ():
                    # …共调处纠纷310件，其中乙镇设立…，调处纠纷42件: a part named after 其中 heads the
                    # clauses after it in place of the sentence's opening subject
                    part = next((a for a in actors if later <= a.start < clause_start), None)
                    if (
                        part is not None
                        and _part_after(sentence, part)
                        and _LEAD.match(sentence[later : part.start])
                    ):
                        return [part]
                return heads
        return []

    @staticmethod
    def _partner(sentence: str, actors: Sequence[Actor], unit: int, clause_start: int) -> Actor | None:
        """The unit a subjectless unit of the sentence opens with as a partner (同时与乙镇共同…,
        还和乙县公安局联合…): it acts together with whoever the sentence or paragraph is about."""
        brk = _CLAUSE_BREAK.search(sentence, unit)
        first_end = brk.start() if brk else len(sentence)
        inside = [a for a in actors if unit <= a.start < first_end]
        if not inside or inside[0].rule not in ("place", "agency"):
            return None
        head = inside[0]
        opening = sentence[unit : head.start]
        lead = _LEAD_PREFIX.match(opening)
        gap = opening[lead.end() if lead else 0 :]
        if not _WITH.match(gap) or _TOGETHER_AFTER.match(sentence, head.end) is None:
            return None
        return head

    def opening_unit(self, sentence: str, actors: Sequence[Actor]) -> Region | None:
        """The town, street, community or village (never a county or above) named as the subject
        that opens ``sentence`` (今年以来，甲镇…; 在甲社区，…), or None."""
        heads = self._opening(sentence, actors, 0, len(sentence))
        if len(heads) != 1 or heads[0].rule not in ("place", "agency") or _part_after(sentence, heads[0]):
            return None
        region = heads[0].region
        return region if region.level in ("township", "community", "village") else None

    def opening_below(self, ctx: ReportContext, sentence: str, actors: Sequence[Actor]) -> Region | None:
        """The one unit strictly below the report's subject (a county in a province's report
        included) that opens ``sentence`` as the subject of a verb of doing (甲县依托…, 甲县建立…;
        not 甲县外来人口多, which only describes it), or None."""
        heads = self._opening(sentence, actors, 0, len(sentence))
        if len(heads) != 1 or heads[0].rule not in ("place", "agency") or ctx.subject is None:
            return None
        if _part_after(sentence, heads[0]):
            return None
        if not _ACTS_NEXT.match(sentence, heads[0].end):
            return None
        region = heads[0].region
        below = region.code != ctx.subject.code and self.is_below(region, ctx.subject)
        return region if below else None

    def _upper_head(self, ctx: ReportContext, sentence: str, actors: Sequence[Actor], unit: int) -> bool:
        """Whether the sentence opens with a unit above the report's subject as its subject: the
        country (我国, 全国), one of the subject's ancestors by name (海南省建立…, 省委政法委推行…)
        or by its level (省级层面, 省里, 市级层面), not followed by a unit of its own (海南省澄迈县
        is the county)."""
        at = _head_at(sentence, actors, unit)
        head = sentence[at:]
        brk = _CLAUSE_BREAK.search(sentence, at)
        if any(at <= a.start < (brk.start() if brk else len(sentence)) for a in actors):
            return False  # 重庆市公安局渝北区分局…: a unit of its own acts in the opening clause
        if _NATION_HEAD.match(head):
            return True  # 我国…, 全国各地…: the country, above every report's subject
        ancestors = [r for c in ctx.scope[1:] if (r := self.gazetteer.get(c)) is not None]
        for r in ancestors:
            for name in (r.name, r.short):
                if not name or len(name) < 2 or not head.startswith(name):
                    continue
                end = at + len(name)
                if _SMALLER_UNIT.match(sentence, end):
                    return False  # 济阳大街社区: a unit below, named after the ancestor's short name
                rest = sentence[end : end + 3]
                return not rest[:1] or rest[0] not in "、和与及等"
            # 全区/区委 above a 旗 or a 县 of an autonomous region is that region
            autonomous = r.level == "province" and r.name.endswith("自治区")
            words = _upper_words(r.level) + (("区",) if autonomous else ())
            for word in words:
                if ctx.subject is not None and ctx.subject.name.endswith(word):
                    continue  # 市委 in a county-level city's report is that city's own
                if _UPPER_WORD_HEADS[word].match(head):
                    return True
        return False

    @staticmethod
    def _zone_head(sentence: str, actors: Sequence[Actor], unit: int) -> bool:
        """Whether the sentence's subject is a functional zone named with no unit of its own
        (经济开发区推行…, 迈入新阶段的高新区…): a zone is no region (guideline 9), so its deeds go
        to no unit, not to the report's subject."""
        at = _head_at(sentence, actors, unit)
        brk = _CLAUSE_BREAK.search(sentence, at)
        if any(at <= a.start < (brk.start() if brk else len(sentence)) for a in actors):
            return False  # 甲市经济开发区…: the unit named with the zone acts
        # 经 heads both a lead-in word (经调解) and 经济开发区: try each start within the time words
        first = _head_at(sentence, actors, unit, time_words=False)
        return any(_ZONE_HEAD.match(sentence, i) for i in range(first, at + 1))

    @staticmethod
    def _own_deed_above(sentence: str, m: RegionMention) -> bool:
        """Whether a unit above the subject, named by its name, heads its clause with a deed of its
        own (甲镇推行“X”模式 in one of its villages' reports) in a sentence where nothing is
        directed, inspected, promoted or awarded: it acts, as a city body doing its own work does."""
        opens = (
            m.start == 0
            or sentence[m.start - 1] in "，,。；;：:"
            or _LEAD_PREFIX.fullmatch(sentence, 0, m.start)
        )
        return bool(opens) and _OWN_DEED.match(sentence, m.end) is not None and not _DIRECTS.search(sentence)

    @staticmethod
    def _opens_with_this(sentence: str, unit: int) -> bool:
        """Whether the unit's subject, after time words, is 这个/这支… (the thing named just before)."""
        lead = _LEAD_PREFIX.match(sentence, unit)
        return _THIS_ONE.match(sentence, lead.end() if lead else unit) is not None

    @staticmethod
    def _founded_in(sentence: str, actors: Sequence[Actor], pos: int) -> list[Actor]:
        """The unit after ``pos`` in its clause written as 在<unit>成立 (the practice founded there)."""
        brk = _CLAUSE_BREAK.search(sentence, pos)
        end = brk.start() if brk else len(sentence)
        after = [a for a in actors if pos <= a.start and a.end <= end]
        for k, a in enumerate(after):
            if not _FOUNDED_IN.match(sentence, a.end):
                continue
            first = k
            while first > 0 and after[first - 1].end == after[first].start:
                first -= 1  # 在甲区乙街道丙社区: the chain of units written one after the other
            if sentence[after[first].start - 1 : after[first].start] == "在":
                return [a]
        return []

    def resolve(
        self,
        ctx: ReportContext,
        sentence: str,
        actors: Sequence[Actor],
        pos: int,
        previous: Region | None,
        paragraph: Region | None = None,
        opened_before: Region | None = None,
    ) -> ActorChoice:
        """The unit(s) adopting a practice named at ``pos`` in ``sentence``; ``paragraph`` is the
        town, street, community or village opening its paragraph (:meth:`opening_unit`), if any;
        ``opened_before`` the unit below the subject that opened the sentence just before it, in
        the same paragraph, as its subject (:meth:`opening_below`)."""
        clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, pos)), default=0)
        # A semicolon opens a new unit with a subject of its own (A街道…；B街道…).
        unit = max((m.end() for m in _UNIT_BREAK.finditer(sentence, 0, pos)), default=0)
        lead = self._opening(sentence, actors, unit, clause_start)
        pilot = _pilot_site(sentence, actors, unit, pos)
        if pilot is not None:
            return ActorChoice((pilot.region,), pilot.rule, RULE_CONFIDENCE[pilot.rule])
        own = [a for a in actors if a.start < pos and a.start >= clause_start]
        # 甲社区被定为全市首批“X”试点社区: 全市 before 首批/第一 only ranks the unit named before it
        own = [
            a
            for a in own
            if not (a.rule == "pronoun" and _FIRST_OF.match(sentence, a.end) and own[0].start < a.start)
        ]
        if not own and _STUDIED_AT.search(sentence, clause_start, pos) is not None:
            return ActorChoice((), "visit", 0.0)  # 在甲州学习X: the host's X, no one adopts it here
        # 区法院…，在甲、乙等法庭设立… / 县里还在甲、乙等景区…: once a subject has spoken, 在X is
        # where it acts, not who acts
        own = [
            a
            for a in own
            if not (
                _locative(sentence, a, own)
                and any(unit <= b.start < a.start and not _locative(sentence, b, own) for b in actors)
            )
        ]
        # 甲村作为越剧诞生地，把普法搬上了戏台: a unit introduced by 作为 (as …) in the clause just
        # before is the subject of this one
        if not own and clause_start > unit:
            prev_start = max(
                (m.end() for m in _CLAUSE_BREAK.finditer(sentence, unit, clause_start - 1)), default=unit
            )
            as_role = [
                a
                for a in actors
                if prev_start <= a.start and a.end < clause_start and sentence.startswith("作为", a.end)
            ]
            if as_role:
                own = as_role[-1:]
        if all(_FIRST_OF.match(sentence, a.end) for a in own):
            # 首支X队伍在甲区乙街道丙社区成立: the unit where the practice named before it is founded,
            # even after 全市首家 (the city only ranks it first)
            own = self._founded_in(sentence, actors, pos) or own
        partner = self._partner(sentence, actors, unit, clause_start)
        if partner is not None and (not own or [a.start for a in own] == [partner.start]) and not lead:
            # 甲镇…；同时与乙省某县某镇共同建立…，两镇联合调处…: the unit carried from before and
            # the partner named after 与 act together in the clauses of this unit
            rest = [a for a in actors if a.start != partner.start]
            base = self.resolve(ctx, sentence, rest, max(unit - 1, 0) if unit else pos, previous, paragraph)
            if base.regions:
                together = (*base.regions, *(r for r in (partner.region,) if r not in base.regions))
                return ActorChoice(together, "list", RULE_CONFIDENCE["list"])
        carried = 0  # where the unit whose subject the practice's clause carries starts
        if unit and not own and not lead:
            # 甲镇建立X；推行Y…: a unit after a semicolon that names no subject of its own goes on
            # with the sentence's opening subject (这里… included), as a clause after a comma does
            first_end = next(_UNIT_BREAK.finditer(sentence)).start()
            lead = self._opening(sentence, actors, 0, first_end)
            carried = 0
        else:
            carried = unit
        if not own and not lead:
            # 自推行X以来，甲镇…; 通过X，甲社区…: the practice in a fronted clause is done by the
            # unit heading the clause after it
            lead = _fronted(sentence, actors, pos, unit, clause_start)
        if not own and not lead:
            # “X”模式已在甲县全面推开: a practice heading its clause, rolled out in the unit after 在
            lead = _rolled_out_in(sentence, actors, pos)
        # An actor governs its own clause; only the sentence's opening subject carries further.
        if own:
            before, rule = own, None
        elif lead:
            before, rule = lead, "opening"
        else:
            before, rule = [], None
        if before:
            last = before[-1]
            if rule is None and _UNPLACED_ITEM.search(sentence, last.end, pos):
                # 甲司法所“X”、乙司法所“Y”: a list item whose station is named after no 区划 unit
                # (乙 is a 管委会, a farm, 城关) is its county's, not the previous item's town
                county = next((r for r in self.chain(last.region) if r.level == "county"), None)
                if county is not None:
                    return ActorChoice((county,), "agency", RULE_CONFIDENCE["agency"])
            if rule is None and sentence[last.end : pos] in ("", "“", '"', "「"):
                # 甲区“X”、乙区“Y”等: a name written right after a unit is that unit's own
                return ActorChoice((last.region,), last.rule, RULE_CONFIDENCE[last.rule])
            group = [last]
            edge = last.start  # where the list item named last so far begins, its qualifier included
            # A list of units (A、B、C等) acts together.
            for a in reversed(before[:-1]):
                if sentence[a.end : edge] == "的" and _RANK[a.region.level] < _RANK[group[-1].region.level]:
                    edge = a.start  # 湖南的乙镇: the province only says where the unit after it lies
                    continue
                gap = sentence[a.end : edge]
                paired = _TOGETHER_AFTER.match(sentence, last.end) is not None
                joint = _JOINT.match(gap) is not None or (
                    _WITH_GAP.match(gap) is not None and (paired or gap not in ("与", "和", "同"))
                )
                if joint or (_CLAUSE_GAP.match(gap) and a.region.level == last.region.level):
                    group.append(a)
                    edge = a.start
                else:
                    break
            regions: list[Region] = []
            for a in reversed(group):
                if a.region.code not in {r.code for r in regions}:
                    regions.append(a.region)
            first = group[-1]
            # 全面推广乌兰县“X”经验: the originator and the region spreading it both adopt.
            spreads = _PROMOTES.search(sentence[: first.start]) is not None
            if spreads and ctx.subject is not None and ctx.subject.code not in {r.code for r in regions}:
                regions.append(ctx.subject)
            found = "list" if len(group) > 1 else last.rule
            if rule is None:
                return ActorChoice(tuple(regions), found, RULE_CONFIDENCE[found])
            confidence = min(RULE_CONFIDENCE[rule], RULE_CONFIDENCE[found])
            return ActorChoice(tuple(regions), f"{rule}-{found}", confidence)
        if previous is not None and (sentence.startswith("其") or self._opens_with_this(sentence, carried)):
            return ActorChoice((previous,), "continues", RULE_CONFIDENCE["continues"])
        speaker = _speaker(sentence, actors, pos)
        if speaker is not None:
            return ActorChoice((speaker.region,), speaker.rule, RULE_CONFIDENCE[speaker.rule])
        if self._upper_head(ctx, sentence, actors, carried):
            return ActorChoice((), "upper", 0.0)  # 省级层面建立…: the level above acts, not the subject
        if self._zone_head(sentence, actors, carried):
            return ActorChoice((), "zone", 0.0)  # 经济开发区推行…: a functional zone, no region
        if opened_before is not None and _VERB_OPENS.match(sentence, _lead_end(sentence, carried)):
            # 甲县依托综治中心…。建立“X”机制…。: a sentence opening with its verb goes on with the
            # unit that opened the one before it, not with the report's subject
            return ActorChoice((opened_before,), "continues", RULE_CONFIDENCE["continues"])
        if paragraph is not None:  # 甲镇…。（no subject）…。: the paragraph's opening town
            return ActorChoice((paragraph,), "paragraph", RULE_CONFIDENCE["paragraph"])
        if ctx.subject is not None and not ctx.zone:
            return ActorChoice((ctx.subject,), "subject", RULE_CONFIDENCE["subject"])
        return ActorChoice((), "subject", 0.0)


# A functional zone heading a clause, bare or after a short modifier ending in 的 (迈入新阶段的
# 经济开发区): not a region (guideline 9)
_ZONES = "经济技术开发区|经济开发区|经开区|高新技术产业开发区|高新区|开发区|工业园区|产业园区"
_ZONE_HEAD = re.compile(
    rf"(?:[^，,。；;：:“”]{{1,16}}的)?(?:{_ZONES})"
    r"(?![\u4e00-\u9fff]{0,4}(?:派出所|司法所|法庭|检察室|分局))"
)


_ZONE_WORD = re.compile(_ZONES)
# how far into the text the zone must be named for the report to be the zone's own
_ZONE_OPENING = 200


def zone_report(text: str, subject: Region | None) -> bool:
    """Whether the report is a functional zone's own: the zone is named in its opening lines and
    more often than the subject region is named alone (甲经开区召开…; 经开区党工委…; 全区…). The
    subject then was read off the zone's name or a guest list; a county named with its own park
    (甲县工业园区) keeps its report, the park lying in it."""
    zones = [m for m in _ZONE_WORD.finditer(text) if _own_zone(text, m.start(), m.end())]
    if len(zones) < 2 or zones[0].start() >= _ZONE_OPENING:
        return False
    if subject is None:
        return True
    own = alone = 0
    for m in re.finditer(re.escape(subject.short or subject.name), text):
        own += 1
        if not _ZONE_WORD.match(text, m.end()):
            alone += 1
    if subject.level in ("county", "township") and own > alone:
        return False  # 甲县经济开发区: the zone lies in the county named with it
    return len(zones) > alone


_ZONE_LISTED_AFTER = ("、", "和", "及", "与", "（", "(", "分局")


def _own_zone(text: str, start: int, end: int) -> bool:
    """Whether the zone word at ``text[start:end]`` names one zone, not a kind of unit in a list
    (各县区、开发区, 县（市、区）和开发区) nor a zone's police branch (高新区分局)."""
    before = text[start - 1] if start else "\n"
    return before not in "、各和及与" and not text.startswith(_ZONE_LISTED_AFTER, end)


def _head_at(sentence: str, actors: Sequence[Actor], unit: int, time_words: bool = True) -> int:
    """Where the subject of the unit starting at ``unit`` begins: after short lead-in clauses that
    name no unit (据了解，/为此，) and, with ``time_words``, after time words (今年以来)."""
    at = unit
    for _ in range(2):
        # 据了解，/为此，/在此基础上，…: a short lead-in clause naming no unit comes before the subject
        brk = _CLAUSE_BREAK.search(sentence, at)
        if brk is None or any(at <= a.start < brk.start() for a in actors):
            break
        short = brk.start() - at <= _LEAD_IN and _LEAD_IN_CLAUSE.fullmatch(sentence, at, brk.start())
        if not short and not _REPORTER_LEAD.fullmatch(sentence, at, brk.start()):
            break
        at = brk.end()
    lead = _LEAD_PREFIX.match(sentence, at) if time_words else None
    return lead.end() if lead else at


# 某某是甲县公安局乙派出所丙村警务室社区民警，…: a clause opening a sentence that introduces a person
# (a name of two or three characters) as an officer or worker of the units it names
_PERSON_INTRO = re.compile(
    r"(?![这那该此其我他她它本])([\u4e00-\u9fff]{2,3})是[^，,。；;！!？?“”]{4,40}?"
    r"(?:民警|辅警|调解员|网格员|法官|检察官|所长|庭长|站长|书记|主任|队长|干部|联防队员|志愿者)(?=[，,。！!]|$)"
)
# 甲派出所所长某某表示，…: the head of a body (a title, a name) reporting its work
_OFFICER_SPEAKS = re.compile(
    r"(?:党委|党支部|党组)?(?:副)?(?:书记|主任|所长|局长|院长|庭长|检察长|政委|教导员|站长|负责人|负责同志)"
    r"[\u4e00-\u9fff]{0,4}?(?:表示|介绍|说|告诉记者|坦言)[:：，,]"
)
# Words of a body above directing, checking, promoting or honouring the units below it
_DIRECTS = re.compile(
    r"部署|要求|指导|督导|督查|检查|调研|推广|表彰|号召|印发|转发|通报|召开|组织召开|考核|考评|验收|肯定|批示|指示|"
    r"观摩|学习|借鉴|评为|授予|命名|下发"
)
# The body heads its own clause with a deed: 甲市公安局已累计…, 甲市公安局持续开展…
_OWN_DEED = re.compile(
    r"(?:还|也|已|已经|今年以来|近年来|持续|不断|积极|深入|全面|累计|共)*[^，,。；;]{0,6}?"
    r"(?:开展|建立|建成|推行|组建|打造|排查|化解|调处|破获|打掉|侦破|抓获|查处|搭建|完善|设立|实施|创新)"
)
_SPEECH_VERB = re.compile(r"[^，,。；;“”]{0,30}?(?:说|表示|介绍|告诉|坦言|感慨)")


def _clause_units(
    sentence: str, actors: Sequence[Actor], unresolved: Sequence[UnresolvedPlace]
) -> list[Actor]:
    """甲街道推行…，乙社区组建…: a community the 区划 data does not list, heading a later
    clause of a sentence that one town or street opens, lies in that town or street (the nearest
    known unit, guideline 10) and acts in its own clause."""
    towns = [a for a in actors if a.rule in ("place", "agency") and a.region.level == "township"]
    if len({a.region.code for a in towns}) != 1:
        return []
    town = towns[0]
    out: list[Actor] = []
    for u in unresolved:
        level = sub_county_level(u.surface)
        if (
            level != "community"
            or not u.surface.endswith("社区")
            or len(u.surface) < 4
            or u.offset <= town.end
        ):
            continue  # a 村 found by pattern is too often a verb's object (协助村“两委”)
        if sentence[u.offset - 1 : u.offset] not in ("，", ",", "；", ";"):
            continue  # heading its own clause, not a place inside another's
        u_end = u.offset + len(u.surface)
        if any(a.start < u_end and u.offset < a.end for a in actors):
            continue
        out.append(Actor(u.offset, u_end, local_unit(u.surface, level or "", town.region.code), "place"))
    return out


# 、乙司法所“Y”: a list item headed by a station (its name no unit found) right before the name
_UNPLACED_ITEM = re.compile(
    r"、[\u4e00-\u9fff]{2,6}?(?:派出所|司法所|人民法庭|法庭|警务室|警务站)(?:[“\"「][^”\"」、，,]{0,12}[”\"」]?)?$"
)
# A fronted adverbial clause: since, through, relying on, for … (自推行…以来，通过…，为化解…，);
# 作为…试点城市，甲市…: an apposition saying what the unit heading the next clause is
_FRONTED = re.compile(r"\s*(?:自|从|通过|依托|借助|围绕|针对|为了|作为|为)(?![\u4e00-\u9fff]{0,2}[,，])")


def _part_after(sentence: str, head: Actor) -> bool:
    """Whether ``head`` opens a later clause after 其中 (…出具意见236件，其中甲镇…): a part of what
    the clauses before it counted, the subject of the clauses after it but not of the sentence."""
    brk = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, head.start)), default=0)
    return brk > 0 and "其中" in sentence[brk : head.start]


def _fronted(sentence: str, actors: Sequence[Actor], pos: int, unit: int, clause_start: int) -> list[Actor]:
    """The unit heading the clause after the fronted clause ``pos`` lies in, when that clause
    opens its unit with 自, 通过, 依托 … and names no unit itself (自实行X以来，甲市组织…)."""
    if clause_start != unit or not _FRONTED.match(sentence, unit):
        return []
    brk = _CLAUSE_BREAK.search(sentence, pos)
    if brk is None or brk.group() not in ",，":
        return []
    if any(unit <= a.start < brk.start() for a in actors):
        return []
    after = next((a for a in actors if a.start >= brk.end()), None)
    if after is None or not after.explicit or not _LEAD.match(sentence[brk.end() : after.start]):
        return []
    return [after]


# …已在甲县全面推开 / 已在全县各乡镇推广: where a practice, the topic of its clause, has been rolled out
_ROLLED_OUT = re.compile(
    r"(?:已|已经|现已|目前已|均已)在([^，,。；;：:]{2,16}?)(?:全面|全域|全部|逐步|陆续|广泛|普遍)?"
    r"(?:推开|推广|铺开|推行|实施|落地|覆盖|施行)"
)


def _rolled_out_in(sentence: str, actors: Sequence[Actor], pos: int) -> list[Actor]:
    """The unit a practice named at ``pos`` has been rolled out in, written after 已在 later in the
    same clause (“X”新模式已在甲县全面推开): the practice is in place there, whoever spread it."""
    brk = _CLAUSE_BREAK.search(sentence, pos)
    m = _ROLLED_OUT.search(sentence, pos, brk.start() if brk else len(sentence))
    if m is None:
        return []
    inside = [a for a in actors if a.explicit and m.start(1) <= a.start and a.end <= m.end(1)]
    return inside[-1:] if inside and inside[0].start == m.start(1) else []


def _speaker(sentence: str, actors: Sequence[Actor], pos: int) -> Actor | None:
    """The unit of whoever says the quotation holding ``pos``: “我们…探索出X”，某街道负责人说."""
    open_at = sentence.rfind("“", 0, pos)
    if open_at < 0 or sentence.rfind("”", open_at, pos) >= 0:
        return None
    close = sentence.find("”", pos)
    if close < 0:
        return None
    after = close + 1
    if sentence[after : after + 1] in ("，", ","):
        after += 1
    if not _SPEECH_VERB.match(sentence, after):
        return None
    return next((a for a in actors if a.start == after and a.explicit), None)


# The words between a unit's name and 中心 in a centre's own name: no punctuation, no verb of
# setting up or going (在甲镇建成…中心 / 到甲镇…中心 name where a centre is, not whose)
_CENTRE_NAME = re.compile(r"[\u4e00-\u9fff]{2,16}")
_NOT_IN_CENTRE_NAME = re.compile(r"建|设立|成立|打造|召开|举行|参观|观摩|调研")


def _centre_owner(sentence: str, regions: Sequence[RegionMention], end: int) -> Region | None:
    """The unit whose name heads the centre named up to ``end`` (甲镇社会矛盾多元预防联调中心 is
    甲镇's), or None."""
    before = [m for m in regions if m.end < end - 2 and m.role == "actor"]
    if not before:
        return None
    m = before[-1]
    words = sentence[m.end : end - 2]
    if _CENTRE_NAME.fullmatch(words) is None or _NOT_IN_CENTRE_NAME.search(words):
        return None
    return m.region


def _homes(sentence: str, regions: Sequence[RegionMention]) -> set[int]:
    """Where the units written as a named resident's home start (甲乡乙村村民张某: both)."""
    homes: set[int] = set()
    ahead = -1  # where the home written after the unit being looked at starts
    for m in sorted(regions, key=lambda r: r.start, reverse=True):
        if m.end == ahead or _RESIDENT_NAMED.match(sentence, m.end):
            homes.add(m.start)
            ahead = m.start
    return homes


# 获得甲区“X奖”, 被甲县评为…: a unit written between an award verb and the award gives it
_GIVER_BEFORE = re.compile(r"(?:获得|荣获|获评|获|被|受到)了?$")
_GIVER_AFTER = re.compile(r"^[^,，;；。]{0,30}?(?:奖|称号|荣誉|表彰|命名|评为|授予|授牌)")


def _award_giver(sentence: str, start: int, end: int) -> bool:
    """Whether the unit at ``sentence[start:end]`` only gives an award (获得甲区“X奖”)."""
    before = _GIVER_BEFORE.search(sentence, max(0, start - 3), start) is not None
    return before and _GIVER_AFTER.match(sentence[end:]) is not None


def _under_city(region: Region) -> bool:
    """Whether a township lies right under a prefecture-level city with no counties (中山, 东莞):
    its parent's code is a prefecture's (its last two digits 00, not a province's 0000)."""
    code = region.parent_code or ""
    return len(code) == 6 and code.endswith("00") and not code.endswith("0000")


def visitor(sentence: str, end: int) -> bool:
    """Whether the body or place ending at ``end`` heads a visiting group (甲市委政法委考察团,
    乙市第二调研组, 丙县人大常委会副主任某某一行): the group looks at others' work, so its unit
    acts in nothing it sees."""
    return _DELEGATION.match(sentence, end) is not None or _LEADER_PARTY.match(sentence, end) is not None


def destination(sentence: str, start: int, end: int) -> bool:
    """Whether the unit at ``sentence[start:end]`` is where visitors go to look (赴甲镇调研, 到甲村、
    乙村学习考察) or to work (赴甲县开展共建): a destination, not the actor of its clause."""
    if _GO_TO.search(sentence, 0, start) is None:
        # 考察组在甲州学习…: the place where visitors study, written after 在, is their host
        return _STUDY_AT.search(sentence, 0, start) is not None and _STUDIED.match(sentence, end) is not None
    return _TO_LOOK.match(sentence[end:]) is not None or _WORK_THERE.match(sentence[end:]) is not None


def _author_above(ctx: ReportContext, pronoun: str) -> bool:
    """Whether a first-person 我市 (我州, 我省 …) names a unit above a subject it cannot stand for:
    the writer speaks for that unit (a city's report on one of its counties says 我市 for the city,
    never for the county), so it acts, unlike 全市 or 市委 in a county's own report."""
    subject = ctx.subject
    return pronoun[0] == "我" and subject is not None and not _fits_word(subject, pronoun[1])


# A sentence whose subject is left unwritten and that opens with a verb of doing (建立…, 推行…)
_VERB_OPENS = re.compile(
    r"(?:同时|还|并|又|另外|此外)?[,，]?(?:建立|推行|实施|探索|打造|创新|设立|组建|成立|开展|整合|深化|构建|"
    r"完善|健全|出台|制定|搭建|引入|推出|开通|创建|培育|聘请|选派)"
)


def _lead_end(sentence: str, at: int) -> int:
    lead = _LEAD_PREFIX.match(sentence, at)
    return lead.end() if lead else at


def _upper_words(level: str) -> tuple[str, ...]:
    return _UPPER_WORDS.get(level, ())


_UPPER_WORDS = {
    "province": ("省", "自治区"),
    "prefecture": ("市", "州", "盟", "地区"),
    "county": ("县", "区", "旗", "市"),
    # 镇里/镇党委/全镇… in a village's or a community's report: the town above it
    "township": ("镇", "乡", "街道", "苏木"),
}
# 省级层面, 市里, 县委 …: a level word above the subject heading the sentence as its subject.
# 我国/全国 heading a sentence (not 全国首家…, 全国先进…, which qualify a unit or an honour).
# A central body heading it (由中央网信办…指导的…宣传活动启航; 中央政法委…部署) acts above every
# report's subject too (not 中央大街, a street).
_NATION_HEAD = re.compile(
    r"(?:我国|全国)(?!首|第|率先|唯一|先进|示范|优秀|百强|文明|模范|一流|前列)"
    r"|中央(?:政法委|网信办|宣传部|组织部|社会工作部|文明办|纪委|综治委|依法治国办|办公厅"
    r"|[\u4e00-\u9fff]{0,6}?(?:委员会|领导小组|办公室))"
    # 国家某某局会同各部委…, 公安部要求…: a central ministry or administration (not 公安部门, 国家级)
    r"|国家(?!级)[\u4e00-\u9fff]{1,6}?(?:局|委|部|署)(?!门)|(?:公安|司法|民政|农业农村|应急管理)部(?!门)"
    r"|最高人民(?:法院|检察院)|国务院"
)
# 全省社区民警… in a county's report: the whole level above acts (not 全市首家, which ranks a unit);
# 市公安局…/市中院… in a district's report: a body of the level above (not 市场…, 县城…, 区域…)
_UPPER_WORD_HEADS = {
    word: re.compile(
        f"{word}(?:级层面|级|里|委|政府|党委)|全{word}(?!首|第|率先|唯一|前列|领先|最)"
        f"|{word}(?![场民县区镇乡街城域])[\u4e00-\u9fff]{{0,4}}?(?:局|院|办|中心)"
    )
    for words in _UPPER_WORDS.values()
    for word in words
}


def _pilot_site(sentence: str, actors: Sequence[Actor], unit: int, pos: int) -> Actor | None:
    """The town, street, community or village the sentence's unit names as a pilot site before
    ``pos`` (在甲镇试点推行X, 以甲镇为试点…打造X), when no other unit is named between it and the
    practice: the site carries the practice out, not the body above that chose it."""
    before = [a for a in actors if unit <= a.start and a.end <= pos]
    if not before:
        return None
    site = before[-1]
    if site.rule not in ("place", "list") or site.region.level not in ("township", "community", "village"):
        return None
    head = sentence[unit : site.start]
    at = head.endswith("在") and _PILOT_AT.match(sentence, site.end) is not None
    chosen = _PILOT_CHOICE.search(head) is not None and _PILOT_AS.match(sentence, site.end) is not None
    return site if at or chosen else None


def _locative(sentence: str, actor: Actor, clause: Sequence[Actor]) -> bool:
    """Whether a place stands after 在 (alone or as a later member of 在甲、乙 …): a location."""
    if actor.rule not in ("place", "list"):
        return False
    head = sentence[: actor.start]
    if head.endswith("在"):
        return True
    if head.endswith("、"):
        earlier = [a for a in clause if a.end <= actor.start]
        return bool(earlier) and _locative(sentence, earlier[-1], clause)
    return False


def level_heads(text: str, word: str) -> int:
    """How many sentences of ``text`` open with the bare level word ``word`` as their subject
    (街道建立了…): each names the unit of that level the text is about."""
    return sum(1 for m in _LEVEL_HEADS.finditer(text) if m.group(1) == word)


def _fits_word(region: Region, word: str) -> bool:
    """Whether a level word (县, 镇, 街道 …) can stand for ``region``."""
    levels = _LEVEL_WORDS.get(word, ())
    if region.level not in levels:
        return False
    if word in ("县", "区", "旗", "市"):
        return region.name.endswith(word) or (word == "县" and region.name.endswith("自治县"))
    if word in ("镇", "乡", "街道", "苏木", "社区", "嘎查"):
        return region.name.endswith(word) or (word == "乡" and region.name.endswith("苏木"))
    return True
