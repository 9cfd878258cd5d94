package io.nifidataflow.local.predictor;

import java.util.Locale;

/**
 * Runs the local prediction server until Ctrl-C:
 * {@code java -cp ... io.nifidataflow.local.predictor.LocalPredictionServerMain --port 8500 --seed 42 --products 500 --categories 20}.
 * Seed, products and categories must match the GenerateClickstream that feeds the flow, so that the model
 * knows the products the events name (the defaults are GenerateClickstream's).
 */
public final class LocalPredictionServerMain {

    /** The command line, parsed. */
    record Options(int port, long seed, int products, int categories) {
        static final String USAGE = "Options: --port N (default 8500; 0 picks a free port) --seed N (42) --products N (500) --categories N (20)";

        static Options parse(final String... args) {
            int port = 8500;
            long seed = 42;
            int products = 500;
            int categories = 20;
            for (int i = 0; i < args.length; i++) {
                final String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value. " + USAGE);
                }
                final String value = args[++i];
                try {
                    switch (option) {
                        case "--port" -> port = Integer.parseInt(value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--products" -> products = Integer.parseInt(value);
                        case "--categories" -> categories = Integer.parseInt(value);
                        default -> throw new IllegalArgumentException("Unknown option " + option + ". " + USAGE);
                    }
                } catch (final NumberFormatException e) {
                    throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'. " + USAGE);
                }
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be from 0 to 65535");
            }
            if (products < 1 || categories < 1 || categories > products) {
                throw new IllegalArgumentException("--products must be at least 1 and --categories between 1 and --products");
            }
            return new Options(port, seed, products, categories);
        }
    }

    private LocalPredictionServerMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Options options;
        try {
            options = Options.parse(args);
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        final LocalPredictionServer server = LocalPredictionServer.start(options.port(),
                RecommendationModel.of(options.products(), options.categories(), options.seed()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-prediction-server-shutdown"));
        System.out.printf(Locale.ROOT, "Local prediction server (a stand-in for a Vertex AI endpoint) on %s, plaintext%n"
                + "Model: recommendations over the GenerateClickstream catalog (seed %d, %d products, %d categories)%n"
                + "ScoreVertexAI: API Endpoint %s, Use Plaintext true, any Project ID / Endpoint ID%n",
                server.apiEndpoint(), options.seed(), options.products(), options.categories(), server.apiEndpoint());
        server.awaitTermination();
    }
}
