package org.strongroom.web;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.strongroom.core.RequestFilter;

/**
 * Writes the security headers on every response before anything else runs, so that refusals
 * by the perimeter, by Spring Security and by the container carry them too. Each response
 * gets a fresh CSP nonce, exposed to templates as the request attribute {@code cspNonce}.
 */
@Component
@Order(PerimeterOrder.HEADERS)
class SecurityHeadersFilter extends RequestFilter {

  static final String NONCE_ATTRIBUTE = "cspNonce";
  static final String HSTS = "max-age=31556926; includeSubDomains";
  static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), "
      + "display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), "
      + "hid=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
      // Passkeys (WebAuthn) on this site's own pages only, never in a frame of another origin.
      + "publickey-credentials-create=(self), publickey-credentials-get=(self), "
      + "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

  /**
   * Nonces come from several generators, one picked at random per request: one shared
   * {@code new SecureRandom()} (NativePRNG on Linux) takes a lock that every request of the server
   * queued on, and a flight recording of {@code serve} under load showed request threads blocked
   * there (bench/results/2026-12-07-records-serve.md). Each DRBG is seeded once from the system.
   */
  private static final SecureRandom[] RANDOMS = randoms(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

  private final String cspTemplate;

  SecurityHeadersFilter(PerimeterProperties properties) {
    this.cspTemplate = properties.csp();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String nonce = newNonce();
    request.setAttribute(NONCE_ATTRIBUTE, nonce);
    write(response, cspTemplate.replace("{nonce}", nonce), !request.getRequestURI().startsWith("/api/"));
    chain.doFilter(request, response);
  }

  /** The whole set (docs/operations/deployment.md, "The perimeter"); also used by {@link ContainerErrorValve} for errors Tomcat answers itself. */
  static void write(HttpServletResponse response, String csp, boolean page) {
    response.setHeader("Strict-Transport-Security", HSTS);
    response.setHeader("X-Frame-Options", "sameorigin");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    response.setHeader("Content-Security-Policy", csp);
    response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (page) {
      response.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    }
    response.setHeader("X-XSS-Protection", "0");
  }

  private static SecureRandom[] randoms(int count) {
    SecureRandom[] randoms = new SecureRandom[count];
    for (int i = 0; i < count; i++) {
      try {
        randoms[i] = SecureRandom.getInstance("DRBG");
      } catch (java.security.NoSuchAlgorithmException e) {
        randoms[i] = new SecureRandom();
      }
    }
    return randoms;
  }

  static String newNonce() {
    byte[] bytes = new byte[18];
    RANDOMS[java.util.concurrent.ThreadLocalRandom.current().nextInt(RANDOMS.length)].nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
