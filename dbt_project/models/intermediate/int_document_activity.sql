-- What each extracted document contributes: its sentences, person mentions, the people it shows taking
-- part in its summit, and its meeting mentions that the marts count (one row per document with any).
with sentence_counts as (
    select
        document_id,
        count(*) as sentence_count
    from {{ ref('stg_sentences') }}
    group by document_id
),

person_mention_counts as (
    select
        document_id,
        count(*) as person_mention_count
    from {{ ref('int_person_mentions') }}
    group by document_id
),

attendee_counts as (
    select
        document_id,
        count(distinct person_id) as attendee_count
    from {{ ref('int_attendance_evidence') }}
    group by document_id
),

meeting_mention_counts as (
    select
        document_id,
        count(*) as meeting_mention_count
    from {{ ref('int_meeting_mentions') }}
    group by document_id
)

select
    sentence_counts.document_id,
    sentence_counts.sentence_count::integer as sentence_count,
    coalesce(person_mention_counts.person_mention_count, 0)::integer as person_mention_count,
    coalesce(attendee_counts.attendee_count, 0)::integer as attendee_count,
    coalesce(meeting_mention_counts.meeting_mention_count, 0)::integer as meeting_mention_count
from sentence_counts
left join person_mention_counts on sentence_counts.document_id = person_mention_counts.document_id
left join attendee_counts on sentence_counts.document_id = attendee_counts.document_id
left join meeting_mention_counts on sentence_counts.document_id = meeting_mention_counts.document_id
