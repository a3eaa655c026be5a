select
    source_key,
    document_id,
    path,
    file_name,
    content_hash,
    size_bytes,
    encoding
from {{ source('staging', 'documents') }}
