"""Agency recognition and normalisation: 市委政法委 in a 包头 report -> 中共包头市委政法委员会.

The kinds, their surfaces and full-name templates live in ``data/agencies.yaml``. A mention is
a surface (公安局, 中院, 委政法委 ...) plus the region prefix written before it: a region name
(包头市, 东河区, 包头) or a lone level word (市, 区) that stands for the report's region of that
level. Regions are resolved only through the :class:`RegionLookup` protocol.

Every recognised body is returned; ``acting`` is False where the sentence does not show it
doing local work (the guideline's exclusions), decided from the sentence's structure:

- a meeting, office-holder or task force of the body (市委常委会, 市委书记, 扫黑办工作专班);
- a place where something is set up (在法院、公安局等部门设立调解室);
- a leading group that is only being set up (成立…领导小组);
- the giver of an award or praise (被省委政法委表彰; 受到…领导小组表彰), or a body that only
  receives one (…领导小组被…授予);
- a body cited as the source of decisions being carried out (落实市委市政府决策部署);
- a provincial body in a report about a lower region, cited as the source of instructions.

Generic plurals (公安机关, 全市两级法院, 各级法院) carry no resolvable prefix, so they never
become mentions at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from govkg.loaders.extraction import LEVELS, Region
from govkg.loaders.prefilter import gate_any

__all__ = ["AgencyMatcher", "AgencyMention", "RegionLookup", "agency_key"]

DEFAULT_PATH = Path(__file__).with_name("data") / "agencies.yaml"
LEVEL_WORDS = "市区县州旗盟省"
_MAX_PREFIX = 12
# Words that make a would-be prefix a class of units (示范乡镇, 基层社区) rather than one unit.
_GENERIC_PREFIX = re.compile(
    r"^(?:示范|基层|重点|所有|各|全|本级|村级|镇级|乡级|县级|市级)|(?:乡镇|镇街|街镇|村居|村组)$"
)
# What joins the bodies of one list (甲县法院、检察院、公安局; 县法院和检察院), and the levels whose
# bodies a list written without their prefix may share (a county, a city, a province)
_LIST_JOINS = frozenset(("、", "和", "及", "与"))
_LISTING_LEVELS = frozenset(("county", "prefecture", "province"))
_NOT_IN_PREFIX = re.compile(r"[\s,，。;；:：、!！?？“”\"'‘’《》()（）\d]")
# 甲县民政局和乙县民政局: a body and a join word end one list item, so no prefix of the next body
# runs back over them (the second body is 乙县's, not 甲县's)
_BODY_JOINED = re.compile(r"(?:局|院|委|所|庭|队|办|厅|政府)[和及与]")

_MEETING_OR_PERSON = re.compile(
    r"(?:常委会|常务会|全会|全体会议|会议|书记|副书记|常委|委员|领导|主要负责|负责人|负责同志|院长|检察长|局长|主任|组长"
    r"|工作专班|专班|[一二三四五六七八九十]+届"
    # an office-holder written after the body (镇政府副镇长某某, 某派出所所长某某)
    r"|(?:常务)?副?(?:镇长|乡长|县长|市长|区长|旗长|州长|盟长|省长|所长|庭长|队长|站长|部长|处长|科长|政委|教导员))"
)
# 甲局、乙局等单位负责人参加会议 / 县法院、县检察院负责同志…: a list of bodies closed by the people who
# came from them names where those people work, as 局长 right after one body does
_LIST_PERSON_AFTER = re.compile(
    r"^(?:[、和及与][^、，,;；。]{1,24}?)*等?(?:相关|有关)?(?:单位|部门)?的?"
    r"(?:代表|负责人|负责同志|领导|主要负责|分管负责|分管领导)"
)
# 在县委、县政府的坚强领导下…: the bodies whose leadership frames the work lead, they do
# not act in it. A court's or procuratorate's report frames its year the same way with a row of
# bodies, each with its part and no 的 needed (在区委领导、区人大监督和上级法院指导下，
# 在区政府、区政协的关心支持下): the bodies that lead, supervise, guide or support the work do
# not act in it either (领导下访 is a visit by leaders, no frame).
_LED_BY_AFTER = re.compile(
    r"^[^,，;；。]{0,40}?的(?:坚强|正确|统一|有力|直接|高度重视和)?领导(?:和[^,，;；。]{1,8})?下"
    r"|^[^,，;；。]{0,60}?(?:领导|监督|指导|支持|帮助)(?:和[^,，;；。]{1,8})?下(?![访沉乡基村])"
)
# 在省委全会上 / 在市委政法工作会议上: a body whose meeting is where something is said or given is the
# meeting's host, not a body doing the work reported
_MEETING_AT_AFTER = re.compile(r"^[^,，;；。]{0,24}?(?:会议|大会|全会|座谈会|推进会|现场会|部署会)上")
# 参加县委县政府各类协调会 / 列席市委常委会: a body whose meetings someone attends hosts them; the
# one attending is the body at work
_ATTEND_BEFORE = re.compile(r"(?:参加|出席|列席)[^,，;；。]{0,12}$")
_ATTEND_AFTER = re.compile(r"^[^,，;；。]{0,16}?会")
# 对县委政法委、某镇等单位开展巡察: a body inspected, checked or audited is what the work is done to
_INSPECTED_BEFORE = re.compile(r"对[^,，;；。]{0,20}$")
_INSPECTED_AFTER = re.compile(r"^[^,，;；。]{0,30}?(?:巡察|巡视|检查|督查|督导|考核|审计|暗访|评查)")
# 推进会在甲区法院召开: a body the meeting sat in is its venue, not a body doing the work
_VENUE_AT_BEFORE = re.compile(r"在$")
_VENUE_AFTER = re.compile(r"^(?:隆重|顺利)?(?:召开|举行|举办|开幕|闭幕)")
_SETUP_VERB = re.compile(r"(?:成立|组建|新成立|设立)(?:了)?[^,，;；。]*$")
_PLACE_BEFORE = re.compile(r"在[^,，;；。]*$")
_PLACE_AFTER = re.compile(r"^[^,，;；。]*?(?:设立|设置|派驻|建立|开设|建成)")
_VISIT_BEFORE = re.compile(r"(?:到|赴|前往|深入|走进)[^,，;；。]{0,12}$")
_VISIT_AFTER = re.compile(r"^[^,，;；。]{0,16}?(?:实地)?(?:参观|观摩|考察|查看|调研|检查|督导)")
# 甲院到乙镇人民政府，就…举行听证 / 我就到州检察院，…: a body right after a verb of going that
# closes its clause is where someone goes, not a body doing anything
_GONE_TO_BEFORE = re.compile(r"(?:到|赴|前往)$")
_GONE_TO_AFTER = re.compile(r"^(?:$|[,，;；。!！?？])")
_AWARD_VERB = r"(?:表彰|授予|评为|命名|通报表扬|嘉奖|表扬|肯定|推广|推介|刊发|报道)"
_AWARD_AFTER = re.compile(rf"^[^,，;；。]{{0,30}}?{_AWARD_VERB}")
# 经过省委、省政府考评组的验收 / 省检察院督导组到县督导: a province's body that checks a unit's work
# below it appraises that work, as one that awards it does
_CHECK_AFTER = re.compile(r"^[^,，;；。]{0,20}?(?:考评|考核|验收|评估|督导|督查|暗访)")
_AWARD_BEFORE = re.compile(r"(?:被|受到|获得?)[^,，;；。]{0,20}$")
# … a body that receives it: 被…评为, or 获评 / 荣获 / 入选 right after the body's name
_AWARDED = re.compile(
    rf"^(?:及其办公室|及办公室)?(?:被[^,，;；。]{{0,30}}?{_AWARD_VERB}|(?:先后|再次|连续[^,，;；。]{{0,6}})?(?:获评|荣获|入选|获得[^,，;；。]{{0,20}}称号))"
)
# 综治中心调解室一角（县综治中心供图）; 市公安局 摄: the body that supplied a photo or text.
_CREDIT_AFTER = re.compile(r"^\s*(?:供图|供稿|摄|提供图片|图)\s*[)）]?\s*$")
# 学习/传达 too: a body whose meeting or instructions are studied or relayed (深入学习州委政法工作会议
# 精神, 传达市委全会精神) is where they came from, not who acts.
# 围绕州委、州政府中心工作: the body whose agenda others work to is a source too.
_SOURCE_BEFORE = re.compile(r"(?:贯彻|落实|服务|按照|根据|遵照|学习|传达|围绕)[^,，;；。]{0,30}$")
_SOURCE_AFTER = re.compile(r"^[^,，;；。]{0,30}?(?:决策|部署|要求|精神|指示|批示|中心工作)")
# 主动响应市委“X”改革, 融入市委“Y”机制: the body whose programme another answers or joins is where
# the programme comes from; the one answering is the body at work
_JOINED_BEFORE = re.compile(r"(?:响应|融入)$")
_INSTRUCTION = re.compile(r"(?:贯彻|落实|部署|决策|要求|精神|指示|批示)")
_NOT_LOCAL = re.compile(r"(?:全国|中央|国家|国务院|省|自治区|部)$")
_CLAUSE_BREAK = "，,;；。!！?？"
# A would-be prefix whose first character is the end of the word before it is no name: 开 of 召开
# (召开州委政法委员会 is no 开州区's body), and 和/与/及 joining two bodies (甲派出所和县公安局 is
# the county's own 公安局, not 安徽's 和县's).
_VERB_TAIL = re.compile(r"(?:召|展|公|离|打|敞|分|放)$")
_BODY_END = "所局院庭委队室办站组心"


class RegionLookup(Protocol):
    """Region resolution in the context of one report (implemented by govkg.loaders.regions)."""

    def resolve_prefix(self, surface: str) -> Region | None:
        """Resolve a region name as written (包头市, 包头, 东河区) to a region, or None."""
        ...

    def level_region(self, level_word: str) -> Region | None:
        """The report's region of that level word (市, 区, 县, 州, 省, 旗, 盟), or None."""
        ...

    def township_under(self, stem: str, code: str) -> Region | None:
        """The one township inside region ``code`` written ``stem`` (its name without 镇/乡/街道), or None."""
        ...

    def county_under(self, stem: str, code: str) -> Region | None:
        """The one county-level unit directly under region ``code`` written ``stem`` (its name
        without 区, 县 or 市: 城中 for a city's 城中区), or None."""
        ...

    def written_level(self, level_word: str) -> Region | None:
        """The unit a level word written right before a body's name stands for (县 in 县公安局):
        :meth:`level_region`, or a unit of that level the report has named, or None."""
        ...

    def parent(self, region: Region) -> Region | None:
        """The unit directly above ``region`` in the 区划 data, or None."""
        ...


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """An agency named in a sentence; offsets index that sentence."""

    start: int
    end: int
    surface: str
    name: str  # normalised full name, e.g. 中共包头市委政法委员会
    kind: str
    region_code: str
    acting: bool  # False for excluded uses (mere location, awarder, meeting ...)


