-- People named to an office at a summit that reference data says someone else held on that date,
-- and two different people named to the same single-holder office at the same summit.
with person_display_names as (
    select distinct
        person_id,
        display_name as person_name
    from {{ ref('int_person_names') }}
),

named as (
    select
        summit_roles.summit_id,
        summit_roles.person_id,
        people.person_name,
        summit_roles.role,
        summit_roles.economy,
        summit_roles.role_evidence,
        summit_roles.role_document_id,
        summits.start_date
    from {{ ref('int_person_summit_roles') }} as summit_roles
    inner join person_display_names as people
        on summit_roles.person_id = people.person_id
    inner join {{ ref('apec_summits') }} as summits
        on summit_roles.summit_id = 'apec-' || summits.year
    where summit_roles.economy is not null
),

offices as (
    select distinct
        economy,
        office
    from {{ ref('office_holders') }}
),

not_in_office as (
    select
        'not_in_office' as kind,
        named.summit_id,
        named.person_id,
        null::varchar as other_person_id,
        named.economy || ' ' || named.role || ' at ' || named.summit_id as subject,
        named.person_name || ' (as named in the text)' as claim_a,
        holders.person_name || ' (office holder on ' || named.start_date || ', reference data)' as claim_b,
        named.role_evidence as evidence_a,
        'reference.office_holders: ' || holders.person_name || ' held ' || holders.office || ' of '
        || holders.economy || ' from ' || holders.start_date || coalesce(' to ' || holders.end_date, '') as evidence_b,
        [named.role_document_id] as documents
    from named
    inner join {{ ref('office_holders') }} as holders
        on
            named.economy = holders.economy
            and lower(named.role) = lower(holders.office)
            and named.start_date >= holders.start_date
            and named.start_date < coalesce(holders.end_date, '9999-12-31'::date)
    where
        {{ name_key('named.person_name') }} <> {{ name_key('holders.person_name') }}
        -- a known variant of the holder's name ("Joseph R. Biden" for Joe Biden) is the holder
        and not list_contains(
            list_transform(
                string_split(coalesce(holders.name_variants, ''), '|'), lambda variant: {{ name_key('variant') }}
            ),
            {{ name_key('named.person_name') }}
        )
),

two_people as (
    select
        'two_people_one_office' as kind,
        first_person.summit_id,
        first_person.person_id,
        second_person.person_id as other_person_id,
        first_person.economy || ' ' || first_person.role || ' at ' || first_person.summit_id as subject,
        first_person.person_name as claim_a,
        second_person.person_name as claim_b,
        first_person.role_evidence as evidence_a,
        second_person.role_evidence as evidence_b,
        list_distinct([first_person.role_document_id, second_person.role_document_id]) as documents
    from named as first_person
    inner join named as second_person
        on
            first_person.summit_id = second_person.summit_id
            and first_person.economy = second_person.economy
            and lower(first_person.role) = lower(second_person.role)
            and first_person.person_id < second_person.person_id
    inner join offices
        on first_person.economy = offices.economy and lower(first_person.role) = lower(offices.office)
)

select * from not_in_office
union all
select * from two_people
