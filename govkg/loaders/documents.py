"""Report files -> Document: formats, encodings, t2s folding, report id, title and date.

Decisions worth knowing:
- ``Document.text`` is the text every offset refers to. Before it is fixed, line endings become
  ``\\n``, a BOM is dropped and other control characters become spaces, so ``text.split("\\n")``
  and ``text.splitlines()`` agree.
- A file whose last multibyte character is cut off is read without that character and says so
  in ``meta["note"]``. A file mixing UTF-8 lines with GB18030 lines is decoded line by line, best
  effort, with ``encoding == "mixed"`` and a note.
- ``read_file`` is strict (any problem raises); ``iter_documents`` reports each problem as a
  ``DocumentError`` item and carries on, so one bad JSONL line does not cost the others.
- JSONL is streamed line by line; each line, like each file, is capped at
  ``GOVKG_MAX_FILE_BYTES`` (default 64 MiB). The whole-file cap does not apply to JSONL.
- In directory walks, hidden entries and README/LICENSE/CHANGELOG files are skipped.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import opencc

from govkg.loaders.chinese import not_chinese, profile
from govkg.loaders.chrome import dateline_end, is_chrome_line, mask_chrome, strip_site_name, strip_source_tag
from govkg.loaders.files import NotRegular, display_name, open_regular, walk

DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
PLAIN_EXTS = frozenset({".txt", ".text", ".md"})
HTML_EXTS = frozenset({".html", ".htm"})
TEXT_FIELDS = ("text", "content", "body")
DATE_FIELDS = ("published", "date", "publish_date", "pubdate", "published_at", "time")
SOURCE_FIELDS = ("source", "url")
TITLE_MAX = 120

_ARCHIVE_EXTS = (".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar", ".zst")
_OFFICE_EXTS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt")
_MEDIA_EXTS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".ico", ".mp3", ".mp4", ".avi", ".mov")
_PROGRAM_EXTS = (".exe", ".dll", ".so", ".bin", ".db", ".sqlite")
_UNSUPPORTED_EXTS = frozenset(_ARCHIVE_EXTS + _OFFICE_EXTS + _MEDIA_EXTS + _PROGRAM_EXTS)
_MAGIC = (
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x7fELF",
    b"7z\xbc\xaf",
)
_SNIFF_BYTES = 8192


@dataclass(slots=True)
class Document:
    """One report as read from a file: its text, folded text, id and metadata."""

    id: str
    source: str
    text: str
    folded: str
    title: str
    published: str | None
    year: int | None
    encoding: str
    fmt: str
    meta: dict[str, str] = field(default_factory=dict)


class DocumentError(Exception):
    """A file (or a record in it) that cannot become a Document; the reason is one line."""

    def __init__(self, path: str | Path, reason: str) -> None:
        # Printable and valid UTF-8 whatever the name holds (undecodable bytes, control characters).
        self.path = display_name(path)
        self.reason = display_name(" ".join(reason.split()))
        super().__init__(f"{self.path}: {self.reason}")


# ---------------------------------------------------------------- folding and ids


@lru_cache(maxsize=1)
def _converter() -> Any:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    out: str = _converter().convert(ch)
    return out if len(out) == 1 else ch


def _fold_chars(text: str) -> str:
    return "".join(_fold_char(c) if ord(c) > 0x2E7F else c for c in text)


# Variant forms opencc's t2s leaves alone (衞, 鄕, 擧 …), one character for one, so lengths are kept.
_VARIANTS = str.maketrans("衞吿鄕擧晩廹姸甦靑淸", "卫告乡举晚迫妍苏青清")


# Characters outside the Basic Multilingual Plane: opencc folds a few common characters to rare
# standard forms there (篢 → 𬕂, as in 织篢镇) that the 区划 data and nearly every text never use.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def fold(text: str) -> str:
    """Traditional -> simplified Chinese, keeping the length so offsets into text stay valid.
    A character folded to a rare form outside the Basic Multilingual Plane keeps its own form."""
    out = _fold(text)
    if _ASTRAL.search(out) is not None:
        chars = list(out)
        for m in _ASTRAL.finditer(out):
            if ord(text[m.start()]) <= 0xFFFF:
                chars[m.start()] = text[m.start()]
        out = "".join(chars)
    return out.translate(_VARIANTS)


def _fold(text: str) -> str:
    out: str = _converter().convert(text)
    if len(out) == len(text):
        return out
    # A phrase rule changed the length somewhere: redo line by line, per character where needed.
    lines = text.split("\n")
    folded = []
    for line in lines:
        conv: str = _converter().convert(line)
        folded.append(conv if len(conv) == len(line) else _fold_chars(line))
    return "\n".join(folded)


def report_id(text: str) -> str:
    """Stable id of a report: sha256 of its NFKC-normalised, folded, whitespace-free text (16 hex)."""
    return _folded_id(fold(text))


def _folded_id(folded: str) -> str:
    norm = "".join(unicodedata.normalize("NFKC", folded).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- text normalisation

# Besides C0/C1 controls this catches \v \f \x1c-\x1e \x85, which str.splitlines treats as breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\ufeff", "")
    return _CONTROL.sub(" ", text)


# ---------------------------------------------------------------- dates

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_YMD = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?!\d)")
_YM = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})(?:\s*月)?(?![\d日])")
_Y = re.compile(r"^((?:19|20)\d{2})(?:年)?$")
_CN_NUM = "一二三四五六七八九十"
_CN_DATE = re.compile(rf"([〇○零一二三四五六七八九]{{4}})年([{_CN_NUM}]{{1,3}})月(?:([{_CN_NUM}]{{1,3}})日)?")
_CN_YMD_TEXT = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_SINCE = re.compile(r"\s*(?:至今|以来|起|开始|之前|前)")
_DATE_LABEL = re.compile(r"(发布|发表|更新|成文|印发)?(日期|时间)|来源|作者|编辑|[:：\s|/()（）\[\]【】]")


def _cn_number(s: str) -> int:
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, units = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _valid(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if not 1900 <= y <= 2100:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _date_in(s: str) -> str | None:
    """The first complete date in s (Y-M-D, D.M.Y or Chinese numerals), as ISO."""
    if m := _YMD.search(s):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.search(s):
        return _valid(int(m[3]), int(m[2]), int(m[1]))
    if m := _CN_DATE.search(s):
        return _valid(_cn_number(m[1]), _cn_number(m[2]), _cn_number(m[3]) if m[3] else None)
    return None


def parse_date(value: str) -> str | None:
    """A metadata date ('2021-3-5', '2021年3月', '2021-03-05T08:00:00+08:00', '2021') as ISO, else None."""
    s = value.strip()
    if not s:
        return None
    if _YMD.search(s) or _DMY.search(s) or _CN_DATE.search(s):
        return _date_in(s)  # a full date that is not a real day ("2021-02-30") is no date
    if m := _YM.search(s):
        return _valid(int(m[1]), int(m[2]))
    if m := _Y.match(s):
        return _valid(int(m[1]))
    return None


_BYLINE = re.compile(r"来源|作者|记者|通讯员|编辑|转载|发布")
# 作者:… 来源:某县公安局 发布时间:2025-09-23 09:58: a date labelled as the publication's, anywhere
# in a by-line
_LABELLED_DATE = re.compile(r"(?:发布|发表|刊发|更新)(?:时间|日期)\s*[:：]?\s*(?=(?:19|20)\d{2}\s*[-/.年])")


def _is_date_line(line: str) -> str | None:
    """The date of a short line that holds little besides a date (labels, a time), else None."""
    # 2020-11-26 10:32 来源:某县融媒体中心 通讯员 某某 记者 某某: a dated by-line
    if len(line) <= 100 and (m := _YMD.search(line)) and m.start() <= 8 and _BYLINE.search(fold(line)):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    label = _LABELLED_DATE.search(fold(line)) if len(line) <= 100 else None
    if label is not None and (m := _YMD.match(line, label.end())):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if len(line) > 40:
        return None
    found = _date_in(line)
    if found is None:
        if m := _YM.search(line):
            found = _valid(int(m[1]), int(m[2]))
        if found is None:
            return None
    rest = _YM.sub("", _CN_DATE.sub("", _DMY.sub("", _YMD.sub("", _TIME.sub("", line)))))  # full dates first
    # labels after the dates: the separators they strip (/ .) are also inside 2025/7/23
    rest = _DATE_LABEL.sub("", rest)
    # A short leftover is allowed: a newspaper name, "星期三", an edition mark; not a sentence told
    # after the date (2020年3月8日，法官在村里开庭。)
    return found if len(rest) <= 12 and not _TOLD_AFTER_DATE.search(rest) else None


_TOLD_AFTER_DATE = re.compile(r"[，,][^，,]*[。！？!?]$")
_AFTER_QUOTE = re.compile(r"[”\"」』]\s*$")
# 2023年10月27日，某分局成立。时至今日，…迎来一周年: a dated event the text then sets against today
# is history told, and the text was written later
_COUNT = r"一二两三四五六七八九十\d"
_THEN_NOW = re.compile(rf"时至今日|时隔[{_COUNT}]+年|如今|而今|[{_COUNT}]+周年")


# A paragraph of prose: a line that ends a sentence somewhere
_PROSE_LINE = re.compile(r"[^\n]*[。！？!?][^\n]*")


_CLAUSE_AFTER_DATE = re.compile(r"(?:上午|下午|晚上|清晨|凌晨|傍晚|中午|深夜|夜间)?[，,]")


def _opens_told_event(part: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` opens a sentence and a clause (2023年3月18日，某村…)."""
    return (start == 0 or part[start - 1] in "\n。！？!?") and _CLAUSE_AFTER_DATE.match(part, end) is not None


