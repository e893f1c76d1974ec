package dev.webbench.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The page served at {@code GET /}: it opens {@code ws://<host>/counter} and shows the count. */
public final class CounterPage {
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";
    private static final byte[] HTML = load();

    private CounterPage() {
    }

    /** A fresh copy, so no caller can alter the page for the others. */
    public static byte[] html() {
        return HTML.clone();
    }

    private static byte[] load() {
        try (InputStream in = CounterPage.class.getResourceAsStream("/contract/index.html")) {
            if (in == null) {
                throw new IllegalStateException("contract/index.html is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
