-- APEC summits that at least one document reports on.
with reported as (
    select
        summit_year,
        count(distinct document_id) as document_count
    from {{ ref('int_document_summits') }}
    group by summit_year
)

select
    'apec-' || summits.year as summit_id,
    summits.summit_name,
    summits.year,
    summits.host_economy,
    summits.host_city,
    summits.start_date,
    summits.end_date,
    reported.document_count
from {{ ref('apec_summits') }} as summits
inner join reported on summits.year = reported.summit_year
