package io.nifidataflow.local.nar;

import io.nifidataflow.local.runtime.NiFiHome;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Finds this project's NAR in the assembled local NiFi, where the build copied it from the reactor. */
public final class DataflowNar {

    public static final String GROUP = "io.nifidataflow";
    public static final String ARTIFACT = "nifi-dataflow-nar";
    static final String PROCESSORS_JAR_PREFIX = "nifi-dataflow-processors-";

    private DataflowNar() {
    }

    public static Path locate() {
        final NiFiHome home = NiFiHome.locate();
        final List<Path> nars = home.extensionNars().stream()
                .filter(nar -> nar.getFileName().toString().startsWith(ARTIFACT + "-"))
                .toList();
        if (nars.size() != 1) {
            throw new IllegalStateException("Expected exactly one " + ARTIFACT + "-*.nar in " + home.extensions()
                    + ", found " + nars + ". Run the build through the package phase: ./mvnw verify");
        }
        return nars.getFirst();
    }

    /** The processor classes the NAR registers for NiFi's service loader. */
    public static List<String> processorTypes(final NarArchive nar) throws IOException {
        return nar.services(processorsJar(nar), NarArchive.PROCESSOR_SERVICES);
    }

    static String processorsJar(final NarArchive nar) {
        final List<String> jars = nar.bundledJars().stream().filter(jar -> jar.startsWith(PROCESSORS_JAR_PREFIX)).toList();
        if (jars.size() != 1) {
            throw new IllegalStateException("Expected exactly one " + PROCESSORS_JAR_PREFIX + "*.jar bundled in "
                    + nar.file() + ", found " + jars);
        }
        return jars.getFirst();
    }
}
