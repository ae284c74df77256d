package io.helan.simulator.gamma;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The one self-signed application instance certificate that every simulated gamma station in the
 * JVM presents. Generating an RSA key pair takes about half a second, too long to pay per station
 * and per restart; it lives in memory only.
 */
final class SimulatorCertificate {
  /** The application URI of every simulated gamma station; the certificate's SAN carries it. */
  static final String APPLICATION_URI = "urn:helan:simulator:gamma-station";

  private static SimulatorCertificate shared;

  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private SimulatorCertificate(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /** The JVM's certificate, made on first use. */
  static synchronized SimulatorCertificate shared() throws Exception {
    if (shared == null) {
      KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
      X509Certificate certificate =
          new SelfSignedCertificateBuilder(keyPair)
              .setCommonName("Helan gamma station simulator")
              .setOrganization("Helan")
              .setApplicationUri(APPLICATION_URI)
              .addDnsName("localhost")
              .addIpAddress("127.0.0.1")
              .build();
      shared = new SimulatorCertificate(keyPair, certificate);
    }
    return shared;
  }

  KeyPair keyPair() {
    return keyPair;
  }

  X509Certificate certificate() {
    return certificate;
  }
}
