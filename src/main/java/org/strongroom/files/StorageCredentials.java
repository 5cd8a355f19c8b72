package org.strongroom.files;

import org.strongroom.secrets.SecretBox;

/** Seals the S3 secret access key for {@code strongroom.storage.s3.secret-access-key-sealed}. */
public final class StorageCredentials {

  private StorageCredentials() {}

  public static String sealS3Secret(SecretBox box, byte[] secretAccessKey) {
    return box.seal(S3BlobStore.SECRET_PURPOSE, secretAccessKey);
  }
}
