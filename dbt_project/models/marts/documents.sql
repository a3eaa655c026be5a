-- One row per document (distinct content of the seeds folder), readable or not: the sources that the
-- evidence columns of the other marts point to, with what each contributes.
select
    documents.document_id,
    documents.file_name,
    documents.file_names,
    documents.title,
    documents.source_outlet,
    documents.publication_date,
    documents.dateline_date,
    document_summits.summit_id,
    documents.is_live_blog,
    documents.status,
    documents.error_reason,
    coalesce(activity.sentence_count, 0) as sentence_count,
    coalesce(activity.person_mention_count, 0) as person_mention_count,
    coalesce(activity.attendee_count, 0) as attendee_count,
    coalesce(activity.meeting_mention_count, 0) as meeting_mention_count
from {{ ref('int_documents') }} as documents
left join {{ ref('int_document_summits') }} as document_summits
    on documents.document_id = document_summits.document_id
left join {{ ref('int_document_activity') }} as activity
    on documents.document_id = activity.document_id
