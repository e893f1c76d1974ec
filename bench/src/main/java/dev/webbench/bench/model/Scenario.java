package dev.webbench.bench.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What wrk asks of a target. Scripts live in {@code src/main/resources/wrk}. */
public enum Scenario {
    /** The original comparison: all 100 brands as JSON. */
    SEED("/brands", null, true),
    /** One row by primary key, random ids 1..1000. */
    PRODUCT_BY_ID("/products/1", "product-by-id.lua", true),
    /** No database: the HTTP stack alone. */
    TIME("/time", null, false),
    /** One INSERT per request; created rows are deleted before each run. */
    CREATE_PRODUCT("/product", "create-product.lua", true);

    private final String path;
    private final String script;
    private final boolean usesDatabase;

    Scenario(String path, String script, boolean usesDatabase) {
        this.path = path;
        this.script = script;
        this.usesDatabase = usesDatabase;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String path() {
        return path;
    }

    /** The Lua request script, or null for a plain GET of {@link #path()}. */
    public String script() {
        return script;
    }

    public boolean usesDatabase() {
        return usesDatabase;
    }

    public static Scenario parse(String id) {
        for (Scenario scenario : values()) {
            if (scenario.id().equals(id.trim())) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + id + "'; known: "
                + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", ")));
    }
}
