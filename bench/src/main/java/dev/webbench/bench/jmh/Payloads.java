package dev.webbench.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webbench.contract.Brand;
import dev.webbench.seed.SeedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The inputs every path gets, built as the servers see them, and the check that the paths' outputs agree. */
public final class Payloads {
    /** A valid {@code POST /product} body shaped like those wrk's create-product.lua sends: compact, this field order. */
    public static final byte[] CREATE_BODY = "{\"product_name\":\"bench-1-41\",\"brand_id\":42}".getBytes(StandardCharsets.UTF_8);

    private static final ObjectMapper TREES = new ObjectMapper();

    private Payloads() {
    }

    /**
     * The {@code /brands} answer's rows: the seed's 100 brands with ids 1..100 in generation order (as SeedLoader
     * inserts them), in an ArrayList as every implementation's data access collects them.
     */
    public static List<Brand> brands() {
        List<String> names = SeedData.generate().brands();
        List<Brand> brands = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            brands.add(new Brand(i + 1, names.get(i)));
        }
        return brands;
    }

    /** Throws unless every path's JSON parses to the same tree (key order and whitespace aside). */
    public static void requireSameJson(Map<String, byte[]> jsonByPath) {
        JsonNode expected = null;
        String first = null;
        for (Map.Entry<String, byte[]> path : jsonByPath.entrySet()) {
            JsonNode tree = tree(path.getValue());
            if (expected == null) {
                expected = tree;
                first = path.getKey();
            } else if (!expected.equals(tree)) {
                throw new IllegalStateException(path.getKey() + " writes different JSON than " + first + ": "
                        + new String(path.getValue(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Throws unless every path produced an equal value. */
    public static void requireSame(Map<String, ?> valueByPath) {
        Object expected = null;
        String first = null;
        for (Map.Entry<String, ?> path : valueByPath.entrySet()) {
            if (first == null) {
                expected = path.getValue();
                first = path.getKey();
            } else if (!expected.equals(path.getValue())) {
                throw new IllegalStateException(path.getKey() + " gives " + path.getValue() + ", " + first + " gives " + expected);
            }
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return TREES.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }
}
