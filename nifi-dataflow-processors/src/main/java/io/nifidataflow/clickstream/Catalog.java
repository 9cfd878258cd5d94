package io.nifidataflow.clickstream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The store's products and categories, derived from a seed alone so that lookup tables and models can be
 * built from the same catalog the stream uses. Popularity is Zipf-like over the whole catalog and again
 * within each category.
 */
public final class Catalog {

    /** A product as the store lists it. {@code popularityRank} 0 is the best seller. */
    public record Product(String id, String category, double price, int popularityRank) {
    }

    private static final String[] CATEGORY_NAMES = {
        "electronics", "books", "home", "kitchen", "sports", "toys", "beauty", "grocery", "fashion", "shoes",
        "garden", "automotive", "music", "movies", "games", "pets", "office", "health", "jewelry", "baby"
    };
    private static final double POPULARITY_EXPONENT = 1.1;

    private final List<Product> products;
    private final List<String> categories;
    private final List<List<Product>> productsByCategory;
    private final WeightedSampler popularity;
    private final List<WeightedSampler> popularityInCategory;
    private final Map<String, Integer> categoryIndexes = new HashMap<>();

    public Catalog(final int productCount, final int categoryCount, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        final List<String> names = new ArrayList<>(categoryCount);
        for (int i = 0; i < categoryCount; i++) {
            final String base = CATEGORY_NAMES[i % CATEGORY_NAMES.length];
            names.add(i < CATEGORY_NAMES.length ? base : base + "-" + (i / CATEGORY_NAMES.length + 1));
        }
        categories = List.copyOf(names);
        for (int i = 0; i < categoryCount; i++) {
            categoryIndexes.put(names.get(i), i);
        }

        final double[] basePrice = new double[categoryCount];
        for (int c = 0; c < categoryCount; c++) {
            // Category price levels between about $10 and $60, products spread around them.
            basePrice[c] = Math.exp(2.3 + 1.8 * random.nextDouble());
        }
        // Ranks are shuffled against ids so that p-00001 is not always the best seller.
        final List<Integer> ranks = new ArrayList<>(productCount);
        for (int i = 0; i < productCount; i++) {
            ranks.add(i);
        }
        Collections.shuffle(ranks, new java.util.Random(random.nextLong()));

        final List<Product> all = new ArrayList<>(productCount);
        final List<List<Product>> byCategory = new ArrayList<>(categoryCount);
        for (int c = 0; c < categoryCount; c++) {
            byCategory.add(new ArrayList<>());
        }
        for (int i = 0; i < productCount; i++) {
            // Every category gets at least one product; the rest are spread at random.
            final int category = i < categoryCount ? i : random.nextInt(categoryCount);
            final double price = roundToCents(basePrice[category] * Math.exp(0.35 * gaussian(random)));
            final Product product = new Product(productId(i), categories.get(category), price, ranks.get(i));
            all.add(product);
            byCategory.get(category).add(product);
        }
        final List<Product> byRank = new ArrayList<>(all);
        byRank.sort((a, b) -> Integer.compare(a.popularityRank(), b.popularityRank()));
        products = List.copyOf(byRank);
        popularity = WeightedSampler.zipf(productCount, POPULARITY_EXPONENT);

        final List<List<Product>> sortedByCategory = new ArrayList<>(categoryCount);
        final List<WeightedSampler> samplers = new ArrayList<>(categoryCount);
        for (final List<Product> inCategory : byCategory) {
            inCategory.sort((a, b) -> Integer.compare(a.popularityRank(), b.popularityRank()));
            sortedByCategory.add(List.copyOf(inCategory));
            samplers.add(WeightedSampler.zipf(inCategory.size(), POPULARITY_EXPONENT));
        }
        productsByCategory = List.copyOf(sortedByCategory);
        popularityInCategory = List.copyOf(samplers);
    }

    public static String productId(final int index) {
        return String.format("p-%05d", index);
    }

    /** All products, best seller first. */
    public List<Product> products() {
        return products;
    }

    public List<String> categories() {
        return categories;
    }

    /** The products of one category, best seller first. */
    public List<Product> productsIn(final String category) {
        return productsByCategory.get(categoryIndex(category));
    }

    Product samplePopular(final SplittableRandom random) {
        return products.get(popularity.sample(random));
    }

    Product samplePopularIn(final int categoryIndex, final SplittableRandom random) {
        return productsByCategory.get(categoryIndex).get(popularityInCategory.get(categoryIndex).sample(random));
    }

    int categoryIndex(final String category) {
        return categoryIndexes.get(category);
    }

    static double gaussian(final SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 21.
        final double u1 = 1.0 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double roundToCents(final double value) {
        return Math.max(0.99, Math.floor(value) + 0.99);
    }
}
