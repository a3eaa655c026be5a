-- How many people did each economy send to each summit, and who led its delegation?
select
    summit_id,
    economy,
    count(*) as people,
    string_agg(person_name, ', ' order by person_name) filter (where attendee_kind = 'leader') as leaders
from marts.attendees
where economy is not null
group by summit_id, economy
order by summit_id asc, people desc, economy asc
