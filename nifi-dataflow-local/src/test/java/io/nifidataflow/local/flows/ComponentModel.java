package io.nifidataflow.local.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.annotation.behavior.DynamicProperties;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.DynamicRelationship;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;


/**
 * What a flow may say about a component type: its property names, their allowable values, which are sensitive, and its
 * relationships for a given configuration. Taken from the real class when its jar is on the test classpath, otherwise
 * from a list written from NiFi's source (GCP processors, which this build cannot download).
 */
interface ComponentModel {

    String REFERENCE_LIST = "nifi-2.7-reference-components.json";

    String source();

    /** Whether a property of this name is supported, or the component accepts dynamic properties. */
    boolean accepts(String property);

    /** Whether a property of this name is one of the component's own (not dynamic). */
    boolean supports(String property);

    /** The component's own property names. */
    Set<String> names();

    /** The allowed values of a property, empty when any value may be given. */
    Set<String> allowableValues(String property);

    boolean sensitive(String property);

    Set<String> relationships(Map<String, String> properties);

    static Optional<ComponentModel> of(final String type) {
        return load(type).<ComponentModel>map(real -> new Real((Class<? extends ConfigurableComponent>) real))
                .or(() -> Optional.ofNullable(Reference.ALL.get(type)));
    }

    /** The real class: on the test class path, or in one of the assembled NARs. */
    static Optional<Class<?>> load(final String type) {
        try {
            return Optional.of(Class.forName(type));
        } catch (final ClassNotFoundException e) {
            return NarClasses.find(type);
        }
    }

    /** A component whose class is on the classpath: the descriptors are the real ones. */
    final class Real implements ComponentModel {
        private final Class<? extends ConfigurableComponent> type;
        private final ConfigurableComponent instance;

        Real(final Class<? extends ConfigurableComponent> type) {
            this.type = type;
            try {
                this.instance = type.getDeclaredConstructor().newInstance();
            } catch (final ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + type.getName(), e);
            }
        }

        @Override
        public String source() {
            return "the real " + type.getName();
        }

        private Optional<PropertyDescriptor> supported(final String property) {
            return descriptors().stream().filter(descriptor -> descriptor.getName().equals(property)).findFirst();
        }

        private List<PropertyDescriptor> descriptors() {
            // Some components build their list when initialized (CSV lookups do); nifi-mock initializes them.
            if (Processor.class.isAssignableFrom(type)) {
                return TestRunners.newTestRunner((Class<? extends Processor>) type).getProcessor().getPropertyDescriptors();
            }
            try {
                TestRunners.newTestRunner(NoOpProcessor.class).addControllerService("model", (ControllerService) instance);
            } catch (final InitializationException e) {
                throw new IllegalStateException(e);
            }
            return instance.getPropertyDescriptors();
        }

        @Override
        public boolean supports(final String property) {
            return supported(property).isPresent();
        }

        @Override
        public Set<String> names() {
            return descriptors().stream().map(PropertyDescriptor::getName).collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public boolean accepts(final String property) {
            return supported(property).isPresent() || type.isAnnotationPresent(DynamicProperty.class) || type.isAnnotationPresent(DynamicProperties.class);
        }

        @Override
        public Set<String> allowableValues(final String property) {
            return supported(property).map(PropertyDescriptor::getAllowableValues).map(values -> values.stream()
                    .map(AllowableValue::getValue).collect(Collectors.toCollection(TreeSet::new))).map(values -> (Set<String>) values).orElse(Set.of());
        }

        @Override
        public boolean sensitive(final String property) {
            return supported(property).map(PropertyDescriptor::isSensitive).orElse(false);
        }

        @Override
        public Set<String> relationships(final Map<String, String> properties) {
            final TestRunner runner = TestRunners.newTestRunner((Class<? extends Processor>) type);
            properties.forEach(runner::setProperty);
            final Set<String> names = runner.getProcessor().getRelationships().stream().map(Relationship::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (type.isAnnotationPresent(DynamicRelationship.class) && names.isEmpty()) {
                throw new IllegalStateException(type.getName() + " reported no relationships");
            }
            return names;
        }
    }

    /** A component known from the reference list in the test resources. */
    final class Reference implements ComponentModel {
        static final Map<String, Reference> ALL = load();

        private final String type;
        private final String sourceNote;
        private final JsonNode node;

        private Reference(final String type, final String sourceNote, final JsonNode node) {
            this.type = type;
            this.sourceNote = sourceNote;
            this.node = node;
        }

        private static Map<String, Reference> load() {
            try (InputStream in = ComponentModel.class.getResourceAsStream(REFERENCE_LIST)) {
                final JsonNode root = new ObjectMapper().readTree(in);
                final Map<String, Reference> all = new HashMap<>();
                root.path("components").properties().forEach(entry ->
                        all.put(entry.getKey(), new Reference(entry.getKey(), root.path("source").asText(), entry.getValue())));
                return all;
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String source() {
            return "the reference list for " + type + " (" + sourceNote + ")";
        }

        @Override
        public boolean supports(final String property) {
            return node.path("properties").has(property);
        }

        @Override
        public Set<String> names() {
            final Set<String> names = new TreeSet<>();
            node.path("properties").fieldNames().forEachRemaining(names::add);
            return names;
        }

        @Override
        public boolean accepts(final String property) {
            return node.path("properties").has(property) || node.path("dynamicProperties").asBoolean(false);
        }

        @Override
        public Set<String> allowableValues(final String property) {
            final Set<String> values = new LinkedHashSet<>();
            node.path("properties").path(property).path("allowableValues").forEach(value -> values.add(value.asText()));
            return values;
        }

        @Override
        public boolean sensitive(final String property) {
            return node.path("properties").path(property).path("sensitive").asBoolean(false);
        }

        @Override
        public Set<String> relationships(final Map<String, String> properties) {
            final Set<String> names = new TreeSet<>();
            node.path("relationships").forEach(name -> names.add(name.asText()));
            node.path("relationshipsWhenSet").properties().forEach(entry -> {
                if (properties.get(entry.getKey()) != null) {
                    entry.getValue().forEach(name -> names.add(name.asText()));
                }
            });
            return names;
        }
    }
}
