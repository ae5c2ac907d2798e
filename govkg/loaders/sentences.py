"""Sentence splitting that keeps exact offsets into the report text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A sentence ends at 。！？!? (with any closing quotes/brackets that follow) or at a
# line break. Semicolons do not end sentences: reports chain clauses with them. A ▲ or △
# after a space opens the next photo caption of a row of captions on one line.
_END = re.compile(r"[。！？!?]+[”’」』)）]*|\n+|[ \t\u3000]+(?=[▲△])")
_MAX_SENTENCE = 2000  # a 10 MB line without breaks must not become one sentence
# A photo caption: 图为… / 上图：…, or a line that ends with its credit (（县综治中心供图）, 记者 某某 摄).
_CAPTION = re.compile(
    r"^\s*[（(【\[]?(?:图为|图片为|上图|下图|左图|右图|组图|图[①-⑳0-9０-９一二三四五六七八九十]{0,2}[:：])"
)
_CREDIT = re.compile(
    r"[（(][^（）()]{0,30}(?:供图|摄影?|图片来源|图源)[^（）()]{0,12}[)）][。.]?\s*$|\s摄影?\s*[。.]?\s*$"
    # 某某委/供图, 记者 某某/摄: the credit after a slash
    r"|[/／]\s*(?:供图|摄影?)\s*[。.]?\s*$"
)

_CREDIT_LINE = 16  # 记者 某某 某某 摄: a credit alone, no prose


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its text exactly as in the report, where it starts, and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int


def is_caption(text: str, after: str = "") -> bool:
    """Whether a sentence is a photo caption rather than prose; ``after`` is the next sentence,
    which may be the caption's credit cut off at the full stop or the line break (…一角。（某某供图）)."""
    # a line of its own holding only the credit (记者 某某 摄) closes the caption before it
    credit_line = len(after) <= _CREDIT_LINE and _CREDIT.search(after) is not None
    return any((_CAPTION.search(text), _CREDIT.search(text), _CREDIT.match(after), credit_line))


def split_sentences(text: str) -> Iterator[Sentence]:
    """Yield the sentences of ``text`` with offsets; blank stretches are skipped.

    ``text[s.start:s.end] == s.text`` holds for every sentence. Overlong runs with no
    terminator are cut into pieces of at most 2,000 characters so that one broken line
    cannot make the pipeline quadratic.
    """
    paragraph = 0
    pos = 0
    n = len(text)
    while pos < n:
        m = _END.search(text, pos)
        stop = m.end() if m else n
        newline = bool(m and m.group().startswith("\n"))
        seg_end = m.start() if newline and m else stop
        yield from _emit(text, pos, seg_end, paragraph)
        if newline:
            paragraph += 1
        pos = stop


def _emit(text: str, start: int, end: int, paragraph: int) -> Iterator[Sentence]:
    while start < end:
        piece_end = min(end, start + _MAX_SENTENCE)
        s, e = start, piece_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield Sentence(s, e, text[s:e], paragraph)
        start = piece_end
