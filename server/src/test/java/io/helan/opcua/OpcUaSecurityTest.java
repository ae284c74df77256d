package io.helan.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helan.auth.LoginThrottle;
import io.helan.config.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints, certificates and logins of Helan's OPC UA server: the security policies offered, a
 * client certificate refused until an operator moves it from rejected/ to trusted/, anonymous and
 * None switched off, and the certificate and NodeIds kept across a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpcUaSecurityTest {
  @TempDir static Path dataDir;
  static OpcUaTestRig rig;
  static KeyPair clientKeys;
  static X509Certificate clientCertificate;

  @BeforeAll
  static void start() throws Exception {
    rig = new OpcUaTestRig(dataDir);
    clientKeys = OpcUaTestClient.keyPair();
    clientCertificate = OpcUaTestClient.certificate(clientKeys);
  }

  @AfterAll
  static void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  @Order(1)
  void offersNoneBasic256Sha256AndAes256Sha256RsaPssWithSignAndSignAndEncrypt() throws Exception {
    List<EndpointDescription> endpoints =
        DiscoveryClient.getEndpoints(rig.server.endpointUrl()).get();
    Set<String> offered =
        endpoints.stream()
            .map(e -> policy(e) + "/" + e.getSecurityMode())
            .collect(Collectors.toSet());
    assertThat(offered)
        .containsExactlyInAnyOrder(
            "None/None",
            "Basic256Sha256/Sign",
            "Basic256Sha256/SignAndEncrypt",
            "Aes256_Sha256_RsaPss/Sign",
            "Aes256_Sha256_RsaPss/SignAndEncrypt");
    assertThat(endpoints)
        .allSatisfy(
            e ->
                assertThat(Stream.of(e.getUserIdentityTokens()).map(UserTokenPolicy::getTokenType))
                    .containsExactlyInAnyOrder(UserTokenType.Anonymous, UserTokenType.UserName));
  }

  @Test
  @Order(2)
  void anUntrustedClientCertificateIsRefusedThenAcceptedOnceMovedToTrusted() throws Exception {
    Path rejected = dataDir.resolve("pki/rejected/certs");
    Path trusted = dataDir.resolve("pki/trusted/certs");
    assertThatThrownBy(() -> securedClient(SecurityPolicy.Basic256Sha256));
    Path file;
    try (Stream<Path> files = Files.list(rejected)) {
      file = files.findFirst().orElseThrow(() -> new AssertionError("nothing in " + rejected));
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(clientCertificate.getEncoded());

    Files.move(file, trusted.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    OpcUaClient client =
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> securedClient(SecurityPolicy.Basic256Sha256), c -> c != null);
    try {
      assertThat(readFirstPoint(client, rig.server).statusCode().isGood()).isTrue();
    } finally {
      client.disconnect();
    }
    OpcUaClient rsaPss = securedClient(SecurityPolicy.Aes256_Sha256_RsaPss);
    try {
      assertThat(readFirstPoint(rsaPss, rig.server).statusCode().isGood()).isTrue();
    } finally {
      rsaPss.disconnect();
    }
  }

  @Test
  @Order(3)
  void anonymousAndTheNoneEndpointCanBeSwitchedOff() throws Exception {
    HelanOpcUaServer closed = rig.startServer(0, false, false);
    List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(closed.endpointUrl()).get();
    assertThat(endpoints).noneMatch(e -> e.getSecurityMode() == MessageSecurityMode.None);
    assertThat(endpoints)
        .allSatisfy(
            e ->
                assertThat(Stream.of(e.getUserIdentityTokens()).map(UserTokenPolicy::getTokenType))
                    .containsExactly(UserTokenType.UserName));
    assertThatThrownBy(
        () ->
            OpcUaTestClient.secured(
                closed.endpointUrl(),
                SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt,
                new AnonymousProvider(),
                clientKeys,
                clientCertificate));
    OpcUaClient maintainer =
        OpcUaTestClient.secured(
            closed.endpointUrl(),
            SecurityPolicy.Basic256Sha256,
            MessageSecurityMode.SignAndEncrypt,
            new UsernameProvider("maintainer", OpcUaTestRig.PASSWORD),
            clientKeys,
            clientCertificate);
    try {
      assertThat(readFirstPoint(maintainer, closed).statusCode().isGood()).isTrue();
    } finally {
      maintainer.disconnect();
    }
    assertThatThrownBy(
        () ->
            OpcUaTestClient.secured(
                closed.endpointUrl(),
                SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt,
                new UsernameProvider("maintainer", "wrong password"),
                clientKeys,
                clientCertificate));
  }

  @Test
  @Order(10)
  void passwordGuessingIsThrottledLikeTheRestLogin() throws Exception {
    // one free failure, then a minute's wait: the right password inside it is refused unchecked
    LoginThrottle throttle =
        new LoginThrottle(
            new LoginThrottle.Settings(
                1, Duration.ofMinutes(1), Duration.ofMinutes(1), 10, Duration.ofMinutes(15)));
    HelanOpcUaServer guarded = rig.startServer(0, false, false, throttle);
    assertThatThrownBy(() -> login(guarded, "wrong password"));
    assertThatThrownBy(() -> login(guarded, "another wrong password"));
    assertThat(throttle.waitBefore("maintainer", "127.0.0.1")).isPositive();

    assertThatThrownBy(() -> login(guarded, OpcUaTestRig.PASSWORD));

    throttle.succeeded("maintainer"); // as after the wait: only the address's failures remain
    assertThat(throttle.waitBefore("maintainer", "127.0.0.1")).isPositive();
    assertThatThrownBy(() -> login(guarded, OpcUaTestRig.PASSWORD));
  }

  private void login(HelanOpcUaServer server, String password) throws Exception {
    OpcUaClient client =
        OpcUaTestClient.secured(
            server.endpointUrl(),
            SecurityPolicy.Basic256Sha256,
            MessageSecurityMode.SignAndEncrypt,
            new UsernameProvider("maintainer", password),
            clientKeys,
            clientCertificate);
    client.disconnect();
  }

  @Test
  @Order(4)
  void theCertificateAndNodeIdsSurviveARestart() throws Exception {
    String url = rig.server.endpointUrl();
    ByteString before = DiscoveryClient.getEndpoints(url).get().get(0).getServerCertificate();
    OpcUaClient client = OpcUaTestClient.anonymous(url);
    NodeId point = pointNode(client, rig.server);
    client.disconnect();

    rig.server.close();
    rig.server = rig.startServer(true, true);

    assertThat(DiscoveryClient.getEndpoints(url).get().get(0).getServerCertificate())
        .isEqualTo(before);
    OpcUaClient again = OpcUaTestClient.anonymous(url);
    try {
      assertThat(pointNode(again, rig.server)).isEqualTo(point);
      DataValue value = again.readValue(0, TimestampsToReturn.Both, point);
      assertThat(value.statusCode().isBad()).isFalse();
    } finally {
      again.disconnect();
    }
  }

  private static OpcUaClient securedClient(SecurityPolicy policy) throws Exception {
    return OpcUaTestClient.secured(
        rig.server.endpointUrl(),
        policy,
        MessageSecurityMode.SignAndEncrypt,
        new UsernameProvider("viewer", OpcUaTestRig.PASSWORD),
        clientKeys,
        clientCertificate);
  }

  /** The first point's NodeId, found through the namespace URI as a client would. */
  private static NodeId pointNode(OpcUaClient client, HelanOpcUaServer server) throws Exception {
    String uri = "urn:helan:site:" + rig.site.id();
    int index = client.getNamespaceTable().getIndex(uri).intValue();
    assertThat(index).isEqualTo(server.namespaceIndex().intValue());
    Point first = rig.site.points().get(0);
    return new NodeId(index, first.id());
  }

  private static DataValue readFirstPoint(OpcUaClient client, HelanOpcUaServer server)
      throws Exception {
    return client.readValue(0, TimestampsToReturn.Both, pointNode(client, server));
  }

  private static String policy(EndpointDescription endpoint) {
    return SecurityPolicy.fromUriSafe(endpoint.getSecurityPolicyUri())
        .map(Enum::name)
        .orElse(endpoint.getSecurityPolicyUri());
  }
}
