package org.peerjournal.query.notification;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The delivery state of the latest notification of each escalation, for the queue to show. */
@Component
public class NotificationStates {

    public static final String NONE = "NONE";

    private final NamedParameterJdbcTemplate jdbc;

    NotificationStates(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Per escalation: FAILED if any notification finally failed, else the latest one's state. */
    public Map<UUID, String> of(Collection<UUID> escalationIds) {
        Map<UUID, String> states = new HashMap<>();
        if (escalationIds.isEmpty()) {
            return states;
        }
        List<Map<String, Object>> rows = jdbc.queryForList("select escalation_id, status from notification_outbox"
                + " where escalation_id in (:ids) order by created_at, sequence_no", Map.of("ids", escalationIds));
        for (Map<String, Object> row : rows) {
            UUID id = (UUID) row.get("escalation_id");
            String status = (String) row.get("status");
            if (!NotificationOutbox.FAILED.equals(states.get(id))) {
                states.put(id, status);
            }
        }
        return states;
    }
}
