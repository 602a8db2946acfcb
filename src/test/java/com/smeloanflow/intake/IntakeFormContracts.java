package com.smeloanflow.intake;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.smeloanflow.identity.BranchDirectory;
import com.smeloanflow.model.FormContract;
import com.smeloanflow.model.ProcessVariables;
import com.smeloanflow.process.LoanOriginationProcess;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The intake forms' contracts, taken from the intake code itself: the counter start form's fields
 * are {@link CounterIntakeListener#FORM_FIELDS}; the acceptance checklist is one box per
 * {@link RequiredDocument#formField()} plus {@link AcceptanceTaskListener#NOTES}; the missing
 * documents form confirms {@link MissingDocumentsTaskListener#DOCUMENTS_RECEIVED}. Task forms show
 * what {@link ApplicationSummaryListener#summary} puts on the task, and the process variables.
 */
public final class IntakeFormContracts {

  private IntakeFormContracts() {}

  public static List<FormContract> all() {
    Set<String> taskReadable = new TreeSet<>(summaryKeys());
    taskReadable.addAll(ProcessVariables.declaredIn(LoanOriginationProcess.Variables.class));

    List<String> checklist = new ArrayList<>();
    for (RequiredDocument document : RequiredDocument.values()) {
      checklist.add(document.formField());
    }
    checklist.add(AcceptanceTaskListener.NOTES);

    return List.of(
        FormContract.of("counter-intake", CounterIntakeListener.FORM_FIELDS.keySet(), Set.of()),
        FormContract.of("accept-application", checklist, taskReadable),
        FormContract.of("receive-missing-documents", List.of(MissingDocumentsTaskListener.DOCUMENTS_RECEIVED),
            taskReadable));
  }

  /** The task-local variables {@link ApplicationSummaryListener} sets, for a sample application. */
  public static Set<String> summaryKeys() {
    BranchDirectory branches = mock(BranchDirectory.class);
    when(branches.find("ZY001")).thenReturn(Optional.of(new BranchDirectory.Branch("ZY001", "汇川支行")));
    LoanApplication sample = new LoanApplication("SL20250101000001", Channel.BRANCH_COUNTER, "ZY001",
        Product.MORTGAGE_QUICK, "遵义市汇川区明达机械加工有限公司", "91520303MA6DKQ8X4A", "C34", LocalDate.of(2016, 4, 18),
        new BigDecimal("6500000.00"), "张明", "52030219850714321X", "13985012345", "zhangming@example.com",
        new BigDecimal("800000.00"), 36, "购置生产设备", GuaranteeType.MORTGAGE, CollateralType.INDUSTRIAL_PROPERTY,
        "汇川区工业园3号厂房", new BigDecimal("2400000.00"), ApplicationStatus.AWAITING_ACCEPTANCE,
        List.of(RequiredDocument.BANK_STATEMENTS), "zy001-acceptor", Instant.parse("2025-01-01T02:00:00Z"));
    return new TreeSet<>(new ApplicationSummaryListener(null, branches).summary(sample).keySet());
  }
}
