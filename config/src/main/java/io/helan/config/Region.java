package io.helan.config;

/** A prefecture city or district that groups stations (Yinchuan, Ningdong, ...). */
public record Region(String id, String name, String nameEn) {}
