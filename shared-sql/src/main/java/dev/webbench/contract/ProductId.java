package dev.webbench.contract;

import java.util.regex.Pattern;

/** The {@code {id}} of {@code GET /products/{id}}: a base-10 int32 in ASCII digits, else 400. */
public final class ProductId {
    // Integer.parseInt alone would also take '+7' and non-ASCII digits such as Arabic-Indic ones.
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,10}");

    private ProductId() {
    }

    public static int parse(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new InvalidInputException("product id must be a base-10 32-bit integer");
        }
        long value = Long.parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidInputException("product id must be a base-10 32-bit integer");
        }
        return (int) value;
    }
}
