package io.nifidataflow.local.predictor;

import io.nifidataflow.clickstream.Catalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local prediction server's model: "more of what this user is looking at", a deterministic recommender built
 * from the same {@link Catalog} GenerateClickstream draws its events from (same seed, products and categories).
 *
 * <p>For one user event it scores every product the user has not seen in the categories the event points at:
 * <pre>
 *   affinity(c)  = 1.0  if c is the category of the current product (or the event's category)
 *                + 0.5 x (share of the recently viewed products that are in c)
 *                + 0.25 if c is listed in the instance's categories
 *   popularity(p) = 1 / (rank of p among its category's products + 1)^1.1   (the stream's own Zipf law: 1.0 for a best seller)
 *   score(p)     = affinity(category of p) x popularity(p)
 * </pre>
 * and returns the top N, best first, ties by product id. Products already seen (the current product and the
 * recent ones) are never recommended. When the event points at no category, or its categories hold fewer than N
 * unseen products, the store's best sellers fill the rest of the list, after the category's products, with score
 * 0.1 x their popularity across the catalog.
 * Scores are rounded to 4 decimals.</p>
 */
public final class RecommendationModel {

    /** One recommended product. */
    public record Recommendation(String productId, String category, double score) {
    }

    /** What the model reads from an instance; every part may be missing. */
    public record Context(String productId, String category, List<String> recentProducts, List<String> categories) {
        public Context {
            recentProducts = recentProducts == null ? List.of() : List.copyOf(recentProducts);
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
    }

    /** The answer: the products, and how they were chosen ("category-affinity" or "global-popularity"). */
    public record Result(List<Recommendation> recommendations, String strategy) {
    }

    public static final String CATEGORY_AFFINITY = "category-affinity";
    public static final String GLOBAL_POPULARITY = "global-popularity";

    private static final double EXPONENT = 1.1;

    private final Catalog catalog;
    private final Map<String, Catalog.Product> products = new HashMap<>();
    private final Map<String, Double> popularityInCategory = new HashMap<>();
    private final Set<String> categories;

    public RecommendationModel(final Catalog catalog) {
        this.catalog = catalog;
        for (final String category : catalog.categories()) {
            final List<Catalog.Product> inCategory = catalog.productsIn(category);
            for (int rank = 0; rank < inCategory.size(); rank++) {
                final Catalog.Product product = inCategory.get(rank);
                products.put(product.id(), product);
                popularityInCategory.put(product.id(), 1 / Math.pow(rank + 1, EXPONENT));
            }
        }
        this.categories = new HashSet<>(catalog.categories());
    }

    /** The model over GenerateClickstream's catalog for these settings. */
    public static RecommendationModel of(final int products, final int categories, final long seed) {
        return new RecommendationModel(new Catalog(products, categories, seed));
    }

    public Result recommend(final Context context, final int topN) {
        if (topN < 1) {
            throw new IllegalArgumentException("top_n must be at least 1");
        }
        final Set<String> seen = new HashSet<>(context.recentProducts());
        if (context.productId() != null) {
            seen.add(context.productId());
        }
        final Map<String, Double> affinity = affinity(context);
        final List<Recommendation> chosen = new ArrayList<>(topN);
        if (!affinity.isEmpty()) {
            final List<Recommendation> candidates = new ArrayList<>();
            for (final Map.Entry<String, Double> category : affinity.entrySet()) {
                for (final Catalog.Product product : catalog.productsIn(category.getKey())) {
                    if (!seen.contains(product.id())) {
                        candidates.add(new Recommendation(product.id(), product.category(),
                                round(category.getValue() * popularityInCategory.get(product.id()))));
                    }
                }
            }
            candidates.sort(Comparator.comparingDouble(Recommendation::score).reversed().thenComparing(Recommendation::productId));
            chosen.addAll(candidates.subList(0, Math.min(topN, candidates.size())));
        }
        final String strategy = chosen.isEmpty() ? GLOBAL_POPULARITY : CATEGORY_AFFINITY;
        if (chosen.size() < topN) {
            fillWithBestSellers(chosen, seen, topN);
        }
        return new Result(List.copyOf(chosen), strategy);
    }

    private Map<String, Double> affinity(final Context context) {
        final Map<String, Double> affinity = new LinkedHashMap<>();
        String current = context.category();
        final Catalog.Product product = context.productId() == null ? null : products.get(context.productId());
        if (product != null) {
            current = product.category();
        }
        if (current != null && categories.contains(current)) {
            affinity.merge(current, 1.0, Double::sum);
        }
        final Collection<String> recent = context.recentProducts();
        for (final String id : recent) {
            final Catalog.Product viewed = products.get(id);
            if (viewed != null) {
                affinity.merge(viewed.category(), 0.5 / recent.size(), Double::sum);
            }
        }
        for (final String listed : context.categories()) {
            if (categories.contains(listed)) {
                affinity.merge(listed, 0.25, Double::sum);
            }
        }
        return affinity;
    }

    private void fillWithBestSellers(final List<Recommendation> chosen, final Set<String> seen, final int topN) {
        final Set<String> taken = new HashSet<>();
        chosen.forEach(r -> taken.add(r.productId()));
        final List<Catalog.Product> bestSellers = catalog.products();
        for (int rank = 0; rank < bestSellers.size() && chosen.size() < topN; rank++) {
            final Catalog.Product product = bestSellers.get(rank);
            if (!seen.contains(product.id()) && taken.add(product.id())) {
                chosen.add(new Recommendation(product.id(), product.category(), round(0.1 / Math.pow(rank + 1, EXPONENT))));
            }
        }
    }

    private static double round(final double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
