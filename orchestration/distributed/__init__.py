"""The distributed mode: extraction fanned out over Celery workers, staging as Parquet batches, Dagster's
instance on PostgreSQL, the same dbt models through the dbt target `distributed` (docs/SCALING.md)."""