def agency_key(region_code: str, name: str) -> str:
    """The graph key of an agency: its region code and normalised name."""
    return f"{region_code}:{name}"


@dataclass(frozen=True, slots=True)
class _Kind:
    names: tuple[tuple[str, str], ...]  # (kind, template)
    by_level: Mapping[str, str]
    needs_level: bool
    bare: bool
    levels: frozenset[str]
    after: re.Pattern[str] | None = None
    whole_name: bool = False


@dataclass(frozen=True, slots=True)
class _Prefix:
    start: int
    text: str
    region: Region


class AgencyMatcher:
    """Finds and normalises agency mentions using the kinds in ``agencies.yaml``."""

    def __init__(self, path: str | Path | None = None) -> None:
        data: dict[str, Any] = yaml.safe_load(Path(path or DEFAULT_PATH).read_text(encoding="utf-8"))
        self._kinds: list[_Kind] = []
        alternatives: list[tuple[str, str]] = []  # (group name, pattern)
        for index, entry in enumerate(data["kinds"]):
            self._kinds.append(
                _Kind(
                    names=tuple((str(k), str(t)) for k, t in entry["names"]),
                    by_level=dict(entry.get("by_level", {})),
                    needs_level=bool(entry.get("needs_level", False)),
                    bare=bool(entry.get("bare", False)),
                    levels=frozenset(entry.get("levels", ())),
                    after=re.compile(entry["after"]) if "after" in entry else None,
                    whole_name=bool(entry.get("whole_name", False)),
                )
            )
            for n, pattern in enumerate(entry["patterns"]):
                re.compile(pattern)  # fail at load on a bad pattern, naming it in the traceback
                alternatives.append((f"k{index}_{n}", pattern))
        # Longer literal surfaces first so that at one position the most specific body wins.
        alternatives.sort(key=lambda alt: -_literal_length(alt[1]))
        body = "|".join(f"(?P<{group}>{pattern})" for group, pattern in alternatives)
        starts = _first_chars("|".join(p for _, p in alternatives))
        # A lookahead on the characters a match can start with lets `re` reject almost every
        # position at once instead of trying each of the ~100 alternatives there.
        guard = f"(?=[{re.escape(''.join(sorted(starts)))}])" if starts else ""
        self._regex = re.compile(f"{guard}(?:{body})")
        # Literal words one of which every alternative's matches hold (公安局, 法院, 委 …): a sentence
        # holding none of them names no body, and one search for them is far cheaper than the scan.
        self._gate = gate_any(p for _, p in alternatives)
        self._blockers: dict[str, str] = {str(k): str(v) for k, v in data.get("level_blockers", {}).items()}

    def find(self, sentence: str, regions: RegionLookup) -> list[AgencyMention]:
        """Return the agencies named in ``sentence``, resolved against the report's regions."""
        found: list[AgencyMention] = []
        if self._gate is not None and self._gate.search(sentence) is None:
            return found
        listed: tuple[int, Region] | None = None  # where the last body ends and the region it named
        for m in self._regex.finditer(sentence):
            group = m.lastgroup
            if group is None:
                continue
            kind = self._kinds[int(group[1:].split("_")[0])]
            # 甲县法院、检察院、公安局联合…: a body listed right after one its region named shares it
            shared = (
                listed[1] if listed is not None and sentence[listed[0] : m.start()] in _LIST_JOINS else None
            )
            resolved: list[Region] = []
            more = self._mentions(sentence, m, kind, regions, found[-1] if found else None, shared, resolved)
            if more and found and more[0].name == found[-1].name + sentence[found[-1].end : more[0].end]:
                # 某市公安局某开发区分局: the bureau's name only begins the branch's own name
                del found[-1]
            found.extend(more)
            region = resolved[-1] if resolved else None
            listed = (
                (m.end(), region) if more and region is not None and region.level in _LISTING_LEVELS else None
            )
        return found

    def _mentions(
        self,
        sentence: str,
        m: re.Match[str],
        kind: _Kind,
        regions: RegionLookup,
        previous: AgencyMention | None = None,
        shared: Region | None = None,
        resolved: list[Region] | None = None,
    ) -> list[AgencyMention]:
        """The mentions of the body matched by ``m``; the region they were resolved to is appended
        to ``resolved``. ``shared`` is the region of the list item right before it, if any."""
        prefix = self._prefix(sentence, m.start(), regions)
        if prefix is None and shared is not None and not kind.needs_level and not kind.levels:
            prefix = _Prefix(m.start(), "", shared)
        if (
            previous is not None
            and "township" in kind.levels
            and (prefix is None or prefix.region.level not in kind.levels)
        ):
            # 印江自治县人民法院合水人民法庭: 合水 is that county's town, not 甘肃's 合水县
            prefix = _station_of(sentence, previous, m.start(), regions) or prefix
        elif previous is not None and prefix is not None and _other_countys_town(previous, prefix):
            # 甲县公安局城关派出所 where 甲县 has no 城关: a station named after no unit of its own
            # county (城关, 火车站) is that county's (guideline 8), never another county's 城关街道
            prefix = _station_of(sentence, previous, m.start(), regions)
            if prefix is None:
                return []
        if (
            previous is not None
            and (prefix is None or prefix.region.level != "county")
            and (not kind.levels or "county" in kind.levels)
        ):
            # 西宁市公安局城中分局, 甲市公安局城北公安分局: a district whose short name is an ordinary
            # word (城中, 城关, 新城), or a town's too, is the one under the city whose bureau is
            # written right before it
            prefix = _branch_of(sentence, previous, m.start(), regions) or prefix
        if prefix is None and previous is not None and (zone := _zone_branch(sentence, previous, m)):
            return [zone]
        if prefix is None:
            if not kind.bare or _NOT_LOCAL.search(sentence, 0, m.start()):
                return []
            region = _subject(regions)
            if region is None:
                return []
            prefix = _Prefix(m.start(), "", region)
        elif kind.needs_level and prefix.text[-1] not in LEVEL_WORDS:
            return []
        region = prefix.region
        if kind.whole_name and prefix.text:
            region = regions.resolve_prefix(sentence[prefix.start : m.end()]) or region
        if kind.levels and region.level not in kind.levels:
            return []
        if kind.after is not None and not kind.after.search(sentence, 0, prefix.start):
            return []
        acting = _acting(sentence, prefix.start, m.end(), region, regions)
        if resolved is not None:
            resolved.append(region)
        full = _full_name(region, regions)
        out = []
        if region.level == "township" and prefix.text and region.parent_code:
            # 甲、乙派出所: each short name listed before the station's is a station of its own
            for at, town in _listed_towns(sentence, prefix.start, region.parent_code, regions):
                for label, template in kind.names:
                    name = _level_template(kind, town, template).format(region=town.name, prefix="")
                    stem = sentence[at : sentence.index("、", at)]
                    out.append(AgencyMention(at, at + len(stem), stem, name, label, town.code, acting))
        for label, template in kind.names:
            template = _level_template(kind, region, template)
            name = template.format(region=full, prefix=prefix.text)
            out.append(
                AgencyMention(
                    start=prefix.start,
                    end=m.end(),
                    surface=sentence[prefix.start : m.end()],
                    name=name,
                    kind=label,
                    region_code=region.code,
                    acting=acting,
                )
            )
        return out

    def _prefix(self, sentence: str, start: int, regions: RegionLookup) -> _Prefix | None:
        """The region written just before ``start``: the longest name that resolves, else level words."""
        for i in range(max(0, start - _MAX_PREFIX), start - 1):
            text = sentence[i:start]
            if (
                _NOT_IN_PREFIX.search(text)
                or _GENERIC_PREFIX.search(text)
                or _BODY_JOINED.search(text)
                or _bound(sentence, i, text)
            ):
                continue
            region = regions.resolve_prefix(text)
            if region is not None and _spells(text, region):
                return _Prefix(i, text, region)
        # A lone level word, or a run of them (市、旗县区): the first one names the body.
        j = start
        while j > 0 and sentence[j - 1] in LEVEL_WORDS + "、":
            j -= 1
        run = sentence[j:start].lstrip("、")
        j = start - len(run)
        if not run or run[-1] not in LEVEL_WORDS:
            return None
        before = sentence[j - 1] if j > 0 else ""
        if before and before in self._blockers.get(run[0], ""):
            return None
        region = regions.written_level(run[0]) or _municipality(run[0], regions)
        return _Prefix(j, run, region) if region is not None else None