def _lead_window(text: str) -> str:
    """The first 300 chars up to the end of the first prose paragraph (the lead and anything over
    it): a full date further down sets a scene in the story (2021年6月19日清晨，法官接到电话…)."""
    m = _PROSE_LINE.search(text, 0, 3000)
    return text[: min(300, m.end())] if m else text[:300]


def _last_window(text: str) -> str:
    """The last 300 chars from the start of the last prose paragraph (a closing note and anything
    under it), for the same reason."""
    starts = [m.start() for m in _PROSE_LINE.finditer(text, max(0, len(text) - 3000))]
    return text[max(len(text) - 300, starts[-1]) :] if starts else text[-300:]


def _date_from_text(text: str) -> str | None:
    """A date line near the top or bottom, else a YYYY年M月D日 in the first or last 300 chars."""
    head = [ln.strip() for ln in text[:3000].split("\n") if ln.strip()][:12]
    tail = [ln.strip() for ln in text[-3000:].split("\n") if ln.strip()][-8:]
    for line in head + tail[::-1]:
        if found := _is_date_line(line):
            return found
    for window, last in ((_lead_window(text), False), (_last_window(text), True)):
        part = fold(window)  # 以來, 時至今日, 週年 in a traditional text are the words tested below
        # 2023年3月11日至今/以来/起: where a span of work starts, not when the text was written;
        # “…”2019年5月12日，…: a date told right after a quoted remark sets the story's scene, and
        # one the next lines set against today (时至今日, 如今, 一周年) is history; in the last
        # paragraph, a date opening a sentence (2023年3月18日，某村辅警…) tells one more event
        m = next(
            (
                m
                for m in _CN_YMD_TEXT.finditer(part)
                if not _SINCE.match(part, m.end())
                and not _AFTER_QUOTE.search(part, 0, m.start())
                and not _THEN_NOW.search(part, m.end(), m.end() + 80)
                and not (last and _opens_told_event(part, m.start(), m.end()))
            ),
            None,
        )
        if m and (found := _valid(int(m[1]), int(m[2]), int(m[3]))):
            return found
    return None


