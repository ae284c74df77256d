package io.helan.opcua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificates in {@code <dataDir>/pki}: {@code own/} holds the application
 * certificate and key, created on first start and reused after; a client certificate is accepted
 * only when it is in {@code trusted/certs/} (or issued by a CA in {@code issuer/certs/}); an
 * unknown one is refused and copied to {@code rejected/certs/}, and moving that file to {@code
 * trusted/certs/} lets the client in on its next attempt (the folders are watched).
 */
final class ServerPki implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerPki.class);
  private static final Pattern IP_ADDRESS =
      Pattern.compile("^(([01]?\\d\\d?|2[0-4]\\d|25[0-5])\\.){3}([01]?\\d\\d?|2[0-4]\\d|25[0-5])$");

  private final FileBasedTrustListManager trustList;
  private final CertificateManager certificateManager;
  private final X509Certificate certificate;
  private final String applicationUri;

  private ServerPki(
      FileBasedTrustListManager trustList,
      CertificateManager certificateManager,
      X509Certificate certificate) {
    this.trustList = trustList;
    this.certificateManager = certificateManager;
    this.certificate = certificate;
    this.applicationUri =
        CertificateUtil.getSanUri(certificate)
            .orElseThrow(
                () -> new IllegalStateException("server certificate carries no application URI"));
  }

  /**
   * Opens the folders under {@code pkiDir}, creating the certificate on first start for {@code
   * hostname} (plus this machine's names and addresses).
   */
  static ServerPki open(Path pkiDir, String hostname) throws Exception {
    Path rejected = pkiDir.resolve("rejected").resolve("certs");
    Files.createDirectories(rejected);
    FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(pkiDir);
    try {
      var quarantine = new FileBasedCertificateQuarantine(rejected.toFile());
      var store = new PemCertificateStore(pkiDir.resolve("own"));
      boolean created = !store.contains(NodeIds.RsaSha256ApplicationCertificateType);
      var group =
          DefaultApplicationGroup.createAndInitialize(
              trustList,
              store,
              new SelfSignedFactory(hostname),
              new DefaultServerCertificateValidator(trustList, quarantine));
      X509Certificate[] chain =
          group
              .getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
              .orElseThrow(() -> new IllegalStateException("no server certificate in " + pkiDir));
      if (created) {
        LOG.info("Created the OPC UA application certificate {}", store.certificateFile());
      }
      return new ServerPki(trustList, new DefaultCertificateManager(quarantine, group), chain[0]);
    } catch (Exception | Error e) {
      trustList.close();
      throw e;
    }
  }

  CertificateManager certificateManager() {
    return certificateManager;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** The application URI, as the certificate's subject alternative name carries it. */
  String applicationUri() {
    return applicationUri;
  }

  @Override
  public void close() throws IOException {
    trustList.close();
  }

  /** Creates the self-signed application certificate the first time the server starts. */
  private static final class SelfSignedFactory extends RsaSha256CertificateFactory {
    private final String hostname;

    SelfSignedFactory(String hostname) {
      this.hostname = hostname;
    }

    @Override
    protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
      SelfSignedCertificateBuilder builder =
          new SelfSignedCertificateBuilder(keyPair)
              .setCommonName("Helan OPC UA server")
              .setOrganization("Helan")
              .setApplicationUri("urn:helan:opcua:" + HostnameUtil.getHostname());
      Set<String> names = new LinkedHashSet<>();
      names.add(hostname);
      names.add(HostnameUtil.getHostname());
      names.add("localhost");
      names.add("127.0.0.1");
      for (String name : names) {
        if (IP_ADDRESS.matcher(name).matches()) {
          builder.addIpAddress(name);
        } else {
          builder.addDnsName(name);
        }
      }
      return new X509Certificate[] {builder.build()};
    }
  }
}
