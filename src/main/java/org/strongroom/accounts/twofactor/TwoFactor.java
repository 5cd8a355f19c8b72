package org.strongroom.accounts.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.secrets.SecretBox;

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s) with one step of clock drift either way. A code is
 * accepted only for a time step later than the last one accepted for the user, so a code
 * seen over someone's shoulder cannot be replayed. Seeds are stored sealed by
 * {@link SecretBox} (purpose "totp"); the QR code is drawn here, as a data: URI.
 */
@Component
public class TwoFactor {

  public static final String PURPOSE = "totp";
  static final int PERIOD_SECONDS = 30;
  static final int DRIFT_STEPS = 1;

  public enum Method { TOTP, RECOVERY_CODE }

  private final UserStore users;
  private static final Logger log = LoggerFactory.getLogger(TwoFactor.class);

  private final RecoveryCodes recoveryCodes;
  private final SecretBox box;
  private final Clock clock;
  private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

  TwoFactor(UserStore users, RecoveryCodes recoveryCodes, SecretBox box, Clock clock) {
    this.users = users;
    this.recoveryCodes = recoveryCodes;
    this.box = box;
    this.clock = clock;
  }

  public String newSeed() {
    return new DefaultSecretGenerator(32).generate();
  }

  public String seal(String seed) {
    return box.seal(PURPOSE, seed.getBytes(StandardCharsets.UTF_8));
  }

  public String open(String sealed) {
    return new String(box.open(PURPOSE, sealed), StandardCharsets.UTF_8);
  }

  public String qrCodeDataUri(String email, String seed) {
    QrData data = new QrData.Builder().label(email).secret(seed).issuer("Strongroom")
        .algorithm(HashingAlgorithm.SHA1).digits(6).period(PERIOD_SECONDS).build();
    ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
    try {
      return Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType());
    } catch (QrGenerationException e) {
      throw new IllegalStateException("The QR code could not be drawn");
    }
  }

  /** The time step a code is valid for (now ± one step), if any. */
  OptionalLong matchingStep(String seed, String code, Instant now) {
    if (code == null || !code.strip().matches("\\d{6}")) {
      return OptionalLong.empty();
    }
    byte[] given = code.strip().getBytes(StandardCharsets.US_ASCII);
    long current = now.getEpochSecond() / PERIOD_SECONDS;
    OptionalLong match = OptionalLong.empty();
    for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
      if (MessageDigest.isEqual(generate(seed, step).getBytes(StandardCharsets.US_ASCII), given)) {
        match = OptionalLong.of(step);
      }
    }
    return match;
  }

  /** Turns TOTP on after the user proved their app has the seed; returns the recovery codes. */
  @Transactional
  public Optional<List<String>> enable(long userId, String seed, String code) {
    OptionalLong step = matchingStep(seed, code, clock.instant());
    if (step.isEmpty()) {
      return Optional.empty();
    }
    users.setTotp(userId, seal(seed), step.getAsLong());
    return Optional.of(recoveryCodes.replace(userId));
  }

  @Transactional
  public void disable(long userId) {
    users.setTotp(userId, null, null);
    recoveryCodes.deleteAll(userId);
  }

  /** Checks a TOTP code, or else a recovery code, and spends it. */
  public Optional<Method> verify(UserStore.StoredUser user, String code) {
    if (!user.totpEnabled() || code == null || code.length() > 64) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<String> seed = openForLogin(user);
    OptionalLong step = seed.isEmpty() ? OptionalLong.empty() : matchingStep(seed.get(), code, now);
    if (step.isPresent()) {
      return users.claimTotpStep(user.account().id(), step.getAsLong()) ? Optional.of(Method.TOTP) : Optional.empty();
    }
    if (RecoveryCodes.looksLikeCode(code) && recoveryCodes.use(user.account().id(), code, now)) {
      return Optional.of(Method.RECOVERY_CODE);
    }
    return Optional.empty();
  }

  /**
   * The seed, or empty when it was sealed under a secret key that is neither current nor a
   * fallback (a key change without {@code migrate-secret-key}): the code is then refused like a
   * wrong one, and recovery codes (hashed, not sealed) still work.
   */
  private Optional<String> openForLogin(UserStore.StoredUser user) {
    try {
      return Optional.of(open(user.totpSeed()));
    } catch (SecretBox.SecretBoxException e) {
      log.warn("The TOTP seed of user {} cannot be opened with the current secret key or its fallbacks; "
          + "run 'strongroom instance migrate-secret-key --old-key OLD' or add the old key to "
          + "strongroom.secret-key-fallbacks", user.account().id());
      return Optional.empty();
    }
  }

  public int remainingRecoveryCodes(long userId) {
    return recoveryCodes.remaining(userId);
  }

  private String generate(String seed, long step) {
    try {
      return codes.generate(seed, step);
    } catch (CodeGenerationException e) {
      throw new IllegalStateException("A TOTP code could not be computed");
    }
  }
}
