"""The extraction pipeline: Document -> Extraction.

Per report: split sentences, settle the subject region, find regions, agencies,
practices (taxonomy and discovered local programs) and quantities, then decide for
each practice mention which region acted (the adoption rule below), and attach a year.

Adoption rule. Every practice mention goes through one actor-resolution step
(govkg.loaders.actors: gazetteer places, agencies mapped to their unit, pronouns,
demonstratives, lists, the opening topic of the sentence, else the report's subject);
the fact records the rule that found the actor (``method``) and its ``confidence``.
A sentence that only mentions the practice (govkg.loaders.mentions: a plan, an award, a
quoted instruction, a cited policy, a meeting about it, a study visit, a pledge signed, its
background or commentary) adopts nothing; the mention is kept on ``Extraction.non_adoptions`` with its
cue. One adoption per (region, practice, report): the sentence with an explicit actor wins
over one without, then the earlier one.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from govkg.config import Settings
from govkg.loaders.actors import (
    RULE_CONFIDENCE,
    Actor,
    ActorChoice,
    ActorResolver,
    ReportContext,
    destination,
    level_heads,
    visitor,
    zone_report,
)
from govkg.loaders.agencies import AgencyMatcher, AgencyMention, agency_key
from govkg.loaders.chrome import opening_dateline, source_outlet
from govkg.loaders.documents import Document, fold
from govkg.loaders.extraction import (
    Adoption,
    Agency,
    Evidence,
    Extraction,
    Implementation,
    Measurement,
    Mention,
    NonAdoption,
    Practice,
    Region,
    Report,
    UnresolvedPlace,
)
from govkg.loaders.glosses import map_back, unglossed
from govkg.loaders.mentions import Cue, classify, targets_from
from govkg.loaders.metrics import find_metrics, is_noun_label
from govkg.loaders.nlp import (
    BuiltinBackend,
    NlpBackend,
    backend_from_settings,
    merge_spans,
    resolve_agency_spans,
    resolve_region_spans,
)
from govkg.loaders.plans import planned
from govkg.loaders.practices import PracticeMatcher, PracticeMention, Taxonomy
from govkg.loaders.regions import Gazetteer, RegionMatcher, RegionMention, speaks_as
from govkg.loaders.sentences import Sentence, is_caption, split_sentences
from govkg.loaders.timeinfo import report_year, sentence_year

_OPEN_QUOTES = {"“": "”", '"': '"'}
# “X”工作要求 / 精神 / 部署: a quoted instruction from above, not the unit's own program.
_INSTRUCTION = re.compile(r"(?:的)?(?:工作)?(?:要求|精神|部署|号召|理念|目标|口号|思路)")
# Very long texts are read in sections of about this many characters, cut at a line break:
# places named in one section are context for resolving names in that section only, and
# the subject is inferred from the title and the first section.
SECTION_CHARS = 100_000
_DEADLINE_EVERY = 64  # sentences between two looks at the clock
_DATELINE_HEAD = 2_000  # characters of a report that hold its opening dateline, if any


class ExtractionTimeout(Exception):
    """A report whose extraction did not finish within the time cap."""

    def __init__(self, seconds: float, chars: int) -> None:
        super().__init__(f"report too long to process in {seconds:g} s ({chars:,} characters)")
        self.seconds = seconds
        self.chars = chars


def sections(text: str, size: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """(start, end) spans cutting ``text`` into pieces of at most ``size`` characters, each
    ending at a line break where there is one (else a sentence end, else anywhere)."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        cut = text.rfind("\n", start + size // 2, limit)
        if cut < 0:
            cut = max(text.rfind(p, start + size // 2, limit) for p in "。！？!?")
        end = cut + 1 if cut >= 0 else limit
        spans.append((start, end))
        start = end
    spans.append((start, n))
    return spans


class _Clock:
    """The per-report time cap: raises ExtractionTimeout once this thread has spent ``seconds``
    of CPU time on the report. CPU time, not wall time, so that a busy machine (or how many
    workers share it) never changes which reports are rejected."""

    def __init__(self, seconds: float | None, chars: int) -> None:
        self.seconds = seconds
        self.chars = chars
        self.deadline = time.thread_time() + seconds if seconds is not None else None

    def check(self) -> None:
        if self.deadline is not None and time.thread_time() > self.deadline:
            raise ExtractionTimeout(self.seconds or 0.0, self.chars)


@dataclass(slots=True, kw_only=True)
class _Context(ReportContext):
    """What the pipeline knows about one report while it reads it."""

    doc: Document
    year: int | None


_TOWNSHIP_ENDS = ("镇", "乡", "街道", "苏木", "民族乡")


class _Lookup:
    """The RegionLookup agencies use: prefixes and level words resolved in the report's context."""

    def __init__(self, extractor: Extractor, ctx: _Context) -> None:
        self._ex = extractor
        self._ctx = ctx
        self._prefixes: dict[str, Region | None] = {}  # agencies ask for the same prefixes again and again

    def resolve_prefix(self, surface: str) -> Region | None:
        """Resolve a region prefix of an agency name (包头市, 东河区) in the report's scope."""
        if surface not in self._prefixes:
            matcher, scope = self._ex.region_matcher, self._ctx.scope
            region = matcher.leading(surface, scope)
            if region is None or (scope and scope[0] not in {r.code for r in self._ex.chain(region)}):
                # 凤山派出所 in a 哈尔滨 report: the town of the report's region, not 广西's 凤山县
                region = matcher.township_written_short(surface, scope) or region
            self._prefixes[surface] = region
        return self._prefixes[surface] or self._named_township(surface)

    def _named_township(self, stem: str) -> Region | None:
        """The one township the report has already named whose name ``stem`` writes short: 某县
        甲乡…，甲派出所 in a report about a whole province, where a province holds too many towns
        for the short name to be looked up."""
        hits = {
            r.code
            for r in self._ctx.regions.values()
            if r.level == "township"
            and stem != r.name
            and stem in (r.short, r.name[: len(stem)])
            and r.name[len(stem) :] in _TOWNSHIP_ENDS
        }
        return self._ctx.regions[hits.pop()] if len(hits) == 1 else None

    def level_region(self, level_word: str) -> Region | None:
        """The report's region of the level a word such as 市 or 县 names."""
        return self._ex.level_region(self._ctx, level_word)

    def written_level(self, level_word: str) -> Region | None:
        """The unit a level word written before a body names (县公安局): the report's own, else,
        in a report above that level, the county it names last (甲县…，县综治中心…)."""
        found = self._ex.level_region(self._ctx, level_word)
        return found or self._ex.resolver.named_county(self._ctx, level_word)

    def township_under(self, stem: str, code: str) -> Region | None:
        """The one township inside region ``code`` written by its short name ``stem``."""
        return self._ex.region_matcher.township_written_short(stem, (code,))

    def county_under(self, stem: str, code: str) -> Region | None:
        """The one county-level unit directly under ``code`` whose name is ``stem`` and its level word."""
        names = {stem + word for word in "区县市旗"}
        hits = [r for r in self._ex.gazetteer.children(code) if r.level == "county" and r.name in names]
        return hits[0] if len(hits) == 1 else None

    def parent(self, region: Region) -> Region | None:
        """The unit directly above ``region`` in the 区划 data."""
        return self._ex.gazetteer.get(region.parent_code) if region.parent_code else None


class Extractor:
    """The builtin extraction pipeline; stateless across reports, so one instance serves all."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        taxonomy: Taxonomy | None = None,
        agencies: AgencyMatcher | None = None,
        backend: NlpBackend | None = None,
    ) -> None:
        self.backend = backend or BuiltinBackend()
        self.gazetteer = gazetteer or Gazetteer.default()
        self.taxonomy = taxonomy or Taxonomy.default()
        self.region_matcher = RegionMatcher(self.gazetteer)
        self.practice_matcher = PracticeMatcher(self.taxonomy)
        self.agency_matcher = agencies or AgencyMatcher()
        self.resolver = ActorResolver(self.gazetteer)

    # -- public -------------------------------------------------------------------------
    def extract(self, doc: Document, *, time_limit: float | None = None) -> Extraction:
        """Extract every region, practice, agency, adoption and quantity from one document.

        With ``time_limit`` (seconds), a report that takes longer raises ExtractionTimeout.
        """
        glossed = unglossed(doc)
        if glossed is not None:  # 陽(yáng)朔縣: read without the pinyin, offsets mapped back
            return map_back(self._extract(glossed[0], time_limit), doc, glossed[1])
        return self._extract(doc, time_limit)

    def _extract(self, doc: Document, time_limit: float | None) -> Extraction:
        text = doc.folded
        clock = _Clock(time_limit, len(text))
        parts = sections(text)
        sentences = list(split_sentences(text))
        head = text[: parts[0][1]] if len(parts) > 1 else text
        # the title as the body is read: a traditional-character title names its places in simplified
        title = fold(doc.title).strip()
        inferred = self.region_matcher.infer_subject(head, title)
        if inferred is None and (county := self.region_matcher.street_county(head)):
            # a same-name district (普陀区) beside a street of one of them: that one
            inferred = self.region_matcher.infer_subject(head, title, lead=county)
        subject = self._title_subject(title, inferred)
        if self.resolver.names_station(title):  # most titles name none: no region pass for them
            station = self.resolver.title_station(subject, title, self.region_matcher.find(title))
            subject = station or subject or self._station_heading(doc, title)
        subject = self._filed_title_unit(doc, title, subject)
        subject = self._speaking_county(text, subject) or subject
        scope = tuple(r.code for r in self.chain(subject)) if subject else ()
        # with no subject, an opening dateline or a 来源 line (blanked as chrome) still says where
        # the report was filed: same-name units are looked for there
        filed_at = () if scope else self._dateline_scope(doc)
        if filed_at and (home := self.gazetteer.get(filed_at[0])) is not None and speaks_as(head, home, True):
            # 本区新闻网 credited, 在我区举行: a local outlet's own region writing of itself as 我区;
            # 来源：甲市司法局 over 全市受理…: a text naming no place, by a body speaking of its whole city
            subject, scope, filed_at = home, filed_at, ()
        month = (
            int(doc.published[5:7])
            if doc.published and doc.published[4:5] == "-" and doc.published[5:7].isdigit()
            else None
        )
        year = report_year(doc.title, doc.year, (s.text for s in sentences[:60]), month)
        ctx = _Context(doc=doc, subject=subject, scope=scope, year=year)
        report = Report(
            id=doc.id,
            title=doc.title,
            source=doc.source,
            text=doc.text,
            published=doc.published,
            year=year,
        )
        ex = Extraction(report=report, subject_region=subject.code if subject else None)
        ex.categories = dict(self.taxonomy.categories)
        if subject:
            self._keep(ctx, subject)

        unresolved: list[UnresolvedPlace] = []
        all_regions: list[RegionMention] = []
        for start, end in parts:
            clock.check()
            part = text[start:end] if len(parts) > 1 else text
            found = len(unresolved)
            for m in self.region_matcher.find(part, scope, unresolved, lead=filed_at):
                all_regions.append(m if not start else _shifted(m, start))
            if start:
                unresolved[found:] = [replace(u, offset=u.offset + start) for u in unresolved[found:]]
        unresolved.sort(key=lambda u: u.offset)
        ex.unresolved = unresolved
        body = [s for s in sentences if s.text.strip() != title]
        opening = body[0].end if body else 0
        # The lead: the first sentence (after the title) that names a place; a feature often opens
        # with a general line (平安是百姓的期盼。) before saying whose work it reports.
        lead = next((s.end for s in body if any(s.start <= m.start < s.end for m in all_regions)), opening)
        only = (
            self._sole_unit(text, subject, all_regions, lead, title)
            or self._lone_town(text, subject, all_regions, opening)
            or self._lead_branch(text, subject, all_regions, lead)
            or self._lead_station(doc, text, subject, all_regions, body)
            or self._host_city(text, subject, all_regions)
        )
        if only is not None:
            # the one town or street a county-titled text keeps naming is what it is about
            subject = only
            ctx.subject, ctx.scope = only, tuple(r.code for r in self.chain(only))
            ex.subject_region = only.code
            self._keep(ctx, only)
        ctx.zone = zone_report(text, subject)
        pending_u = 0  # the next unresolved name to hand to the sentence that holds it
        adoptions: dict[tuple[str, str], tuple[int, Adoption]] = {}
        non_adoptions: list[NonAdoption] = []
        practices: dict[str, Practice] = {}
        agencies: dict[str, Agency] = {}
        implementations: dict[tuple[str, str], Implementation] = {}
        measurements: list[Measurement] = []
        counts: Counter[tuple[str, str]] = Counter()
        lookup = _Lookup(self, ctx)
        region_iter = iter(all_regions)
        # the towns, streets, communities and villages each paragraph names
        towns_in: dict[int, set[str]] = {}
        starts = [s.start for s in sentences]
        for m in all_regions:
            if m.region.level in ("township", "community", "village"):
                k = bisect_right(starts, m.start) - 1
                if k >= 0:
                    towns_in.setdefault(sentences[k].paragraph, set()).add(m.region.code)
        lead_in = False
        pending = next(region_iter, None)
        prev_actor: Region | None = None
        prev_paragraph = -1
        para_unit: Region | None = None  # the sub-county unit opening the current paragraph
        spoken = False  # the paragraph is a person's own words in an interview transcript
        opened: tuple[int, int, Region | None] = (-1, -1, None)  # (sentence, paragraph, its opening unit)
        owners: dict[str, ActorChoice] = {}  # a named programme's surface -> who first ran it
        # (region, practice) lines a named programme got only from the subject fallback
        by_default: dict[tuple[str, str], str] = {}
        plans = planned(doc.title, sentences)  # sentences a plan section or document holds

        for n, sent in enumerate(sentences):
            if n % _DEADLINE_EVERY == 0:
                clock.check()
            in_sentence: list[RegionMention] = []
            while pending is not None and pending.start < sent.end:
                if pending.start >= sent.start and pending.end <= sent.end:
                    in_sentence.append(pending)
                pending = next(region_iter, None)
            local_regions = [
                RegionMention(m.start - sent.start, m.end - sent.start, m.surface, m.region, m.role)
                for m in in_sentence
            ]
            spans = self.backend.spans(sent.text)
            if spans:
                # A model backend proposes names the dictionaries missed; they go through the
                # same resolution, and the dictionary wins wherever the two overlap.
                extra = resolve_region_spans(sent.text, spans, self.region_matcher.find, scope)
                keep = merge_spans(
                    [(m.start, m.end) for m in local_regions], [(m.start, m.end) for m in extra]
                )
                local_regions = sorted([*local_regions, *(extra[i] for i in keep)], key=lambda m: m.start)
            for m in local_regions:
                counts[("Region", m.region.code)] += 1
                self._keep(ctx, m.region)
            agency_mentions = self.agency_matcher.find(sent.text, lookup)
            if spans:
                more = resolve_agency_spans(sent.text, spans, self.agency_matcher.find, lookup)
                keep = merge_spans(
                    [(a.start, a.end) for a in agency_mentions], [(a.start, a.end) for a in more]
                )
                agency_mentions = sorted([*agency_mentions, *(more[i] for i in keep)], key=lambda a: a.start)
            station_owners = _station_owners(agency_mentions, sent.text)
            for a in agency_mentions:
                key = agency_key(a.region_code, a.name)
                counts[("Agency", key)] += 1
                if a.acting and key not in agencies and a.start not in station_owners:
                    region = self._region(ctx, a.region_code)
                    if region is not None:
                        self._keep(ctx, region)  # a station's town is in the extraction's regions too
                        agencies[key] = Agency(key=key, name=a.name, kind=a.kind, region_code=region.code)
            here: list[UnresolvedPlace] = []
            while pending_u < len(unresolved) and unresolved[pending_u].offset < sent.end:
                u = unresolved[pending_u]
                if u.offset >= sent.start and u.offset + len(u.surface) <= sent.end:
                    here.append(replace(u, offset=u.offset - sent.start))
                pending_u += 1
            actors = self.resolver.candidates(ctx, sent.text, local_regions, agency_mentions, here)
            if n == 0 or sentences[n - 1].paragraph != sent.paragraph:
                # 甲镇…。（no subject）…。: the paragraph's opening town is the subject of the rest
                para_unit = self.resolver.opening_unit(sent.text, actors)
                lead_in = not actors  # the paragraph opens with a line that names no unit
                spoken = spoken_paragraph(sent.text, spoken)
            elif lead_in:
                # 科学划分网格。甲派出所…。（no subject）…: after a lead-in naming no one, the town
                # the next sentence opens with is the paragraph's, when the paragraph names no other
                unit = self.resolver.opening_unit(sent.text, actors)
                if unit is not None and towns_in.get(sent.paragraph, set()) <= {unit.code}:
                    para_unit = unit
                lead_in = False
            opened_before = opened[2] if opened[:2] == (n - 1, sent.paragraph) else None
            opened = (n, sent.paragraph, self.resolver.opening_below(ctx, sent.text, actors))
            # a term does not begin inside a place name: 原隆村警务室 holds no 村警
            mentions = [
                pm
                for pm in self._practice_mentions(sent)
                if not any(m.start < pm.start < m.end for m in local_regions)
            ]
            mentions = self._with_own_programs(sent.text, actors, mentions)
            after = sentences[n + 1] if n + 1 < len(sentences) else None
            caption = is_caption(sent.text, after.text if after else "")
            # the headline summarises; a body sentence stating the same fact is the better evidence
            headline = bool(doc.title) and doc.text[sent.start : sent.end].strip() == doc.title.strip()
            for pm in mentions:
                counts[("Practice", pm.practice.key)] += 1
                practices.setdefault(pm.practice.key, pm.practice)
            for pm in mentions:
                cue = classify(sent.text, pm.start, pm.end)
                if cue is None and n in plans:  # under 下一步工作打算, in a 实施方案 …
                    cue = Cue("plan", plans[n])
                if cue is None and not pm.practice.adoptable:  # 修订完善村规民约: compliance
                    cue = Cue("institution", pm.practice.name)
                if cue is not None:  # only mentioned: kept for debugging, never an adoption
                    non_adoptions.append(
                        NonAdoption(
                            pm.practice.key,
                            doc.text[sent.start + pm.start : sent.start + pm.end],
                            Evidence(doc.text[sent.start : sent.end], sent.start),
                            cue.reason,
                            cue.words,
                        )
                    )
                    continue
                choice = self.resolver.resolve(
                    ctx, sent.text, actors, pm.start, prev_actor, para_unit, opened_before
                )
                if spoken and choice.rule in ("subject", "paragraph"):
                    # 某某：我当了十年调解员…: a person's own account in a transcript is not the
                    # report subject's work (guideline 12: first-person speech is not resolved)
                    choice = ActorChoice((), "spoken", 0.0)
                written = sent.text[pm.start : pm.end]
                own_body = next(
                    (
                        a
                        for a in reversed(agency_mentions)
                        if a.start <= pm.start and (pm.end <= a.end or written in a.surface)
                    ),
                    None,
                )
                if choice.rule in ("subject", "paragraph") and own_body is None:
                    # 全国“枫桥式公安派出所”甲派出所所长…: a title written right before a named
                    # body is that body's, not the report subject's
                    own_body = _titled(sent.text, pm.end, agency_mentions)
                if choice.rule in ("subject", "paragraph") and own_body is not None:
                    # 成为了高县综治中心的“前哨”，为综治中心…: a practice named inside a unit's own
                    # body, or named again bare after it, is that unit's, even where the body is no
                    # subject; never the paragraph's town
                    region = self._region(ctx, own_body.region_code)
                    if region is not None:
                        choice = ActorChoice((region,), "agency", RULE_CONFIDENCE["agency"])
                if pm.discovered:
                    named = pm.surface.strip('“”"「」『』‘’')
                    owner = owners.get(named)
                    if choice.rule == "subject" and owner is not None:
                        # “老街坊”调解室 named again with no unit: the unit that runs it, not the subject
                        choice = owner
                    elif choice.rule != "subject" and choice.regions:
                        owners.setdefault(named, choice)
                    elif choice.rule == "subject" and pm.practice.origin == "discovered":
                        for region in choice.regions:
                            by_default[(region.code, pm.practice.key)] = named
                if caption and choice.rule in ("subject", "paragraph"):
                    # 图为网格员入户走访: a photo caption counts only when it names the acting unit
                    non_adoptions.append(
                        NonAdoption(
                            pm.practice.key,
                            doc.text[sent.start + pm.start : sent.start + pm.end],
                            Evidence(doc.text[sent.start : sent.end], sent.start),
                            "caption",
                            "",
                        )
                    )
                    continue
                yr = sentence_year(sent.text, pm.start, ctx.year, doc.year) or ctx.year
                evidence = Evidence(doc.text[sent.start : sent.end], sent.start)
                for region in choice.regions:
                    self._keep(ctx, region)
                    adoption = Adoption(
                        region_code=region.code,
                        practice_key=pm.practice.key,
                        report_id=doc.id,
                        year=yr,
                        evidence=evidence,
                        surface=doc.text[sent.start + pm.start : sent.start + pm.end],  # as written
                        confidence=choice.confidence,
                        method=f"{choice.method};practice={pm.practice.origin}",
                    )
                    # the clearest sentence: an explicit actor, then body prose before a photo
                    # caption or the headline, or a clause that only ranks the unit among others
                    # (某市是全国较早探索…的地区之一: standing, not the act; rule 2)
                    weaker = caption or headline or _ranked_among(sent.text, pm.start, pm.end)
                    rank = (0 if choice.explicit else 2) * 10**9 + weaker * 10**9 + sent.start
                    old = adoptions.get((region.code, pm.practice.key))
                    if old is None or rank < old[0]:
                        adoptions[(region.code, pm.practice.key)] = (rank, adoption)
                for a in _implementers(sent.text, agency_mentions, pm.start):
                    key = agency_key(a.region_code, a.name)
                    if a.start in station_owners:
                        continue
                    if key in agencies and (key, pm.practice.key) not in implementations:
                        implementations[(key, pm.practice.key)] = Implementation(
                            agency_key=key,
                            practice_key=pm.practice.key,
                            report_id=doc.id,
                            year=yr,
                            evidence=evidence,
                            confidence=RULE_CONFIDENCE["agency"],
                            method=f"actor=agency;practice={pm.practice.origin}",
                        )
            if n not in plans:  # a plan's figures are targets, not results
                measurements.extend(
                    self._measurements(ctx, sent, actors, mentions, prev_actor, para_unit, opened_before)
                )
            explicit_actors = [a for a in actors if a.explicit]
            if explicit_actors:
                prev_actor, prev_paragraph = _chain_end(explicit_actors), sent.paragraph
            elif sent.paragraph != prev_paragraph:
                prev_actor = None

        for (code, key), named in by_default.items():
            owner = owners.get(named)
            kept = adoptions.get((code, key))
            defaulted = kept is not None and kept[0] >= 2 * 10**9  # no sentence named an actor
            if owner is not None and defaulted and code not in {r.code for r in owner.regions}:
                # a named programme first met with no unit (在镇政府旁的“某某”工作室) and only later
                # credited to its unit (某镇“某某”工作室) is that unit's, not also the subject's
                del adoptions[(code, key)]
        ex.non_adoptions = non_adoptions
        ex.adoptions = [a for _, a in sorted(adoptions.values(), key=lambda t: (t[1].evidence.offset, t[0]))]
        ex.practices = self._with_variants(practices)
        _merge_district_police(agencies, implementations)
        ex.agencies = sorted(agencies.values(), key=lambda a: a.key)
        ex.implementations = list(implementations.values())
        ex.measurements = measurements
        ex.mentions = [Mention(kind, key, n) for (kind, key), n in sorted(counts.items())]
        ex.regions = self._closed_regions(ctx)
        return ex

    def _title_subject(self, title: str, inferred: Region | None) -> Region | None:
        """A title that opens with a place (诸暨市枫桥镇2023年…) names the report's subject: the most
        specific unit of that opening chain, when it lies inside the region the text is about. A
        photo caption standing as the title (某区调解员化解纠纷。某某/供图) names what the picture shows."""
        if is_caption(title):
            return inferred
        found = self.region_matcher.find(title, tuple(r.code for r in self.chain(inferred)))
        if not found or found[0].start > 2:
            return inferred
        unit = found[0].region
        for m, nxt in pairwise(found):
            if nxt.start != m.end or not self.resolver.is_below(nxt.region, m.region):
                break
            unit = nxt.region
        if inferred is None or unit.code == inferred.code or self.resolver.is_below(unit, inferred):
            return unit
        return inferred

    def _filed_title_unit(self, doc: Document, title: str, subject: Region | None) -> Region | None:
        """The unit a title opens with, looked for where the dateline files the report (本报甲市讯):
        a same-name unit there (甲市's 乙街道, not another city's) is the subject when the one
        inferred from the text lies outside that region."""
        if subject is None:
            return None
        filed = self._dateline_scope(doc)
        if not filed or filed[0] in {r.code for r in self.chain(subject)}:
            return subject
        home = self.gazetteer.get(filed[0])
        unit = self._title_subject(title, home) if home is not None else None
        if unit is not None and home is not None and self.resolver.is_below(unit, home):
            return unit
        return subject

    def _dateline_scope(self, doc: Document) -> tuple[str, ...]:
        """The chain of the region a report's opening dateline, else the outlet its 来源 line
        credits, places it in, or ()."""
        head = fold(doc.text[:_DATELINE_HEAD])
        region = None
        for lead in (opening_dateline(head), source_outlet(head)):
            if lead and (region := self.region_matcher.dateline_region(lead)) is not None:
                break
        return tuple(r.code for r in self.chain(region)) if region else ()

    def _station_heading(self, doc: Document, title: str) -> Region | None:
        """The town of the station heading a title in a report that names no region to be about
        (甲派出所：…): the station's own report, as when its county is known."""
        ctx = _Context(doc=doc, subject=None, scope=(), year=None)
        for a in self.agency_matcher.find(title, _Lookup(self, ctx)):
            region = self._region(ctx, a.region_code)
            if a.start > 2 or region is None:
                return None  # a station named further on is only what the title is about
            if a.acting and a.kind in _STATION_KINDS and region.level == "township":
                return region
        return None

    def _sole_unit(
        self,
        text: str,
        subject: Region | None,
        found: Sequence[RegionMention],
        opening: int = 0,
        title: str = "",
    ) -> Region | None:
        """The township a county-level report is about: the only one it names, named again and again
        (itself or as 该镇/该街道 …) — a report on one street filed under its county — or written with
        its county (某县某镇) in the title or the lead (the first sentence naming a place), where a
        report says what it is about (``opening`` is where that sentence ends)."""
        if subject is None or subject.level != "county":
            return None
        if _COUNTY_BODY_TITLE.match(title.removeprefix(subject.name).removeprefix(subject.short or "\0")):
            return None  # 甲县人民法院在乙镇设立…: the county's body is the title's subject, acting there
        towns = {m.region.code: m.region for m in found if m.region.level == "township"}
        if len(towns) != 1:
            return None
        (town,) = towns.values()
        if town.parent_code != subject.code:
            return None
        named = sum(1 for m in found if m.region.code == town.code)
        word = next((w for w in ("街道", "苏木", "镇", "乡") if town.name.endswith(w)), "")
        again = text.count("该" + word) + text.count("全" + word) + level_heads(text, word) if word else 0
        # the county named on its own (not only to place the town: 某县某镇) as often as the
        # town is itself an actor of the report, which stays the county's
        nxt = {m.start: m for m in found}
        alone = sum(
            1
            for m in found
            if m.region.code == subject.code
            and not ((after := nxt.get(m.end)) is not None and after.region.level != "county")
        )
        if alone >= named:
            return None
        if any(
            m.region.code == subject.code
            and m.start < opening
            and n.region.code == town.code
            and not _example_at(text, m.start)
            for m, n in pairwise(found)
            if n.start == m.end
        ):
            return town
        if named + again >= 3 and again >= 1:
            return town
        if named >= 2 and not self.region_matcher.find(title) and not _county_heads(text, subject):
            # 小镇夜巡守平安 over 甲镇…，甲镇还…: a title naming no place, over a text that names one
            # town twice, its county fewer times and never as 全县/我县/县委/县里, is that town's story
            return town
        return None

    def _lone_town(
        self, text: str, subject: Region | None, found: Sequence[RegionMention], opening: int
    ) -> Region | None:
        """The township a report names alone, with no county or higher unit to be about (a town's
        own report, its name unique in the data): the subject when the title or first sentence
        names it, or it is named again. A text that calls itself 我县/我区 (of the town's county's
        level) is that county's report, naming one of its towns."""
        if subject is not None:
            return None
        towns = {m.region.code: m.region for m in found if m.region.level == "township"}
        if len(towns) != 1:
            return None
        (town,) = towns.values()
        named = [m for m in found if m.region.code == town.code]
        if len(named) < 2 and named[0].start >= opening:
            return None
        return self._speaking_county(text, town) or town

    def _host_city(self, text: str, subject: Region | None, found: Sequence[RegionMention]) -> Region | None:
        """The county-level city a prefecture's group visits, when the report is that city's own:
        the prefecture is named only at the head of its visiting group (甲市调研组来乙调研, 甲市委
        政法委副书记率队来…), one county-level city under it is named again and again, and the text
        calls itself 我市 (guideline 11: 我市 in a county-level city's report is that city)."""
        if subject is None or subject.level != "prefecture":
            return None
        cities = {
            m.region.code: m.region
            for m in found
            if m.region.level == "county"
            and m.region.name.endswith("市")
            and m.region.parent_code == subject.code
        }
        if len(cities) != 1:
            return None
        (city,) = cities.values()
        own = [m for m in found if m.region.code == subject.code]
        if sum(m.region.code == city.code for m in found) < 2 or not own or not speaks_as(text, city):
            return None
        for m in own:
            brk = _CLAUSE_END.search(text, m.end)
            if _VISITING_GROUP.search(text, m.end, brk.start() if brk else len(text)) is None:
                return None  # the prefecture does something of its own here
        return city

    def _speaking_county(self, text: str, town: Region | None) -> Region | None:
        """The county of ``town`` when the text, outside quotes, calls itself by that county's
        level (我县, 我区): a county's report that names one of its towns (陪同到甲街道调研…。
        对我县…给予肯定), not the town's own report."""
        if town is None or town.level != "township" or not town.parent_code:
            return None
        county = self.gazetteer.get(town.parent_code)
        return county if county is not None and county.level == "county" and speaks_as(text, county) else None

    def _lead_branch(
        self, text: str, subject: Region | None, found: Sequence[RegionMention], lead: int
    ) -> Region | None:
        """The district whose branch bureau a city-titled feature is about: the lead names the
        city's bureau branch (甲市公安局乙分局, 甲公安乙分局), the text names no other county and
        the city elsewhere only as its bureau (甲市公安局). The branch's district was never counted
        as a place (its short name is part of the bureau's), so the city would otherwise keep the
        report."""
        if subject is None or subject.level != "prefecture":
            return None
        if any(m.region.level == "county" for m in found):
            return None
        own = [m for m in found if m.region.code == subject.code]
        if not own or own[0].start >= lead:
            return None
        branch = _LEAD_BRANCH.match(text, own[0].end)
        if branch is None:
            return None
        # the city named again only as its bureau (甲市公安局机关支援…) leaves the report the branch's
        if any(not _BUREAU_AFTER.match(text, m.end) for m in own[1:]):
            return None
        hits = [
            r
            for r in self.gazetteer.under(subject.code, branch.group(1))
            if r.level == "county" and r.parent_code == subject.code
        ]
        return hits[0] if len(hits) == 1 else None

    def _lead_station(
        self,
        doc: Document,
        text: str,
        subject: Region | None,
        found: Sequence[RegionMention],
        body: Sequence[Sentence],
    ) -> Region | None:
        """The town whose station a county's report is about: the lead (the first sentence naming
        the county) has one town's 派出所, 司法所 or 法庭 act (甲县公安局乙镇派出所始终…), the text
        names no other town, and it goes on calling the body by its kind alone (派出所建立…, 该所…) or
        by its own name (乙镇派出所…) at least twice: the station's work, not the county's."""
        if subject is None or subject.level != "county":
            return None
        lead = next(
            (s for s in body if any(s.start <= m.start < s.end and m.region == subject for m in found)), None
        )
        if lead is None:
            return None
        ctx = _Context(doc=doc, subject=subject, scope=tuple(r.code for r in self.chain(subject)), year=None)
        towns: dict[str, tuple[Region, str]] = {}
        for a in self.agency_matcher.find(text[lead.start : lead.end], _Lookup(self, ctx)):
            region = self._region(ctx, a.region_code)
            if a.acting and a.kind in _STATION_KINDS and region is not None and region.level == "township":
                towns[region.code] = (region, a.kind)
        if len(towns) != 1:
            return None
        ((town, kind),) = towns.values()
        if town.parent_code != subject.code or any(
            m.region.level == "township" and m.region.code != town.code for m in found
        ):
            return None
        after = text[lead.end :]
        bare = len(re.findall(rf"(?:^|(?<=[，,。；;：:“、\s])|(?<=[该本]))(?:{kind}|所里|该所)", after, re.M))
        if bare < 2:
            # or by its own name again (乙法庭审结…, 乙人民法庭设立…): a feature on that station
            bare += sum(
                1
                for a in self.agency_matcher.find(after, _Lookup(self, ctx))
                if a.kind == kind and self._region(ctx, a.region_code) == town
            )
        return town if bare >= 2 else None

    def chain(self, region: Region | None) -> list[Region]:
        """The region and its ancestors up to the province; sub-county units not in the data included."""
        return self.resolver.chain(region)

    def level_region(self, ctx: _Context, word: str) -> Region | None:
        """The report's region of the level ``word`` names (市 → its city), or None."""
        return self.resolver.level_region(ctx, word)

    # -- steps ----------------------------------------------------------------------------
    def _practice_mentions(self, sent: Sentence) -> list[PracticeMention]:
        found = list(self.practice_matcher.find(sent.text, prefolded=True))
        keys = {m.practice.key for m in found}
        for m in self.practice_matcher.discover(sent.text, prefolded=True):
            if m.practice.key not in keys:
                found.append(m)
                keys.add(m.practice.key)
        found.sort(key=lambda m: m.start)
        return found

    def _with_own_programs(
        self, sentence: str, actors: Sequence[Actor], mentions: list[PracticeMention]
    ) -> list[PracticeMention]:
        """Add quoted names written right after a unit (包头交警“运程定责”): the unit's own program."""
        added: list[PracticeMention] = []
        for a in actors:
            if not a.explicit or a.end >= len(sentence) or sentence[a.end] not in _OPEN_QUOTES:
                continue
            close = sentence.find(_OPEN_QUOTES[sentence[a.end]], a.end + 1)
            if close < 0 or close - a.end > 25 or _INSTRUCTION.match(sentence, close + 1):
                continue
            start, end = a.end, close + 1
            if any(m.start < end and start < m.end for m in mentions):
                continue
            for practice in self.practice_matcher.named_program(
                sentence[start + 1 : close], sentence, start, end
            ):
                added.append(PracticeMention(start, end, sentence[start:end], practice, True))
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda m: m.start)

    def _measurements(
        self,
        ctx: _Context,
        sent: Sentence,
        actors: Sequence[Actor],
        mentions: Sequence[PracticeMention],
        prev_actor: Region | None,
        para_unit: Region | None = None,
        opened_before: Region | None = None,
    ) -> list[Measurement]:
        out: list[Measurement] = []
        doc = ctx.doc
        target = targets_from(sent.text)
        for mm in find_metrics(sent.text):
            if target is not None and mm.start >= target:
                continue  # 力争破案数上升30%: a target, not a result
            if any(a.start <= mm.start < a.end for a in actors):
                continue  # 五户乡, 三岔河村: a numeral inside a place's name counts nothing
            regions = self.resolver.resolve(
                ctx, sent.text, actors, mm.start, prev_actor, para_unit, opened_before
            ).regions
            practice = None
            before = [p for p in mentions if p.start <= mm.start]
            if before:
                practice = before[-1].practice.key
            elif mentions:
                practice = mentions[0].practice.key
            offset = sent.start + mm.start
            out.append(
                Measurement(
                    key=f"{doc.id}:{offset}",
                    indicator=_without_actors(mm.indicator, sent.text, actors),
                    value=mm.value,
                    unit=mm.unit,
                    raw=doc.text[offset : offset + (mm.end - mm.start)],
                    year=sentence_year(sent.text, mm.start, ctx.year, doc.year) or ctx.year,
                    report_id=doc.id,
                    evidence=Evidence(doc.text[sent.start : sent.end], sent.start),
                    region_code=regions[0].code if regions else None,
                    practice_key=practice,
                    approximate=mm.approximate,
                    change=mm.change,
                )
            )
        return out

    # -- regions ------------------------------------------------------------------------------
    def _region(self, ctx: _Context, code: str) -> Region | None:
        return ctx.regions.get(code) or self.gazetteer.get(code)

    def _keep(self, ctx: _Context, region: Region) -> None:
        ctx.keep(region)

    def _closed_regions(self, ctx: _Context) -> list[Region]:
        out: dict[str, Region] = {}
        for region in list(ctx.regions.values()):
            for r in self.chain(region):
                out.setdefault(r.code, r)
        return sorted(out.values(), key=lambda r: r.code)

    def _with_variants(self, practices: dict[str, Practice]) -> list[Practice]:
        out = dict(practices)
        todo = list(practices.values())
        while todo:
            p = todo.pop()
            if p.variant_of and p.variant_of not in out:
                target = self.taxonomy.get(p.variant_of)
                if target is not None:
                    out[target.key] = target
                    todo.append(target)
        return sorted(out.values(), key=lambda p: p.key)


# 某某：我当了十年调解员…: a transcript line giving a named person's account of their own, in the
# singular (a moderator's line has none; 我们 there may speak for the unit the report is about, and
# a headline 甲县：… names a unit); 我市, 我院, 我所 and 我为群众办实事 are not that first person
_NAME_COLON = re.compile(r"[\u4e00-\u9fff·]{2,5}(?<![县市区镇乡村道旗州盟省所局院委])[：:]")
_FIRST_PERSON = re.compile(r"我(?![们市县区省州旗盟国镇乡村为院局所委部厅校团队站])")


def spoken_paragraph(opening: str, before: bool) -> bool:
    """Whether a paragraph opening with ``opening`` is a person's own account in an interview
    transcript: it opens 某某：我…, or goes on with 我 after such a paragraph (``before``) without
    naming a new speaker."""
    if (m := _NAME_COLON.match(opening)) is not None:
        return _FIRST_PERSON.search(opening, m.end(), m.end() + 12) is not None
    return before and _FIRST_PERSON.search(opening) is not None


# the end of a clause, and a visiting group or its leader within it (甲市…调研指导组, 率队来…)
_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")
_VISITING_GROUP = re.compile(r"(?:调研|督导|指导|检查|考察|视察|督查|巡察)(?:指导)?[组团]|率队|一行")
# 是全国较早探索…的地区之一, 是首批…的城市之一: a copula clause that ranks its subject among others.
_RANKED_AMONG = re.compile(r"是[^，,。；;：:！!？?]*?之一")


# 如4月3日，甲县乙镇某某…, 比如在乙镇…: a sentence opening a case that illustrates the work
_EXAMPLE_OPENING = re.compile(r"(?:如|比如|例如|譬如)(?![今此何果期实同])")
_SENTENCE_BREAK = re.compile(r"[。！？!?\n][^。！？!?\n]*$")


def _example_at(text: str, pos: int) -> bool:
    """Whether the sentence holding ``pos`` opens with an example marker (如, 比如, 例如): the
    place it names is a case in point, not what the report is about."""
    brk = _SENTENCE_BREAK.search(text, max(0, pos - 200), pos)
    start = brk.start() + 1 if brk else max(0, pos - 200)
    while start < pos and text[start] in " \u3000\t":
        start += 1
    return _EXAMPLE_OPENING.match(text, start) is not None


def _county_heads(text: str, county: Region) -> bool:
    """Whether ``text`` speaks of the county by its level word (全县, 我县, 县委, 县里 …)."""
    word = county.name[-1]
    return any(w in text for w in ("全" + word, "我" + word, word + "委", word + "里"))


def _ranked_among(text: str, start: int, end: int) -> bool:
    """Whether the practice mention at ``start:end`` lies inside a 是…之一 clause of ``text``."""
    return any(m.start() < start and end <= m.end() for m in _RANKED_AMONG.finditer(text))


def _without_actors(label: str, sentence: str, actors: Sequence[Actor]) -> str:
    """``label`` without the units named at its head (崂山区沙子口街道投资 -> 投资): the place
    that acts is the measurement's region, not part of what was counted."""
    names = sorted({sentence[a.start : a.end] for a in actors if a.rule == "place"}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for name in names:
            rest = label[len(name) :].removeprefix("的")
            if label.startswith(name) and is_noun_label(rest):
                label, changed = rest, True
                break
    return label


# A county's own body heading a title after the county's name (甲县人民法院…, 甲县公安局…).
# 甲市公安局乙分局 / 甲公安乙分局 right after the city's name: the branch of district 乙
_LEAD_BRANCH = re.compile(r"(?:市)?公安(?:局)?([\u4e00-\u9fff]{2,4}?)分局")
_BUREAU_AFTER = re.compile(r"(?:市)?公安")
_STATION_KINDS = ("派出所", "司法所", "法庭")
_COUNTY_BODY_TITLE = re.compile(r"(?:人民法院|法院|人民检察院|检察院|公安局|司法局|县委|委|人民政府|政府)")


_IMPL_CLAUSE = re.compile(r"[，,；;。]")
# 甲委要求/责成/督促/责令乙局…: a verb of telling written right before the body it tells.
_TOLD = re.compile(r"(?:要求|责成|督促|敦促|责令|指示)(?:各|全)?$")
# 省委政法委…调研，一致认为，甲县建立…: a body that appraises what follows (认为, 称赞, 肯定) judges
# another's work; it carries out nothing it praises
_APPRAISAL = re.compile(r"(?:一致|纷纷|普遍|高度)?(?:认为|称赞|赞扬|盛赞|赞誉|点赞|肯定|评价)")


def _merge_district_police(
    agencies: dict[str, Agency], implementations: dict[tuple[str, str], Implementation]
) -> None:
    """One district's police written both as its own bureau (未央公安, 区公安局) and as the city
    bureau's branch (市公安局未央分局) in one report are one body, kept under the branch's name."""
    for key in [k for k in agencies if k.endswith("公安局")]:
        branch = key[: -len("公安局")] + "公安分局"
        if branch not in agencies:
            continue
        del agencies[key]
        for (owner, practice), impl in list(implementations.items()):
            if owner == key:
                del implementations[(owner, practice)]
                implementations.setdefault((branch, practice), replace(impl, agency_key=branch))


def _titled(sentence: str, end: int, agencies: Sequence[AgencyMention]) -> AgencyMention | None:
    """The body named right after a practice's name ending at ``end`` (“枫桥式人民法庭”甲法庭),
    with only its closing quote or a dash between: the practice is that body's title."""
    at = end
    while at < len(sentence) and sentence[at] in '”」』’"—':
        at += 1
    return next((a for a in agencies if a.start == at and a.surface != a.kind), None)


# 、乙司法所“Y: a list item of its own, headed by a station the matcher did not place
_LISTED_AFTER = re.compile(r"、[\u4e00-\u9fff]{2,6}?(?:派出所|司法所|人民法庭|法庭|警务室|警务站)[“\"「]$")


# 某市公安局某示范区分局甲派出所: a branch named after no unit (a zone) between a bureau and its station
_BRANCH_BETWEEN = re.compile(r"[\u4e00-\u9fff]{2,12}?分局")


def _station_owners(agencies: Sequence[AgencyMention], sentence: str = "") -> set[int]:
    """Where the bodies start that are written right before a station of their own (某县公安局甲
    派出所, also across a branch between them) or a branch of their own (某市公安局乙区分局): the
    body only says whose station or branch acts (guideline 8), it acts in nothing there."""
    return {
        a.start
        for a, b in pairwise(agencies)
        if (
            b.start == a.end
            or (b.kind in _STATION_KINDS and _BRANCH_BETWEEN.fullmatch(sentence, a.end, b.start))
        )
        and (
            (
                b.kind in _STATION_KINDS
                and a.kind not in _STATION_KINDS
                and _lies_under(b.region_code, a.region_code)
            )
            or _own_branch(a, b)
        )
    }


def _lies_under(code: str, upper: str) -> bool:
    """Whether the unit ``code`` (a station's town, 410311:甲镇) lies in ``upper``: its county's
    own town, or a town of one of a city's districts (410300 holds 4103xx)."""
    if code.startswith(upper + ":"):
        return True
    county = code.split(":", 1)[0]
    if ":" not in code or len(upper) != 6 or not upper.endswith("00") or county == upper:
        return False
    return county[:2] == upper[:2] if upper.endswith("0000") else county[:4] == upper[:4]


def _own_branch(bureau: AgencyMention, branch: AgencyMention) -> bool:
    """Whether ``branch`` is a district branch (公安分局) of the city's bureau ``bureau`` (公安局):
    the district's GB/T 2260 code lies in the city's (640105 under 640100)."""
    city, district = bureau.region_code, branch.region_code
    return (
        bureau.name.endswith("公安局")
        and branch.name.endswith("公安分局")
        and len(city) == len(district) == 6
        and city.endswith("00")
        and not city.endswith("0000")
        and district[:4] == city[:4]
        and district != city
    )


def _implementers(sentence: str, agencies: Sequence[AgencyMention], pos: int) -> list[AgencyMention]:
    """The acting bodies that carry out the practice named at ``pos``: those of the last clause
    before it that names any (甲委牵头…，乙局推行“X”，组建Y: 乙局 for X and Y, not 甲委)."""
    # 甲市委政法委考察团对乙区…有了认识: a visiting group's body carries out nothing it looks at
    acting = [a for a in agencies if a.acting and a.start <= pos and not visitor(sentence, a.end)]
    visited = _visited(sentence, acting)
    acting = [a for a in acting if a.start not in visited]
    if not acting:
        return []
    if sentence[acting[-1].end : pos] in ("“", '"', "「"):
        return acting[-1:]  # 甲司法所“X”、乙司法所“Y”: a name written right after a body is its own
    if _LISTED_AFTER.search(sentence, acting[-1].end, pos):
        return []  # …、乙司法所“Y”: an item of the list whose body was not found is not the last one's
    if _APPRAISAL.search(sentence, acting[-1].end, pos):
        return []
    last = acting[-1].start
    clause = max((m.end() for m in _IMPL_CLAUSE.finditer(sentence, 0, last)), default=0)
    found = [a for a in acting if a.start >= clause]
    if any(_TOLD.search(sentence, clause, a.start) for a in found[1:]):
        return []  # 甲委要求乙局推行X: a body told to act has done nothing yet, nor has the one telling it
    return found


def _visited(sentence: str, agencies: Sequence[AgencyMention]) -> set[int]:
    """Starts of the bodies visitors go to look at (深入市公安局、市司法局、甲街道开展调研):
    a run of bodies listed one after another is visited when the run is a destination."""
    out: set[int] = set()
    run: list[AgencyMention] = []
    for a in [*agencies, None]:
        if a is not None and run and sentence[run[-1].end : a.start] in ("", "、", "和", "及", "与"):
            run.append(a)
            continue
        if run and destination(sentence, run[0].start, run[-1].end):
            out.update(b.start for b in run)
        run = [a] if a is not None else []
    return out


def _chain_end(actors: Sequence[Actor]) -> Region:
    """The sentence's first actor, or the last unit of the chain it opens (内蒙古兴安盟科右前旗…)."""
    head = actors[0]
    for nxt in actors[1:]:
        if nxt.start != head.end or nxt.region.parent_code is None:
            break
        head = nxt
    return head.region


def _shifted(m: RegionMention, by: int) -> RegionMention:
    return RegionMention(m.start + by, m.end + by, m.surface, m.region, m.role)


def _spans(mentions: Sequence[RegionMention] | Sequence[AgencyMention]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions]


_default: Extractor | None = None
_default_lock = threading.Lock()  # one build, however many threads ask at once


def default_extractor() -> Extractor:
    """The shared builtin extractor (loading the gazetteer and taxonomy once)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Extractor()
    return _default


def extractor_for(settings: Settings) -> Extractor:
    """The extractor for the configured NLP backend (GOVKG_NLP_BACKEND, GOVKG_HANLP_MODEL)."""
    backend = backend_from_settings(settings)
    if isinstance(backend, BuiltinBackend):
        return default_extractor()
    base = default_extractor()
    return Extractor(base.gazetteer, base.taxonomy, base.agency_matcher, backend)


def extract(doc: Document) -> Extraction:
    """Extract one document with the default builtin pipeline."""
    return default_extractor().extract(doc)


def extract_all(docs: Iterable[Document]) -> Iterable[Extraction]:
    """Extract many documents lazily."""
    ex = default_extractor()
    for doc in docs:
        yield ex.extract(doc)
