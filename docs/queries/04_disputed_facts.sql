-- Which facts do the sources disagree on?
select
    kind,
    summit_id,
    subject,
    claim_a,
    claim_b,
    len(documents) as documents
from marts.conflicts
order by summit_id, kind, subject
