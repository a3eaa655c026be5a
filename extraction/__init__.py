"""Summit extraction: a plain library that turns article text into records (no Dagster here)."""

from extraction.pipeline import EXTRACTOR_VERSION, describe_document, extract_document, extract_documents

__all__ = ["EXTRACTOR_VERSION", "describe_document", "extract_document", "extract_documents"]
