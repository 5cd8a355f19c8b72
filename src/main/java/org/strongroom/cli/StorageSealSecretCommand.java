package org.strongroom.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.strongroom.files.StorageCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Reads an S3 secret access key from stdin and prints it sealed under the instance secret key,
 * for {@code strongroom.storage.s3.secret-access-key-sealed}.
 */
@Command(name = "seal-secret", mixinStandardHelpOptions = true,
    description = "Read the S3 secret access key from stdin; print the value for "
        + "strongroom.storage.s3.secret-access-key-sealed.")
class StorageSealSecretCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Override
  public Integer call() throws Exception {
    return SecretSealing.sealFromStdin(instance, "strongroom storage seal-secret < s3-secret.txt",
        (box, secret) -> StorageCredentials.sealS3Secret(box, secret.getBytes(StandardCharsets.UTF_8)));
  }
}
