-- One row per meeting: the same summit and set of participants, merged across sentences and documents.
with date_votes as (
    select
        meeting_id,
        meeting_date,
        count(*) as votes
    from {{ ref('int_meeting_mentions') }}
    where meeting_date is not null
    group by meeting_id, meeting_date
),

dates as (
    select
        meeting_id,
        first(meeting_date order by votes desc, meeting_date asc) as meeting_date
    from date_votes
    group by meeting_id
),

location_votes as (
    select
        meeting_id,
        location,
        count(*) as votes
    from {{ ref('int_meeting_mentions') }}
    where location is not null
    group by meeting_id, location
),

locations as (
    select
        meeting_id,
        first(location order by votes desc, location asc) as location
    from location_votes
    group by meeting_id
),

topics as (
    select
        meeting_id,
        list_sort(list_distinct(flatten(list(topics)))) as topics,
        list_sort(list_distinct(flatten(list(topic_terms)))) as topic_terms
    from {{ ref('int_meeting_mentions') }}
    group by meeting_id
),

meeting_people as (
    select distinct
        meeting_id,
        unnest(participant_ids) as person_id
    from {{ ref('int_meeting_mentions') }}
),

participant_names as (
    select
        meetings.meeting_id,
        list_sort(list(people.person_name)) as participant_names
    from meeting_people as meetings
    inner join {{ ref('people') }} as people on meetings.person_id = people.person_id
    group by meetings.meeting_id
),

ranked_mentions as (
    select
        *,
        lpad((99 - named_participant_count)::varchar, 2, '0')
        || (status <> 'held')::int
        || (lower(cue) not in ('meet', 'meets', 'met', 'meeting', 'meetings', 'talks', 'summit'))::int
        || document_id
        || lpad(sentence_index::varchar, 6, '0') as evidence_rank
    from {{ ref('int_meeting_mentions') }}
),

merged as (
    select
        meeting_id,
        any_value(summit_id) as summit_id,
        any_value(participant_ids) as participant_ids,
        case when bool_or(status = 'held') then 'held' else 'planned' end as status,
        count(*) as mention_count,
        count(distinct document_id) as source_document_count,
        arg_min(evidence, evidence_rank) as evidence,
        arg_min(document_id, evidence_rank) as evidence_document_id,
        arg_min(sentence_index, evidence_rank) as evidence_sentence_index,
        list(evidence order by document_id, sentence_index) as evidence_sentences,
        list(distinct document_id order by document_id) as document_ids,
        bool_and(coalesce(section_index, 0) > 0) as appended_section_only,
        bool_or(renamed_participant_count > 0) as has_renamed_participant
    from ranked_mentions
    group by meeting_id
)

select
    merged.meeting_id,
    merged.summit_id,
    dates.meeting_date,
    case len(merged.participant_ids)
        when 2 then 'bilateral'
        when 3 then 'trilateral'
        else 'multilateral'
    end as meeting_type,
    merged.status,
    locations.location,
    topics.topics,
    topics.topic_terms,
    participant_names.participant_names,
    len(merged.participant_ids) as participant_count,
    merged.source_document_count,
    merged.mention_count,
    merged.evidence,
    merged.evidence_document_id,
    merged.evidence_sentence_index,
    merged.evidence_sentences,
    merged.document_ids,
    merged.appended_section_only,
    (
        merged.has_renamed_participant
        or merged.meeting_id in (select conflicts.meeting_id from {{ ref('int_meeting_conflicts') }} as conflicts)
    ) as has_conflict
from merged
left join dates on merged.meeting_id = dates.meeting_id
left join locations on merged.meeting_id = locations.meeting_id
left join topics on merged.meeting_id = topics.meeting_id
left join participant_names on merged.meeting_id = participant_names.meeting_id
