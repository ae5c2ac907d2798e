"""The practice taxonomy, the practice matcher and discovery of named local programs.

``Taxonomy`` holds the practices of ``data/practices.yaml``. ``PracticeMatcher.find`` reports
taxonomy mentions (canonical names, aliases and the few regular-expression patterns) with one
Aho-Corasick automaton, keeping the longest non-overlapping hits. Text is folded to simplified
characters first, length-preserving, so offsets always index the text passed in.

Discovery rule (``PracticeMatcher.discover``, one sentence at a time)
--------------------------------------------------------------------
A *candidate* is a quoted name (“…”, "…", 「…」, 『…』; 《…》 only when followed by 栏目/节目/
专栏) or an unquoted name that follows a verb such as 开展/推进/实施 and ends in a campaign or
pilot word (专项行动, 专项整治, 建设年, 试点改革 ...). A candidate is a *program* when:

1. the quoted text itself ends in a program word (工作法, 模式, 机制, 平台, 工程, 行动, 工作室,
   调解室, 服务站, 驿站, 中心, 队, 制度, 体系, 清单, 改革, 试点, 项目, 计划, 系统, 之家, 说事,
   聊吧, 警局, 议事厅 ...), or
2. the few characters after the closing quote (a leading 的 skipped, at most ten, stopping at
   punctuation) reach a program word that is not the head of a goal phrase (“X”工作要求/目标/
   思路 are not programs); 活动 counts only right after the quote or as 专项/集中/创建活动; a
   taxonomy term right after the quote may stand before the program word whatever its length
   (“X”矛盾纠纷多元化解工作机制), or
3. the few characters before the opening quote end in a program noun (品牌, 工作法, 模式 ...), or
4. a verb that sets it up comes right before it (推行“X”, 打造“X”), or a frame makes it the unit's
   means of work (以“X”为抓手, 把“X”作为…的“底座”), or it opens its clause as the subject of a
   routine (“楼道小管家”每天…); a numeral-led quote then passes only as a
   coined name (四抓四真, 两官两警一律, 一网统管), not as a count (一张网) or a filing rule (一事一档).

It is then dropped when it is a slogan, goal or principle without such a word, a stock idiom
(X位一体), a room or facility formula (“3+x”设置模式, 一厅N室), a national rule or party-study
campaign (三个规定, 三同步, 好差评, 两学一做, 党史学习教育), a standard institution type (人大
代表之家, 青年之家, 法官工作站), a media channel (公众号, 长安网, 微博, 报, 电视台), a one-off
event (比赛, 开放日, 慰问, 晚会), shorter than 2 or longer than 20 characters, a pure number,
or a whole clause (a comma inside). Also dropped: the state before or after a change (跳出“X”,
从“X”到“Y”, 变“X”为“Y”), a descriptive word (“一站式”, “规范化”), a stock figure (打造矛盾化解
“终点站”, “融合阵地”), what people are to do (让百姓“说理找中心”), a quote saying how a mechanism is
built (突出“管用”建机制), and a list of parallel parts
that is no name — parts sharing their head character (常驻+轮驻+随驻) or a 、-list of clauses not
followed by a campaign or method word (“一站式受理、一揽子调处”模式; “清街巷、查隐患”专项行动 and
“早、准、快、实”调解工作法 stay, and so does a model named by counted parts, “一个中心、两支队伍”).
Templated principles (应X尽X, 有X必Y) and standard service rules (首问负责, 一次性告知) go like stock
idioms.

A surviving name that contains a taxonomy term (an alias, a pattern, or a practice's ``core``
word such as 网格, 人民调解) yields the *taxonomy* practice only (“网络+网格” -> 网格化管理).
Otherwise it yields a local practice (``local_practice``); when the clause around it presents it
as mediation (调解, 调处, 化解矛盾, 纠纷化解 ...) a second mention of 矛盾纠纷多元化解 is returned
with the same span. Mentions from ``discover`` carry ``discovered=True``; whether the practice is
local is ``practice.origin == "discovered"``.

Names are the quoted text with the wrapping quotes dropped. A short count formula (“1234”,
“七个一”, “三打”“三治”) is not a name on its own, so its program phrase is kept with it and inner
quotes stay: “1234”治理模式, “三打”“三治”“三清”专项整治.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from govkg.loaders.documents import fold
from govkg.loaders.extraction import Practice
from govkg.loaders.prefilter import gate_any, required_runs

__all__ = [
    "PracticeMatcher",
    "PracticeMention",
    "Taxonomy",
    "TaxonomyError",
    "fold",
    "local_practice",
    "normalise_name",
]

LOCAL_CATEGORY = "local"
MEDIATION_KEY_NAME = "矛盾纠纷多元化解"
WATCH_KEY_NAME = "群防群治"
LAW_TEACHING_KEY_NAME = "普法宣传"

_STRIP = re.compile(r"[\s“”\"'‘’「」『』《》〈〉()（）\[\]【】、，,。.·•:：;；!！?？\-—_/]+")
_KEY_RE = re.compile(r"^[a-z0-9_]+$")
_BRACKETS = str.maketrans("()", "（）")


class TaxonomyError(ValueError):
    """The taxonomy file is malformed; the message names the offending key."""


def normalise_name(name: str) -> str:
    """Fold, NFKC-normalise, lower-case and drop quotes, brackets, punctuation and spaces."""
    return _STRIP.sub("", fold(unicodedata.normalize("NFKC", name))).lower()


def local_practice(name: str) -> Practice:
    """A discovered local program as a Practice with a normalised-name key."""
    shown = fold(name.strip())
    return Practice(
        key="local:" + normalise_name(shown),
        name=shown,
        category=LOCAL_CATEGORY,
        origin="discovered",
    )


def _surface_variants(alias: str) -> set[str]:
    """The folded alias with ASCII and full-width brackets both."""
    folded = fold(alias)
    return {folded, folded.translate(_BRACKETS), folded.translate(str.maketrans("（）", "()"))}


class Taxonomy:
    """The practice taxonomy: practices by key, categories, and lookup by any name."""

    practices: dict[str, Practice]
    categories: dict[str, str]

    def __init__(
        self,
        practices: Mapping[str, Practice],
        categories: Mapping[str, str],
        core: Mapping[str, tuple[str, ...]] | None = None,
        patterns: Mapping[str, tuple[str, ...]] | None = None,
        descriptors: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.practices = dict(practices)
        self.categories = dict(categories)
        self.core: dict[str, tuple[str, ...]] = dict(core or {})
        self.patterns: dict[str, tuple[str, ...]] = dict(patterns or {})
        # Generic kind words (巡逻队, 联防队): aliases in prose, but inside a programme's name they
        # describe a local brand (“茶山平安巡逻队” is its own programme and an instance of the key).
        self.descriptors: dict[str, tuple[str, ...]] = dict(descriptors or {})
        self._index: dict[str, str] = {}
        for p in self.practices.values():
            for n in (p.key, p.name, *p.aliases):
                self._index.setdefault(normalise_name(n), p.key)

    @classmethod
    def default(cls) -> Taxonomy:
        """The packaged taxonomy (loaded once per process)."""
        return _default_taxonomy()

    @classmethod
    def load(cls, path: str | Path) -> Taxonomy:
        """Read and validate a taxonomy YAML file."""
        try:
            raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise TaxonomyError(f"{path}: not valid YAML: {exc}") from exc
        return cls.from_dict(raw, source=str(path))

    @classmethod
    def from_dict(cls, raw: Any, source: str = "<taxonomy>") -> Taxonomy:
        """Validate a parsed taxonomy document and build the Taxonomy."""
        if not isinstance(raw, dict):
            raise TaxonomyError(f"{source}: top level must be a mapping with categories and practices")
        cats = raw.get("categories")
        items = raw.get("practices")
        if not isinstance(cats, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in cats.items()
        ):
            raise TaxonomyError(f"{source}: 'categories' must map each name to a one-line description")
        if not isinstance(items, list) or not items:
            raise TaxonomyError(f"{source}: 'practices' must be a non-empty list")
        practices: dict[str, Practice] = {}
        core: dict[str, tuple[str, ...]] = {}
        patterns: dict[str, tuple[str, ...]] = {}
        descriptors: dict[str, tuple[str, ...]] = {}
        owner: dict[str, str] = {}
        for i, item in enumerate(items):
            p, c, pats, desc = _parse_practice(item, i, cats, source)
            if p.key in practices:
                raise TaxonomyError(f"{source}: duplicate key {p.key!r}")
            practices[p.key] = p
            core[p.key], patterns[p.key], descriptors[p.key] = c, pats, desc
            for alias in (p.name, *p.aliases):
                n = normalise_name(alias)
                if n in owner and owner[n] != p.key:
                    raise TaxonomyError(
                        f"{source}: key {p.key!r}: alias {alias!r} already belongs to key {owner[n]!r}"
                    )
                owner[n] = p.key
        for p in practices.values():
            if p.variant_of is not None and p.variant_of not in practices:
                raise TaxonomyError(f"{source}: key {p.key!r}: variant_of {p.variant_of!r} is not a key")
            if p.variant_of == p.key:
                raise TaxonomyError(f"{source}: key {p.key!r}: a practice cannot be a variant of itself")
        return cls(practices, cats, core, patterns, descriptors)

    def get(self, key: str) -> Practice | None:
        """The practice with this key, if any."""
        return self.practices.get(key)

    def by_name(self, name: str) -> Practice | None:
        """The practice whose key, canonical name or alias equals ``name`` (folded)."""
        key = self._index.get(normalise_name(name))
        return self.practices[key] if key is not None else None


def _parse_practice(
    item: Any, index: int, cats: Mapping[str, str], source: str
) -> tuple[Practice, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """One practice entry, validated; errors name the key (or the entry's position)."""
    if not isinstance(item, dict):
        raise TaxonomyError(f"{source}: practice #{index} is not a mapping")
    key = item.get("key")
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise TaxonomyError(f"{source}: practice #{index}: key {key!r} must be a lower-case ASCII slug")

    def text_list(field: str) -> tuple[str, ...]:
        value = item.get(field) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise TaxonomyError(f"{source}: key {key!r}: {field!r} must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    name, category, description = item.get("name"), item.get("category"), item.get("description")
    if not isinstance(name, str) or not name.strip():
        raise TaxonomyError(f"{source}: key {key!r}: missing canonical name")
    if category not in cats or category == LOCAL_CATEGORY:
        raise TaxonomyError(f"{source}: key {key!r}: unknown category {category!r}")
    if not isinstance(description, str) or not description.strip():
        raise TaxonomyError(f"{source}: key {key!r}: missing description")
    variant_of = item.get("variant_of")
    if variant_of is not None and not isinstance(variant_of, str):
        raise TaxonomyError(f"{source}: key {key!r}: variant_of must be a key")
    unknown = set(item) - {
        "key",
        "name",
        "category",
        "aliases",
        "description",
        "variant_of",
        "core",
        "patterns",
        "descriptors",
        "adoptable",
    }
    if unknown:
        raise TaxonomyError(f"{source}: key {key!r}: unknown fields {sorted(unknown)}")
    pats = text_list("patterns")
    for pat in pats:
        try:
            re.compile(pat)
        except re.error as exc:
            raise TaxonomyError(f"{source}: key {key!r}: bad pattern {pat!r}: {exc}") from exc
    adoptable = item.get("adoptable", True)
    if not isinstance(adoptable, bool):
        raise TaxonomyError(f"{source}: key {key!r}: adoptable must be true or false, not {adoptable!r}")
    descriptors = text_list("descriptors")
    aliases = tuple(dict.fromkeys(a for a in text_list("aliases") if a != name.strip()))
    practice = Practice(
        key=key,
        name=name.strip(),
        category=str(category),
        aliases=aliases,
        description=description.strip(),
        origin="taxonomy",
        variant_of=variant_of,
        adoptable=adoptable,
    )
    return practice, text_list("core"), pats, descriptors


@functools.cache
def _default_taxonomy() -> Taxonomy:
    """Load the taxonomy shipped in govkg/loaders/data."""
    ref = resources.files("govkg.loaders").joinpath("data/practices.yaml")
    with resources.as_file(ref) as path:
        return Taxonomy.load(path)


@dataclass(frozen=True, slots=True)
class PracticeMention:
    """A practice named in a text: its span, the text as written, and the practice."""

    start: int
    end: int
    surface: str
    practice: Practice
    discovered: bool = False


# --- discovery vocabulary -----------------------------------------------------------------
# A named app is a platform the unit runs (“平安通”小程序, “掌上X”APP); the word alone names none.
_APP_WORDS = ("小程序", "APP", "App", "app", "客户端")
# Words that make a quoted name a program when the name ends in them.
_NAME_ENDINGS = (
    "工作法", "模式", "机制", "平台", "品牌", "工程", "行动", "工作室", "调解室", "服务站", "工作站",
    "驿站", "中心", "服务队", "小分队", "突击队", "巡逻队", "志愿队", "制度", "体系", "清单", "改革",
    "试点", "项目", "计划", "系统", "之家", "说事", "聊吧", "警局", "议事厅", "专项整治", "整治",
    "活动", "实事", "课堂", "讲堂", "班", "站", "工作", "治理法", "联盟", "专线", "热线", "夜话", "说和",
    "说和团", "议事会", "院坝会", "板凳会", "屋场会", "院落会", "议事坊", "议事点", "说事点", "和事堂",
    "调解队", "调解团", "说法", "积分超市", "宣讲团", "服务社", "工作坊", "经验", "调解法", "调解组",
    "调处法", "化解法", "解纷法",
    # places and forums where neighbours talk things through, named like 议事厅 and 板凳会
    "议事亭", "议事堂", "议事长廊", "说事堂", "说事会", "说事室", "唱谈会", "恳谈会", "评理堂",
    "评理室", "坝坝会", "火塘会", "夜谈会",
    *_APP_WORDS,
)  # fmt: skip
# Kind words that are no name alone (“驿站”, “工作室” refer back to a programme); folk forum
# names among the endings (板凳会, 屋场会, 说和团 …) are names by themselves.
_GENERIC_KINDS = frozenset({
    "工作法", "模式", "机制", "平台", "品牌", "工程", "行动", "工作室", "调解室", "服务站", "工作站", "驿站",
    "中心", "服务队", "小分队", "突击队", "巡逻队", "志愿队", "制度", "体系", "清单", "改革", "试点", "项目",
    "计划", "系统", "之家", "活动", "课堂", "讲堂", "班", "站", "工作", "联盟", "专线", "热线", "经验",
    "调解组", "调解队", "宣讲团", "服务社", "工作坊", "专项整治", "整治", *_APP_WORDS,
    "专家团", "专家组", "顾问团", "服务团",  # 组建“专家团”: a panel of experts, named by its kind
    # a folk forum's verb with no brand before it (组织村民“说事”) is the verb, not 大伟说事
    "说事", "说法", "说和", "夜话", "议事",
    # … and the point where people come to talk (这个“说事点”) names the kind of place, as 工作室 does
    "说事点", "议事点", "说事室", "议事室",
    # a standard police or court post named alone (茫崖“公安检查站”): the institution type, no brand
    "公安检查站", "检查站", "警务站", "便民警务站", "警务室", "派出所", "司法所", "法庭", "人民法庭",
})  # fmt: skip
# A quoted “one thing” (“一个中心”, “一扇门”) says things are unified and names no programme by its
# last word, as a set (“三张清单”) does; so does a counted method (“四诊法”, “五步法”).
# “零诉讼”, “零发案”, “零距离”: none of something, an outcome or a description; a campaign after
# it (“零上访”创建) still names one.
_ZERO_COUNT = re.compile(r"^零[\u4e00-\u9fff]{1,4}$")
# A verb of reaching, right before a quote that modifies the noun after 的 (实现“质变”的X, 达到“三无”的村).
_ACHIEVED = re.compile(r"(?:实现|达到|做到|达成)了?$")
# A verb of settling, then 在, before a quote (化解在“萌芽状态”, 解决在“家门口”): the quote says
# where or in what state a dispute is settled, never a programme's name.
_SETTLED_IN = re.compile(r"(?:化解|解决|消除|消弭|消化|处置|处理|稳定|控制|遏制|吸附|终结|防范|抑制)在$")
# A quoted noun after 成为/成了/变成/当好 … is a figure for what a unit has become (综治中心成了
# “解忧站”, 打造成为化解矛盾的“终点站”), not the name of a programme.
# So is one after 变成/打造成 … 的 (将中心打造成化解矛盾的“终点站”); with no 的, 把X变成“Y” sets
# a new programme up: 把蒙古包变成“说事点”.
# A list of such figures goes on as one (成为治安防控的“瞭望台”、警民联系的“中转站”和…的“服务点”):
# every quoted noun after the first is a figure too.
# 成为/成了 is "became" only on its own: in 形成了, 建成了, 组成了, 达成了 the 成 closes another verb,
# and what follows is what the unit made (形成了“X”模式), not a figure.
_BECAME = r"(?<![形建组达完构促生养合])(?:成为|成了)"
_METAPHOR_BEFORE = re.compile(
    rf"(?:{_BECAME}|当好|当起|化身为?)(?:[^，,。；;“”]{{0,12}}的)?$|(?:变成|变为|打造成|建设成)[^，,。；;“”]{{0,12}}的$"
    rf"|(?:{_BECAME}|当好|当起|化身为?|变成|变为|打造成|建设成)[^，,。；;“”]{{0,12}}的“[^“”]{{1,8}}”"
    r"(?:[、和及与][^，,。；;“”]{0,12}的“[^“”]{1,8}”)*[、和及与][^，,。；;“”]{0,12}的$"
)
# 被誉为/美誉 before a quote: a term of praise (人民调解被誉为“东方之花”), no programme's name.
# A title opening with a ranked selection (十佳, 百强, 最美) is an honour a unit holds, not its
# programme; the selection itself (“十佳调解员”评选活动) is the organiser's.
_HONOUR_TITLE = re.compile(r"[十百千]佳|[十百]强|最美")
_SELECTION_AFTER = re.compile(r"(?:评选|评比|推选|选树|选拔)")
_PRAISED_AS = re.compile(r"(?:誉为|美誉为?|誉称)(?:[^，,。；;“”]{0,12}的)?$")
# 这里是群众的“议事堂”, 该所是辖区居民的“贴心人”: 是 … 的 before a bare quote says what a place or a
# body is to someone, in a figure; a verb of making in between (是甲镇打造的“X”) names its programme.
_IS_THE = re.compile(r"(?<![就才即便总但凡])是(?P<mid>[^，,。；;“”]{0,12})的$")
# Stock figures of speech for what a centre or a team is (终点站, 桥头堡, 主阵地, 压舱石 …): every
# report uses them; quoted alone (or after a two-character modifier, “融合阵地”) they name nothing.
_FIGURE_HEADS = (
    "终点站", "中转站", "加油站", "桥头堡", "阵地", "压舱石", "稳定器", "减压阀", "晴雨表", "风向标",
    "助推器", "指挥部", "生态圈", "护城河", "防火墙", "连心桥", "领头雁", "排头兵", "金钥匙", "瞭望台",
    "最后一公里", "神经末梢", "千里眼", "顺风耳", "快进键", "定心丸", "润滑剂", "粘合剂", "催化剂",
    "蓄水池", "前哨", "前哨站", "主战场", "收集站", "服务窗", "说理地",
    # what a centre is to its system (打造“指挥中枢”, 社会治理“最强大脑”, 治理“新引擎”, 战斗堡垒)
    "中枢", "最强大脑", "引擎", "堡垒", "细胞",
)  # fmt: skip
# 让百姓/引导群众 before a quote: what people are to do (“说理找中心”), a slogan.
_PEOPLE_DO = re.compile(
    r"(?:让|使|引导|鼓励|号召|方便|帮助)(?:广大|更多)?(?:群众|百姓|老百姓|居民|村民|市民|牧民|企业|当事人)"
    r"(?:都|能|可以|真正)?$"
)
# “有纠纷找中心”, “遇事找网格员”: when people have a problem, whom to turn to; a slogan, whatever
# body it ends with.
_SEEK_SLOGAN = re.compile(r"^(?:有|遇到?|碰到|出了)[\u4e00-\u9fff]{1,6}找[\u4e00-\u9fff]{1,8}$")
# A verb of building, then the programme word, after the quote (“管用”建机制, “实用”强机制): the quote
# is how the thing is built.
_HOW_BUILT = re.compile(r"^[建强抓促优补搭筑健](?=机制|体系|平台|制度|队伍|模式)")


def _stock_figure(content: str) -> bool:
    """A stock figure of speech, alone or after a modifier of at most two characters."""
    return any(content.endswith(h) and len(content) - len(h) <= 2 for h in _FIGURE_HEADS)


# X是以A为…、以B为重点的“Y”: a definition, the quote at its end says what X is (no name of its own).
_DEFINED_AS = re.compile(r"是以[^。；;“”]*的$")
# One meeting or show counted before its name (一场…的“X议事会”): a one-off event, not OTHER, not a
# programme the unit keeps; 一场“X”攻坚战 is a campaign and stays.
_ONE_OFF = re.compile(r"一[场次](?:[^，,。；;“”]{0,16}的)?$")
_EVENT_ENDS = ("会", "赛", "演出", "讲座", "晚会", "展演")
_ONE_THING = re.compile(r"^一[个张扇条座套支]|^一(?=(?:平台|中心|窗口|站|室|厅|网|门)$)")
_COUNTED_METHOD = re.compile(r"^[0-9一二两三四五六七八九十]+[\u4e00-\u9fff]{0,2}法$")
# A quoted “X经验” is the unit's own programme only where its clause says the unit made it
# (探索出, 形成, 总结提炼 …); elsewhere it is a model the text draws on (把“X经验”中的劲头…).
_MADE = re.compile(r"探索|形成|总结|提炼|打造|创造|首创|培育|叫响|走出")
# Words that make it a program when they follow the closing quote.
_TRAILING_WORDS = tuple(
    sorted(
        {*_NAME_ENDINGS, "经验做法", "经验", "做法", "队", "专项活动", "集中活动", "创建活动", "栏目"}.union(
            {"创建", "评选活动", "专项监督", "专项监督活动"}
        )
        - {"活动", "班", "站", "说和", "说法", "夜话"},
        key=len,
        reverse=True,
    )
)
# The first characters of the program words (工作机制, 模式, 体系 …): after a key term the program
# word must follow it at once.
_PROGRAM_HEADS = frozenset(w[0] for w in _TRAILING_WORDS)
_TRAILING_RE = re.compile("|".join(map(re.escape, _TRAILING_WORDS)))
# A program word directly followed by one of these heads a goal phrase, not a program.
_GOAL_HEADS = (
    "要求", "目标", "理念", "思路", "原则", "精神", "格局", "标准", "部署", "会议", "方案", "办法",
    "意见", "通知", "责任", "任务", "考核", "重点", "成效", "局面", "新局面", "态势", "氛围", "链条",
    "流程", "闭环", "路径", "路子", "作风", "劲头", "干劲", "态度", "风气", "主题", "主线", "基调",
    # 发挥“人熟地熟”的优势, 围绕“九大员”工作职责: a strength or the duties of a role, no programme
    "优势", "特点", "长处", "特长", "职责", "职能",
    # 筑牢“X”工作底线, 守住“X”红线: the line not to be crossed, a principle
    "底线", "红线",
)  # fmt: skip
# 作用 right after a quote (发挥“前哨站”作用, 起到“润滑剂”作用) says what role something plays, in a
# figure; after a programme's kind word (发挥“X”调解室作用) it is that programme's role, and stays.
_ROLE_HEADS = ("作用",)
# 成效 after a model's own kind word (“X”模式成效明显, “X”工作法成效显著) reports that model's
# results; after 工作 or a campaign word (“X”工作成效) it stays a goal phrase.
_RESULT_HEADS = ("成效",)
_MODEL_KINDS = ("工作法", "模式", "机制", "品牌", "平台", "调解室", "工作室", "议事厅", "说事")
_PRECEDING_NOUNS = ("品牌", "工作法", "模式", "机制", "平台", "工程", "项目", "服务品牌", "调解品牌")
# The programme resolves disputes: 调解/调处 …, 化解…纠纷/矛盾, 纠纷…化解 (within a few characters).
_MEDIATION = re.compile(
    r"调解|调处|解纷|说和|化解[^，,。；;]{0,12}(?:矛盾|纠纷|积怨)|(?:矛盾|纠纷|积怨)[^，,。；;]{0,16}(?:化解|解开|消化|化在)"
)
# A team brand (“X”队) that the sentence shows residents or volunteers manning on watch or patrol is
# an instance of 群防群治 as well as its own brand (rule 4); a police unit's team is not.
_TEAM_ENDINGS = ("队", "小分队", "队伍", "服务团", "志愿团")
_TEAM_AFTER = re.compile(r"[”\"」』’]?[\u4e00-\u9fff]{0,4}?(?:队|队伍)(?![长员])")
_RESIDENTS_WATCH = re.compile(
    r"(?:居民|村民|群众|志愿者|党员|热心|退休|商户|牧民|乡贤|老人|妇女|楼栋长|家长)[^。；;]{0,20}?"
    r"(?:值守|巡逻|巡查|守望|巡防|站岗|看护|盯守)"
)
# A brand named for telling or spreading the law (“X说法”, “X”宣讲团/宣传队) that its sentence shows
# carrying legal knowledge to people is an instance of 普法宣传 as well (rule 4).
_TEACHING_NAME = re.compile(r"说法|讲法|普法|学法|宣讲|宣传队|宣传团")
_TEACHES_LAW = re.compile(
    r"(?:法律|法治|民法典|宪法|法规|反诈|禁毒)[^。；;]{0,10}?(?:知识|常识|条文|政策)?[^。；;]{0,6}?"
    r"(?:编进|编成|编入|宣讲|讲解|宣传|普及|送到|送进|融入)"
    r"|(?:宣讲|讲解|宣传|普及|讲述)[^。；;]{0,12}?(?:法律|法治|民法典|宪法|法规)"
)
# Programmes whose name says people talk things through: with dispute counts they mediate too.
_DIALOGUE = re.compile(r"议事|说事|评理|说和|夜话|恳谈|协商|坝会|板凳会")
# A verb that sets something up right before the quote makes the quoted name the unit's programme
# (推行“板凳会”, 开设“X夜话”, 组建“X”队); a name with an enumeration comma or dash is a slogan.
_ESTABLISH = re.compile(
    r"(?:推行|推出|开设|打造|成立|组建|组成|设立|建立|创设|创建了|首创|探索|推广|召开|建成|开通|开办|搭建|培育)了?$"
)
# A verb that carries an existing programme forward (深化/做实/做优/擦亮/打响“X”) names it as the
# unit's own when the quoted name stands alone in its clause; followed by a noun (深化“X”建设) the
# quote only qualifies the noun.
_CARRY_ON = re.compile(r"(?:深化|做实|做优|做强|擦亮|打响)了?$")
# Unquoted, the same verbs name a brand by the word 品牌 (擦亮X调解品牌).
_UNQUOTED_BRAND = re.compile(
    r"(?:深化|做实|做优|做强|擦亮|打响)(?P<name>[\u4e00-\u9fff]{3,8}?)(?:服务|工作|治理)?品牌"
)
# A headline that sets a figure beside its topic with no verb (综治中心：化解矛盾的“终点站”, or the
# verbless phrase alone) says what the topic is like; a quote there names no programme. A verb
# that sets something up or runs it (打造群众身边的“X”) makes it a name again.
_ACTION = re.compile(
    r"打造|建|推|设|开|组|成立|探索|创|实施|形成|培育|构|搭|办|启动|引入|发起|做|擦亮|打响|深化|叫响|走出|总结|提炼|命名|称为|叫做"
)
# 坚持“四抓四真”, 实行“两长四员”: a coined numeral name kept up as the unit's method (a slogan kept,
# 坚持“两个毫不动摇”, counts its items and is no coined name).
_KEEPS = ("坚持", "实行", "落实", "践行")
# 以“X”为抓手, 把“X”作为…的“底座”: a quote framed as the unit's means of work names its programme.
_VEHICLE = re.compile(
    r"\s*(?:为|作为)(?:[^，,。；;“”\"]{0,12}的)?[“\"]?(?:总抓手|抓手|载体|底座|突破口|切入点|引擎|依托)"
)
# A quote opening its clause and followed by how often it acts (“楼道小管家”每天在楼道里转一转): a
# team or post the unit runs, the subject of its routine.
_HABIT = re.compile(r"\s*(?:每天|每日|每晚|每周|每月|定期|轮流|经常)")
_UNIT_OWNER = tuple(
    w + "的" for w in ("村", "镇", "乡", "街道", "社区", "县", "区", "市", "旗", "所", "局", "院", "中心")
)
# Three or more parts joined by dashes, then a count of levels (“县—乡—村”三级…, “党支部—党小组—
# 党员”四级联动体系), spell out the levels of a structure; the quote is no programme's name.
_LEVEL_CHAIN = re.compile(r"^[^—–\-－]{1,8}(?:[—–\-－][^—–\-－]{1,8}){2,}$")
_LEVELS_TRAIL = re.compile(r"^[一二三四五六七八九十0-9]+级")
# A formula left open by a trailing plus (“党建+”, “互联网+”) is a stock way of combining things
# that many places use, no local programme; a key term inside (“枫桥+”) still gives the key.
_OPEN_FORMULA = ("+", "＋")
# … as is one body plus the unnamed others it works with (“法院+N”, “公安+X”协调联动机制).
_OPEN_SUM = re.compile(r"^[\u4e00-\u9fff]{1,6}[+＋][NnXx](?![\u4e00-\u9fff]{0,2}[+＋])")
# A local name for people in a role (说事联络员, 信息员) is no programme.
_ROLE_ENDINGS = ("员", "人员")
_UNIT_END = re.compile(r"[；;。！!？?\n]")
_SLOGAN_MARKS = re.compile(r"[、—–\-－，,]")
_STOP_SUBSTRINGS = (
    "两学一做", "党史学习教育", "学习教育", "我为群众办实事", "淬火工程", "主题教育", "不忘初心",
    "学理论", "学党史",  # study campaigns (“讲故事、学理论”活动), as 两学一做 is
    "党的声音", "党的创新理论", "全会精神",
    "三个规定", "三同步", "好差评",
    "家门口", "绿色通道", "日清日结", "代表之家", "委员之家", "委员工作站", "青年之家", "妇女之家",
    "两代表一委员",  # deputies and committee members: a standard institution type, as 代表之家 is
    "小事不出村", "大事不出镇",  # the stock aim of the 枫桥 slogan, in every region's reports
    "职工之家", "法官工作站", "学习强国", "公众号", "长安网", "微博", "微信号", "抖音", "头条号",
    "电视台", "日报", "晚报", "报社", "广播", "比赛", "竞赛", "开放日", "慰问", "晚会", "仪式",
    "座谈会", "表彰大会", "宣传日", "宣传周", "宣传月", "教育日", "文艺演出", "回头看", "线上+线下",
    "一号工程", "一把手", "首问负责", "一次性告知", "限时办结",
    "线上线下", "三会一课", "两委",
    # national policy and political formulae every unit complies with (做好“六稳”“六保”工作)
    "六稳", "六保", "两个维护", "四个意识", "四个自信", "两个确立", "四个全面",
)  # fmt: skip
_STOP_PATTERNS = (
    re.compile(r"[一二两三四五六七八九十多]位一体"),
    # 一厅五室, 1厅+N室 ...: a count of rooms or windows, the layout of a centre
    re.compile(r"^(?:[一二两三四五六七八九十0-9NnXx]+[厅站室所馆区窗台][+＋]?){2,}$"),
    re.compile(r"^[0-9]+\s*[+＋]\s*[0-9a-zA-Z]+$"),  # 3+x
    re.compile(r"^以.{1,8}为中心$"),  # a principle, not a centre
    re.compile(r"^一[镇村乡街社县区企户]一(?:品|特|策|案)"),  # 一镇一品: a goal for many brands, not one
    # “日报告”“周通报”, “月研判”: how often a routine report or review is made, a work rhythm like
    # 日清日结, no programme's name
    re.compile(r"^[日周旬月季年](?:报告|通报|调度|研判|会商|例会|分析|督查|督导|点评|总结|报)$"),
    # set principles built on a template, the same everywhere: 应X尽X / 能X尽X (every case that
    # should be X-ed is), 有X必Y / 逢X必Y / 凡X必Y (whenever X, always Y)
    re.compile(r"^(?:[应能](.{1,2})[尽必]\1|[有逢凡].必.)$"),
    # “1星-5星”, “一级至三级”: the range of a grading scale, by which units are rated, no programme
    re.compile(r"^[0-9一二三四五六七八九十]+[星级档等]?[至到]?[0-9一二三四五六七八九十]+[星级档等]$"),
)
# Plain kinds of police and grid work named in quotes for emphasis (“入户走访”工作): what every unit
# does, no programme (a coined campaign on them, “大走访”活动, stays).
_PLAIN_WORK = frozenset({"入户走访", "走访", "走访排查", "排查", "摸排", "回访", "入户"})
# Fields of work named in quotes for emphasis: every place has them, so they name no programme.
_FIELD_TERMS = frozenset({
    "基层治理", "社会治理", "乡村治理", "城市治理", "市域治理", "基层社会治理", "社会治理现代化",
    "平安建设", "法治建设", "乡村振兴", "社会稳定", "和谐稳定", "安全稳定", "长治久安", "共建共治共享",
    # the stock aim of working together, named so in every report
    "多元共治", "共治共享", "共建共享", "共建共治",
    # the whole-of-society security every report claims (“大平安”格局, 工作体系, 理念)
    "大平安",
    # a technology every place applies, named alone (“互联网 ”普法, a “互联网+” whose plus was lost)
    "互联网", "大数据", "云计算", "物联网", "区块链", "人工智能", "数字化", "信息化", "智能化",
})  # fmt: skip
# A quote that a goal frame closes (以打造“最安全边境城市”为目标) or a rate measured (“见警率”,
# “两率一度”) names what is aimed at or counted, not a programme the unit runs. (A selection the
# unit runs, 开展“X”评选活动, stays its programme: the seed gold's “信访稳定红旗村”.)
_GOAL_AFTER = re.compile(r"(?:为|作为|的)(?:总|奋斗|工作)?目标")
# (each step has its doer before it; a list of two-character brands, “和美”、“暖心”调解室, has none)
_QUOTED_STEPS_BEFORE = re.compile(r"[“\"][^“”\"]{1,2}[”\"][^，,。；;“”\"]{0,6}、[^，,。；;“”\"、]{1,6}$")
_RATE_NAME = re.compile(r"(?:率|满意度|知晓率|两率一度|[一二两三四五]率[一二两三]度)$")
# A quote that a media account's word follows (“X”抖音账号, “X” 微信公众号) names a media channel,
# which is no programme (guideline: “钧报平安” 公众号).
_MEDIA_AFTER = re.compile(
    r"\s*(?:官方)?(?:抖音|快手|微博|微信|视频|头条|新媒体)?(?:账号|帐号|公众号|视频号|抖音号|快手号|头条号|微博号)"
)
# An institution named after its administrative unit is that unit's body, not a brand.
_UNIT_INSTITUTION = re.compile(
    r"^[\u4e00-\u9fff]{2,8}?(?:省|市|(?<!社)区|县|旗|州|盟|镇|乡|街道)[\u4e00-\u9fff]*(?:中心|站|所|室|学校|委员会|协会)$"
)
_UNQUOTED_BAD = ("领域", "方面", "各类", "各项", "相关", "有关", "系列", "多项", "一批", "重点")
_VERB_PREFIX = re.compile(r"^(?:开展|推进|实施|启动|部署|推行|深化|完成|了)+")
_QUOTES_ONLY = re.compile(r"[“”\"「」『』‘’]")
# A quote that opens with a verb of doing (“推进诉调对接机制”“设立特色调解室”) states a measure taken,
# not the name of a programme; names open with their brand (“民情夜话”工作法, “创建平安家庭”活动
# keeps its campaign word after the quote).
_MEASURE_VERB = re.compile(
    r"^(?:推进|推动|设立|设置|建立|健全|完善|加强|强化|落实|发布|制定|出台|印发|开展|实施|组织|深化|"
    r"优化|规范|提升|加快|构建|成立|组建|开通|召开|举办)"
)
_MAX_TRAIL_PREFIX = 6
# Words for a stretch of time: after a quote, they open the work of that period (“盘点”近期工作),
# which a brand's name never holds between itself and its kind word.
_PERIOD_WORDS = ("近期", "近来", "当前", "目前", "今年", "全年", "本年", "年度", "本周", "本月", "阶段")
_FACILITY_WORDS = ("设置", "布局", "功能室", "功能区")
# “1+1+4+N”模式，即一个大厅、4个功能区、N个工作室: a sum whose gloss counts rooms is a layout (rule 5).
_SUM = re.compile(r"^[0-9NnXx]+(?:[+＋][0-9NnXx]+)+$")
_ROOM = r"(?:大厅|功能区|功能室|工作室|窗口)"
_ROOMS_GLOSS = re.compile(rf"[,，:：]?即[^。；;]{{0,60}}?{_ROOM}[^。；;]{{0,40}}?{_ROOM}")
# “1+1+N”模式(1名网格员+1名民警+N名志愿者), “1+1”联动模式，即由1名民警和1名调解员…, “1+2+N”综合体，
# 即镇综治中心+派出所+村工作站: a sum whose gloss counts the people on a team or joins the stations
# it links is a staffing or facility formula (rule 5), no programme's name.
_STAFF_GLOSS = re.compile(
    r"[,，:：]?(?:即|[（(])[^。；;，,）)]{0,30}?(?:[0-9一二两三四五六七八九十NnXx]+名|[\u4e00-\u9fff][+＋][\u4e00-\u9fff])"
    # or glosses its terms one by one (“1+N”模式，“1”代表驻校警力，“N”代表…): what each count stands for
    r"|[,，:：]?(?:其中)?[“\"]?[0-9NnXx][”\"]?(?:代表|是指|指的是|指)"
)
_LIST_NUMERALS = "0123456789一二三四五六七八九十"
# “5+10+N”入驻模式, “3+X”进驻机制: a sum that counts the units stationed in a centre.
_STATIONED = ("入驻", "进驻", "常驻", "轮驻")
# “1”代表…, “N”是指…: a quoted term of a formula followed by what it stands for.
_TERM = re.compile(r"^[0-9NnXx]{1,3}$")
_TERM_GLOSSED = re.compile(r"代表|是指|指的是|指")
_GLOSSED_TERM_BEFORE = re.compile(r"[“\"][0-9NnXx]{1,3}[”\"](?:代表|是指|指的是|指|即)[^，,。；;：:]*$")
_NUMERAL_START = re.compile(r"^[0-9一二两三四五六七八九十百千万双多]")
# A quote that states a proposition (“绿水青山就是金山银山”, “稳定才是硬道理”) is a slogan; it names
# a programme only when a programme word follows it (“群众的事就是我的事”调解室).
_PROPOSITION = re.compile(r"就是|才是|即是|便是|就有|才有")
_PURE_NUMBER = re.compile(r"^[0-9一二两三四五六七八九十百千万.．+＋%]+$")
_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?\n]")
_UNQUOTED = re.compile(
    r"(?:开展|推进|实施|启动|部署|推行|深化|完成)了?"
    r"(?P<name>[\u4e00-\u9fff]{2,14}?(?:专项整治行动|专项行动|集中整治行动|攻坚行动|专项整治|建设年|试点改革|改革试点|试点"
    # a points scheme with its own name (推行护河公益积分制度), as gold lists 平安积分超市
    r"|积分制度|积分超市))"
)
_QUOTE_CHARS = '“”"'
# ‘…’ nests a name inside quoted speech (“我们探索总结出‘1234’工作法”).
_BRACKET_QUOTES = (("「", "」"), ("『", "』"), ("‘", "’"))
_QUOTE_CHAR = re.compile(f"[{_QUOTE_CHARS}]")
_BRACKET_RUNS = tuple(re.compile(f"{o}[^{o}{c}]{{1,40}}{c}") for o, c in _BRACKET_QUOTES)
_BOOK_TITLE = re.compile(r"《([^《》]{1,40})》")
# a character every quoted run or book title starts with: most sentences hold none
_ANY_OPENER = re.compile(f"[{re.escape(_QUOTE_CHARS + ''.join(o for o, _ in _BRACKET_QUOTES))}《]")
_BOOK_TRAILERS = ("栏目", "节目", "专栏", "专题节目")
_FORCES = ("力量", "人员", "经费")
_CREW_TRAILERS = ("栏目组", "节目组", "专栏组", "摄制组")
# “平安景区”与“和谐社区”协同共建模式, “A”和“B”相结合的机制: a quote joined to the quote before
# it by 与/和/及, with words of combining between it and the kind word; the model is the pairing.
_PAIRED_BEFORE = re.compile(r"[”\"」』](?:与|和|及|同)$")
_COMBINED = re.compile(r"(?:相|深度|有机|双向)?(?:协同|结合|融合|联动|共建|互促|互动|并重|并举|双轮)")
_PAIRED_AFTER = re.compile(r"(?:与|和|及|同)[“\"][^”\"“]{1,20}[”\"]" + _COMBINED.pattern)
_ABBREVIATED = re.compile(r"简称(?:为)?[:：]?$")
# A quoted run this short with ‘…’ inside is a name with a stressed word, not quoted speech.
_SHORT_NESTED = 8
_TRAIL_WINDOW = 10


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A quoted run: the span of its content and of the whole run including quotes."""

    start: int  # first char of the content (or of the first quote when grouped)
    end: int  # one past the content (or past the last closing quote when grouped)
    outer_start: int
    outer_end: int
    content: str
    grouped: bool = False
    book: bool = False


class PracticeMatcher:
    """Finds taxonomy practices in text and discovers named local programs in sentences."""

    def __init__(self, taxonomy: Taxonomy | None = None) -> None:
        self.taxonomy = taxonomy if taxonomy is not None else Taxonomy.default()
        self._automaton: Any = ahocorasick.Automaton()
        for p in self.taxonomy.practices.values():
            for alias in (p.name, *p.aliases):
                for surface in _surface_variants(alias):
                    self._automaton.add_word(surface, (p.key, len(surface)))
        self._automaton.make_automaton()
        self._patterns = [
            (key, re.compile(pat)) for key, pats in self.taxonomy.patterns.items() for pat in pats
        ]
        # per pattern, the literal runs any match holds: most texts lack one, and skip its scan
        self._needs = [required_runs(pattern.pattern) for _, pattern in self._patterns]
        # and one search for the words one of which any pattern's match holds: most texts hold
        # none, and skip even the per-pattern checks
        self._any_pattern = gate_any(pattern.pattern for _, pattern in self._patterns)
        self._core = [(key, fold(term)) for key, terms in self.taxonomy.core.items() for term in terms]
        self._descriptors = sorted(
            ((key, fold(t)) for key, terms in self.taxonomy.descriptors.items() for t in terms),
            key=lambda kt: len(kt[1]),
            reverse=True,
        )
        self._mediation = self.taxonomy.by_name(MEDIATION_KEY_NAME)
        self._watch = self.taxonomy.by_name(WATCH_KEY_NAME)
        self._law_teaching = self.taxonomy.by_name(LAW_TEACHING_KEY_NAME)

    # --- taxonomy matching ----------------------------------------------------------------
    def find(self, text: str, prefolded: bool = False) -> list[PracticeMention]:
        """Taxonomy mentions in ``text`` (folded internally), longest non-overlapping first."""
        folded = text if prefolded else fold(text)
        hits = [h for h in self._raw_hits(folded) if not _safety_kept(folded, h[0])]
        return [
            PracticeMention(s, e, text[s:e], self.taxonomy.practices[k]) for s, e, k in _longest_first(hits)
        ]

    def scan(self, text: str) -> int:
        """Number of raw automaton hits in ``text`` (no folding, no overlap resolution)."""
        return sum(1 for _ in self._automaton.iter(text))

    def _raw_hits(self, folded: str) -> Iterator[tuple[int, int, str]]:
        """Every alias and pattern hit as (start, end, key)."""
        for end_index, (key, length) in self._automaton.iter(folded):
            yield end_index + 1 - length, end_index + 1, key
        if self._any_pattern is not None and self._any_pattern.search(folded) is None:
            return
        for (key, pattern), needs in zip(self._patterns, self._needs, strict=True):
            if any(run not in folded for run in needs):
                continue
            group = "s" if "s" in pattern.groupindex else 0  # a named group s marks the surface
            for m in pattern.finditer(folded):
                yield m.start(group), m.end(group), key

    def _keys_in(self, name: str) -> list[str]:
        """Taxonomy keys whose alias, pattern or core word occurs in ``name``."""
        name = _QUOTES_ONLY.sub("", name)
        keys = [k for _, _, k in _longest_first(list(self._raw_hits(name)))]
        keys += [k for k, term in self._core if _core_in(term, name)]
        keys += [k for k, term in self._descriptors if name.endswith(term)]
        return list(dict.fromkeys(keys))

    def _keyed_trail(self, window: str) -> str | None:
        """A key term opening the words after a quote, then a program word (“X”矛盾纠纷多元化解工作
        机制, “X”网格化服务管理模式): a descriptor naming the practice the brand is an instance of
        (rule 4), taken whatever the term's length."""
        end = max((e for b, e, _ in self._raw_hits(window) if b == 0), default=0)
        rest = _program_trail(window[end:], right_after_quote=False) if end else None
        if rest is None or rest[:1] not in _PROGRAM_HEADS:
            return None
        return window[: end + len(rest)]

    def _descriptor_only(self, name: str) -> bool:
        """The name holds a key term only in a generic kind word (巡逻队) and has a distinctive rest."""
        whole = rest = _QUOTES_ONLY.sub("", name)
        found = False
        for _, term in self._descriptors:
            if rest.endswith(term):
                rest, found = rest[: -len(term)], True
                break
        if not found or len(rest) < 2 or self._keys_in(rest) or rest in _GENERIC_MODIFIERS:
            return False  # 个人调解室, 义务调解队: a plain kind of the institution, no brand
        # 矛盾纠纷调解室: a key term running on into the kind word makes the name that key (rule 3)
        return not any(b < len(rest) < e for b, e, _ in self._raw_hits(whole))

    def named_program(self, name: str, sentence: str = "", start: int = 0, end: int = 0) -> list[Practice]:
        """What a name written as a unit's own program stands for: the taxonomy practices it
        names, else a local practice; [] when it is no acceptable name (slogan, formula, rule).
        Given its ``sentence`` and span, a brand the sentence presents as resolving disputes also
        stands for 矛盾纠纷多元化解 (rule 4), as a discovered one does."""
        name = fold(name)
        if (
            not _acceptable(name)
            or _RATE_NAME.search(name)
            or (sentence and (_GOAL_AFTER.match(sentence, end) or _MEDIA_AFTER.match(sentence, end)))
            or _is_count(name)
            or _UNIT_INSTITUTION.match(name)
            or _enumeration(name, "")
        ):
            return []  # _enumeration: a 、-list of short clauses (“上下联动、左右协同”) is a slogan
        return self._stands_for(name, name, sentence, start, end)

    # --- discovery ------------------------------------------------------------------------
    def discover(self, sentence: str, prefolded: bool = False) -> list[PracticeMention]:
        """Named programs in one sentence: local practices, or taxonomy ones for keyed names."""
        s = sentence if prefolded else fold(sentence)
        out: list[PracticeMention] = []
        taken: list[tuple[int, int]] = []
        candidates = _quoted_candidates(s)
        tails = _chain_tails(s, candidates)
        for cand, tail in zip(candidates, tails, strict=True):
            if _aim_or_rate(s, cand):
                taken.append((cand.outer_start, cand.outer_end))  # nor found again unquoted
                continue
            found = self._judge(s, cand, tail)
            if found is not None:
                out.extend(found)
                taken.append((cand.outer_start, cand.outer_end))
        for m in _UNQUOTED.finditer(s):
            start, end = m.span("name")
            if any(a < end and start < b for a, b in taken):
                continue
            name = m.group("name")
            verbs = _VERB_PREFIX.match(name)
            lead = len(verbs.group(0)) if verbs else 0
            lead = max(lead, name.rfind("的") + 1)  # 为期三个月的X行动: the words before 的 describe X
            if name.startswith(("对", "针对"), lead):
                lead += 2 if name.startswith("针对", lead) else 1  # 启动对X专项行动: 对 marks what it acts on
            start, name = start + lead, name[lead:]
            if any(w in name for w in _UNQUOTED_BAD) or not _acceptable(name):
                continue
            out.extend(self._mentions(s, start, end, name))
        for m in _UNQUOTED_BRAND.finditer(s):
            start, end = m.span("name")
            name = m.group("name")
            if any(a < end and start < b for a, b in taken) or _QUOTES_ONLY.search(name):
                continue
            if any(w in name for w in _UNQUOTED_BAD) or not _acceptable(name) or self._keys_in(name):
                continue  # a key term (打响平安建设品牌) is found by the taxonomy already
            out.extend(self._mentions(s, start, end, name))
        out.sort(key=lambda mm: (mm.start, mm.end))
        return [replace(mm, surface=sentence[mm.start : mm.end]) for mm in out]  # surfaces as written

    def _judge(self, s: str, cand: _Candidate, tail: int | None = None) -> list[PracticeMention] | None:
        """Mentions for one quoted candidate, or None when it is not a program. ``tail`` is where
        the words after the last name of a chain of quoted names (“A”“B”等专项行动) begin."""
        content = cand.content
        if _ABBREVIATED.search(s, 0, cand.outer_start):
            # (以下简称“X”): a short form of the name just before it, no new programme; a key term in
            # it still gives its key
            surface = s[cand.start : cand.end]
            keyed = [self.taxonomy.practices[k] for k in self._keys_in(content)]
            return [PracticeMention(cand.start, cand.end, surface, p, True) for p in keyed] or None
        if "‘" in content and len(content) <= _SHORT_NESTED and not content.startswith(("我们", "我")):
            # “一村一‘警’”: a short name with one word stressed inside is that name; a key term
            # read through the inner quotes gives its key, and nothing else is taken from it
            surface = s[cand.start : cand.end]
            keyed = [self.taxonomy.practices[k] for k in self._keys_in(content)]
            return [PracticeMention(cand.start, cand.end, surface, p, True) for p in keyed] or None
        if "‘" in content or content.startswith(("我们", "我")):
            return None  # “我们探索总结出‘X’工作法”: quoted speech, with the name nested inside
        if _TERM.match(content) and _TERM_GLOSSED.match(s, cand.outer_end):
            return None  # “1”代表镇调委会: one term of a formula glossed, no name
        if _GLOSSED_TERM_BEFORE.search(s, 0, cand.outer_start):
            return None  # “N”代表“乡贤”“律师”等力量: what a formula's term stands for, no programme
        chained = tail is not None and tail != cand.outer_end
        trail_start = tail if tail is not None else cand.outer_end
        possessive = s.startswith("的", trail_start)
        if possessive:
            trail_start += 1
            if s.startswith(("“", '"'), trail_start):
                return None  # “A+B+C”的“微网格”模式: the first quote spells out the named one's make-up
            if _ACHIEVED.search(s, 0, cand.outer_start):
                return None  # 实现“质变”的综治中心: the state reached describes what follows, no name
        window = _CLAUSE_BREAK.split(s[trail_start : trail_start + _TRAIL_WINDOW], maxsplit=1)[0]
        # a list comma ends the name too: in 村“两委”干部、驻村工作队 the 队 is the next item's
        window = re.split(r"[“”\"「」『』《》、]", window, maxsplit=1)[0]
        trail: str | None
        listed = window.startswith("等")
        if cand.book:
            if not window.startswith(_BOOK_TRAILERS) or window.startswith(_CREW_TRAILERS):
                return None  # 《X》节目组来某县采访: the crew of an outlet's programme, a visitor
            trail = ""
        elif listed:
            # “X”等工作 is a list of topics; “云岭”“雷霆”等专项行动 names campaigns by example
            trail = _program_trail(window[1:], right_after_quote=False)
            if trail is None or not trail.endswith((*_LISTED_CAMPAIGNS, *_LISTED_BRANDS)):
                trail = None
        else:
            trail = _program_trail(window, right_after_quote=not possessive)  # the last quote of a chain too
            if trail is None and not chained:
                trail = self._keyed_trail(window)
            if chained and trail is not None and not trail.endswith((*_LISTED_CAMPAIGNS, *_CHAINED_WORK)):
                # “A”“B”工作法 is rarer than a list of slogans; campaigns chain, and so do pieces of
                # work or activities (推进“法官驻乡镇”“法官进社区”工作), each its own, as the last one is
                trail = None
        before = s[max(0, cand.outer_start - 6) : cand.outer_start].rstrip().rstrip("的：:")
        if _SETTLED_IN.search(s, 0, cand.outer_start):
            return None  # 把矛盾化解在“萌芽状态”: where or in what state disputes end, no programme
        if (trail and _PAIRED_BEFORE.search(s, 0, cand.outer_start) and _COMBINED.match(trail)) or (
            _PAIRED_AFTER.match(s, cand.outer_end)
        ):
            # “A”与“B”协同共建模式: the kind word names the pairing, neither A nor B alone; a key
            # term in either (“党建”与“网格”融合) still gives its key
            surface = s[cand.start : cand.end]
            keyed = [self.taxonomy.practices[k] for k in self._keys_in(content)]
            return [PracticeMention(cand.start, cand.end, surface, p, True) for p in keyed] or None
        # a bare quote that a verb or frame makes the unit's own: no slogan marks, no proposition,
        # and no count unless a coined name (“一网统管”, “三官一律”)
        bare_name = (
            not cand.grouped
            and not cand.book
            and not _SLOGAN_MARKS.search(content)
            and (not _NUMERAL_START.match(content) or _coined(content))
            and not _PROPOSITION.search(content)
            and len(content) >= 3
        )
        signal = (
            trail is not None
            or (not cand.grouped and _names_itself(content))
            or before.endswith(_PRECEDING_NOUNS)
            or (bare_name and _ESTABLISH.search(before) is not None)
            or (bare_name and _CARRY_ON.search(before) is not None and not window)
            or (bare_name and _coined(content) and before.endswith(_KEEPS))
            or (bare_name and before.endswith(("以", "把")) and _VEHICLE.match(s, cand.outer_end) is not None)
            or (
                bare_name
                and not _clause_before(s, cand.outer_start)
                and _HABIT.match(s, cand.outer_end) is not None
            )
        )
        # a goal word right after the quote heads the phrase, whatever program word comes later
        # (发挥“人熟地熟”的优势开展工作)
        opens_goal = (not trail or _TRAILING_RE.match(window) is None) and _opens_goal(window)
        if not signal or opens_goal:
            return None  # 推行“马上就办”工作作风: a style, goal or principle, whatever the verb
        trail = trail or ""
        if not trail and _ZERO_COUNT.match(content):
            return None  # 项目“零诉讼”, 28个月“零发生”: a count of none, the outcome, not a name
        if _METAPHOR_BEFORE.search(_clause_before(s, cand.outer_start)):
            return None  # 综治中心成了“解忧站”: what the unit has become, said in a figure
        before_clause = _clause_before(s, cand.outer_start)
        if _PRAISED_AS.search(before_clause):
            return None  # 被誉为“东方之花”的调解工作: a term of praise, whatever it is praised for
        if _HONOUR_TITLE.match(content) and not _SELECTION_AFTER.match(s, trail_start):
            return None  # 作为全市“十佳调解品牌”的某所: an honour title held, whatever its kind word
        if not trail and (m := _IS_THE.search(before_clause)) and not _ACTION.search(m.group("mid")):
            return None  # 这里是百姓的“议事堂”: what a place is to people, said in a figure
        if (not trail or possessive) and _stock_figure(content):
            # 打造矛盾化解“终点站”, 打造“融合阵地”: a stock figure, no programme's name; nor is one
            # that 的 joins to the system it serves (贯通“基层细胞”的管理体系)
            return None
        if not trail and _SEEK_SLOGAN.match(content):
            return None  # “遇纠纷找中心”, “有事找网格员”: where people are to turn, a slogan
        if not trail and _PEOPLE_DO.search(_clause_before(s, cand.outer_start)):
            return None  # 让百姓“说理找中心”, 引导群众“有纠纷找综治中心”: what people are to do
        if _HOW_BUILT.match(trail):
            return None  # 突出“管用”建机制: the quote says how a mechanism is built, it names none
        if (content + trail).endswith(_EVENT_ENDS) and _ONE_OFF.search(_clause_before(s, cand.outer_start)):
            return None  # 一场…的“院坝议事会”就地召开: one meeting held, not a standing programme
        if not trail and _DEFINED_AS.search(s, 0, cand.outer_start):
            return None  # “雪亮工程”是以…为支撑、以…为重点的“群众性治安防控工程”: what a thing is
        if not trail and _verbless_figure(s, cand):
            return None  # 综治中心：化解矛盾的“终点站”: a figure in apposition to the headline's topic
        if _LEVEL_CHAIN.search(content) and (
            _LEVELS_TRAIL.match(trail) or _LEVELS_TRAIL.match(s[trail_start : trail_start + 4])
        ):
            # “镇—村—组—户”五级网格体系: the levels of a structure, not its name; the structure
            # is still the practice its kind word names (“户—村调解室—镇调解中心”三级网络: the last
            # level's kind word makes no name of the chain either)
            end = trail_start + len(trail)
            return [
                PracticeMention(
                    cand.outer_start, end, s[cand.outer_start : end], self.taxonomy.practices[k], True
                )
                for k in self._keys_in(trail)
            ]
        if not trail and _MEASURE_VERB.match(content):
            return None  # “设立特色调解室”: a measure in the text's list of steps, not a name
        if s.startswith("合一", cand.outer_end):
            return None  # “三中心”合一: a formula of merged facilities (rule 5), as 多网合一 is
        if possessive and trail in ("做法", "经验", "经验做法"):
            return None  # 借鉴当地“矛盾不上交”的做法: the quote says what the practice does
        if any(w in trail for w in _FACILITY_WORDS):
            return None
        if _SUM.match(content) and (
            _ROOMS_GLOSS.match(s, trail_start + len(trail))
            or _STAFF_GLOSS.match(s, trail_start + len(trail))
            or any(w in trail for w in _STATIONED)
        ):
            return None  # “5+10+N”入驻模式: how many units are stationed in a centre (rule 5)
        if not trail and content.endswith("经验") and not _MADE.search(_clause_before(s, cand.outer_start)):
            return None
        if content in _FIELD_TERMS:
            return None  # “多元共治”模式: the field or aim every place has, whatever kind word follows
        counted = (
            cand.grouped
            or (_is_count(content) and not _coined(content))
            or _SUM.match(content) is not None  # “1+1+1+X”: a formula names nothing without its phrase
        )
        if counted and not _names_itself(content):
            if not trail or chained or listed:
                return None  # a counted name takes its trail only when the trail is its own
            start, end = cand.outer_start, trail_start + len(trail)
            name = s[start:end]
        else:
            start, end, name = cand.start, cand.end, content
        probe = (
            s[cand.outer_start : cand.outer_end] + trail
            if chained
            else s[cand.outer_start : trail_start + len(trail) + 4]
        )
        if _enumeration(content, trail) and _JOINED.search(content) and _acceptable(name):
            # “网格+警格”: parts joined with + are working parts the unit combines, so a part that
            # holds a key's term or core word still makes it that key (rule 3), though no brand
            end = trail_start + len(trail)
            return [
                PracticeMention(
                    cand.outer_start, end, s[cand.outer_start : end], self.taxonomy.practices[k], True
                )
                for k in self._keys_in(content)
            ] or None
        if (
            not _acceptable(name)
            or _states_a_change(s, cand)
            or _enumeration(content, trail)
            or _DESCRIPTOR.match(content)
            or any(w in probe for w in _STOP_SUBSTRINGS)
            or any(p.search(probe) for p in _STOP_PATTERNS[:1])
            or _UNIT_INSTITUTION.match(content)
        ):
            return None
        if counted or _DURATION.match(content):
            # a formula or a campaign's length right after a key term is that practice's variant:
            # 信访工作“十化”机制, 扫黑除恶“百日清零”
            lead = max(0, cand.outer_start - 12)
            preceding = [h for h in self._raw_hits(s[lead : cand.outer_start])]
            # … but not the last item of a list before it (公安、交警、巡防队“四警”联勤制度): the
            # formula counts the whole list, not that one item's practice
            clause = _clause_before(s, cand.outer_start)
            comma = clause.rfind("、")  # not the 、 of a heading's number (十二、县公安局…“百日行动”)
            listed_before = (
                comma > 0 and clause[comma - 1] not in _LIST_NUMERALS and len(clause) - comma <= 12
            )
            if not listed_before and any(e == min(12, cand.outer_start) for _, e, _ in preceding):
                keys = [k for _, e, k in preceding if e == min(12, cand.outer_start)]
                return [
                    PracticeMention(start, end, s[start:end], self.taxonomy.practices[k], discovered=True)
                    for k in dict.fromkeys(keys)
                ]
        key_text = name if counted else content
        if trail.endswith("行动") and any(_core_in(term, trail) for _, term in self._core):
            key_text += trail  # “金秋”执行攻坚行动: a campaign named by its core word is the key only
        elif trail.endswith(("创建", "创建活动")):
            # “平安古镇”创建(活动) is 平安创建 (rule 7); “无讼社区”创建 stays a brand
            key_text += trail
        found = self._mentions(s, start, end, name, key_text=key_text, framed=trail.endswith(_MODEL_KINDS))
        if found and not counted and key_text == content:
            # Rule 4: “驼铃”网格服务队 — the brand, and the key its descriptor names
            have = {m.practice.key for m in found}
            for k in self._keys_in(trail):
                if k not in have:
                    found.append(PracticeMention(start, end, s[start:end], self.taxonomy.practices[k], True))
        return found

    def _mentions(
        self, s: str, start: int, end: int, name: str, key_text: str | None = None, framed: bool = False
    ) -> list[PracticeMention]:
        """The practices a programme name stands for: the taxonomy keys its name holds (rule 3), the
        local brand when no key term is in it or only a kind word such as 巡逻队 (rule 4), and
        矛盾纠纷多元化解 beside a brand (or a dialogue programme such as 楼长议事会) that the sentence
        presents as resolving disputes."""
        practices = self._stands_for(name, key_text if key_text is not None else name, s, start, end, framed)
        return [PracticeMention(start, end, s[start:end], p, discovered=True) for p in practices]

    def _stands_for(
        self, name: str, key_text: str, s: str, start: int, end: int, framed: bool = False
    ) -> list[Practice]:
        """The practices behind a programme name (keys read from ``key_text``): its taxonomy keys,
        the local brand, and 矛盾纠纷多元化解 when ``s`` (if given) presents it as resolving disputes.
        ``framed``: a programme word follows the quoted name (“一警六员”工作模式), so a name ending
        in 员 is the model's, not a role's."""
        keys = self._keys_in(key_text)
        brand = not keys or self._descriptor_only(key_text)
        open_formula = name.endswith(_OPEN_FORMULA) or _OPEN_SUM.match(_QUOTES_ONLY.sub("", name))
        if brand and ((name.endswith(_ROLE_ENDINGS) and not framed) or open_formula):
            return []
        practices = [*([local_practice(name)] if brand else []), *(self.taxonomy.practices[k] for k in keys)]
        mediation = self._mediation
        if (
            s
            and mediation is not None
            and mediation.key not in keys
            and (brand or _DIALOGUE.search(key_text))
            and (
                _MEDIATION.search(_clause_onward(s, start, end))
                or _MEDIATION.search(_exemplars_topic(s, start))
            )
        ):
            practices.append(mediation)
        watch = self._watch
        if (
            s
            and brand
            and watch is not None
            and (name.endswith(_TEAM_ENDINGS) or _TEAM_AFTER.match(s, end))
            and not _MEDIATION.search(s, start, end + 6)  # a mediation team walking its rounds
            and _RESIDENTS_WATCH.search(_clause_onward(s, start, end))
        ):
            practices.append(watch)  # “楼栋守望”队，由热心居民轮流值守: residents on watch (rule 4)
        teaching = self._law_teaching
        if (
            s
            and brand
            and teaching is not None
            and _TEACHING_NAME.search(s, start, end + 6)
            and _TEACHES_LAW.search(_clause_onward(s, start, end))
        ):
            practices.append(teaching)  # “花灯说法”宣传队，把法律知识编进唱词: law taught (rule 4)
        return practices


# Words that say only what kind of body it is (个人调解室, 义务调解队, 专职调解团): no brand's own part.
# So do the stock kinds of member every county recruits (“五老”调解队, 乡贤调解室, 党员调解队): a
# staffing formula, no brand of one place.
_GENERIC_MODIFIERS = frozenset(
    {"个人", "义务", "巡回", "流动", "专家", "专职", "兼职", "志愿", "联合", "特色", "金牌", "品牌"}
    | {"综合", "专业"}
    | {"五老", "乡贤", "新乡贤", "两代表一委员", "党员", "老党员", "老干部", "律师"}
)
# A core word right before one of these names a class, a contest or a forum, not the practice
# (“枫桥班” is a training class; “海上枫桥” is the practice).
_CORE_OTHER_USE = re.compile(r"(?:班|课|讲堂|杯|赛|论坛|学院|学校|大讲堂)")


# 保平安, 护平安, 守平安, 报平安: a verb whose object is 平安 itself (保稳定保平安), so a 平安X term
# read on from it (保平安社区建设 → 平安社区) runs across the phrase's edge.
_KEEPS_SAFETY = frozenset("保护守报")
# Two-character verbs ending in one of those characters take the whole 平安X term as object.
_VERBS_TAKING_TERM = frozenset({"确保", "担保", "守护", "保护", "维护", "呵护", "汇报", "上报", "通报"})


def _safety_kept(folded: str, start: int) -> bool:
    """Whether a term at ``start`` opens with the 平安 of a verb phrase 保平安/护平安/守平安/报平安."""
    if start == 0 or not folded.startswith("平安", start) or folded[start - 1] not in _KEEPS_SAFETY:
        return False
    return folded[max(0, start - 2) : start] not in _VERBS_TAKING_TERM  # 确保平安校园创建: object


def _core_in(term: str, name: str) -> bool:
    """Whether the core word ``term`` stands in ``name`` for its practice."""
    at = name.find(term)
    while at >= 0:
        if not _CORE_OTHER_USE.match(name, at + len(term)):
            return True
        at = name.find(term, at + 1)
    return False


def _longest_first(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Greedy longest-first selection of non-overlapping hits, returned in text order."""
    if len(hits) < 2:
        return list(hits)  # nothing to choose between
    base = min(h[0] for h in hits)
    occupied = bytearray(max(h[1] for h in hits) - base)
    chosen: list[tuple[int, int, str]] = []
    for s, e, k in sorted(set(hits), key=lambda h: (h[0] - h[1], h[0])):
        if not any(occupied[s - base : e - base]):
            chosen.append((s, e, k))
            occupied[s - base : e - base] = b"\x01" * (e - s)
    return sorted(chosen)


# Characters that make a verb with the first character of a program word after them (进行|动态,
# 生活|动): there the word runs across two words and names nothing.
_SPLIT_BEFORE = {"行动": "进举执运施实推通流可履试", "活动": "生灵"}


def _program_trail(window: str, right_after_quote: bool) -> str | None:
    """The text from the quote up to and including the first program word, if there is one."""
    if right_after_quote and window.startswith("活动"):
        return "活动"
    best: int | None = None
    best_word = ""
    for word in _TRAILING_WORDS:
        i = window.find(word)
        while i > 0 and window[i - 1] in _SPLIT_BEFORE.get(word, ""):
            i = window.find(word, i + 1)  # 进行动态管理: 行动 across 进行|动态 is no campaign word
        if i >= 0 and (best is None or i < best or (i == best and len(word) > len(best_word))):
            best, best_word = i, word
    if best is None:
        return None
    if best > _MAX_TRAIL_PREFIX or "的" in window[:best] or "等" in window[:best]:
        return None
    if window.startswith(_PERIOD_WORDS):
        return None  # “梳理”近期工作: a time word opens the object of a quoted verb, no kind of programme
    verb = _PREDICATE_START.search(window, 0, best)
    if verb and (verb.group("result") or best - verb.end() >= 2):
        # 坚持“一个根本”推动党管政法工作, “五大建设”展示政法队伍新风貌: a verb with its own object
        # after the quote makes the quote the means of a predicate, no programme's name (“五进”推进
        # 机制, where the verb runs into the kind word, stays one); so does one after a subject or
        # an adverb (“最多跑一地”四川推进综治中心…采访团, “X”全面推动调解中心…)
        return None
    end = _words_end(window, best + len(best_word))
    if end > best + len(best_word) and window.endswith("工作", 0, end) and window.startswith(_FORCES, end):
        end -= 2  # “X”机制工作力量: 工作 opens the forces of the work, no part of the name
    if window.startswith("伍", end) and window[end - 1] == "队":
        end += 1  # 调解队伍: the word runs on past 队, and the name with it
    if window.startswith((*_ROLE_ENDINGS, "者"), end):
        return None  # “吹哨”水利局工作人员: the word begins the people a quoted verb acts on
    if _heads_goal(window, end):
        return None  # “X”工作要求 is a goal; “X”创建标准 sets up the creation campaign
    if window.endswith("工作", 0, end) and window.endswith(_CAMPAIGN_TRAILS, 0, end - 2):
        end -= 2  # “X”创建工作, “X”专项行动工作: the work of the campaign, whose name ends before 工作
    return window[:end]


# Verbs of effect that open a predicate after a quoted slogan (“X”推动…, “X”取得…, 以“四个X”推进…
# 工作): the slogan is the means of the work its object names, no programme of its own.
_PREDICATE_START = re.compile(
    # a verb of result never runs into a kind word (“X”取得整治新突破); the others take an object
    r"(?P<result>取得|谱写|彰显|展示|展现)|推动|推进|促进|提升|深化|助推|助力|带动|引领|赋能|护航|筑牢"
    r"|守护|激活|凝聚|汇聚"
)


def _words_end(window: str, end: int) -> int:
    """Where the program words running on from ``end`` stop (工作 + 机制, 专项整治 + 行动)."""
    while (more := _TRAILING_RE.match(window, end)) is not None:
        end = more.end()
    return end


def _heads_goal(window: str, end: int) -> bool:
    """Whether ``window[end:]`` heads a goal, principle or style after the program words before
    it (“X”工作要求), not the results of a model (“X”模式成效) nor a creation campaign's standard."""
    rest, kind = window[end:], window[:end]
    if not kind and rest.startswith(_ROLE_HEADS):
        return True  # 发挥“前哨站”作用: the role something plays, said in a figure
    return (
        rest.startswith(_GOAL_HEADS)
        and not kind.endswith("创建")
        and not (rest.startswith(_RESULT_HEADS) and kind.endswith(_MODEL_KINDS))
    )


def _opens_goal(window: str) -> bool:
    """Whether the words after a quote (or a chain of quotes) head a goal, principle or style,
    directly (“X”理念, “A”、“B”作风) or after a program word (“X”工作作风, “X”工作要求)."""
    return _heads_goal(window, _words_end(window, 0))


# A quoted word that only describes how something is done (“一站式”中心, “规范化”建设, “保姆式”服务).
# … or says it covers the whole of something (“全链条”诉源治理, “全周期”管理, “全方位”防控).
_DESCRIPTOR = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,3}[式化]|全(?:链条|周期|流程|过程|方位|天候|时段|要素|覆盖|领域|域|程))$"
)
# Before a quote, words that make it the state a place moved away from (跳出“被动处警”模式,
# 从“望洋兴叹”到 …, 变“分散办公”为 …, 积“小安”为 …); the state it moved to is introduced by 到/向/为/成.
_CHANGE_FROM = re.compile(r"(?:从|由|跳出|摆脱|告别|打破|改变|变)$")
_CHANGE_TO = re.compile(
    r"(?:从|由|变|积|化)[“\"「『][^“”\"「」『』]{1,20}[”\"」』][\u4e00-\u9fff]{0,4}?(?:到|向|为|成)$"
)
# Parallel parts of a quoted phrase (、 or +) ...
_PARTS = re.compile(r"[、+＋]")
_JOINED = re.compile(r"[+＋]")
# ... make a campaign's name only when a campaign word follows (“大下访、大排查、大调处”专项活动).
_CAMPAIGN_TRAILS = ("行动", "活动", "专项整治", "整治", "创建", "工程", "改革")
# ... or a method word (“早、准、快、实”调解工作法, “听、议、办、评”四步工作法): a local method is named
# by its steps, as a campaign is by its parts; “一次受理、全程代办”服务模式 stays a service slogan.
_METHOD_TRAILS = ("工作法", "调解法", "调处法", "化解法", "解纷法", "治理法")
_CHAINED_WORK = ("工作", "活动")
# Names listed by example before 等, or in a chain of quotes, are programmes only when the words
# after them say they are campaigns (“云岭”“雷霆”等专项行动); “X”等工作 lists topics.
_LISTED_CAMPAIGNS = ("行动", "专项整治", "整治", "专项活动", "集中活动")
# … or brands (“X”“Y”等特色护边模式, “X”“Y”等调解品牌) or teams (“X”“Y”等民间调解队伍): each quoted
# example is one unit's model or team, as gold lists 马背调解队 and 渔嫂调解队.
_LISTED_BRANDS = ("模式", "品牌", "工作法", "队伍", "队")
# Two counted actions (三清三留, 四抓四真): a coined name complete in itself, not a count formula
# (七个一, 1234, 三级五天) that names nothing without the words after it.
_NUMERAL = "[一二两三四五六七八九十]"
_ACTION_CHAR = "[^一二两三四五六七八九十0-9个项条张级天日年月次步类大批种位名户人件份本套支座家]"
_COINED_PAIR = re.compile(rf"^{_NUMERAL}{_ACTION_CHAR}{_NUMERAL}{_ACTION_CHAR}$")
# … or a longer run of such pairs (两官两警一律), or one thing that does it all (一网统管, 一屏统览):
# the numerals qualify nouns or verbs, never a classifier, so the quote counts no list of items.
_COINED_SERIES = re.compile(rf"^(?:{_NUMERAL}{_ACTION_CHAR}){{3}}$|^一{_ACTION_CHAR}[统通][\u4e00-\u9fff]$")


