"""NLP extraction: spaCy and the rules of the `extraction` library over new or changed documents."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from extraction import EXTRACTOR_VERSION, extract_documents
from orchestration import storage
from orchestration.defs.documents import DOCUMENTS

EXTRACTED = {
    "sentences": "Sentences and layout lines of every document, with character spans.",
    "mentions": "Named entities and reference-data matches per sentence.",
    "person_mentions": "People with title, economy, canonical name and attendance cue.",
    "summit_mentions": "APEC mentions with a year or host city nearby.",
    "meeting_mentions": "Sentences reporting meetings: participants, date, status, place, topics.",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["staging", name],
            deps=[DOCUMENTS],
            group_name="nlp_extraction",
            description=text,
            kinds={"spacy", "duckdb"},
        )
        for name, text in EXTRACTED.items()
    ],
    can_subset=False,
)
def nlp_extraction(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Extract documents not yet processed by this extractor version; the rest keep their rows."""
    with duckdb.get_connection() as con:
        storage.ensure_schema(con)
        pending = storage.pending_documents(con, EXTRACTOR_VERSION)
        context.log.info(f"{len(pending)} documents to extract")
        for done, extraction in enumerate(extract_documents(pending), start=1):
            storage.write_extraction(con, extraction, EXTRACTOR_VERSION)
            if done % 50 == 0 or done == len(pending):
                context.log.info(f"extracted {done}/{len(pending)} documents")
        counts = {name: storage.table_count(con, f"staging.{name}") for name in EXTRACTED}
    for name, count in counts.items():
        yield dg.MaterializeResult(
            asset_key=["staging", name],
            metadata={
                "dagster/row_count": count,
                "documents_extracted": len(pending),
                "extractor_version": EXTRACTOR_VERSION,
            },
        )
