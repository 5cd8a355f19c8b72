package org.strongroom.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;

/**
 * Detects a file's type from its bytes (Apache Tika; the key's extension and the client's
 * Content-Type are only hints that can narrow, never override, what the bytes say) and decides
 * how it may be served.
 */
final class FileTypes {

  /** How a file goes out: the Content-Type to send and whether a browser may show it inline. */
  record Serving(String contentType, boolean inline) {}

  /** Types a browser shows without running anything; everything else is a download. */
  private static final Set<String> INLINE = Set.of(
      "text/plain", "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
      "audio/mpeg", "audio/ogg", "audio/vorbis", "audio/opus", "audio/flac", "audio/wav", "audio/x-wav",
      "audio/vnd.wave", "video/mp4", "video/webm", "video/ogg");

  /** Types that a browser would execute or parse as active documents if served as themselves. */
  private static final Set<String> ACTIVE = Set.of(
      "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
      "text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript",
      "text/ecmascript", "text/css", "text/xsl", "application/xslt+xml", "application/vnd.wap.xhtml+xml",
      "text/vnd.wap.wml", "message/rfc822", "multipart/related", "application/x-mimearchive",
      "application/x-shockwave-flash", "application/hta", "text/x-component", "application/pdf",
      "application/x-pdf", "application/vnd.ms-htmlhelp");

  private static final Detector DETECTOR = new DefaultDetector();

  private FileTypes() {}

  static String detect(Path file, String key, String clientType) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, key);
    if (clientType != null && !clientType.isBlank()) {
      metadata.set(Metadata.CONTENT_TYPE, clientType);
    }
    try (InputStream in = TikaInputStream.get(file)) {
      return DETECTOR.detect(in, metadata).getBaseType().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read a staged upload for type detection", e);
    }
  }

  /**
   * Active types go out as {@code text/plain} downloads (PDF as a download: scripts inside a
   * PDF cannot be detected reliably, compressed object streams hide them); other types that
   * are not known to be passive are downloads; the passive ones are shown inline.
   */
  static Serving serving(String detected) {
    String type = detected.toLowerCase(Locale.ROOT);
    if (isActive(type)) {
      return new Serving(type.contains("pdf") ? "application/pdf" : "text/plain", false);
    }
    return new Serving(type, INLINE.contains(type));
  }

  static boolean isActive(String type) {
    MediaType media = MediaType.parse(type);
    if (media == null) {
      return true;
    }
    String subtype = media.getSubtype();
    return ACTIVE.contains(media.getBaseType().toString())
        || subtype.endsWith("+xml") || subtype.contains("javascript") || subtype.contains("ecmascript")
        || subtype.contains("html") || subtype.endsWith("xml")
        || ("text".equals(media.getType()) && !"plain".equals(subtype) && !"csv".equals(subtype));
  }
}
