#!/usr/bin/env python3
"""Train govkg's tiny HanLP NER (REGION / ORG, BIO, character tokens) from the sample corpus.

Labels are silver: the builtin matchers (RegionMatcher, AgencyMatcher) tag the reports in
``examples/``; every sentence is then copied a few times with each region name swapped for
another real division of the same level, so the model learns what place names look like
rather than the handful in the samples. The model is HanLP 2.1.5's RNNNamedEntityRecognizer
(a BiLSTM over randomly initialised character embeddings, ``crf=False`` because its CRF
layer is broken in that release), trained on CPU with a fixed seed.

    python tools/train_hanlp_ner.py govkg/loaders/data/hanlp-ner
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from govkg.loaders.agencies import AgencyMatcher
from govkg.loaders.documents import Document, iter_documents
from govkg.loaders.extraction import Region
from govkg.loaders.regions import Gazetteer, RegionMatcher
from govkg.loaders.sentences import split_sentences

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples"
REGION, ORG = "REGION", "ORG"

# Level words an agency name may lean on (市委政法委 → the report's city).
_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "省": ("province",),
    "州": ("prefecture",),
    "盟": ("prefecture",),
    "市": ("prefecture", "county"),
    "区": ("county",),
    "县": ("county",),
    "旗": ("county",),
}


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a sentence: plain text, or an entity with its label (and region, if any)."""

    text: str
    label: str | None = None
    region: Region | None = None


Example = list[Segment]


class _Lookup:
    """The RegionLookup the agency matcher needs, answered from one report's subject chain."""

    def __init__(self, matcher: RegionMatcher, chain: Sequence[Region]) -> None:
        self._matcher = matcher
        self._chain = chain
        self._scope = tuple(r.code for r in chain)

    def resolve_prefix(self, surface: str) -> Region | None:
        """The region an agency name starts with, resolved in the report's scope."""
        found = self._matcher.find(surface, self._scope)
        return found[0].region if found and found[0].start == 0 else None

    def level_region(self, level_word: str) -> Region | None:
        """The report's region of the level a word such as 市 names."""
        for region in self._chain:
            fits = region.level in _LEVEL_WORDS.get(level_word, ())
            if fits and (level_word != "市" or region.name.endswith("市")):
                return region
        return None

    def written_level(self, level_word: str) -> Region | None:
        """The region a level word written before a body's name (县公安局) stands for."""
        return self.level_region(level_word)


def silver_examples(docs: Iterable[Document], gazetteer: Gazetteer) -> list[Example]:
    """Every sentence of the documents cut into segments labelled by the builtin matchers."""
    regions = RegionMatcher(gazetteer)
    agencies = AgencyMatcher()
    out: list[Example] = []
    for doc in docs:
        text = doc.folded
        subject = regions.infer_subject(text, doc.title)
        chain = gazetteer.chain(subject.code) if subject else []
        scope = tuple(r.code for r in chain)
        lookup = _Lookup(regions, chain)
        mentions = regions.find(text, scope)
        for sent in split_sentences(text):
            spans: list[tuple[int, int, str, Region | None]] = []
            for a in agencies.find(sent.text, lookup):
                spans.append((a.start, a.end, ORG, None))
            for m in mentions:
                if sent.start <= m.start and m.end <= sent.end:
                    spans.append((m.start - sent.start, m.end - sent.start, REGION, m.region))
            # Longest first: an agency name (包头市公安局) swallows the region inside it.
            spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
            used = bytearray(len(sent.text))
            kept = []
            for s in spans:
                if not any(used[s[0] : s[1]]):
                    kept.append(s)
                    used[s[0] : s[1]] = b"\x01" * (s[1] - s[0])
            kept.sort()
            segments: Example = []
            pos = 0
            for start, end, label, region in kept:
                if start > pos:
                    segments.append(Segment(sent.text[pos:start]))
                segments.append(Segment(sent.text[start:end], label, region))
                pos = end
            if pos < len(sent.text):
                segments.append(Segment(sent.text[pos:]))
            out.append(segments)
    return out


def regions_by_level(gazetteer: Gazetteer) -> dict[str, list[Region]]:
    """The divisions county and above, grouped by level, in code order (so seeding is stable)."""
    by_level: dict[str, dict[str, Region]] = defaultdict(dict)
    for _, region in gazetteer.surfaces():
        if region.level in ("province", "prefecture", "county"):
            by_level[region.level][region.code] = region
    return {level: [found[c] for c in sorted(found)] for level, found in by_level.items()}


