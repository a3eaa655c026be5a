-- The summit each document reports on, joined to the reference table of APEC summits.
select
    documents.document_id,
    documents.summit_year,
    'apec-' || documents.summit_year as summit_id
from {{ ref('stg_documents') }} as documents
inner join {{ ref('apec_summits') }} as summits
    on documents.summit_year = summits.year
