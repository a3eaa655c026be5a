-- People named to an office at a summit that reference data says someone else held on that date,
-- and two different people named to the same single-holder office at the same summit.
with role_holders as (
    select * from {{ ref('int_summit_role_holders') }}
),

named as (
    select distinct
        summit_id,
        person_id,
        person_name,
        role,
        economy,
        role_evidence,
        role_document_id,
        start_date,
        is_recorded_office
    from role_holders
),

not_in_office as (
    select
        'not_in_office' as kind,
        summit_id,
        person_id,
        null::varchar as other_person_id,
        economy || ' ' || role || ' at ' || summit_id as subject,
        person_name || ' (as named in the text)' as claim_a,
        holder_name || ' (office holder on ' || start_date || ', reference data)' as claim_b,
        role_evidence as evidence_a,
        'reference.office_holders: ' || holder_name || ' held ' || holder_office || ' of '
        || economy || ' from ' || holder_start_date || coalesce(' to ' || holder_end_date, '') as evidence_b,
        [role_document_id] as documents
    from role_holders
    where
        holder_name is not null
        and {{ name_key('person_name') }} <> {{ name_key('holder_name') }}
        -- a known variant of the holder's name ("Joseph R. Biden" for Joe Biden) is the holder
        and not list_contains(
            list_transform(
                string_split(coalesce(holder_name_variants, ''), '|'), lambda variant: {{ name_key('variant') }}
            ),
            {{ name_key('person_name') }}
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
    where first_person.is_recorded_office
)

select * from not_in_office
union all
select * from two_people
