package io.helan.config;

import java.util.Optional;

/**
 * Whether the site's configuration may change now. Every change of configuration in a running
 * server (the radioactive-source register, for one) asks it first and is refused with its reason.
 */
@FunctionalInterface
public interface SiteChangeLock {
  /** Nothing locks the configuration. */
  SiteChangeLock NONE = Optional::empty;

  /** Why the configuration may not change now, or empty when it may. */
  Optional<String> refusal();
}
