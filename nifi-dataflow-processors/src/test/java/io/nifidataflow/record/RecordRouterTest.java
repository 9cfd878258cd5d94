package io.nifidataflow.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordRouterTest {

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = JsonServices.addTo(TestRunners.newTestRunner(PassThroughRecords.class), PassThroughRecords.READER, PassThroughRecords.WRITER);
    }

    @Test
    void splitsRecordsIntoOneChildPerRelationshipWithCounts() {
        runner.enqueue("[{\"id\":1,\"route\":\"main\"},{\"id\":2,\"route\":\"other\"},{\"id\":3,\"route\":\"main\"}]");
        runner.run();

        final MockFlowFile main = runner.getFlowFilesForRelationship(PassThroughRecords.REL_SUCCESS).get(0);
        main.assertAttributeEquals("record.count", "2");
        main.assertAttributeEquals("mime.type", "application/json");
        main.assertContentEquals("[{\"id\":1,\"route\":\"main\"},{\"id\":3,\"route\":\"main\"}]");
        final MockFlowFile other = runner.getFlowFilesForRelationship(PassThroughRecords.REL_OTHER).get(0);
        other.assertAttributeEquals("record.count", "1");
        runner.assertTransferCount(PassThroughRecords.REL_FAILURE, 0);
    }

    @Test
    void opensNoChildForARelationshipWithoutRecords() {
        runner.enqueue("[{\"id\":1}]");
        runner.run();
        runner.assertTransferCount(PassThroughRecords.REL_SUCCESS, 1);
        runner.assertTransferCount(PassThroughRecords.REL_OTHER, 0);
    }

    @Test
    void unreadableContentSendsTheOriginalToFailureAndDiscardsPartialChildren() throws Exception {
        final byte[] garbage = "[{\"id\":1,\"route\":\"main\"},{\"id\":2, \"route\": ".getBytes(StandardCharsets.UTF_8);
        runner.enqueue(garbage);
        runner.run();

        runner.assertAllFlowFilesTransferred(PassThroughRecords.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(PassThroughRecords.REL_FAILURE).get(0).assertContentEquals(garbage);
        assertEquals(0, runner.getQueueSize().getObjectCount());
    }

    @Test
    void aSyntaxErrorFoundWhileInferringTheSchemaNamesTheFlowFile() {
        runner.enqueue("[{\"id\":1},{\"id\" 2}]");
        runner.run();

        final String error = runner.getFlowFilesForRelationship(PassThroughRecords.REL_FAILURE).get(0).getAttribute("error");
        assertTrue(error.startsWith("UnreadableContentException: Cannot read records from FlowFile["), error);
    }

    @Test
    void invalidUtf8IsUnreadable() {
        runner.enqueue(new byte[] {'[', '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']'});
        runner.run();
        runner.assertAllFlowFilesTransferred(PassThroughRecords.REL_FAILURE, 1);
    }
}
