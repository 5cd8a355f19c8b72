package org.strongroom.core;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;

/**
 * Reads at most {@code limit} bytes and refuses the rest with a 413, so that a body without
 * (or lying about) its Content-Length cannot make the server buffer more than it allows.
 */
public final class BoundedInput extends FilterInputStream {

  private final long limit;
  private long count;

  public BoundedInput(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(long n) {
    count += n;
    if (count > limit) {
      throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
          "Request body is larger than the " + limit + " bytes allowed here");
    }
  }
}
