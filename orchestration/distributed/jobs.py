"""The distributed mode's job, `build_warehouse_distributed`: plan the folder's batches, stage each batch in
its own Celery task (any number of workers share them), commit the batches, then `dbt build` with the
`distributed` target, publish and draw the reports (the embedded mode's own assets for those)."""


import os
from collections.abc import Iterator

import dagster as dg
from dagster_celery import celery_executor

from orchestration import parquet_staging, settings
from orchestration.defs.dbt import summits_dbt_models
from orchestration.defs.extraction import EXTRACTED
from orchestration.defs.publishing import published_marts, summit_reports
from orchestration.distributed import settings as distributed

# dbt's `distributed` target reads the batches from this folder (macros/staging_over_parquet.sql): absolute.
os.environ["SUMMITS_STAGING_PARQUET_DIR"] = str(distributed.parquet_dir())
STAGED = {
    "documents": "One row per article file read as text, from the committed Parquet batches.",
    "document_errors": "Files that are not readable text, with the reason, from the committed Parquet batches.",
    **EXTRACTED,
}


@dg.op(out=dg.DynamicOut(parquet_staging.Batch))
def plan_batches(context: dg.OpExecutionContext) -> Iterator[dg.DynamicOutput[parquet_staging.Batch]]:
    """List the folder and split its files into batches (one extraction task each)."""
    batches = parquet_staging.plan_batches(settings.seeds_dir(), distributed.batch_size())
    context.log.info(f"{sum(len(b.keys) for b in batches)} files in {len(batches)} batches")
    for batch in batches:
        yield dg.DynamicOutput(batch, mapping_key=batch.batch_id)


@dg.op(retry_policy=dg.RetryPolicy(max_retries=2, delay=1))
def stage_batch(context: dg.OpExecutionContext, batch: parquet_staging.Batch) -> str:
    """Read, extract and write one batch as Parquet files, on whichever worker takes the task."""
    outcome = parquet_staging.stage_batch(settings.seeds_dir(), distributed.parquet_dir(), batch)
    context.log.info(f"batch {batch.batch_id}: {outcome}")
    return batch.batch_id


@dg.op(
    out={name: dg.Out(dict, description=text) for name, text in STAGED.items()},
    ins={"batch_ids": dg.In(list[str])},
)
def commit_batches(context: dg.OpExecutionContext, batch_ids: list[str]) -> Iterator[dg.Output]:
    """Make the staged batches the whole staging; retire the batches of files that left or changed."""
    counts = parquet_staging.commit(distributed.parquet_dir(), batch_ids)
    context.log.info(f"staging: {counts}")
    for name in STAGED:
        yield dg.Output(counts, output_name=name, metadata={**counts, "folder": str(distributed.parquet_dir())})


@dg.graph_multi_asset(
    outs={
        name: dg.AssetOut(key=["staging", name], description=text, kinds={"parquet", "spacy"})
        for name, text in STAGED.items()
    },
    group_name="sources",
)
def parquet_staging_batches():
    """Every file of the seeds folder staged and extracted, in batches spread over the Celery workers."""
    batch_ids = plan_batches().map(stage_batch).collect()
    return commit_batches(batch_ids)


def distributed_executor() -> dg.ExecutorDefinition:
    return celery_executor.configured(distributed.celery_config(), name="summits_celery_executor")


# Builds run one at a time: the mode's instance limits this tag to one run (orchestration/distributed/dagster.yaml).
BUILD_TAG = {"summits/distributed_build": "folder"}
build_warehouse_distributed = dg.define_asset_job(
    "build_warehouse_distributed",
    selection=dg.AssetSelection.assets(parquet_staging_batches, summits_dbt_models, published_marts, summit_reports),
    executor_def=distributed_executor(),
    tags=BUILD_TAG,
)
