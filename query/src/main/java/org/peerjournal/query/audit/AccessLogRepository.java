package org.peerjournal.query.audit;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

interface AccessLogRepository extends JpaRepository<AccessLogRecord, String> {

    @Query("select r from AccessLogRecord r where r.journalId = :journalId"
            + " and (cast(:from as timestamp) is null or r.readAt >= :from)"
            + " and (cast(:to as timestamp) is null or r.readAt < :to) order by r.readAt, r.eventId")
    List<AccessLogRecord> readsOf(UUID journalId, Instant from, Instant to);

    @Query("select r from AccessLogRecord r where r.readAt >= :from and r.readAt < :to order by r.readAt, r.eventId")
    List<AccessLogRecord> readsBetween(Instant from, Instant to);
}
