package dev.webbench.contract;

/** A row of {@code product}; serialized as {@code {"product_id", "product_name", "brand_id"}}. */
public record Product(int productId, String productName, int brandId) {
}
