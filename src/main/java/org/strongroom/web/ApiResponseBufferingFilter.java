package org.strongroom.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.annotation.Order;
import org.strongroom.core.RequestFilter;

/**
 * Lets the container, not Spring MVC, decide when an API response leaves. Spring MVC flushes
 * after writing every response body, which commits it early: Tomcat then sends the headers and
 * the body as separate chunked writes (two TLS records, two system calls, a chunk trailer).
 * Deferring those flushes until the request completes lets Tomcat send a small JSON response in
 * one write with a {@code Content-Length}; bodies larger than the response buffer still stream
 * as the buffer fills. Only the API: pages and file downloads are written by their own code.
 */
@Order(PerimeterOrder.RESPONSE_BUFFERING)
class ApiResponseBufferingFilter extends RequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    chain.doFilter(request, new DeferredFlushResponse(response));
  }

  private static final class DeferredFlushResponse extends HttpServletResponseWrapper {

    private ServletOutputStream stream;

    DeferredFlushResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void flushBuffer() {
      // the container flushes when the request completes
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        stream = new DeferredFlushStream(super.getOutputStream());
      }
      return stream;
    }
  }

  private static final class DeferredFlushStream extends ServletOutputStream {

    private final ServletOutputStream target;

    DeferredFlushStream(ServletOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      target.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      target.write(bytes, offset, length);
    }

    @Override
    public void flush() {
      // the container flushes when the request completes
    }

    @Override
    public void close() throws IOException {
      target.close();
    }

    @Override
    public boolean isReady() {
      return target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      target.setWriteListener(listener);
    }
  }
}