def _coined(content: str) -> bool:
    """A numeral-led name complete in itself (四抓四真, 两官两警一律, 一网统管), not a count formula
    nor a filing rule (一事一档, 一案一册: one record per case, kept everywhere)."""
    if content.endswith(_FILING):
        return False
    return _COINED_PAIR.match(content) is not None or _COINED_SERIES.match(content) is not None


_FILING = ("档", "册", "表", "卡", "账", "单", "簿")
# ... or a model or mechanism word after the field of governance it serves (“一核多元、五治融合”基层治理
# 模式, “X、Y”矛盾调处机制): a bare kind word (“一次受理、全程代办”服务模式) leaves a service slogan.
_FIELD_MODEL = re.compile(r"(?:治理|治安|防控|调[解处]|解纷|议事|自治)(?:工作)?(?:模式|机制|体系)$")
_COUNTED_PART = re.compile(r"^[0-9一二两三四五六七八九十百千]+[个张级项支条大类套本批种份]")


def _states_a_change(s: str, cand: _Candidate) -> bool:
    """Whether the quoted run names the state before or after a change (从“X”到“Y”, 跳出“X”,
    变“X”为“Y”): a description of the change, not a programme of the unit."""
    before = s[max(0, cand.outer_start - 30) : cand.outer_start].rstrip()
    return bool(_CHANGE_FROM.search(before) or _CHANGE_TO.search(before))


