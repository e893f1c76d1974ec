package dev.webbench.contract;

/** A row of {@code brand}; serialized as {@code {"brand_id", "brand_name"}}. */
public record Brand(int brandId, String brandName) {
}
