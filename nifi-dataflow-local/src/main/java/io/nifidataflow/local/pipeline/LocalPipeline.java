package io.nifidataflow.local.pipeline;

import io.nifidataflow.clickstream.Catalog;
import io.nifidataflow.clickstream.ClickstreamSettings;
import io.nifidataflow.local.flow.FlowDefinition;
import io.nifidataflow.local.predictor.LocalPredictionServer;
import io.nifidataflow.local.predictor.RecommendationModel;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@code recommendations-local} needs outside NiFi, in one directory: customer and product
 * lookup CSVs written from the same catalog the flow's GenerateClickstream draws from, the warehouse and
 * recommendations folders, and the local prediction server on a free 127.0.0.1 port. {@link #flow()} is the
 * flow with its parameters pointing at all of it (absolute paths, so NiFi's working directory does not matter).
 * Used by {@code run-local.sh} and the end-to-end test alike.
 */
public final class LocalPipeline implements AutoCloseable {

    public static final String PREDICTION_ENDPOINT = "Prediction Endpoint";
    public static final String CUSTOMER_FILE = "Customer File";
    public static final String PRODUCT_FILE = "Product File";
    public static final String WAREHOUSE_DIRECTORY = "Warehouse Directory";
    public static final String RECOMMENDATIONS_DIRECTORY = "Recommendations Directory";

    private static final String[] TIERS = {"gold", "silver", "bronze", "new"};

    private final FlowDefinition flow;
    private final Path directory;
    private final LocalPredictionServer predictor;

    private LocalPipeline(final FlowDefinition flow, final Path directory, final LocalPredictionServer predictor) {
        this.flow = flow;
        this.directory = directory;
        this.predictor = predictor;
    }

    public static final String INPUT_DIRECTORY = "Input Directory";
    /** daily-batch has no generator settings of its own: its day files and lookups come from this catalog. */
    static final Map<String, String> DAILY_DEFAULTS = Map.of("Users", "400", "Products", "500", "Categories", "20", "Seed", "42");

    /**
     * Whether a flow is one of the local pipelines: it takes customer and product lookup files (recommendations-local,
     * daily-batch).
     */
    public static boolean needs(final FlowDefinition template) {
        final Map<String, String> parameters = template.parameters();
        return parameters.containsKey(CUSTOMER_FILE) && parameters.containsKey(PRODUCT_FILE);
    }

    /**
     * Writes the lookups, creates the folders and starts the prediction server for {@code template} with
     * {@code overrides} applied first (generator settings such as Users, Products, Seed).
     */
    public static LocalPipeline prepare(final FlowDefinition template, final Map<String, String> overrides, final Path directory)
            throws IOException {
        final Map<String, String> parameters = new LinkedHashMap<>(DAILY_DEFAULTS);
        template.parameters().forEach((name, value) -> {
            if (value != null) {
                parameters.put(name, value);
            }
        });
        parameters.putAll(overrides);
        final int users = Integer.parseInt(parameters.get("Users"));
        final int products = Integer.parseInt(parameters.get("Products"));
        final int categories = Integer.parseInt(parameters.get("Categories"));
        final long seed = Long.parseLong(parameters.get("Seed"));
        final Catalog catalog = new Catalog(products, categories, seed);

        final Path root = directory.toAbsolutePath().normalize();
        final Path lookups = Files.createDirectories(root.resolve("lookups"));
        final Path customers = writeCustomers(lookups.resolve("customers.csv"), users);
        final Path productFile = writeProducts(lookups.resolve("products.csv"), catalog);
        final Path warehouse = Files.createDirectories(root.resolve("warehouse"));
        final Path recommendations = root.resolve("recommendations");
        if (template.parameters().containsKey(RECOMMENDATIONS_DIRECTORY)) {
            Files.createDirectories(recommendations);
        }

        final Map<String, String> values = new LinkedHashMap<>(overrides);
        values.put(CUSTOMER_FILE, customers.toString());
        values.put(PRODUCT_FILE, productFile.toString());
        values.put(WAREHOUSE_DIRECTORY, warehouse.toString());
        values.put(RECOMMENDATIONS_DIRECTORY, recommendations.toString());
        if (template.parameters().containsKey(INPUT_DIRECTORY)) {
            final Path input = Files.createDirectories(root.resolve("daily-input"));
            DayFiles.writeYesterday(input, new ClickstreamSettings(users, products, categories, seed, Instant.EPOCH, 0.3, 5_000, 0.02, 0.01));
            values.put(INPUT_DIRECTORY, input.toString());
        }
        final LocalPredictionServer predictor = template.parameters().containsKey(PREDICTION_ENDPOINT)
                ? LocalPredictionServer.start(0, new RecommendationModel(catalog)) : null;
        if (predictor != null) {
            values.put(PREDICTION_ENDPOINT, predictor.apiEndpoint());
        }
        values.keySet().retainAll(template.parameters().keySet());
        return new LocalPipeline(template.withParameters(values), root, predictor);
    }

    public FlowDefinition flow() {
        return flow;
    }

    public Path directory() {
        return directory;
    }

    public Path warehouse() {
        return Path.of(flow.parameters().get(WAREHOUSE_DIRECTORY));
    }

    /** Where recommendations go, or null when the flow makes none. */
    public Path recommendations() {
        final String directory = flow.parameters().get(RECOMMENDATIONS_DIRECTORY);
        return directory == null ? null : Path.of(directory);
    }

    /** The generated day files daily-batch lists, or null for other flows. */
    public Path input() {
        final String directory = flow.parameters().get(INPUT_DIRECTORY);
        return directory == null ? null : Path.of(directory);
    }

    /** The local prediction server, or null when the flow scores nothing. */
    public LocalPredictionServer predictor() {
        return predictor;
    }

    /** Every user GenerateClickstream can name, with a tier, lifetime value and order count derived from the id. */
    static Path writeCustomers(final Path file, final int users) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("user_id,tier,lifetime_value,orders\n");
            for (int user = 0; user < users; user++) {
                out.write(String.format(Locale.ROOT, "u-%06d,%s,%.2f,%d%n", user, TIERS[user % TIERS.length],
                        (user * 37L % 5000) / 2.0, user * 7 % 40));
            }
        }
        return file;
    }

    /** The catalog as the prediction server and the generator see it. */
    static Path writeProducts(final Path file, final Catalog catalog) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("product_id,category,price,popularity_rank\n");
            for (final Catalog.Product product : catalog.products()) {
                out.write(String.format(Locale.ROOT, "%s,%s,%.2f,%d%n", product.id(), product.category(), product.price(),
                        product.popularityRank()));
            }
        }
        return file;
    }

    @Override
    public void close() {
        if (predictor != null) {
            predictor.close();
        }
    }
}
