package org.strongroom.accounts.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryUtil;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.strongroom.core.ApiException;

/**
 * A new password (NIST SP 800-63B §3.1.1.2): at least 12 characters; not in the 49,233 passwords
 * most common in public breach corpora, shipped with the build ({@code breached-passwords.txt},
 * from zxcvbn-ts: a server often cannot reach an online lookup) nor among nbvcxz's 10,000 most
 * common; and, for anything else, strong enough by the nbvcxz estimator, which knows both lists
 * and has the final word (so {@code password1234} and close variants of listed passwords fail).
 */
@Component
public class PasswordPolicy {

  static final int MINIMUM_LENGTH = 12;
  static final int MAXIMUM_LENGTH = 1024;
  static final int COMMON_PASSWORDS = 10_000;
  static final String BREACHED = "breached-passwords.txt";

  private final Set<String> refused;
  private final Nbvcxz estimator;

  PasswordPolicy() {
    List<String> breached = readBreached();
    Map<String, Integer> ranked = DictionaryUtil.loadRankedDictionary(DictionaryUtil.passwords);
    Set<String> words = new HashSet<>(breached);
    ranked.forEach((word, rank) -> {
      if (rank <= COMMON_PASSWORDS) {
        words.add(word);
      }
    });
    this.refused = Set.copyOf(words);
    Map<String, Integer> breachedRanks = new HashMap<>();
    for (int i = 0; i < breached.size(); i++) {
      breachedRanks.putIfAbsent(breached.get(i), i + 1);
    }
    List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
    dictionaries.add(new Dictionary("breached", breachedRanks, false));
    this.estimator = new Nbvcxz(new ConfigurationBuilder().setDictionaries(dictionaries).createConfiguration());
  }

  public void check(String password) {
    if (password == null || password.codePointCount(0, password.length()) < MINIMUM_LENGTH) {
      throw refuse("Password must be at least " + MINIMUM_LENGTH + " characters long");
    }
    if (password.length() > MAXIMUM_LENGTH) {
      throw refuse("Password must be at most " + MAXIMUM_LENGTH + " characters long");
    }
    if (refused.contains(password.toLowerCase(Locale.ROOT))) {
      throw refuse("Password is too common: it appears in lists of breached passwords; choose another");
    }
    if (!estimator.estimate(password).isMinimumEntropyMet()) {
      throw refuse("Password is too easy to guess; a few unrelated words make a strong one");
    }
  }

  private static List<String> readBreached() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(BREACHED)) {
      if (in == null) {
        throw new IllegalStateException(BREACHED + " is missing from the build");
      }
      List<String> words = new ArrayList<>(50_000);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isEmpty()) {
          words.add(line.toLowerCase(Locale.ROOT));
        }
      }
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiException refuse(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }
}
