package org.strongroom.instance;

/** One result of a deployment check: printed as {@code ID SEVERITY message — fix}. */
@org.springframework.modulith.NamedInterface("deploy-checks")
public record Finding(String id, Severity severity, String message, String fix) {

  public enum Severity { ERROR, WARNING, INFO }

  public static Finding error(String id, String message, String fix) {
    return new Finding(id, Severity.ERROR, message, fix);
  }

  public static Finding warning(String id, String message, String fix) {
    return new Finding(id, Severity.WARNING, message, fix);
  }

  /** An error with {@code deploy}, a warning without it. */
  public static Finding errorWhenDeploying(boolean deploy, String id, String message, String fix) {
    return new Finding(id, deploy ? Severity.ERROR : Severity.WARNING, message, fix);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public String line() {
    return id + " " + severity + " " + message + " — " + fix;
  }
}
