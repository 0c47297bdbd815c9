package org.peerjournal.query.operations.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peerjournal.query.operations.ProjectionStatus;
import org.peerjournal.query.operations.Projections;
import org.peerjournal.query.operations.Reconciler;
import org.peerjournal.query.operations.Reconciliation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Operating the read side (ADMIN): no patient content passes through here. */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Operations")
class ProjectionOperationsController {

    private final Projections projections;
    private final Reconciler reconciler;

    ProjectionOperationsController(Projections projections, Reconciler reconciler) {
        this.projections = projections;
        this.reconciler = reconciler;
    }

    @GetMapping("/projections")
    @Operation(summary = "Each event processor's state, position, the head of the event store, and the lag")
    List<ProjectionStatus> projections() {
        return projections.statuses();
    }

    @PostMapping("/projections/{name}/replay")
    @Operation(summary = "Rebuild a projection from the first event while the service keeps answering (202)")
    ResponseEntity<Map<String, String>> replay(@PathVariable String name) {
        projections.replay(name);
        return ResponseEntity.accepted().body(Map.of("projection", name, "state", "REPLAYING"));
    }

    @GetMapping("/reconciliation")
    @Operation(summary = "Per event type: events stored vs. entries the projections hold for them")
    Reconciliation reconciliation() {
        return reconciler.reconcile();
    }
}
