-- Who took part in the most meetings across all summits?
select
    p.person_name,
    p.economy,
    count(*) as meetings,
    count(distinct m.summit_id) as summits
from marts.meeting_participants as p
inner join marts.meetings as m on p.meeting_id = m.meeting_id
group by p.person_name, p.economy
order by meetings desc, p.person_name asc
limit 5
