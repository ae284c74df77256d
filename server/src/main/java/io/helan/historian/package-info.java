/** The historian: every sample, alarm and command kept in QuestDB, and history queries. */
package io.helan.historian;
