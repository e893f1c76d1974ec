package dev.webbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** What {@code ./compare resilience} measured: {@code resilience.json} in its run folder. */
public record ResilienceResults(int schemaVersion, String startedAt, String finishedAt, boolean failed, String postgresProvider,
                                int soakSeconds, List<ResilienceDrills.TargetResult> targets) {
    public static final String FILE = "resilience.json";
    /** 2: each target records the kit's hostile groups ({@code hostile}); schema 1 runs still render, without them. */
    public static final int SCHEMA_VERSION = 2;

    public void write(Path file) {
        try {
            Results.JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static ResilienceResults read(Path file) {
        try {
            return Results.JSON.readValue(file.toFile(), ResilienceResults.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
