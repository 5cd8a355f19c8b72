package org.strongroom.support;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;


/** A browser stand-in for the pages: keeps cookies, logs in through the form, posts forms with the CSRF field. */
public class PageSession {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

  private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private final ApiClient api;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public PageSession(ApiClient api) {
    this.api = api;
  }

  public static PageSession loggedIn(ApiClient api, String email, String password) {
    PageSession session = new PageSession(api);
    HttpResponse<String> login = session.get("/login");
    HttpResponse<String> result = session.postForm("/login", Map.of("username", email, "password", password),
        csrfField(login.body()));
    if (result.statusCode() != 302 || result.headers().firstValue("Location").orElse("").contains("error")) {
      throw new IllegalStateException("Login failed: " + result.statusCode());
    }
    // As a browser does: follow the redirect, which also brings the CSRF cookie re-issued at login.
    session.get("/");
    return session;
  }

  /** A GET as a browser sends it, asking for HTML first. */
  public HttpResponse<String> get(String path) {
    return remember(api.send(withCookies(api.request(path).header("Accept", BROWSER_ACCEPT).GET()).build()));
  }

  /** Posts a form; {@code csrf} may be null to leave the field out. */
  public HttpResponse<String> postForm(String path, Map<String, String> fields, String csrf) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.put("csrf_token", csrf);
    }
    return postRaw(path, encode(all));
  }

  public HttpResponse<String> postRaw(String path, String body) {
    return remember(api.send(withCookies(api.request(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))).build()));
  }

  public static String csrfField(String html) {
    Matcher matcher = CSRF_FIELD.matcher(html);
    if (!matcher.find()) {
      throw new IllegalStateException("No csrf_token field in the page");
    }
    return matcher.group(1);
  }

  public static String encode(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  /** A JSON API request with the session cookie and the CSRF header, as a page script would send it. */
  public HttpResponse<String> postJson(String path, String json) {
    return remember(api.send(withCookies(api.request(path).header("Content-Type", "application/json")
        .header("X-CSRFToken", cookies.getOrDefault("__Host-csrftoken", ""))
        .POST(HttpRequest.BodyPublishers.ofString(json))).build()));
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  private HttpRequest.Builder withCookies(HttpRequest.Builder builder) {
    if (!cookies.isEmpty()) {
      builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    return builder;
  }

  private HttpResponse<String> remember(HttpResponse<String> response) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int equals = pair.indexOf('=');
      String name = pair.substring(0, equals).strip();
      String value = pair.substring(equals + 1).strip();
      if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return response;
  }
}