# ---------------------------------------------------------------- titles

_SENTENCE_END = re.compile(r"[。！？!?]")
_LABEL_LINE = re.compile(r"^[^:：]{1,8}[:：]")
# A pinyin reading printed after a character (您當(dāng)前的位置): dropped before a line is tested as
# chrome, else a glossed breadcrumb or site name reads as the headline (glosses.py strips them from
# the text that is extracted; this only keeps them from hiding chrome from the title finder).
_READING = re.compile(
    r"(?<=[\u3400-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}(?:\s[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}){0,3}[)）]"
)


def _trim_title(line: str) -> str:
    line = " ".join(line.split())
    if len(line) <= TITLE_MAX:
        return line
    m = _SENTENCE_END.search(line, 0, TITLE_MAX)
    return line[: m.end()] if m else line[:TITLE_MAX]


def _short_headline(line: str, after: Sequence[str]) -> bool:
    """A headline of three or four characters (平安夜巡): all Chinese, not page chrome, and the
    next line is the story's date line, as under a headline (a UI word has no date under it)."""
    if not 3 <= len(line) <= 4 or len(_CJK.findall(line)) != len(line) or is_chrome_line(fold(line)):
        return False
    nxt = next((ln for ln in after if ln), "")
    return bool(nxt) and _is_date_line(nxt) is not None


