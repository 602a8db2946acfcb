-- The first business date a reversal's penalty charge covers (RepaymentService.chargeDaysTheClosesTookAsPaid): the
-- days it charged of one instalment are charged_from to charged_through, one range (the days no close charged, and
-- before them the days closes charged on the principal a part payment left). Shown with the reversed repayment
-- (reversalPenaltyCharges of the repayment in GET /api/loans/{loanId}), so that a collector or the borrower's manager
-- reading a reversed repayment sees which days its reversal charged, and how much. Null on charges booked before this
-- version: the date the instalment had been charged through before the reversal was not kept, so it cannot be derived.
-- One schema for H2 and PostgreSQL.
ALTER TABLE reversal_penalty_charge ADD COLUMN charged_from DATE;
