-- Meetings that reports place on two different stated dates or in two different stated places, and
-- meeting mentions whose date falls on another weekday than the one their own sentence names.
with stated_dates as (
    select
        meeting_id,
        summit_id,
        meeting_date::varchar as claim,
        arg_min(evidence, document_id || ':' || lpad(sentence_index::varchar, 6, '0')) as evidence,
        list(distinct document_id) as documents
    from {{ ref('int_meeting_mentions') }}
    where date_basis = 'stated'
    group by meeting_id, summit_id, meeting_date
),

stated_places as (
    select
        meeting_id,
        summit_id,
        location as claim,
        arg_min(evidence, document_id || ':' || lpad(sentence_index::varchar, 6, '0')) as evidence,
        list(distinct document_id) as documents
    from {{ ref('int_meeting_mentions') }}
    where location_basis = 'stated'
    group by meeting_id, summit_id, location
),

claims as (
    select
        'meeting_date' as kind,
        *
    from stated_dates
    union all
    select
        'meeting_place' as kind,
        *
    from stated_places
),

claim_pairs as (
    select
        first_claim.kind,
        first_claim.summit_id,
        first_claim.meeting_id,
        first_claim.claim as claim_a,
        second_claim.claim as claim_b,
        first_claim.evidence as evidence_a,
        second_claim.evidence as evidence_b,
        list_sort(list_distinct(list_concat(first_claim.documents, second_claim.documents))) as documents
    from claims as first_claim
    inner join claims as second_claim
        on
            first_claim.kind = second_claim.kind
            and first_claim.meeting_id = second_claim.meeting_id
            and first_claim.claim < second_claim.claim
),

-- "met on Wednesday" with a meeting_date that is a Friday: the sentence contradicts its own date.
weekday_mismatches as (
    select
        'weekday_mismatch' as kind,
        summit_id,
        meeting_id,
        stated_weekday || ' (named in the sentence)' as claim_a,
        meeting_date::varchar || ' (a ' || dayname(meeting_date) || ', the meeting''s date)' as claim_b,
        arg_min(evidence, document_id || ':' || lpad(sentence_index::varchar, 6, '0')) as evidence_a,
        'calendar: ' || meeting_date::varchar || ' is a ' || dayname(meeting_date) as evidence_b,
        list_sort(list(distinct document_id)) as documents
    from {{ ref('int_meeting_mentions') }}
    where
        stated_weekday is not null
        and meeting_date is not null
        and lower(stated_weekday) <> lower(dayname(meeting_date))
    group by summit_id, meeting_id, stated_weekday, meeting_date
)

select * from claim_pairs
union all
select * from weekday_mismatches
