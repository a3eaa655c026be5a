"""The extraction meets its targets on the seed articles, measured as `make eval` measures it."""

import pytest

from evaluation.names import PersonIndex, name_keys
from evaluation.scoring import evaluate
from tests.conftest import FIXTURES


def test_name_variants_match() -> None:
    assert name_keys("Lee Jae Myung") & name_keys("Lee Jae-myung")
    assert name_keys("Ishiba Shigeru") & name_keys("Shigeru Ishiba")
    assert name_keys("Kim Namjoon") & name_keys("Kim Nam-joon")
    assert not name_keys("Lee Jae-min") & name_keys("Lee Jae Myung")


def test_person_index_uses_aliases_and_real_world_names() -> None:
    index = PersonIndex()
    index.add("Shizo Abe", ["Abe"], real_world="Shigeru Ishiba")
    index.add("Shigeru Ishiba", ["Ishiba Shigeru"])
    assert index.canonical("Ishiba Shigeru") == index.canonical("Shizo Abe")
    assert index.canonical("Somebody Else") == "else somebody"


@pytest.mark.parametrize("strict", [False, True])
def test_seed_targets(built_warehouse, strict: bool) -> None:
    report = evaluate(built_warehouse, FIXTURES / "seeds_gold.json", strict=strict)
    assert report.scores["summits"].f1 == 1.0
    assert report.scores["attendees"].f1 >= 0.95
    assert report.scores["meetings"].f1 >= 0.90
    assert report.date_accuracy >= 0.90
