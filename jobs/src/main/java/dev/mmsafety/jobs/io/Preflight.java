package dev.mmsafety.jobs.io;

import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Fast checks, run on the driver before a session starts or a table is written, that turn the usual deployment
 * mistakes into one-line {@link ConfigException}s instead of minutes of retries: a malformed or unreachable master
 * URL, an S3 endpoint nobody answers on, no credentials for S3A, and secrets put into the Spark conf. Each check
 * takes a few milliseconds or, at most, one TCP connect timeout. They never send a request or a credential
 * anywhere; reachability is a plain TCP connect.
 */
public final class Preflight {
  public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(3);
  static final String PROVIDER_KEY = "fs.s3a.aws.credentials.provider";
  private static final Pattern LOCAL =
      Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?|local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*]");
  private static final Pattern STANDALONE =
      Pattern.compile("spark://[A-Za-z0-9.\\-]+:[0-9]{1,5}(,[A-Za-z0-9.\\-]+:[0-9]{1,5})*");
  private static final Pattern KUBERNETES = Pattern.compile("k8s://(https?://)?[A-Za-z0-9.\\-]+(:[0-9]{1,5})?/?");
  private static final List<String> SECRET_KEY_PARTS =
      List.of("secret.key", "access.key", "session.token", "password", "api-key", "api.key", "apikey");

  private Preflight() {}

  /**
   * The checks that need no session, for the CLI to run first: the master URL (spark-submit's if set, else the
   * config's) and no secrets in the config's Spark conf.
   */
  public static void beforeSession(RunConfig config, String source) {
    checkNoSecrets(config.spark().conf(), source);
    dev.mmsafety.udf.attack.AttackScope.checkAll(
        config.attacks(), config.datasets().stream().map(dev.mmsafety.udf.config.DatasetSpec::benchmark).toList());
    checkMaster(new SparkConf().get("spark.master", config.spark().master()), CONNECT_TIMEOUT_DEFAULT);
  }

  /**
   * The checks that need the session's Hadoop configuration, then the output root claim: every {@code s3a://}
   * location of the run (output root, dataset paths) is reachable with credentials, and the output root is ours.
   */
  public static void afterSession(SparkSession spark, RunConfig config) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    checkObjectStore(conf, config.run().output(), System.getenv(), CONNECT_TIMEOUT_DEFAULT);
    for (DatasetSpec dataset : config.datasets()) {
      checkObjectStore(conf, dataset.path(), System.getenv(), CONNECT_TIMEOUT_DEFAULT);
    }
    OutputRootGuard.claim(spark, config.run().output());
  }

  /**
   * Checks a master URL's form and, for {@code spark://} and {@code k8s://}, that something listens there.
   * Accepts local, local[N], local[*], local[N,F], local-cluster[N,C,M], spark://host:port[,host:port], yarn and
   * k8s://[https://]host[:port].
   */
  public static void checkMaster(String master, Duration timeout) {
    String m = master == null ? "" : master.trim();
    if (LOCAL.matcher(m).matches() || m.equals("yarn")) {
      return;
    }
    if (STANDALONE.matcher(m).matches()) {
      List<String> failures = new ArrayList<>();
      for (String hostPort : m.substring("spark://".length()).split(",")) {
        int colon = hostPort.lastIndexOf(':');
        String reason =
            connect(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), timeout);
        if (reason == null) {
          return; // one live master of an HA list is enough
        }
        failures.add(hostPort + " " + reason);
      }
      throw new ConfigException("Cannot reach Spark master " + m + ": " + String.join("; ", failures));
    }
    if (KUBERNETES.matcher(m).matches()) {
      String rest = m.substring("k8s://".length());
      URI api = URI.create(rest.contains("://") ? rest : "https://" + rest);
      int port = api.getPort() > 0 ? api.getPort() : ("http".equals(api.getScheme()) ? 80 : 443);
      String reason = connect(api.getHost(), port, timeout);
      if (reason != null) {
        throw new ConfigException("Cannot reach Kubernetes API server of master " + m + ": " + reason);
      }
      return;
    }
    throw new ConfigException(
        "Cannot use master URL '" + m + "': expected local[N], spark://host:port, yarn or k8s://https://host:port");
  }

  /**
   * For an {@code s3a://} location: the endpoint answers a TCP connect, and S3A will find credentials. No-op for
   * other schemes. {@code env} is the process environment (a parameter so that tests can pass their own).
   */
  public static void checkObjectStore(
      Configuration hadoopConf, String location, Map<String, String> env, Duration timeout) {
    if (!ObjectStoreConf.isS3a(location)) {
      return;
    }
    String bucket = ObjectStoreConf.bucket(location);
    checkEndpoint(hadoopConf, bucket, location, timeout);
    checkCredentials(hadoopConf, bucket, location, env);
  }

  /** Refuses credentials in the Spark conf of a run config: they would land in the runs table and in logs. */
  public static void checkNoSecrets(Map<String, String> sparkConf, String source) {
    for (String key : sparkConf.keySet()) {
      String k = key.toLowerCase(Locale.ROOT);
      if (SECRET_KEY_PARTS.stream().anyMatch(k::contains)) {
        throw new ConfigException(
            "Cannot use config " + source + ": spark.conf." + key
                + " holds a secret; pass credentials through the environment or a credential provider");
      }
    }
  }

  static void checkEndpoint(Configuration conf, String bucket, String location, Duration timeout) {
    String endpoint = bucketOption(conf, bucket, "endpoint");
    if (endpoint == null || endpoint.isBlank()) {
      endpoint = "s3.amazonaws.com";
    }
    boolean ssl = conf.getBoolean("fs.s3a.connection.ssl.enabled", true);
    URI uri = URI.create(endpoint.contains("://") ? endpoint : (ssl ? "https://" : "http://") + endpoint);
    int port = uri.getPort() > 0 ? uri.getPort() : ("http".equals(uri.getScheme()) ? 80 : 443);
    String reason = connect(uri.getHost(), port, timeout);
    if (reason != null) {
      throw new ConfigException(
          "Cannot reach S3 endpoint " + uri.getHost() + ":" + port + " for " + location + ": " + reason);
    }
  }

  static void checkCredentials(Configuration conf, String bucket, String location, Map<String, String> env) {
    if (userSet(conf, "fs.s3a.bucket." + bucket + ".aws.credentials.provider") || userSet(conf, PROVIDER_KEY)) {
      return; // the user named a provider (instance profile, web identity, ...): trust it
    }
    if (present(env.get("AWS_ACCESS_KEY_ID")) && present(env.get("AWS_SECRET_ACCESS_KEY"))) {
      return;
    }
    if (hasPassword(conf, bucket, "access.key") && hasPassword(conf, bucket, "secret.key")) {
      return; // e.g. a Hadoop credential store (JCEKS) named by hadoop.security.credential.provider.path
    }
    throw new ConfigException(
        "Cannot use " + location + ": no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
            + "or name a provider in spark.hadoop." + PROVIDER_KEY + ")");
  }

  /** A TCP connect; null when it worked, else a short reason. */
  static String connect(String host, int port, Duration timeout) {
    if (host == null || host.isBlank()) {
      return "no host";
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return null;
    } catch (UnknownHostException e) {
      return "unknown host " + host;
    } catch (SocketTimeoutException e) {
      return "no answer within " + timeout.toMillis() + " ms";
    } catch (ConnectException e) {
      return "connection refused";
    } catch (IOException | IllegalArgumentException e) {
      return oneLine(e);
    }
  }

  /** The first line of a throwable's message (or its class name), for one-line errors. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static String bucketOption(Configuration conf, String bucket, String option) {
    String perBucket = conf.getTrimmed("fs.s3a.bucket." + bucket + "." + option);
    return perBucket != null ? perBucket : conf.getTrimmed("fs.s3a." + option);
  }

  private static boolean userSet(Configuration conf, String key) {
    if (!present(conf.get(key))) {
      return false;
    }
    String[] sources = conf.getPropertySources(key);
    if (sources == null) {
      return true;
    }
    for (String s : sources) {
      if (!s.endsWith("-default.xml")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasPassword(Configuration conf, String bucket, String option) {
    try {
      char[] perBucket = conf.getPassword("fs.s3a.bucket." + bucket + "." + option);
      char[] global = perBucket != null ? perBucket : conf.getPassword("fs.s3a." + option);
      return global != null && global.length > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