def _verbless_figure(s: str, cand: _Candidate) -> bool:
    """Whether the quote ends a verbless modifier phrase (…的“X”) right after a colon, or makes
    a whole heading of one: a figure set beside a headline's topic, not a programme anyone runs.
    A unit before 的 (某村的“X”) owns the name instead."""
    clause = _clause_before(s, cand.outer_start)
    colon = max(clause.rfind("："), clause.rfind(":"))
    phrase = clause[colon + 1 :]
    # 家门口的“解忧站”: a heading that is nothing but such a phrase is a figure too
    heading = colon < 0 and len(clause) == cand.outer_start and not s[cand.outer_end :].strip(" 。!！\n")
    if (colon < 0 and not heading) or not phrase.endswith("的") or phrase.endswith(_UNIT_OWNER):
        return False
    return not _ACTION.search(phrase)


def _enumeration(content: str, trail: str) -> bool:
    """A quoted list of parallel parts that is a slogan or a list of kinds, not a name: parts that
    share their head character (常驻+轮驻+随驻, 规范化+品牌化+数字化, 人防、物防、技防), or a
    、-list of short clauses that is no campaign (“一站式受理、一揽子调处、全链条解决”工作模式)."""
    parts = [p for p in _PARTS.split(_QUOTES_ONLY.sub("", content)) if p]
    if len(parts) >= 3 and "进" in parts[0][:-1] and all(p.startswith("进") for p in parts[1:]):
        return True  # “送法进牧区、进渔港、进工棚”: the places an activity goes into, no name
    if len(parts) < 2 or any(len(p) > 6 for p in parts):
        return False
    if all(p.endswith(_POSTS) for p in parts):
        # “主任+副主任+工作人员”: the posts a body is staffed with (rule 5), no name; posts joined by a
        # mechanism (“林长+法院院长”协作机制) are the bodies' heads working together, a named mechanism
        return not (_JOINED.search(content) and trail.endswith("机制"))
    if all(len(p) >= 2 for p in parts) and len({p[-1] for p in parts}) == 1:
        return True
    if all(_COUNTED_PART.match(p) for p in parts):
        return False  # “一张网络、两级组织、三项机制”: a model named by its counted parts
    return (
        "、" in content
        and not trail.endswith((*_CAMPAIGN_TRAILS, *_METHOD_TRAILS))
        and not _FIELD_MODEL.search(trail)
    )


