package org.strongroom.files;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;

/**
 * Answers every request addressed to the files origin, before sessions, security or any
 * controller: only {@code GET}/{@code HEAD} of a valid signed download URL get bytes; every
 * other request there gets 403 or 404. Cookies are neither read nor set on this host, so a
 * file can never see or plant the application's session. Requests for other hosts pass on.
 */
class FilesOriginFilter extends RequestFilter {

  private final String filesHost;
  private final SignedUrls signedUrls;
  private final RecordFiles files;

  FilesOriginFilter(String filesHost, SignedUrls signedUrls, RecordFiles files) {
    this.filesHost = filesHost;
    this.signedUrls = signedUrls;
    this.files = files;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String host = request.getServerName();
    if (host == null || !filesHost.equals(host.toLowerCase(Locale.ROOT))) {
      chain.doFilter(request, response);
      return;
    }
    String path = request.getRequestURI();
    String method = request.getMethod();
    if (!path.startsWith(SignedUrls.PATH_PREFIX) || !("GET".equals(method) || "HEAD".equals(method))) {
      refuse(response, 404, "Not found");
      return;
    }
    String versionId = path.substring(SignedUrls.PATH_PREFIX.length());
    if (!signedUrls.verify(versionId, request.getParameter("expires"), request.getParameter("signature"))) {
      refuse(response, 403, "This download link is invalid or has expired");
      return;
    }
    Optional<StoredFile> file = files.version(versionId);
    if (file.isEmpty()) {
      refuse(response, 404, "File not found");
      return;
    }
    FileResponses.write(request, response, file.get(), files, "same-site", "private, no-cache");
  }

  private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
    FileResponses.inertHeaders(response, "same-site");
    JsonErrors.write(response, status, message);
  }
}
