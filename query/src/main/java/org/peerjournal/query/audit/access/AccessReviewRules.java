package org.peerjournal.query.audit.access;

import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.AccessLogEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Applies the review rules to the accesses of a window. Accesses are taken per user and calendar day (in the
 * configured zone): a finding never spans two days, so its id (a hash of rule, user, day and what it is about)
 * comes out the same in every review that covers the day.
 */
public final class AccessReviewRules {

    private final AccessReviewProperties rules;

    public AccessReviewRules(AccessReviewProperties rules) {
        this.rules = rules;
    }

    /** The day whose accesses a finding id stems from; ids are {@code yyyy-MM-dd-<hash>}. */
    public static LocalDate dayOf(String findingId) {
        return LocalDate.parse(findingId.substring(0, 10));
    }

    /**
     * @param accesses every access of the window, oldest first
     * @param factsOf  what the rules need to know of a journal
     * @return the findings, oldest first
     */
    public List<AccessFinding> findings(List<AccessLogEntry> accesses, Function<UUID, JournalCareFacts> factsOf) {
        Map<String, Map<LocalDate, List<AccessLogEntry>>> byUserAndDay = new LinkedHashMap<>();
        accesses.stream().filter(access -> rules.reviewedActions().contains(access.action()))
                .sorted(Comparator.comparing(AccessLogEntry::at))
                .forEach(access -> byUserAndDay.computeIfAbsent(access.userId(), user -> new LinkedHashMap<>())
                        .computeIfAbsent(dayOf(access), day -> new ArrayList<>()).add(access));
        List<AccessFinding> findings = new ArrayList<>();
        byUserAndDay.forEach((user, days) -> days.forEach((day, reads) -> {
            findings.addAll(bulkReading(user, day, reads));
            findings.addAll(outsideWorkingHours(user, day, reads));
            findings.addAll(perJournal(ReviewRule.DORMANT_JOURNAL, user, day, reads,
                    read -> factsOf.apply(read.journalId()).dormantAt(read.at(), rules.dormantJournal().after())));
            if (rules.noCareRelation().enabled()) {
                findings.addAll(perJournal(ReviewRule.NO_CARE_RELATION, user, day, reads,
                        read -> Role.valueOf(read.role()).isTeamMember() && !factsOf.apply(read.journalId())
                                .hadPartInCare(read.userId(), Role.valueOf(read.role()), read.at())));
            }
        }));
        findings.sort(Comparator.comparing(AccessFinding::firstAt).thenComparing(AccessFinding::rule)
                .thenComparing(AccessFinding::findingId));
        return findings;
    }

    /** Every stretch of one user's reads where some window of the configured length held too many journals. */
    private List<AccessFinding> bulkReading(String user, LocalDate day, List<AccessLogEntry> reads) {
        int most = rules.bulkReading().maxJournals();
        Duration within = rules.bulkReading().within();
        Map<UUID, Integer> inWindow = new HashMap<>();
        List<AccessFinding> findings = new ArrayList<>();
        int windowStart = 0;
        int burstStart = -1;
        int burstEnd = -1;
        for (int i = 0; i < reads.size(); i++) {
            inWindow.merge(reads.get(i).journalId(), 1, Integer::sum);
            while (Duration.between(reads.get(windowStart).at(), reads.get(i).at()).compareTo(within) >= 0) {
                inWindow.computeIfPresent(reads.get(windowStart).journalId(), (id, n) -> n == 1 ? null : n - 1);
                windowStart++;
            }
            if (inWindow.size() > most) {
                if (burstStart >= 0 && windowStart <= burstEnd) {
                    burstEnd = i;
                } else {
                    addBurst(findings, user, day, reads, burstStart, burstEnd);
                    burstStart = windowStart;
                    burstEnd = i;
                }
            }
        }
        addBurst(findings, user, day, reads, burstStart, burstEnd);
        return findings;
    }

    private void addBurst(List<AccessFinding> findings, String user, LocalDate day, List<AccessLogEntry> reads,
            int start, int end) {
        if (start >= 0) {
            List<AccessLogEntry> burst = reads.subList(start, end + 1);
            findings.add(finding(ReviewRule.BULK_READING, user, day, burst.get(0).at().toString(), burst));
        }
    }

    private List<AccessFinding> outsideWorkingHours(String user, LocalDate day, List<AccessLogEntry> reads) {
        List<AccessLogEntry> outside = reads.stream().filter(read -> rules.outsideWorkingHours()
                .covers(read.at().atZone(rules.zone()).toLocalTime())).toList();
        return outside.isEmpty() ? List.of()
                : List.of(finding(ReviewRule.OUTSIDE_WORKING_HOURS, user, day, "", outside));
    }

    /** One finding per journal whose reads by the user that day the rule picks out. */
    private List<AccessFinding> perJournal(ReviewRule rule, String user, LocalDate day, List<AccessLogEntry> reads,
            Predicate<AccessLogEntry> picked) {
        Map<UUID, List<AccessLogEntry>> byJournal = new LinkedHashMap<>();
        reads.stream().filter(picked)
                .forEach(read -> byJournal.computeIfAbsent(read.journalId(), id -> new ArrayList<>()).add(read));
        return byJournal.entrySet().stream()
                .map(journal -> finding(rule, user, day, journal.getKey().toString(), journal.getValue())).toList();
    }

    private static AccessFinding finding(ReviewRule rule, String user, LocalDate day, String about,
            List<AccessLogEntry> entries) {
        List<UUID> journals = entries.stream().map(AccessLogEntry::journalId).distinct().toList();
        return new AccessFinding(findingId(rule, user, day, about), rule, user, day, journals, entries.get(0).at(),
                entries.get(entries.size() - 1).at(), List.copyOf(entries), null);
    }

    private LocalDate dayOf(AccessLogEntry access) {
        return access.at().atZone(rules.zone()).toLocalDate();
    }

    static String findingId(ReviewRule rule, String user, LocalDate day, String about) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join("\n", rule.name(), user,
                    day.toString(), about).getBytes(StandardCharsets.UTF_8));
            return day + "-" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
