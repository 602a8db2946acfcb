package com.smeloanflow.campaign;

import static com.smeloanflow.campaign.Whitelists.HONGHUAGANG;
import static com.smeloanflow.campaign.Whitelists.creditCodeIn;
import static com.smeloanflow.campaign.Whitelists.whitelist;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.accountability.ManagerSource;
import com.smeloanflow.accountability.PerformanceService;
import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.WhitelistProspectProcess;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.OpenLoanAccount;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 专项考核: the customer manager whose whitelist prospect became the application answers for the loan. */
class WhitelistManagerAnswersForTheLoanTest extends AbstractIntegrationTest {

  @Autowired CampaignService campaigns;
  @Autowired LoanAccountService loans;
  @Autowired PerformanceService performance;
  @Autowired BusinessClock clock;

  @Test
  void theManagerWhoWonTheWhitelistProspectAnswersForItsLoan() {
    String creditCode = creditCodeIn(HONGHUAGANG);
    CampaignReport report = campaigns.importWhitelist(new ImportWhitelist("考核测试", whitelist().enterprise(creditCode).csv(),
        "whitelist", "campaign-manager", false));
    String prospectId = report.lines().get(0).prospectId();
    ProcessInstance prospect = runtimeService.createProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY)
        .processInstanceBusinessKey(prospectId).singleResult();
    executeDueJobs(prospect.getId());
    Task contact = taskService.createTaskQuery().processInstanceId(prospect.getId()).singleResult();
    Map<String, Object> interested = new HashMap<>();
    interested.put("contactResult", "INTERESTED");
    interested.put("contactNotes", "法人有意申请");
    interested.put("loanProduct", "CREDIT_QUICK");
    interested.put("loanAmount", "200000.00");
    interested.put("termMonths", 12L);
    interested.put("purpose", "采购原材料");
    interested.put("guaranteeType", "CREDIT");
    interested.put("industryCode", "C34");
    interested.put("establishedOn", "2015-03-02");
    interested.put("annualRevenue", "5000000.00");
    interested.put("legalRepIdNumber", TestApplications.uniqueIdNumber(85_000 + (int) (System.nanoTime() % 900)));
    interested.put("legalRepEmail", "kaohe" + System.nanoTime() % 100_000 + "@example.com");
    completeAs("zy002-cm", contact.getId(), interested);
    LoanApplication application = applications.get(campaigns.prospect(prospectId).applicationId());

    LoanAccount loan = loans.open(new OpenLoanAccount(application.id(), application.creditCode(), application.enterpriseName(),
        new BigDecimal("200000.00"), new BigDecimal("4.35"), 12, RepaymentMethod.EQUAL_INSTALMENT, clock.today(),
        "CB-WL-" + application.id()));

    assertThat(performance.of("zy002-cm").loanDetails()).filteredOn(shown -> shown.loanId().equals(loan.loanId()))
        .singleElement().satisfies(shown -> {
          assertThat(shown.source()).isEqualTo(ManagerSource.WHITELIST);
          assertThat(shown.expectedIncome()).isPositive();
        });
  }
}
