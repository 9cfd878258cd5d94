package io.nifidataflow.enrich;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.lookup.StringLookupService;

/** A StringLookupService for tests, backed by a map; {@code requiredKeys} can be changed to test validation. */
public class MapStringLookupService extends AbstractControllerService implements StringLookupService {

    private final Map<String, String> values;
    private final Set<String> requiredKeys;

    public MapStringLookupService(final Map<String, String> values, final Set<String> requiredKeys) {
        this.values = Map.copyOf(values);
        this.requiredKeys = Set.copyOf(requiredKeys);
    }

    @Override
    public Optional<String> lookup(final Map<String, Object> coordinates) {
        return Optional.ofNullable(values.get(String.valueOf(coordinates.get("key"))));
    }

    @Override
    public Set<String> getRequiredKeys() {
        return requiredKeys;
    }
}
