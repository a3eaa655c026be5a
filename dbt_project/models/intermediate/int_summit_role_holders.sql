-- Each person's role and economy at a summit beside the person the office record says held that
-- office of that economy on the summit's first day (holder columns null where the record has none),
-- whether the record knows that office of that economy at all, and whether it knows the person's name.
-- The one model that reads the office record (seed office_holders) for people.
with record_variants as (
    select unnest(string_split(person_name || '|' || coalesce(name_variants, ''), '|')) as variant
    from {{ ref('office_holders') }}
),

record_names as (
    select distinct {{ name_key('variant') }} as name_key
    from record_variants
    where variant <> ''
)

select
    summit_roles.summit_id,
    summit_roles.person_id,
    summit_roles.person_name,
    summit_roles.role,
    summit_roles.economy,
    summit_roles.role_evidence,
    summit_roles.role_document_id,
    summit_roles.summit_start_date as start_date,
    holders.person_name as holder_name,
    holders.name_variants as holder_name_variants,
    holders.office as holder_office,
    holders.start_date as holder_start_date,
    holders.end_date as holder_end_date,
    -- a single-holder office the record knows for this economy (at any date)
    exists(
        select 1
        from {{ ref('office_holders') }} as offices
        where summit_roles.economy = offices.economy and lower(summit_roles.role) = lower(offices.office)
    ) as is_recorded_office,
    -- the person's name, in any order or spelling variant, is a name the record knows
    summit_roles.person_name_key in (select record_names.name_key from record_names) as is_recorded_name
from {{ ref('int_person_summit_roles') }} as summit_roles
left join {{ ref('office_holders') }} as holders
    on
        summit_roles.economy = holders.economy
        and lower(summit_roles.role) = lower(holders.office)
        and summit_roles.summit_start_date >= holders.start_date
        and summit_roles.summit_start_date < coalesce(holders.end_date, '9999-12-31'::date)
where summit_roles.economy is not null
