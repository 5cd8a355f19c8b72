package org.strongroom.accounts.csrf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.AccountsProperties;
import org.strongroom.secrets.SecretKeyRing;

/**
 * CSRF tokens that need no server state: {@code expiry.nonce.mac}, where the MAC (HMAC-SHA256
 * under the key derived for "csrf") covers the expiry, the nonce and the session id. A token
 * is therefore valid only for the session it was made for, only until it expires, and only if
 * this server (or one with a fallback key) made it.
 *
 * <p>The token travels in the cookie {@code __Host-csrftoken} (Secure, SameSite=Strict, Path=/,
 * readable by scripts) and must come back in {@code X-CSRFToken} or the form field
 * {@code csrf_token}. {@link #loadToken} returns the cookie's token only when it is still valid
 * for this session; the CSRF filter then requires the submitted value to equal it.
 */
@Component
public class SignedCsrfTokens implements CsrfTokenRepository {

  public static final String COOKIE = "__Host-csrftoken";
  public static final String HEADER = "X-CSRFToken";
  public static final String FIELD = "csrf_token";
  private static final String PURPOSE = "csrf";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeyRing keys;
  private final AccountsProperties properties;
  private final Clock clock;

  SignedCsrfTokens(SecretKeyRing keys, AccountsProperties properties, Clock clock) {
    this.keys = keys;
    this.properties = properties;
    this.clock = clock;
  }

  /** A new token for the request's session, which is created if there is none yet. */
  @Override
  public CsrfToken generateToken(HttpServletRequest request) {
    String sessionId = request.getSession(true).getId();
    long expires = clock.instant().plus(properties.csrf().tokenLifetime()).getEpochSecond();
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String payload = expires + "." + B64.encodeToString(nonce);
    return token(payload + "." + B64.encodeToString(mac(keys.signingKey(PURPOSE), payload, sessionId)));
  }

  @Override
  public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(COOKIE, token == null ? "" : token.getToken())
        .secure(true).httpOnly(false).sameSite("Strict").path("/");
    if (token == null) {
      cookie.maxAge(0);
    }
    response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
  }

  @Override
  public CsrfToken loadToken(HttpServletRequest request) {
    String value = cookieValue(request);
    return value != null && isValid(value, request) ? token(value) : null;
  }

  /** Whether a token is genuine, unexpired and made for the request's current session. */
  boolean isValid(String value, HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || value == null || value.length() > 200) {
      return false;
    }
    int lastDot = value.lastIndexOf('.');
    int firstDot = value.indexOf('.');
    if (firstDot <= 0 || lastDot == firstDot) {
      return false;
    }
    String payload = value.substring(0, lastDot);
    long expires;
    byte[] given;
    try {
      expires = Long.parseLong(value.substring(0, firstDot));
      given = Base64.getUrlDecoder().decode(value.substring(lastDot + 1));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
    // Compared as seconds: a forged expiry beyond Instant's range must not throw.
    if (expires <= clock.instant().getEpochSecond()) {
      return false;
    }
    List<byte[]> candidates = new ArrayList<>();
    candidates.add(keys.signingKey(PURPOSE));
    candidates.addAll(keys.signingKeyFallbacks(PURPOSE));
    boolean valid = false;
    for (byte[] key : candidates) {
      valid |= MessageDigest.isEqual(mac(key, payload, session.getId()), given);
    }
    return valid;
  }

  /** Makes a fresh token for the current session and sends it (after login, sudo, a new session id). */
  public void reissue(HttpServletRequest request, HttpServletResponse response) {
    CsrfToken token = generateToken(request);
    saveToken(token, request, response);
    request.setAttribute(CsrfToken.class.getName(), token);
    request.setAttribute("_csrf", token);
  }

  private static String cookieValue(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return null;
    }
    for (Cookie cookie : request.getCookies()) {
      if (COOKIE.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private static CsrfToken token(String value) {
    return new DefaultCsrfToken(HEADER, FIELD, value);
  }

  private static byte[] mac(byte[] key, String payload, String sessionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] message = (payload + "|" + sessionId).getBytes(StandardCharsets.UTF_8);
      return mac.doFinal(ByteBuffer.wrap(message).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
