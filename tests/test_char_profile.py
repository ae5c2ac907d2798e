"""chinese.profile counts characters by kind in bulk; it must count exactly as a per-character look."""

from __future__ import annotations

import random
import unicodedata

from govkg.loaders.chinese import COMMON, Profile, profile


def _one_by_one(text: str) -> Profile:
    """The plain per-character definition of the counts."""
    han = common = hangul = kana = other = unprintable = visible = 0
    scripts: dict[str, int] = {}
    for ch in text:
        o = ord(ch)
        if ch.isspace():
            continue
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F or 0xF900 <= o <= 0xFAFF:
            han, visible, common = han + 1, visible + 1, common + (ch in COMMON)
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            hangul, visible = hangul + 1, visible + 1
        elif 0x3040 <= o <= 0x30FF:
            kana, visible = kana + 1, visible + 1
        elif unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Cn") or ch == "\ufffd":
            unprintable += 1
        else:
            visible += 1
            if unicodedata.category(ch).startswith("L") and o > 0x7F:
                other += 1
                name = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
                scripts[name] = scripts.get(name, 0) + 1
    main = max(scripts, key=lambda k: scripts[k]) if scripts else ""
    return Profile(han, common, hangul, kana, other, main.title(), unprintable, visible)


def test_bulk_counts_equal_the_per_character_definition() -> None:
    rng = random.Random(20261207)
    pools = [
        "我市深化网格化管理，调解成功率达99.3%。",
        "한국어 텍스트",
        "ひらがなカタカナ",
        "Кириллица ελληνικά",
        "\u3000\t\n \x00\x07\u200b\ufffd\ue000",
        "𠀀𪚥丽兀",  # extension B and compatibility ideographs
        "abcXYZ019!~-_",
        "中文的是在有不人了",
    ]
    chars = "".join(pools)
    for _ in range(400):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 60)))
        assert profile(text) == _one_by_one(text), text
    report = "２０２３年，包头市坚持和发展新时代“枫桥经验”。\n" * 50
    assert profile(report) == _one_by_one(report)
    assert profile(report, limit=10) == _one_by_one(report[:10])
