"""The graph `govkg load` would write, built in memory from Extractions, with no store.

``OfflineGraph`` applies the writer's statements (govkg.graph.writer) in Python: the same rows
(``practice_rows``, ``statements_for``, ``report_row``), the same MERGE/SET semantics (a property
set to null is absent, a MATCH that finds nothing skips its row, stale PART_OF and IN_CATEGORY
edges are replaced) and, once every report is in, the aggregates the commit statements keep on
ADOPTED, IMPLEMENTS and COVERS. ``govkg export neo4j-import --from-extractions`` reads its nodes
and relationships in the order the export queries give them, so the CSVs equal the store's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from govkg.graph import writer as w
from govkg.graph.model import UNIQUE_KEYS
from govkg.loaders.extraction import Extraction, Practice

NodeId = tuple[str, str]  # (label, key)
RelId = tuple[str, NodeId, NodeId]  # (type, start, end)

_SAMPLE = 3  # ranks kept on an aggregate edge (writer: ks[0..3])


def _set(props: dict[str, Any], values: Mapping[str, Any]) -> None:
    """Cypher SET: a null value removes the property."""
    for name, value in values.items():
        if value is None:
            props.pop(name, None)
        else:
            props[name] = value


@dataclass
class _Aggregate:
    reports: set[str] = field(default_factory=set)
    facts: int = 0
    years: list[int] = field(default_factory=list)
    ranks: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)

    def add(self, fact: Mapping[str, Any]) -> None:
        self.reports.add(str(fact["report_id"]))
        self.facts += 1
        if fact.get("year") is not None:
            self.years.append(int(fact["year"]))
        self.ranks.add(
            w.fact_rank(fact.get("year"), str(fact["report_id"]), int(fact["offset"]), str(fact["id"]))
        )

    def props(self) -> dict[str, Any]:
        out: dict[str, Any] = {"reports": len(self.reports), "facts": self.facts}
        if self.years:
            out["first_year"], out["last_year"] = min(self.years), max(self.years)
        out["sample"] = sorted(self.ranks)[:_SAMPLE]
        return out


class OfflineGraph:
    """Nodes and relationships of a graph written from a taxonomy and Extractions, in memory."""

    def __init__(self, loaded_at: str = "") -> None:
        self.loaded_at = loaded_at
        self.nodes: dict[NodeId, dict[str, Any]] = {}
        self.rels: dict[RelId, dict[str, Any]] = {}
        self._parent: dict[str, str] = {}  # region code -> parent code (PART_OF)
        self._category: dict[str, str] = {}  # practice key -> category name (IN_CATEGORY)
        self._facts: list[tuple[str, dict[str, Any]]] = []  # (kind, row) of every fact written
        self._reports: set[str] = set()

    # -- writing -------------------------------------------------------------------------------
    def _merge(self, label: str, key: str) -> dict[str, Any]:
        props = self.nodes.get((label, key))
        if props is None:
            props = self.nodes[(label, key)] = {UNIQUE_KEYS[label]: key}
        return props

    def _has(self, label: str, key: Any) -> bool:
        return key is not None and (label, str(key)) in self.nodes

    def _link(self, type_: str, start: NodeId, end: NodeId, **props: Any) -> None:
        edge = self.rels.setdefault((type_, start, end), {})
        _set(edge, props)

    def add_taxonomy(self, practices: Iterable[Practice], categories: Mapping[str, str]) -> None:
        """What write_taxonomy writes: every practice, its category and VARIANT_OF links."""
        practices = list(practices)
        self._practices(w.practice_rows(practices, categories))
        self._variants([{"key": p.key, "variant_of": p.variant_of} for p in practices if p.variant_of])

    def _practices(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            category = self._merge("Category", row["category"])
            if row.get("category_description") is not None:
                category["description"] = row["category_description"]
            practice = self._merge("Practice", row["key"])
            _set(practice, {k: row[k] for k in ("name", "category", "aliases", "description", "origin")})
            _set(practice, {"search_text": row["search_text"]})
            old = self._category.get(row["key"])
            if old is not None and old != row["category"]:
                self.rels.pop(("IN_CATEGORY", ("Practice", row["key"]), ("Category", old)), None)
            self._category[row["key"]] = row["category"]
            self._link("IN_CATEGORY", ("Practice", row["key"]), ("Category", row["category"]))

    def _variants(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            if self._has("Practice", row["key"]) and self._has("Practice", row["variant_of"]):
                self._link("VARIANT_OF", ("Practice", row["key"]), ("Practice", row["variant_of"]))

    def add(self, ex: Extraction) -> bool:
        """Write one extraction as `govkg load` does; a report already written is skipped (False)."""
        rid = ex.report.id
        if rid in self._reports:
            return False
        self._reports.add(rid)
        begin, links = w.report_row(ex)
        report = self._merge("Report", rid)
        _set(report, {k: v for k, v in begin["report"].items() if k != "id"})
        report.setdefault("loaded_at", self.loaded_at)
        for statement, rows in w.statements_for(ex):
            self._apply(statement, rows)
        self._report_edges(rid, links)
        report["complete"] = True
        return True

    def _apply(self, statement: str, rows: w.Rows) -> None:
        if statement == w.REGIONS:
            for r in rows:
                _set(
                    self._merge("Region", r["code"]), {k: r[k] for k in ("name", "level", "short", "aliases")}
                )
                _set(self.nodes[("Region", r["code"])], {"search_text": r["search_text"]})
        elif statement == w.PART_OF:
            for r in rows:
                if not (self._has("Region", r["code"]) and self._has("Region", r["parent"])):
                    continue
                old = self._parent.get(r["code"])
                if old is not None and old != r["parent"]:
                    self.rels.pop(("PART_OF", ("Region", r["code"]), ("Region", old)), None)
                self._parent[r["code"]] = r["parent"]
                self._link("PART_OF", ("Region", r["code"]), ("Region", r["parent"]))
        elif statement == w.PRACTICES:
            self._practices(rows)
        elif statement == w.VARIANT_OF:
            self._variants(rows)
        elif statement == w.AGENCIES:
            for r in rows:
                _set(self._merge("Agency", r["key"]), {k: r[k] for k in ("name", "kind", "region_code")})
                if self._has("Region", r["region_code"]):
                    self._link("OF_REGION", ("Agency", r["key"]), ("Region", r["region_code"]))
        elif statement == w.SENTENCES:
            for r in rows:
                _set(
                    self._merge("Sentence", r["id"]),
                    {k: r[k] for k in ("text", "offset", "report_id", "folded", "grams")},
                )
                self._link("HAS", ("Report", r["report_id"]), ("Sentence", r["id"]))
        elif statement in (w.ADOPTION_FACTS, w.IMPLEMENTATION_FACTS):
            self._fact_rows(statement == w.ADOPTION_FACTS, rows)
        elif statement == w.MEASUREMENTS:
            for r in rows:
                if not self._has("Sentence", r["sentence"]):
                    continue
                names = (
                    "indicator",
                    "value",
                    "unit",
                    "raw",
                    "year",
                    "approximate",
                    "report_id",
                    "offset",
                    "change",
                )
                _set(self._merge("Measurement", r["key"]), {k: r[k] for k in names})
                self._link("IN", ("Measurement", r["key"]), ("Sentence", r["sentence"]))
        elif statement == w.MEASUREMENT_REGION:
            for r in rows:
                if self._has("Measurement", r["key"]) and self._has("Region", r["region"]):
                    self._link("OF_REGION", ("Measurement", r["key"]), ("Region", r["region"]))
        elif statement == w.MEASUREMENT_PRACTICE:
            for r in rows:
                if self._has("Measurement", r["key"]) and self._has("Practice", r["practice"]):
                    self._link("FOR_PRACTICE", ("Measurement", r["key"]), ("Practice", r["practice"]))
        else:  # pragma: no cover - a statement added to the writer must be added here too
            raise ValueError(f"OfflineGraph does not know the statement {statement.strip()[:60]!r}")

    def _fact_rows(self, adoption: bool, rows: w.Rows) -> None:
        by_label, by_field, kind = (
            ("Region", "region", "adoption") if adoption else ("Agency", "agency", "implementation")
        )
        for r in rows:
            if not (
                self._has(by_label, r[by_field])
                and self._has("Practice", r["practice"])
                and self._has("Sentence", r["sentence"])
            ):
                continue
            fact = self._merge("Fact", r["id"])
            _set(fact, {"kind": kind})
            _set(fact, {k: r[k] for k in ("year", "method", "confidence", "surface", "report_id", "offset")})
            _set(
                fact,
                {"region_code" if adoption else "agency_key": r[by_field], "practice_key": r["practice"]},
            )
            self._link("BY", ("Fact", r["id"]), (by_label, r[by_field]))
            self._link("OF", ("Fact", r["id"]), ("Practice", r["practice"]))
            self._link("IN", ("Fact", r["id"]), ("Sentence", r["sentence"]))
            self._facts.append((kind, r))

    def _report_edges(self, rid: str, row: Mapping[str, Any]) -> None:
        rep: NodeId = ("Report", rid)
        for code in row["about"]:
            self._merge("Region", code)
            self._link("ABOUT", rep, ("Region", code))
        for key in row["measurements"]:
            self._merge("Measurement", key)
            self._link("STATES", rep, ("Measurement", key))
        for label, name in (
            ("Practice", "practice_mentions"),
            ("Region", "region_mentions"),
            ("Agency", "agency_mentions"),
        ):
            for t in row[name]:
                self._merge(label, t["key"])
                self._link("MENTIONS", rep, (label, t["key"]), count=t["count"])

    # -- the commit statements' aggregates -----------------------------------------------------
    def _aggregates(self) -> dict[RelId, dict[str, Any]]:
        adopted: dict[tuple[str, str], _Aggregate] = {}
        implements: dict[tuple[str, str], _Aggregate] = {}
        covers: dict[tuple[str, str], _Aggregate] = {}
        for kind, fact in self._facts:
            if kind == "implementation":
                implements.setdefault((fact["agency"], fact["practice"]), _Aggregate()).add(fact)
                continue
            adopted.setdefault((fact["region"], fact["practice"]), _Aggregate()).add(fact)
            for up in self._ancestry(fact["region"]):
                agg = covers.setdefault((up, fact["practice"]), _Aggregate())
                agg.add(fact)
                agg.regions.add(fact["region"])
        out: dict[RelId, dict[str, Any]] = {}
        for (agency, practice), agg in implements.items():
            out[("IMPLEMENTS", ("Agency", agency), ("Practice", practice))] = agg.props()
        for (region, practice), agg in adopted.items():
            out[("ADOPTED", ("Region", region), ("Practice", practice))] = agg.props()
        for (region, practice), agg in covers.items():
            out[("COVERS", ("Region", region), ("Practice", practice))] = {
                **agg.props(),
                "regions": len(agg.regions),
            }
        return out

    def _ancestry(self, code: str) -> Iterator[str]:
        """The region and every region above it by PART_OF (each once, cycles cut)."""
        seen: set[str] = set()
        while code not in seen:
            seen.add(code)
            yield code
            parent = self._parent.get(code)
            if parent is None:
                return
            code = parent

    # -- reading, in the export queries' order ---------------------------------------------------
    def _region_activity(self) -> dict[str, dict[str, int]]:
        """Per region, what COMMIT_ADOPTED and RECOUNT_REGIONS set: practices adopted, reports behind them."""
        adopted: dict[tuple[str, str], set[str]] = {}
        for kind, fact in self._facts:
            if kind == "adoption":
                adopted.setdefault((fact["region"], fact["practice"]), set()).add(str(fact["report_id"]))
        out: dict[str, dict[str, int]] = {}
        for (region, _), reports in adopted.items():
            counts = out.setdefault(region, {"practices": 0, "adoption_reports": 0})
            counts["practices"] += 1
            counts["adoption_reports"] += len(reports)
        return out

    def node_rows(self) -> Iterator[dict[str, Any]]:
        """Rows as export_nodes gives them: label, node_key, props, ordered by label and key."""
        activity = self._region_activity()
        stated = Counter(str(fact["sentence"]) for _, fact in self._facts)  # what SENTENCE_FACTS sets
        for (label, key), props in sorted(self.nodes.items()):
            if label == "Region":
                extra = activity.get(key, {})
            elif label == "Sentence":
                extra = {"facts": stated[key]}
            else:
                extra = {}
            yield {"label": label, "node_key": key, "props": {**props, **extra}}

    def relationship_rows(self) -> Iterator[dict[str, Any]]:
        """Rows as export_relationships gives them, ordered by type, start and end."""
        rels = {**self.rels, **self._aggregates()}
        for (type_, (start_label, start_key), (end_label, end_key)), props in sorted(rels.items()):
            yield {
                "type": type_,
                "start_label": start_label,
                "start_key": start_key,
                "end_label": end_label,
                "end_key": end_key,
                "props": dict(props),
            }
