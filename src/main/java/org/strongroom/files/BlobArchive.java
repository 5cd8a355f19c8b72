package org.strongroom.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.strongroom.secrets.SecretBox;

/**
 * File contents for backup and restore, by blob name: which blobs the store holds, their bytes,
 * and putting one back. Blobs are never changed once stored (a new version is a new blob), so a
 * copy taken at any time is the blob.
 */
@Component
public class BlobArchive implements AutoCloseable {

  private final BlobStore blobs;
  private final StorageProperties storage;
  /** Whether this archive opened the store itself ({@link #open}) and so closes it. */
  private final boolean ownsStore;

  @Autowired
  BlobArchive(BlobStore blobs, StorageProperties storage) {
    this(blobs, storage, false);
  }

  private BlobArchive(BlobStore blobs, StorageProperties storage, boolean ownsStore) {
    this.blobs = blobs;
    this.storage = storage;
    this.ownsStore = ownsStore;
  }

  /**
   * The store these settings name, outside a running application: {@code backup verify} reads a
   * backup's objects back from its bucket without starting (or opening the database of) an
   * instance. The S3 secret is opened with {@code secrets}; close the archive when done.
   */
  public static BlobArchive open(StorageProperties storage, SecretBox secrets) throws IOException {
    return new BlobArchive(FilesConfiguration.openStore(storage, secrets), storage, true);
  }

  /** Closes a store this archive opened ({@link #open}); the application closes its own. */
  @Override
  public void close() {
    if (ownsStore && blobs instanceof S3BlobStore s3) {
      s3.close();
    }
  }

  /** {@code local} or {@code s3}, as {@code strongroom.storage.type}. */
  public String storageType() {
    return storage.type();
  }

  /** The folder of a local store; empty for S3. */
  public java.util.Optional<Path> localFolder() {
    return "local".equals(storage.type()) && storage.local().path() != null
        ? java.util.Optional.of(storage.local().path().toAbsolutePath().normalize()) : java.util.Optional.empty();
  }

  /** The names of every blob stored now. */
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    blobs.forEach((name, modified) -> names.add(name));
    return names;
  }

  /** Copies the whole blob, {@code size} bytes, to {@code out}. */
  public void copy(String name, long size, OutputStream out) throws IOException {
    if (size == 0) {
      return;
    }
    try (InputStream in = blobs.open(name, 0, size - 1)) {
      in.transferTo(out);
    }
  }

  /**
   * The SHA-256 of the blob as stored now, or empty when it is missing. One byte past
   * {@code size} is read, so that an object longer than it was stored has another sum too.
   */
  public Optional<String> sha256(String name, long size) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(blobs.open(name, 0, size), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (size != 0) {
        throw e;
      }
      // Some S3 servers refuse any range of an empty object: it is there, and empty.
      digest.reset();
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  /** Where the blob is stored, for messages: {@code s3://bucket/key}, or its name in a local store. */
  public String location(String name) {
    if ("s3".equals(storage.type())) {
      return "s3://" + storage.s3().bucket() + "/" + storage.s3().prefix() + "blobs/" + name;
    }
    return "the stored blob " + name;
  }

  /** Stores the file as the blob {@code name}; the file may be moved. */
  public void put(String name, Path file, long size, String md5Hex) throws IOException {
    if (!BlobNames.isWellFormed(name)) {
      throw new IllegalArgumentException("not a blob name: " + name);
    }
    blobs.put(name, file, size, HexFormat.of().parseHex(md5Hex));
  }
}
