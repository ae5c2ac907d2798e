"""Issue 14 items 1, 2, 6, 7: files and directory entries that used to abort a load, escape the
folder, hang the reader or inject into the terminal; each is refused by name and the rest loads."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from govkg.config import Settings
from govkg.loaders.documents import Document, DocumentError, html_to_text, iter_documents
from govkg.loaders.files import OUTSIDE, display_name
from govkg.loading import Rejected, record_rejection

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples"
GOOD = EXAMPLES / "beijing_chaoyang.txt"


def walk(*paths: Path, follow_links: bool = False) -> tuple[list[Document], dict[str, str]]:
    docs: list[Document] = []
    bad: dict[str, str] = {}
    for item in iter_documents(paths, follow_links=follow_links):
        if isinstance(item, DocumentError):
            bad[item.path] = item.reason
        else:
            docs.append(item)
    return docs, bad


@pytest.fixture
def guard() -> Iterator[None]:
    """Fail (instead of hanging the suite) when a read blocks for 20 s."""

    def timeout(*_: object) -> None:
        raise TimeoutError("the reader blocked")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# ---- item 1: per file, per entry, per record ----


def test_json_number_over_the_digit_limit_is_a_rejected_record(tmp_path: Path) -> None:
    good = GOOD.read_text(encoding="utf-8")
    (tmp_path / "big.json").write_text('{"text": "x", "n": ' + "9" * 5000 + "}", encoding="utf-8")
    lines = [json.dumps({"text": good}), '{"text": "y", "n": ' + "7" * 5000 + "}"]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, bad = walk(tmp_path)
    assert bad[str(tmp_path / "big.json")].startswith("invalid JSON:")
    assert "digits" in bad[str(tmp_path / "big.json")]
    assert bad[f"{tmp_path / 'mixed.jsonl'}#2"].startswith("invalid JSON:")
    assert len(docs) == 1 and docs[0].text.strip() == good.strip()


def test_undecodable_file_names_load_or_are_rejected_printably(tmp_path: Path, data_dir: Path) -> None:
    root = os.fsencode(tmp_path)
    shutil.copyfile(GOOD, os.fsdecode(root + b"/report_\xff.txt"))
    (Path(os.fsdecode(root + b"/empty_\xfe.txt"))).write_bytes(b"")
    docs, bad = walk(tmp_path)
    assert [d.source for d in docs] == [f"{tmp_path}/report_\\xff.txt"]
    docs[0].source.encode("utf-8")  # storable: no surrogates
    assert bad == {f"{tmp_path}/empty_\\xfe.txt": "empty file"}
    settings = Settings(data_dir=data_dir)
    record_rejection(settings, Rejected(*next(iter(bad.items()))))
    line = json.loads((data_dir / "rejected.jsonl").read_text(encoding="utf-8"))
    assert line["path"].endswith("empty_\\xfe.txt")


def _as_nobody(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run python code as the unprivileged user `nobody` (root ignores permission bits)."""
    cmd = [sys.executable, "-c", code, *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to drop root for this test"
        cmd = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVKG_")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)


def test_directory_without_search_permission_is_one_rejected_entry() -> None:
    # Not under tmp_path: pytest keeps that private to root, and `nobody` must reach the corpus.
    tmp_path = Path(tempfile.mkdtemp(prefix="govkg-perm-"))
    corpus = tmp_path / "corpus"
    locked = corpus / "locked"
    locked.mkdir(parents=True)
    shutil.copyfile(GOOD, corpus / "good.txt")
    shutil.copyfile(GOOD, locked / "inner.txt")
    (corpus / "unreadable.txt").write_text("不可读", encoding="utf-8")
    (corpus / "unreadable.txt").chmod(0o000)
    locked.chmod(0o444)  # may list, may not enter
    for p in (tmp_path, corpus):
        p.chmod(0o755)
    code = (
        "import sys\n"
        "from govkg.loaders.documents import DocumentError, iter_documents\n"
        "for item in iter_documents([sys.argv[1]]):\n"
        "    print(('REJ ' + item.path + ' | ' + item.reason) if isinstance(item, DocumentError)"
        " else ('DOC ' + item.source))\n"
    )
    try:
        done = _as_nobody(code, str(corpus))
    finally:
        locked.chmod(0o755)
        shutil.rmtree(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    out = [line.replace("Permission denied", "permission denied") for line in done.stdout.splitlines()]
    assert f"DOC {corpus}/good.txt" in out
    assert f"REJ {corpus}/unreadable.txt | permission denied" in out
    assert any(line.startswith(f"REJ {locked}/inner.txt | permission denied") for line in out), out


# ---- item 2: never out of the folder; FIFOs and devices refused before reading ----


def test_symlinks_out_of_the_folder_are_refused_by_name(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    shutil.copyfile(GOOD, secret)
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    shutil.copyfile(GOOD, corpus / "sub" / "real.txt")
    (corpus / "to_secret.txt").symlink_to(secret)
    (corpus / "to_outside_dir").symlink_to(outside, target_is_directory=True)
    (corpus / "to_parent").symlink_to("..", target_is_directory=True)
    (corpus / "to_passwd").symlink_to("/etc/passwd")
    (corpus / "inside_link.txt").symlink_to(corpus / "sub" / "real.txt")
    docs, bad = walk(corpus)
    for name in ("to_secret.txt", "to_outside_dir", "to_parent", "to_passwd"):
        assert bad.pop(str(corpus / name)) == OUTSIDE
    assert bad == {}
    assert sorted(d.source for d in docs) == [
        str(corpus / "inside_link.txt"),
        str(corpus / "sub" / "real.txt"),
    ]
    assert all("root:" not in d.text for d in docs)
    # Following them is an explicit choice.
    docs, bad = walk(corpus / "to_secret.txt")  # a file named directly is read where it is
    assert len(docs) == 1 and not bad
    docs, _ = walk(corpus, follow_links=True)
    assert str(corpus / "to_outside_dir" / "secret.txt") in {d.source for d in docs}


def test_fifo_and_devices_are_refused_before_any_read(tmp_path: Path, guard: None) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    docs, bad = walk(fifo, zero)
    assert not docs
    assert bad == {
        str(fifo): "not a regular file: a FIFO (named pipe)",
        str(zero): "not a regular file: a character device",
    }
    corpus = tmp_path / "c"
    corpus.mkdir()
    os.mkfifo(corpus / "pipe.jsonl")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    _, bad = walk(corpus)
    assert bad == {
        str(corpus / "pipe.jsonl"): "not a regular file: a FIFO (named pipe)",
        str(corpus / "zero.txt"): OUTSIDE,
    }
    _, bad = walk(corpus, follow_links=True)
    assert bad[str(corpus / "zero.txt")] == "not a regular file: a character device"


# ---- item 6: names printed safely ----


def test_control_characters_in_names_are_escaped(tmp_path: Path) -> None:
    name = "evil\x1b]0;pwned\x07\nrejected  fake.txt"
    (tmp_path / name).write_bytes(b"")
    _, bad = walk(tmp_path)
    [(shown, reason)] = bad.items()
    assert reason == "empty file"
    assert shown == f"{tmp_path}/evil\\x1b]0;pwned\\x07\\nrejected  fake.txt"
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert display_name("a\u202eb\u2028c") == "a\\u202eb\\u2028c"
    assert display_name("朝阳区 report.txt") == "朝阳区 report.txt"


def test_cli_summary_and_log_carry_escaped_names(tmp_path: Path, data_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(GOOD, corpus / "good.txt")
    (corpus / "x\x1b[2J\x07.txt").write_bytes(b"\xff\xfe\x00")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["PYTHONPATH"] = str(REPO_ROOT)
    cmd = [sys.executable, "-m", "govkg.cli", "load", str(corpus), "--data-dir", str(data_dir), "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 2, done.stderr
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert f"rejected  {corpus}/x\\x1b[2J\\x07.txt: " in done.stderr
    record = json.loads((data_dir / "rejected.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert record["path"] == f"{corpus}/x\\x1b[2J\\x07.txt"


# ---- item 7: form controls are not report text ----


def test_textarea_and_form_controls_are_dropped() -> None:
    html = (
        "<html><body><article><h1>朝阳区推进网格化管理</h1><p>朝阳区推行网格化管理。</p>"
        "<textarea name='c'>请输入留言：海淀区推行枫桥经验</textarea>"
        "<select><option>东城区</option></select><input value='西城区'><button>提交评论</button>"
        "<p>实施&lt;网格&gt;&amp;服务。</p></article></body></html>"
    )
    text, _, _ = html_to_text(html)
    assert "朝阳区推行网格化管理。" in text
    for dropped in ("留言", "海淀区", "东城区", "西城区", "提交评论"):
        assert dropped not in text
    assert "实施<网格>&服务。" in text  # entities decoded to text, kept as text


# ---- item 3: bytes that are not a Chinese report ----

KOREAN = (
    "지방자치단체는 주민의 복리에 관한 사무를 처리하고 재산을 관리하며, 법령의 범위 안에서 자치에 관한 "
    "규정을 제정할 수 있다. 마을 공동체는 이웃 간의 분쟁을 대화로 해결하는 모임을 매달 열었다. "
) * 4
JAPANESE = (
    "地方公共団体の組織及び運営に関する事項は、地方自治の本旨に基いて、法律でこれを定める。"
    "町内会では、住民同士のもめごとを話し合いで解決する集まりを毎月開いている。"
) * 4
RUSSIAN = "Местное самоуправление решает вопросы местного значения; соседи собираются каждый месяц. " * 6


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (KOREAN.encode("euc-kr"), "not Chinese text (looks like Korean/EUC-KR)"),
        (JAPANESE.encode("shift_jis"), "not Chinese text (looks like Japanese/Shift-JIS)"),
        (KOREAN.encode("utf-8"), "not Chinese text (looks like Korean)"),
        (RUSSIAN.encode("cp1251"), "not Chinese text (looks like Cyrillic script)"),
        (
            ("\u00a0\u200b\u200c\ufeff" * 50).encode("utf-8"),
            "not Chinese text (only spaces and invisible characters)",
        ),
        (b"\xff\xfe\xfa\xfb broken \xc3", "not Chinese text (looks like Arabic script)"),
    ],
)
def test_bytes_that_are_not_chinese_are_rejected_by_name(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "report.txt").write_bytes(data)
    docs, bad = walk(tmp_path)
    assert not docs
    assert bad == {str(tmp_path / "report.txt"): reason}


def test_utf32_utf16_without_bom_and_big5_are_read_as_chinese(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    trad = (EXAMPLES / "traditional_shandong_qingdao.txt").read_text(encoding="utf-8")
    (tmp_path / "a32.txt").write_bytes(text.encode("utf-32"))
    (tmp_path / "b16le.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "c16be.txt").write_bytes(text.encode("utf-16-be"))
    (tmp_path / "d_big5.txt").write_bytes(trad.encode("big5", errors="ignore"))
    docs, bad = walk(tmp_path)
    assert bad == {}
    got = {Path(d.source).name: d for d in docs}
    assert [got[n].encoding for n in sorted(got)] == ["utf-32", "utf-16-le", "utf-16-be", "big5"]
    for name in ("a32.txt", "b16le.txt", "c16be.txt"):
        assert got[name].text.strip() == text.strip().replace("\r\n", "\n")
    assert "guessed" in got["b16le.txt"].meta["note"] and "guessed" in got["d_big5.txt"].meta["note"]
    assert "青島" in got["d_big5.txt"].text or "青岛" in got["d_big5.txt"].folded


def test_a_guessed_encoding_is_shown_in_the_load_summary(tmp_path: Path, data_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "utf16.txt").write_bytes(GOOD.read_text(encoding="utf-8").encode("utf-16-le"))
    (corpus / "korean.txt").write_bytes(KOREAN.encode("euc-kr"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["PYTHONPATH"] = str(REPO_ROOT)
    cmd = [sys.executable, "-m", "govkg.cli", "load", str(corpus), "--data-dir", str(data_dir), "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 2, done.stderr
    assert f"guessed   {corpus}/utf16.txt: encoding guessed as utf-16-le" in done.stderr
    assert f"rejected  {corpus}/korean.txt: not Chinese text (looks like Korean/EUC-KR)" in done.stderr
    assert "loaded 1," in done.stdout


def test_request_log_escapes_control_characters_in_paths(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from fastapi.testclient import TestClient

    from govkg.api.app import create_app

    client = TestClient(create_app(Settings(data_dir=tmp_path / "d", store="unset://none")))
    with caplog.at_level("INFO", logger="govkg.api"):
        client.get("/version/%1b%5d0%3bpwned%07%0afake")
    lines = [r.getMessage() for r in caplog.records if "/version/" in r.getMessage()]
    assert lines and all("\x1b" not in m and "\n" not in m and "\x07" not in m for m in lines)
    assert any("\\x1b]0;pwned\\x07\\nfake" in m for m in lines)
