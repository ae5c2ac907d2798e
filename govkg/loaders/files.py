"""Finding and opening report files safely: names fit to print, regular files only, no escaping the root.

- ``display_name`` turns any path (undecodable bytes, control characters) into one printable line.
- ``open_regular`` opens without blocking and refuses FIFOs, devices and sockets before any read.
- ``walk`` lists a directory tree without recursion; every entry is either yielded as a file or
  rejected with a reason, and no error escapes it. A symlink whose target is outside the root is
  refused ("symlink points outside the folder") unless ``follow_links`` is set.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

SKIPPED_NAMES = re.compile(r"^(readme|license|licence|changelog|copying)(\.[a-z]+)?$", re.IGNORECASE)
OUTSIDE = "symlink points outside the folder"

# C0/C1 controls, DEL, line/paragraph separators, bidi overrides and other format characters.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def display_name(path: str | os.PathLike[str] | bytes) -> str:
    """A printable, valid-UTF-8 form of a path: undecodable bytes as \\xNN, controls escaped."""
    raw = os.fsencode(path)
    text = raw.decode("utf-8", errors="backslashreplace")
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def file_kind(mode: int) -> str:
    """What a non-regular file is, for the rejection reason."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


class NotRegular(OSError):
    """The path names something other than a regular file; str() is the reason."""


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a regular file for reading; NotRegular for a FIFO, device or socket, before any read.

    The open does not block (O_NONBLOCK), so a FIFO with no writer cannot hang it, and the
    check is made on the opened descriptor, so a file swapped after a stat is still caught.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(f"not a regular file: {file_kind(mode)}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _reason(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symlink loop"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return e.strerror or str(e)


def walk(root: Path, *, follow_links: bool = False) -> Iterator[tuple[Path, str | None]]:
    """(path, None) for each file to read under root, (path, reason) for each entry refused.

    Sorted by name, hidden entries and README/LICENSE-style files skipped, without recursion.
    """
    try:
        st = os.stat(root)
        real_root = os.path.realpath(root)
    except OSError as e:
        yield root, _reason(e)
        return
    stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [(root, frozenset({(st.st_dev, st.st_ino)}))]
    while stack:
        directory, ancestors = stack.pop()
        try:
            with os.scandir(directory) as it:
                names = sorted((e.name for e in it), key=os.fsencode)
        except OSError as e:
            yield directory, f"cannot list directory: {_reason(e)}"
            continue
        subdirs: list[tuple[Path, frozenset[tuple[int, int]]]] = []
        for name in names:
            if name.startswith("."):
                continue
            entry = directory / name
            try:
                link = stat.S_ISLNK(os.lstat(entry).st_mode)
                if link and not follow_links and not _inside(os.path.realpath(entry), real_root):
                    yield entry, OUTSIDE
                    continue
                st = os.stat(entry)
            except OSError as e:
                broken = e.errno == errno.ENOENT and os.path.islink(entry)
                yield entry, "broken symlink" if broken else _reason(e)
                continue
            except ValueError as e:  # a name the OS cannot take (embedded NUL): cannot happen from scandir
                yield entry, str(e)
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    yield entry, "symlink loop (directory links back to an ancestor)"
                    continue
                subdirs.append((entry, ancestors | {key}))
            elif stat.S_ISREG(st.st_mode):
                if not SKIPPED_NAMES.match(name):
                    yield entry, None
            else:
                yield entry, f"not a regular file: {file_kind(st.st_mode)}"
        # Reversed so the stack pops them in sorted order, after this directory's own files.
        stack.extend(reversed(subdirs))
