package dev.webbench.bench.report;

import java.util.List;

/** The little Markdown the summary and the diff need: safe table cells and pipe tables. */
public final class Markdown {
    private Markdown() {
    }

    /** Text that renders as itself: Markdown's emphasis, link and table characters are escaped. */
    public static String text(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\`*_[]<>|#".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A pipe table of cells as they are: the caller escapes each with {@link #text}, or marks it up on purpose (see {@link #bold}). */
    public static void table(StringBuilder out, List<String> headers, List<List<String>> rows) {
        out.append('|');
        headers.forEach(h -> out.append(' ').append(h).append(" |"));
        out.append("\n|");
        for (int i = 0; i < headers.size(); i++) {
            out.append(i == 0 ? "---|" : "---:|");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append('|');
            row.forEach(cell -> out.append(' ').append(cell).append(" |"));
            out.append('\n');
        }
    }

    /** Bold around text the caller has already escaped. */
    public static String bold(String escaped) {
        return "**" + escaped + "**";
    }
}
