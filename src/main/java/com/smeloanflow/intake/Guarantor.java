package com.smeloanflow.intake;

/**
 * A guarantor named in an application (保证人): a person (resident ID number) or an enterprise (unified
 * social credit code), and how they relate to the borrower.
 *
 * @param seq      1 for the first guarantor of the application
 * @param partyId  the resident ID number of a person or the credit code of an enterprise
 */
public record Guarantor(int seq, PartyType partyType, String name, String partyId, GuarantorRelation relation, String mobile) {

  /** Who can stand guarantee. */
  public enum PartyType {
    PERSON("自然人"),
    ENTERPRISE("企业");

    private final String label;

    PartyType(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public String describe() {
    return name + " (" + partyType.label() + ", " + relation.label() + ")";
  }
}
