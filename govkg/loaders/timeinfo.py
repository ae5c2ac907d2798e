"""Years: the year a report is about and the year a sentence gives for its activity.

The rule (the gold guidelines' rule 14):

(a) a fact's year is the year its own sentence gives for the activity or its results
    (“2019年以来” -> 2019; “截至2020年底，共…” -> 2020), with 今年/去年/前年 resolved against the
    report's own date. A year that dates only a visit, a speech, an award, a plan or target, a
    cited policy or background (“2014年调研时提出的…”, “2018年被评为…”, “到2025年…”) is skipped;
(b) failing that, the report's year when the report is about one year: a year in its title, or an
    opening that frames it as one year's work (“2021年，我市…”, “今年以来，…” in a report dated 2023,
    a bulletin's “2022年第9期”); a report whose lead dates one event (“11月5日，某县召开…推进会”,
    “2023年6月3日，…举行…仪式”) is that event's report, and the event's year is the fallback
    when the opening frames none;
(c) otherwise none: an opening with 近年来, “三年来” or “2018年以来” spans several years, and a
    publication date alone does not say which year the work was done.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from govkg.loaders.documents import fold

_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})\s*年")
# 二〇二三年 / 二零二三年: a year written in Chinese digits, one character per digit
_CN_YEAR = re.compile(r"(?<![〇零一二三四五六七八九十])([一二][〇零一二三四五六七八九]{3})(?=\s*年)")
_CN_DIGIT = str.maketrans("〇零一二三四五六七八九", "00123456789")


def arabic_years(text: str) -> str:
    """``text`` with each year written in Chinese digits (二〇二三年) in Arabic ones (2023年);
    the length is kept, so offsets into the text stay valid."""
    if "年" not in text:
        return text
    return _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGIT), text)


# 回首2023年，… / 回顾2022年，…: a review opening with the year it looks back on frames that year;
# one opening a span (2018年至2022年，…) frames none
_LEADING_YEAR = re.compile(
    r"^[（(]?\s*(?:(?:回首|回顾|纵观|盘点)\s*)?((?:19|20)\d{2})\s*年(?!度?[^,，、以来底初上下全]{0,2}[月])(?!以来|来)(?!\s*[—–\-~～至到]\s*(?:19|20)\d{2})(?!(?:以|之)?前(?![0-9一二三四五六七八九十两]))"
)
# "三年来", "近年来", "2018年以来": the text covers several years, so no single report year.
_MULTI_YEAR = re.compile(
    r"(?:[两二三四五六七八九十几多]|近|近几|近些)年(?:来|以来)|近(?:几|些)年|(?:19|20)\d{2}年以来|多年来|十[一二三四五六七八九]?年(?:来|以来)"
    r"|(?<![0-9])[0-9]{1,2}\s*多?年(?:来|以来)"
    r"|(?:19|20)\d{2}\s*年?\s*[—–\-~～至到]\s*(?:19|20)\d{2}\s*年"  # 2017—2020年度: a span
    r"|十[二三四五]五[”\"」’]?(?:时期|期间|以来)"  # “十四五”以来/期间: a plan period of five years
)
# "十年来", "10年来", "二十多年来": a count of years looked back on, so a text that says it tells a
# story from an opening year (2010年底，某县创建…) rather than reviewing that year.
# The count opens its clause or follows a founding (成立十年来); 近十年来首次 only compares.
_COUNTED_SPAN = re.compile(
    r"(?:^|[，,；;：:]|成立|创建|建立|组建|设立|建成|运行)\s*(?:[0-9]{1,2}|[两二三四五六七八九十几]+)\s*多?年(?:来|以来)"
)
# The opening frames the report as this year's work: 今年以来 / 今年5月以来 / 今年，
_THIS_YEAR = re.compile(
    r"今年(?:以来|[0-9一二三四五六七八九十]{1,2}月(?:份)?以来|[，,]|上半年|前[三四五六七八九十]季度"
    r"|(?:入[春夏秋冬]|[春夏秋冬]季|汛期|春节|年初)以来)"  # 今年入冬以来: a season of this year
    r"|^上半年[，,]"  # 上半年，某县… opening a dated report: this year's first half
    r"|(?<![0-9年])年初以来"  # 年初以来 with no year before it: since the start of this year
)
# 笔者从某厅获悉，2021年，该厅…: the year a reported lead opens its news with
_REPORTED_YEAR = re.compile(
    r"^[^。！？!?；;]{0,40}?(?:了解到|获悉|得知)[，,]\s*((?:19|20)\d{2})\s*年(?=[，,])"
)
# 今年，… 将/要/力争…: a clause of 今年 that plans the coming work frames no year's review
_PLAN_AFTER = re.compile(r"[^，,。；;]{0,16}?(?<![即必])(?:将|要|拟|力争|争取|计划|准备)")
# 过去的一年，… / 回首过去一年 / 一年来，…: a review of the year just ended, opening its sentence
_PAST_YEAR = re.compile(
    r"^[（(]?\s*(?:回首|回顾|纵观)?(?:刚刚|刚)?(?:过去的?一年|一年来)(?:里|中|间)?[，,。]?"
)
# A sentence that sets what happened against today (时隔一年, 如今, 而今): the earlier year is history.
_THEN_NOW = re.compile(r"时隔[一二两三四五六七八九十\d]+年|如今|而今|现如今|时至今日")
# A sentence opening with today set against the one before (时至今日, 如今) or counting the years
# since it (迎来一周年): that sentence's year is history
_NOW_AFTER = re.compile(rf"^(?:{_THEN_NOW.pattern})|^[^。！？!?]{{0,40}}[一二两三四五六七八九十\d]+周年")
_HISTORY_AFTER = re.compile(rf"{_THEN_NOW.pattern}|[一二两三四五六七八九十\d]+周年")
_LAST_YEAR = re.compile(r"去年(?:以来|[，,]|[0-9一二三四五六七八九十]{1,2}月(?:份)?以来)")
# A lead that dates one event to the day: (年)月日, then within its clause a verb of holding an
# event or of something happening (召开, 举行, 启动, 揭牌, 发生 …); 记者…获悉 reports results, no event.
_EVENT_LEAD = re.compile(
    r"^[（(]?\s*(?:((?:19|20)\d{2})\s*年)?\s*(\d{1,2})\s*月\s*\d{1,2}\s*日(?:上午|下午|晚|晚上|凌晨)?"
    r"[^。！？!?；;]{0,40}?(?:召开|举行|举办|启动|揭牌|开幕|闭幕|签约|授牌|发生)"
)
# 近日，某县召开… / 近日，某县开展“X”宣传活动: a lead reporting one recent event, dated by the
# report's publication (a visit or an interview, 近日走访发现, is no event)
_RECENT_EVENT_LEAD = re.compile(
    r"^(?:近日|日前)[，,]?[^。！？!?；;]{0,60}?"
    r"(?:召开|举行|举办|启动|揭牌|开幕|闭幕|签约|授牌|开展了?[^。！？!?；;，,]{0,20}?活动)"
)
_CLAUSE_END = re.compile(r"[，,；;。]")
# A lead that frames the report as an interview (我们采访了…, 接受记者专访).
_INTERVIEW = re.compile(r"(?:采访|专访)了|接受[^，,。；;]{0,12}(?:采访|专访)")
_SPAN = re.compile(r"(?<![0-9])((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]\s*((?:19|20)\d{2})\s*年")
_OPENING_SENTENCES = 6  # prose sentences (with a comma or a full stop); headings do not count
_PROSE = re.compile(r"[，,。；;]")
# A year followed closely by an award, a document, a visit or a speech dates that, not the activity.
_NON_ACTIVITY_AFTER = re.compile(
    r"^(?:度)?[^,，。；;]{0,12}?(?:被|荣获|获评|获得|授予|评为|表彰|印发|出台的|颁布|发布的|调研|视察|考察|"
    r"提出|讲话|指示|批示|撤[县市]设区|更名)"
)
# A year heading its own clause (2005年以来，…) dates that clause; when the clause is an award
# (获…表彰, 荣获, 被评为, 蝉联…称号) the year is the award's, not the activity's.
_HEADED_CLAUSE = re.compile(r"(?:以来|起|开始|至今)?[，,]([^，,。；;]*)")
_AWARD_IN = re.compile(r"荣获|获评|评为|授予|表彰|蝉联|称号|获得(?!感)")
# 2022年的一个夜晚 / 2021年某天 / 2020年冬天: a moment in a story told, not a year under review.
_MOMENT_AFTER = re.compile(
    r"\s*的?(?:一个|一|某个?|那个?)?[^,，。；;]{0,2}?(?:夜晚|夜里|晚上|一天|天|日|清晨|早上|早晨|上午|中午|下午|傍晚|"
    r"深夜|凌晨|冬天|夏天|春天|秋天|冬日|夏日|春日|秋日|寒冬|盛夏)(?:[，,里]|的)"
)
# 2013年前 / 2013年以前 is the time before that year (2013年前三季度 is within it).
_BEFORE_YEAR = re.compile(r"(?:以|之)?前(?![0-9一二三四五六七八九十两])")
# A year after 到/力争/计划/将于 is a target: 到2025年实现全覆盖, 拟在2025年建成.
_TARGET_BEFORE = re.compile(r"(?:(?<!截)(?:到|至)|力争|争取|计划|预计|目标|确保|[将拟](?:于|在))\s*$")
# A year a quantity is compared with is a baseline, not the activity's: 较2021年下降, 比2020年同期,
# 由2021年底的24件减少到… (从2019年起 still dates a start).
_COMPARED_BEFORE = re.compile(r"(?:较|比|相比|相较|对比)\s*$")
_BASELINE_BEFORE = re.compile(r"(?:由|从)\s*$")
_QUANTITY_AFTER = re.compile(r"(?:底|末|初|同期|全年)?的?\s*[0-9]")
_COMPARED_AFTER = re.compile(r"(?:底|末|同期)?(?:相比|相较|比较)")  # 与2022年相比
# 荣获2022年度…称号, 入选2023年…案例: a year right after an award verb dates the award.
_AWARD_BEFORE = re.compile(r"(?:荣获|获评|获得|获|评为|入选|授予|命名为)\s*$")
# 某法庭始建于1958年，管辖…: the year a unit was founded is its history, no year a report is about
_FOUNDED_BEFORE = re.compile(r"(?:始建|建|成立|组建|创建|创办|始)于\s*$")
# 在2022年试点基础上，今年…: the year of what the activity builds on, not of the activity.
_BUILT_ON = re.compile(r"[^,，。；;]{0,10}?基础上")
_RELATIVE = {
    "今年": 0, "本年": 0, "当年": 0, "年初以来": 0,
    # 上半年共调解…, 截至目前已建成…: this year's half, the report's own day
    "上半年": 0, "下半年": 0, "截至目前": 0, "截止目前": 0, "截止到目前": 0,
    "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1,
}  # fmt: skip
# “十四五”以来: since the first year of a five-year plan period (十二五 2011, 十三五 2016, 十四五 2021);
# “十四五”期间/时期 is that period's span, dated by its first year as 2021年至2025年 is (not after a
# target word: 到“十四五”期间末, 将在“十四五”时期…, which plan)
_PLAN_PERIOD_SINCE = re.compile(
    r"十([二三四五])五[”\"」’]?(?:(?:时期|期间)?以来|(?:时期|期间)(?![末内要将]))"
)
_PLAN_PERIOD_FIRST = {"二": 2011, "三": 2016, "四": 2021, "五": 2026}
_RELATIVE_RE = re.compile("|".join(_RELATIVE))
# Characters that make a relative word the tail of a longer word (目前/当前/此前/提前 + 年均,
# 以上/马上/线上 + 年龄, 相当 + 年轻, 基本/成本 + 年度): no year is meant
_PART_OF_WORD_BEFORE = {
    "前年": "目当此之以提先事",
    "上年": "以之向马线岗路网楼",
    "当年": "相应",
    "本年": "基成资",
    # 2021年上半年 / 去年上半年: the year written before the half dates it, not the report's day
    "上半年": "年",
    "下半年": "年",
}
_RELATIVE_THIS = re.compile(r"今年|本年")
# 今年63岁, 今年已七十多岁: 今年 before an age tells how old someone is, not when something was done.
# What makes 与/和/同 + a year word a comparison: 相比, 比较, 对比, 持平 (after 同期 or not)
_COMPARED = re.compile(r"(?:同期|同一时期)?(?:相比|比较|对比|相较|持平|比)")
_AGE_AFTER = re.compile(r"\s*(?:已|已经|刚|才|都)?\s*(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})多?\s*周?岁")


def report_year(
    title: str, published_year: int | None, sentences: Iterable[str], published_month: int | None = None
) -> int | None:
    """The single year a report is about, or None when it spans several years or frames none.

    Order: a year in the title (not 2013年前, the time before it); else the first framing cue
    among the report's opening sentences:
    a sentence that opens with a year (“2021年，我市…”, “2022年第9期”) gives that year, 今年以来
    (去年以来) gives the published year (the one before), and 近年来/三年来/2018年以来 give None.
    A publication date alone gives None. A review opening with 过去的一年/一年来 is about the year
    that ended before a date early in the next year (January to March), else the date's own year.
    """
    title = arabic_years(fold(title))  # the title comes as written: 2024年以來 is 2024年以来
    sentences = (arabic_years(s) for s in sentences)
    # 2013年前 in a title is the time before that year, not the year the report is about
    # 宝丰县获评“2022年度平安建设优秀县”: a year that dates an award, a document or a visit frames
    # no report, in a title as in a sentence
    m = next(
        (
            y
            for y in _YEAR.finditer(title)
            if not _BEFORE_YEAR.match(title, y.end())
            and not _AWARD_BEFORE.search(title[: y.start()].rstrip('“"《「'))
            and not _FOUNDED_BEFORE.search(title[: y.start()])
            and not _NON_ACTIVITY_AFTER.match(title[y.end() :])
            and not _HISTORY_AFTER.search(title, y.end())  # 2023年某分局成立。时至今日…一周年
        ),
        None,
    )
    if m and not _MULTI_YEAR.search(title):
        return int(m.group(1))
    opening: list[str] = []
    for s in sentences:
        s = s.strip()
        if _LEADING_YEAR.match(s) is None and not _PROSE.search(s):
            continue  # a heading, a by-line, page furniture
        opening.append(s)
        if len(opening) == _OPENING_SENTENCES:
            break
    spans_years = any(_COUNTED_SPAN.search(s) for s in (title, *opening))
    event = _event_year(opening[0], published_year, published_month) if opening else None
    one_event = bool(opening) and _EVENT_LEAD.match(opening[0]) is not None
    story = False  # an opening year was already found to start a story told over years
    interview = False
    this_year_before = False  # an earlier opening sentence spoke of 今年 (部署今年工作)
    for i, s in enumerate(opening):
        if interview:
            # 记者采访了甲市市长: what follows is the interviewee's account of many years, and a
            # year opening one of its answers frames no report
            break
        interview = _INTERVIEW.search(s) is not None
        lead = _LEADING_YEAR.match(s) or _REPORTED_YEAR.match(s)
        multi = _MULTI_YEAR.search(s)
        this_year = _THIS_YEAR.search(s)
        if this_year and _PLAN_AFTER.match(s, this_year.end()):
            this_year = None  # 今年，市司法局将…: this year's plan, told after the year under review
        last_year = _LAST_YEAR.search(s)
        past_year = _PAST_YEAR.match(s) if published_month is not None else None
        if lead and published_year is not None and not 0 <= published_year - int(lead.group(1)) <= 1:
            lead = None  # 2011年，… in a 2023 report is history, not the year under review
        if lead and _MOMENT_AFTER.match(s, lead.end()):
            lead = None  # 2022年的一个夜晚，两位村民…: an anecdote's moment frames no report year
        if lead and _NON_ACTIVITY_AFTER.match(s[lead.end() :]):
            lead = None  # 2015年某村被评为…: the year of an award frames nothing
        if lead and _later_year(opening, int(lead.group(1))):
            lead, story = None, True  # 2007年筹建…, 2009年动工: a story told over years, not one year
        elif lead and story:
            lead = None  # …2009年动工: the later years of that story frame no year either
        if lead and _RELATIVE_THIS.search(s, lead.end()):
            lead = None  # 2024年完成…，今年春耕前…: a year written beside 今年 is an earlier one
        if lead and this_year_before and (published_year is None or int(lead.group(1)) < published_year):
            lead = None  # 会议部署今年工作。2023年，全县…: the year the meeting looks back on
        this_year_before = this_year_before or _RELATIVE_THIS.search(s) is not None
        if lead and one_event and s is not opening[0] and int(lead.group(1)) != event:
            lead = None  # 2月25日，全区平安建设大会举行。2024年，…: the year the event looks back on
        if lead and spans_years:
            lead = None  # 2010年底创建…, 十年来…: the opening year is where a history starts
        if lead and i + 1 < len(opening) and _NOW_AFTER.match(opening[i + 1]):
            lead = None  # 2023年10月27日，某分局成立。时至今日，…一周年: history, told later
        if _THEN_NOW.search(s):
            # 去年，两村因用水起了纠纷…，时隔一年，如今…: a past year set against the present is a
            # story's background, not the year the report is about
            lead = last_year = None
        cues = [
            (lead.start(), int(lead.group(1))) if lead else None,
            (multi.start(), None) if multi else None,
            (this_year.start(), published_year) if this_year and published_year is not None else None,
            (last_year.start(), published_year - 1) if last_year and published_year is not None else None,
            (past_year.start(), _year_reviewed(published_year, published_month))
            if past_year and published_year is not None
            else None,
        ]
        found = [c for c in cues if c is not None]
        if found:
            year = min(found, key=lambda c: c[0])[1]
            return year if year is not None else event
    return event


def _year_reviewed(published_year: int, published_month: int | None) -> int:
    """The year a 过去的一年 review covers: the one before a date in its first quarter."""
    return published_year - 1 if published_month is not None and published_month <= 3 else published_year


def _event_year(lead: str, published_year: int | None, published_month: int | None = None) -> int | None:
    """The year of the one event a report's lead dates to the day (a meeting, a ceremony, an
    incident): the year written with the date, else the published year, or the year before it
    when the event's month comes after the published month (12月15日 in a report of 6 January);
    the published year for one it dates 近日/日前; None for any other lead."""
    m = _EVENT_LEAD.match(lead)
    if m is None:
        return published_year if _RECENT_EVENT_LEAD.match(lead) else None
    if m.group(1):
        return int(m.group(1))
    if published_year is not None and published_month is not None and int(m.group(2)) > published_month:
        return published_year - 1
    return published_year


def _later_year(opening: list[str], year: int) -> bool:
    """Whether the opening sentences date something after ``year`` (targets and plans aside)."""
    for s in opening:
        for m in _YEAR.finditer(s):
            if int(m.group(1)) > year and not _TARGET_BEFORE.search(s[: m.start()]):
                return True
    return False


def sentence_year(
    sentence: str, start: int, report_year_: int | None, published_year: int | None = None
) -> int | None:
    """The year a sentence states for the activity at or around ``start``; None when it states none.

    A year followed closely by an award, a document, a visit or a speech verb (被…授予, 印发,
    调研时提出) or preceded by a target word (到2025年) dates that, not the activity.
    今年/去年 resolve against the report's published year, else against the report's year.
    """
    sentence = arabic_years(sentence)
    if "分别" in sentence and (respective := _respective_year(sentence, start)) is not None:
        return respective
    if "年、" in sentence and (parallel := _parallel_year(sentence, start)) is not None:
        return parallel
    years, relative = _dates(sentence)
    # A year dates what follows it: one written after the activity, past a clause break, opens
    # the next clause's activity (2022年，建成…，2023年又新建…), unless no year comes before.
    near = [(at, y) for at, y in years if at <= start or not _CLAUSE_END.search(sentence, start, at)]
    best: int | None = None
    best_dist = 10**9
    best_at = -1
    for at, year in near or years:
        dist = abs(at - start)
        if dist < best_dist:
            best, best_dist, best_at = year, dist, at
    anchor = published_year if published_year is not None else report_year_
    # 2024年建成…，今年又组织…: a relative word between that year and the activity dates it instead
    between = [offset for at, offset in relative if best_at < at <= start] if best_at <= start else []
    if best is not None and between:
        return anchor + between[-1] if anchor is not None else None
    if best is not None:
        return best
    if anchor is None:
        return None
    # The relative word nearest the activity: 去年建成…，今年已调处… dates each by its own word.
    found = [(abs(at - start), offset) for at, offset in relative]
    return anchor + min(found)[1] if found else None


@lru_cache(maxsize=32)
def _dates(sentence: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """The years dating activities in ``sentence`` and its relative year words (今年, 去年 …), as
    (position, year) and (position, offset): found once however many facts the sentence states."""
    years: list[tuple[int, int]] = []
    # 2021—2023年 / 2021年至2023年: a span is dated by its first year, as 2021年以来 is
    ends = {m.start(2) for m in _SPAN.finditer(sentence)}
    starts = {m.start() for m in _SPAN.finditer(sentence)}
    for m in _SPAN.finditer(sentence):
        if (
            _TARGET_BEFORE.search(sentence[: m.start()])
            or _NON_ACTIVITY_AFTER.match(sentence[m.end() :])
            or _background(sentence, m.start(), m.end())
            or _baseline(sentence, m.start(), m.end())
        ):
            continue
        years.append((m.start(), int(m.group(1))))
    for m in _YEAR.finditer(sentence):
        year = int(m.group(1))
        if m.start() in ends or m.start() in starts:
            continue
        if _NON_ACTIVITY_AFTER.match(sentence[m.end() :]) or _TARGET_BEFORE.search(sentence[: m.start()]):
            continue
        headed = _HEADED_CLAUSE.match(sentence, m.end())
        if headed and _AWARD_IN.search(headed.group(1)):
            continue  # 自2005年以来，全县连续16年获平安建设表彰: the year of the honours
        if _BEFORE_YEAR.match(sentence, m.end()):
            continue  # 2013年前: the time before that year, not the year itself
        if _baseline(sentence, m.start(), m.end()) or _background(sentence, m.start(), m.end()):
            continue
        years.append((m.start(), year))
    for m in _PLAN_PERIOD_SINCE.finditer(sentence):
        opening = m.start() - (1 if m.start() and sentence[m.start() - 1] in '“"「‘' else 0)
        if not _TARGET_BEFORE.search(sentence, 0, opening):
            years.append((m.start(), _PLAN_PERIOD_FIRST[m.group(1)]))
    relative = tuple(
        (m.start(), _RELATIVE[m.group()])
        for m in _RELATIVE_RE.finditer(sentence)
        # 较上年 / 比去年 / 同比 compare with that year; they do not date the activity.
        if _RELATIVE[m.group()] <= 0
        # 目前年均, 以上年龄, 相当年轻: the word ends a longer word and says no year
        and not (m.start() > 0 and sentence[m.start() - 1] in _PART_OF_WORD_BEFORE.get(m.group(), ""))
        and not (m.start() > 0 and sentence[m.start() - 1] in "较比于")
        # 与上年同期相比 / 和去年相比 / 同去年持平: the year compared with, as after 较 or 比
        and not (
            m.start() > 0 and sentence[m.start() - 1] in "与和同跟" and _COMPARED.match(sentence, m.end())
        )
        and not _AGE_AFTER.match(sentence, m.end())  # 今年63岁的调解员: an age, not a date
        # 在去年基础上新建…: the year the activity builds on, not its own
        and not (sentence[max(0, m.start() - 1) : m.start()] == "在" and _BUILT_ON.match(sentence, m.end()))
        # 2022年初以来 / 去年年初以来: the year or word before it dates it, not 年初以来 itself
        and not (m.group() == "年初以来" and m.start() > 0 and sentence[m.start() - 1] in "0123456789年")
    )
    return tuple(years), relative


# 2014年、2015年、2016年…分别下降14%、26.5%和4.59%: years listed, then their figures in the same order
_YEAR_RUN = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?(?:\s*[、和及与]\s*(?:19|20)\d{2}\s*年(?:度)?)+")
_ITEM_BREAK = re.compile(r"[、和及与]")
_UNIT_END = re.compile(r"[。；;！!？?]")


def _respective_year(sentence: str, start: int) -> int | None:
    """The year that a list of years before 分别 gives, in order, the item of the list after it
    that holds ``start``; None when ``start`` is in no such list or the two lists differ in length."""
    at = sentence.rfind("分别", 0, start)
    if at < 0:
        return None
    runs = [m for m in _YEAR_RUN.finditer(sentence, 0, at) if not _UNIT_END.search(sentence, m.end(), at)]
    if not runs:
        return None
    years = [int(y.group(1)) for y in _YEAR.finditer(runs[-1].group())]
    end = _CLAUSE_END.search(sentence, at)
    items = list(_ITEM_BREAK.finditer(sentence, at, end.start() if end else len(sentence)))
    if len(items) + 1 != len(years):
        return None
    index = sum(1 for brk in items if brk.start() < start)
    return years[index]


_DIGIT = re.compile(r"[0-9]")


def _parallel_year(sentence: str, start: int) -> int | None:
    """The year that a list of years gives, in order, the figure at ``start`` of a list of figures
    in a later clause of as many items, each a figure (2021年、2022年、2023年，发案数为320起、280起、
    250起), as 分别 would; None when ``start`` is in no such list."""
    runs = [
        m for m in _YEAR_RUN.finditer(sentence, 0, start) if not _UNIT_END.search(sentence, m.end(), start)
    ]
    if not runs:
        return None
    run = runs[-1]
    opening = max(run.end(), *(m.end() for m in _CLAUSE_END.finditer(sentence, run.end(), start)))
    end = _CLAUSE_END.search(sentence, start)
    first = _DIGIT.search(sentence, opening, start + 1)
    if first is None:
        return None
    items = _ITEM_BREAK.split(sentence[first.start() : end.start() if end else len(sentence)])
    years = [int(y.group(1)) for y in _YEAR.finditer(run.group())]
    if len(items) != len(years) or not all(_DIGIT.search(item) for item in items):
        return None
    index = sum(1 for brk in _ITEM_BREAK.finditer(sentence, first.start(), start))
    return years[index]


def _baseline(sentence: str, start: int, end: int) -> bool:
    """Whether the year at ``start:end`` is what a figure is compared with (较2021年, 由2021年底的24件)."""
    before = sentence[max(0, start - 4) : start]
    if _COMPARED_BEFORE.search(before) or _COMPARED_AFTER.match(sentence, end):
        return True
    return bool(_BASELINE_BEFORE.search(before)) and _QUANTITY_AFTER.match(sentence, end) is not None


def _background(sentence: str, start: int, end: int) -> bool:
    """Whether the year at ``start:end`` dates a document title (《2023年…要点》), an award
    (荣获2022年度…称号) or what the activity builds on (在2022年试点基础上), not the activity."""
    if sentence.rfind("《", 0, start) > sentence.rfind("》", 0, start):
        return True
    if _AWARD_BEFORE.search(sentence, max(0, start - 4), start):
        return True
    return sentence[max(0, start - 1) : start] in ("在", "于") and _BUILT_ON.match(sentence, end) is not None
