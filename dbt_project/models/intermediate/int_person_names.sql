-- One canonical person per name variant across documents: case, accents, hyphens, spacing and
-- given/family order are ignored; a lone surname links to the one full name that contains it.
with mention_names as (
    select
        person_name,
        count(*) as mention_count
    from {{ ref('stg_person_mentions') }}
    group by person_name
),

normalised as (
    select
        person_name,
        mention_count,
        {{ name_key('person_name') }} as name_key,
        len(string_split({{ name_key('person_name') }}, ' ')) as part_count
    from mention_names
),

single_links as (
    select
        single.person_name,
        min(full_name.name_key) as linked_key,
        count(distinct full_name.name_key) as candidate_count
    from normalised as single
    inner join normalised as full_name
        on
            full_name.part_count > 1
            and list_contains(string_split(full_name.name_key, ' '), single.name_key)
    where single.part_count = 1
    group by single.person_name
),

resolved as (
    select
        normalised.person_name,
        normalised.mention_count,
        normalised.part_count,
        coalesce(
            case when single_links.candidate_count = 1 then single_links.linked_key end,
            normalised.name_key
        ) as name_key
    from normalised
    left join single_links on normalised.person_name = single_links.person_name
),

display as (
    select
        name_key,
        first(person_name order by part_count desc, mention_count desc, len(person_name) asc, person_name asc)
            as display_name
    from resolved
    group by name_key
)

select
    resolved.person_name,
    resolved.name_key,
    display.display_name,
    substr(md5(resolved.name_key), 1, 16) as person_id
from resolved
inner join display on resolved.name_key = display.name_key
