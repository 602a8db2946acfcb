package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How staff read the e-signature service's refusal to cancel an envelope: a Chinese line, then the service's text. */
class RenewalViewTest {

  @Test
  void theServicesRefusalIsReadInChineseWithItsOwnTextAndNoJavaClassName() {
    assertThat(RenewalView.refusalLine("java.lang.IllegalStateException: envelope ENV-1 is already completed"))
        .isEqualTo("电子签约服务拒绝撤销续贷合同: envelope ENV-1 is already completed");
    assertThat(RenewalView.refusalLine("org.springframework.web.client.ResourceAccessException: I/O error on POST"))
        .isEqualTo("电子签约服务拒绝撤销续贷合同: I/O error on POST");
  }

  @Test
  void aRefusalWithoutATextKeepsWhatWasRecordedAndNoRefusalIsNone() {
    assertThat(RenewalView.refusalLine("java.net.SocketTimeoutException"))
        .isEqualTo("电子签约服务拒绝撤销续贷合同: java.net.SocketTimeoutException");
    assertThat(RenewalView.refusalLine(null)).isNull();
  }
}
