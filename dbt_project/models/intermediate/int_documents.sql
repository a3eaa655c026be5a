-- One row per document: every distinct content of the seeds folder, readable or not. A readable file's
-- id is the first 16 hex digits of the SHA-256 of its bytes (as staging.documents); an unreadable file
-- gets the same from its hash when it has one, else 'unreadable-' and a digest of its source key, which
-- is no 16-digit hex id and so never collides with a real one. Files with identical bytes share a row.
with readable_files as (
    select
        document_id,
        source_key,
        file_name,
        content_hash,
        size_bytes,
        null::varchar as error_reason
    from {{ ref('stg_documents') }}
),

unreadable_files as (
    select
        coalesce(left(content_hash, 16), 'unreadable-' || left(md5(source_key), 16)) as document_id,
        source_key,
        file_name,
        content_hash,
        size_bytes,
        reason as error_reason
    from {{ ref('stg_document_errors') }}
),

files as (
    select * from readable_files
    union all
    select * from unreadable_files
),

contents as (
    select
        document_id,
        min(file_name) as file_name,
        list_sort(list_distinct(list(file_name))) as file_names,
        any_value(content_hash) as content_hash,
        max(size_bytes) as size_bytes,
        arg_min(error_reason, file_name) filter (where error_reason is not null) as error_reason
    from files
    group by document_id
)

select
    contents.document_id,
    contents.file_name,
    contents.file_names,
    contents.content_hash,
    contents.size_bytes,
    facts.title,
    facts.dateline_place,
    facts.dateline_date,
    facts.publication_date,
    facts.source_outlet,
    facts.is_live_blog,
    facts.summit_year,
    facts.summit_basis,
    case when contents.error_reason is null then 'extracted' else 'unreadable' end as status,
    contents.error_reason
from contents
left join {{ ref('stg_document_facts') }} as facts
    on contents.document_id = facts.document_id
