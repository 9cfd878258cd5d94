package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.nifidataflow.vertex.RequestBatcher.Batch;
import io.nifidataflow.vertex.RequestBatcher.InstanceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestBatcherTest {

    private static final String ENDPOINT = "projects/p/locations/us-central1/endpoints/1";

    private static Value instance(final String text) {
        return Value.newBuilder().setStructValue(Struct.newBuilder().putFields("t", Value.newBuilder().setStringValue(text).build())).build();
    }

    private static void add(final RequestBatcher batcher, final Value value, final int owner, final int index) {
        batcher.add(value, RequestBatcher.instanceBytes(value), new InstanceRef(owner, index));
    }

    @Test
    void closesARequestAtMaxBatchSizeAcrossOwners() {
        final List<Batch> batches = new ArrayList<>();
        final RequestBatcher batcher = new RequestBatcher(ENDPOINT, null, 4, Long.MAX_VALUE, batches::add);
        for (int owner = 0; owner < 3; owner++) {
            for (int i = 0; i < 3; i++) {
                add(batcher, instance(owner + "/" + i), owner, i);
            }
        }
        assertEquals(List.of(4, 4), batches.stream().map(Batch::size).toList(), "the ninth waits for more");
        batcher.flush();
        assertEquals(List.of(4, 4, 1), batches.stream().map(Batch::size).toList());
        assertEquals(List.of(new InstanceRef(0, 0), new InstanceRef(0, 1), new InstanceRef(0, 2), new InstanceRef(1, 0)), batches.get(0).refs());
        assertEquals(new InstanceRef(1, 1), batches.get(1).refs().get(0));
        for (final Batch batch : batches) {
            assertEquals(ENDPOINT, batch.request().getEndpoint());
            for (int i = 0; i < batch.size(); i++) {
                final InstanceRef ref = batch.refs().get(i);
                assertEquals(ref.owner() + "/" + ref.index(), batch.request().getInstances(i).getStructValue().getFieldsMap().get("t").getStringValue(),
                        "instances stay in step with their refs");
            }
        }
    }

    @Test
    void closesARequestBeforeItWouldExceedMaxRequestSizeCountedExactly() {
        final Value parameters = Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("top_n", Value.newBuilder().setNumberValue(10).build())).build();
        final long limit = 3_000;
        final List<Batch> batches = new ArrayList<>();
        final RequestBatcher batcher = new RequestBatcher(ENDPOINT, parameters, 1_000, limit, batches::add);
        final SplittableRandom random = new SplittableRandom(7);
        final List<Value> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            final Value value = instance("x".repeat(random.nextInt(1, 400)));
            sent.add(value);
            add(batcher, value, 0, i);
            assertTrue(batcher.openRequestBytes() <= limit);
        }
        batcher.flush();

        assertTrue(batches.size() > 10);
        final List<Value> received = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            final var request = batches.get(b).request();
            assertTrue(request.getSerializedSize() <= limit, "request " + b + " has " + request.getSerializedSize() + " bytes");
            assertEquals(parameters, request.getParameters());
            if (b + 1 < batches.size()) {
                final Value next = batches.get(b + 1).request().getInstances(0);
                assertTrue(request.getSerializedSize() + RequestBatcher.instanceBytes(next) > limit, "request " + b + " closed only when full");
            }
            received.addAll(request.getInstancesList());
        }
        assertEquals(sent, received, "nothing lost, duplicated or reordered");
    }

    @Test
    void theOpenSizeEqualsTheSerializedSizeOfTheRequestItBecomes() {
        final List<Batch> batches = new ArrayList<>();
        final RequestBatcher batcher = new RequestBatcher(ENDPOINT, null, 100, Long.MAX_VALUE, batches::add);
        add(batcher, instance("a".repeat(300)), 0, 0);
        add(batcher, instance(""), 0, 1);
        add(batcher, Value.newBuilder().setNumberValue(1).build(), 0, 2);
        final long open = batcher.openRequestBytes();
        batcher.flush();
        assertEquals(open, batches.get(0).request().getSerializedSize());
    }

    @Test
    void findsAnInstanceTooLargeForAnyRequestAndRefusesIt() {
        final RequestBatcher batcher = new RequestBatcher(ENDPOINT, null, 100, 1_000, batch -> { });
        final Value big = instance("x".repeat(1_000));
        final Value fits = instance("x".repeat(900));
        assertTrue(batcher.isOversize(RequestBatcher.instanceBytes(big)));
        assertFalse(batcher.isOversize(RequestBatcher.instanceBytes(fits)));
        assertTrue(batcher.singletonRequestBytes(RequestBatcher.instanceBytes(big)) > 1_000);
        assertThrows(IllegalArgumentException.class, () -> add(batcher, big, 0, 0));
    }

    @Test
    void flushingNothingSendsNothing() {
        final List<Batch> batches = new ArrayList<>();
        final RequestBatcher batcher = new RequestBatcher(ENDPOINT, null, 100, 10_000, batches::add);
        batcher.flush();
        add(batcher, instance("a"), 0, 0);
        batcher.flush();
        batcher.flush();
        assertEquals(1, batches.size());
    }

    @Test
    void theDefaultLimitIsOnePointFiveMebibytes() {
        final List<Batch> batches = new ArrayList<>();
        final RequestBatcher batcher = new RequestBatcher(ENDPOINT, null, 1_000, 1_572_864, batches::add);
        final Value tenKb = instance("y".repeat(10_000));
        for (int i = 0; i < 400; i++) {
            add(batcher, tenKb, i, 0);
        }
        batcher.flush();
        assertEquals(156, batches.get(0).size(), "as many 10 KB instances as fit under 1,572,864 bytes");
        assertTrue(batches.get(0).request().getSerializedSize() <= 1_572_864);
    }
}
