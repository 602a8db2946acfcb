package com.smeloanflow.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators (camunda-admin) look at the mail outbox and re-queue FAILED mails (rendering those never rendered); a
 * WITHDRAWN mail is shown with when and why, and never re-queued.
 */
@RestController
@Tag(name = "Administration")
public class MailOutboxController {

  private static final int LIST_LIMIT = 200;

  private final MailOutbox outbox;

  public MailOutboxController(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping("/api/admin/mail-outbox")
  @Operation(summary = "Mails of the outbox in a status (default FAILED), newest first, at most 200",
      description = "A FAILED mail either failed every attempt to send it, or could not be rendered when it was queued"
          + " (renderFailed true: empty subject and body, recipient empty if unknown); lastError says why. A WITHDRAWN"
          + " mail was taken back before it was sent (a borrower's overdue reminder whose arrears were cured, or whose"
          + " loan was settled, while it waited): withdrawnAt and withdrawalReason say when and why; it is never sent.")
  public List<OutboxMail> list(@RequestParam(name = "status", defaultValue = "FAILED") MailStatus status) {
    return outbox.withStatus(status, LIST_LIMIT);
  }

  @GetMapping("/api/admin/mail-outbox/{id}")
  @Operation(summary = "One mail of the outbox: status, attempts, next attempt, last error")
  @ApiResponse(responseCode = "200", description = "The mail")
  @ApiResponse(responseCode = "404", description = "No such mail", content = @Content(mediaType = "application/problem+json"))
  public OutboxMail get(@PathVariable("id") long id) {
    return outbox.get(id);
  }

  @PostMapping("/api/admin/mail-outbox/{id}/retry")
  @Operation(summary = "Re-queue a FAILED mail",
      description = "After the cause is fixed (SMTP server, address, the data a mail is rendered from): the mail is "
          + "PENDING again, due at once, with a fresh count of attempts. A mail that could not be rendered (renderFailed) "
          + "is rendered now, with the values as of now. 409 when the mail is not FAILED (a WITHDRAWN mail is never "
          + "re-queued: the detail says when and why it was withdrawn), or still cannot be rendered (the detail names "
          + "the cause; the mail stays as it was).")
  @ApiResponse(responseCode = "200", description = "The mail, PENDING again")
  @ApiResponse(responseCode = "404", description = "No such mail", content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "Not FAILED (a WITHDRAWN mail: when and why), or still cannot be rendered",
      content = @Content(mediaType = "application/problem+json"))
  public OutboxMail retry(@PathVariable("id") long id, Principal principal) {
    return outbox.requeue(id, principal.getName());
  }
}
