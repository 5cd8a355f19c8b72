package org.strongroom.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks and loads the jars of {@code instance/plugins}: each must be owned by the server's
 * user, writable by nobody else, and pinned by SHA-256; the verified bytes are copied to a
 * private folder and loaded from there, so a file swapped after the check is never run.
 */
final class PluginJars {

  static final String SERVICE_ENTRY = "META-INF/services/" + StrongroomPlugin.class.getName();
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private PluginJars() {}

  /** The jars in the folder, by name; none when it does not exist. */
  static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new PluginRefusedException("cannot list the plugins folder " + folder + ": " + e.getMessage());
    }
  }

  /** The folder itself must not let anyone else add or swap jars. */
  static void checkFolder(Path folder) {
    checkOwnerAndMode(folder, "the plugins folder " + folder);
  }

  /** Verifies one jar and returns its bytes' SHA-256; throws a one-line refusal otherwise. */
  static String verify(Path jar, PluginsProperties properties, byte[] bytes) {
    checkOwnerAndMode(jar, "plugin jar " + jar);
    String file = jar.getFileName().toString();
    String actual = sha256(bytes);
    String pinned = properties.allow().get(file);
    if (pinned == null) {
      throw new PluginRefusedException("plugin jar " + jar + " is not in strongroom.plugins.allow (its SHA-256 is "
          + actual + "); review it, then pin it: strongroom.plugins.allow.\"[" + file + "]\": " + actual);
    }
    if (!pinned.equals(actual)) {
      throw new PluginRefusedException("plugin jar " + jar + " has changed: strongroom.plugins.allow pins "
          + pinned + " but the file's SHA-256 is " + actual + "; review the new jar before pinning its hash");
    }
    return actual;
  }

  /** Loads the verified bytes in a class loader of their own and starts each plugin found. */
  static List<StrongroomPlugin> load(Path jar, byte[] bytes, Path privateCopies) {
    Path copy = privateCopies.resolve(jar.getFileName().toString());
    try {
      Files.write(copy, bytes);
    } catch (IOException e) {
      throw new PluginRefusedException("cannot copy plugin jar " + jar + " to " + privateCopies + ": " + e.getMessage());
    }
    try (JarFile archive = new JarFile(copy.toFile())) {
      if (archive.getEntry(SERVICE_ENTRY) == null) {
        throw new PluginRefusedException("plugin jar " + jar + " has no " + SERVICE_ENTRY
            + " entry, so it declares no plugin");
      }
    } catch (IOException e) {
      throw new PluginRefusedException("plugin jar " + jar + " is not a readable jar: " + e.getMessage());
    }
    URLClassLoader loader = new URLClassLoader("plugin " + jar.getFileName(), new URL[] {url(copy)},
        StrongroomPlugin.class.getClassLoader());
    List<StrongroomPlugin> plugins = new ArrayList<>();
    try {
      ServiceLoader.load(StrongroomPlugin.class, loader).stream()
          .filter(provider -> provider.type().getClassLoader() == loader)
          .forEach(provider -> plugins.add(provider.get()));
      if (plugins.isEmpty()) {
        throw new PluginRefusedException("plugin jar " + jar + " lists no StrongroomPlugin class of its own in "
            + SERVICE_ENTRY);
      }
      for (StrongroomPlugin plugin : plugins) {
        String name = plugin.name();
        if (name == null || !NAME.matcher(name).matches()) {
          throw new PluginRefusedException("plugin jar " + jar + " names its plugin \"" + name
              + "\"; a name is lower-case letters, digits and hyphens");
        }
        plugin.start();
      }
    } catch (PluginRefusedException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new PluginRefusedException("plugin jar " + jar + " failed to start: " + oneLine(e));
    }
    return plugins;
  }

  static byte[] read(Path jar) {
    try {
      return Files.readAllBytes(jar);
    } catch (IOException e) {
      throw new PluginRefusedException("cannot read plugin jar " + jar + ": " + e.getMessage());
    }
  }

  static Path privateFolder() {
    try {
      Path folder = Files.createTempDirectory("strongroom-plugins-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      folder.toFile().deleteOnExit();
      return folder;
    } catch (IOException e) {
      throw new PluginRefusedException("cannot create a private folder for plugin jars: " + e.getMessage());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String oneLine(Throwable failure) {
    String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
    int newline = message.indexOf('\n');
    return failure.getClass().getName() + (newline > 0 ? message.substring(0, newline) : message);
  }

  private static void checkOwnerAndMode(Path path, String what) {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system: there is no group/other write bit to check
    } catch (IOException e) {
      throw new PluginRefusedException("cannot read the permissions of " + what + ": " + e.getMessage());
    }
    if (attributes.isSymbolicLink()) {
      throw new PluginRefusedException(what + " is a symbolic link; put the jar itself in the folder");
    }
    Set<PosixFilePermission> mode = attributes.permissions();
    if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new PluginRefusedException(what + " is writable by group or others ("
          + PosixFilePermissions.toString(mode) + "); run chmod go-w on it");
    }
    String user = System.getProperty("user.name");
    String owner = attributes.owner().getName();
    if (!owner.equals(user)) {
      throw new PluginRefusedException(what + " is owned by " + owner + ", not by " + user
          + ", the user the server runs as; chown it to " + user);
    }
  }

  private static URL url(Path file) {
    try {
      return file.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
