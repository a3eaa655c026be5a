-- Which leaders attended all the summits in the warehouse (and how many did each attend)?
select
    person_name,
    min(economy) as economy,
    count(distinct summit_id) as summits_attended,
    list(distinct summit_id order by summit_id) as summits,
    count(distinct summit_id) = (select count(*) from marts.summits) as attended_all
from marts.attendees
where attendee_kind = 'leader'
group by person_name
order by summits_attended desc, person_name asc
