package org.strongroom.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.strongroom.secrets.SecretBox;

/**
 * The configured OpenID Connect providers, each read from its discovery document. A provider
 * whose document cannot be read (down, malformed, another issuer) does not stop the server:
 * its button says it is unavailable, one log line names it and the reason, and the document
 * is tried again at the next sign-in attempt after {@link #RETRY}.
 */
@Component
class OidcProviders implements ClientRegistrationRepository {

  static final Duration RETRY = Duration.ofMinutes(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(OidcProviders.class);
  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};

  /** What the login page shows for one provider. */
  record Button(String name, String label, boolean available) {}

  private record State(ClientRegistration registration, String unavailable, Instant tried) {}

  private final SsoProperties properties;
  private final SecretBox secrets;
  private final Clock clock;
  private final RestClient http;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  OidcProviders(SsoProperties properties, SecretBox secrets, Clock clock) {
    this.properties = properties;
    this.secrets = secrets;
    this.clock = clock;
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(TIMEOUT);
    requests.setReadTimeout(TIMEOUT);
    this.http = RestClient.builder().requestFactory(requests).build();
    properties.oidc().keySet().forEach(this::discover);
  }

  boolean any() {
    return !properties.oidc().isEmpty();
  }

  List<Button> buttons() {
    return properties.oidc().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> new Button(e.getKey(), e.getValue().label(e.getKey()), findByRegistrationId(e.getKey()) != null))
        .toList();
  }

  Optional<SsoProperties.Oidc> config(String name) {
    return Optional.ofNullable(properties.oidc().get(name));
  }

  @Override
  public ClientRegistration findByRegistrationId(String name) {
    State state = states.get(name);
    if (state == null) {
      return null;
    }
    if (state.registration() == null && !clock.instant().isBefore(state.tried().plus(RETRY))) {
      state = discover(name);
    }
    return state.registration();
  }

  private State discover(String name) {
    SsoProperties.Oidc config = properties.oidc().get(name);
    State state;
    try {
      state = new State(registration(name, config, document(config)), null, clock.instant());
      log.info("OpenID Connect provider {} ready ({})", name, config.issuerUri());
    } catch (RuntimeException e) {
      String reason = reason(e);
      state = new State(null, reason, clock.instant());
      log.warn("OpenID Connect provider {} is unavailable: {}", name, reason);
    }
    states.put(name, state);
    return state;
  }

  private Map<String, Object> document(SsoProperties.Oidc config) {
    String issuer = config.issuerUri().toString();
    String url = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    Map<String, Object> document = http.get().uri(url).retrieve().body(JSON_OBJECT);
    if (document == null || !issuer.equals(document.get("issuer"))) {
      throw new IllegalStateException("its discovery document names issuer \""
          + (document == null ? null : document.get("issuer")) + "\", not \"" + issuer + "\"");
    }
    return document;
  }

  private ClientRegistration registration(String name, SsoProperties.Oidc config, Map<String, Object> document) {
    String secret = config.secretSealed() ? SsoSecrets.open(secrets, config.clientSecretSealed()) : config.clientSecret();
    return ClientRegistrations.fromOidcConfiguration(document).registrationId(name)
        .clientId(config.clientId()).clientSecret(secret).scope(config.scopes())
        .clientName(config.label(name))
        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
        .build();
  }

  /** One line: the cause's message, never a secret (the document and the URL hold none). */
  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (e instanceof SecretBox.SecretBoxException) {
      return "client-secret-sealed cannot be opened with this instance's secret key; seal it again with "
          + "'strongroom sso seal-secret'";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String root = cause == e || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
    return (message + root).replaceAll("[\\r\\n]+", " ");
  }
}
