package dev.webbench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedDataTest {
    @Test
    void sameSeedGivesSameRows() {
        assertThat(SeedData.generate(7)).isEqualTo(SeedData.generate(7));
        assertThat(SeedData.generate(7)).isNotEqualTo(SeedData.generate(8));
    }

    @Test
    void sizesAndReferencesMatchTheContract() {
        SeedData data = SeedData.generate();
        assertThat(data.brands()).hasSize(100).doesNotHaveDuplicates();
        assertThat(data.products()).hasSize(1_000).allSatisfy(p -> assertThat(p.brandId()).isBetween(1, 100));
        assertThat(data.colors()).containsExactly("Blue", "Black");
        assertThat(data.sizes()).containsExactly("Small", "Medium", "Large");
        assertThat(data.skus()).hasSize(100_000).allSatisfy(s -> {
            assertThat(s.productId()).isBetween(1, 1_000);
            assertThat(s.sizeId()).isBetween(1, 3);
            assertThat(s.colorId()).isBetween(1, 2);
        });
    }
}