_CAPTION_LINES = 8  # a row of photo captions heading a page before the story's dateline


def _title_from_text(text: str) -> str:
    """The first line that reads like a heading: not a date line, a label line or a short UI word."""
    first = short = ""
    lines = [ln.strip() for ln in text[:20000].split("\n")[:40]]
    # 某地某村村民正在议事。…某某新闻网讯 …: full sentences over the story's dateline are the
    # captions of the photos that head the page, not its headline
    story = next((i for i, ln in enumerate(lines[:_CAPTION_LINES]) if ln and dateline_end(fold(ln))), 0)
    for i, line in enumerate(lines):
        if not line:
            continue
        first = first or line
        if i < story and line.endswith("。"):
            continue
        words = sum(1 for c in line if c.isalnum())
        label = _LABEL_LINE.match(line)
        # 来源：某报 is a label; 某县：老兵调解室化解纠纷三百件 is a headline naming its place
        headline = label is not None and len(_CJK.findall(line[label.end() :])) >= 6
        if words < 5 and not _short_headline(line, lines[i + 1 :]):
            if not short and words and not _is_date_line(line) and not is_chrome_line(fold(line)):
                short = line  # too short to be sure of, unless the story begins right after it
            continue
        if _is_date_line(line) or (label and len(line) <= 30 and not headline):
            continue
        if is_chrome_line(fold(_READING.sub("", line))):  # navigation, breadcrumbs, site names
            continue
        if (cut := dateline_end(fold(line))) and strip_source_tag(line) == line:
            # 某某日报讯 近日，…: the story's first paragraph (a 【某某日报】 tag heads a headline). No
            # heading comes after the story has begun: a short line before it is the headline, and
            # with none, the story's lead sentence stands for one.
            if short:
                return _trim_title(short)
            lead = line[cut:].lstrip(" ，,:：")
            end = _SENTENCE_END.search(lead)
            return _trim_title(lead[: end.end()] if end else lead) or _trim_title(line)
        return _trim_title(strip_source_tag(line))
    return _trim_title(first or text.strip()[:TITLE_MAX])


# ---------------------------------------------------------------- building documents


def _build(
    text: str,
    source: str,
    *,
    title: str | None,
    published: str | None,
    meta: Mapping[str, str] | None,
    encoding: str,
    fmt: str,
) -> Document:
    text = _normalise(text)
    if not text.strip():
        raise DocumentError(source, "empty text")
    info = dict(meta or {})
    iso = parse_date(published) if published else None
    if published and iso is None:
        info["date_raw"] = published
    if iso is None:
        iso = _date_from_text(text)
    clean_title = _trim_title(title) if title and title.strip() else _title_from_text(text)
    first_line = next((ln.strip() for ln in text.split("\n", 40)[:40] if ln.strip()), "")
    if not (title and title.strip()) and first_line and _trim_title(first_line) != clean_title:
        info.setdefault("source_line", _trim_title(first_line))  # the raw first line, chrome and all
    folded = fold(text)  # once: the id and the text the extractor reads both start from it
    return Document(
        id=_folded_id(folded),
        source=source,
        text=text,
        folded=mask_chrome(folded),  # chrome blanked: it adopts nothing, never sets the subject
        title=clean_title,
        published=iso,
        year=int(iso[:4]) if iso else None,
        encoding=encoding,
        fmt=fmt,
        meta=info,
    )


def from_text(
    text: str,
    source: str,
    title: str | None = None,
    published: str | None = None,
    meta: Mapping[str, str] | None = None,
) -> Document:
    """A Document from text already in memory (raises DocumentError if it is empty)."""
    return _build(text, source, title=title, published=published, meta=meta, encoding="utf-8", fmt="txt")


# ---------------------------------------------------------------- decoding


