package io.nifidataflow.enrich;

import static io.nifidataflow.enrich.EnrichEventRunner.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deduplication through a DistributedMapCacheClient: two processors on one cache behave like two cluster nodes. */
class EnrichEventDistributedDedupeTest {

    private final Map<ByteBuffer, byte[]> server = InMemoryMapCacheClient.newServer();

    private EnrichEventRunner node(final String window) throws Exception {
        final EnrichEventRunner node = new EnrichEventRunner();
        final InMemoryMapCacheClient client = new InMemoryMapCacheClient(server);
        node.runner.addControllerService("cache", client);
        node.runner.enableControllerService(client);
        node.runner.setProperty(EnrichEvent.DISTRIBUTED_CACHE, "cache");
        node.runner.setProperty(EnrichEvent.DEDUPLICATION_WINDOW, window);
        return node;
    }

    @Test
    void anIdSeenOnOneNodeIsADuplicateOnAnother() throws Exception {
        final EnrichEventRunner first = node("10 min");
        final EnrichEventRunner second = node("10 min");
        final ObjectNode event = event("e-1", 60, "u", "view", "p-1");
        first.enqueue(event);
        first.runner.run();
        second.enqueue(event, event("e-2", 30, "u", "view", "p-1"));
        second.runner.run();

        assertEquals(1, first.recordCount("success"));
        assertEquals(1, second.recordCount("duplicate"));
        assertEquals(1, second.recordCount("success"));
        assertTrue(server.containsKey(ByteBuffer.wrap((DistributedDeduplicator.KEY_PREFIX + "e-1").getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void deduplicationSurvivesARestart() throws Exception {
        final EnrichEventRunner node = node("10 min");
        final ObjectNode event = event("e-1", 60, "u", "view", "p-1");
        node.enqueue(event);
        node.runner.run();
        node.enqueue(event);
        node.runner.run();
        assertEquals(1, node.recordCount("duplicate"), "stopping the processor clears memory, not the cache");
    }

    @Test
    void theWindowStillCountsFromFirstSight() throws Exception {
        final EnrichEventRunner node = node("10 min");
        final ObjectNode event = event("e-1", 60, "u", "view", "p-1");
        node.enqueue(event);
        node.runner.run(1, false, true);
        node.advance(9 * 60_000);
        node.enqueue(event);
        node.runner.run(1, false, false);
        node.advance(60_000);
        node.enqueue(event);
        node.runner.run(1, false, false);
        assertEquals(1, node.recordCount("duplicate"));
        assertEquals(2, node.recordCount("success"));
    }

    @Test
    void anUnreachableCacheSendsTheFlowFileToFailureAndTheRetryIsNotADuplicate() throws Exception {
        final EnrichEventRunner node = new EnrichEventRunner();
        final InMemoryMapCacheClient client = new InMemoryMapCacheClient(server);
        node.runner.addControllerService("cache", client);
        node.runner.enableControllerService(client);
        node.runner.setProperty(EnrichEvent.DISTRIBUTED_CACHE, "cache");
        node.runner.setProperty(EnrichEvent.DEDUPLICATION_WINDOW, "10 min");

        // The first id is stored, then the cache fails once: the stored id must be removed again.
        client.failOneCallAfter(1);
        final String content = EnrichEventRunner.array(event("e-1", 60, "u", "view", "p-1"), event("e-2", 30, "u", "view", "p-2"));
        node.runner.enqueue(content);
        node.runner.run(1, false, true);
        node.runner.assertAllFlowFilesTransferred(EnrichEvent.REL_FAILURE, 1);
        node.runner.getFlowFilesForRelationship(EnrichEvent.REL_FAILURE).get(0).assertContentEquals(content);
        assertTrue(node.runner.getFlowFilesForRelationship(EnrichEvent.REL_FAILURE).get(0).getAttribute(EnrichEvent.ERROR_ATTRIBUTE)
                .contains("cache server unreachable"));
        assertEquals(0, server.size(), "the failed FlowFile's ids were removed from the cache");

        node.runner.clearTransferState();
        node.runner.enqueue(content);
        node.runner.run(1, true, false);
        assertEquals(2, node.recordCount("success"), "the retry is not its own duplicate");
        assertEquals(2, node.records("success").get(1).get("history").get("session_event_count").asInt());
    }
}
