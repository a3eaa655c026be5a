select
    document_id,
    sentence_index,
    start_char,
    end_char,
    text as mention_text,
    person_name,
    title,
    role_kind,
    economy,
    is_attendance,
    attendance_cue
from {{ source('staging', 'person_mentions') }}
