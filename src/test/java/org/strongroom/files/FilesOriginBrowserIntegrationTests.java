package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.auth;
import static org.strongroom.files.FilesTestSupport.put;
import static org.strongroom.files.FilesTestSupport.record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.BrowserLogin;
import org.strongroom.support.FreePorts;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;

/**
 * A real browser, signed in on the application origin, follows a file link to the files
 * origin: the file is served, and the browser sent no cookie there (the session cookie is a
 * {@code __Host-} cookie of the application host only).
 */
@RequiresChromium
@IntegrationTest
@Import(FilesOriginBrowserIntegrationTests.CookieRecorder.class)
@TestPropertySource(properties = "strongroom.storage.local.path=target/test-files/browser-${random.uuid}")
class FilesOriginBrowserIntegrationTests {

  static final String FILES_HOST = "files.strongroom.test";
  static final int PORT = FreePorts.any();
  /** The Cookie header of every request the files host received (null when none was sent). */
  static final List<String> FILES_HOST_COOKIES = new CopyOnWriteArrayList<>();

  @DynamicPropertySource
  static void sameServerOnAKnownPort(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("strongroom.files.origin", () -> "https://" + FILES_HOST + ":" + PORT);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class CookieRecorder {
    @Bean
    FilterRegistrationBean<Filter> filesHostCookieRecorder() {
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
        if (FILES_HOST.equals(request.getServerName())) {
          FILES_HOST_COOKIES.add(String.valueOf(((HttpServletRequest) request).getHeader("Cookie")));
        }
        chain.doFilter(request, response);
      });
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Test
  void aSignedInBrowserReachesTheFileWithoutSendingACookieToTheFilesOrigin() {
    TestUsers.User owner = users.user();
    String id = record(api, owner, "restricted");
    // Plain text is shown inline (an HTML file would be a download, which a browser does not navigate to).
    put(api, "/api/records/" + id + "/files/notes.txt",
        "Field notes, shown inline on the files origin.".getBytes(StandardCharsets.UTF_8), auth(owner));

    try (WebDrivers.Browser browser = WebDrivers.chromium("--host-resolver-rules=MAP " + FILES_HOST + " 127.0.0.1")) {
      var driver = browser.driver();
      BrowserLogin.logIn(driver, api.baseUrl(), owner.email());
      assertThat(driver.manage().getCookieNamed("__Host-session")).isNotNull();

      FILES_HOST_COOKIES.clear();
      // The record is restricted: only the session lets the application redirect to the file.
      driver.get(api.baseUrl() + "/api/records/" + id + "/files/notes.txt/content");
      new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(() -> driver.getCurrentUrl() + ": "
          + driver.getPageSource()).until(d -> d.getCurrentUrl().contains(FILES_HOST));

      assertThat(driver.getCurrentUrl()).startsWith("https://" + FILES_HOST + ":" + PORT + "/download/");
      assertThat(driver.getPageSource()).contains("Field notes, shown inline on the files origin.");
      assertThat(driver.manage().getCookies()).isEmpty();
      assertThat(FILES_HOST_COOKIES).isNotEmpty().containsOnly("null");
    }
  }
}
