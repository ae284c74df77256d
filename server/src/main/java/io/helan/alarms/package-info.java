/**
 * The alarm engine after ISA-18.2: limit, rate, radiation-baseline, communication and fault alarms;
 * acknowledge, shelve, suppress; journal and KPIs.
 */
package io.helan.alarms;
