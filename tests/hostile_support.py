"""A hostile-input corpus for tests: every file, name and entry that once broke a load, next to
good reports copied from examples/. Returns what each bad entry must be rejected for."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples"
SECRET = "OUTSIDE-THE-ROOT-SECRET-宁静致远-1b2c"
GOOD_NAMES = ("beijing_chaoyang.txt", "hunan_changsha_yuelu.txt", "jiangsu_nanjing_gulou.html")
KOREAN = "지방자치단체는 주민의 복리에 관한 사무를 처리하고 재산을 관리한다. 마을 모임은 매달 열린다. " * 6
JAPANESE = "地方公共団体の組織及び運営に関する事項は、法律でこれを定める。町内会は毎月開かれる。" * 6
# A cap the hostile corpus sets (GOVKG_MAX_FILE_BYTES) so one file is over it without being huge.
CAP = 200_000


def write_good(root: Path) -> list[str]:
    """Copy the good reports into root (one under a name that is not UTF-8); their names."""
    root.mkdir(parents=True, exist_ok=True)
    for name in GOOD_NAMES:
        shutil.copyfile(EXAMPLES / name, root / name)
    (root / "sub").mkdir(exist_ok=True)
    shutil.copyfile(EXAMPLES / "sichuan_chengdu_wuhou.txt", root / "sub" / "wuhou.txt")
    raw = os.fsencode(root) + b"/good_\xfe.txt"
    shutil.copyfile(EXAMPLES / "zhejiang_zhuji_fengqiao.txt", os.fsdecode(raw))
    return [*GOOD_NAMES, "sub/wuhou.txt", "good_\\xfe.txt"]


def write_hostile(root: Path) -> dict[str, str]:
    """Good reports plus every hostile entry under root; display name (relative) -> reason prefix."""
    write_good(root)
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(f"{SECRET}\n北京市朝阳区推行网格化管理。", encoding="utf-8")
    bad: dict[str, str] = {}

    def put(name: str, data: bytes, reason: str) -> None:
        (root / name).write_bytes(data)
        bad[name] = reason

    put("binary.dat", b"\x00\x01\x02\x03binary\x00\x00" * 100, "binary file")
    put("empty.txt", b"", "empty file")
    put("bundle.zip", b"PK\x03\x04rest", "unsupported file type .zip")
    put("over_cap.txt", "网格化管理。".encode() * (CAP // 10), "file is")
    put("huge_number.json", b'{"text": "x", "n": ' + b"9" * 5000 + b"}", "invalid JSON:")
    put("deep.json", b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply")
    put("bad_lines.jsonl", b'{"text": 1}\n[1, 2]\n{"content": ""}\n', "")
    del bad["bad_lines.jsonl"]
    bad["bad_lines.jsonl#1"] = "field 'text' must be a string"
    bad["bad_lines.jsonl#2"] = "expected a JSON object"
    bad["bad_lines.jsonl#3"] = "field 'content' is empty"
    put("korean.txt", KOREAN.encode("euc-kr"), "not Chinese text (looks like Korean/EUC-KR)")
    put("japanese.txt", JAPANESE.encode("shift_jis"), "not Chinese text (looks like Japanese/Shift-JIS)")
    put("invisible.txt", ("\u00a0\u200b" * 100).encode(), "not Chinese text (only spaces")
    put("utf32_bom_junk.txt", b"\xff\xfe\xfa\xfb broken \xc3", "not Chinese text")
    put("evil\x1b]0;pwned\x07\nname.txt", b"", "empty file")
    bad["evil\\x1b]0;pwned\\x07\\nname.txt"] = bad.pop("evil\x1b]0;pwned\x07\nname.txt")
    os.mkfifo(root / "pipe.txt")
    bad["pipe.txt"] = "not a regular file: a FIFO"
    raw = os.fsencode(root) + b"/undecodable_\xff.txt"
    Path(os.fsdecode(raw)).write_bytes(b"")
    bad["undecodable_\\xff.txt"] = "empty file"
    for name, target in (
        ("to_secret.txt", outside / "secret.txt"),
        ("to_outside_dir", outside),
        ("to_parent", Path("..")),
        ("to_passwd", Path("/etc/passwd")),
        ("to_zero.txt", Path("/dev/zero")),
    ):
        (root / name).symlink_to(target)
        bad[name] = "symlink points outside the folder"
    (root / "loop_a.txt").symlink_to("loop_b.txt")
    (root / "loop_b.txt").symlink_to("loop_a.txt")
    bad["loop_a.txt"] = "symlink loop"
    bad["loop_b.txt"] = "symlink loop"
    (root / "dangling.txt").symlink_to("nowhere.txt")
    bad["dangling.txt"] = "broken symlink"
    return bad
