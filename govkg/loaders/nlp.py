"""NLP backends behind one protocol: ``builtin`` (dictionaries only) and ``hanlp`` (a HanLP NER model).

A backend proposes entity spans (REGION, ORG) with offsets into the text it was given. It
never decides what a span *is*: REGION spans go through the same RegionMatcher resolution
as the dictionary mentions, ORG spans through the same AgencyMatcher, so both backends
produce the same Extraction type. Where a model span overlaps a dictionary mention the
dictionary wins (``merge_spans``).

The hanlp backend never downloads. Its model is a local directory, or a HanLP model id or
URL whose files already sit under HANLP_HOME; ``tools/train_hanlp_ner.py`` trains a small
one from the project's sample reports, and ``default_model_dir()`` is the one shipped.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from govkg.config import Settings
from govkg.loaders.agencies import AgencyMatcher, AgencyMention, RegionLookup
from govkg.loaders.extraction import UnresolvedPlace
from govkg.loaders.regions import Gazetteer, RegionMatcher, RegionMention
from govkg.loaders.sentences import split_sentences

__all__ = [
    "ORG",
    "REGION",
    "BackendAgencyMatcher",
    "BackendRegionMatcher",
    "BuiltinBackend",
    "HanLPBackend",
    "HanLPModelMissing",
    "HanLPUnavailable",
    "NlpBackend",
    "Span",
    "backend_from_settings",
    "default_model_dir",
    "merge_spans",
    "resolve_agency_spans",
    "resolve_region_spans",
]

REGION = "REGION"
ORG = "ORG"

# Tag names of common HanLP NER models (MSRA, OntoNotes, PKU) mapped onto govkg's two labels.
_LABELS: dict[str, str] = {
    "REGION": REGION,
    "NS": REGION,
    "LOC": REGION,
    "LOCATION": REGION,
    "GPE": REGION,
    "ORG": ORG,
    "NT": ORG,
    "ORGANIZATION": ORG,
}
_INSTALL_HINT = "pip install 'govkg[hanlp]'"


@dataclass(frozen=True, slots=True)
class Span:
    """An entity a backend found: ``text[start:end]`` with label REGION or ORG."""

    start: int
    end: int
    label: str


class NlpBackend(Protocol):
    """Something that proposes REGION / ORG spans in a text."""

    name: str

    def spans(self, text: str) -> list[Span]:
        """Entity spans in ``text``, sorted by start, offsets into ``text``."""
        ...


class BuiltinBackend:
    """The default: no model; the pipeline's dictionaries already find regions and agencies."""

    name = "builtin"

    def spans(self, text: str) -> list[Span]:
        """No spans: the builtin pipeline needs none."""
        return []


class HanLPUnavailable(RuntimeError):
    """The hanlp backend was chosen but the optional extra is not installed."""


class HanLPModelMissing(FileNotFoundError):
    """The HanLP model named is not on this machine (and govkg will not download it)."""


def default_model_dir() -> Path:
    """The tiny REGION/ORG model shipped with govkg (trained by tools/train_hanlp_ner.py)."""
    return Path(str(resources.files("govkg.loaders") / "data" / "hanlp-ner"))


def _hanlp_home() -> Path:
    return Path(os.environ.get("HANLP_HOME") or Path.home() / ".hanlp")


def resolve_model_dir(model: str) -> Path:
    """The local directory holding ``model`` (a directory, a path under HANLP_HOME, or a HanLP id/URL).

    Raises HanLPModelMissing, saying how to get a model, when nothing local matches.
    """
    candidates = [Path(model).expanduser(), _hanlp_home() / model]
    try:
        import hanlp.pretrained
        from hanlp.utils.io_util import path_from_url
    except ImportError:
        pass
    else:
        url = hanlp.pretrained.ALL.get(model, model)
        if url.startswith(("http://", "https://")):
            local = Path(path_from_url(url.split("#", 1)[0], str(_hanlp_home())))
            candidates += [local, local.with_suffix("")]
    for path in candidates:
        if (path / "config.json").is_file():
            return path
    raise HanLPModelMissing(
        f"HanLP model {model!r} is not on this machine (looked in {', '.join(map(str, candidates))}); "
        "govkg never downloads models. Train one with `python tools/train_hanlp_ner.py <dir>` "
        "(or copy a HanLP model directory here) and set GOVKG_HANLP_MODEL to that directory."
    )


