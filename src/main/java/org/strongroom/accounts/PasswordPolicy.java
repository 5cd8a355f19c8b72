package org.strongroom.accounts;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import me.gosimple.nbvcxz.resources.DictionaryUtil;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.strongroom.core.ApiException;

/**
 * At least 12 characters and not one of the 10,000 most common passwords (the ranked list
 * shipped with nbvcxz).
 */
@Component
class PasswordPolicy {

  static final int MINIMUM_LENGTH = 12;
  static final int MAXIMUM_LENGTH = 1024;
  static final int COMMON_PASSWORDS = 10_000;

  private final Set<String> common;

  PasswordPolicy() {
    Map<String, Integer> ranked = DictionaryUtil.loadRankedDictionary(DictionaryUtil.passwords);
    this.common = ranked.entrySet().stream()
        .filter(entry -> entry.getValue() <= COMMON_PASSWORDS)
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  void check(String password) {
    if (password == null || password.codePointCount(0, password.length()) < MINIMUM_LENGTH) {
      throw refuse("Password must be at least " + MINIMUM_LENGTH + " characters long");
    }
    if (password.length() > MAXIMUM_LENGTH) {
      throw refuse("Password must be at most " + MAXIMUM_LENGTH + " characters long");
    }
    if (common.contains(password.toLowerCase(Locale.ROOT))) {
      throw refuse("Password is too common; choose another");
    }
  }

  private static ApiException refuse(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }
}
