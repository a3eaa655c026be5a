-- One row per summit and person who takes part in it: people shown attending (arriving, speaking,
-- hosting, meeting) in a document about the summit, and every participant of its meetings.
with ranked_evidence as (
    select
        *,
        document_id || ':' || lpad(sentence_index::varchar, 6, '0') as evidence_rank
    from {{ ref('int_attendance_evidence') }}
),

attendance as (
    select
        summit_id,
        person_id,
        arg_min(sentence_text, evidence_rank) as evidence,
        arg_min(document_id, evidence_rank) as evidence_document_id,
        arg_min(sentence_index, evidence_rank) as evidence_sentence_index,
        bool_and(coalesce(section_index, 0) > 0) as appended_section_only
    from ranked_evidence
    group by summit_id, person_id
),

summit_mentions as (
    select
        summit_id,
        person_id,
        count(*) as mention_count,
        count(distinct document_id) as document_count
    from {{ ref('int_person_mentions') }}
    where summit_id is not null
    group by summit_id, person_id
),

conflicted as (
    select distinct
        summit_id,
        unnest([person_id, other_person_id]) as person_id
    from {{ ref('int_office_conflicts') }}
)

select
    attendance.summit_id,
    attendance.person_id,
    people.person_name,
    summit_roles.role,
    coalesce(summit_roles.attendee_kind, 'other') as attendee_kind,
    coalesce(summit_roles.economy, people.economy) as economy,
    coalesce(summit_mentions.mention_count, 0) as mention_count,
    coalesce(summit_mentions.document_count, 0) as document_count,
    attendance.evidence,
    attendance.evidence_document_id,
    attendance.evidence_sentence_index,
    conflicted.person_id is not null as has_conflict,
    attendance.appended_section_only
from attendance
inner join {{ ref('people') }} as people on attendance.person_id = people.person_id
left join {{ ref('int_person_summit_roles') }} as summit_roles
    on attendance.summit_id = summit_roles.summit_id and attendance.person_id = summit_roles.person_id
left join conflicted
    on attendance.summit_id = conflicted.summit_id and attendance.person_id = conflicted.person_id
left join summit_mentions
    on attendance.summit_id = summit_mentions.summit_id and attendance.person_id = summit_mentions.person_id
