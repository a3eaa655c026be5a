-- One row per canonical person across all documents.
with economy_votes as (
    select
        person_id,
        economy,
        count(*) as votes
    from {{ ref('int_person_mentions') }}
    where economy is not null
    group by person_id, economy
),

economies as (
    select
        person_id,
        first(economy order by votes desc, economy asc) as economy
    from economy_votes
    group by person_id
),

latest_roles as (
    select
        person_id,
        first(
            title order by coalesce(summit_year, 0) desc, document_id desc, sentence_index desc, title asc
        ) as latest_role
    from {{ ref('int_person_mentions') }}
    where title is not null
    group by person_id
),

aliases as (
    select
        person_id,
        any_value(person_name) as person_name,
        list_sort(list_distinct(list(mention_text))) as aliases
    from {{ ref('int_person_mentions') }}
    group by person_id
)

select
    aliases.person_id,
    aliases.person_name,
    aliases.aliases,
    economies.economy,
    latest_roles.latest_role
from aliases
left join economies on aliases.person_id = economies.person_id
left join latest_roles on aliases.person_id = latest_roles.person_id
