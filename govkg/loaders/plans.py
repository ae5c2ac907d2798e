"""Where a report states plans rather than work done, beyond the sentence's own cue words.

Three shapes of Chinese administrative prose put whole stretches of text in the future:

- a document that *is* a plan: its title ends with 实施方案, 工作要点, 规划（2021—2025年）,
  工作计划, 实施意见 … (a 关于印发…的通知 carries one); news *about* a plan (某区出台《…方案》)
  is not one;
- the closing section of a work summary headed 下一步工作打算, 2024年工作思路, 今后努力方向 …:
  every sentence under it, down to the next heading of the same or a higher level;
- a paragraph that opens with 下一步/今后/下阶段/明年, or a sentence inside one that does (…给予充分
  肯定。下一步要…。一要…。二要…): the later sentences of that paragraph go on with the plan;
- a sentence that opens with a speaker's 强调/要求 (会议强调，…; 他强调，今年是…; 某书记要求：…):
  it and the rest of its paragraph are the speaker's instructions, whatever each sentence's own
  words (…收官之年，全市政法机关要…; 突出依法严打，持续掀起…攻势), and the items of its list in
  the paragraphs after it (某某强调，一要…。\n二要…。\n三要…). 指出 is left alone: a meeting
  指出 looks back on the year's results as often as it asks for more.

:func:`planned` maps each such sentence's index to the words that made it a plan, so the
extractor treats its practices as plans (no adoption) and its figures as targets (no metric).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govkg.loaders.sentences import Sentence

__all__ = ["heading_rank", "plan_title", "planned"]

_NUM = "一二三四五六七八九十"
# Numbering that opens a heading line, by level: 第一部分 > 一、 > （一） > 1. > （1）.
_HEADINGS = (
    re.compile(rf"^\s*第[{_NUM}]+[部分章节篇]"),
    re.compile(rf"^\s*[{_NUM}]+\s*[、.．]"),
    re.compile(rf"^\s*[（(][{_NUM}]+[)）]"),
    re.compile(r"^\s*\d{1,2}\s*[、.．](?!\d)"),
    re.compile(r"^\s*[（(]\d{1,2}[)）]"),
)
# A heading is a short line: its number, a few words, at most a closing mark.
_HEADING_MAX = 30
# Words that put what follows in the future, heading a section or opening a paragraph.
_PLAN_LEADS = "下一步|下步|下阶段|今后|明年|来年"
# 2024年工作要点, 工作思路, 重点任务: the points, ideas or tasks set for the coming year head a plan.
_PLAN_HEADING = re.compile(
    rf"{_PLAN_LEADS}|打算|工作计划|设想|努力方向|展望|(?:19|20)\d{{2}}年(?:工作)?(?:思路|计划|安排|目标任务|要点|重点任务)"
    r"|工作(?:思路|要点|安排)|(?:目标|重点|主要)任务"
)
# A line with no number that reads as a plan heading (下一步工作打算) opens a section as 一、 would.
_BARE_PLAN_HEADING = re.compile(r"^\s*(?:下一步|下步|下阶段|今后|明年|(?:19|20)\d{2}年)[^，,。；;]{0,14}$")
# A short line with no clause mark: a heading when its words say so.
_BARE_HEADING = re.compile(r"^[^，,。；;:：！!？?]+$")
# A heading that also names work done (主要做法及下一步打算) covers both: not a plan section.
_DONE_HEADING = re.compile(r"做法|成效|成绩|情况|经验|亮点|举措|回顾|完成|开展|问题")
# 三、存在的问题, 问题和不足, 存在问题及下一步打算: a section on what is lacking reports no work done
# either (网格化管理仍不够精细 says the grid is wanting, not that it was set up). The phrase opens
# the heading's words; a heading on fixing problems (存在问题整改情况, 针对存在的问题…) reports work.
_PROBLEM_HEADING = re.compile(
    r"(?:当前|目前|工作中|当前工作中)?(?:存在的?(?:主要)?(?:问题|不足|困难)|(?:主要)?(?:问题|困难|不足)(?:和|与|及)"
    r"(?:不足|问题|困难|短板|差距)|不足之处)(?![^，,。；;]*(?:整改|解决|销号|完成|破解))"
)
_NUMBERING = re.compile(
    rf"^\s*(?:第[{_NUM}]+[部分章节篇]|[{_NUM}]+\s*[、.．]|[（(][{_NUM}\d]+[)）]|\d{{1,2}}\s*[、.．])\s*"
)
_PLAN_TITLE = re.compile(
    r"(?:实施|工作|行动|专项|建设|总体)?方案|工作要点|规划|工作计划|行动计划|(?:实施|指导)意见"
)
# 某区出台/印发《…方案》: news that a plan was issued reports the issuing, not the plan itself.
_ISSUED = re.compile(r"出台|印发|制定|发布|出炉|审议|通过|解读")
# 2023年工作总结和2024年工作要点: a review joined to the plan in one title; only the plan's own
# section (2024年工作要点 …) is plans, the review before it reports work done.
_REVIEW_JOINED = re.compile(r"(?:总结|回顾|述职|报告|完成情况|开展情况)(?:[和及暨与、]|以及)")
_TITLE_TAIL = re.compile(r"(?:[（(][^（()）]{0,20}[)）]|的通知|》|\s)+$")
_PARAGRAPH_PLAN = re.compile(rf"^\s*(?:{_PLAN_LEADS})(?:工作中|[，,:：]|我们|我[省市县区旗镇乡]|将|要)")
# 会议强调，…; 区委政法委书记某某强调：…: a speaker's demands open the sentence, perhaps after
# their topic (在X工程建设中，某某要求，…). A speaker named before the verb is short and complies
# with no one (按照/根据…要求，… is local work), and is not the report's own unit stressing its own
# approach (该镇在调解中强调，…; 我县始终强调，…).
_SPEECH_OPENING = re.compile(
    r"^\s*(?:在[^，,。；;]{1,30}?(?:中|上|方面)[，,])?(?:会议|会上|(?![我该本])[^，,。；;：:“”]{1,24}?)(?:强调|要求)[，,:：]"
)
# 今年以来, 截至目前, 据统计 …: a sentence that opens by dating results or citing figures reports the
# unit's own work, and ends a speaker's demands.
_RESULTS_LEAD = re.compile(
    r"^\s*(?:今年以来|去年以来|年初以来|近年来|截至|截止|据统计|目前|(?:19|20)\d{2}年以来)"
)
# 二要…, 三要…: the next item of a speaker's list of demands, opening a paragraph of its own.
_DEMAND_ITEM = re.compile(rf"^\s*[{_NUM}]+要")
_COMPLYING = re.compile(r"按照|根据|依照|遵照|落实|贯彻|对照|围绕|按")


# The items of a list, one per paragraph: 一是…, （一）…, 1.…, 第一，…
_ITEM = re.compile(
    rf"^\s*(?:[{_NUM}]+是|[（(][{_NUM}\d]+[)）]|[{_NUM}]+[、.．]|\d{{1,2}}[、.．](?!\d)|第[{_NUM}]+[，,、])"
)


def heading_rank(line: str) -> int | None:
    """The level of a heading line (0 highest), or None when the line is no numbered heading."""
    if len(line.strip()) > _HEADING_MAX:
        return None
    return next((rank for rank, pattern in enumerate(_HEADINGS) if pattern.match(line)), None)


def plan_title(title: str) -> str | None:
    """The plan word when the title names a plan document (某县平安建设实施方案), else None."""
    text = _TITLE_TAIL.sub("", title.strip())
    m = _PLAN_TITLE.search(text)
    if m is None or m.end() != len(text) or _REVIEW_JOINED.search(text, 0, m.start()):
        return None
    issued = text.startswith("关于印发") or text.startswith("印发")
    if not issued and (_ISSUED.search(text, 0, m.start()) or "《" in text[: m.start()]):
        return None
    return m.group()


def _problem_heading(line: str) -> bool:
    numbering = _NUMBERING.match(line)
    return bool(_PROBLEM_HEADING.match(line, numbering.end() if numbering else 0))


def _plan_heading(line: str) -> bool:
    if _problem_heading(line):
        return True
    return bool(_PLAN_HEADING.search(line)) and not _DONE_HEADING.search(line)


def planned(title: str, sentences: Sequence[Sentence]) -> dict[int, str]:
    """Index of each sentence that states a plan by its place in the report -> the words saying so."""
    whole = plan_title(title)
    if whole is not None:
        return {n: whole for n in range(len(sentences))}
    out: dict[int, str] = {}
    section: tuple[int, str] | None = None  # (rank, heading) of the plan section we are in
    # (paragraph, words, announces a list) of the paragraph that opened with a plan, or of the
    # last item of the list it announced
    opened: tuple[int, str, bool] | None = None
    speech: tuple[int, str, bool] | None = None  # the paragraph a speaker's demands last ran in
    for n, sent in enumerate(sentences):
        line = sent.text
        rank = heading_rank(line)
        if rank is None and _BARE_PLAN_HEADING.match(line) and _plan_heading(line):
            rank = 1
        if rank is None and len(line.strip()) <= 14 and _BARE_HEADING.match(line) and _problem_heading(line):
            rank = 1  # 存在的问题, a line of its own
        if rank is not None:
            if section is not None and rank <= section[0]:
                section = None
            if section is None and _plan_heading(line):
                section = (rank, line.strip())
        if section is not None:
            out[n] = section[1]
            continue
        first = n == 0 or sentences[n - 1].paragraph != sent.paragraph
        if (m := _SPEECH_OPENING.match(line)) and not _COMPLYING.search(m.group()):
            # 会议强调，…: this sentence and the rest of its paragraph are the speaker's demands, and
            # so are the items of the speech's list in the paragraphs after (二要…, 三要…)
            opened = (sent.paragraph, m.group().strip(" ，,:："), False)
            speech = opened
            out[n] = opened[1]
        elif first and speech is not None and speech[0] == sent.paragraph - 1 and _DEMAND_ITEM.match(line):
            opened = speech = (sent.paragraph, speech[1], False)
            out[n] = opened[1]
        elif first:
            m = _PARAGRAPH_PLAN.match(line)
            if m is not None:
                opened = (sent.paragraph, m.group().strip(" ，,:："), False)
            elif opened is not None and opened[2] and _ITEM.match(line):
                # 下一步，重点做好以下工作：\n一是…\n二是…: the items of a plan's list, one per paragraph
                opened = (sent.paragraph, opened[1], True)
                out[n] = opened[1]
            else:
                opened = None
        elif opened is not None and opened[0] == sent.paragraph:
            if opened is speech and _RESULTS_LEAD.match(line):
                opened = speech = None  # 会议要求，…。今年以来，全县化解纠纷300件: the report again
            else:
                out[n] = opened[1]
        elif m := _PARAGRAPH_PLAN.match(line):
            # …给予充分肯定。下一步要在…上下功夫。一要…: a plan opened inside a paragraph runs to its end
            opened = (sent.paragraph, m.group().strip(" ，,:："), False)
        if opened is not None and opened[0] == sent.paragraph and line.rstrip().endswith((":", "：")):
            opened = (opened[0], opened[1], True)  # the paragraph ends by announcing a list
    return out
