package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records API under fuzzed bodies, through the whole filter chain and controller
 * (MockMvc): {@code POST /api/records/} never answers 5xx; a refusal is a 4xx JSON body
 * {@code {"message", "status"}} with the same status; an accepted record reads back with the
 * metadata that was sent.
 */
@IntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "strongroom.rate-limits.enabled=false")
class RecordsEndpointFuzzTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static volatile String token;

  @Autowired
  MockMvc mvc;

  @Autowired
  TestUsers users;

  @FuzzTest(maxDuration = "30s")
  void createRecord(byte[] body) throws Exception {
    MvcResult created = mvc.perform(post("/api/records/").secure(true).header("Authorization", "Bearer " + token())
        .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    int status = created.getResponse().getStatus();
    String answer = created.getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(status).as(answer).isLessThan(500);
    if (status != 201) {
      assertThat(status).as(answer).isBetween(400, 499);
      org.strongroom.support.ErrorBodies.assertJsonError(created.getResponse());
      return;
    }
    String location = created.getResponse().getHeader("Location");
    MvcResult read = mvc.perform(get(java.net.URI.create(location).getPath()).secure(true)
        .header("Authorization", "Bearer " + token())).andReturn();
    assertThat(read.getResponse().getStatus()).isEqualTo(200);
    JsonNode sent = JSON.readTree(body).path("metadata");
    JsonNode stored = JSON.readTree(read.getResponse().getContentAsString(StandardCharsets.UTF_8)).path("metadata");
    assertThat(stored).isEqualTo(sent);
  }

  private String token() {
    if (token == null) {
      token = users.user().token();
    }
    return token;
  }
}
