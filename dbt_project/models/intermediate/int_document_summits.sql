-- The summit each document reports on, with the reference facts of that summit (seed apec_summits).
select
    documents.document_id,
    documents.summit_year,
    'apec-' || documents.summit_year as summit_id,
    summits.summit_name,
    summits.host_economy,
    summits.host_city,
    summits.start_date,
    summits.end_date
from {{ ref('int_documents') }} as documents
inner join {{ ref('apec_summits') }} as summits
    on documents.summit_year = summits.year
