package io.nifidataflow.local.api;

import java.util.List;

/** The status of a process group and, flattened, of all groups inside it. */
public record ProcessGroupStatus(String id, String name, List<ProcessorStatus> processors,
                                 List<ConnectionStatus> connections, long flowFilesQueued, long bytesQueued) {

    public ProcessGroupStatus {
        processors = List.copyOf(processors);
        connections = List.copyOf(connections);
    }
}
