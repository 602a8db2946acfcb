package com.smeloanflow.collections;

import com.smeloanflow.identity.BranchAccess;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A loan's collection history for staff: every case with every contact, promise and proposal in full, which no
 * collection form can show (each keeps within 3,800 characters). Read as the loan itself is read
 * ({@code GET /api/loans/{loanId}}: central staff and the loan's own branch), except by the borrowers' channel: collectors'
 * notes and the four-eyes decisions are the bank's own.
 */
@RestController
@Tag(name = "Collections", description = "Collection cases of a loan (逾期催收)")
public class CollectionCaseController {

  private final CollectionCaseService cases;
  private final LoanAccountService loans;
  private final BranchAccess branchAccess;

  public CollectionCaseController(CollectionCaseService cases, LoanAccountService loans, BranchAccess branchAccess) {
    this.cases = cases;
    this.loans = loans;
    this.branchAccess = branchAccess;
  }

  @GetMapping(path = "/api/loans/{loanId}/collection-cases", produces = "application/json")
  @Operation(summary = "Every collection case of a loan, with its whole history (staff)",
      description = "Every case of the loan, newest first (an empty list when the loan never had one): status and rung"
          + " reached, opened and closed dates, the close reason, and, oldest first and in full, every contact (channel,"
          + " outcome as staff are shown it, notes, who, when), every promise to pay (amount, date, status with its Chinese"
          + " label, what was received towards it: when it was resolved, or so far while it runs) and every legal-action or"
          + " write-off proposal (type, proposed by, decision, decided by, reason, comment, and who was entitled to approve it:"
          + " approverGroup with approverGroupLabel, the outstanding principal authorityPrincipal it was decided on and the"
          + " decision table's authorityReason, kept when it was proposed; on a proposal recorded before they were"
          + " kept, left out until the application's start decides them). A collection task's form shows"
          + " only the newest entries that fit in 3,800 characters; this is the whole record. Central staff and the loan's"
          + " own branch, as GET /api/loans/{loanId}: another branch's staff get 403; the borrowers' channel"
          + " (channel-gateway) gets 403, whatever the loan.")
  @ApiResponse(responseCode = "200", description = "The loan's cases, newest first", content = @Content(
      mediaType = "application/json", examples = @ExampleObject(value = """
          [{"caseId":"CC20270101000001","loanId":"LN20261201000001","branchCode":"ZY001","status":"CURED",
            "statusLabel":"已结清","ladderStep":2,"ladderLabel":"电话催收","openedOn":"2027-01-01","openedDaysPastDue":1,
            "openedAt":"2027-01-01T16:30:00Z","closedOn":"2027-01-05","closeReason":"逾期欠款已结清 (交易 CB20270106000001)",
            "contacts":[{"businessDate":"2027-01-01","channel":"MAIL","channelLabel":"逾期提醒邮件","outcome":"MAIL_SENT",
              "outcomeLabel":"已发送提醒","mailStatus":"SENT","notes":"逾期第1天提醒邮件","contactedBy":"system",
              "contactedAt":"2027-01-01T16:30:01Z"},
             {"businessDate":"2027-01-03","channel":"PHONE","channelLabel":"电话催收","outcome":"PROMISE_TO_PAY",
              "outcomeLabel":"承诺还款","notes":"借款人承诺一周内还清","contactedBy":"remote-verifier",
              "contactedAt":"2027-01-04T02:10:00Z"}],
            "promises":[{"madeOn":"2027-01-03","madeAt":"2027-01-04T02:10:00Z","promisedAmount":17019.48,
              "promisedDate":"2027-01-10","keptBy":"2027-01-13","status":"KEPT","statusLabel":"已兑现",
              "receivedAmount":17019.48,"resolvedOn":"2027-01-05"}],
            "disposals":[]}]""")))
  @ApiResponse(responseCode = "403", description = "A loan of another branch, or the borrowers' channel",
      content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
          {"type":"https://smeloan.example.com/problems/forbidden","title":"无权访问","status":403,
           "detail":"无权查看网点 ZY002 的借据 LN20261123000001 的催收案件 (user zy001-acceptor may not read the collection cases of loan LN20261123000001 of branch ZY002)",
           "instance":"/api/loans/LN20261123000001/collection-cases"}""")))
  @ApiResponse(responseCode = "404", description = "No loan with this id (application/problem+json)",
      content = @Content(mediaType = "application/problem+json"))
  public List<CollectionCaseView> list(@PathVariable("loanId") String loanId, Authentication caller) {
    // platform.SecurityConfig refuses the channel this operation before any controller (CHANNEL_OPERATIONS). This stays
    // as defence in depth: BranchAccess lets the channel read any loan by id, so a broader channel rule would otherwise
    // show it collectors' notes (CollectionCaseControllerTest reaches it).
    if (BranchAccess.isChannel(caller)) {
      throw new AccessDeniedException(StaffText.of("催收案件的联系记录和处置审批仅供银行员工查看",
          "user " + caller.getName() + " is the borrowers' channel and may not read collection cases"));
    }
    LoanAccount account = loans.find(loanId).orElseThrow(() -> new LoanNotFoundException(loanId));
    branchAccess.requireMayRead(account.branchCode(), caller, "借据 " + loanId + " 的催收案件",
        "the collection cases of loan " + loanId);
    return cases.caseFiles(loanId).stream()
        .map(file -> CollectionCaseView.of(file, promise -> cases.receivedTowards(loanId, promise)))
        .toList();
  }
}
