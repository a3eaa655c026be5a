select
    document_id,
    sentence_index,
    start_char,
    end_char,
    text as mention_text,
    year as mentioned_year,
    host_city as mentioned_host_city
from {{ source('staging', 'summit_mentions') }}
