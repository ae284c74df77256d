package io.helan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helan.auth.PasswordHasher;
import io.helan.auth.Role;
import io.helan.auth.Sessions;
import io.helan.auth.User;
import io.helan.auth.UserDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions and users on every node of a three-member cluster: a token from a login on one node
 * signs in on the others, a logout on one ends it on all, and the death of the node that opened it
 * loses no session; users changed in one node's users file while it was stopped reach the others
 * when it starts again, and a node that joins fresh (with its own generated admin) takes the
 * cluster's users instead.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterUsersTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @TempDir Path dir;

  /** One member with its users file and its view of the shared sessions. */
  private record Member(
      ClusterNode node, UserDirectory users, ClusterUsers shared, Sessions sessions)
      implements AutoCloseable {
    static Member start(Path dataDir, int port, List<Integer> ports) throws Exception {
      ClusterNode node = ClusterNode.start(ClusterTestNodes.settings(port, ports, "s3cret"));
      UserDirectory users = UserDirectory.open(dataDir, PasswordHasher.DEFAULT, QUIET);
      ClusterUsers shared = new ClusterUsers(users, node);
      shared.start();
      return new Member(
          node, users, shared, new Sessions(users, Duration.ofMinutes(5), node.sessions()));
    }

    /** Dies as a killed process: the member vanishes without leaving. */
    void kill() {
      shared.close();
      node.hazelcast().getLifecycleService().terminate();
    }

    @Override
    public void close() throws Exception {
      shared.close();
      node.close();
    }
  }

  @Test
  void aSessionOpenedOnOneNodeIsValidOnAllAndSurvivesItsNode() throws Exception {
    List<Integer> ports = ClusterTestNodes.freePorts(3);
    List<Member> members = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        members.add(Member.start(dir.resolve("node" + i), ports.get(i), ports));
      }
      Member a = members.get(0);
      Member b = members.get(1);
      Member c = members.get(2);
      // the first node's users are the cluster's: its admin is everyone's admin
      await()
          .atMost(WAIT)
          .until(
              () ->
                  members.stream()
                      .allMatch(m -> m.users().document().equals(a.users().document())));

      a.users().add("li.ming", "li.ming-password", Set.of(Role.OPERATOR));
      await().atMost(WAIT).until(() -> c.users().user("li.ming").isPresent());
      assertThat(b.users().authenticate("li.ming", "li.ming-password")).isPresent();
      // and each node wrote them to its own users file
      assertThat(
              UserDirectory.open(dir.resolve("node2"), PasswordHasher.DEFAULT, QUIET)
                  .user("li.ming"))
          .isPresent();

      User user = b.users().user("li.ming").orElseThrow();
      String kept = a.sessions().open(user);
      String loggedOut = a.sessions().open(user);
      assertThat(b.sessions().user(kept)).contains(user);
      assertThat(c.sessions().user(loggedOut)).contains(user);

      assertThat(b.sessions().close(loggedOut)).isTrue();
      assertThat(a.sessions().user(loggedOut)).isEmpty();
      assertThat(c.sessions().user(loggedOut)).isEmpty();

      a.kill();
      members.remove(a);
      await().atMost(WAIT).until(() -> b.node().hazelcast().getCluster().getMembers().size() == 2);
      assertThat(b.sessions().user(kept)).contains(user);
      assertThat(c.sessions().user(kept)).contains(user);
    } finally {
      for (Member member : members) {
        member.close();
      }
    }
  }

  @Test
  void usersChangedInAStoppedNodesFileReachTheOthersAndAFreshNodeTakesTheClusters()
      throws Exception {
    List<Integer> ports = ClusterTestNodes.freePorts(3);
    Member a = Member.start(dir.resolve("node0"), ports.get(0), ports);
    Member b = Member.start(dir.resolve("node1"), ports.get(1), ports);
    try (a;
        b) {
      await().atMost(WAIT).until(() -> b.users().document().equals(a.users().document()));
      String admin = a.users().document().encode();

      // helan users add on the stopped node's data directory, then it starts again
      b.close();
      UserDirectory.open(dir.resolve("node1"), PasswordHasher.DEFAULT, QUIET)
          .add("wang.fang", "wang.fang-password", Set.of(Role.MAINTAINER));
      try (Member restarted = Member.start(dir.resolve("node1"), ports.get(1), ports)) {
        await().atMost(WAIT).until(() -> a.users().user("wang.fang").isPresent());
        assertThat(restarted.users().user("wang.fang")).isPresent();

        // a node that never ran before made its own admin; the cluster's users replace it
        try (Member fresh = Member.start(dir.resolve("node2"), ports.get(2), ports)) {
          await().atMost(WAIT).until(() -> fresh.users().document().equals(a.users().document()));
          assertThat(fresh.users().user("wang.fang")).isPresent();
          assertThat(a.users().document().encode()).isNotEqualTo(admin);
        }
      }
    }
  }
}
