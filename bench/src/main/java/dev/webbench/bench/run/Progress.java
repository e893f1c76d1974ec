package dev.webbench.bench.run;

import java.io.PrintStream;
import java.time.Duration;

/** One line per step with the time left, estimated from the planned durations scaled by how the run is going. */
final class Progress {
    private final PrintStream out;
    private final int steps;
    private final double plannedSeconds;
    private final long started = System.nanoTime();
    private int done;
    private double plannedDone;

    Progress(PrintStream out, int steps, double plannedSeconds) {
        this.out = out;
        this.steps = steps;
        this.plannedSeconds = plannedSeconds;
    }

    void step(String what, double plannedForStep) {
        double elapsed = (System.nanoTime() - started) / 1e9;
        double scale = plannedDone == 0 ? 1 : elapsed / plannedDone;
        long left = Math.round((plannedSeconds - plannedDone) * scale);
        out.printf("[%3d/%d] %-58s ~%s left%n", done + 1, steps, what, format(Duration.ofSeconds(left)));
        done++;
        plannedDone += plannedForStep;
    }

    static String format(Duration duration) {
        long s = duration.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
