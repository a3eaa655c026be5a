select
    document_id,
    sentence_index,
    paragraph_index,
    section_index,
    start_char,
    end_char,
    text as sentence_text,
    kind as sentence_kind,
    entry_date,
    summit_year
from {{ source('staging', 'sentences') }}
