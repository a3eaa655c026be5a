-- Who met Xi Jinping at each summit?
select
    summit_id,
    meeting_date,
    status,
    list_filter(participant_names, lambda person: person <> 'Xi Jinping') as met_with
from marts.meetings
where list_contains(participant_names, 'Xi Jinping')
order by summit_id asc, meeting_date asc nulls last, met_with asc
