"""A deterministic synthetic corpus for benchmarks, recombined from the sample reports.

Sentences of the example reports (examples/) are pooled; each synthetic report picks
a real county from the gazetteer and a handful of pooled sentences, puts its county,
prefecture and province in place of the regions those sentences named, and swaps
the practices they named for other practices of the taxonomy. Same seed, same corpus.

    python bench/synthetic.py OUT_DIR --n 20000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from govkg.loaders.documents import Document, from_text, iter_documents
from govkg.loaders.extraction import Region
from govkg.loaders.practices import Taxonomy
from govkg.loaders.regions import Gazetteer

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples"
LEVELS = ("province", "prefecture", "county")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n+")


@dataclass(frozen=True, slots=True)
class Template:
    """A pooled sentence with the spans where it names a region (by level) or a practice."""

    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, "province" | ... | "practice")


def _automaton(gazetteer: Gazetteer, taxonomy: Taxonomy) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for surface, region in gazetteer.surfaces():
        # Two-character short forms hit ordinary words too often; keep full names and long aliases.
        if region.level in LEVELS and (surface == region.name or len(surface) >= 3):
            auto.add_word(surface, (len(surface), region.level))
    for practice in taxonomy.practices.values():
        for name in (practice.name, *practice.aliases):
            if len(name) >= 2:
                auto.add_word(name, (len(name), "practice"))
    auto.make_automaton()
    return auto


def _spans(auto: ahocorasick.Automaton, text: str) -> tuple[tuple[int, int, str], ...]:
    hits = sorted(
        ((end + 1 - length, end + 1, kind) for end, (length, kind) in auto.iter(text)),
        key=lambda h: (h[0], -(h[1] - h[0])),
    )
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind in hits:  # longest match wins; overlaps are dropped
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end, kind))
    return tuple(chosen)


def example_documents(directory: Path = EXAMPLES_DIR) -> list[Document]:
    """The sample reports, read with govkg's own readers (any format they accept)."""
    paths = sorted(p for p in directory.iterdir() if p.suffix in (".txt", ".html", ".htm", ".json", ".jsonl"))
    return [d for d in iter_documents(paths) if isinstance(d, Document)]


def sentence_pool(documents: Sequence[Document], gazetteer: Gazetteer, taxonomy: Taxonomy) -> list[Template]:
    """Every sentence of the documents' bodies that names a practice, as a template."""
    auto = _automaton(gazetteer, taxonomy)
    pool: list[Template] = []
    for doc in documents:
        body = doc.text.split("\n", 1)[-1]  # the first line is the title
        for raw in _SENTENCE_END.split(body):
            sentence = raw.strip()
            spans = _spans(auto, sentence)
            if any(kind == "practice" for _, _, kind in spans):
                pool.append(Template(sentence, spans))
    if not pool:
        raise ValueError("no example sentence names a known practice: cannot build a synthetic corpus")
    return pool


class SyntheticCorpus:
    """Generates report texts from a sentence pool, real counties and the taxonomy."""

    def __init__(self, pool: Sequence[Template], counties: Sequence[list[Region]], practices: Sequence[str]):
        """pool: templates; counties: [county, prefecture, province] chains; practices: names."""
        self.pool = list(pool)
        self.counties = list(counties)
        self.practices = list(practices)

    @classmethod
    def default(cls, examples: Path = EXAMPLES_DIR) -> SyntheticCorpus:
        """Built from the examples folder, the shipped gazetteer and the shipped taxonomy."""
        gazetteer, taxonomy = Gazetteer.default(), Taxonomy.default()
        pool = sentence_pool(example_documents(examples), gazetteer, taxonomy)
        chains: list[list[Region]] = []
        for _, region in sorted(gazetteer.surfaces(), key=lambda sr: sr[1].code):
            if region.level != "county" or (chains and chains[-1][0].code == region.code):
                continue
            chain = gazetteer.chain(region.code)
            levels = {r.level for r in chain}
            if {"prefecture", "province"} <= levels:
                chains.append(sorted(chain, key=lambda r: LEVELS.index(r.level), reverse=True))
        names = sorted({p.name for p in taxonomy.practices.values()})
        return cls(pool, chains, names)

    def report(self, index: int, seed: int = 7) -> tuple[str, str]:
        """(title, text) of synthetic report number ``index``."""
        rng = random.Random(f"{seed}:{index}")
        county, prefecture, province = rng.choice(self.counties)
        by_level = {"county": county.name, "prefecture": prefecture.name, "province": province.name}
        swap: dict[str, str] = {}
        year = rng.randint(2015, 2024)
        lines = [
            f"{year}年{county.name}平安建设情况（合成{index}）",
            f"{province.name}{prefecture.name}{county.name}",
        ]
        for template in rng.sample(self.pool, k=min(len(self.pool), rng.randint(6, 12))):
            out, cursor = [], 0
            for start, end, kind in template.spans:
                original = template.text[start:end]
                if kind == "practice":
                    replacement = swap.setdefault(original, rng.choice(self.practices))
                else:
                    replacement = by_level[kind]
                out += [template.text[cursor:start], replacement]
                cursor = end
            out.append(template.text[cursor:])
            lines.append("".join(out))
        return lines[0], "\n".join(lines) + "\n"

    def documents(self, n: int, seed: int = 7) -> Iterator[Document]:
        """n synthetic reports as Documents."""
        for i in range(n):
            title, text = self.report(i, seed)
            yield from_text(text, source=f"synthetic/{i:06d}.txt", title=title, published=title[:4])

    def write(self, out_dir: Path, n: int, seed: int = 7) -> list[Path]:
        """Write n synthetic reports as UTF-8 .txt files into out_dir."""
        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(n):
            _, text = self.report(i, seed)
            path = out_dir / f"{i:06d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic corpus to a directory."""
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic report corpus.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = SyntheticCorpus.default().write(args.out_dir, args.n, args.seed)
    print(f"wrote {len(paths)} reports to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