# The posts or people a body is staffed with: a sum of them is a staffing formula.
_POSTS = ("员", "人员", "主任", "长", "书记", "干部", "民警", "辅警", "律师", "志愿者", "专干")
_COUNT_OF_KINDS = re.compile(
    r"^[0-9一二两三四五六七八九十]+[大项个类]?(?:专项)?(?:行动|工程|机制|体系|活动|举措|措施|工作|制度)$"
)


def _aim_or_rate(s: str, cand: _Candidate) -> bool:
    """以打造“X”为目标, 提升“见警率”: the quote names an aim or a rate (or, “X”抖音账号, a media
    account); and 群众“点单”、部门“接单”、
    网格员“派单”: a two-character quote that closes a 、-list of such quotes is one step of a
    slogan, whatever kind word follows the last."""
    return bool(
        _GOAL_AFTER.match(s, cand.outer_end)
        or _MEDIA_AFTER.match(s, cand.outer_end)
        or _RATE_NAME.search(cand.content)
        or (len(cand.content) <= 2 and _QUOTED_STEPS_BEFORE.search(s, 0, cand.outer_start))
    )


def _names_itself(content: str) -> bool:
    """Whether a quoted run is a programme's whole name by its own last word (“X工作法”, “四诊法”),
    not a count of things that happens to end in one (“一个中心”)."""
    if _COUNTED_METHOD.match(content):
        return True
    if _COUNT_OF_KINDS.match(content):
        return False  # “三大行动”, “五项机制”: how many, of what kind, and no name
    return content.endswith(_NAME_ENDINGS) and not _ONE_THING.match(content)


