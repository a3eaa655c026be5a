-- The attendee kind the extraction gives a titled person is the one the reference office titles give
-- that title (seed office_titles): fails on every title whose mentions carry another kind.
select distinct
    mentions.title,
    mentions.role_kind,
    titles.kind as reference_kind
from {{ ref('stg_person_mentions') }} as mentions
inner join {{ ref('office_titles') }} as titles
    on mentions.title = titles.title
where mentions.role_kind is distinct from titles.kind
