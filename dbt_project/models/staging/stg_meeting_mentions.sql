select
    document_id,
    mention_index,
    sentence_index,
    start_char,
    end_char,
    evidence,
    cue,
    participants,
    meeting_date,
    date_basis,
    stated_weekday,
    status,
    location,
    location_basis,
    topics,
    topic_terms
from {{ source('staging', 'meeting_mentions') }}
