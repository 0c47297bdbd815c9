package org.peerjournal.query.audit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** Entries of answers given at the same time are stored together, and each answer waits for its own. */
class GroupCommitTest {

    private final EventStore store = mock(EventStore.class);
    private final GroupCommit groupCommit = new GroupCommit(store);
    private final List<List<Object>> transactions = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstMayFinish = new CountDownLatch(1);
    private final ExecutorService readers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopReaders() {
        readers.shutdownNow();
    }

    @Test
    void entriesArrivingWhileOneIsStoredAreStoredTogetherAndNoCallerReturnsBeforeItsOwn() throws Exception {
        storeBlocksItsFirstTransaction(null);

        CompletableFuture<Void> first = read("first");
        await().until(() -> transactions.size() == 1);
        List<CompletableFuture<Void>> waiting = List.of(read("a"), read("b"), read("c"));
        await().until(() -> groupCommit.waiting() == 3);

        assertThat(first).isNotDone();
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        firstMayFinish.countDown();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);

        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0)).containsExactly("first");
        assertThat(transactions.get(1)).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void whenAGroupCannotBeStoredEveryCallerInItGetsTheFailure() throws Exception {
        storeBlocksItsFirstTransaction(new IllegalStateException("store down"));

        CompletableFuture<Void> first = read("first");
        await().until(() -> transactions.size() == 1);
        List<CompletableFuture<Void>> waiting = List.of(read("a"), read("b"));
        await().until(() -> groupCommit.waiting() == 2);
        firstMayFinish.countDown();

        assertThat(first).failsWithin(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> read : waiting) {
            assertThat(read).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                    .withRootCauseInstanceOf(IllegalStateException.class).withMessageContaining("store down");
        }
    }

    @Test
    void anErrorInTheStoreLeavesTheNextCallerFreeToWrite() {
        doThrow(new AssertionError("store broken")).doNothing().when(store).publish(any(List.class));

        assertThatThrownBy(() -> groupCommit.store(GenericEventMessage.asEventMessage("first")))
                .isInstanceOf(AssertionError.class);
        assertThat(read("second")).succeedsWithin(10, TimeUnit.SECONDS);
    }

    @Test
    void insideAUnitOfWorkTheEventJoinsThatUnitsTransactionAlone() {
        EventMessage<?> event = GenericEventMessage.asEventMessage("inside");
        DefaultUnitOfWork.startAndGet(null).execute(() -> groupCommit.store(event));

        verify(store).publish(event);
        verify(store, never()).publish(any(List.class));
    }

    /** The first transaction waits for the test; each fails with {@code failure} at its end, if one is given. */
    private void storeBlocksItsFirstTransaction(RuntimeException failure) {
        doAnswer(call -> {
            List<EventMessage<?>> events = call.getArgument(0);
            transactions.add(events.stream().map(EventMessage::getPayload).map(Object.class::cast).toList());
            if (transactions.size() == 1) {
                firstMayFinish.await(10, TimeUnit.SECONDS);
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        }).when(store).publish(any(List.class));
    }

    private CompletableFuture<Void> read(String entry) {
        return CompletableFuture.runAsync(() -> groupCommit.store(GenericEventMessage.asEventMessage(entry)),
                readers);
    }
}
