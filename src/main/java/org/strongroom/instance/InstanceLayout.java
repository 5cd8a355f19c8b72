package org.strongroom.instance;

import java.nio.file.Path;

/** Where things live inside an instance folder. */
@org.springframework.modulith.NamedInterface("layout")
public record InstanceLayout(Path root) {

  public static final String DEFAULT_FOLDER = "instance";

  public InstanceLayout {
    root = root.toAbsolutePath().normalize();
  }

  public Path config() {
    return root.resolve("strongroom.yml");
  }

  public Path secretKey() {
    return root.resolve("secret.key");
  }

  public Path tlsCertificate() {
    return root.resolve("tls").resolve("cert.pem");
  }

  public Path tlsPrivateKey() {
    return root.resolve("tls").resolve("key.pem");
  }

  public Path databaseFolder() {
    return root.resolve("db");
  }

  /**
   * The H2 URL used when {@code strongroom.database.url} is not set. In H2's automatic mixed
   * mode ({@code AUTO_SERVER}) the first process to open the file serves it to the others, so
   * commands run beside a running server; {@link H2Loopback} keeps that port on loopback.
   */
  public String defaultDatabaseUrl() {
    return "jdbc:h2:file:" + databaseFolder().resolve("strongroom") + ";AUTO_SERVER=TRUE";
  }

  public Path files() {
    return root.resolve("files");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path schemas() {
    return root.resolve("schemas");
  }

  public Path templates() {
    return root.resolve("templates");
  }

  public Path plugins() {
    return root.resolve("plugins");
  }

  /** An instance exists once setup has written its secret key. */
  public boolean exists() {
    return java.nio.file.Files.exists(secretKey());
  }
}
