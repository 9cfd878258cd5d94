package io.nifidataflow.local.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lenient reads from NiFi's entities, where optional fields are simply absent. */
final class Json {

    private Json() {
    }

    static String text(final JsonNode node, final String field) {
        final JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    static long number(final JsonNode node, final String field) {
        return node.path(field).asLong(0);
    }

    static List<String> texts(final JsonNode array) {
        final List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** String-valued object fields; {@code null} values (unset properties) are left out. */
    static Map<String, String> textMap(final JsonNode object) {
        final Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> {
            if (!entry.getValue().isNull()) {
                values.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return values;
    }

    static List<JsonNode> elements(final JsonNode array) {
        final List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }
}
