package dev.mmsafety.jobs;

/** The code version recorded on runs: the jar's version and the git commit the launcher saw, if any. */
public final class CodeVersion {
  private CodeVersion() {}

  public static String current() {
    String version = CodeVersion.class.getPackage().getImplementationVersion();
    String commit = System.getenv("MMSAFETY_GIT_COMMIT");
    return (version == null ? "dev" : version) + (commit == null || commit.isBlank() ? "" : "+" + commit);
  }
}
