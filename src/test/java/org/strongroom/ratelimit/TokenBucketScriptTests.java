package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The script's flat answer is read per request, each with as many band counts as its limits have. */
class TokenBucketScriptTests {

  @Test
  void eachRequestGetsItsOwnAnswerInOrder() {
    List<TokenBucketScript.Request> requests = List.of(
        new TokenBucketScript.Request("a", Limits.parse("test", "5/1m"), 2, 0, 0),
        new TokenBucketScript.Request("b", Limits.parse("test", "1000/1m,5000/1h"), 3, 4, 1));
    List<TokenBucketScript.Answer> answers = TokenBucketScript.answers(
        List.of(1L, 0L, 12_000_000L, 0L, /* b: */ 3L, 4L, 0L, 993L, 4993L), requests);

    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).granted()).isEqualTo(1);
    assertThat(answers.get(0).leased()).isZero();
    assertThat(answers.get(0).microsToWait()).isEqualTo(12_000_000L);
    assertThat(answers.get(0).left()).containsExactly(0);
    assertThat(answers.get(1).granted()).isEqualTo(3);
    assertThat(answers.get(1).leased()).isEqualTo(4);
    assertThat(answers.get(1).left()).containsExactly(993, 4993);
    assertThat(answers.get(1).leftPlus(2)).containsExactly(995, 4995);
    assertThat(answers.get(1).left()).as("leftPlus leaves the answer as it was").containsExactly(993, 4993);
  }
}
