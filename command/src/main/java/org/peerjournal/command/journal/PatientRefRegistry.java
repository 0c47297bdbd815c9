package org.peerjournal.command.journal;

import org.peerjournal.shared.audit.JournalsShownEvent.Shown;
import org.peerjournal.shared.error.StateConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Set-based validation: a patientRef is unique within a team. The claim is inserted in the transaction that stores
 * the {@code JournalOpenedEvent}, so both commit or neither does; the primary key settles concurrent claims. The
 * claims are therefore also the list of every journal there is ({@link #everyJournal}, for a backup's access record).
 */
@Component
public class PatientRefRegistry {

    private final JdbcTemplate jdbc;

    PatientRefRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every journal opened, with its team: journals are never deleted, so every journal the store holds. */
    public List<Shown> everyJournal() {
        return jdbc.query("select journal_id, team_id from patient_ref_claim order by journal_id",
                (row, i) -> new Shown(UUID.fromString(row.getString("journal_id")), row.getString("team_id")));
    }

    public void claim(String teamId, String patientRef, UUID journalId) {
        try {
            jdbc.update("insert into patient_ref_claim (team_id, patient_ref, journal_id) values (?, ?, ?)",
                    teamId, patientRef, journalId.toString());
        } catch (DuplicateKeyException duplicate) {
            throw new StateConflictException("Team " + teamId + " already has a journal for this patientRef");
        }
    }
}
