-- One row per distinct content: files with identical bytes share a document (the first path wins).
-- File facts come from ingestion, what the text says from the extraction step (null until extracted).
select
    documents.document_id,
    documents.path,
    documents.file_name,
    documents.content_hash,
    documents.size_bytes,
    documents.encoding,
    facts.title,
    facts.dateline_place,
    facts.dateline_date,
    facts.publication_date,
    facts.source_outlet,
    facts.is_live_blog,
    facts.summit_year,
    facts.summit_basis
from {{ source('staging', 'documents') }} as documents
left join {{ source('staging', 'document_facts') }} as facts
    on documents.document_id = facts.document_id
qualify row_number() over (partition by documents.document_id order by documents.path) = 1
