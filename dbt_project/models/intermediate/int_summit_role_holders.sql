-- Each person's role and economy at a summit beside the person the office record says held that
-- office of that economy on the summit's first day (holder columns null where the record has none).
select
    summit_roles.summit_id,
    summit_roles.person_id,
    summit_roles.role,
    summit_roles.economy,
    summit_roles.role_evidence,
    summit_roles.role_document_id,
    summits.start_date,
    holders.person_name as holder_name,
    holders.name_variants as holder_name_variants,
    holders.office as holder_office,
    holders.start_date as holder_start_date,
    holders.end_date as holder_end_date
from {{ ref('int_person_summit_roles') }} as summit_roles
inner join {{ ref('apec_summits') }} as summits
    on summit_roles.summit_id = 'apec-' || summits.year
left join {{ ref('office_holders') }} as holders
    on
        summit_roles.economy = holders.economy
        and lower(summit_roles.role) = lower(holders.office)
        and summits.start_date >= holders.start_date
        and summits.start_date < coalesce(holders.end_date, '9999-12-31'::date)
where summit_roles.economy is not null
