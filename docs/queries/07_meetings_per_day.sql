-- On which days were meetings held, and how many?
select
    summit_id,
    meeting_date,
    dayname(meeting_date) as day_of_week,
    count(*) as meetings
from marts.meetings
where meeting_date is not null
group by summit_id, meeting_date
order by summit_id, meeting_date
