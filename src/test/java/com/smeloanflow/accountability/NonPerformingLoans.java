package com.smeloanflow.accountability;

import com.smeloanflow.monitoring.MonitoringScenario;
import com.smeloanflow.process.DueDiligenceReviewProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.support.ApiClient;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A loan that turns non-performing as the bank sees it happen: a loan a customer manager investigated on
 * site, under post-loan monitoring as the disbursement starts it, then core banking reports that the
 * borrower was listed as a dishonest debtor (an unchecked listing makes it at least 次级).
 */
public final class NonPerformingLoans {

  private final ProcessEngine engine;
  private final ApiClient api;
  private final ManagedLoans managedLoans;
  private final Consumer<String> executeDueJobs;

  public NonPerformingLoans(ProcessEngine engine, ApiClient api, ManagedLoans managedLoans, Consumer<String> executeDueJobs) {
    this.engine = engine;
    this.api = api;
    this.managedLoans = managedLoans;
    this.executeDueJobs = executeDueJobs;
  }

  /** A loan of {@code principal} investigated by {@code manager}, under monitoring, still 正常. */
  public LoanAccount monitored(String manager, String principal, LocalDate disbursedOn) {
    LoanAccount loan = managedLoans.investigatedBy(manager, principal, disbursedOn);
    SandboxEnterprises.register(api, loan.creditCode(), ProcessingFixtures.strongProfile());
    return monitoring(loan);
  }

  /** A loan of {@code principal} no customer manager answers for, under monitoring, still 正常. */
  public LoanAccount monitoredWithoutManager(String principal, LocalDate disbursedOn) {
    LoanAccount loan = managedLoans.answeredForByNobody(principal, disbursedOn);
    SandboxEnterprises.register(api, loan.creditCode(), ProcessingFixtures.strongProfile());
    return monitoring(loan);
  }

  /** Post-loan monitoring starts for {@code loan} as its disbursement (or renewal) starts it. */
  public LoanAccount monitoring(LoanAccount loan) {
    ProcessInstance monitoring = engine.getRuntimeService()
        .createMessageCorrelation(PostLoanMonitoringProcess.Messages.LOAN_DISBURSED)
        .processInstanceBusinessKey(loan.loanId()).correlateStartMessage();
    executeDueJobs.accept(monitoring.getId());
    return loan;
  }

  /** Core banking reports the borrower on the dishonest-debtor list: the loan turns 次级. */
  public ApiClient.Response listAsDishonestDebtor(LoanAccount loan) {
    ApiClient.Response answer = api.post("/api/loans/" + loan.loanId() + "/signals", "core-banking",
        MonitoringScenario.signal("CB-DD-" + loan.loanId(), "DISHONEST_DEBTOR", "借款人被列入失信被执行人名单", null));
    engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(loan.loanId()).list()
        .forEach(instance -> executeDueJobs.accept(instance.getId()));
    return answer;
  }

  /** The loan's running review, or null. */
  public ProcessInstance review(LoanAccount loan) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(DueDiligenceReviewProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).singleResult();
  }
}
