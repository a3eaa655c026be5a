"""The reference files (public facts in `extraction/reference/*.csv`) as source assets: the extraction
reads them and dbt loads each as a seed, so the lineage shows reference data where it is used."""

import dagster as dg

from orchestration import settings

REFERENCE_DIR = settings.PROJECT_ROOT / "extraction" / "reference"


def reference_file_key(name: str) -> dg.AssetKey:
    return dg.AssetKey(["reference_files", name])


reference_files = [
    dg.AssetSpec(
        reference_file_key(path.stem),
        group_name="sources",
        kinds={"csv"},
        description=f"Public reference facts ({path.name}, sources per row in extraction/reference/README.md), "
        f"read by the extraction and loaded by dbt as the seed reference/{path.stem}.",
        metadata={"path": dg.MetadataValue.path(str(path))},
    )
    for path in sorted(REFERENCE_DIR.glob("*.csv"))
]
REFERENCE_FILES = [spec.key for spec in reference_files]
