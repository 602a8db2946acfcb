package com.smeloanflow.processing.source;

/** The bank's industry policy for the enterprise's industry (行业景气度). */
public enum IndustryOutlook {
  GROWING, STABLE, DECLINING
}
