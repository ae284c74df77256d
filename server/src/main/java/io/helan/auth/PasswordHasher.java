package io.helan.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and checks passwords with Argon2id (Bouncy Castle), stored in the PHC string format {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} so the cost can be raised later without
 * invalidating stored hashes.
 */
public final class PasswordHasher {
  /** OWASP's minimum recommendation for Argon2id: 19 MiB, 2 passes, 1 lane. */
  public static final PasswordHasher DEFAULT = new PasswordHasher(19_456, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private final int memoryKb;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random = new SecureRandom();

  public PasswordHasher(int memoryKb, int iterations, int parallelism) {
    this.memoryKb = memoryKb;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  /** A new salted hash of the password, in PHC string format. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = argon2(password, salt, memoryKb, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m="
        + memoryKb
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /**
   * Whether the password matches the stored hash; compares in constant time. A malformed stored
   * hash never matches.
   */
  public boolean matches(String password, String stored) {
    String[] parts = stored.split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
      return false;
    }
    int m;
    int t;
    int p;
    byte[] salt;
    byte[] expected;
    try {
      String[] cost = parts[3].split(",");
      m = Integer.parseInt(cost[0].substring("m=".length()));
      t = Integer.parseInt(cost[1].substring("t=".length()));
      p = Integer.parseInt(cost[2].substring("p=".length()));
      salt = B64_DECODER.decode(parts[4]);
      expected = B64_DECODER.decode(parts[5]);
    } catch (RuntimeException e) {
      return false;
    }
    byte[] actual = argon2(password, salt, m, t, p, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  private static byte[] argon2(
      String password, byte[] salt, int memoryKb, int iterations, int parallelism, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKb)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.toCharArray(), out);
    return out;
  }
}
