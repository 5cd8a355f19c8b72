package org.strongroom.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Calls {@code token-bucket.lua}, which decides one or more callers' requests in one round
 * trip, atomically and with Redis's clock: what each call asks ({@link Request}) goes out as
 * the script's keys and arguments, and its flat answer comes back as one {@link Answer} per
 * request. The script is sent by its digest; a Redis that has forgotten it (a restart) is sent
 * it in full once.
 */
final class TokenBucketScript {

  /** Strings since the state moved out of hashes, hence a new prefix (the old keys expire). */
  static final String KEY_PREFIX = "strongroom:ratelimit:tb:";
  /** A full bucket is the same as no bucket: keys expire this long after they have refilled. */
  private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
  private static final String SCRIPT = script();
  private static final String DIGEST = sha1(SCRIPT);

  /**
   * One caller's part of a call.
   *
   * @param wanted how many requests want a token (0: only look)
   * @param lease  how many tokens to lease ahead, granted only with every wanted one
   * @param refund how many tokens an ended lease gives back
   */
  record Request(String key, Limits limits, int wanted, int lease, int refund) {}

  /**
   * What the script decided for one {@link Request}.
   *
   * @param granted      how many of the wanted requests got a token (the first ones)
   * @param leased       tokens leased ahead
   * @param microsToWait until one more token is in every band (0 when every request was granted)
   * @param left         whole tokens left per band after the granted and leased ones
   */
  record Answer(long granted, long leased, long microsToWait, long[] left) {

    /** {@link #left} plus {@code extra} in every band. */
    long[] leftPlus(long extra) {
      long[] available = left.clone();
      for (int i = 0; i < available.length; i++) {
        available[i] += extra;
      }
      return available;
    }
  }

  private final RedisLink redis;

  TokenBucketScript(RedisLink redis) {
    this.redis = redis;
  }

  /** Decides every request in one call; the answers come in the order of the requests. */
  CompletionStage<List<Answer>> run(List<Request> requests) {
    String[] keys = new String[requests.size()];
    List<String> args = new ArrayList<>();
    args.add(Long.toString(KEEP_AFTER_REFILL.toMillis()));
    for (int k = 0; k < keys.length; k++) {
      Request request = requests.get(k);
      List<Band> bands = request.limits().bands();
      keys[k] = KEY_PREFIX + request.key();
      args.add(Integer.toString(request.wanted()));
      args.add(Integer.toString(request.lease()));
      args.add(Integer.toString(request.refund()));
      args.add(Long.toString(request.limits().version()));
      args.add(Integer.toString(bands.size()));
      for (Band band : bands) {
        args.add(Long.toString(band.count()));
        args.add(Long.toString(band.period().toNanos() / 1000));
      }
    }
    String[] values = args.toArray(String[]::new);
    RedisAsyncCommands<String, String> commands = redis.commands();
    return commands.<List<Long>>evalsha(DIGEST, ScriptOutputType.MULTI, keys, values)
        .handle((answer, failure) -> failure == null ? CompletableFuture.completedFuture(answer)
            : unwrap(failure) instanceof RedisNoScriptException
                ? commands.<List<Long>>eval(SCRIPT, ScriptOutputType.MULTI, keys, values)
                : CompletableFuture.<List<Long>>failedFuture(failure))
        .thenCompose(stage -> stage)
        .thenApply(flat -> answers(flat, requests));
  }

  /** The script's flat answer, per request in turn: granted, leased, µs to wait, then one count per band. */
  static List<Answer> answers(List<Long> flat, List<Request> requests) {
    List<Answer> answers = new ArrayList<>(requests.size());
    int at = 0;
    for (Request request : requests) {
      long[] left = new long[request.limits().bands().size()];
      for (int i = 0; i < left.length; i++) {
        left[i] = flat.get(at + 3 + i);
      }
      answers.add(new Answer(flat.get(at), flat.get(at + 1), flat.get(at + 2), left));
      at += 3 + left.length;
    }
    return answers;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String script() {
    try (InputStream in = TokenBucketScript.class.getResourceAsStream("token-bucket.lua")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
