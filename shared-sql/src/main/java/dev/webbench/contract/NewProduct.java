package dev.webbench.contract;

import java.math.BigInteger;
import java.util.Map;

/**
 * The body of {@code POST /product}, validated the same way by every implementation. Each one
 * parses JSON with its own library into plain Java values (maps, strings, numbers) and hands the
 * result here.
 */
public record NewProduct(String productName, int brandId) {

    public static NewProduct fromJson(Object parsed) {
        if (!(parsed instanceof Map<?, ?> object)) {
            throw new InvalidInputException("body must be a JSON object");
        }
        if (!(object.get("product_name") instanceof String name)) {
            throw new InvalidInputException(object.containsKey("product_name")
                    ? "product_name must be a string" : "product_name is required");
        }
        if (name.isBlank()) {
            throw new InvalidInputException("product_name must not be blank");
        }
        if (name.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL; refusing here keeps it a 400 rather than a driver error.
            throw new InvalidInputException("product_name must not contain NUL characters");
        }
        Object brand = object.get("brand_id");
        if (brand == null) {
            throw new InvalidInputException(object.containsKey("brand_id")
                    ? "brand_id must be an integer" : "brand_id is required");
        }
        return new NewProduct(name, int32(brand));
    }

    private static int int32(Object value) {
        long number;
        if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof Long) {
            number = ((Number) value).longValue();
        } else if (value instanceof BigInteger big && big.bitLength() < 64) {
            number = big.longValue();
        } else {
            throw new InvalidInputException("brand_id must be an integer");
        }
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new InvalidInputException("brand_id is out of range");
        }
        return (int) number;
    }
}
