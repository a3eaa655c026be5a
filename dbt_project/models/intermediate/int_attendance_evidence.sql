-- Every sentence that shows a person taking part in a summit: an attendance mention (arriving,
-- attending, speaking, hosting) in a document about the summit, or a meeting mention the person is a
-- participant of. Read by the attendees mart (one row per summit and person) and the documents mart.
with attendance_mentions as (
    select distinct
        summit_id,
        person_id,
        document_id,
        sentence_index,
        sentence_text,
        section_index,
        'attendance' as evidence_kind
    from {{ ref('int_person_mentions') }}
    where is_attendance and summit_id is not null
),

meeting_participation as (
    select distinct
        summit_id,
        unnest(participant_ids) as person_id,
        document_id,
        sentence_index,
        evidence as sentence_text,
        section_index,
        'meeting' as evidence_kind
    from {{ ref('int_meeting_mentions') }}
)

select * from attendance_mentions
union all
select * from meeting_participation
