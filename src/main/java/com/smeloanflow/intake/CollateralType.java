package com.smeloanflow.intake;

public enum CollateralType {
  RESIDENTIAL_PROPERTY("住宅房产"),
  COMMERCIAL_PROPERTY("商业房产"),
  INDUSTRIAL_PROPERTY("工业厂房"),
  LAND_USE_RIGHT("土地使用权"),
  EQUIPMENT("机器设备");

  private final String label;

  CollateralType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
