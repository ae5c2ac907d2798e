"""Years: the report's own year and the year a sentence gives for its activity."""

from __future__ import annotations

import re
from collections.abc import Iterable

_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})\s*年")
_LEADING_YEAR = re.compile(r"^[（(]?\s*((?:19|20)\d{2})\s*年(?!度?[^,，、以来底初上下全]{0,2}[月])")
# "三年来", "近年来", "五年来": the report covers several years, so no single report year.
_MULTI_YEAR = re.compile(r"(?:[两二三四五六七八九十几多]|近|近几|近些)年(?:来|以来)")
# A year that dates an award, a plan or a cited document, not the activity itself.
_NON_ACTIVITY_AFTER = re.compile(r"^(?:度)?[^,，。；;]{0,12}?(?:被|荣获|获评|授予|评为|印发|出台的|颁布)")
_RELATIVE = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}


def report_year(title: str, published_year: int | None, sentences: Iterable[str]) -> int | None:
    """The single year a report is about, or None when it spans several years or states none.

    Order: a year in the title; the published date's year; the year opening one of the
    report's sentences ("2021年,我市…", "2016年以来…"); None when no sentence opens with
    a year, in particular when the text frames itself as covering several years ("三年来").
    """
    m = _YEAR.search(title)
    if m:
        return int(m.group(1))
    if published_year is not None:
        return published_year
    leading: int | None = None
    multi = False
    for s in sentences:
        if _MULTI_YEAR.search(s[:12]):
            multi = True
        if leading is None:
            lm = _LEADING_YEAR.match(s)
            if lm:
                leading = int(lm.group(1))
    # A sentence-initial year still dates the report when "近年来" only frames one passage.
    return leading if leading is not None or not multi else None


def sentence_year(sentence: str, start: int, report_year_: int | None) -> int | None:
    """The year a sentence states for the activity at or around ``start``; None when it states none.

    A year followed closely by an award or a document verb (被…授予, 印发) dates that, not
    the activity. 今年/去年 resolve against the report's year when it is known.
    """
    best: int | None = None
    best_dist = 10**9
    for m in _YEAR.finditer(sentence):
        year = int(m.group(1))
        if _NON_ACTIVITY_AFTER.match(sentence[m.end() :]):
            continue
        dist = abs(m.start() - start)
        if dist < best_dist:
            best, best_dist = year, dist
    if best is not None:
        return best
    if report_year_ is not None:
        for word, delta in _RELATIVE.items():
            at = sentence.find(word)
            # 较上年 / 比去年 / 同比 compare with that year; they do not date the activity.
            if at >= 0 and delta <= 0 and not (at > 0 and sentence[at - 1] in "较比于"):
                return report_year_ + delta
    return None
