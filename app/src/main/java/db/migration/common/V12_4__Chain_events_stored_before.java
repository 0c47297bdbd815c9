package db.migration.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.peerjournal.app.integrity.EventChainer;
import org.peerjournal.app.integrity.StoredEvent;
import org.peerjournal.shared.actor.ActorMetaData;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data directory from before hash chains: its events are chained here, in global-index order, exactly as the
 * application chains new ones (the sealer then seals them into the tree like any other). Reads the events only.
 */
public class V12_4__Chain_events_stored_before extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<String, List<StoredEvent>> byChain = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select " + StoredEvent.COLUMNS
                + " from domain_event_entry order by global_index");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                StoredEvent event = StoredEvent.read(row);
                byChain.computeIfAbsent(EventChainer.chainIdOf(event, actor(row.getBytes(10))),
                        chain -> new ArrayList<>()).add(event);
            }
        }
        EventChainer.chainStored(connection, byChain);
    }

    private static Optional<String> actor(byte[] metaData) throws IOException {
        if (metaData == null) {
            return Optional.empty();
        }
        JsonNode userId = JSON.readTree(metaData).get(ActorMetaData.USER_ID);
        return userId == null || !userId.isTextual() ? Optional.empty() : Optional.of(userId.asText());
    }
}
