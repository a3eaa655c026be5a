-- One row per distinct content: files with identical bytes share a document (the first path wins).
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
qualify row_number() over (partition by document_id order by path) = 1