def _acceptable(name: str) -> bool:
    """Length, number, clause and stop-list checks on a candidate name."""
    bare = _STRIP.sub("", name)
    if not 2 <= len(bare) <= 20 or len(name) > 24:
        return False
    if bare in _GENERIC_KINDS:
        return False  # a kind word alone (“驿站”, “工作室”) refers back to a programme or names none
    if bare in _FIELD_TERMS:
        return False  # 打造“基层治理”名片: the field of work every place has, no programme's name
    if bare in _PLAIN_WORK:
        return False  # 将“入户走访”工作做实: a plain kind of work every unit does, no programme's name
    if _PURE_NUMBER.match(bare) or re.search(r"[，,；;。]", name):
        return False
    if any(p.search(bare) for p in _STOP_PATTERNS):
        return False
    return not any(w in name for w in _STOP_SUBSTRINGS)


def _clause_before(s: str, start: int) -> str:
    """The clause holding position ``start``, up to it."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(s, 0, start)), default=0)
    return s[left:start].rstrip()  # 跳出 "X" 模式: a space before a half-width quote is no word


def _exemplars_topic(s: str, start: int) -> str:
    """The text before a list of exemplars that the name at ``start`` belongs to (化解矛盾纠纷，各地
    涌现出甲区“X”、乙区“Y”等…): what the exemplars are examples of (rule 16), else nothing."""
    at = s.rfind("涌现", 0, start)
    if at < 0 or _UNIT_END.search(s, at, start):
        return ""
    return s[:at]


def _clause_onward(s: str, start: int, end: int) -> str:
    """From the clause holding s[start:end] to the end of the sentence, up to a semicolon: what the
    text goes on to say about the programme (…“X”工作法, …, 今年已调解纠纷90余起)."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(s, 0, start)), default=0)
    m = _UNIT_END.search(s, end)
    return s[left : m.start() if m else len(s)]


