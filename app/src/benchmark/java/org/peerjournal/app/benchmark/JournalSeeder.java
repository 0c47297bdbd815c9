package org.peerjournal.app.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.peerjournal.command.ids.TimeOrderedIds;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.peerjournal.shared.journal.command.RecordContactNoteCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeds journals through the command gateway, as the application records them (validation, aggregate, event store,
 * snapshots), never by SQL. Journals are independent aggregates, so a few threads seed them side by side; each
 * journal is opened by the team lead and its notes are recorded by the team's peer support workers.
 */
final class JournalSeeder {

    /** A note of realistic size (~300 characters): the payload is part of every cost measured. */
    static final String NOTE_TEXT = "Met at the day centre. Talked about the week ahead, the appointment with the"
            + " housing office on Thursday and how sleep has been since the change of medication. Agreed to call"
            + " on Monday; the client will bring the letter from the landlord to the next meeting.";
    /** Notes occur within the last 364 days, so a one-year report window holds all of them. */
    static final Duration SPREAD = Duration.ofDays(364);

    private final CommandGateway gateway;
    private final String teamId;
    private final Actor teamLead;
    private final List<Actor> workers = new ArrayList<>();

    JournalSeeder(CommandGateway gateway, String teamId, String teamLeadId, int workerCount) {
        this.gateway = gateway;
        this.teamId = teamId;
        this.teamLead = new Actor(teamLeadId, Role.TEAM_LEAD, teamId);
        for (int i = 1; i <= workerCount; i++) {
            workers.add(new Actor(String.format(Locale.ROOT, "psw-%02d", i), Role.PSW, teamId));
        }
    }

    /**
     * Ids as the service creates them ({@link TimeOrderedIds}); {@code -Dbench.randomIds=true} seeds random ones
     * instead, as the service created them before session 7 (to compare what the read models' indexes cost).
     */
    static UUID newId() {
        return Boolean.getBoolean("bench.randomIds") ? UUID.randomUUID() : TimeOrderedIds.next();
    }

    /** Opens one journal (no notes); answers its id. */
    UUID open(String patientRef) {
        UUID journalId = newId();
        gateway.sendAndWait(new OpenJournalCommand(journalId, teamId, patientRef, "Patient " + patientRef,
                teamLead));
        return journalId;
    }

    /**
     * Opens {@code journals} journals with {@code notesPerJournal} notes each, spread over {@code threads} threads,
     * printing progress every tenth of the way; answers the journal ids and the time it took.
     */
    Result seed(int journals, int notesPerJournal, int threads) throws Exception {
        Instant now = Instant.now();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<UUID>> futures = new ArrayList<>();
            for (int i = 0; i < journals; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    UUID journalId = seedOne(index, notesPerJournal, now);
                    int finished = done.incrementAndGet();
                    if (finished % Math.max(1, journals / 10) == 0) {
                        double seconds = (System.nanoTime() - start) / 1e9;
                        System.out.printf(Locale.ROOT, "  seeded %d/%d journals in %.0f s (%.0f events/s, %s)%n",
                                finished, journals, seconds, finished * (notesPerJournal + 1.0) / seconds,
                                LoadAverage.describe());
                    }
                    return journalId;
                }));
            }
            List<UUID> ids = new ArrayList<>();
            for (Future<UUID> future : futures) {
                ids.add(future.get());
            }
            return new Result(ids, (long) journals * (notesPerJournal + 1), System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Records one note now (occurred an hour ago) by the given worker; for timed appends after seeding. */
    static void recordNote(CommandGateway gateway, UUID journalId, Actor worker) {
        gateway.sendAndWait(new RecordContactNoteCommand(journalId, newId(),
                ContactType.INDIVIDUAL_CONVERSATION, Instant.now().minus(Duration.ofHours(1)), 45, NOTE_TEXT, worker));
    }

    private UUID seedOne(int index, int notes, Instant now) {
        // Seeded per journal: the same data set on every run.
        Random random = new Random(index);
        UUID journalId = open(String.format(Locale.ROOT, "SCALE-%05d", index));
        ContactType[] types = ContactType.values();
        long spreadMinutes = SPREAD.toMinutes();
        for (int i = 0; i < notes; i++) {
            Instant occurredAt = now.minus(Duration.ofMinutes(1 + (long) (random.nextDouble() * (spreadMinutes - 1))));
            gateway.sendAndWait(new RecordContactNoteCommand(journalId, newId(),
                    types[random.nextInt(types.length)], occurredAt, 15 + random.nextInt(106), NOTE_TEXT,
                    workers.get(random.nextInt(workers.size()))));
        }
        return journalId;
    }

    /** @param events journal openings plus notes */
    record Result(List<UUID> journalIds, long events, long nanos) {

        double seconds() {
            return nanos / 1e9;
        }

        double eventsPerSecond() {
            return events / seconds();
        }
    }
}
