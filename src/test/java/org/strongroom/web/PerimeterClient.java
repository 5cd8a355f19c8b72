package org.strongroom.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.strongroom.support.ApiClient;

/** HTTP/1.1 requests with headers the perimeter must judge (Host, X-Forwarded-*) set freely. */
final class PerimeterClient {

  private final HttpClient http = ApiClient.http11();
  private final String base;

  PerimeterClient(ApiClient api) {
    this.base = api.baseUrl();
  }

  HttpRequest.Builder request(String path, String... headers) {
    return ApiClient.withHeaders(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)),
        headers);
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