def _quoted_candidates(s: str) -> list[_Candidate]:
    """Quoted runs in s; adjacent short count formulas (“三打”“三治”) are grouped into one."""
    if _ANY_OPENER.search(s) is None:
        return []
    pairs: list[tuple[int, int]] = []  # (open index, close index)
    opens = [m.start() for m in _QUOTE_CHAR.finditer(s)]
    pairs += [(opens[i], opens[i + 1]) for i in range(0, len(opens) - 1, 2)]
    for run in _BRACKET_RUNS:
        pairs += [(m.start(), m.end() - 1) for m in run.finditer(s)]
    singles = [
        _Candidate(a + 1, b, a, b + 1, s[a + 1 : b]) for a, b in sorted(pairs) if b - a > 1 and b - a <= 42
    ]
    books = [
        _Candidate(m.start() + 1, m.end() - 1, m.start(), m.end(), m.group(1), book=True)
        for m in _BOOK_TITLE.finditer(s)
    ]
    grouped: list[_Candidate] = []
    i = 0
    while i < len(singles):
        j = i
        while (
            j + 1 < len(singles)
            and singles[j + 1].outer_start == singles[j].outer_end
            and all(_is_count(c.content) for c in singles[i : j + 2])
        ):
            j += 1
        if j > i:
            first, last = singles[i], singles[j]
            grouped.append(
                _Candidate(
                    first.outer_start,
                    last.outer_end,
                    first.outer_start,
                    last.outer_end,
                    s[first.outer_start : last.outer_end],
                    grouped=True,
                )
            )
        else:
            grouped.append(singles[i])
        i = j + 1
    return grouped + books


