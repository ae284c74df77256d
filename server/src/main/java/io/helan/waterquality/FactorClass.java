package io.helan.waterquality;

/** The class one parameter's value puts a section in (single-factor assessment). */
public record FactorClass(WaterParameter parameter, double value, WaterClass waterClass) {}
