package com.smeloanflow.platform;

/**
 * One bad field of a request: its JSON path (e.g. {@code enterprise.creditCode}), a machine code
 * and a message staff and applicants can read.
 */
public record FieldViolation(String field, String code, String message) {}
