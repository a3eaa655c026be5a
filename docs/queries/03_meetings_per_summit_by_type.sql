-- How many meetings per summit, by type and status?
select
    summit_id,
    meeting_type,
    count(*) filter (where status = 'held') as held,
    count(*) filter (where status = 'planned') as planned
from marts.meetings
group by summit_id, meeting_type
order by summit_id, meeting_type
