-- People the office record identifies with someone else: a name the record does not know, given an
-- office at a summit that the record says another person held on the summit's date ("Shizo Abe" as
-- Japan's prime minister in 2024), when the documents about that summit name the holder too. Meetings
-- key such a participant as the holder, so one meeting reported under two names is one meeting.
with summit_people as (
    select distinct
        summit_id,
        person_id
    from {{ ref('int_person_mentions') }}
    where summit_id is not null
),

holders as (
    select
        role_holders.summit_id,
        role_holders.person_id,
        holder_names.person_id as holder_id
    from {{ ref('int_summit_role_holders') }} as role_holders
    inner join {{ ref('int_person_names') }} as holder_names
        on holder_names.name_key = {{ name_key('role_holders.holder_name') }}
    inner join summit_people
        on role_holders.summit_id = summit_people.summit_id and holder_names.person_id = summit_people.person_id
    where
        holder_names.person_id <> role_holders.person_id
        and not role_holders.is_recorded_name
)

select
    summit_id,
    person_id,
    min(holder_id) as holder_id
from holders
group by summit_id, person_id
