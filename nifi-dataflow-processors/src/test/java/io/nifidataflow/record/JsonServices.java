package io.nifidataflow.record;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;

/**
 * NiFi's own JSON reader and writer as users configure them (infer the schema, write what was read), enabled in a
 * nifi-mock runner as services {@value #READER} and {@value #WRITER}: what every record-processor test and
 * benchmark of this bundle reads and writes through.
 */
public final class JsonServices {

    public static final String READER = "reader";
    public static final String WRITER = "writer";

    private JsonServices() {
    }

    /** Adds and enables both services; returns {@code runner}. */
    public static TestRunner addTo(final TestRunner runner) throws InitializationException {
        final JsonTreeReader reader = new JsonTreeReader();
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService(READER, reader);
        runner.addControllerService(WRITER, writer);
        runner.enableControllerService(reader);
        runner.enableControllerService(writer);
        return runner;
    }

    /** Adds and enables both services and points the processor's reader and writer properties at them; returns {@code runner}. */
    public static TestRunner addTo(final TestRunner runner, final PropertyDescriptor readerProperty, final PropertyDescriptor writerProperty)
            throws InitializationException {
        addTo(runner);
        runner.setProperty(readerProperty, READER);
        runner.setProperty(writerProperty, WRITER);
        return runner;
    }
}
