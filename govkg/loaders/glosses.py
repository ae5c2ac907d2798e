"""Inline pinyin glosses: 陽(yáng)朔縣, 鄭(zhèng)州 — found, stripped, and offsets mapped back.

Some traditional-character pages print the reading of a rare or ambiguous character in brackets
right after it. A gloss splits the name it sits in, so no dictionary matches 陽(yáng)朔縣 as
阳朔县. ``strip_glosses`` removes them and returns the position in the original text of every
character of the stripped text; ``unglossed`` builds the Document to extract from, and
``map_back`` moves every offset, evidence sentence and surface of the resulting Extraction back
into the original text, so evidence still quotes the report exactly as written.

A gloss is one to four pinyin syllables (tone marks or tone digits optional) in ASCII or
full-width brackets directly after a CJK character. English words, abbreviations and numbers in
brackets ((APP), (PPP), (2021)) are not syllables and stay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from govkg.loaders.chrome import mask_chrome
from govkg.loaders.documents import Document, fold
from govkg.loaders.extraction import Evidence, Extraction

__all__ = ["map_back", "strip_glosses", "unglossed"]

_V = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"(?:[zcs]h|[bpmfdtnlgkhjqxrzcswy])?(?:[iuü{_V[6:]}]?[{_V}]{{1,2}}(?:ng|n|r)?|ng|n|m)[1-5]?"
_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])[(（]\s*(?:{_SYLLABLE})(?:\s*(?:{_SYLLABLE})){{0,3}}\s*[)）]")


def strip_glosses(text: str) -> tuple[str, list[int]] | None:
    """``text`` without its pinyin glosses and, for each kept character (and the end), its index
    in ``text``; None when there is no gloss."""
    spans = [m.span() for m in _GLOSS.finditer(text) if _has_vowel(m.group())]
    if not spans:
        return None
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        index.extend(range(pos, start))
        pos = end
    parts.append(text[pos:])
    index.extend(range(pos, len(text)))
    index.append(len(text))
    return "".join(parts), index


def _has_vowel(gloss: str) -> bool:
    return any(c in _V for c in gloss.lower())


def unglossed(doc: Document) -> tuple[Document, list[int]] | None:
    """The document with glosses stripped from its text (same id, title and date), and the map
    back to the original; None when the text has no gloss."""
    found = strip_glosses(doc.text)
    if found is None:
        return None
    clean, index = found
    title = strip_glosses(doc.title)
    return replace(
        doc, text=clean, folded=mask_chrome(fold(clean)), title=title[0] if title else doc.title
    ), index


def map_back(ex: Extraction, original: Document, index: Sequence[int]) -> Extraction:
    """``ex``, extracted from the unglossed text, with every offset, evidence and surface moved
    back into ``original.text``."""
    text = original.text

    def span(start: int, end: int) -> tuple[int, int]:
        """The original span of clean[start:end], glosses inside and right after it included."""
        o_start = index[start]
        o_end = index[end - 1] + 1 if end > start else o_start
        m = _GLOSS.match(text, o_end)
        return o_start, (m.end() if m else o_end)

    def evidence(ev: Evidence) -> Evidence:
        s, e = span(ev.offset, ev.offset + len(ev.sentence))
        return Evidence(text[s:e], s)

    def surface(ev: Evidence, clean_surface: str) -> str:
        at = ev.sentence.find(clean_surface)
        if not clean_surface or at < 0:
            return clean_surface
        s, e = span(ev.offset + at, ev.offset + at + len(clean_surface))
        return text[s:e]

    ex.report.text = text  # the title stays without its glosses: a heading to read, not evidence
    ex.adoptions = [
        replace(a, evidence=evidence(a.evidence), surface=surface(a.evidence, a.surface))
        for a in ex.adoptions
    ]
    ex.implementations = [replace(i, evidence=evidence(i.evidence)) for i in ex.implementations]
    ex.non_adoptions = [
        replace(n, evidence=evidence(n.evidence), surface=surface(n.evidence, n.surface))
        for n in ex.non_adoptions
    ]
    ex.unresolved = [replace(u, offset=index[u.offset]) for u in ex.unresolved]
    measurements = []
    for m in ex.measurements:
        at = m.evidence.sentence.find(m.raw)
        s, e = span(m.evidence.offset + max(at, 0), m.evidence.offset + max(at, 0) + len(m.raw))
        key = f"{m.report_id}:{s}"
        measurements.append(replace(m, evidence=evidence(m.evidence), raw=text[s:e], key=key))
    ex.measurements = measurements
    return ex
