import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second baseline for bench/records.sh: what Spring Boot itself costs. The same embedded
 * Tomcat, TLS settings, HTTP/2, keep-alive and threads as Strongroom, and one Spring MVC
 * controller answering {@code GET /api/records/{id}} with the bytes Strongroom sends (its
 * JSON document and its response headers, as captured by the script), but no security,
 * sessions, database, filters or metrics. Strongroom cannot be faster than this; the gap
 * between the two is what Strongroom's own work costs.
 *
 * <p>Usage, with Strongroom's libraries on the class path (bench/records.sh extracts them):
 * {@code java -cp 'LIB/*' SpringFloorServer.java PORT CERT.pem KEY.pem DOCUMENT.json HEADERS.txt}
 * where HEADERS.txt is a response head as {@code curl -D} writes it.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(classes = {
    org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class,
    org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration.class,
    org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
    org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
    org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
    org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
    org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class})
public class SpringFloorServer {

  private static byte[] document;
  private static final org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
  /** Set by Tomcat or Spring MVC for every response. */
  private static final java.util.Set<String> OWN = java.util.Set.of("content-length", "content-type", "date",
      "transfer-encoding", "connection", "keep-alive");

  public static void main(String[] args) throws Exception {
    document = Files.readAllBytes(Path.of(args[3]));
    for (String line : Files.readAllLines(Path.of(args[4]))) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("HTTP/") && !OWN.contains(line.substring(0, colon).strip().toLowerCase())) {
        headers.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    // The source launcher compiles this file into its own class loader, which Spring must use.
    ClassLoader loader = SpringFloorServer.class.getClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    SpringApplication app = new SpringApplication(new org.springframework.core.io.DefaultResourceLoader(loader),
        SpringFloorServer.class);
    app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
    app.setDefaultProperties(java.util.Map.of(
        "server.port", args[0],
        "server.http2.enabled", "true",
        "server.tomcat.max-keep-alive-requests", "10000",
        "spring.threads.virtual.enabled", "true",
        "spring.ssl.bundle.pem.floor.keystore.certificate", "file:" + args[1],
        "spring.ssl.bundle.pem.floor.keystore.private-key", "file:" + args[2],
        "spring.ssl.bundle.pem.floor.options.enabled-protocols", "TLSv1.3, TLSv1.2",
        "server.ssl.bundle", "floor"));
    app.run(args);
    System.out.println("Spring floor HTTPS server on " + args[0]);
  }

  /** Registered as a member class of this configuration. */
  @RestController
  public static class Floor {
    private final byte[] document = SpringFloorServer.document;

    @GetMapping(path = "/api/records/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> read(@PathVariable("id") String id) {
      return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(document);
    }
  }
}