def _municipality(level_word: str, regions: RegionLookup) -> Region | None:
    """市 in a report about a 直辖市 or one of its districts: the municipality (市公安局, 市一中院 in a
    北京 report), which is of province level, so no city of the report's answers the word."""
    if level_word != "市":
        return None
    province = regions.level_region("省")
    return province if province is not None and province.name.endswith("市") else None


def _first_chars(pattern: str) -> set[str] | None:
    """Every character a match of ``pattern`` can start with, or None when that is not bounded."""
    from re import _parser  # type: ignore[attr-defined]

    def first(items: Any) -> set[str] | None:
        out: set[str] = set()
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                return out | {chr(arg)}
            if name == "IN":
                chars: set[str] = set()
                for iop, iarg in arg:
                    if str(iop) != "LITERAL":
                        return None
                    chars.add(chr(iarg))
                return out | chars
            if name == "BRANCH":
                for branch in arg[1]:
                    got = first(branch)
                    if got is None:
                        return None
                    out |= got
                return out
            if name == "SUBPATTERN":
                got = first(arg[-1])
                if got is None:
                    return None
                return out | got
            if name in ("MAX_REPEAT", "MIN_REPEAT"):
                low, _, sub = arg
                got = first(sub)
                if got is None:
                    return None
                out |= got
                if low > 0:
                    return out
                continue  # optional: the next item may start the match too
            if name in ("ASSERT", "ASSERT_NOT", "AT"):
                continue  # zero-width: look at what follows
            return None
        return None  # the pattern can match the empty string

    return first(_parser.parse(pattern))


