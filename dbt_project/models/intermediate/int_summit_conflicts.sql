-- Sentences that place a summit in a different city than the reference table of APEC summits.
select
    'summit_place' as kind,
    document_summits.summit_id,
    mentions.mentioned_host_city as stated_city,
    document_summits.host_city as reference_city,
    sentences.sentence_text as evidence,
    mentions.document_id,
    mentions.start_char
from {{ ref('stg_summit_mentions') }} as mentions
inner join {{ ref('int_document_summits') }} as document_summits
    on mentions.document_id = document_summits.document_id and mentions.mentioned_year = document_summits.summit_year
inner join {{ ref('stg_sentences') }} as sentences
    on mentions.document_id = sentences.document_id and mentions.sentence_index = sentences.sentence_index
where mentions.mentioned_host_city is not null and mentions.mentioned_host_city <> document_summits.host_city
