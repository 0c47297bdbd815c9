package org.peerjournal.app.integrity;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier's rows are read on one thread and checked on another: in order, and no failure gets lost. */
class ReadAheadTest {

    @Test
    void everyRowIsCheckedOnTheCallingThreadInTheOrderItWasRead() throws SQLException {
        List<Integer> checked = new ArrayList<>();
        Thread caller = Thread.currentThread();
        AtomicInteger checkedElsewhere = new AtomicInteger();

        ReadAhead.<Integer>run(sink -> {
            for (int row = 0; row < 12_345; row++) {
                sink.accept(row);
            }
        }, row -> {
            checked.add(row);
            if (Thread.currentThread() != caller) {
                checkedElsewhere.incrementAndGet();
            }
        });

        assertThat(checked).hasSize(12_345).isSorted();
        assertThat(checked.get(12_344)).isEqualTo(12_344);
        assertThat(checkedElsewhere).hasValue(0);
    }

    @Test
    void aReadingFailureReachesTheCallerAfterTheRowsReadBeforeIt() {
        List<Integer> checked = new ArrayList<>();

        assertThatThrownBy(() -> ReadAhead.<Integer>run(sink -> {
            for (int row = 0; row < 2_500; row++) {
                sink.accept(row);
            }
            throw new SQLException("the store could not be read");
        }, checked::add)).isInstanceOf(SQLException.class).hasMessage("the store could not be read");

        assertThat(checked).hasSize(2_500);
    }

    @Test
    void aCheckingFailureStopsTheReaderBeforeTheCallerReturns() {
        AtomicInteger read = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();

        assertThatThrownBy(() -> ReadAhead.<Integer>run(sink -> {
            readers.add(Thread.currentThread());
            // Endless: only the checking thread giving up ends it.
            for (int row = 0; ; row++) {
                sink.accept(row);
                read.incrementAndGet();
            }
        }, row -> {
            if (row == 1_500) {
                throw new IllegalStateException("check failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("check failed");

        assertThat(readers).singleElement().satisfies(reader -> assertThat(reader.isAlive()).isFalse());
        assertThat(read.get()).isLessThan(1_500 + 10_000);
    }
}
