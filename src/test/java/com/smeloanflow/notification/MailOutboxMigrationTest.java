package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V7 on a database that already sent mails: the records of mail_log move into mail_outbox as SENT
 * (application, template, recipient, subject, time), and nothing of them is sent again.
 */
class MailOutboxMigrationTest {

  @Test
  void mailsSentBeforeTheOutboxStayOnRecordAsSent() {
    SimpleDriverDataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
        "jdbc:h2:mem:mail-outbox-migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    JdbcClient jdbc = JdbcClient.create(database);
    Flyway.configure().dataSource(database).locations("classpath:db/migration").target("5").load().migrate();
    jdbc.sql("INSERT INTO branch (code, name, active) VALUES ('ZY001', '汇川支行', TRUE)").update();
    jdbc.sql("""
        INSERT INTO loan_application (id, channel, branch_code, product, enterprise_name, credit_code, industry_code,
            established_on, annual_revenue, legal_rep_name, legal_rep_id_number, legal_rep_mobile, legal_rep_email,
            requested_amount, term_months, purpose, guarantee_type, status, submitted_by, submitted_at, updated_at, version)
        VALUES ('SL20261123000001', 'BRANCH_COUNTER', 'ZY001', 'MORTGAGE_QUICK', '遵义市汇川区明达机械加工有限公司',
            '91520303MA6DKQ8X4A', 'C34', DATE '2016-04-18', 6500000.00, '张明', '52030219850714321X', '13985012345',
            'zhangming@example.com', 800000.00, 36, '购置生产设备', 'MORTGAGE', 'DOCUMENTS_MISSING', 'channel',
            TIMESTAMP WITH TIME ZONE '2026-11-23 10:00:00+08:00', TIMESTAMP WITH TIME ZONE '2026-11-23 10:00:00+08:00', 0)
        """).update();
    jdbc.sql("""
        INSERT INTO mail_log (application_id, template, recipient, subject, sent_at)
        VALUES ('SL20261123000001', 'DOCUMENTS_MISSING', 'zhangming@example.com',
                '【普惠金融】您的贷款申请 SL20261123000001 需要补充资料', TIMESTAMP WITH TIME ZONE '2026-11-23 10:05:00+08:00')
        """).update();

    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

    List<Map<String, Object>> outbox = jdbc.sql("SELECT case_type, case_id, template, recipient, subject, status, sent_at"
        + " FROM mail_outbox").query().listOfRows();
    assertThat(outbox).singleElement().satisfies(mail -> {
      assertThat(mail).containsEntry("CASE_TYPE", "APPLICATION").containsEntry("CASE_ID", "SL20261123000001")
          .containsEntry("TEMPLATE", "DOCUMENTS_MISSING").containsEntry("RECIPIENT", "zhangming@example.com")
          .containsEntry("STATUS", "SENT");
      assertThat((String) mail.get("SUBJECT")).contains("需要补充资料");
      assertThat(mail.get("SENT_AT")).isNotNull();
    });
    assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'mail_log'")
        .query(Long.class).single()).as("mail_log dropped").isZero();
  }
}
