package com.smeloanflow.platform;

import jakarta.mail.util.StreamProvider;
import java.util.function.Supplier;
import javax.xml.datatype.DatatypeFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two lookups that the libraries repeat on every call pinned to the provider they find the first time.
 *
 * <p>JAXP's {@link DatatypeFactory#newInstance()} (Camunda calls it for every timer whose due date it computes
 * from a duration or a cycle) and Jakarta Mail's {@link StreamProvider#provider()} (called several times for every
 * mail, by each header it encodes or parses) look their provider up anew on each call: a {@link java.util.ServiceLoader}
 * scan of every jar on the class path. In the application's jar (143 nested jars) one call cost 120–690 µs
 * against about 1 µs once the provider is named (docs/performance.md, "Tuning"). Both APIs read a system property
 * named after the API before they scan. This sets that property to the class the standard lookup itself finds, so
 * every later call gets the same provider as before, without the scan. A property the operator set (a {@code -D}
 * option) is kept.
 */
public final class ServiceProviderPins {

  static final String DATATYPE_FACTORY = DatatypeFactory.DATATYPEFACTORY_PROPERTY;
  static final String STREAM_PROVIDER = StreamProvider.class.getName();

  private static final Logger log = LoggerFactory.getLogger(ServiceProviderPins.class);

  private ServiceProviderPins() {}

  /** Pins both lookups; call once, before the application starts. */
  public static void pin() {
    pin(DATATYPE_FACTORY, () -> {
      try {
        return DatatypeFactory.newInstance().getClass();
      } catch (javax.xml.datatype.DatatypeConfigurationException e) {
        throw new IllegalStateException(e);
      }
    });
    pin(STREAM_PROVIDER, () -> StreamProvider.provider().getClass());
  }

  /**
   * Sets {@code property} to the class {@code lookup} finds, unless the property is already set. A lookup that
   * fails leaves the property unset: the library then looks up on each call, as it would without this class, and
   * reports its own error where it is used.
   */
  static void pin(String property, Supplier<Class<?>> lookup) {
    if (System.getProperty(property) != null) {
      return;
    }
    try {
      System.setProperty(property, lookup.get().getName());
    } catch (RuntimeException | LinkageError e) {
      log.warn("{} is looked up on every call: its provider could not be found at start ({})", property, e.toString());
    }
  }
}
