package dev.webbench.bench.report;

import java.util.List;

/** The little HTML index.html needs: text escaping and number tables that carry every chart's data for readers without JS. */
final class Html {
    private Html() {
    }

    /** A table row; {@code cssClass} (failed, noisy, ceiling or null) colours it, the status cell says it in words. */
    record Row(String cssClass, List<String> cells) {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A table whose first column names the row; the others are right-aligned numbers (see report.css). */
    static void table(StringBuilder out, String caption, List<String> headers, List<Row> rows) {
        out.append("<table class=\"numbers\">\n<caption>").append(escape(caption)).append("</caption>\n<thead><tr>");
        for (String header : headers) {
            out.append("<th scope=\"col\">").append(escape(header)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            out.append(row.cssClass() == null ? "<tr>" : "<tr class=\"" + escape(row.cssClass()) + "\">");
            for (int i = 0; i < row.cells().size(); i++) {
                String cell = escape(row.cells().get(i));
                out.append(i == 0 ? "<th scope=\"row\">" + cell + "</th>" : "<td>" + cell + "</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }
}
