package com.smeloanflow.platform;

/**
 * Something the request names does not exist (HTTP 404). {@code title} is what staff and channels read as the
 * heading; the detail names what was asked for, in Chinese with the English beside ({@link StaffText}).
 */
public class NotFoundException extends RuntimeException {

  private final String title;

  public NotFoundException(String title, String chinese, String english) {
    super(StaffText.of(chinese, english));
    this.title = title;
  }

  public String title() {
    return title;
  }
}