class HanLPBackend:
    """HanLP's NER over character tokens, sentence by sentence, loaded lazily from a local model.

    ``threads`` sets torch's intra-op threads (process-wide) at load; None leaves torch's
    default. One is the default because for a model this small, extra OpenMP workers spin
    rather than help (measured here: 60 sentences in 0.29 s on one thread, 5.4 s on two on
    a busy two-core machine).
    """

    name = "hanlp"

    def __init__(
        self,
        model: str | Path | None = None,
        batch_size: int = 32,
        cache_size: int = 4096,
        threads: int | None = 1,
    ) -> None:
        self.model = str(model) if model is not None else str(default_model_dir())
        self.batch_size = batch_size
        self.threads = threads
        self._ner: Any = None
        self._cache: OrderedDict[str, list[Span]] = OrderedDict()
        self._cache_size = cache_size

    def load(self) -> Any:
        """Load (once) and return the HanLP component; raises HanLPUnavailable / HanLPModelMissing."""
        if self._ner is None:
            try:
                import hanlp
            except ImportError as exc:
                raise HanLPUnavailable(f"the hanlp NLP backend needs HanLP: {_INSTALL_HINT}") from exc
            path = resolve_model_dir(self.model)
            if self.threads is not None:
                import torch

                torch.set_num_threads(self.threads)
            self._ner = hanlp.load(str(path), verbose=False)
        return self._ner

    def spans(self, text: str) -> list[Span]:
        """REGION / ORG spans the model finds in ``text``, offsets into ``text``."""
        sentences = list(split_sentences(text))
        known: dict[str, list[Span]] = {}
        for s in sentences:
            hit = self._cache.get(s.text)
            if hit is not None:
                self._cache.move_to_end(s.text)
                known[s.text] = hit
        todo = list(dict.fromkeys(s.text for s in sentences if s.text not in known))
        if todo:
            for sentence, found in zip(todo, self._predict(todo), strict=True):
                known[sentence] = found
                self._remember(sentence, found)
        out: list[Span] = []
        for s in sentences:
            out.extend(Span(s.start + sp.start, s.start + sp.end, sp.label) for sp in known[s.text])
        return out

    def clear_cache(self) -> None:
        """Forget the per-sentence results kept from earlier calls."""
        self._cache.clear()

    def _remember(self, sentence: str, found: list[Span]) -> None:
        self._cache[sentence] = found
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _predict(self, sentences: Sequence[str]) -> list[list[Span]]:
        """Tag each sentence; the tokenizer is a character split that skips whitespace."""
        ner = self.load()
        positions = [[i for i, ch in enumerate(s) if not ch.isspace()] for s in sentences]
        tokens = [[s[i] for i in pos] for s, pos in zip(sentences, positions, strict=True)]
        todo = [i for i, t in enumerate(tokens) if t]
        results: list[list[Span]] = [[] for _ in sentences]
        if not todo:
            return results
        tagged = ner.predict([tokens[i] for i in todo], batch_size=self.batch_size)
        for i, entities in zip(todo, tagged, strict=True):
            pos = positions[i]
            for entity in entities:
                _, tag, begin, end = entity[:4]
                label = _LABELS.get(str(tag).upper())
                if label is not None and 0 <= begin < end <= len(pos):
                    results[i].append(Span(pos[begin], pos[end - 1] + 1, label))
            results[i].sort(key=lambda sp: (sp.start, -sp.end))
        return results


def backend_from_settings(settings: Settings) -> NlpBackend:
    """The backend ``settings.nlp_backend`` names; for hanlp, check the extra is installed now."""
    if settings.nlp_backend == "builtin":
        return BuiltinBackend()
    if settings.nlp_backend == "hanlp":
        try:
            import hanlp  # noqa: F401
        except ImportError as exc:
            raise HanLPUnavailable(
                f"GOVKG_NLP_BACKEND=hanlp but HanLP is not installed: {_INSTALL_HINT}"
            ) from exc
        return HanLPBackend(settings.hanlp_model)
    raise ValueError(f"unknown nlp_backend {settings.nlp_backend!r}: use 'builtin' or 'hanlp'")


