-- Owned by the command side: what the journal's rules need to know of each note (author, revision, retracted),
-- kept here rather than in the aggregate's snapshot, which then stays small however long the journal (ADR 0011).
-- Written in the transaction that stores the note's event; filled from the events already stored by V17_1.
create table note_fact (
    note_id    varchar(36)  not null,
    journal_id varchar(36)  not null,
    author_id  varchar(200) not null,
    revision   integer      not null,
    retracted  boolean      not null,
    primary key (note_id)
);
