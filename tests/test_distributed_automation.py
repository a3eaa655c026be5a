"""The distributed mode's folder sensor (no service needed): one build per settled change of the folder."""

from __future__ import annotations

import os
import shutil
import time

from orchestration.distributed.automation import QUIET_SECONDS, evaluate_folder_for_build
from tests.conftest import FIXTURES


def _age(path, seconds: float) -> None:
    """Make the file look written `seconds` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_build_per_settled_change(tmp_path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(FIXTURES / "seeds", folder)
    for path in folder.iterdir():
        _age(path, 60)

    first = evaluate_folder_for_build(None, folder)
    assert len(first.run_requests) == 1, "the first tick builds whatever the folder holds"
    cursor = first.cursor
    assert not evaluate_folder_for_build(cursor, folder).run_requests, "nothing changed"

    article = folder / "new.txt"
    article.write_text("A new article.", encoding="utf-8")
    assert not evaluate_folder_for_build(cursor, folder).run_requests, "still being written"
    later = evaluate_folder_for_build(cursor, folder, now=time.time() + QUIET_SECONDS + 1)
    assert len(later.run_requests) == 1
    assert later.run_requests[0].run_key != first.run_requests[0].run_key

    article.unlink()
    removed = evaluate_folder_for_build(later.cursor, folder)
    assert len(removed.run_requests) == 1, "a removal is a change too (no file left to wait for)"
    assert removed.cursor == cursor, "the folder is as it was at the first build"
    assert removed.run_requests[0].run_key != first.run_requests[0].run_key, "yet it is a new build"
