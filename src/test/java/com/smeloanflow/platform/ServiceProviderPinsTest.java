package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceProviderPinsTest {

  private String datatypeFactoryBefore;
  private String streamProviderBefore;

  @BeforeEach
  void rememberAndClear() {
    datatypeFactoryBefore = System.clearProperty(ServiceProviderPins.DATATYPE_FACTORY);
    streamProviderBefore = System.clearProperty(ServiceProviderPins.STREAM_PROVIDER);
  }

  @AfterEach
  void restore() {
    restore(ServiceProviderPins.DATATYPE_FACTORY, datatypeFactoryBefore);
    restore(ServiceProviderPins.STREAM_PROVIDER, streamProviderBefore);
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  @Test
  void eachLookupIsPinnedToTheProviderItFoundItself() throws Exception {
    Class<?> datatypeFactory = DatatypeFactory.newInstance().getClass();
    Class<?> streamProvider = StreamProvider.provider().getClass();

    ServiceProviderPins.pin();

    assertThat(System.getProperty(ServiceProviderPins.DATATYPE_FACTORY)).isEqualTo(datatypeFactory.getName());
    assertThat(System.getProperty(ServiceProviderPins.STREAM_PROVIDER)).isEqualTo(streamProvider.getName());
    assertThat(DatatypeFactory.newInstance()).isExactlyInstanceOf(datatypeFactory);
    assertThat(StreamProvider.provider()).isExactlyInstanceOf(streamProvider);
  }

  @Test
  void camundasTimersAndMailsGiveTheSameResultsPinned() throws Exception {
    java.util.Date start = java.util.Date.from(java.time.Instant.parse("2026-12-03T08:00:00Z"));
    java.util.Date monthlyBefore = new DurationHelper("R/P1M", start).getDateAfter(start);
    java.util.Date fifteenDaysBefore = new DurationHelper("P15D", start).getDateAfter(start);
    String subjectBefore = MimeUtility.encodeText("贷款已发放通知", "UTF-8", "B");
    byte[] mailBefore = mail();

    ServiceProviderPins.pin();

    assertThat(new DurationHelper("R/P1M", start).getDateAfter(start)).isEqualTo(monthlyBefore);
    assertThat(new DurationHelper("P15D", start).getDateAfter(start)).isEqualTo(fifteenDaysBefore);
    assertThat(MimeUtility.encodeText("贷款已发放通知", "UTF-8", "B")).isEqualTo(subjectBefore);
    assertThat(mail()).isEqualTo(mailBefore);
  }

  @Test
  void aThreadWithoutContextClassLoaderStillFindsThePinnedProviders() throws Exception {
    ServiceProviderPins.pin();
    AtomicReference<Object> found = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        found.set(MimeUtility.encodeText("放款", "UTF-8", "B") + " " + DatatypeFactory.newInstance().newDuration("P15D"));
      } catch (Exception | LinkageError e) {
        failure.set(e);
      }
    });
    thread.setContextClassLoader(null);
    thread.start();
    thread.join();

    assertThat(failure.get()).isNull();
    assertThat(found.get()).isEqualTo("=?UTF-8?B?5pS+5qy+?= P15D");
  }

  @Test
  void anOperatorsSettingIsKept() {
    System.setProperty(ServiceProviderPins.STREAM_PROVIDER, "com.example.OperatorsStreamProvider");

    ServiceProviderPins.pin();

    assertThat(System.getProperty(ServiceProviderPins.STREAM_PROVIDER)).isEqualTo("com.example.OperatorsStreamProvider");
    assertThat(System.getProperty(ServiceProviderPins.DATATYPE_FACTORY)).isNotNull();
  }

  @Test
  void aLookupThatFailsLeavesTheLibraryToLookUpAsBefore() {
    ServiceProviderPins.pin("smeloan.test.provider", () -> {
      throw new IllegalStateException("No provider of smeloan.test.Provider was found");
    });

    assertThat(System.getProperty("smeloan.test.provider")).isNull();
  }

  /** A whole message as the outbox sends it: a Chinese sender name and subject, a Chinese body. */
  private static byte[] mail() throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
      @Override
      protected void updateMessageID() throws jakarta.mail.MessagingException {
        setHeader("Message-ID", "<pins-test@bank.example>"); // the same id in both messages
      }
    };
    message.setFrom(new InternetAddress("notice@bank.example", "普惠金融部", "UTF-8"));
    message.setSubject("贷款已发放通知", "UTF-8");
    message.setText("您的贷款已于今日发放，请留意到账短信。", "UTF-8");
    message.setSentDate(java.util.Date.from(java.time.Instant.parse("2026-12-03T08:00:00Z")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toString(StandardCharsets.US_ASCII).getBytes(StandardCharsets.US_ASCII);
  }
}
