package org.peerjournal.query.operations;

import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModelProjection;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Per event processor, the database its tokens live in: a read model's own ({@link ReadModelProjection#tables()}:
 * on the embedded store the access log's file), the application's store for every other processor.
 */
@Component
class ProcessorDatabases {

    private final Map<String, ProjectionTables> readModels;
    private final ProjectionTables application;

    ProcessorDatabases(List<ReadModelProjection> projections, ProjectionTables application) {
        this.readModels = projections.stream().collect(Collectors.toMap(
                projection -> projection.readModel().name(), ReadModelProjection::tables, (same, alike) -> same));
        this.application = application;
    }

    ProjectionTables of(String processor) {
        return readModels.getOrDefault(processor, application);
    }
}
