-- APEC summits that at least one document reports on.
select
    summit_id,
    any_value(summit_name) as summit_name,
    any_value(summit_year) as year,  -- noqa: RF04
    any_value(host_economy) as host_economy,
    any_value(host_city) as host_city,
    any_value(start_date) as start_date,
    any_value(end_date) as end_date,
    count(distinct document_id) as document_count
from {{ ref('int_document_summits') }}
group by summit_id
