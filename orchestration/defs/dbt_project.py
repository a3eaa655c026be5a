"""The one cached DbtProject; its manifest is re-parsed whenever the dbt project's files change."""

import hashlib
import os
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration import settings

# dbt's profile reads the warehouse path from the environment: pass it on absolute, defaults applied.
os.environ["SUMMITS_DUCKDB_PATH"] = str(settings.duckdb_path())
SEED_DIR = settings.PROJECT_ROOT / "extraction" / "reference"


def _project_fingerprint() -> str:
    digest = hashlib.sha256()
    roots = [settings.DBT_PROJECT_DIR / name for name in ("models", "macros", "tests")]
    files = [settings.DBT_PROJECT_DIR / "dbt_project.yml", *SEED_DIR.glob("*.csv")]
    files += [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]
    for path in sorted(files):
        digest.update(str(path.relative_to(settings.PROJECT_ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _prepare(project: DbtProject) -> None:
    stamp = Path(project.manifest_path).with_name("summits_fingerprint.txt")
    fingerprint = _project_fingerprint()
    if not Path(project.manifest_path).exists() or not stamp.exists() or stamp.read_text() != fingerprint:
        project.preparer.prepare(project)
        stamp.write_text(fingerprint)


dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
_prepare(dbt_project)
