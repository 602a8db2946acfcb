package com.smeloanflow.platform;

/** Something the request names does not exist (HTTP 404). {@code title} is what staff and channels read. */
public class NotFoundException extends RuntimeException {

  private final String title;

  public NotFoundException(String title, String detail) {
    super(detail);
    this.title = title;
  }

  public String title() {
    return title;
  }
}
