-- Which meetings were announced but never reported as held?
select
    summit_id,
    participant_names,
    meeting_date,
    evidence
from marts.meetings
where status = 'planned'
order by summit_id, participant_names