# Words whose last character opens a two-character county name (成县, 道县, 单县, 易县): in 责成县…,
# 渠道县…, 名单县…, 交易县… the county is 县 written alone after the word.
_WORDS_BEFORE_COUNTY = (
    "责成 组成 促成 形成 建成 完成 达成 构成 造成 变成 养成 落成 集成 合成 赞成 "
    "渠道 报道 知道 名单 清单 简单 交易 容易"
)
_WORD_BEFORE_COUNTY = frozenset(_WORDS_BEFORE_COUNTY.split())


def _bound(sentence: str, i: int, text: str) -> bool:
    """Whether the would-be prefix ``text`` at ``i`` starts inside the word before it (see _VERB_TAIL)."""
    before = sentence[i - 1] if i > 0 else ""
    if text[0] == "开" and _VERB_TAIL.search(before):
        return True
    if len(text) == 2 and text[1] == "县" and before + text[0] in _WORD_BEFORE_COUNTY:
        return True  # 责成县公安局: 县公安局 told by 责成, not 甘肃's 成县
    return len(text) == 2 and text[0] in "和与及" and before != "" and before in _BODY_END


def _literal_length(pattern: str) -> int:
    """Roughly how many characters a pattern matches: lookarounds and syntax removed."""
    return len(re.sub(r"\(\?[=!<][^)]*\)|[\\()?:|\[\]]", "", pattern))