def _swap(seg: Segment, pool: dict[str, list[Region]], rng: random.Random) -> Segment:
    """The segment with its region replaced by a random one of the same level, written the same way."""
    if seg.label != REGION or seg.region is None or seg.region.level not in pool:
        return seg
    other = rng.choice(pool[seg.region.level])
    short = seg.text != seg.region.name and bool(other.short)
    return Segment(other.short if short else other.name, REGION, other)


def augment(
    examples: Sequence[Example], pool: dict[str, list[Region]], copies: int, rng: random.Random
) -> list[Example]:
    """Copies of the sentences that name regions, each region swapped for another of its level."""
    out: list[Example] = []
    for ex in examples:
        if any(_swap(s, pool, rng) is not s for s in ex):
            out.extend([_swap(s, pool, rng) for s in ex] for _ in range(copies))
    return out


def bio_rows(example: Example) -> list[tuple[str, str]]:
    """Character tokens and BIO tags of one example; whitespace is dropped (TSV cannot hold it)."""
    rows: list[tuple[str, str]] = []
    for seg in example:
        first = True
        for ch in seg.text:
            if ch.isspace():
                continue
            if seg.label is None:
                rows.append((ch, "O"))
            else:
                rows.append((ch, ("B-" if first else "I-") + seg.label))
                first = False
    return rows


def write_tsv(path: Path, examples: Iterable[Example]) -> int:
    """Write examples as HanLP's two-column tagging TSV; returns the number of sentences written."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for ex in examples:
            rows = bio_rows(ex)
            if not rows:
                continue
            fh.writelines(f"{tok}\t{tag}\n" for tok, tag in rows)
            fh.write("\n")
            n += 1
    return n


def train(
    save_dir: Path,
    *,
    sources: Sequence[Path] = (EXAMPLES,),
    epochs: int = 12,
    copies: int = 3,
    embed: int = 48,
    hidden: int = 96,
    seed: int = 7,
    threads: int = 1,
) -> dict[str, float | int]:
    """Build the silver data, train the NER into ``save_dir`` and return the training figures."""
    import torch
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    random.seed(seed)
    torch.manual_seed(seed)
    # One intra-op thread: the model is tiny, and spinning OpenMP workers on a busy machine
    # cost far more than they save.
    torch.set_num_threads(threads)
    gazetteer = Gazetteer.default()
    docs = [d for d in iter_documents(sources) if isinstance(d, Document)]
    examples = silver_examples(docs, gazetteer)
    rng = random.Random(seed)
    dev = examples[::10]
    trn = [ex for i, ex in enumerate(examples) if i % 10]
    trn += augment(trn, regions_by_level(gazetteer), copies, rng)
    rng.shuffle(trn)
    save_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="govkg-ner-") as tmp:
        trn_path, dev_path = Path(tmp) / "train.tsv", Path(tmp) / "dev.tsv"
        n_trn = write_tsv(trn_path, trn)
        n_dev = write_tsv(dev_path, dev)
        ner = RNNNamedEntityRecognizer()
        ner.fit(
            str(trn_path),
            str(dev_path),
            str(save_dir),
            batch_size=32,
            epochs=epochs,
            embed=embed,
            rnn_hidden=hidden,
            drop=0.2,
            lr=0.005,
            patience=epochs,
            crf=False,
            tagging_scheme="BIO",
            devices=-1,
            seed=seed,
            logger=logging.getLogger("govkg.train_hanlp_ner"),
        )
    seconds = time.perf_counter() - t0
    _tidy(save_dir)
    return {"docs": len(docs), "train_sentences": n_trn, "dev_sentences": n_dev, "seconds": round(seconds, 1)}


def _tidy(save_dir: Path) -> None:
    """Drop the temporary data paths and logs from the saved model so the directory is reproducible."""
    config_path = save_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["trn_data"] = "silver: tools/train_hanlp_ner.py over examples/"
    config["dev_data"] = None
    config_path.write_text(json.dumps(config, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
    for log in save_dir.glob("*.log"):
        log.unlink()
    for extra in save_dir.iterdir():
        if extra.is_dir():
            shutil.rmtree(extra)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: train into the directory given."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("save_dir", type=Path, help="directory to write the model into")
    ap.add_argument("--sources", type=Path, nargs="+", default=[EXAMPLES], help="report files or folders")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--copies", type=int, default=3, help="region-swapped copies per sentence")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    figures = train(
        args.save_dir, sources=args.sources, epochs=args.epochs, copies=args.copies, seed=args.seed
    )
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