# -- merging model spans with dictionary mentions ----------------------------------------------
def merge_spans(dictionary: Sequence[tuple[int, int]], model: Sequence[tuple[int, int]]) -> list[int]:
    """Indices (ascending) of the ``model`` spans to add: those overlapping no dictionary span.

    The dictionary wins every overlap; among model spans the earlier-starting, then longer,
    one wins. Spans are half-open ``(start, end)``; empty ones are dropped.
    """
    taken = sorted((s, e) for s, e in dictionary if e > s)
    order = sorted((i for i, (s, e) in enumerate(model) if e > s), key=lambda i: (model[i][0], -model[i][1]))
    kept: list[int] = []
    for i in order:
        s, e = model[i]
        if any(ts < e and s < te for ts, te in taken):
            continue
        kept.append(i)
        taken.append((s, e))
    return sorted(kept)


def resolve_region_spans(
    text: str,
    spans: Sequence[Span],
    find: Callable[[str, Sequence[str]], list[RegionMention]],
    scope: Sequence[str] = (),
) -> list[RegionMention]:
    """Resolve REGION spans with a region matcher's ``find`` on the span text; offsets index ``text``."""
    out: list[RegionMention] = []
    for sp in spans:
        if sp.label != REGION:
            continue
        for m in find(text[sp.start : sp.end], scope):
            out.append(RegionMention(sp.start + m.start, sp.start + m.end, m.surface, m.region, m.role))
    return out


def resolve_agency_spans(
    sentence: str,
    spans: Sequence[Span],
    find: Callable[[str, RegionLookup], list[AgencyMention]],
    lookup: RegionLookup,
) -> list[AgencyMention]:
    """Resolve ORG spans with an agency matcher's ``find`` on the span text; offsets index ``sentence``.

    The acting judgement is made on the span text alone, so a model-found agency counts as acting.
    """
    out: list[AgencyMention] = []
    for sp in spans:
        if sp.label != ORG:
            continue
        for a in find(sentence[sp.start : sp.end], lookup):
            out.append(
                AgencyMention(
                    sp.start + a.start, sp.start + a.end, a.surface, a.name, a.kind, a.region_code, a.acting
                )
            )
    return out


# -- drop-in matchers: the backend wired into the builtin pipeline without changing it ----------
class BackendRegionMatcher(RegionMatcher):
    """A RegionMatcher that adds the backend's resolved REGION spans to the dictionary mentions.

    Texts shorter than ``min_chars`` are name lookups (agency prefixes), not running text,
    and are left to the dictionary.
    """

    def __init__(self, gazetteer: Gazetteer | None, backend: NlpBackend, min_chars: int = 16) -> None:
        super().__init__(gazetteer)
        self.backend = backend
        self.min_chars = min_chars

    def find(
        self,
        text: str,
        scope: Sequence[str] = (),
        unresolved: list[UnresolvedPlace] | None = None,
        *,
        sub_county: bool = True,
        lead: Sequence[str] = (),
    ) -> list[RegionMention]:
        """Dictionary mentions plus the non-overlapping model mentions, sorted by start."""
        found = super().find(text, scope, unresolved, sub_county=sub_county, lead=lead)
        if len(text) < self.min_chars:
            return found
        extra = resolve_region_spans(text, self.backend.spans(text), super().find, scope)
        keep = merge_spans([(m.start, m.end) for m in found], [(m.start, m.end) for m in extra])
        return sorted([*found, *(extra[i] for i in keep)], key=lambda m: m.start)


class BackendAgencyMatcher(AgencyMatcher):
    """An AgencyMatcher that adds the backend's resolved ORG spans to the dictionary mentions."""

    def __init__(self, backend: NlpBackend, path: str | Path | None = None) -> None:
        super().__init__(path)
        self.backend = backend

    def find(self, sentence: str, regions: RegionLookup) -> list[AgencyMention]:
        """Dictionary mentions plus the non-overlapping model mentions, sorted by start."""
        found = super().find(sentence, regions)
        extra = resolve_agency_spans(sentence, self.backend.spans(sentence), super().find, regions)
        keep = merge_spans([(a.start, a.end) for a in found], [(a.start, a.end) for a in extra])
        return sorted([*found, *(extra[i] for i in keep)], key=lambda a: a.start)
