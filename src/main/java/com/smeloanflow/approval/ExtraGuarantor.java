package com.smeloanflow.approval;

import com.smeloanflow.intake.Guarantor;
import com.smeloanflow.intake.GuarantorRelation;

/** A guarantor an approval adds as a condition (追加保证人): a real, named guarantee. */
public record ExtraGuarantor(Guarantor.PartyType type, String name, String partyId, GuarantorRelation relation) {

  public String describe() {
    return name + " (" + type.label() + " " + partyId + ", " + relation.label() + ")";
  }
}
