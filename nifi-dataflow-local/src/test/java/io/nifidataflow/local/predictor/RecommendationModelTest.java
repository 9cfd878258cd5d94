package io.nifidataflow.local.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nifidataflow.clickstream.Catalog;
import io.nifidataflow.local.predictor.RecommendationModel.Context;
import io.nifidataflow.local.predictor.RecommendationModel.Recommendation;
import io.nifidataflow.local.predictor.RecommendationModel.Result;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecommendationModelTest {

    private final Catalog catalog = new Catalog(500, 20, 42);
    private final RecommendationModel model = new RecommendationModel(catalog);

    private Catalog.Product product(final String category, final int rank) {
        return catalog.productsIn(category).get(rank);
    }

    @Test
    void recommendsTheBestSellersOfTheCurrentProductsCategoryItHasNotSeen() {
        final String category = catalog.categories().get(3);
        final Catalog.Product current = product(category, 0);
        final Result result = model.recommend(new Context(current.id(), null, List.of(), List.of()), 3);

        assertEquals(RecommendationModel.CATEGORY_AFFINITY, result.strategy());
        assertEquals(List.of(product(category, 1).id(), product(category, 2).id(), product(category, 3).id()),
                result.recommendations().stream().map(Recommendation::productId).toList());
        assertEquals(List.of(0.4665, 0.2987, 0.2176), result.recommendations().stream().map(Recommendation::score).toList(),
                "1 / (rank + 1)^1.1 for ranks 1, 2 and 3, rounded");
        result.recommendations().forEach(r -> assertEquals(category, r.category()));
    }

    @Test
    void neverRecommendsWhatTheUserSawAndLetsRecentViewsPullInTheirCategories() {
        final String shoes = catalog.categories().get(0);
        final String books = catalog.categories().get(1);
        final Catalog.Product current = product(shoes, 0);
        final List<String> recent = List.of(product(shoes, 1).id(), product(books, 0).id());
        final Result result = model.recommend(new Context(current.id(), null, recent, List.of()), 10);

        final Set<String> ids = new HashSet<>();
        for (final Recommendation recommendation : result.recommendations()) {
            assertFalse(recommendation.productId().equals(current.id()) || recent.contains(recommendation.productId()));
            assertTrue(ids.add(recommendation.productId()), "no duplicates");
            assertTrue(Set.of(shoes, books).contains(recommendation.category()));
        }
        assertEquals(10, result.recommendations().size());
        assertEquals(product(shoes, 2).id(), result.recommendations().get(0).productId(), "the current category weighs most");
        assertTrue(result.recommendations().stream().anyMatch(r -> r.productId().equals(product(books, 1).id())));
        for (int i = 1; i < result.recommendations().size(); i++) {
            assertTrue(result.recommendations().get(i - 1).score() >= result.recommendations().get(i).score(), "best first");
        }
    }

    @Test
    void withoutAnySignalRecommendsTheStoresBestSellers() {
        final Result result = model.recommend(new Context(null, null, null, null), 4);
        assertEquals(RecommendationModel.GLOBAL_POPULARITY, result.strategy());
        assertEquals(catalog.products().subList(0, 4).stream().map(Catalog.Product::id).toList(),
                result.recommendations().stream().map(Recommendation::productId).toList());
        assertEquals(0.1, result.recommendations().get(0).score());
    }

    @Test
    void unknownProductsAndCategoriesAreIgnoredNotErrors() {
        final Result result = model.recommend(new Context("p-99999", "no-such-category", List.of("nope"), List.of("nothing")), 2);
        assertEquals(RecommendationModel.GLOBAL_POPULARITY, result.strategy());
        assertEquals(2, result.recommendations().size());
    }

    @Test
    void fillsASmallCategoryWithBestSellersAfterItsOwnProducts() {
        final RecommendationModel small = new RecommendationModel(new Catalog(30, 20, 7));
        final Catalog smallCatalog = new Catalog(30, 20, 7);
        final String category = smallCatalog.categories().get(19);
        final int inCategory = smallCatalog.productsIn(category).size();
        final Result result = small.recommend(new Context(null, category, List.of(), List.of()), inCategory + 3);
        assertEquals(inCategory + 3, result.recommendations().size());
        for (int i = 0; i < inCategory; i++) {
            assertEquals(category, result.recommendations().get(i).category());
        }
    }

    @Test
    void isDeterministicForTheSameCatalog() {
        final Context context = new Context(catalog.products().get(17).id(), null, List.of(catalog.products().get(3).id()), List.of("books"));
        assertEquals(model.recommend(context, 7), RecommendationModel.of(500, 20, 42).recommend(context, 7));
        assertThrows(IllegalArgumentException.class, () -> model.recommend(context, 0));
    }
}
