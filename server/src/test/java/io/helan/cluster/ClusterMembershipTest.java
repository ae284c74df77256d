package io.helan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who may join: two members with the same name and secret form one cluster; a member with another
 * secret or another name is refused by Hazelcast's join check, stands alone, and (alone being no
 * majority of three) may neither poll nor command.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterMembershipTest {

  @Test
  void aNodeWithAnotherSecretOrNameIsRefused() throws Exception {
    List<Integer> ports = ClusterTestNodes.freePorts(4);
    List<Integer> cluster = ports.subList(0, 3);
    ClusterNode first =
        ClusterNode.start(ClusterTestNodes.settings(ports.get(0), cluster, "s3cret"));
    try (first;
        ClusterNode second =
            ClusterNode.start(ClusterTestNodes.settings(ports.get(1), cluster, "s3cret"));
        ClusterNode wrongSecret =
            ClusterNode.start(ClusterTestNodes.settings(ports.get(2), cluster, "guessed"));
        ClusterNode wrongName =
            ClusterNode.start(
                new ClusterSettings(
                    ClusterTestNodes.HOST,
                    ports.get(3),
                    ClusterTestNodes.members(cluster),
                    "another-cluster",
                    "s3cret",
                    2))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> first.hazelcast().getCluster().getMembers().size() == 2);
      assertThat(second.hazelcast().getCluster().getMembers()).hasSize(2);
      assertThat(first.majority().hasMinimumSize()).isTrue();

      assertThat(wrongSecret.hazelcast().getCluster().getMembers()).hasSize(1);
      assertThat(wrongName.hazelcast().getCluster().getMembers()).hasSize(1);
      assertThat(wrongSecret.majority().hasMinimumSize()).isFalse();
      assertThat(wrongName.majority().hasMinimumSize()).isFalse();
      // the two joined members see no third one after the others tried to join
      assertThat(first.hazelcast().getCluster().getMembers()).hasSize(2);
    }
  }

  @Test
  void theSecretNeverTravelsInTheClusterName() {
    ClusterSettings settings =
        new ClusterSettings("127.0.0.1", 5701, List.of("127.0.0.1"), "helan", "s3cret", 0);
    assertThat(settings.hazelcastClusterName()).startsWith("helan-").doesNotContain("s3cret");
    assertThat(settings.hazelcastClusterName())
        .isNotEqualTo(
            new ClusterSettings("127.0.0.1", 5701, List.of("127.0.0.1"), "helan", "other", 0)
                .hazelcastClusterName());
    assertThat(settings.toString()).doesNotContain("s3cret");
  }
}
