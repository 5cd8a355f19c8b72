package org.strongroom.sso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.strongroom.support.ApiClient;
import org.strongroom.support.SessionClient;

/**
 * A browser going through an OpenID Connect sign-in: our server (with its cookies) on one side,
 * the provider (mock-oauth2-server, which answers the authorization request at once) on the
 * other. Follows no redirect by itself, so that each step can be looked at or tampered with.
 */
class OidcBrowser {

  final SessionClient session;
  private final ApiClient api;
  private final HttpClient provider = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10)).build();

  OidcBrowser(ApiClient api) {
    this.api = api;
    this.session = new SessionClient(api);
  }

  /** Starts the sign-in; the provider's authorization URL we were sent to. */
  URI start(String name) {
    HttpResponse<String> start = session.get("/oauth2/authorization/" + name);
    if (start.statusCode() != 302) {
      throw new IllegalStateException("sign-in did not start: " + start.statusCode());
    }
    return URI.create(start.headers().firstValue("Location").orElseThrow());
  }

  /** The provider's answer: the callback URL (with code and state) it sends the browser back to. */
  URI authorize(URI authorization) {
    try {
      HttpResponse<String> answer = provider.send(HttpRequest.newBuilder(authorization).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 302) {
        throw new IllegalStateException("provider answered " + answer.statusCode() + ": " + answer.body());
      }
      return URI.create(answer.headers().firstValue("Location").orElseThrow());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The provider asks for the credentials again ({@code prompt=login}): its login form is shown
   * and submitted as {@code username} (the subject) with these claims (JSON); the callback URL
   * it then sends the browser back to.
   */
  URI authorizeWithLogin(URI authorization, String username, String claims) {
    try {
      HttpResponse<String> form = provider.send(HttpRequest.newBuilder(authorization).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (form.statusCode() != 200 || !form.body().contains("name=\"username\"")) {
        throw new IllegalStateException("the provider did not ask for credentials: " + form.statusCode());
      }
      String body = "username=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)
          + "&claims=" + java.net.URLEncoder.encode(claims, java.nio.charset.StandardCharsets.UTF_8);
      HttpResponse<String> answer = provider.send(HttpRequest.newBuilder(authorization)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 302) {
        throw new IllegalStateException("provider answered " + answer.statusCode() + ": " + answer.body());
      }
      return URI.create(answer.headers().firstValue("Location").orElseThrow());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Comes back to our server with the callback URL. */
  HttpResponse<String> callback(URI callback) {
    if (!callback.toString().startsWith(api.baseUrl() + "/")) {
      throw new IllegalStateException("callback to another server: " + callback);
    }
    return session.get(callback.getRawPath() + "?" + callback.getRawQuery());
  }

  /** The whole sign-in: start, provider, callback. */
  HttpResponse<String> signIn(String name) {
    return callback(authorize(start(name)));
  }

  HttpResponse<String> get(String path) {
    return session.get(path);
  }

  static String query(URI uri, String parameter) {
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(parameter + "=")) {
        return java.net.URLDecoder.decode(pair.substring(parameter.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  static URI withQuery(URI uri, String parameter, String value) {
    String replaced = uri.getRawQuery().replaceAll("(^|&)" + parameter + "=[^&]*",
        "$1" + parameter + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + replaced);
  }
}
