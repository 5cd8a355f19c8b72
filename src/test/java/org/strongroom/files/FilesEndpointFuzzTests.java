package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriUtils;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.ErrorBodies;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files API under fuzzed keys and {@code Range} headers, through the whole filter chain and
 * controller (MockMvc). Input: the first line is the key (sent percent-encoded as one path
 * segment), the second the Range header, the rest the file's bytes. No answer is 5xx; a refused
 * key is a 4xx JSON body; an accepted key is listed in NFC and its content reads back, whole or
 * as the one range asked for.
 */
@IntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = {"strongroom.rate-limits.enabled=false",
    "strongroom.storage.local.path=target/test-files/fuzz-${random.uuid}"})
class FilesEndpointFuzzTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static volatile String token;
  private static volatile String recordId;

  @Autowired
  MockMvc mvc;

  @Autowired
  TestUsers users;

  @FuzzTest(maxDuration = "30s")
  void keysAndRanges(byte[] input) throws Exception {
    String[] parts = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    String key = parts[0];
    String range = parts.length > 1 ? parts[1] : null;
    byte[] content = (parts.length > 2 ? parts[2] : "content").getBytes(StandardCharsets.UTF_8);
    String path = "/api/records/" + record() + "/files/" + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8);

    MockHttpServletResponse upload = mvc.perform(put(java.net.URI.create(path)).secure(true).header("Authorization", bearer())
        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(content)).andReturn().getResponse();
    assertThat(upload.getStatus()).as(upload.getContentAsString()).isLessThan(500);
    if (upload.getStatus() >= 300) {
      assertThat(upload.getStatus()).as(path).isBetween(400, 499);
      ErrorBodies.assertJsonError(upload);
      return;
    }
    String stored = JSON.readTree(upload.getContentAsString(StandardCharsets.UTF_8)).path("key").asString();
    assertThat(stored).isEqualTo(Normalizer.normalize(key, Normalizer.Form.NFC));

    var read = mvc.perform(get(java.net.URI.create(path + "/content")).secure(true).header("Authorization", bearer())
        .header("Range", range == null ? "" : range)).andReturn().getResponse();
    int status = read.getStatus();
    if (range != null && range.codePoints().anyMatch(c -> Character.isISOControl(c) || !Character.isDefined(c))) {
      // The firewall refuses a header value with a control character: a JSON 400, as for any refusal.
      assertThat(status).as(range).isIn(200, 206, 400, 416);
      if (status == 400) {
        ErrorBodies.assertJsonError(read);
        return;
      }
    }
    assertThat(status).isIn(200, 206, 416);
    ByteRange expected = ByteRange.of(range == null || range.isEmpty() ? null : range, content.length);
    if (status == 206) {
      assertThat(read.getContentAsByteArray())
          .isEqualTo(Arrays.copyOfRange(content, (int) expected.first(), (int) expected.last() + 1));
    } else if (status == 200) {
      assertThat(read.getContentAsByteArray()).isEqualTo(content);
    } else {
      assertThat(expected.kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
    }
  }

  private String bearer() {
    if (token == null) {
      token = users.user().token();
    }
    return "Bearer " + token;
  }

  private String record() throws Exception {
    if (recordId == null) {
      var created = mvc.perform(post("/api/records/").secure(true).header("Authorization", bearer())
          .contentType(MediaType.APPLICATION_JSON).content("{\"metadata\": {\"title\": \"Fuzzed files\"}}"))
          .andReturn().getResponse();
      assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
      recordId = JSON.readTree(created.getContentAsString()).path("id").asString();
    }
    return recordId;
  }
}
