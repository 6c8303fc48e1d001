package dev.mmsafety.udf.report;

import dev.mmsafety.udf.common.CanonicalJson;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Config values as the report may show them: URLs without user info, query or fragment (where credentials hide),
 * and parameters whose name says they hold a secret masked. Names of environment variables stay visible.
 */
public final class DisplaySafe {
  public static final String MASK = "***";
  /** A name whose last word (after '-', '_', '.' or a camel-case hump) names a secret: api-key, authToken. */
  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?i)(?:.*(?:[-_.]|(?<=[a-z])(?=[A-Z])))?(?:api[-_]?key|key|token|secret|password|passwd|pass|authorization"
          + "|credentials?|cookie|bearer)");

  private DisplaySafe() {}

  /** scheme://host[:port]/path of a URL; anything that does not parse as a URI is not shown. */
  public static String url(String url) {
    if (url == null) {
      return "";
    }
    try {
      URI u = URI.create(url.trim());
      if (u.getHost() == null) {
        // file:/x or a bare path; an authority that is not a host may hold credentials
        return u.getRawAuthority() == null ? (u.getScheme() == null ? "" : u.getScheme() + ":") + u.getRawPath()
            : "(url not shown)";
      }
      return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
          + (u.getRawPath() == null ? "" : u.getRawPath());
    } catch (IllegalArgumentException e) {
      return "(url that does not parse)";
    }
  }

  /** Parameters as canonical JSON, secrets masked and URLs cleaned; "{}" when there are none. */
  public static String params(Map<String, ?> params) {
    return params == null || params.isEmpty() ? "{}" : CanonicalJson.write(clean(params));
  }

  private static Object clean(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        boolean secret = SECRET_KEY.matcher(key).matches();
        out.put(key, secret ? MASK : clean(e.getValue()));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(clean(v)));
      return out;
    }
    if (value instanceof String s && s.contains("://")) {
      return url(s);
    }
    return value;
  }
}
