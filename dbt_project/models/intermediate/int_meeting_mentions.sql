-- Meeting mentions keyed by summit and the set of canonical participants, so that the same
-- meeting reported by several sentences or documents shares one meeting_id.
with summit_mentions as (
    select
        meetings.*,
        document_summits.summit_id,
        document_summits.summit_year
    from {{ ref('stg_meeting_mentions') }} as meetings
    inner join {{ ref('int_document_summits') }} as document_summits
        on meetings.document_id = document_summits.document_id
),

exploded as (
    select
        document_id,
        mention_index,
        summit_id,
        unnest(participants) as participant_name
    from summit_mentions
),

participant_sets as (
    select
        exploded.document_id,
        exploded.mention_index,
        list_sort(list_distinct(list(coalesce(identities.holder_id, person_names.person_id)))) as participant_ids,
        count(identities.holder_id) as renamed_participant_count
    from exploded
    inner join {{ ref('int_person_names') }} as person_names
        on exploded.participant_name = person_names.person_name
    left join {{ ref('int_person_office_identities') }} as identities
        on
            exploded.summit_id = identities.summit_id
            and person_names.person_id = identities.person_id
    group by exploded.document_id, exploded.mention_index
)

select
    meetings.document_id,
    meetings.mention_index,
    meetings.sentence_index,
    meetings.start_char,
    meetings.end_char,
    meetings.evidence,
    meetings.cue,
    meetings.meeting_date,
    meetings.date_basis,
    meetings.stated_weekday,
    meetings.status,
    meetings.location,
    meetings.location_basis,
    meetings.topics,
    meetings.topic_terms,
    len(
        list_filter(meetings.participants, lambda participant: contains(meetings.evidence, participant))  -- noqa: RF02
    ) as named_participant_count,
    participant_sets.participant_ids,
    participant_sets.renamed_participant_count,
    sentences.section_index,
    meetings.summit_id,
    meetings.summit_year,
    substr(
        md5(meetings.summit_id || ':' || array_to_string(participant_sets.participant_ids, ',')), 1, 16
    ) as meeting_id
from summit_mentions as meetings
inner join participant_sets
    on
        meetings.document_id = participant_sets.document_id
        and meetings.mention_index = participant_sets.mention_index
left join {{ ref('stg_sentences') }} as sentences
    on meetings.document_id = sentences.document_id and meetings.sentence_index = sentences.sentence_index
where len(participant_sets.participant_ids) >= 2
