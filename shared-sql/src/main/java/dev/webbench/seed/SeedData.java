package dev.webbench.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The contract's deterministic data set: the same seed gives the same rows on every machine and
 * JDK ({@link SplittableRandom}'s algorithm is part of its specification).
 */
public record SeedData(List<String> brands, List<Product> products, List<String> colors, List<String> sizes, List<Sku> skus) {
    public static final long DEFAULT_SEED = 20_240_601L;
    public static final int BRANDS = 100;
    public static final int PRODUCTS = 1_000;
    public static final int SKUS = 100_000;

    public record Product(String name, int brandId) {
    }

    public record Sku(int productId, int sizeId, int colorId) {
    }

    private static final String[] BRAND_STEMS = {
        "Acme", "Boreal", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
        "Kestrel", "Lumen", "Meridian", "Nimbus", "Onyx", "Pioneer", "Quartz", "Ridge", "Summit", "Tundra"};
    private static final String[] BRAND_SUFFIXES = {"Works", "Goods", "Supply", "Outfitters", "Labs"};
    private static final String[] ADJECTIVES = {
        "Classic", "Compact", "Deluxe", "Everyday", "Featherweight", "Heavy-duty", "Modern", "Rugged",
        "Sleek", "Vintage", "Waterproof", "Wireless"};
    private static final String[] NOUNS = {
        "Backpack", "Boots", "Jacket", "Kettle", "Lamp", "Mug", "Sneakers", "Tent", "Thermos", "Watch"};

    public static SeedData generate() {
        return generate(DEFAULT_SEED);
    }

    public static SeedData generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);

        List<String> brands = new ArrayList<>(BRANDS);
        for (String stem : BRAND_STEMS) {
            for (String suffix : BRAND_SUFFIXES) {
                brands.add(stem + " " + suffix);
            }
        }

        List<Product> products = new ArrayList<>(PRODUCTS);
        for (int i = 1; i <= PRODUCTS; i++) {
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)] + " " + i;
            products.add(new Product(name, 1 + random.nextInt(BRANDS)));
        }

        List<String> colors = List.of("Blue", "Black");
        List<String> sizes = List.of("Small", "Medium", "Large");
        List<Sku> skus = new ArrayList<>(SKUS);
        for (int i = 0; i < SKUS; i++) {
            skus.add(new Sku(1 + random.nextInt(PRODUCTS), 1 + random.nextInt(sizes.size()), 1 + random.nextInt(colors.size())));
        }
        return new SeedData(List.copyOf(brands), List.copyOf(products), colors, sizes, List.copyOf(skus));
    }
}
