package com.smeloanflow.processing.source;

/**
 * The tax authority's credit rating of a taxpayer (纳税信用等级), best first: A, B, M (newly
 * established or no income in the year rated), C, D.
 */
public enum TaxRating {
  A, B, M, C, D
}
