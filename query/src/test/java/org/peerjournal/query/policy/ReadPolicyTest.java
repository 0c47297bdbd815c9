package org.peerjournal.query.policy;

import org.junit.jupiter.api.Test;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.error.ActionNotPermittedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadPolicyTest {

    private static final Actor PSW = new Actor("anna", Role.PSW, "north");
    private static final Actor CLINICIAN = new Actor("clara", Role.CLINICIAN, "north");
    private static final Actor LEAD = new Actor("david", Role.TEAM_LEAD, "north");
    private static final Actor AUDITOR = new Actor("eva", Role.AUDITOR, null);

    @Test
    void teamListsAreForMembersOfTheTeamAndDefaultToTheirOwn() {
        assertThat(ReadPolicy.requireTeamMember(PSW, null, "journals")).isEqualTo("north");
        assertThat(ReadPolicy.requireTeamMember(CLINICIAN, "north", "journals")).isEqualTo("north");
        assertThatThrownBy(() -> ReadPolicy.requireTeamMember(PSW, "south", "journals"))
                .isInstanceOf(ActionNotPermittedException.class)
                .hasMessage("Only members of team south may see its journals");
        assertThatThrownBy(() -> ReadPolicy.requireTeamMember(AUDITOR, null, "escalations"))
                .isInstanceOf(ActionNotPermittedException.class);
    }

    @Test
    void theOverviewIsForClinicalStaffAndTheReportForTheTeamLead() {
        ReadPolicy.mayReadOverview(CLINICIAN, "north");
        ReadPolicy.mayReadOverview(LEAD, "north");
        assertThatThrownBy(() -> ReadPolicy.mayReadOverview(PSW, "north"))
                .isInstanceOf(ActionNotPermittedException.class);
        assertThatThrownBy(() -> ReadPolicy.mayReadOverview(LEAD, "south"))
                .isInstanceOf(ActionNotPermittedException.class);

        ReadPolicy.mayReadContactReport(LEAD, "north");
        assertThatThrownBy(() -> ReadPolicy.mayReadContactReport(CLINICIAN, "north"))
                .isInstanceOf(ActionNotPermittedException.class);
    }

    @Test
    void aJournalIsReadOnlyByItsOwnTeam() {
        assertThat(ReadPolicy.mayReadJournal("north", "north")).isTrue();
        assertThat(ReadPolicy.mayReadJournal("south", "north")).isFalse();
        assertThat(ReadPolicy.mayReadJournal(null, "north")).isFalse();
    }
}
