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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

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
    /** How much earlier than its place in the store's order a seeded note may have occurred: written down late. */
    private static final Duration MAX_LATENESS = Duration.ofHours(1);

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
     * Opens {@code journals} journals, then records {@code notesPerJournal} notes in each, spread over {@code threads}
     * threads, printing progress every tenth of the way; answers the journal ids and the time it took.
     *
     * <p>The notes are recorded in rounds, one note per journal each round, so that the store holds them in the order
     * they occurred, over the last {@link #SPREAD}, as a team's store fills in a year: each journal's notes spread over
     * that year, the notes of all journals interleaved. Notes one after another in the store lie minutes apart, less
     * an hour at most for a note written down late; each journal's own notes days apart, always in order. (They are
     * all recorded now, so the journal marks nearly every one a late entry, as before.) Until session 21 each
     * journal got all its notes in one go, each at a random moment of the year; the read models' indexes on the
     * time of a contact then grew at random places, which real use does not do (docs/benchmarks.md, "Projection
     * replay speed", session 21). Each round visits every journal: with more journals than the aggregate cache
     * holds (1,000 by default), every command loads its journal from the store.
     */
    Result seed(int journals, int notesPerJournal, int threads) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<UUID> ids = inParallel(pool, journals,
                    index -> () -> open(String.format(Locale.ROOT, "SCALE-%05d", index)));
            // An hour in, so that the earliest note, however late, lies within SPREAD.
            Instant firstContact = Instant.now().minus(SPREAD).plus(MAX_LATENESS);
            long notes = (long) journals * notesPerJournal;
            // One generator per journal, as each journal's rounds run one after the other: the same data every run.
            List<Random> randoms = IntStream.range(0, journals).mapToObj(Random::new).toList();
            for (int round = 0; round < notesPerJournal; round++) {
                long roundStart = (long) round * journals;
                inParallel(pool, journals, index -> () -> {
                    Instant due = firstContact.plus(SPREAD.minus(MAX_LATENESS).multipliedBy(roundStart + index)
                            .dividedBy(notes));
                    recordNote(ids.get(index), due, randoms.get(index));
                    return null;
                });
                if ((round + 1) % Math.max(1, notesPerJournal / 10) == 0) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long events = journals + roundStart + journals;
                    System.out.printf(Locale.ROOT, "  seeded %d/%d notes per journal in %.0f s (%.0f events/s, %s)%n",
                            round + 1, notesPerJournal, seconds, events / seconds, LoadAverage.describe());
                }
            }
            return new Result(ids, journals + notes, System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the task of each index from 0 to {@code count - 1} on the pool; answers their results in index order. */
    private static <T> List<T> inParallel(ExecutorService pool, int count, IntFunction<Callable<T>> task)
            throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> done : pool.invokeAll(IntStream.range(0, count).mapToObj(task).toList())) {
            results.add(done.get());
        }
        return results;
    }

    /** Records one note now (occurred an hour ago) by the given worker; for timed appends after seeding. */
    static void recordNote(CommandGateway gateway, UUID journalId, Actor worker) {
        gateway.sendAndWait(new RecordContactNoteCommand(journalId, newId(),
                ContactType.INDIVIDUAL_CONVERSATION, Instant.now().minus(Duration.ofHours(1)), 45, NOTE_TEXT, worker));
    }

    /** One seeded note, occurring up to {@link #MAX_LATENESS} before its place in the order of the store. */
    private void recordNote(UUID journalId, Instant due, Random random) {
        ContactType[] types = ContactType.values();
        Instant late = due.minus(Duration.ofSeconds(random.nextInt((int) MAX_LATENESS.toSeconds())));
        gateway.sendAndWait(new RecordContactNoteCommand(journalId, newId(), types[random.nextInt(types.length)],
                late, 15 + random.nextInt(106), NOTE_TEXT, workers.get(random.nextInt(workers.size()))));
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
