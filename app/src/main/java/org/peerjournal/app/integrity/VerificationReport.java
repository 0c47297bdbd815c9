package org.peerjournal.app.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * What a verification found: each discrepancy on its own line (naming the journal, sequence number and event, or
 * the missing range), notes that are not tampering (events not yet covered by a checkpoint, which key was
 * trusted), and what was checked.
 */
public final class VerificationReport {

    private final List<String> discrepancies = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long events;
    private long treeSize;
    private long verifiedTreeSize;

    void discrepancy(String line) {
        discrepancies.add(line);
    }

    void note(String line) {
        notes.add(line);
    }

    /** Takes over what another pass found: its lines, its counts and the tree size it verified. */
    void add(VerificationReport other) {
        discrepancies.addAll(other.discrepancies);
        notes.addAll(other.notes);
        events += other.events;
        treeSize += other.treeSize;
        verifiedUpTo(other.verifiedTreeSize);
    }

    void counted(long events, long treeSize) {
        this.events = events;
        this.treeSize = treeSize;
    }

    void verifiedUpTo(long treeSize) {
        this.verifiedTreeSize = Math.max(verifiedTreeSize, treeSize);
    }

    public boolean intact() {
        return discrepancies.isEmpty();
    }

    public List<String> discrepancies() {
        return List.copyOf(discrepancies);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public long events() {
        return events;
    }

    public long treeSize() {
        return treeSize;
    }

    /** The largest tree size a trusted, validly signed checkpoint covered and the store matched. */
    public long verifiedTreeSize() {
        return verifiedTreeSize;
    }
}
