package org.strongroom.records;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import org.strongroom.core.ApiException;
import org.strongroom.secrets.SecretKeyRing;

/**
 * Opaque {@code cursor} values for walking a whole result set (search_after): the last hit's
 * sort key and the query it belongs to, HMAC-signed with a key derived for this purpose alone,
 * so a client can neither forge a position nor reuse a cursor with another query. Cursors made
 * under a fallback secret key stay valid during a key rotation.
 */
@Component
class SearchCursor {

  static final String PURPOSE = "search-cursor";

  /** Where a page ended, in the order's terms. */
  record Position(float score, Instant created, String titleSort, String id) {}

  private final byte[] current;
  private final List<byte[]> fallbacks;

  SearchCursor(SecretKeyRing keys) {
    this.current = keys.signingKey(PURPOSE);
    this.fallbacks = keys.signingKeyFallbacks(PURPOSE);
  }

  String sign(String fingerprint, Position position) {
    String payload = String.join("\n", "1", fingerprint, Integer.toHexString(Float.floatToIntBits(position.score())),
        Long.toString(position.created().getEpochSecond()), Integer.toString(position.created().getNano()),
        position.id(), position.titleSort());
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return encode(bytes) + "." + encode(mac(current, bytes));
  }

  /** The position in a cursor made by {@link #sign} for this query; 400 for anything else. */
  Position verify(String fingerprint, String cursor) {
    int dot = cursor.indexOf('.');
    if (cursor.length() > 4096 || dot < 0) {
      throw invalid();
    }
    byte[] payload;
    byte[] given;
    try {
      payload = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
      given = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    // One spelling only: spare bits in the last base64 character must not give look-alikes.
    if (!cursor.equals(encode(payload) + "." + encode(given))) {
      throw invalid();
    }
    List<byte[]> keys = new ArrayList<>(List.of(current));
    keys.addAll(fallbacks);
    boolean valid = false;
    for (byte[] key : keys) {
      valid |= MessageDigest.isEqual(mac(key, payload), given);
    }
    if (!valid) {
      throw invalid();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 7);
    if (parts.length != 7 || !parts[0].equals("1")) {
      throw invalid();
    }
    if (!parts[1].equals(fingerprint)) {
      throw ApiException.badRequest("This cursor belongs to another query: keep q, the filters and "
          + "sort as they were, or start again without a cursor");
    }
    return new Position(Float.intBitsToFloat(Integer.parseUnsignedInt(parts[2], 16)),
        Instant.ofEpochSecond(Long.parseLong(parts[3]), Integer.parseInt(parts[4])), parts[6], parts[5]);
  }

  private static ApiException invalid() {
    return ApiException.badRequest("Invalid cursor: use links.next exactly as it was given");
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] mac(byte[] key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((PURPOSE + "\n").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
