package com.smeloanflow.campaign;

import java.util.Arrays;
import java.util.Optional;

/**
 * The columns of a whitelist file. The header names each column by its key or its Chinese name, in any
 * order; every column but the legal representative's ID number is required.
 */
public enum WhitelistColumn {
  CREDIT_CODE("creditCode", "统一社会信用代码", true),
  ENTERPRISE_NAME("enterpriseName", "企业名称", true),
  LEGAL_REP_NAME("legalRepName", "法定代表人", true),
  MOBILE("mobile", "手机号码", true),
  ESTIMATED_LIMIT("estimatedLimit", "预估额度", true),
  SUGGESTED_PRODUCT("suggestedProduct", "建议产品", true),
  SOURCE_MODEL("sourceModel", "来源模型", true),
  SOURCE_DATE("sourceDate", "模型日期", true),
  LEGAL_REP_ID_NUMBER("legalRepIdNumber", "法定代表人身份证号", false);

  private final String key;
  private final String label;
  private final boolean required;

  WhitelistColumn(String key, String label, boolean required) {
    this.key = key;
    this.label = label;
    this.required = required;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public boolean required() {
    return required;
  }

  /** The column a header cell names (its key, case-insensitive, or its Chinese name). */
  static Optional<WhitelistColumn> named(String header) {
    String name = header.trim();
    return Arrays.stream(values()).filter(c -> c.key.equalsIgnoreCase(name) || c.label.equals(name)).findFirst();
  }
}
