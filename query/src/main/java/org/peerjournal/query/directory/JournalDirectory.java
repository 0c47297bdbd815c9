package org.peerjournal.query.directory;

/**
 * The journal directory: the journal list ({@link JournalListProjection}), the team overview
 * ({@link TeamOverviewProjection}) and the contact report ({@link ContactReportProjection}). Each is its own read
 * model with its own tables, but they form one processing group: one token, replayed and reconciled together, and the
 * overview reads the other two's tables in the same transaction that keeps them.
 */
public final class JournalDirectory {

    public static final String PROCESSING_GROUP = "journal-directory";

    private JournalDirectory() {
    }
}
