-- The role, kind and economy each person is given in the documents about each summit, by majority of
-- the mentions that state a title, with a sentence that states it and the person's canonical name.
with title_votes as (
    select
        summit_id,
        person_id,
        title,
        any_value(person_name) as person_name,
        any_value(person_name_key) as person_name_key,
        any_value(summit_start_date) as summit_start_date,
        any_value(role_kind) as role_kind,
        count(*) as votes,
        arg_min(sentence_text, document_id || ':' || lpad(sentence_index::varchar, 6, '0')) as evidence,
        min(document_id) as evidence_document_id
    from {{ ref('int_person_mentions') }}
    where summit_id is not null and title is not null
    group by summit_id, person_id, title
),

roles as (
    select
        summit_id,
        person_id,
        any_value(person_name) as person_name,
        any_value(person_name_key) as person_name_key,
        any_value(summit_start_date) as summit_start_date,
        first(title order by votes desc, lower(title) = 'leader' asc, title asc) as role,
        first(role_kind order by votes desc, lower(title) = 'leader' asc, title asc) as attendee_kind,
        first(evidence order by votes desc, lower(title) = 'leader' asc, title asc) as role_evidence,
        first(evidence_document_id order by votes desc, lower(title) = 'leader' asc, title asc) as role_document_id
    from title_votes
    group by summit_id, person_id
),

economy_votes as (
    select
        summit_id,
        person_id,
        economy,
        count(*) as votes
    from {{ ref('int_person_mentions') }}
    where summit_id is not null and economy is not null
    group by summit_id, person_id, economy
),

economies as (
    select
        summit_id,
        person_id,
        first(economy order by votes desc, economy asc) as economy
    from economy_votes
    group by summit_id, person_id
)

select
    roles.summit_id,
    roles.person_id,
    roles.person_name,
    roles.person_name_key,
    roles.summit_start_date,
    roles.role,
    roles.attendee_kind,
    economies.economy,
    roles.role_evidence,
    roles.role_document_id
from roles
left join economies
    on roles.summit_id = economies.summit_id and roles.person_id = economies.person_id