def max_file_bytes() -> int:
    """The per-file (and per-JSONL-line) size cap: GOVKG_MAX_FILE_BYTES, default 64 MiB."""
    raw = os.environ.get("GOVKG_MAX_FILE_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_FILE_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"GOVKG_MAX_FILE_BYTES must be a whole number of bytes, not {raw!r}") from None
    if value < 1:
        raise ValueError(f"GOVKG_MAX_FILE_BYTES must be positive, not {value}")
    return value


def _looks_binary(sample: bytes) -> bool:
    if sample.startswith(_MAGIC):
        return True
    # A stray NUL in a text file becomes a space; many of them mean binary data.
    return sample.count(b"\x00") * 100 > len(sample)


def _strict(data: bytes, encoding: str) -> tuple[str, str] | None:
    """Decode strictly; a multibyte character cut off at the very end is dropped with a note."""
    try:
        return data.decode(encoding), ""
    except UnicodeDecodeError as e:
        # Only a sequence the data ends inside of counts (at most 3 bytes of a 4-byte character).
        if len(data) - e.start > 3 or not e.reason.startswith(("unexpected end", "incomplete")):
            return None
        try:
            text = data[: e.start].decode(encoding)
        except UnicodeDecodeError:
            return None
        cut = len(data) - e.start
        return text, f"incomplete character at end of file dropped ({cut} byte{'s' if cut > 1 else ''})"


_NOT_CHINESE = re.compile(
    r"[^\x00-\x7f\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2000-\u206f\xb0\xb7\xd7\xf7]"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _mostly_chinese(text: str) -> bool:
    """At least 90% ASCII, CJK ideographs or CJK/fullwidth punctuation."""
    return _NOT_CHINESE.subn("", text)[1] <= 0.1 * len(text)


def _decode_mixed(data: bytes) -> tuple[str, str, str] | None:
    """Line-by-line decoding when some lines are clearly UTF-8 (two or more CJK) and others are not."""
    # Both splits line up: a newline byte is never part of a multibyte sequence in UTF-8 or GB18030.
    raw_lines = data.split(b"\n")
    loose = data.decode("utf-8", errors="replace").split("\n")
    bad = [i for i, line in enumerate(loose) if "\ufffd" in line]
    if not any(len(_CJK.findall(line)) >= 2 for line in loose if "\ufffd" not in line):
        return None
    for i in bad:
        loose[i] = raw_lines[i].decode("gb18030", errors="replace")
    note = f"mixed encodings: {len(bad)} of {len(loose)} lines are not UTF-8 and were read as GB18030"
    return "\n".join(loose), "mixed", note


def _decode_any(data: bytes) -> tuple[str, str, str] | None:
    """The first decoding that works: BOMs, UTF-8, mixed lines, GB18030, then a guess."""
    # UTF-32 first: its little-endian BOM (FF FE 00 00) also starts like UTF-16's.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and (got := _strict(data, "utf-32")):
        return got[0], "utf-32", got[1]
    if data.startswith(codecs.BOM_UTF8):
        if got := _strict(data, "utf-8-sig"):
            return got[0], "utf-8-sig", got[1]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and (got := _strict(data, "utf-16")):
        return got[0], "utf-16", got[1]
    if got := _strict(data, "utf-8"):
        return got[0], "utf-8", got[1]
    if mixed := _decode_mixed(data):
        return mixed
    if (got := _strict(data, "gb18030")) and _mostly_chinese(got[0]):
        encoding = "gbk" if _strict(data, "gbk") is not None else "gb18030"
        return got[0], encoding, got[1]
    if guess := _utf16_without_bom(data):
        return guess
    import charset_normalizer  # only for the rare file that is neither UTF-8 nor GB18030

    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if text.strip() and text.count("\ufffd") * 100 < len(text):
            return text, best.encoding, f"encoding guessed as {best.encoding} by charset-normalizer"
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str, str] | None:
    """UTF-16 text without a byte-order mark, when one byte order decodes to Chinese prose."""
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        got = _strict(data, encoding)
        if got and not_chinese(got[0]) is None and profile(got[0]).han >= 2:
            return got[0], encoding, f"encoding guessed as {encoding} (UTF-16 without a byte-order mark)"
    return None


# Other languages' legacy encodings, named when their bytes were read as Chinese by mistake.
_LOOKALIKES = (
    ("euc-kr", "Korean/EUC-KR"),
    ("shift_jis", "Japanese/Shift-JIS"),
    ("euc-jp", "Japanese/EUC-JP"),
)


def _lookalike(data: bytes) -> str | None:
    """Name the language and encoding bytes decode to cleanly, when that is Korean or Japanese."""
    for encoding, name in _LOOKALIKES:
        got = _strict(data, encoding)
        if got is None:
            continue
        p = profile(got[0])
        letters = p.han + p.hangul + p.kana + p.other_letters
        if letters and (p.hangul if "Korean" in name else p.kana) > 0.2 * letters:
            return name
    return None


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str, str]:
    """Decode report bytes: (text, encoding name, note). Raises DocumentError when it cannot.

    A decoding must also read as Chinese (``chinese.not_chinese``): bytes of another language
    that happen to decode (Korean EUC-KR read as GBK, say) are refused, naming what they look
    like; Big5 is tried for traditional-Chinese bytes that GBK misreads.
    """
    got = _decode_any(data)
    if got is None:
        raise DocumentError(path, "cannot decode as UTF-8 or GB18030")
    text, encoding, note = got
    reason = not_chinese(text)
    if reason is None:
        return text, encoding, note
    if encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        big5 = _strict(data, "big5")
        if big5 and not_chinese(big5[0]) is None:
            return big5[0], "big5", "encoding guessed as big5 (traditional Chinese)"
        if name := _lookalike(data):
            raise DocumentError(path, f"not Chinese text (looks like {name})")
    raise DocumentError(path, reason)


