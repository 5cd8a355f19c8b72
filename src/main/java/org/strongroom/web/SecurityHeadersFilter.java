package org.strongroom.web;

import java.io.IOException;
import java.util.regex.Pattern;

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

  /** The CSP template cut at each {@code {nonce}}, so that a response's policy is one concatenation. */
  private final String[] cspAroundNonces;

  SecurityHeadersFilter(PerimeterProperties properties) {
    this.cspAroundNonces = aroundNonces(properties.csp());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String nonce = newNonce();
    request.setAttribute(NONCE_ATTRIBUTE, nonce);
    write(response, csp(cspAroundNonces, nonce), !request.getRequestURI().startsWith("/api/"));
    chain.doFilter(request, response);
  }

  /** The template's text before, between and after its {@code {nonce}} placeholders. */
  static String[] aroundNonces(String template) {
    return template.split(Pattern.quote("{nonce}"), -1);
  }

  /** The template with every placeholder replaced by the nonce, as {@code template.replace("{nonce}", nonce)}. */
  static String csp(String[] aroundNonces, String nonce) {
    if (aroundNonces.length == 1) {
      return aroundNonces[0];
    }
    int length = (aroundNonces.length - 1) * nonce.length();
    for (String part : aroundNonces) {
      length += part.length();
    }
    StringBuilder csp = new StringBuilder(length).append(aroundNonces[0]);
    for (int i = 1; i < aroundNonces.length; i++) {
      csp.append(nonce).append(aroundNonces[i]);
    }
    return csp.toString();
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

  /** A fresh nonce (144 bits, base64url) from {@link CspNonces}. */
  static String newNonce() {
    return CspNonces.next();
  }
}
