package io.helan.web;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * The headers every HTTP answer carries, the HMI's pages and the API's alike: a Content Security
 * Policy that lets the page load and connect only to this server (styles may be inline: ECharts
 * styles its tooltips with style attributes), no framing, no content sniffing, no referrer, and
 * nothing from the API or the metrics kept in a cache.
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:;"
          + " font-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(HttpServerRequest request) {
    MultiMap headers = request.response().headers();
    headers
        .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .set("X-Frame-Options", "DENY")
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer");
    String path = request.path();
    if (path != null && (path.startsWith("/api/") || path.equals("/metrics"))) {
      headers.set("Cache-Control", "no-store");
    }
  }
}
