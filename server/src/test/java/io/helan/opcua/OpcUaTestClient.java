package io.helan.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.channel.EncodingLimits;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/** Milo clients for the tests: anonymous or with a user, on None or a secured endpoint. */
public final class OpcUaTestClient {
  static final String CLIENT_URI = "urn:helan:test:client";
  private static final int MAX_MESSAGE_SIZE = 32 * 1024 * 1024;

  private OpcUaTestClient() {}

  public static OpcUaClient anonymous(String url) throws Exception {
    return connect(url, new AnonymousProvider());
  }

  static OpcUaClient user(String url, String name) throws Exception {
    return connect(url, new UsernameProvider(name, OpcUaTestRig.PASSWORD));
  }

  /** On the None endpoint. */
  static OpcUaClient connect(String url, IdentityProvider identity) throws Exception {
    OpcUaClient client =
        OpcUaClient.create(
            url,
            endpoints ->
                endpoints.stream()
                    .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                    .findFirst(),
            transport -> {},
            config ->
                config
                    .setApplicationUri(CLIENT_URI)
                    .setApplicationName(LocalizedText.english("Helan test client"))
                    .setIdentityProvider(identity)
                    .setEncodingLimits(limits())
                    .setRequestTimeout(uint(60_000)));
    return client.connect();
  }

  /** On a secured endpoint, with the client's own certificate; the server's is not checked. */
  static OpcUaClient secured(
      String url,
      SecurityPolicy policy,
      MessageSecurityMode mode,
      IdentityProvider identity,
      KeyPair keyPair,
      X509Certificate certificate)
      throws Exception {
    OpcUaClient client =
        OpcUaClient.create(
            url,
            endpoints ->
                endpoints.stream()
                    .filter(e -> policy.getUri().equals(e.getSecurityPolicyUri()))
                    .filter(e -> e.getSecurityMode() == mode)
                    .findFirst(),
            transport -> {},
            config ->
                config
                    .setApplicationUri(CLIENT_URI)
                    .setApplicationName(LocalizedText.english("Helan test client"))
                    .setIdentityProvider(identity)
                    .setKeyPair(keyPair)
                    .setCertificate(certificate)
                    .setCertificateChain(new X509Certificate[] {certificate})
                    .setCertificateValidator(
                        new CertificateValidator.InsecureCertificateValidator())
                    .setEncodingLimits(limits()));
    return client.connect();
  }

  static KeyPair keyPair() throws Exception {
    return SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
  }

  static X509Certificate certificate(KeyPair keyPair) throws Exception {
    return new SelfSignedCertificateBuilder(keyPair)
        .setCommonName("Helan test client")
        .setApplicationUri(CLIENT_URI)
        .addDnsName("localhost")
        .addIpAddress("127.0.0.1")
        .build();
  }

  /** The forward hierarchical references of a node, following browse continuation points. */
  static List<ReferenceDescription> children(OpcUaClient client, NodeId node) throws Exception {
    BrowseResult result =
        client.browse(
            new BrowseDescription(
                node,
                BrowseDirection.Forward,
                NodeIds.HierarchicalReferences,
                true,
                uint(0),
                uint(BrowseResultMask.All.getValue())));
    List<ReferenceDescription> references =
        new ArrayList<>(List.of(orEmpty(result.getReferences())));
    while (result.getContinuationPoint() != null && result.getContinuationPoint().isNotNull()) {
      result = client.browseNext(false, List.of(result.getContinuationPoint())).getResults()[0];
      references.addAll(List.of(orEmpty(result.getReferences())));
    }
    return references;
  }

  static boolean isVariable(ReferenceDescription reference) {
    return reference.getNodeClass() == NodeClass.Variable;
  }

  private static ReferenceDescription[] orEmpty(ReferenceDescription[] references) {
    return references == null ? new ReferenceDescription[0] : references;
  }

  private static EncodingLimits limits() {
    return new EncodingLimits(
        EncodingLimits.DEFAULT_MAX_CHUNK_SIZE,
        MAX_MESSAGE_SIZE / EncodingLimits.DEFAULT_MAX_CHUNK_SIZE * 2,
        MAX_MESSAGE_SIZE,
        EncodingLimits.DEFAULT_MAX_RECURSION_DEPTH);
  }
}