def _spells(text: str, region: Region) -> bool:
    """Whether ``text`` is a way of writing ``region`` as a whole, not a region plus more words.

    Guards against lookups that resolve any surface merely starting with a region name.
    """
    name = region.name
    return (
        text in (name, region.short)
        or text in region.aliases
        or name.startswith(text)
        or text.endswith(name)
        or (len(text) >= 2 and text[0] == name[0] and text[-1] == name[-1])  # 海西州, 昆区, 达茂旗
        # a township written with the word it had before (夺底乡 for 夺底街道, 凤来乡 for 凤来镇)
        or (
            region.level == "township"
            and bool(region.short)
            and text[:-1] == region.short
            and text[-1] in "乡镇"
        )
    )


def _other_countys_town(previous: AgencyMention, prefix: _Prefix) -> bool:
    """Whether a township prefix written right after a county's body lies in another county."""
    code = previous.region_code
    is_county = code.isdigit() and len(code) == 6 and not code.endswith("00")
    return (
        is_county
        and previous.end == prefix.start
        and prefix.region.level == "township"
        and prefix.region.parent_code != code
    )


def _station_of(sentence: str, previous: AgencyMention, start: int, regions: RegionLookup) -> _Prefix | None:
    """The town of a station written right after the county body it belongs to (某县人民法院甲人民法庭,
    某县公安局甲派出所), by the town's short name inside that body's county."""
    stem = sentence[previous.end : start]
    if not 2 <= len(stem) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in stem):
        return None
    region = regions.township_under(stem, previous.region_code)
    return _Prefix(previous.end, stem, region) if region is not None else None


