"""The embedding API: ``open_graph()`` gives a KnowledgeGraph with the catalog's questions as methods."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from govkg.config import Settings
from govkg.graph.store import GraphStore, open_store
from govkg.loading import LoadSummary, journal_path, load_paths, manifest_path
from govkg.queries import names
from govkg.queries.catalog import Catalog, run_query
from govkg.queries.indicators import MetricRow, find_metrics, write_csv
from govkg.queries.paging import report_pages

_REPORT_PAGE = 200


@dataclass(frozen=True, slots=True)
class PracticeSummary:
    """A practice with how many regions adopted it and when first."""

    key: str
    name: str
    category: str
    aliases: list[str]
    adopters: int
    first_year: int | None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: the sentence, its offset, and the report's id, title, date and source."""

    report_id: str
    evidence: str | None
    offset: int | None
    year: int | None
    region_code: str | None
    report_title: str | None
    report_date: str | None
    report_source: str | None
    confidence: float | None = None
    method: str | None = None


@dataclass(frozen=True, slots=True)
class Adopter:
    """A region that adopted a practice, with its support: ``evidence`` is the earliest sentence,
    ``report_*`` and ``offset`` say where it stands, ``samples`` holds up to three such items."""

    code: str
    name: str
    level: str
    reports: int
    adopting_regions: int
    first_year: int | None
    evidence: str | None
    last_year: int | None = None
    report_id: str | None = None
    report_title: str | None = None
    report_date: str | None = None
    report_source: str | None = None
    offset: int | None = None
    samples: tuple[Evidence, ...] = ()


def _adopter(row: dict[str, Any]) -> Adopter:
    samples = tuple(_pick(Evidence, e) for e in row.get("evidence") or [] if isinstance(e, dict))
    first = samples[0] if samples else None
    return Adopter(
        code=row["code"],
        name=row["name"],
        level=row["level"],
        reports=int(row["reports"]),
        adopting_regions=int(row["adopting_regions"]),
        first_year=row.get("first_year"),
        evidence=first.evidence if first else None,
        last_year=row.get("last_year"),
        report_id=first.report_id if first else None,
        report_title=first.report_title if first else None,
        report_date=first.report_date if first else None,
        report_source=first.report_source if first else None,
        offset=first.offset if first else None,
        samples=samples,
    )


@dataclass(frozen=True, slots=True)
class RegionPractice:
    """A practice a region (or a region under it) adopted."""

    key: str
    name: str
    category: str
    reports: int
    first_year: int | None
    regions: list[str]  # codes of the adopting regions


@dataclass(frozen=True, slots=True)
class AdoptionFact:
    """One ADOPTED fact with its provenance."""

    region_code: str
    region_name: str
    region_level: str
    practice_key: str
    practice_name: str
    practice_aliases: list[str]
    year: int | None
    evidence: str
    offset: int
    confidence: float
    report_id: str
    report_title: str | None
    report_source: str | None
    report_date: str | None = None
    method: str | None = None


def _pick(cls: type[Any], row: dict[str, Any]) -> Any:
    return cls(**{name: row.get(name) for name in cls.__dataclass_fields__})


