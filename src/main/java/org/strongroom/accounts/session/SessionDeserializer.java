package org.strongroom.accounts.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.serializer.Deserializer;

/**
 * Reads session attributes back from Redis with Java serialization, but only classes of the
 * JDK, Spring Security and Strongroom, within size limits: whoever can write into Redis must
 * not thereby be able to run a deserialization gadget chain in every instance.
 */
final class SessionDeserializer implements Deserializer<Object> {

  static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
      "maxdepth=20;maxrefs=10000;maxarray=100000;maxbytes=1000000;"
          + "java.base/*;org.springframework.security.**;org.strongroom.**;!*");

  private final ClassLoader classLoader;

  SessionDeserializer(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public Object deserialize(InputStream input) throws IOException {
    ObjectInputStream objects = new ConfigurableObjectInputStream(input, classLoader);
    objects.setObjectInputFilter(FILTER);
    try {
      return objects.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("A session attribute's class is unknown: " + e.getMessage(), e);
    }
  }
}