# ---------------------------------------------------------------- formats


def _open(path: Path) -> BinaryIO:
    """Open a regular file (FIFOs, devices and sockets refused before any read) or raise DocumentError."""
    try:
        return open_regular(path)
    except NotRegular as e:
        raise DocumentError(path, str(e)) from None
    except OSError as e:
        raise DocumentError(path, e.strerror or str(e)) from None


def _read_capped(path: Path) -> bytes:
    cap = max_file_bytes()
    with _open(path) as f:
        try:
            size = os.fstat(f.fileno()).st_size
            if size > cap:
                raise DocumentError(
                    path, f"file is {size} bytes, over the cap of {cap} bytes (GOVKG_MAX_FILE_BYTES)"
                )
            data = f.read(cap + 1)
        except OSError as e:
            raise DocumentError(path, e.strerror or str(e)) from None
    if len(data) > cap:  # the file grew after stat
        raise DocumentError(path, f"file is over the cap of {cap} bytes (GOVKG_MAX_FILE_BYTES)")
    return data


def _decoded(path: Path, data: bytes) -> tuple[str, str, dict[str, str]]:
    if not data.strip():
        raise DocumentError(path, "empty file")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and _looks_binary(data[:_SNIFF_BYTES]):
        guess = None if data.startswith(_MAGIC) else _utf16_without_bom(data)
        if guess is None:
            raise DocumentError(path, "binary file")
        text, encoding, note = guess
    else:
        text, encoding, note = decode_bytes(data, path)
    if not text.strip() or not _normalise(text).strip():
        raise DocumentError(path, "empty file")
    return text, encoding, ({"note": note} if note else {})


def _read_plain(path: Path) -> Document:
    text, encoding, meta = _decoded(path, _read_capped(path))
    return _build(
        text, display_name(path), title=None, published=None, meta=meta, encoding=encoding, fmt="txt"
    )


# Form controls hold what a visitor types or picks, never the report: dropped like scripts.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "textarea", "select", "option", "datalist", "button", "input", "output",
)  # fmt: skip
_CHROME_TAGS = ("nav", "aside", "footer", "header", "form", "button", "select")
_INNER_CHROME_TAGS = ("nav", "aside", "form", "button", "select")
_BLOCK_TAGS = (
    "address", "article", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
)  # fmt: skip
_DATE_META = (
    "pubdate",
    "publishdate",
    "publish_date",
    "article:published_time",
    "date",
    "dc.date",
    "firstpublishedtime",
)


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Visible text of an HTML page, with its title and a published date from <meta>, if any."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    h1 = tree.css_first("h1")
    page_title = " ".join(title_node.text().split()) if title_node else ""
    h1_title = " ".join(h1.text().split()) if h1 else ""
    # <title> often carries a site-name suffix; the <h1> inside it is the cleaner choice.
    if h1_title and is_chrome_line(fold(h1_title)):
        h1_title = ""  # a logo or site name in <h1>
    title = h1_title if h1_title and h1_title in page_title else (strip_site_name(page_title) or h1_title)
    published = None
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        if key in _DATE_META and (value := attrs.get("content")):
            published = parse_date(value)
            if published:
                break
    if published is None and (t := tree.css_first("time[datetime]")):
        published = parse_date(t.attributes.get("datetime") or "")
    tree.strip_tags(list(_DROP_TAGS))
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        return "", title or None, published
    # Inside <article>/<main>, a <header> holds the headline and byline, so only body-level chrome goes.
    chrome = _CHROME_TAGS if root.tag in ("body", "html") else _INNER_CHROME_TAGS
    for tag in chrome:
        for node in root.css(tag):
            node.decompose()
    for node in root.css(",".join(_BLOCK_TAGS)):
        node.insert_before("\n")
        node.insert_after("\n")
    raw = root.text(deep=True, separator="")
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in raw.split("\n"))
    text = "\n".join(line for line in lines if line)
    return text, title or None, published


