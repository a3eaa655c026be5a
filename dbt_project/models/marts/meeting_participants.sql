-- One row per meeting and participant, with the role the participant held at that summit.
with participants as (
    select distinct
        meeting_id,
        summit_id,
        unnest(participant_ids) as person_id
    from {{ ref('int_meeting_mentions') }}
)

select
    participants.meeting_id,
    participants.person_id,
    people.person_name,
    people.economy,
    attendees.role
from participants
inner join {{ ref('people') }} as people on participants.person_id = people.person_id
left join {{ ref('attendees') }} as attendees
    on participants.summit_id = attendees.summit_id and participants.person_id = attendees.person_id
