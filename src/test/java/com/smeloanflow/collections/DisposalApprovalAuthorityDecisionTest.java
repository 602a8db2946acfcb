package com.smeloanflow.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.servicing.DmnTable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bpmn/disposal-approval-authority.dmn}: who approves a legal-action or write-off proposal, one test per rule
 * and per side of the 500,000 CNY boundary of a write-off's outstanding principal.
 */
class DisposalApprovalAuthorityDecisionTest {

  private final DmnTable table = new DmnTable(CollectionProcess.DISPOSAL_AUTHORITY_DECISION);

  private void assertApprover(DisposalType type, Object outstandingPrincipal, String group, String rule) {
    DmnTable.Answer answer = table.evaluate(Map.of(DisposalApprovalAuthority.INPUT_TYPE, type.name(),
        DisposalApprovalAuthority.INPUT_OUTSTANDING_PRINCIPAL, outstandingPrincipal));
    assertThat(answer.rule()).as("rule for a %s of %s", type, outstandingPrincipal).isEqualTo(rule);
    assertThat(answer.<String>output(DisposalApprovalAuthority.OUTPUT_GROUP)).isEqualTo(group);
    assertThat(answer.<String>output(DisposalApprovalAuthority.OUTPUT_REASON)).isNotBlank();
  }

  @Test
  void aSmallWriteOffIsApprovedByAnotherCollector() {
    assertApprover(DisposalType.WRITE_OFF, new BigDecimal("100000.00"), Groups.COLLECTIONS,
        "Rule_WriteOffWithinCollectionsAuthority");
  }

  @Test
  void aWriteOffOfFiveHundredThousandExactlyStaysWithCollections() {
    assertApprover(DisposalType.WRITE_OFF, new BigDecimal("500000.00"), Groups.COLLECTIONS,
        "Rule_WriteOffWithinCollectionsAuthority");
  }

  @Test
  void aWriteOffOfFiveHundredThousandAndOneCentGoesToTheCommitteeChair() {
    assertApprover(DisposalType.WRITE_OFF, new BigDecimal("500000.01"), Groups.CREDIT_COMMITTEE_CHAIR,
        "Rule_WriteOffAboveCollectionsAuthority");
  }

  @Test
  void aLargeWriteOffGoesToTheCommitteeChair() {
    assertApprover(DisposalType.WRITE_OFF, new BigDecimal("8000000.00"), Groups.CREDIT_COMMITTEE_CHAIR,
        "Rule_WriteOffAboveCollectionsAuthority");
  }

  @ParameterizedTest(name = "legal action on {0} CNY outstanding stays with collections")
  @ValueSource(strings = {"0.00", "500000.00", "500000.01", "8000000.00"})
  void legalActionOfAnyAmountIsApprovedByAnotherCollector(String outstanding) {
    assertApprover(DisposalType.LEGAL_ACTION, new BigDecimal(outstanding), Groups.COLLECTIONS,
        "Rule_LegalActionByCollections");
  }

  @Test
  void aWriteOffWithoutAnOutstandingPrincipalNamesNoApproverSoTheTaskFailsVisibly() {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(DisposalApprovalAuthority.INPUT_TYPE, DisposalType.WRITE_OFF.name());
    inputs.put(DisposalApprovalAuthority.INPUT_OUTSTANDING_PRINCIPAL, null);
    assertThat(table.evaluateAll(inputs)).isEmpty();
  }
}
