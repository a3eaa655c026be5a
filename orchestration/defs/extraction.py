"""NLP extraction: spaCy and the rules of the `extraction` library over new or changed documents."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from extraction import EXTRACTOR_VERSION
from extraction.parallel import extract_in_parallel, workers_for
from orchestration import storage
from orchestration.defs.documents import DOCUMENTS, RECONCILIATION, WRITER_POOL
from orchestration.defs.reference import REFERENCE_FILES
from orchestration.partitions import documents_partitions
from orchestration.progress import Progress

EXTRACTION_RECONCILIATION = dg.AssetKey(["staging", "extraction_reconciliation"])

EXTRACTED = {
    "document_facts": "Facts read from each text: title, dateline, dates, outlet, live blog, the summit it reports on.",
    "sentences": "Sentences and layout lines of every document, with character spans.",
    "mentions": "Named entities and reference-data matches per sentence.",
    "person_mentions": "People with title, economy, canonical name and attendance cue.",
    "summit_mentions": "APEC mentions with a year or host city nearby.",
    "meeting_mentions": "Sentences reporting meetings: participants, date, status, place, topics.",
}


def extract_pending(context: dg.AssetExecutionContext, con, keys: list[str] | None) -> int:
    """Extract the staged documents (of these keys) that this extractor version has not seen. Texts
    stream from DuckDB through `nlp.pipe` (in worker processes when there are many); every few
    documents are written in one transaction, so a document's rows are whole or absent."""
    pending = storage.pending_document_ids(con, EXTRACTOR_VERSION, keys)
    workers = workers_for(len(pending))
    context.log.info(f"{len(pending)} documents to extract with {workers} process(es)")
    progress = Progress(len(pending), context.log.info)
    extractions = extract_in_parallel(storage.document_texts(con, pending), workers)
    storage.write_extractions_in_batches(con, extractions, EXTRACTOR_VERSION, progress.advance)
    return len(pending)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["staging", name], deps=[DOCUMENTS, *REFERENCE_FILES], description=text, kinds={"spacy", "duckdb"}
        )
        for name, text in EXTRACTED.items()
    ],
    group_name="sources",
    partitions_def=documents_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    can_subset=False,
    pool=WRITER_POOL,
)
def nlp_extraction(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Extract the documents of the run's partitions."""
    with duckdb.get_connection() as con:
        extracted = extract_pending(context, con, list(context.partition_keys))
        counts = {name: storage.table_count(con, f"staging.{name}") for name in EXTRACTED}
    for name, count in counts.items():
        yield dg.MaterializeResult(
            asset_key=["staging", name],
            metadata={
                "dagster/row_count": count,
                "documents_extracted": extracted,
                "extractor_version": EXTRACTOR_VERSION,
            },
        )


@dg.asset(
    key=EXTRACTION_RECONCILIATION,
    group_name="sources",
    deps=[RECONCILIATION, *REFERENCE_FILES],
    pool=WRITER_POOL,
    description="Extracts every staged document the current extractor version has not processed.",
    kinds={"spacy", "duckdb"},
)
def extraction_reconciliation(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        extracted = extract_pending(context, con, None)
    return dg.MaterializeResult(metadata={"documents_extracted": extracted})
