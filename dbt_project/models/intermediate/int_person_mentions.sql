-- Person mentions with their canonical person and the summit of their document.
select
    mentions.document_id,
    mentions.sentence_index,
    mentions.start_char,
    mentions.end_char,
    mentions.mention_text,
    person_names.person_id,
    person_names.display_name as person_name,
    person_names.name_key as person_name_key,
    mentions.title,
    mentions.role_kind,
    mentions.economy,
    mentions.is_attendance,
    mentions.attendance_cue,
    sentences.sentence_text,
    sentences.section_index,
    document_summits.summit_id,
    document_summits.summit_year,
    document_summits.start_date as summit_start_date
from {{ ref('stg_person_mentions') }} as mentions
inner join {{ ref('int_person_names') }} as person_names
    on mentions.person_name = person_names.person_name
left join {{ ref('stg_sentences') }} as sentences
    on
        mentions.document_id = sentences.document_id
        and mentions.sentence_index = sentences.sentence_index
left join {{ ref('int_document_summits') }} as document_summits
    on mentions.document_id = document_summits.document_id