def _chain_tails(s: str, candidates: list[_Candidate]) -> list[int | None]:
    """For each quoted candidate, where the words after its chain of quoted names begin: names
    back to back or joined by 、 (“云岭”“雷霆”等专项行动, “春雷”、“夏安”行动) share the words after
    the last one. A candidate on its own gets None."""
    tails: list[int | None] = [None] * len(candidates)
    i = 0
    while i < len(candidates):
        j = i
        while j + 1 < len(candidates) and not candidates[j + 1].book and not candidates[j].book:
            gap = s[candidates[j].outer_end : candidates[j + 1].outer_start]
            if gap not in ("", "、"):
                break
            j += 1
        if j > i:
            for k in range(i, j + 1):
                tails[k] = candidates[j].outer_end
        i = j + 1
    return tails


def _is_count(content: str) -> bool:
    """A short numeral-led formula such as 三打, 七个一, 1234; a campaign named by how long it
    runs (百日攻坚, 30天会战) counts nothing."""
    return _NUMERAL_START.match(content) is not None and len(content) <= 4 and not _DURATION.match(content)


# A campaign's length opening its name: 百日, 30天, 一百天.
_DURATION = re.compile(r"^[0-9一二两三四五六七八九十百千]+[日天夜](?![日天夜0-9一二两三四五六七八九十])")
