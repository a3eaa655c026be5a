select
    document_id,
    path,
    file_name,
    content_hash,
    size_bytes,
    encoding,
    title,
    dateline_place,
    dateline_date,
    publication_date,
    source_outlet,
    is_live_blog,
    summit_year,
    summit_basis
from {{ source('staging', 'documents') }}
