package com.smeloanflow.servicing;

import java.util.List;

/** One page of the staff list of loans: the loans, the page (from 0), its size and how many loans match. */
public record LoanPage(List<LoanSummary> loans, int page, int size, long total) {}
