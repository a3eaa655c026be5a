select
    document_id,
    title,
    dateline_place,
    dateline_date,
    publication_date,
    source_outlet,
    is_live_blog,
    summit_year,
    summit_basis
from {{ source('staging', 'document_facts') }}
