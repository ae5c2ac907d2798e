"""Quantities stated in a sentence: value, unit, indicator, raw text and an approximate flag.

Conventions (those of the gold set): the value is the number as written and the unit keeps
any 万/亿 multiplier (14.4万余户 -> 14.4, 万户); 余/多/约/近/逾/超过/以上/左右 mark the figure
as approximate and stay in ``raw``. A number only counts when a measure word (or %) follows
it, so years, dates, phone numbers and document numbers fall away on their own; ordinals,
rankings and numbers inside quoted names are skipped explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

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
    rf"(?P<num>\d+(?:\.\d+)?|[{_CN_DIGITS}]+)"
    rf"(?P<mult>[万亿])?"
    rf"(?P<about>余|多)?"
    rf"(?P<unit>{_UNIT_ALT})?"
    rf"(?P<post>以上|左右)?"
)
# Units that read as part of a word rather than a count when they follow a Chinese numeral.
_CN_WEAK_UNITS = frozenset({"类", "分", "部", "位", "组", "队", "元", "次", "期", "天", "小时", "米"})
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
    "共",
)
_TRAIL_VERBS = (
    "提升至",
    "提高到",
    "提高至",
    "上升至",
    "下降至",
    "增长至",
    "达到",
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
    "了",
)
# A clause whose text before the number ends in one of these verbs names its object after it.
_OBJECT_AFTER = re.compile(
    r"(建立|建成|组建|打造|成立|开展|配备|培育|创建|命名|设立|新建|举办|招募|聘请|建有|拥有|了|对)$"
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


def find_metrics(sentence: str) -> list[MetricMention]:
    """Return the quantities stated in ``sentence``, in reading order."""
    found: list[MetricMention] = []
    last_end = 0
    for m in _NUMBER.finditer(sentence):
        mention = _to_mention(sentence, m, last_end)
        if mention is not None:
            found.append(mention)
            last_end = mention.end
    return found


def _to_mention(sentence: str, m: re.Match[str], floor: int) -> MetricMention | None:
    num, mult, unit = m.group("num"), m.group("mult") or "", m.group("unit") or ""
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
    return MetricMention(
        start=m.start(),
        end=m.end(),
        raw=m.group(),
        indicator=_indicator(sentence, m.start(), m.end(), floor),
        value=value,
        unit=mult + unit,
        approximate=bool(m.group("pre") or m.group("about") or m.group("post")),
    )


def _plausible_cn(num: str, unit: str) -> bool:
    """Chinese numerals are everywhere in idioms (一批, 三级, 十化); demand a clear count."""
    if not unit or unit in _CN_WEAK_UNITS:
        return False
    if len(num) == 1:
        return num not in "一万亿零〇"  # 一个/一起/一家 are words, not counts
    return True


def _skip_context(sentence: str, start: int, end: int, unit: str) -> bool:
    before = sentence[start - 1] if start > 0 else " "
    earlier = sentence[start - 2] if start > 1 else " "
    after = sentence[end] if end < len(sentence) else " "
    if before == "第" or (before == "前" and earlier not in "目此提以当之" and unit in ("名", "位", "%")):
        return True  # ordinals and ranks
    if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalpha()):
        return True  # codes such as G20, 5G, A3
    if before in "+-×/—～~." or after in "+×/":
        return True  # formulas like 3+x; a range is counted once, at its second number
    if unit in ("小时", "天") and after in "警服值在":
        return True  # 24小时警局 and similar names
    if unit == "个" and sentence.startswith(("月", "工作日", "小时"), end):
        return True  # durations: 4个月
    return _inside_quotes(sentence, start)


def _inside_quotes(sentence: str, pos: int) -> bool:
    """True when ``pos`` sits inside a short “…” or 《…》 span, i.e. inside a name."""
    for opener, closer in (("“", "”"), ("《", "》"), ('"', '"')):
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


def _value(num: str) -> float | None:
    if num[0].isdigit():
        return float(num)
    try:
        return float(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _indicator(sentence: str, start: int, end: int, floor: int) -> str:
    """The noun phrase naming what was counted: before the number, else just after it."""
    clause_start = 0
    for b in _CLAUSE_BREAK.finditer(sentence, 0, start):
        clause_start = b.end()
    before = sentence[max(clause_start, floor) : start].strip()
    trimmed = _trim(before)
    if not trimmed or trimmed in _LEAD_FILLERS or _OBJECT_AFTER.search(before):
        after = _CLAUSE_BREAK.search(sentence, end)
        stop = after.start() if after else len(sentence)
        digit = re.search(r"\d", sentence[end:stop])
        tail = sentence[end : end + digit.start() if digit else stop].strip().removeprefix("的")
        if tail:
            return tail
    if not trimmed and floor > clause_start:
        return _trim(sentence[clause_start:start].strip())
    return trimmed


def _trim(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        for filler in _LEAD_FILLERS:
            if text.startswith(filler) and len(text) > len(filler):
                text, changed = text[len(filler) :], True
        for verb in _TRAIL_VERBS:
            if text.endswith(verb):
                text, changed = text[: -len(verb)], True
    return text
