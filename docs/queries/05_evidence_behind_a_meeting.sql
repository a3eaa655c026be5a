-- What is the evidence behind the meeting of Park Jin, Antony Blinken and Yoko Kamikawa?
select
    m.meeting_date,
    m.location,
    unnest(m.evidence_sentences) as evidence_sentence
from marts.meetings as m
where m.participant_names = ['Antony Blinken', 'Park Jin', 'Yoko Kamikawa']
