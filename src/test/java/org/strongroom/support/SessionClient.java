package org.strongroom.support;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A browser-like client: keeps the cookies the server sets (as a browser would for
 * {@code https://localhost}) and sends them back. For session, CSRF and login tests.
 */
public class SessionClient {

  public static final String SESSION_COOKIE = "__Host-session";
  public static final String CSRF_COOKIE = "__Host-csrftoken";

  private final ApiClient api;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public SessionClient(ApiClient api) {
    this.api = api;
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(ApiClient.withHeaders(api.request(path).GET(), headers));
  }

  public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(ApiClient.withHeaders(api.request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)), headers));
  }

  public HttpResponse<String> postJson(String path, String json, String... headers) {
    return send(ApiClient.withHeaders(api.request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), headers));
  }

  /** A JSON POST carrying the CSRF cookie's token in {@code X-CSRFToken}, as a page script does. */
  public HttpResponse<String> postJsonWithCsrf(String path, String json) {
    return postJson(path, json, "X-CSRFToken", csrfToken());
  }

  /** A form POST carrying the CSRF token in the {@code csrf_token} field, as a page form does. */
  public HttpResponse<String> submit(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("csrf_token", csrfToken());
    return postForm(path, withToken);
  }

  /** GET /login (session + CSRF cookie), then the login form. */
  public HttpResponse<String> login(String email, String password) {
    get("/login");
    return submit("/login", Map.of("username", email, "password", password));
  }

  public HttpResponse<String> send(HttpRequest.Builder builder) {
    if (!cookies.isEmpty()) {
      builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    HttpResponse<String> response = api.send(builder.build());
    for (String header : setCookies(response)) {
      String pair = header.split(";", 2)[0];
      String name = pair.substring(0, pair.indexOf('='));
      String value = pair.substring(pair.indexOf('=') + 1);
      if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return response;
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  public void setCookie(String name, String value) {
    if (value == null) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }

  public String sessionId() {
    return cookie(SESSION_COOKIE);
  }

  public String csrfToken() {
    return cookie(CSRF_COOKIE);
  }

  public static List<String> setCookies(HttpResponse<?> response) {
    return new ArrayList<>(response.headers().allValues("set-cookie"));
  }

  public static Optional<String> setCookie(HttpResponse<?> response, String name) {
    return setCookies(response).stream().filter(h -> h.startsWith(name + "=")).reduce((a, b) -> b);
  }
}
