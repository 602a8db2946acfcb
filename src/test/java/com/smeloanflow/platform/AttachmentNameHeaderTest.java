package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link AttachmentNameHeader} leaves as it is: only the quoted name of a {@code Content-Disposition} changes. */
class AttachmentNameHeaderTest {

  @Test
  void anAsciiNameAndOtherHeadersPassAsTheApiWritesThem() {
    String ascii = "attachment; filename=\"business-licence.pdf\"; filename*=UTF-8''business-licence.pdf";

    assertThat(AttachmentNameHeader.headerValue("Content-Disposition", ascii)).isEqualTo(ascii);
    assertThat(AttachmentNameHeader.headerValue("content-disposition", "inline")).isEqualTo("inline");
    assertThat(AttachmentNameHeader.headerValue("X-Note", "filename=\"借款.txt\"")).isEqualTo("filename=\"借款.txt\"");
  }

  /** One {@code _} per character, also for one outside the Basic Multilingual Plane (two UTF-16 units). */
  @Test
  void eachCharacterOutsidePrintableAsciiBecomesOneUnderscore() {
    assertThat(AttachmentNameHeader.headerValue("Content-Disposition", "attachment; filename=\"合同 𠀀 v2.pdf\""))
        .isEqualTo("attachment; filename=\"__ _ v2.pdf\"");
  }
}
