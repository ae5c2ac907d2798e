"""govkg.loaders.prefilter: the literal pre-checks never change what a pattern finds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govkg.loaders import actors, agencies, mentions, metrics, practices
from govkg.loaders.prefilter import Gated, gate, required_runs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_required_runs_are_the_literals_every_match_holds() -> None:
    assert required_runs(r"建立(?:了)?调解室+") == ["建立", "调解", "室"]
    assert required_runs(r"网格(?=员)化") == ["网格化"]  # a look-ahead keeps its neighbours adjacent
    assert required_runs(r"(?:甲|乙)镇") == ["镇"]
    assert required_runs(r"(?i)abc") == []  # case folding: nothing certain
    assert required_runs(r"a*b?") == []


def test_gate_takes_one_of_each_branch_or_none() -> None:
    g = gate(r"(?:推行|推广)[^，]{0,4}经验")
    assert g is not None and {"经验"} <= set(g.pattern.split("|")) | {"经验"}
    assert g.search("推广枫桥经验") and not g.search("推动工作")
    assert gate(r"[甲乙]") is not None and gate(r"\d+") is None


def _module_patterns() -> list[re.Pattern[str]]:
    found: list[re.Pattern[str]] = []
    for module in (actors, agencies, mentions, metrics, practices):
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append(value)
            elif isinstance(value, Gated):
                found.append(value.pattern)
    return found


def _example_sentences() -> list[str]:
    text = "".join(
        p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")) if "gbk" not in p.name
    )
    return [s for s in re.split(r"(?<=[。；！？\n])", text) if s.strip()]


PATTERNS = _module_patterns()
SENTENCES = _example_sentences()


def _same(pattern: re.Pattern[str], text: str) -> None:
    gated = Gated(pattern)
    plain = pattern.search(text)
    fast = gated.search(text)
    assert (plain and plain.span()) == (fast and fast.span()), (pattern.pattern, text)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    if len(text) > 4:
        assert [m.span() for m in gated.finditer(text, 2, len(text) - 2)] == [
            m.span() for m in pattern.finditer(text, 2, len(text) - 2)
        ]


def test_the_loaders_patterns_find_the_same_with_their_gate_on_the_examples() -> None:
    assert len(PATTERNS) > 50 and len(SENTENCES) > 60
    gated = [p for p in PATTERNS if gate(p.pattern) is not None]
    assert len(gated) > 20  # most patterns do have a gate: the test exercises them
    for pattern in gated:
        for sentence in SENTENCES:
            _same(pattern, sentence)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_gated_patterns_find_the_same_on_texts_made_of_their_own_pieces(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from([p for p in PATTERNS if gate(p.pattern) is not None]))
    g = gate(pattern.pattern)
    assert g is not None
    pieces = [
        *g.pattern.replace("\\", "").split("|"),
        *required_runs(pattern.pattern),
        "，",
        "。",
        "的",
        "县",
        "镇",
    ]
    rng = random.Random(data.draw(st.integers(0, 10**6)))
    words = [rng.choice(pieces) for _ in range(rng.randint(0, 12))]
    filler = data.draw(
        st.lists(st.sampled_from(list("工作推进建立开展调解网格中心村社区年月2023")), max_size=6)
    )
    text = "".join(w + "".join(filler[: rng.randint(0, len(filler))]) for w in words)
    _same(pattern, text)


@pytest.mark.parametrize("text", ["", "。", "甲镇推广“网格+警格”经验"])
def test_edge_texts(text: str) -> None:
    for pattern in PATTERNS:
        _same(pattern, text)
