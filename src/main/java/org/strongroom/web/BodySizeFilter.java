package org.strongroom.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.strongroom.core.ApiException;
import org.strongroom.core.BodyLimitProperties;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;

/**
 * {@code strongroom.max-content-length} for every request body. A declared length above the
 * limit is refused before a byte is read; a chunked body is counted as it is read and the
 * read fails as soon as it passes the limit, so it is never read whole. Either way: 413 JSON.
 */
@Order(PerimeterOrder.BODY_SIZE)
class BodySizeFilter extends RequestFilter {

  static final String EXCEEDED_ATTRIBUTE = BodySizeFilter.class.getName() + ".exceeded";

  private final long limit;

  BodySizeFilter(BodyLimitProperties properties) {
    this.limit = properties.maxContentLength().toBytes();
  }

  static String message(long limit) {
    return "Request body too large (limit " + limit + " bytes)";
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      JsonErrors.write(response, 413, message(limit));
      return;
    }
    chain.doFilter(mayExceed(request) ? new LimitedRequest(request, limit) : request, response);
    if (request.getAttribute(EXCEEDED_ATTRIBUTE) != null && !response.isCommitted()) {
      // Whatever the handler made of the failed read, the answer is 413.
      JsonErrors.write(response, 413, message(limit));
    }
  }

  /**
   * Whether a body of unknown length may follow. With a declared length (checked above) the
   * container reads no further than it; an HTTP/1.x request with neither Content-Length nor
   * Transfer-Encoding has no body at all (RFC 9112 §6.3). Only HTTP/2 and chunked bodies are
   * counted as they are read.
   */
  private static boolean mayExceed(HttpServletRequest request) {
    if (request.getContentLengthLong() >= 0) {
      return false;
    }
    String protocol = request.getProtocol();
    boolean http1 = "HTTP/1.1".equals(protocol) || "HTTP/1.0".equals(protocol);
    return !http1 || request.getHeader("Transfer-Encoding") != null;
  }

  /**
   * Thrown by a read that passes the limit. Unchecked on purpose: it passes through JSON
   * parsers and handlers that turn an IOException into a 400, and becomes the 413.
   */
  static final class BodyTooLargeException extends ApiException {
    BodyTooLargeException(long limit) {
      super(HttpStatus.CONTENT_TOO_LARGE, message(limit));
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), limit, (HttpServletRequest) getRequest());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class LimitedStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private final HttpServletRequest request;
    private long count;

    LimitedStream(ServletInputStream in, long limit, HttpServletRequest request) {
      this.in = in;
      this.limit = limit;
      this.request = request;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) {
      count += n;
      if (count > limit) {
        request.setAttribute(EXCEEDED_ATTRIBUTE, Boolean.TRUE);
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
