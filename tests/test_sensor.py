"""The seeds-folder sensor: exact cursor by content hash, new / changed / removed / settling files."""

import json
import os
import time
from pathlib import Path

import dagster as dg
import pytest

from orchestration.defs.automation import RANGE_END, RANGE_START, seeds_folder_sensor
from orchestration.partitions import partition_key

OLD = time.time() - 3600


def write(folder: Path, name: str, text: str, mtime: float = OLD) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture()
def seeds(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    monkeypatch.setenv("SUMMITS_SEEDS_DIR", str(folder))
    return folder


def tick(cursor: str | None = None) -> dg.SensorResult:
    with dg.instance_for_test() as instance:
        return seeds_folder_sensor(dg.build_sensor_context(instance=instance, cursor=cursor))


def extraction_runs(result: dg.SensorResult) -> list[dg.RunRequest]:
    return [r for r in result.run_requests if r.job_name == "extract_documents"]


def added(result: dg.SensorResult) -> list[str]:
    return [
        key
        for request in result.dynamic_partitions_requests
        if isinstance(request, dg.AddDynamicPartitionsRequest)
        for key in request.partition_keys
    ]


def deleted(result: dg.SensorResult) -> list[str]:
    return [
        key
        for request in result.dynamic_partitions_requests
        if isinstance(request, dg.DeleteDynamicPartitionsRequest)
        for key in request.partition_keys
    ]


def test_first_tick_adds_partitions_and_builds_everything_in_one_run(seeds) -> None:
    """On start the folder is synced in one run (nothing is staged twice), and every file gets its partition."""
    write(seeds, "a.txt", "APEC leaders met.")
    result = tick()
    assert added(result) == ["a.txt"]
    assert [r.job_name for r in result.run_requests] == ["sync_folder"]
    assert json.loads(result.cursor)["a.txt"]["hash"]


def test_new_file_adds_partition_and_requests_its_run(seeds) -> None:
    cursor = tick().cursor
    write(seeds, "a.txt", "APEC leaders met.")
    result = tick(cursor)
    assert added(result) == ["a.txt"]
    assert [r.partition_key for r in result.run_requests] == ["a.txt"]
    assert [r.job_name for r in result.run_requests] == ["extract_documents"]


def test_many_new_files_run_as_one_range(seeds) -> None:
    cursor = tick().cursor
    for number in range(10):
        write(seeds, f"doc{number}.txt", f"article {number}")
    result = tick(cursor)
    assert len(added(result)) == 10
    runs = extraction_runs(result)
    assert len(runs) == 1
    assert runs[0].tags[RANGE_START] == "doc0.txt"
    assert runs[0].tags[RANGE_END] == "doc9.txt"


def test_unchanged_folder_requests_nothing(seeds) -> None:
    write(seeds, "a.txt", "same")
    first = tick()
    second = tick(first.cursor)
    assert second.run_requests == [] and added(second) == [] and deleted(second) == []


def test_changed_content_reruns_its_partition(seeds) -> None:
    path = write(seeds, "a.txt", "first version")
    first = tick()
    write(seeds, "a.txt", "second version", mtime=OLD + 10)
    second = tick(first.cursor)
    assert [r.partition_key for r in second.run_requests] == ["a.txt"]
    assert added(second) == []
    assert path.exists()


def test_many_changed_files_run_as_one_reconciliation(seeds) -> None:
    for number in range(5):
        write(seeds, f"doc{number}.txt", f"first version {number}")
    first = tick()
    for number in range(5):
        write(seeds, f"doc{number}.txt", f"second version {number}", mtime=OLD + 10)
    second = tick(first.cursor)
    assert extraction_runs(second) == []
    assert [r.job_name for r in second.run_requests] == ["sync_folder"]
    assert second.run_requests[0].run_key.startswith("changed:5:")


def test_touched_but_identical_file_is_not_reprocessed(seeds) -> None:
    write(seeds, "a.txt", "same text")
    first = tick()
    write(seeds, "a.txt", "same text", mtime=OLD + 100)
    assert tick(first.cursor).run_requests == []


def test_removed_file_retires_partition_and_rows(seeds) -> None:
    path = write(seeds, "a.txt", "text")
    first = tick()
    path.unlink()
    second = tick(first.cursor)
    assert deleted(second) == ["a.txt"]
    assert [r.job_name for r in second.run_requests] == ["sync_folder"]
    assert "a.txt" not in json.loads(second.cursor)


def test_file_still_being_written_waits_for_next_tick(seeds) -> None:
    write(seeds, "growing.txt", "partial", mtime=time.time())
    first = tick()
    assert added(first) == [] and extraction_runs(first) == []
    write(seeds, "growing.txt", "partial and complete")
    second = tick(first.cursor)
    assert added(second) == ["growing.txt"]


def test_file_arriving_mid_run_is_picked_up_by_the_next_tick(seeds) -> None:
    write(seeds, "a.txt", "first")
    first = tick()  # a run for a.txt is now in progress
    write(seeds, "b.txt", "arrived while the run was going")
    second = tick(first.cursor)
    assert added(second) == ["b.txt"]
    assert [r.partition_key for r in second.run_requests] == ["b.txt"]


def test_file_with_an_old_timestamp_is_not_skipped(seeds) -> None:
    write(seeds, "a.txt", "first")
    first = tick()
    write(seeds, "old.txt", "copied with its 1999 timestamp", mtime=946684800)
    second = tick(first.cursor)
    assert added(second) == ["old.txt"]


def test_partition_keys_are_stable_and_safe() -> None:
    assert partition_key("000_abc.txt") == "000_abc.txt"
    odd = partition_key("x'; drop table staging.documents; --.txt")
    assert odd == partition_key("x'; drop table staging.documents; --.txt")
    assert all(ch.isalnum() or ch in "._-" for ch in odd)


def test_the_same_file_removed_and_added_again_is_a_new_event_each_time(seeds) -> None:
    """Dagster runs a run key once: each addition and removal of one name needs its own key."""
    write(seeds, "a.txt", "one")
    keys = []
    cursor = tick().cursor
    for number in range(2):
        (seeds / "a.txt").unlink()
        removal = tick(cursor)
        keys += [r.run_key for r in removal.run_requests]
        write(seeds, "a.txt", "one", mtime=OLD + number + 1)  # the same text, written again later
        addition = tick(removal.cursor)
        keys += [r.run_key for r in addition.run_requests]
        cursor = addition.cursor
    assert len(keys) == len(set(keys)) >= 4
