select
    source_key,
    path,
    file_name,
    content_hash,
    size_bytes,
    reason,
    recorded_at
from {{ source('staging', 'document_errors') }}