def _read_html(path: Path) -> Document:
    html, encoding, meta = _decoded(path, _read_capped(path))
    text, title, published = html_to_text(html)
    if not text.strip():
        raise DocumentError(path, "no visible text in HTML")
    return _build(
        text, display_name(path), title=title, published=published, meta=meta, encoding=encoding, fmt="html"
    )


def _record(obj: Any, path: Path, where: str, encoding: str, fmt: str) -> Document:
    """A Document from one JSON object; where is '#<line or index>' or ''."""
    label = display_name(f"{path}{where}")
    if not isinstance(obj, dict):
        raise DocumentError(label, f"expected a JSON object, got {type(obj).__name__}")
    key = next((k for k in TEXT_FIELDS if k in obj), None)
    if key is None:
        raise DocumentError(label, "no 'text' field (expected one of: text, content, body)")
    value = obj[key]
    if not isinstance(value, str):
        raise DocumentError(label, f"field '{key}' must be a string, not {type(value).__name__}")
    if not value.strip():
        raise DocumentError(label, f"field '{key}' is empty")
    meta = {k: str(v) for k, v in obj.items() if k not in TEXT_FIELDS and isinstance(v, str | int | float)}
    meta["file"] = display_name(path)
    source = next((obj[k] for k in SOURCE_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()), label)
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    # crawlers spell the date's key in many ways (pubDate, publish_time, releaseDate …)
    dates = {_key_word(k): v for k, v in obj.items() if isinstance(v, str | int) and v}
    date = next((str(dates[k]) for k in _DATE_KEYS if k in dates), None)
    if _HTML_MARKUP.search(value):  # a crawled page's body kept as HTML: its visible text
        text, _, _ = html_to_text(value)
        value = text or value
    return _build(value, source, title=title, published=date, meta=meta, encoding=encoding, fmt=fmt)


def _key_word(key: str) -> str:
    """A JSON key folded for comparison: lower case, no separators (pubDate -> pubdate)."""
    return key.lower().replace("_", "").replace("-", "")


_DATE_KEYS = (
    *(_key_word(k) for k in DATE_FIELDS),
    "publishtime",
    "pubtime",
    "releasedate",
    "releasetime",
)
# A text field holding HTML: an opening or closing paragraph, line-break or block tag.
_HTML_MARKUP = re.compile(r"</?(?:p|br|div|span|section|article|h[1-6]|table|img)\b[^>]*>", re.I)


