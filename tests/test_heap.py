"""govkg.heap.settle: long-lived objects leave the collector's reach once per process."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap


def test_settle_freezes_once_and_later_garbage_is_still_collected() -> None:
    script = textwrap.dedent(
        """
        import gc
        from govkg import heap

        class Node:
            pass

        keep = [Node() for _ in range(1000)]
        heap.settle()
        frozen = gc.get_freeze_count()
        assert frozen >= 1000, frozen
        heap.settle()  # a second call changes nothing
        assert gc.get_freeze_count() == frozen
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle made after settling is still collected
        del a, b
        assert gc.collect() >= 2
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
    assert gc.isenabled()
