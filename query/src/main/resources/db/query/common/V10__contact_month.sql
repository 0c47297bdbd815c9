-- journal-directory: every journal's contacts per calendar month (UTC), with one count and one minutes column per
-- contact type. The contact report answers the whole months of its window from here, about 12 rows a journal a
-- year, and only the partial months at the window's ends from contact_entry (one row per note): at 100,000 notes a
-- one-year report read every note and took 70-200 ms of SQL on H2 (docs/benchmarks.md). A new contact type needs
-- its two columns here (the projection names them after the type).
create table contact_month (
    journal_id                       uuid         not null,
    calendar_month                   integer      not null, -- year * 100 + month, e.g. 202611
    team_id                          varchar(255) not null,
    individual_conversation_contacts integer      not null default 0,
    individual_conversation_minutes  bigint       not null default 0,
    group_session_contacts           integer      not null default 0,
    group_session_minutes            bigint       not null default 0,
    accompanied_appointment_contacts integer      not null default 0,
    accompanied_appointment_minutes  bigint       not null default 0,
    home_visit_contacts              integer      not null default 0,
    home_visit_minutes               bigint       not null default 0,
    treatment_conference_contacts    integer      not null default 0,
    treatment_conference_minutes     bigint       not null default 0,
    phone_or_video_contacts          integer      not null default 0,
    phone_or_video_minutes           bigint       not null default 0,
    other_contacts                   integer      not null default 0,
    other_minutes                    bigint       not null default 0,
    primary key (journal_id, calendar_month)
);
create index ix_contact_month_team on contact_month (team_id, calendar_month);

-- Contacts projected before this table existed. Flyway runs before the projection starts, so contact_entry is
-- exactly what the projection has handled; from here on the projection keeps both.
insert into contact_month (journal_id, calendar_month, team_id,
    individual_conversation_contacts, individual_conversation_minutes,
    group_session_contacts, group_session_minutes,
    accompanied_appointment_contacts, accompanied_appointment_minutes,
    home_visit_contacts, home_visit_minutes,
    treatment_conference_contacts, treatment_conference_minutes,
    phone_or_video_contacts, phone_or_video_minutes,
    other_contacts, other_minutes)
select journal_id,
       cast(extract(year from occurred_at at time zone 'UTC') * 100
            + extract(month from occurred_at at time zone 'UTC') as integer),
       team_id,
       sum(case when contact_type = 'INDIVIDUAL_CONVERSATION' then 1 else 0 end),
       sum(case when contact_type = 'INDIVIDUAL_CONVERSATION' then duration_minutes else 0 end),
       sum(case when contact_type = 'GROUP_SESSION' then 1 else 0 end),
       sum(case when contact_type = 'GROUP_SESSION' then duration_minutes else 0 end),
       sum(case when contact_type = 'ACCOMPANIED_APPOINTMENT' then 1 else 0 end),
       sum(case when contact_type = 'ACCOMPANIED_APPOINTMENT' then duration_minutes else 0 end),
       sum(case when contact_type = 'HOME_VISIT' then 1 else 0 end),
       sum(case when contact_type = 'HOME_VISIT' then duration_minutes else 0 end),
       sum(case when contact_type = 'TREATMENT_CONFERENCE' then 1 else 0 end),
       sum(case when contact_type = 'TREATMENT_CONFERENCE' then duration_minutes else 0 end),
       sum(case when contact_type = 'PHONE_OR_VIDEO' then 1 else 0 end),
       sum(case when contact_type = 'PHONE_OR_VIDEO' then duration_minutes else 0 end),
       sum(case when contact_type = 'OTHER' then 1 else 0 end),
       sum(case when contact_type = 'OTHER' then duration_minutes else 0 end)
from contact_entry
where retracted = false
group by journal_id, team_id,
         cast(extract(year from occurred_at at time zone 'UTC') * 100
            + extract(month from occurred_at at time zone 'UTC') as integer);