def _load_json(text: str, label: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise DocumentError(label, "JSON nested too deeply") from None
    except json.JSONDecodeError as e:
        raise DocumentError(label, f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except ValueError as e:  # e.g. an integer over Python's 4,300-digit conversion limit
        raise DocumentError(label, f"invalid JSON: {e}") from None


def _iter_json(path: Path) -> Iterator[Document | DocumentError]:
    text, encoding, _ = _decoded(path, _read_capped(path))
    data = _load_json(text, str(path))
    if isinstance(data, dict):
        yield _record(data, path, "", encoding, "json")
        return
    if not isinstance(data, list):
        raise DocumentError(path, f"expected a JSON object or a list of objects, got {type(data).__name__}")
    if not data:
        raise DocumentError(path, "empty JSON list")
    for i, item in enumerate(data):
        try:
            yield _record(item, path, f"#{i}", encoding, "json")
        except DocumentError as e:
            yield e


def _iter_jsonl(path: Path) -> Iterator[Document | DocumentError]:
    cap = max_file_bytes()
    seen = 0
    with _open(path) as f:
        head = f.read(_SNIFF_BYTES)
        if _looks_binary(head):
            raise DocumentError(path, "binary file")
        f.seek(0)
        lineno = 0
        while True:
            raw = f.readline(cap + 1)
            if not raw:
                break
            lineno += 1
            label = f"{path}#{lineno}"
            if len(raw) > cap and not raw.endswith(b"\n"):
                while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield DocumentError(label, f"line is over the cap of {cap} bytes (GOVKG_MAX_FILE_BYTES)")
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            try:
                text, encoding, _ = decode_bytes(raw.rstrip(b"\r\n"), label)
                yield _record(_load_json(text, label), path, f"#{lineno}", encoding, "jsonl")
            except DocumentError as e:
                yield e
            seen += 1
    if seen == 0:
        raise DocumentError(path, "empty file")


def _sniff_format(path: Path) -> str:
    with _open(path) as f:
        try:
            head = f.read(_SNIFF_BYTES)
        except OSError as e:
            raise DocumentError(path, e.strerror or str(e)) from None
    if not head.strip():
        raise DocumentError(path, "empty file")
    if _looks_binary(head) or b"\x00" in head:
        raise DocumentError(path, "binary file")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        return "html"
    return "txt"


def _iter_file(path: Path) -> Iterator[Document | DocumentError]:
    """Every Document (or record-level error) in one file; file-level problems raise."""
    ext = path.suffix.lower()
    if ext in _UNSUPPORTED_EXTS:
        raise DocumentError(path, f"unsupported file type {ext}")
    if ext == ".jsonl":
        yield from _iter_jsonl(path)
    elif ext == ".json":
        yield from _iter_json(path)
    elif ext in HTML_EXTS:
        yield _read_html(path)
    elif ext in PLAIN_EXTS:
        yield _read_plain(path)
    elif _sniff_format(path) == "html":
        yield _read_html(path)
    else:
        yield _read_plain(path)


def read_file(path: str | Path) -> list[Document]:
    """All documents in one file; raises DocumentError on the first problem (file or record)."""
    p = Path(path)
    if not p.exists():
        raise DocumentError(p, "no such file")
    if p.is_dir():
        raise DocumentError(p, "is a directory (use iter_documents)")
    docs = []
    for item in _iter_file(p):
        if isinstance(item, DocumentError):
            raise item
        docs.append(item)
    return docs


def iter_documents(
    paths: Iterable[str | Path], *, follow_links: bool = False
) -> Iterator[Document | DocumentError]:
    """Documents from files and directories; each problem is yielded as a DocumentError and skipped.

    In a directory, a symlink whose target lies outside that directory is refused unless
    ``follow_links``; a file named directly is read wherever it is, if it is a regular file.
    No exception escapes for a single file, entry or record.
    """
    for item, refused in iter_files(paths, follow_links=follow_links):
        if refused is not None:
            yield DocumentError(item, refused)
        else:
            yield from read_documents(item)


def iter_files(
    paths: Iterable[str | Path], *, follow_links: bool = False
) -> Iterator[tuple[Path, str | None]]:
    """The files iter_documents reads, without reading them: (path, None) for each file,
    (path, reason) for each path or entry refused."""
    for given in paths:
        root = Path(given)
        try:
            is_dir = stat.S_ISDIR(os.stat(root).st_mode)
        except OSError as e:
            broken = e.errno == errno.ENOENT and os.path.islink(root)
            reason = (
                "broken symlink" if broken else ("no such file" if e.errno == errno.ENOENT else e.strerror)
            )
            yield root, reason or str(e)
            continue
        except ValueError as e:
            yield root, str(e)
            continue
        yield from walk(root, follow_links=follow_links) if is_dir else iter([(root, None)])


def read_documents(path: Path) -> Iterator[Document | DocumentError]:
    """Every document in one file; each problem is yielded as a DocumentError, never raised."""
    try:
        yield from _iter_file(path)
    except DocumentError as e:
        yield e
    except (OSError, MemoryError) as e:
        yield DocumentError(path, f"cannot read: {e}")
    except Exception as e:  # one file must never abort a load
        yield DocumentError(path, f"cannot read: {type(e).__name__}: {e}")
