package dev.mmsafety.udf.report;

import java.util.List;
import java.util.function.Function;

/**
 * The HTML being written, with the few helpers sections share: escaped text, table rows, rate cells and the
 * charts (which carry the simulator marker when the run had simulated rows).
 */
public final class Page {
  private final StringBuilder html;
  private final Svg charts;

  Page(StringBuilder html, boolean simulated) {
    this.html = html;
    this.charts = new Svg(simulated);
  }

  public Svg charts() {
    return charts;
  }

  /** Appends markup written by the section itself (never data: use {@link #text}). */
  public Page raw(String markup) {
    html.append(markup);
    return this;
  }

  /** Appends data as escaped text. */
  public Page text(String value) {
    html.append(Html.escape(value));
    return this;
  }

  /** A paragraph of escaped text. */
  public Page paragraph(String value) {
    return raw("<p>").text(value).raw("</p>\n");
  }

  /** Opens a table with the given header cells (markup, not data). */
  public Page tableHead(String cssClass, List<String> headers) {
    raw(cssClass == null ? "<table><thead><tr>" : "<table class='" + cssClass + "'><thead><tr>");
    for (String h : headers) {
      raw("<th>").text(h).raw("</th>");
    }
    return raw("</tr></thead><tbody>");
  }

  /** One row of escaped text cells. */
  public Page row(List<String> cells) {
    raw("<tr>");
    for (String c : cells) {
      raw("<td>").text(c).raw("</td>");
    }
    return raw("</tr>");
  }

  public Page tableEnd() {
    return raw("</tbody></table>\n");
  }

  /** A whole table: the header cells (markup), then one row of escaped text cells per item. */
  public <T> Page table(String cssClass, List<String> headers, List<T> items, Function<T, List<String>> cells) {
    tableHead(cssClass, headers);
    for (T item : items) {
      row(cells.apply(item));
    }
    return tableEnd();
  }

  /** A right-aligned cell holding a rate as "48.1% (26/54)" and its interval, or a dash when there is none. */
  public Page rateCell(ReportData.Rate r, boolean withCi) {
    raw("<td class='num'>");
    if (r == null || r.n() == 0) {
      raw(r == null ? "<span class='muted'>not run</span>" : "<span class='muted'>no data (n=0)</span>");
    } else {
      text(Html.pct(r.rate())).raw(" <span class='muted'>(").text(r.k() + "/" + r.n()).raw(")</span>");
      if (withCi && r.low() != null) {
        raw("<br><span class='ci'>").text(Html.pct(r.low()) + " \u2013 " + Html.pct(r.high())).raw("</span>");
      }
    }
    return raw("</td>");
  }
}