class KnowledgeGraph:
    """A govkg graph on either store: load reports, ask catalog questions, export facts."""

    def __init__(self, store: GraphStore, settings: Settings, catalog: Catalog | None = None) -> None:
        self.store = store
        self.settings = settings
        self.catalog = catalog or Catalog.default()

    @classmethod
    def open(cls, settings: Settings | None = None) -> KnowledgeGraph:
        """Open the store the settings name (the embedded FalkorDB by default) and its schema."""
        settings = settings or Settings()
        settings.ensure_data_dir()
        store = open_store(settings)
        store.ensure_schema()
        from govkg.graph.writer import repair_at_start

        repair_at_start(store, settings.data_dir)
        return cls(store, settings)

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        """Close the store (stopping an embedded server this process started)."""
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------
    def load(
        self, paths: Iterable[str | Path], force: bool = False, progress: bool = False, jobs: int = 1
    ) -> LoadSummary:
        """Load report files/directories (``jobs`` extraction processes); see govkg.loading.load_paths."""
        paths = list(paths)
        if not progress:
            return load_paths(self.store, paths, self.settings, force=force, jobs=jobs)
        from govkg.load_progress import count_files, load_progress

        with load_progress(count_files(paths)) as advance:
            return load_paths(self.store, paths, self.settings, force=force, on_document=advance, jobs=jobs)

    def clear(self) -> None:
        """Empty the graph and forget the load journal and manifest (as the data dir's one writer)."""
        from govkg.graph.writer_lock import writer_lock

        with writer_lock(self.settings.data_dir, "govkg clear", self.settings.writer_wait):
            self.store.clear()
            journal_path(self.settings).unlink(missing_ok=True)
            manifest_path(self.settings).unlink(missing_ok=True)

    # -- questions ------------------------------------------------------------------------------
    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a named catalog query with parameters (validated and coerced by the catalog)."""
        return run_query(self.store, name, params, self.catalog)

    def _run(self, name: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return run_query(self.store, name, params, self.catalog)

    def practice(self, name: str) -> dict[str, Any]:
        """The practice a key, name or alias names, in either script (as REST resolves it).

        Raises names.UnknownName (a LookupError naming close matches) or names.AmbiguousName.
        """
        return names.resolve_practice(self._run, name)

    def region(self, name: str) -> dict[str, Any]:
        """The region a code, name, short name or alias names, in either script (as REST resolves it)."""
        return names.resolve_region(self._run, name)

    def practices(self, category: str | None = None, q: str | None = None) -> list[PracticeSummary]:
        """Practices with their adopter counts and first year; an unknown category raises InvalidValue."""
        category = names.check_category(self._run, category)
        rows = self.query("practices", category=category, q=q)
        return [_pick(PracticeSummary, r) for r in rows]

    def adopters(
        self,
        practice: str,
        rollup: bool = False,
        level: str | None = None,
        within: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        min_confidence: float | None = None,
    ) -> list[Adopter]:
        """Regions that adopted a practice (with rollup, ancestors credited with descendants), each
        with its earliest evidence and where it stands (report id, title, date, source, offset).

        ``practice`` and ``within`` take keys, codes, names or aliases in either script; an unknown
        one raises names.UnknownName, an unknown level or an inverted year range names.InvalidValue.
        """
        names.check_level(level)
        names.check_years(year_from, year_to)
        rows = self.query(
            "adopters",
            key=self.practice(practice)["key"],
            rollup=rollup,
            level=level,
            within=self.region(within)["code"] if within else None,
            year_from=year_from,
            year_to=year_to,
            min_confidence=min_confidence,
            limit=10_000,
        )
        return [_adopter(r) for r in rows]

    def region_practices(self, code: str, include_descendants: bool = False) -> list[RegionPractice]:
        """Practices a region (code, name or alias, either script) adopted, with its descendants' if asked."""
        found = self.region(code)["code"]
        rows = self.query("region_practices", code=found, include_descendants=include_descendants)
        return [_pick(RegionPractice, r) for r in rows]

    def adoptions(self, **filters: Any) -> Iterator[AdoptionFact]:
        """Every adoption fact matching the filters (practice, region, within, year_from, year_to, report,
        min_confidence).

        Practices and regions are resolved like REST resolves them (names, aliases, either script).
        """
        filters = dict(filters)
        if filters.get("practice"):
            filters["practice"] = self.practice(filters["practice"])["key"]
        for field in ("region", "within"):
            if filters.get(field):
                filters[field] = self.region(filters[field])["code"]
        names.check_years(filters.get("year_from"), filters.get("year_to"))
        return self._adoption_pages(filters)

    def _adoption_pages(self, filters: dict[str, Any]) -> Iterator[AdoptionFact]:
        """The facts a page of reports at a time, keyset-paged on the report id: each page costs
        what it returns, so the whole stream is linear in facts and holds one page in memory."""
        report = filters.pop("report", None)
        for ids in self._report_pages(report):
            for r in self.query("adoptions_of_reports", reports=ids, **filters):
                yield _pick(AdoptionFact, r)

    def _report_pages(self, report: str | None = None) -> Iterator[list[str]]:
        """Ids of complete reports in id order, ``_REPORT_PAGE`` at a time (only ``report`` if given)."""
        if report is not None:
            yield [report]
            return
        yield from report_pages(self._run, _REPORT_PAGE)

    def metrics(
        self,
        indicator: str | None = None,
        within: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> list[MetricRow]:
        """One indicator across regions: ``kg.metrics('调解成功率')`` finds every label containing it.

        Each MetricRow keeps its exact label, value, unit, year, approximate flag, change,
        region chain, report title and evidence; ``within`` takes a region code or name.
        """
        code = self.region(within)["code"] if within else None
        return find_metrics(self._run, indicator, code, year_from, year_to)

    def export_metrics(self, out: IO[str], indicator: str | None = None, within: str | None = None) -> int:
        """Write the measurements matching ``indicator`` as CSV; returns the count."""
        return write_csv(self.metrics(indicator, within), out)

    def stats(self) -> dict[str, Any]:
        """Counts by label and relationship type, with totals."""
        rows = self.query("stats")
        labels = {r["label"]: r["count"] for r in rows if r["kind"] == "node"}
        rels = {r["label"]: r["count"] for r in rows if r["kind"] == "relationship"}
        return {
            "nodes": sum(labels.values()),
            "relationships": sum(rels.values()),
            "labels": labels,
            "relationship_types": rels,
        }

    # -- export -----------------------------------------------------------------------------------
    def export_adoptions(self, out: IO[str]) -> int:
        """Write one JSON line per ADOPTED fact in the scorer's format; returns the count."""
        n = 0
        for fact in self.adoptions():
            row = {
                "source": fact.report_source,
                "report_id": fact.report_id,
                "region": fact.region_name,
                "region_code": fact.region_code,
                "region_level": fact.region_level,
                "practice": fact.practice_name,
                "practice_aliases": fact.practice_aliases,
                "year": fact.year,
                "evidence": fact.evidence,
                "confidence": fact.confidence,
                "method": fact.method,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n


def open_graph(settings: Settings | None = None, **overrides: Any) -> KnowledgeGraph:
    """Open govkg's graph: ``open_graph()`` for the embedded default, ``open_graph(store="neo4j://…")``."""
    if overrides:
        settings = (settings or Settings()).model_copy(update=overrides)
    return KnowledgeGraph.open(settings)
