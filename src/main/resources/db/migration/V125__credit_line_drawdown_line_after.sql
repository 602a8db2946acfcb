-- What the line stood at right after each drawdown was booked (creditline.CreditLineService#book, under the line's row
-- lock, in the booking's transaction): its limit then and what was left to draw (limit - the drawdowns' outstanding
-- principal, this one included - what pending requests reserved, never below 0). The borrower's payout notice
-- (DRAWDOWN_BOOKED, 本次提款后额度可用余额) states these, however late it is rendered: a notice queued FAILED and
-- re-queued by an operator days later, or one of two drawdowns booked moments apart, still tells what remained after
-- that drawdown, not the line as it stands when the mail is rendered.
-- Drawdowns booked before this version keep NULL: what their lines stood at then cannot be rebuilt (repayments and
-- reservations since are not replayed), and their notices were rendered when they were booked; a notice of theirs
-- rendered later (a re-queue) reads the line as it stands then, as before.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
ALTER TABLE credit_line_drawdown ADD COLUMN line_limit_after DECIMAL(18, 2);
ALTER TABLE credit_line_drawdown ADD COLUMN line_available_after DECIMAL(18, 2);