def _branch_of(sentence: str, previous: AgencyMention, start: int, regions: RegionLookup) -> _Prefix | None:
    """The district of a branch written right after its city's police bureau by the district's
    short name (某市公安局甲分局, 某市公安局甲公安分局): the one county-level unit of that city the
    short name spells with its level word, found in the data even where the name is an ordinary
    word that the text alone never reads as a place (城中区, 新城区)."""
    stem = sentence[previous.end : start]
    if previous.kind != "公安" or not 2 <= len(stem) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in stem):
        return None
    if stem.endswith("公安"):
        return None  # 甲公安分局 was tried as a prefix already: its stem is the name before 公安
    region = regions.county_under(stem, previous.region_code)
    return _Prefix(previous.end, stem, region) if region is not None else None


# 某市公安局高新区分局, 甲市公安局临港经开区分局: a branch a city's bureau keeps for a functional
# zone, which is no region (guideline 9); the branch is the city's (guideline 8)
_ZONE = re.compile(
    r"(?:开发区|经开区|高新区|园区|保税区|新区|度假区|景区|港区|机场|示范区|试验区|合作区|实验区)$"
)


def _zone_branch(sentence: str, previous: AgencyMention, m: re.Match[str]) -> AgencyMention | None:
    """The branch of a city's police bureau for a functional zone, written right after that bureau
    (某市公安局甲经开区分局): named by the bureau's name and the zone's, and the bureau's region."""
    stem = sentence[previous.end : m.start()]
    if (
        previous.kind != "公安"
        or not previous.name.endswith("公安局")
        or not m.group().endswith("分局")
        or not 2 <= len(stem) <= 12
        or not all("\u4e00" <= c <= "\u9fff" for c in stem)
        or _ZONE.search(stem) is None
    ):
        return None
    after = sentence[m.end() :]
    acting = previous.acting and not (
        _MEETING_OR_PERSON.match(after)
        or _CREDIT_AFTER.match(after)
        or _LIST_PERSON_AFTER.match(after)
        or awarded(after)
    )
    return AgencyMention(
        start=previous.start,
        end=m.end(),
        surface=sentence[previous.start : m.end()],
        name=previous.name + stem + m.group(),
        kind=previous.kind,
        region_code=previous.region_code,
        acting=acting,
    )


