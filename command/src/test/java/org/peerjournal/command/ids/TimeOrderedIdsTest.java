package org.peerjournal.command.ids;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7UuidsOfTheIetfVariantCarryingTheirCreationTime() {
        long before = Instant.now().toEpochMilli();
        UUID id = TimeOrderedIds.next();
        long after = Instant.now().toEpochMilli();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsTheStoresCompareThem() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(TimeOrderedIds.next());
        }

        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        for (int i = 1; i < ids.size(); i++) {
            // H2 and PostgreSQL compare UUIDs as unsigned 128-bit numbers (PostgreSQL byte by byte).
            UUID earlier = ids.get(i - 1);
            UUID later = ids.get(i);
            int byHigh = Long.compareUnsigned(later.getMostSignificantBits(), earlier.getMostSignificantBits());
            assertThat(byHigh).as("%s after %s", later, earlier).isPositive();
        }
    }

    @Test
    void axonsMessageIdentifiersAreTimeOrderedToo() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedMessageIds.class);
        UUID earlier = UUID.fromString(IdentifierFactory.getInstance().generateIdentifier());
        UUID later = UUID.fromString(IdentifierFactory.getInstance().generateIdentifier());

        assertThat(earlier.version()).isEqualTo(7);
        // The event tables keep identifiers as text: in creation order as text as well.
        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }
}
