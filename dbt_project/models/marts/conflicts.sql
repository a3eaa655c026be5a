-- Facts the sources disagree on, each with the evidence for both claims.
with office_conflicts as (
    select
        conflicts.kind,
        conflicts.summit_id,
        conflicts.subject,
        conflicts.claim_a,
        conflicts.claim_b,
        conflicts.evidence_a,
        conflicts.evidence_b,
        conflicts.documents
    from {{ ref('int_office_conflicts') }} as conflicts
),

meeting_conflicts as (
    select
        conflicts.kind,
        conflicts.summit_id,
        'meeting of ' || array_to_string(meetings.participant_names, ', ') as subject,
        conflicts.claim_a,
        conflicts.claim_b,
        conflicts.evidence_a,
        conflicts.evidence_b,
        conflicts.documents
    from {{ ref('int_meeting_conflicts') }} as conflicts
    inner join {{ ref('meetings') }} as meetings on conflicts.meeting_id = meetings.meeting_id
),

summit_conflicts as (
    select
        kind,
        summit_id,
        'host city of ' || summit_id as subject,
        stated_city as claim_a,
        reference_city as claim_b,
        evidence as evidence_a,
        'reference.apec_summits: ' || summit_id || ' was held in ' || reference_city as evidence_b,
        [document_id] as documents
    from {{ ref('int_summit_conflicts') }}
),

all_conflicts as (
    select * from office_conflicts
    union all
    select * from meeting_conflicts
    union all
    select * from summit_conflicts
)

-- The same disagreement found in several documents is one row with all its documents.
select
    substr(md5(kind || ':' || subject || ':' || claim_a || ':' || claim_b), 1, 16) as conflict_id,
    kind,
    any_value(summit_id) as summit_id,
    subject,
    claim_a,
    claim_b,
    min(evidence_a) as evidence_a,
    min(evidence_b) as evidence_b,
    list_sort(list_distinct(flatten(list(documents)))) as documents
from all_conflicts
group by kind, subject, claim_a, claim_b