def _listed_towns(sentence: str, start: int, county: str, regions: RegionLookup) -> list[tuple[int, Region]]:
    """The towns written by their short names in a list ending right before ``start``
    (甲、乙、丙派出所: 甲 and 乙, both in ``county``), each with where its name starts."""
    out: list[tuple[int, Region]] = []
    end = start
    while end > 0 and sentence[end - 1] == "、":
        for i in range(max(0, end - 5), end - 2):  # a short name of 2 to 4 characters
            stem = sentence[i : end - 1]
            if not all("\u4e00" <= c <= "\u9fff" for c in stem):
                continue
            town = regions.township_under(stem, county)
            if town is not None:
                out.append((i, town))
                end = i
                break
        else:
            break
    return out[::-1]


def _level_template(kind: _Kind, region: Region, template: str) -> str:
    """The kind's template for the region's level; a 直辖市 takes its municipality one first."""
    if region.level == "province" and region.name.endswith("市") and "municipality" in kind.by_level:
        return kind.by_level["municipality"]
    return kind.by_level.get(region.level, template)


def _subject(regions: RegionLookup) -> Region | None:
    """The report's own region: the deepest one any level word resolves to."""
    found = [r for r in map(regions.level_region, LEVEL_WORDS) if r is not None and r.level in LEVELS]
    return max(found, key=lambda r: LEVELS.index(r.level), default=None)


def _full_name(region: Region, regions: RegionLookup) -> str:
    """A district's bodies carry their city's name too: 包头市东河区人民政府."""
    if region.level == "county" and region.name.endswith("区"):
        for word in "市州盟":
            parent = regions.level_region(word)
            if parent is not None and parent.code == region.parent_code:
                return parent.name + region.name
        # in a province's report too: 集美区法院 is 厦门市集美区人民法院 (not a 直辖市's district)
        parent = regions.parent(region)
        if parent is not None and parent.level == "prefecture":
            return parent.name + region.name
    return region.name


def awarded(after: str) -> bool:
    """Whether the words right after a body's name give it an award (被…评为, 荣获, 入选 …)."""
    return _AWARDED.search(after) is not None


def _acting(sentence: str, start: int, end: int, region: Region, regions: RegionLookup) -> bool:
    clause_start = max(sentence.rfind(c, 0, start) for c in _CLAUSE_BREAK) + 1
    before = sentence[clause_start:start]
    after = sentence[end:]
    if _MEETING_OR_PERSON.match(after) or _CREDIT_AFTER.match(after) or _LIST_PERSON_AFTER.match(after):
        return False
    if (_LED_BY_AFTER.match(after) or _MEETING_AT_AFTER.match(after)) and _PLACE_BEFORE.search(before):
        return False
    if _PLACE_BEFORE.search(before) and _PLACE_AFTER.search(after):
        return False
    if _VENUE_AT_BEFORE.search(before) and _VENUE_AFTER.match(after):
        return False
    if _ATTEND_BEFORE.search(before) and _ATTEND_AFTER.search(after):
        return False
    if _INSPECTED_BEFORE.search(before) and _INSPECTED_AFTER.search(after):
        return False
    if _VISIT_BEFORE.search(before) and _VISIT_AFTER.search(after):
        return False  # 到甲区综治中心实地参观: where visitors go, not a body doing something
    if _GONE_TO_BEFORE.search(before) and _GONE_TO_AFTER.match(after):
        return False
    if _SETUP_VERB.search(before) and "领导小组" in sentence[start:end]:
        return False
    if _AWARD_BEFORE.search(before) and _AWARD_AFTER.search(after):
        return False  # the giver of an award or praise
    if awarded(after):
        return False  # a body that only receives an award here
    if _SOURCE_BEFORE.search(before) and _SOURCE_AFTER.search(after):
        return False  # cited as the source of decisions being carried out
    if _JOINED_BEFORE.search(before):
        return False
    if region.level == "province":
        subject = _subject(regions)
        if subject is not None and subject.level != "province":
            return not (
                _INSTRUCTION.search(sentence) or _AWARD_AFTER.search(after) or _CHECK_AFTER.search(after)
            )
    return True
