-- Which meetings are reported by more than one sentence or source, and which rest on a single sentence?
select
    summit_id,
    participant_names,
    source_document_count as documents,
    mention_count as sentences
from marts.meetings
order by mention_count desc, summit_id asc, participant_names asc
